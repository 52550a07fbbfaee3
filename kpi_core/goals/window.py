"""The deadline a goal sentence gives: "за 3 месяца", "in 6 months", "к концу квартала", "by June" (the goal ends
on the last day of May), "до 31.12.2026", "к 31 марта", "by the end of Q2", "в 2026 году", "к лету".

>>> import datetime as dt
>>> deadline_of("увеличить выручку на 20% к концу 2 квартала", dt.date(2026, 1, 15))
datetime.date(2026, 6, 30)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from kpi_core.compute.periods import add_months
from kpi_core.goals.phrases import GoalParseError

MAY_FORMS = ("май", "мая", "мае", "маю", "маем")  # a two-letter stem would match "магазин", "маркетплейс"
RU_MONTHS = ("январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
EN_MONTHS = tuple(calendar.month_name[1:13])
# a season's first and last month, by the forms its name takes ("к лету", "до конца лета", "by summer")
SEASONS = {
    (3, 5): ("весна", "весны", "весне", "весну", "spring"),
    (6, 8): ("лето", "лета", "лету", "summer"),
    (9, 11): ("осень", "осени", "autumn", "fall"),
    (12, 2): ("зима", "зимы", "зиме", "зиму", "winter"),
}
QUARTER_WORDS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}
WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "nine": 9, "twelve": 12}
# "к прошлому году", "year over year": the baseline, not the window
BASELINE_WORDS = (
    r"year.over.year|\byoy\b|г/г|год к году|(к|относительно|против|по сравнению с) (прошл|предыдущ)\w* (год|период)\w*|"
    r"(vs\.?|versus|compared (to|with)|against|than) (the )?(last|previous|prior) (year|period)"
)


class GoalDateError(GoalParseError):
    """The sentence gives a deadline that is not a real date (31.02.2027)."""

    def __init__(self, written: str) -> None:
        super().__init__()
        ValueError.__init__(self, f"there is no such date as {written}; check the day and the month")
        self.written = written


def month_index(word: str) -> int | None:
    """1–12 for a month's name in any case form ("апреля", "june", "sep"), else None."""
    for index, stem in enumerate(RU_MONTHS):
        if (word in MAY_FORMS) if stem == "май" else word.startswith(stem):
            return index + 1
    for index, name in enumerate(EN_MONTHS):
        if word == name.lower() or (len(word) >= 3 and name.lower().startswith(word)):
            return index + 1
    return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _next_end(today: dt.date, month: int) -> dt.date:
    """The last day of ``month`` this year, or next year when it has passed."""
    end = _month_end(today.year, month)
    return end if end >= today else _month_end(today.year + 1, month)


def _day_before(today: dt.date, month: int) -> dt.date:
    """The day before the next 1st of ``month`` ("by June": the goal ends on the last day of May)."""
    first = dt.date(today.year, month, 1)
    if first <= today:
        first = dt.date(today.year + 1, month, 1)
    return first - dt.timedelta(days=1)


def _day_of_month(text: str, today: dt.date) -> dt.date | None:
    """The day a sentence names ("к 31 марта", "by March 31", "until the 15th of May"), this year or the next."""
    found = [
        (m.group(1), m.group(2))
        for m in re.finditer(
            r"(?:до|к|по|by|until|before)\s+(?:the\s+)?(\d{1,2})(?:-?го|st|nd|rd|th)?\s+(?:of\s+)?([a-zа-я]+)", text
        )
    ] + [
        (m.group(2), m.group(1))
        for m in re.finditer(r"(?:by|until|before)\s+([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d.])", text)
    ]
    for day_text, month_text in found:
        month = month_index(month_text)
        if month is None:
            continue
        for year in (today.year, today.year + 1):
            try:
                day = dt.date(year, month, int(day_text))
            except ValueError:
                raise GoalDateError(f"{day_text} {month_text}") from None
            if day >= today:
                return day
    return None


def _named_period(text: str, today: dt.date) -> dt.date | None:
    """A year ("в 2026 году", "by 2027") or a numbered quarter ("к концу 2 квартала", "by Q3")."""
    before = (
        r"(?:(к|ко|до|by|until|before)\s+(конц\w*\s+|the end of\s+)?|(?:в|во|in|за|for|during|end of|по итогам)\s+)"
    )
    year = re.search(before + r"(20\d\d)(?!\d)(?:\s*(?:год\w*|г\.))?", text)
    if year:
        value = int(year.group(3))
        return dt.date(value - 1 if year.group(1) and not year.group(2) else value, 12, 31)
    quarter = re.search(
        r"(?:" + before + r")?(?:q([1-4])\b|([1-4])(?:-?(?:й|го|м|му|ом))?\s+квартал\w*|"
        r"(перв|втор|трет|четверт|iv|iii|ii|i)\w*\s+квартал\w*)",
        text,
    )
    if not quarter or re.search(r"(?:за|в течение)\s+[2-4]\s+квартал(?:а|ов)\b", text):  # "за 2 квартала": a span
        return None
    number = int(quarter.group(3) or quarter.group(4) or 0) or QUARTER_WORDS[quarter.group(5)]
    if quarter.group(1) and not quarter.group(2):  # "by Q3": before the quarter begins
        return _day_before(today, 3 * number - 2)
    return _next_end(today, 3 * number)


def _span_end(today: dt.date, amount: int, unit: str) -> dt.date:
    """The last day of a span of ``amount`` months, quarters, years, weeks or days from ``today``."""
    months = {"мес": 1, "month": 1, "квартал": 3, "quarter": 3, "год": 12, "лет": 12, "year": 12}
    for stem, count in months.items():
        if unit.startswith(stem):
            return add_months(today, count * amount) - dt.timedelta(days=1)
    if unit.startswith(("недел", "week")):
        return today + dt.timedelta(days=7 * amount - 1)
    return today + dt.timedelta(days=amount - 1)


def deadline_of(text: str, today: dt.date) -> dt.date | None:
    """The deadline a normalized sentence states, or None when it gives no time (the start is ``today``)."""
    text = re.sub(BASELINE_WORDS, " ", text)
    explicit = re.search(
        r"(?:до|к|по|by|until|before)\s+(\d{1,2})\.(\d{1,2})\.(\d{4})|(?:до|к|by|until|before)\s+(\d{4})-(\d{2})-(\d{2})",
        text,
    )
    if explicit:
        d, m, y, y2, m2, d2 = explicit.groups()
        try:
            return dt.date(int(y or y2), int(m or m2), int(d or d2))
        except ValueError:
            raise GoalDateError(explicit.group(0).split()[-1]) from None
    named = _day_of_month(text, today) or _named_period(text, today)
    if named:
        return named
    if re.search(r"полгод\w*|пол года|half a year|six months", text):
        return add_months(today, 6) - dt.timedelta(days=1)
    span = re.search(
        r"(?<!\w)(?:за|в течение|in|within|over(?: the next)?|during)\s+(?:the\s+)?(?:next\s+)?"
        r"(\d+|[a-zа-я]+)?\s*(месяц\w*|мес\.?|недел\w*|дн\w*|день|год\w*|лет\b|квартал\w*|полгода|"
        r"months?|weeks?|days?|years?|quarters?)",
        text,
    )
    if span:
        amount_text, unit = span.groups()
        amount = 1
        if amount_text:
            amount = int(amount_text) if amount_text.isdigit() else WORD_NUMBERS.get(amount_text, 0) or 1
        try:
            return _span_end(today, amount, unit)
        except (ValueError, OverflowError):  # "за 1000000 лет": past the last date there is
            raise GoalDateError(span.group(0)) from None
    if re.search(r"квартал|quarter", text):
        return _month_end(today.year, ((today.month - 1) // 3 + 1) * 3)
    if re.search(r"(к|до) конц\w* года|end of (the )?year|this year|в этом году|(к|до) нов\w* год\w*|new year", text):
        return dt.date(today.year, 12, 31)
    if re.search(r"(к|до) конц\w* месяц\w*|end of (the )?month|this month|в этом месяце", text):
        return _month_end(today.year, today.month)
    for match in re.finditer(
        r"(?<!\w)(?:(к|до|by|until|before)\s+(конц\w*\s+|the end of\s+)?|(в|in|end of)\s+)([a-zа-я]+)", text
    ):
        word, inclusive = match.group(4), bool(match.group(2) or match.group(3))
        month = month_index(word)
        season = next((months for months, forms in SEASONS.items() if word in forms), None)
        if month is None and season is None:
            continue
        first, last = season or (month, month)
        assert first is not None and last is not None  # a month or a season was found
        return _next_end(today, last) if inclusive else _day_before(today, first)
    return None
