"""Measures (what is stored) and KPI definitions (what is computed from them).

Every KPI is a formula over one period's *summed* measures (see ``compute``), so ratio KPIs are
ratios of sums. Percent KPIs are in percent points (2.5 means 2.5 %), durations in seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kpi_core.formula import Node, formula_measures, parse_formula

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


@dataclass(frozen=True)
class Measure:
    """A stored daily quantity, with the column names that mean it in real exports."""

    id: str
    group: str
    name_ru: str
    name_en: str
    synonyms: tuple[str, ...]
    semi_additive: bool = False
    unit: str = "count"


@dataclass(frozen=True)
class KPI:
    """A KPI: a formula over a period's summed measures, with its meaning in both languages."""

    id: str
    name_ru: str
    name_en: str
    definition_ru: str
    definition_en: str
    formula: str
    unit: str  # count | percent | money | duration | ratio | score
    good: str  # up | down
    objectives: tuple[str, ...]
    channels: tuple[str, ...] | None = None
    scale: float = 1.0
    growth: bool = False
    fallback: str | None = None
    tree: Node = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tree", parse_formula(self.formula, MEASURE_IDS))

    @property
    def additive(self) -> bool:
        """True when the KPI of a window is the sum of its periods (a "total" target makes sense)."""
        return (
            self.tree[0] in ("m", "+")
            and not self.growth
            and self.scale == 1.0
            and all(not MEASURES[m].semi_additive for m in self.measures)
        )

    @property
    def measures(self) -> set[str]:
        found = formula_measures(self.tree)
        if self.fallback:
            found |= formula_measures(parse_formula(self.fallback, MEASURE_IDS))
        return found

    @property
    def formula_text(self) -> str:
        """The formula as shown to users: ``(bounces / sessions) × 100``, channel filters in brackets."""
        text = self.formula
        if self.growth:
            text = f"({text} / previous period − 1) × 100"
        if self.scale != 1.0:
            text = f"({text}) × {self.scale:g}"
        if self.channels:
            text = f"{text} [{', '.join(self.channels)}]"
        if self.fallback:
            text = f"{text}; {self.fallback} × {self.scale:g} without buyers"
        return text

    def name(self, lang: str) -> str:
        return self.name_ru if lang == "ru" else self.name_en

    def definition(self, lang: str) -> str:
        return self.definition_ru if lang == "ru" else self.definition_en


def _m(mid, group, ru, en, synonyms, semi=False, unit="count"):
    return Measure(mid, group, ru, en, tuple(s.lower() for s in synonyms), semi, unit)


MEASURE_LIST: tuple[Measure, ...] = (
    _m(
        "sessions",
        "traffic",
        "Визиты",
        "Sessions",
        ["sessions", "visits", "визиты", "визит", "сеансы", "сессии", "посещения"],
    ),
    _m(
        "visitors",
        "traffic",
        "Посетители",
        "Visitors",
        ["visitors", "users", "total users", "unique visitors", "посетители", "пользователи", "уникальные посетители"],
        semi=True,
    ),
    _m(
        "new_visitors",
        "traffic",
        "Новые посетители",
        "New visitors",
        ["new visitors", "new users", "новые посетители", "новые пользователи"],
        semi=True,
    ),
    _m(
        "pageviews",
        "traffic",
        "Просмотры",
        "Pageviews",
        ["pageviews", "page views", "views", "просмотры", "просмотры страниц"],
    ),
    _m("bounces", "traffic", "Отказы (визиты)", "Bounces", ["bounces", "отказы, визиты"]),
    _m(
        "session_duration_s",
        "traffic",
        "Время на сайте, всего (с)",
        "Total time on site (s)",
        ["session duration", "total session duration", "общее время на сайте"],
        unit="duration",
    ),
    _m(
        "orders",
        "sales",
        "Заказы",
        "Orders",
        ["orders", "transactions", "purchases", "заказы", "заказов", "покупки", "транзакции"],
    ),
    _m(
        "revenue",
        "sales",
        "Выручка",
        "Revenue",
        [
            "revenue",
            "sales",
            "total revenue",
            "purchase revenue",
            "income",
            "выручка",
            "доход",
            "продажи",
            "оборот",
            "сумма продаж",
        ],
        unit="money",
    ),
    _m("buyers", "sales", "Покупатели", "Buyers", ["buyers", "customers", "покупатели"], semi=True),
    _m(
        "new_customers",
        "sales",
        "Новые клиенты",
        "New customers",
        ["new customers", "new buyers", "новые клиенты", "новые покупатели"],
    ),
    _m(
        "repeat_orders",
        "sales",
        "Повторные заказы",
        "Repeat orders",
        ["repeat orders", "returning orders", "повторные заказы", "повторные покупки"],
    ),
    _m("leads", "sales", "Лиды", "Leads", ["leads", "lead", "лиды", "заявки", "обращения", "лидов"]),
    _m(
        "deals_won",
        "sales",
        "Успешные сделки",
        "Deals won",
        ["deals won", "won deals", "deals", "сделки", "успешные сделки", "выигранные сделки"],
    ),
    _m(
        "deals_lost",
        "sales",
        "Проигранные сделки",
        "Deals lost",
        ["deals lost", "lost deals", "проигранные сделки", "проваленные сделки"],
    ),
    _m(
        "spend",
        "advertising",
        "Расход",
        "Spend",
        ["spend", "cost", "amount spent", "ad spend", "расход", "расходы", "затраты", "потрачено", "бюджет рекламы"],
        unit="money",
    ),
    _m("impressions", "advertising", "Показы", "Impressions", ["impressions", "impr.", "показы"]),
    _m("clicks", "advertising", "Клики", "Clicks", ["clicks", "link clicks", "клики", "переходы"]),
    _m("reach", "awareness", "Охват", "Reach", ["reach", "охват"], semi=True),
    _m("mentions", "awareness", "Упоминания", "Mentions", ["mentions", "упоминания"]),
    _m("likes", "awareness", "Лайки", "Likes", ["likes", "reactions", "лайки", "отметки нравится"]),
    _m("comments", "awareness", "Комментарии", "Comments", ["comments", "комментарии"]),
    _m("shares", "awareness", "Репосты", "Shares", ["shares", "reposts", "репосты", "поделились"]),
    _m(
        "requests",
        "customer",
        "Обращения в поддержку",
        "Support requests",
        ["requests", "tickets", "support requests", "обращения в поддержку", "тикеты"],
    ),
    _m(
        "response_time_s",
        "customer",
        "Время ответа, всего (с)",
        "Total response time (s)",
        ["total response time", "общее время ответа"],
        unit="duration",
    ),
    _m("nps_promoters", "customer", "Промоутеры", "Promoters", ["promoters", "промоутеры"]),
    _m("nps_passives", "customer", "Нейтральные", "Passives", ["passives", "нейтралы", "нейтральные"]),
    _m("nps_detractors", "customer", "Критики", "Detractors", ["detractors", "критики"]),
)
MEASURES: dict[str, Measure] = {m.id: m for m in MEASURE_LIST}
MEASURE_IDS = frozenset(MEASURES)

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


def get_kpi(kpi_id: str) -> KPI:
    """The catalog KPI ``kpi_id``; ``KeyError`` names the unknown id."""
    try:
        return KPIS[kpi_id]
    except KeyError:
        raise KeyError(f"unknown KPI '{kpi_id}'") from None


def kpis_for_objective(objective: str) -> list[KPI]:
    """Catalog KPIs tagged with ``objective``, in catalog order."""
    return [k for k in KPI_LIST if objective in k.objectives]


def measure_for_header(header: str) -> str | None:
    """The measure a column header names, by exact RU/EN synonym (case and spacing ignored)."""
    full = " ".join(str(header).strip().lower().replace("ё", "е").split())
    # "Выручка, ₽", "Расход (руб.)", "Amount spent (RUB)": the unit is not part of the name.
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", full)
    bare = re.sub(r",\s*[^,]{1,6}$", "", bare).strip()
    for key in dict.fromkeys((full, bare)):
        for measure in MEASURE_LIST:
            if key == measure.id or key in (s.replace("ё", "е") for s in measure.synonyms):
                return measure.id
    return None
