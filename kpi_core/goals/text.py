"""One sentence → a goal: KPI, target kind and value, window, objective. Russian and English, no network.

>>> import datetime as dt
>>> parse_goal("Привлечь 100 новых клиентов за 3 месяца", today=dt.date(2026, 1, 1))["kpi"]
'new_customers'

The parser is a small set of word stems and patterns (Russian words are matched by their stems,
so "выручку", "выручки" and "выручка" all name revenue):

* the KPI comes from the most specific phrase found ("стоимость привлечения клиента" before "клиент");
* "на 20%", "by 20%", "+20%" make a change target; "удвоить"/"double"/"в 2 раза" mean +100 %;
  "снизить … на 20%" is −20; "до 2,5%", "to 2.5%" make a level; a count with "привлечь"/"get" a total;
* "15 минут" is 900 seconds; "1,5 млн", "10k" and "1 000" are numbers;
* the window: "за 3 месяца", "за полгода", "in 6 months", "within a year", "this quarter",
  "к концу квартала", "by June" (the goal ends on the last day of May), "до 31.12.2026".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from kpi_core.catalog.registry import KPIS
from kpi_core.compute.periods import add_months

EXAMPLES = {
    "ru": "Увеличить онлайн-продажи на 20% за 3 месяца",
    "en": "Increase online sales by 20% in 3 months",
}


class GoalParseError(ValueError):
    """A sentence the parser cannot read; the message gives an example it can."""

    def __init__(self) -> None:
        super().__init__(
            f'the sentence names no KPI or target the app knows; try e.g. "{EXAMPLES["en"]}" or "{EXAMPLES["ru"]}"'
        )


# (pattern on the lower-cased sentence, KPI id), most specific first
KPI_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"стоимост\w* привлечени\w*|\bcac\b|customer acquisition cost|cost to acquire", "cac"),
    (r"стоимост\w* (заявк|лид|обращени)\w*|цен\w* (заявк|лид)\w*|\bcpl\b|cost per lead", "cpl"),
    (r"стоимост\w* заказ\w*|\bcpo\b|cost per order", "cpo"),
    (r"стоимост\w* клик\w*|цен\w* клик\w*|\bcpc\b|cost per click", "cpc"),
    (r"\bдрр\b|дол\w* рекламн\w* расход\w*|\bacos\b", "drr"),
    (r"\bromi\b|окупаемост\w*", "romi"),
    (r"\broas\b", "roas"),
    (r"\bctr\b|кликабельност\w*", "ctr"),
    (r"\bnps\b|индекс\w* лояльност\w*|лояльност\w*|net promoter", "nps"),
    (r"врем\w* ответ\w*|скорост\w* ответ\w*|response time|time to (respond|reply)", "avg_response_time"),
    (r"врем\w* на сайте|time on (the )?site|session duration|длительност\w* (визит|сеанс)\w*", "avg_session_duration"),
    (r"отказ\w*|bounce", "bounce_rate"),
    (r"средн\w* чек\w*|average order value|\baov\b|average (check|basket)", "average_order_value"),
    (r"повторн\w* (покуп|заказ|продаж)\w*|repeat (purchase|order|customer)\w*", "repeat_purchase_rate"),
    (r"конверси\w* (в )?(заявк|лид)\w*|lead conversion", "lead_conversion"),
    (r"конверси\w* (заявок |лидов )?в (продаж|сделк|клиент)\w*|lead.to.customer|close rate", "lead_to_customer"),
    (r"конверси\w*|conversion", "conversion_rate"),
    (r"вовлеченност\w*|вовлечённост\w*|engagement rate", "engagement_rate"),
    (r"engagement\w*|лайк\w*|реакци\w*", "engagements"),
    (r"охват\w*|\breach\b(?!\s+\d)", "reach"),
    (r"упоминани\w*|mentions?", "mentions"),
    (r"органическ\w* (трафик|посещаемост|визит)\w*|seo.трафик\w*|organic (traffic|search|visits)", "organic_traffic"),
    (r"(трафик|переход)\w* из соц\w*|social (traffic|referrals)", "social_referrals"),
    (r"нов\w* (клиент|покупател|заказчик)\w*|new (customers?|clients?|buyers?)", "new_customers"),
    (r"(лид|заяв|обращени)\w*|\bleads?\b|inquir\w*|enquir\w*", "leads"),
    (r"сдел\w*|\bdeals?\b", "deals_won"),
    (r"заказ\w*|\borders?\b|purchases", "orders"),
    (r"выручк\w*|продаж\w*|доход\w*|оборот\w*|revenue|\bsales\b|income|turnover", "revenue"),
    (r"посетител\w*|уникальн\w*|visitors|\busers\b", "unique_visitors"),
    (r"посещаемост\w*|трафик\w*|визит\w*|сеанс\w*|traffic|visits|sessions", "sessions"),
)
AWARENESS_WORDS = r"узнаваемост\w*|awareness|бренд\w*|brand"

UP_WORDS = (
    r"увелич\w*|повыс\w*|подня\w*|нарасти\w*|выраст\w*|рост\w*|удво\w*|утро\w*|привлеч\w*|получ\w*|достич\w*|"
    r"добить\w*|довести|increase\w*|grow\w*|raise\w*|boost\w*|double|triple|get|reach|attract\w*|win|achieve|"
    r"improve\w*|улучш\w*"
)
DOWN_WORDS = r"сниз\w*|сократ\w*|уменьш\w*|пониз\w*|reduce\w*|cut|lower\w*|decrease\w*|bring down|minimi[sz]e"

MULTIPLIERS = {
    "тыс": 1e3,
    "тыс.": 1e3,
    "k": 1e3,
    "млн": 1e6,
    "m": 1e6,
    "million": 1e6,
    "thousand": 1e3,
    "миллион": 1e6,
    "миллиона": 1e6,
    "миллионов": 1e6,
    "тысяч": 1e3,
    "тысячи": 1e3,
}
NUMBER = r"(\d[\d\s\u00a0]*(?:[.,]\d+)?)\s*(тыс\.?|млн|k|m|million|thousand|миллион\w*|тысяч\w*)?(?![\w])"
TIMES = {"два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "2": 2, "3": 3, "4": 4, "5": 5, "дважды": 2}
DURATION_UNITS = (
    (r"секунд\w*|сек\.?|seconds?|secs?", 1),
    (r"минут\w*|мин\.?|minutes?|mins?", 60),
    (r"час\w*|hours?|hrs?", 3600),
)
MAY_FORMS = ("май", "мая", "мае", "маю", "маем")  # a two-letter stem would match "магазин", "маркетплейс"
RU_MONTHS = ("январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
EN_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WORD_NUMBERS = {
    "один": 1,
    "одну": 1,
    "одного": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "девять": 9,
    "двенадцать": 12,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "six": 6,
    "nine": 9,
    "twelve": 12,
    "a": 1,
    "an": 1,
}


class GoalDateError(GoalParseError):
    """The sentence gives a deadline that is not a real date (31.02.2027)."""

    def __init__(self, written: str) -> None:
        ValueError.__init__(self, f"there is no such date as {written}; check the day and the month")
        self.written = written


def _number(text: str, suffix: str | None) -> float:
    value = float(re.sub(r"[\s\u00a0]", "", text).replace(",", "."))
    return value * MULTIPLIERS.get((suffix or "").strip(), 1.0)


def _month_index(word: str) -> int | None:
    for index, stem in enumerate(RU_MONTHS):
        if (word in MAY_FORMS) if stem == "май" else word.startswith(stem):
            return index + 1
    for index, name in enumerate(EN_MONTHS):
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return index + 1
    return None


def _window(text: str, today: dt.date) -> tuple[dt.date, dt.date | None]:
    """Start and deadline from the sentence's time phrase (start is today unless a date says otherwise)."""
    explicit = re.search(
        r"(?:до|к|by|until|before)\s+(\d{1,2})\.(\d{1,2})\.(\d{4})|(?:до|к|by|until|before)\s+(\d{4})-(\d{2})-(\d{2})",
        text,
    )
    if explicit:
        d, m, y, y2, m2, d2 = explicit.groups()
        try:
            return today, dt.date(int(y or y2), int(m or m2), int(d or d2))
        except ValueError:
            raise GoalDateError(explicit.group(0).split()[-1]) from None
    if re.search(r"полгод\w*|пол года|half a year|six months", text):
        return today, add_months(today, 6) - dt.timedelta(days=1)
    span = re.search(
        r"(?:за|в течение|in|within|over(?: the next)?|during)\s+(?:the\s+)?(?:next\s+)?"
        r"(\d+|[a-zа-я]+)?\s*(месяц\w*|мес\.?|недел\w*|дн\w*|день|год\w*|лет|квартал\w*|полгода|"
        r"months?|weeks?|days?|years?|quarters?)",
        text,
    )
    if span:
        amount_text, unit = span.groups()
        amount = 1
        if amount_text:
            amount = int(amount_text) if amount_text.isdigit() else WORD_NUMBERS.get(amount_text, 0)
            if amount == 0:
                amount = 1
        if unit.startswith("полгода"):
            return today, add_months(today, 6) - dt.timedelta(days=1)
        if unit.startswith(("месяц", "мес", "month")):
            return today, add_months(today, amount) - dt.timedelta(days=1)
        if unit.startswith(("квартал", "quarter")):
            return today, add_months(today, 3 * amount) - dt.timedelta(days=1)
        if unit.startswith(("год", "лет", "year")):
            return today, add_months(today, 12 * amount) - dt.timedelta(days=1)
        if unit.startswith(("недел", "week")):
            return today, today + dt.timedelta(days=7 * amount - 1)
        return today, today + dt.timedelta(days=amount - 1)
    if re.search(r"квартал|quarter", text):
        quarter_end_month = ((today.month - 1) // 3 + 1) * 3
        return today, dt.date(today.year, quarter_end_month, calendar.monthrange(today.year, quarter_end_month)[1])
    if re.search(r"(к|до) конц\w* года|end of (the )?year|this year|в этом году", text):
        return today, dt.date(today.year, 12, 31)
    if re.search(r"(к|до) конц\w* месяц\w*|end of (the )?month|this month|в этом месяце", text):
        return today, dt.date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    for match in re.finditer(
        r"(?:(к|до|by|until|before)\s+(конц\w*\s+|the end of\s+)?|(в|in|end of)\s+)([a-zа-я]+)", text
    ):
        month = _month_index(match.group(4))
        if month is None:
            continue
        inclusive = bool(match.group(2) or match.group(3))
        year = today.year if month >= today.month else today.year + 1
        if inclusive:
            return today, dt.date(year, month, calendar.monthrange(year, month)[1])
        first = dt.date(year, month, 1)
        if first <= today:
            first = dt.date(year + 1, month, 1)
        return today, first - dt.timedelta(days=1)
    return today, None


def _objective(kpi_id: str, text: str) -> str:
    if re.search(AWARENESS_WORDS, text):
        return "awareness"
    objectives = KPIS[kpi_id].objectives
    return objectives[0]


def _unit(kpi_id: str, kind: str) -> str:
    if kind == "change":
        return "percent"
    return KPIS[kpi_id].unit


def parse_goal(text: str, today: dt.date) -> dict:
    """The goal a sentence states: {kpi, kind, target, unit, start, deadline, objective}; GoalParseError if unreadable.

    ``start`` and ``deadline`` are ISO dates (``deadline`` is None when the sentence gives no time).
    """
    raw = " ".join(str(text).lower().replace("ё", "е").replace("–", "-").replace("—", "-").split())
    if not raw or len(raw) > 300:
        raise GoalParseError
    kpi_id = next((candidate for pattern, candidate in KPI_PATTERNS if re.search(pattern, raw)), None)
    if kpi_id is None:
        raise GoalParseError
    down = bool(re.search(DOWN_WORDS, raw))
    kpi = KPIS[kpi_id]
    kind = target = None

    multiple = re.search(r"\b(удво\w*|double\w*)|\b(утро\w*|triple\w*)|в\s+(\w+)\s+раз\w*|(вдвое|втрое)|(\d+)x\b", raw)
    percent = re.search(r"(?:на|by|\+|-|−)\s*" + r"(\d[\d\s]*(?:[.,]\d+)?)\s*(%|процент\w*|percent|pp|п\.п\.)", raw)
    level_percent = re.search(
        r"(?:до|to|≥|>=|не ниже|не выше|at least|at most|above|below|under|at)\s*"
        r"(\d[\d\s]*(?:[.,]\d+)?)\s*(%|процент\w*|percent)",
        raw,
    )
    duration = None
    for unit_pattern, seconds in DURATION_UNITS:
        found = re.search(NUMBER + r"\s*(?:" + unit_pattern + r")(?![\w])", raw)
        if found:
            duration = _number(found.group(1), None) * seconds
            break

    if multiple:
        if multiple.group(1) or multiple.group(4) == "вдвое":
            factor = 2
        elif multiple.group(2) or multiple.group(4) == "втрое":
            factor = 3
        elif multiple.group(3):
            factor = TIMES.get(multiple.group(3), 0)
        else:
            factor = int(multiple.group(5))
        if factor >= 2:
            kind = "change"
            target = -(1 - 1 / factor) * 100 if down else (factor - 1) * 100.0
    if kind is None and percent and not (level_percent and level_percent.start() < percent.start()):
        kind, target = "change", _number(percent.group(1), None)
        sign = raw[percent.start()]
        if down or sign in "-−":
            target = -target
    if kind is None and level_percent:
        kind, target = "level", _number(level_percent.group(1), None)
    if kind is None and duration is not None and kpi.unit == "duration":
        kind, target = "level", duration
    if kind is None:
        numbers = [m for m in re.finditer(NUMBER, raw) if not _is_time_number(raw, m)]
        if numbers:
            number = numbers[0]
            value = _number(number.group(1), number.group(2))
            level_word = re.search(r"(до|to|не ниже|at least|at most|не выше|under|below)\s*$", raw[: number.start()])
            if kpi.additive and not level_word:
                kind, target = "total", value
            else:
                kind, target = "level", value
    if kind is None:
        raise GoalParseError
    assert target is not None  # every branch that sets kind also sets target
    start, deadline = _window(raw, today)
    return {
        "kpi": kpi_id,
        "kind": kind,
        "target": round(float(target), 6),
        "unit": _unit(kpi_id, kind),
        "start": start.isoformat(),
        "deadline": deadline.isoformat() if deadline else None,
        "objective": _objective(kpi_id, raw),
    }


def _is_time_number(text: str, match: re.Match) -> bool:
    """A number that counts months, weeks or days of the window, or is part of a date."""
    after = text[match.end() : match.end() + 12]
    before = text[max(0, match.start() - 12) : match.start()]
    if re.match(r"\s*(месяц|мес|недел|дн|день|год|лет|квартал|month|week|day|year|quarter)", after):
        return True
    if re.match(r"[.\-/]\d", text[match.end() : match.end() + 2]) or re.search(r"\d[.\-/]$", before):
        return True
    return bool(re.match(r"\d{4}$", match.group(1).strip())) and int(match.group(1).strip()) > 1900


# The method's example goals, offered as templates: (Russian sentence, English sentence).
TEMPLATES: dict[str, tuple[str, str]] = {
    "sales": ("Увеличить онлайн-продажи на 20% за 3 месяца", "Increase online sales by 20% in 3 months"),
    "customers": ("Привлечь 100 новых клиентов за 3 месяца", "Get 100 new customers in 3 months"),
    "traffic": ("Повысить посещаемость сайта на 50% за полгода", "Grow site traffic by 50% in 6 months"),
    "awareness": ("Увеличить охват в 2 раза за квартал", "Double reach this quarter"),
    "service": (
        "Сократить время ответа до 15 минут за 2 месяца",
        "Lower average response time to 15 minutes in 2 months",
    ),
}


# what a file brings → the goal template that fits it best (the first objective whose measures it has)
_SUGGESTED = (
    ("sales", {"revenue", "orders"}),
    ("customers", {"new_customers", "leads", "deals_won"}),
    ("traffic", {"sessions", "visitors"}),
    ("awareness", {"reach", "impressions"}),
)


def suggested_goal(measures: set[str], lang: str) -> str:
    """A goal sentence to start from, picked by what the imported data holds.

    >>> suggested_goal({"sessions", "bounces"}, "ru"), suggested_goal({"orders", "sessions"}, "en")
    ('Повысить посещаемость сайта на 50% за полгода', 'Increase online sales by 20% in 3 months')
    """
    objective = next((name for name, wanted in _SUGGESTED if measures & wanted), "sales")
    return TEMPLATES[objective][lang == "en"]
