"""KPI definitions (what is computed from the measures of ``kpi_core.measures``).

Every KPI is a formula over one period's *summed* measures (see ``compute``), so ratio KPIs are
ratios of sums. Percent KPIs are in percent points (2.5 means 2.5 %), durations in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import replace

from kpi_core.kpi import KPI
from kpi_core.measures import MEASURE_IDS, MEASURE_LIST, MEASURES, Measure, measure_for_header

OBJECTIVES = ("sales", "traffic", "awareness", "customer")
CHANNELS = (
    "all",
    "organic",
    "paid_search",
    "paid_social",
    "social",
    "direct",
    "referral",
    "email",
    "messenger",
    "display",
    "internal",
    "other",
)
PAID_CHANNELS = ("paid_search", "paid_social", "display")


_S, _T, _A, _C = "sales", "traffic", "awareness", "customer"

KPI_LIST: tuple[KPI, ...] = (
    KPI(
        "unique_visitors",
        "Уникальные посетители",
        "Unique visitors",
        "Сколько разных людей зашло на сайт (за неделю или месяц — сумма дневных уникальных).",
        "How many different people visited the site (for a week or month: sum of daily uniques).",
        "visitors",
        "count",
        "up",
        (_T, _A),
    ),
    KPI(
        "sessions",
        "Визиты",
        "Sessions",
        "Сколько раз заходили на сайт.",
        "How many visits the site received.",
        "sessions",
        "count",
        "up",
        (_T,),
    ),
    KPI(
        "organic_traffic",
        "Органический трафик",
        "Organic traffic",
        "Визиты из поисковых систем без рекламы.",
        "Visits from search engines, not from ads.",
        "sessions",
        "count",
        "up",
        (_T,),
        channels=("organic",),
    ),
    KPI(
        "organic_traffic_growth",
        "Рост органического трафика",
        "Organic traffic growth",
        "На сколько процентов органический трафик вырос к прошлому периоду.",
        "How much organic traffic grew against the previous period, in percent.",
        "sessions",
        "percent",
        "up",
        (_T,),
        channels=("organic",),
        growth=True,
    ),
    KPI(
        "avg_session_duration",
        "Среднее время на сайте",
        "Average time on site",
        "Сколько в среднем длится один визит.",
        "How long one visit lasts on average.",
        "session_duration_s / sessions",
        "duration",
        "up",
        (_T, _C),
    ),
    KPI(
        "social_referrals",
        "Переходы из соцсетей",
        "Social referrals",
        "Визиты, пришедшие из социальных сетей (с рекламой и без).",
        "Visits that came from social networks, paid or not.",
        "sessions",
        "count",
        "up",
        (_T, _A),
        channels=("social", "paid_social"),
    ),
    KPI(
        "bounce_rate",
        "Показатель отказов",
        "Bounce rate",
        "Доля визитов, в которых посетитель ушёл сразу, ничего не сделав.",
        "Share of visits that left at once without doing anything.",
        "bounces / sessions",
        "percent",
        "down",
        (_T,),
        scale=100.0,
    ),
    KPI(
        "conversion_rate",
        "Конверсия в покупку",
        "Conversion rate",
        "Доля посетителей, которые купили (или заказы на визит, если покупатели не выгружены).",
        "Share of visitors who bought (or orders per visit when buyers are not exported).",
        "buyers / visitors",
        "percent",
        "up",
        (_S, _T),
        scale=100.0,
        fallback="orders / sessions",
    ),
    KPI(
        "average_order_value",
        "Средний чек",
        "Average order value",
        "Сколько в среднем приносит один заказ.",
        "How much one order brings on average.",
        "revenue / orders",
        "money",
        "up",
        (_S,),
    ),
    KPI(
        "repeat_purchase_rate",
        "Доля повторных покупок",
        "Repeat purchase rate",
        "Доля заказов от тех, кто уже покупал.",
        "Share of orders from people who bought before.",
        "repeat_orders / orders",
        "percent",
        "up",
        (_S, _C),
        scale=100.0,
    ),
    KPI(
        "cac",
        "Стоимость привлечения клиента (CAC)",
        "Customer acquisition cost (CAC)",
        "Сколько рекламы стоит один новый клиент.",
        "How much advertising one new customer costs.",
        "spend / new_customers",
        "money",
        "down",
        (_S,),
    ),
    KPI(
        "revenue",
        "Выручка",
        "Revenue",
        "Сумма продаж за период.",
        "Sales in the period.",
        "revenue",
        "money",
        "up",
        (_S,),
    ),
    KPI(
        "orders",
        "Заказы",
        "Orders",
        "Сколько заказов сделано.",
        "How many orders were placed.",
        "orders",
        "count",
        "up",
        (_S,),
    ),
    KPI(
        "new_customers",
        "Новые клиенты",
        "New customers",
        "Сколько человек купили впервые.",
        "How many people bought for the first time.",
        "new_customers",
        "count",
        "up",
        (_S,),
    ),
    KPI(
        "romi",
        "ROMI",
        "ROMI",
        "Сколько процентов прибыли принёс каждый рубль рекламы: (выручка − расход) / расход.",
        "Return on marketing investment: (revenue − spend) / spend, in percent.",
        "(revenue - spend) / spend",
        "percent",
        "up",
        (_S,),
        scale=100.0,
    ),
    KPI(
        "roas",
        "ROAS",
        "ROAS",
        "Сколько выручки приносит рубль рекламы.",
        "Revenue brought by each unit of ad spend.",
        "revenue / spend",
        "ratio",
        "up",
        (_S,),
    ),
    KPI(
        "drr",
        "ДРР (доля рекламных расходов)",
        "Ad cost share (ACoS)",
        "Какая доля выручки ушла на рекламу.",
        "Share of revenue spent on advertising.",
        "spend / revenue",
        "percent",
        "down",
        (_S,),
        scale=100.0,
    ),
    KPI(
        "cpo",
        "Стоимость заказа (CPO)",
        "Cost per order (CPO)",
        "Сколько рекламы приходится на один заказ.",
        "Ad spend per order.",
        "spend / orders",
        "money",
        "down",
        (_S,),
    ),
    KPI(
        "lead_conversion",
        "Конверсия в заявку (CR1)",
        "Lead conversion (CR1)",
        "Доля визитов, закончившихся заявкой.",
        "Share of visits that ended with a lead.",
        "leads / sessions",
        "percent",
        "up",
        (_S, _T),
        scale=100.0,
    ),
    KPI(
        "deals_won",
        "Успешные сделки",
        "Deals won",
        "Сколько сделок закрыто успешно.",
        "How many deals were won.",
        "deals_won",
        "count",
        "up",
        (_S,),
    ),
    KPI(
        "lead_to_customer",
        "Конверсия заявки в продажу (CR2)",
        "Lead to customer (CR2)",
        "Доля заявок, ставших успешными сделками.",
        "Share of leads that became won deals.",
        "deals_won / leads",
        "percent",
        "up",
        (_S, _C),
        scale=100.0,
    ),
    KPI(
        "cpl",
        "Стоимость заявки (CPL)",
        "Cost per lead (CPL)",
        "Сколько рекламы стоит одна заявка.",
        "Ad spend per lead.",
        "spend / leads",
        "money",
        "down",
        (_S,),
    ),
    KPI(
        "ctr",
        "CTR",
        "CTR",
        "Доля показов рекламы, после которых кликнули.",
        "Share of ad impressions that got a click.",
        "clicks / impressions",
        "percent",
        "up",
        (_T, _A),
        scale=100.0,
    ),
    KPI(
        "cpc",
        "Цена клика (CPC)",
        "Cost per click (CPC)",
        "Сколько стоит один клик по рекламе.",
        "What one ad click costs.",
        "spend / clicks",
        "money",
        "down",
        (_T,),
    ),
    KPI(
        "reach",
        "Охват",
        "Reach",
        "Сколько людей увидели публикации или рекламу.",
        "How many people saw the posts or ads.",
        "reach",
        "count",
        "up",
        (_A,),
    ),
    KPI(
        "mentions",
        "Упоминания",
        "Mentions",
        "Сколько раз бренд упомянули.",
        "How many times the brand was mentioned.",
        "mentions",
        "count",
        "up",
        (_A,),
    ),
    KPI(
        "engagements",
        "Вовлечённость",
        "Engagements",
        "Лайки, комментарии и репосты вместе.",
        "Likes, comments and shares together.",
        "likes + comments + shares",
        "count",
        "up",
        (_A,),
    ),
    KPI(
        "engagement_rate",
        "Уровень вовлечённости",
        "Engagement rate",
        "Реакции (лайки, комментарии, репосты) на охваченного человека.",
        "Reactions (likes, comments, shares) per person reached.",
        "(likes + comments + shares) / reach",
        "percent",
        "up",
        (_A,),
        scale=100.0,
    ),
    KPI(
        "leads",
        "Заявки (лиды)",
        "Leads",
        "Сколько заявок оставили.",
        "How many leads came in.",
        "leads",
        "count",
        "up",
        (_S, _C),
    ),
    KPI(
        "avg_response_time",
        "Среднее время ответа",
        "Average response time",
        "Сколько в среднем клиент ждёт ответа.",
        "How long a customer waits for a reply on average.",
        "response_time_s / requests",
        "duration",
        "down",
        (_C,),
    ),
    KPI(
        "nps",
        "NPS (индекс лояльности)",
        "NPS (net promoter score)",
        "Промоутеры минус критики, в процентах от всех ответивших (от −100 до 100).",
        "Promoters minus detractors as a share of all who answered (−100 to 100).",
        "(nps_promoters - nps_detractors) / (nps_promoters + nps_passives + nps_detractors)",
        "score",
        "up",
        (_C,),
        scale=100.0,
    ),
)
KPIS: dict[str, KPI] = {k.id: k for k in KPI_LIST}


# A workspace's own KPIs, for the current unit of work (a script run, a command): see use_custom_kpis.
_CUSTOM: ContextVar[dict[str, KPI]] = ContextVar("custom_kpis", default={})  # noqa: B039 - never mutated
CUSTOM_PREFIX = "c_"
UNITS = ("count", "money", "percent", "ratio", "duration", "score")


def use_custom_kpis(kpis: Iterable[KPI]) -> None:
    """Make a workspace's own KPIs known (to ``get_kpi`` and ``all_kpis``) in this thread or task."""
    _CUSTOM.set({kpi.id: kpi for kpi in kpis})


def all_kpis() -> dict[str, KPI]:
    """The catalog plus the current workspace's own KPIs."""
    return {**KPIS, **_CUSTOM.get()}


def get_kpi(kpi_id: str) -> KPI:
    """The KPI ``kpi_id`` (catalog or the workspace's own); ``KeyError`` names the unknown id."""
    found = _CUSTOM.get().get(kpi_id) or KPIS.get(kpi_id)
    if found is None:
        raise KeyError(f"unknown KPI '{kpi_id}'")
    return found


def custom_kpi_id(name: str) -> str:
    """A stable id for a workspace's own KPI from its name: 'c_' and a slug."""
    slug = re.sub(r"[^a-z0-9а-я]+", "_", name.strip().lower().replace("ё", "е")).strip("_")[:50]
    return CUSTOM_PREFIX + (slug or "kpi")


def make_custom_kpi(kpi_id: str, name: str, formula: str, unit: str, good: str) -> KPI:
    """A KPI of the workspace's own from a formula over measures; FormulaError says what is wrong.

    >>> make_custom_kpi("c_profit", "Profit", "revenue - spend", "money", "up").additive
    False
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}")
    if good not in ("up", "down"):
        raise ValueError("good must be 'up' or 'down'")
    kpi = KPI(kpi_id, name, name, "", "", formula, unit, good, OBJECTIVES)
    return replace(
        kpi,
        definition_ru=f"Своя метрика: {kpi.formula_words('ru')}.",
        definition_en=f"Custom KPI: {kpi.formula_words('en')}.",
    )


def kpis_for_objective(objective: str) -> list[KPI]:
    """Catalog KPIs tagged with ``objective``, in catalog order."""
    return [k for k in KPI_LIST if objective in k.objectives]


__all__ = [
    "CHANNELS",
    "KPI",
    "KPIS",
    "KPI_LIST",
    "MEASURES",
    "MEASURE_IDS",
    "MEASURE_LIST",
    "OBJECTIVES",
    "PAID_CHANNELS",
    "Measure",
    "get_kpi",
    "kpis_for_objective",
    "measure_for_header",
]
