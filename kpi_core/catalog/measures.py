"""Measures: the daily quantities stored, with the column names that mean them in real exports."""

from __future__ import annotations

import re
from dataclasses import dataclass


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
        [
            "visitors",
            "users",
            "total users",
            "active users",
            "unique visitors",
            "посетители",
            "пользователи",
            "уникальные посетители",
        ],
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


def formula_name(measure: Measure, lang: str) -> str:
    """How a measure is written in a formula in a language: its id in English, its Russian name as
    one word in Russian («Время на сайте, всего (с)» → ``время_на_сайте``).

    >>> formula_name(MEASURES["deals_won"], "ru"), formula_name(MEASURES["deals_won"], "en")
    ('успешные_сделки', 'deals_won')
    """
    if lang != "ru":
        return measure.id
    words = measure.name_ru.split("(")[0].split(",")[0].strip().lower()
    return "_".join(words.replace("-", " ").split())


# a Russian formula name → the measure id it stands for
FORMULA_ALIASES = {formula_name(m, "ru"): m.id for m in MEASURE_LIST}
