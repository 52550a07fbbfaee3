"""One sentence → a goal: KPI, target kind and value, window, objective. Russian and English, no network.

>>> import datetime as dt
>>> parse_goal("Привлечь 100 новых клиентов за 3 месяца", today=dt.date(2026, 1, 1))["kpi"]
'new_customers'
>>> goal = parse_goal("По 250 лидов в неделю к апрелю", today=dt.date(2026, 1, 15))
>>> goal["kind"], goal["target"], goal["per"], goal["deadline"]
('level', 250.0, 'week', '2026-03-31')

The parser is a small set of word stems and patterns (Russian words are matched by their stems,
so "выручку", "выручки" and "выручка" all name revenue; the words are in ``phrases``):

* the KPI comes from the most specific phrase found ("стоимость привлечения клиента" before "клиент",
  "конверсия лида в сделку" and "lead-to-deal rate" before "конверсия");
* "на 20%", "by 20%", "+20%", "up 20%" make a change target, "снизить … на 20%" is −20; a bare "20%" is a
  level for a percent KPI and a change for any other;
* multipliers and fractions are changes: "удвоить", "double", "в 2,5 раза", "1.5x", "х2" (+100, +150, +50,
  +100), "сократить в 2 раза" and "halve" −50, "на треть" +33.3, "by a quarter" +25, "наполовину" ±50;
* "на 1,5 п.п.", "by 2 percentage points", "by 2 points" make a change in points: kind ``change`` with
  ``points`` True and the target in the KPI's own unit (``unit`` is the KPI's unit, not "percent");
* "до 2,5%", "to 2.5%", "не ниже 3%", "at least 3%", "не выше 20%", "under 20%" make a level; "from X to Y"
  and "с X до Y" make a level of Y, never X;
* a rate per period is a level and names its period in ``per`` ("по 250 лидов в неделю", "400 sign-ups a
  month": "week", "month", "day"; None when the sentence says none); a count with "привлечь"/"get" and no
  period is a total for an additive KPI;
* "15 минут" is 900 seconds; "3 млн", "4 тыс.", "4K", "2 000", "1,200" (English), "двести", "полтора
  миллиона", "two hundred" are numbers (``numbers``);
* the window (``window``): "за 3 месяца", "за полгода", "in 6 months", "within a year", "this quarter",
  "к концу квартала", "by June" (the goal ends on the last day of May), "до 31.12.2026", "к 31 марта",
  "by the end of Q2", "в 2026 году", "к лету".

An unreadable sentence raises ``GoalParseError``, whose ``examples`` hold the example nearest to it per
language (``closest_example``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from kpi_core.catalog.kpi import KPI
from kpi_core.catalog.registry import KPIS
from kpi_core.goals.numbers import (
    NUMBER,
    PLAIN,
    fractions_as_percent,
    number_value,
    read_number,
    spelled_out,
    thousands_commas_removed,
)
from kpi_core.goals.phrases import (
    AWARENESS_WORDS,
    DOWN_WORDS,
    EXAMPLES,
    PER_PATTERNS,
    TEMPLATES,
    GoalParseError,
    closest_example,
    find_kpi,
    normalized,
)
from kpi_core.goals.window import GoalDateError, deadline_of, month_index

__all__ = [
    "EXAMPLES",
    "TEMPLATES",
    "GoalDateError",
    "GoalParseError",
    "closest_example",
    "parse_goal",
    "suggested_goal",
]

DECIMAL = r"\d+(?:[.,]\d+)?"
DURATION_UNITS = (
    (r"секунд\w*|сек\.?|seconds?|secs?", 1),
    (r"минут\w*|мин\.?|minutes?|mins?", 60),
    (r"час\w*|hours?|hrs?", 3600),
)
DURATION = r"(" + PLAIN + r")\s*(" + "|".join(unit for unit, _ in DURATION_UNITS) + r")(?![\w])"
_BEFORE_NUMBER = r"\s*[:-]?\s*(?:of\s+)?[$€£₽]?\s*$"
# words that make the number after them a level ("до 2,5%", "не ниже 3%", "under 20%")
LEVEL_BEFORE = (
    r"(?:(?<!\w)(?:до|to|up to|не ниже|не выше|не менее|не более|не больше|не меньше|at least|at most|above|below|"
    r"under|no (?:less|more|lower|higher|fewer) than|not (?:below|above|under|over|less than|more than)|минимум|"
    r"максимум|min(?:imum)?|max(?:imum)?|выйти на|выход\w* на|на уровн\w*|уровн\w*)|[≥≤<>]=?)" + _BEFORE_NUMBER
)
# words that make a count a level of an additive KPI rather than its total ("довести выручку до 2 млн")
TO_LEVEL_BEFORE = r"(?<!\w)(?:до|to|up to|выйти на|выход\w* на|на уровн\w*)" + _BEFORE_NUMBER
CHANGE_BEFORE = r"(?:(?<!\w)(?:на|by|up|down|plus|minus|минус)\s+|\+\s*|(?<![\w\d])[-−])$"
LEVEL_AFTER = r"\s*(?:и|или|or|and)\s+(?:выше|больше|более|higher|more|above|better|over)\b"
PERCENT = r"(" + PLAIN + r")\s*(?:%|процент\w*|percent\b|pct\b)"
POINTS = (
    r"(?:(?<!\w)(на|by|up|down|minus|минус)\s+|([+\-−])\s*)(" + DECIMAL + r")\s*"
    r"(?:п\.\s?п\.?|пп\b\.?|процентн\w* пункт\w*|пункт\w*|percentage points?\b|p\.\s?p\.|pp\b|points?\b|pts?\b)"
)
_UNIT = r"(?:[%₽$€]|[a-zа-я]+\.?)"
# "с 2 500 до 3 000 руб.", "from $45 to $60", "с 2 часов до 30 минут": the match ends where Y begins
RANGE = (
    r"(?<!\w)(?:с|со|from)\s+[$€£]?\s*" + PLAIN + r"\s*(" + _UNIT + r"?(?:\s*" + _UNIT + r")?)"
    r"\s+(?:до|to)\s+[$€£]?\s*(?=\d)"
)
FACTORS = (
    (r"\b(?:удво\w*|double\w*|вдвое|twofold|twice(?! a (?:day|week|month)))", 2.0),
    (r"\b(?:утро\w*|triple\w*|втрое|threefold)", 3.0),
    (r"\b(?:учетвер\w*|quadruple\w*|вчетверо|fourfold)", 4.0),
)


class _Target(NamedTuple):
    """What the sentence asks of its KPI: the kind, the value, and whether a change is in points."""

    kind: str
    value: float
    points: bool = False


def _factor(text: str) -> tuple[float, bool] | None:
    """The multiplier a sentence states ("в 2,5 раза", "1.5x", "х2", "удвоить") and whether it must be a cut."""
    if re.search(r"\bhalve\w*|\bin half\b", text):
        return 2.0, True
    for pattern, factor in FACTORS:
        if re.search(pattern, text):
            return factor, False
    found = (
        re.search(r"(?<!\w)в (" + DECIMAL + r") раз", text)
        or re.search(r"(?<![\w.,])(" + DECIMAL + r")\s*(?:x|х|times|-?fold)(?!\w)", text)
        or re.search(r"(?<!\w)[xх]\s?(" + DECIMAL + r")(?![\w.,])", text)
    )
    return (read_number(found.group(1)), False) if found else None


def _quantity(tail: str, kpi: KPI) -> float | None:
    """The number a text starts with, in the KPI's unit (a duration in seconds)."""
    if kpi.unit == "duration" and (found := re.match(DURATION, tail)):
        return _seconds(found)
    number = re.match(NUMBER, tail)
    return number_value(number) if number else None


def _seconds(found: re.Match) -> float:
    seconds = next(s for unit, s in DURATION_UNITS if re.fullmatch(unit, found.group(2)))
    return read_number(found.group(1)) * seconds


def _range_end(text: str, kpi: KPI) -> float | None:
    """Y of "с X до Y" / "from X to Y" (a date range, "с 1 марта до 31 мая", is no target)."""
    for found in re.finditer(RANGE, text):
        after = re.match(PLAIN + r"[^a-zа-я]*([a-zа-я]*)", text[found.end() :])
        words = [*re.findall(r"[a-zа-я]+", found.group(1)), after.group(1) if after else ""]
        if any(month_index(word) for word in words if word):
            continue
        return _quantity(text[found.end() :], kpi)
    return None


def _is_time_number(text: str, match: re.Match) -> bool:
    """A number that counts months, weeks or days of the window, or is part of a date."""
    after = text[match.end() : match.end() + 12]
    before = text[max(0, match.start() - 12) : match.start()]
    if re.match(r"\s*(месяц|мес|недел|дн|день|год|лет|квартал|month|week|day|year|quarter)", after):
        return True
    if re.match(r"[.\-/]\d", text[match.end() : match.end() + 2]) or re.search(r"\d[.\-/]$", before):
        return True
    next_word, last_word = re.match(r"\s*([a-zа-я]*)", after), re.search(r"([a-z]*)\s*$", before)
    if any(found and found.group(1) and month_index(found.group(1)) for found in (next_word, last_word)):
        return True  # "31 марта", "March 31"
    year = re.fullmatch(r"(19|20|21)\d\d", match.group(1))
    return bool(year) and bool(
        re.search(r"(?<!\w)(в|во|к|ко|до|по|за|с|in|by|for|of|since|until|before|end of)\s*$", before)
        or re.match(r"\s*(год|г\.|year)", after)
    )


def _percent(text: str, kpi: KPI, down: bool) -> _Target | None:
    """A target written in percent: a level ("до 3%", "не ниже 3%", "3% и выше") or a change ("на 20%")."""
    found = re.search(PERCENT, text)
    if not found:
        return None
    value, before = read_number(found.group(1)), text[: found.start()]
    if re.search(LEVEL_BEFORE, before) or re.match(LEVEL_AFTER, text[found.end() :]):
        return _Target("level", value)
    prefix = re.search(CHANGE_BEFORE, before)
    if prefix or kpi.unit != "percent":
        cut = down or (prefix is not None and re.search(r"[-−]|down|minus|минус", prefix.group(0)) is not None)
        return _Target("change", -value if cut else value)
    return _Target("level", value)


def _target(text: str, kpi: KPI) -> _Target | None:
    """The target a normalized sentence sets for its KPI, or None when it sets none."""
    down = bool(re.search(DOWN_WORDS, text))
    factor = _factor(text)
    if factor and factor[0] > 1:
        size, cut = factor
        return _Target("change", -(1 - 1 / size) * 100 if down or cut else (size - 1) * 100)
    end = _range_end(text, kpi)
    if end is not None:
        return _Target("level", end)
    points = re.search(POINTS, text)
    if points:
        cut = down or points.group(1) in ("down", "minus", "минус") or points.group(2) in ("-", "−")
        value = read_number(points.group(3))
        return _Target("change", -value if cut else value, points=True)
    percent = _percent(text, kpi, down)
    if percent:
        return percent
    duration = re.search(DURATION, text)
    if duration and kpi.unit == "duration":
        return _Target("level", _seconds(duration))
    numbers = [m for m in re.finditer(NUMBER, text) if not _is_time_number(text, m)]
    if not numbers:
        return None
    number = numbers[0]
    per = _per(text)
    to_level = re.search(TO_LEVEL_BEFORE, text[: number.start()])
    kind = "total" if kpi.additive and not per and not to_level else "level"
    return _Target(kind, number_value(number))


def _per(text: str) -> str | None:
    """The period a rate is stated per ("в неделю", "a month", "daily"), or None."""
    return next((period for period, pattern in PER_PATTERNS if re.search(pattern, text)), None)


def _objective(kpi_id: str, text: str) -> str:
    if re.search(AWARENESS_WORDS, text):
        return "awareness"
    return KPIS[kpi_id].objectives[0]


def parse_goal(text: str, today: dt.date) -> dict:
    """The goal a sentence states: {kpi, kind, target, unit, start, deadline, objective, per, points};
    GoalParseError if unreadable.

    ``start`` and ``deadline`` are ISO dates (``deadline`` is None when the sentence gives no time); ``per``
    is the period of a rate ("day", "week", "month" or None); ``points`` is True for a change in points.
    """
    raw = normalized(text)
    if not raw or len(raw) > 300:
        raise GoalParseError(str(text)[:300])
    raw = spelled_out(fractions_as_percent(thousands_commas_removed(raw)))
    kpi_id = find_kpi(raw)
    target = _target(raw, KPIS[kpi_id]) if kpi_id else None
    if kpi_id is None or target is None:
        raise GoalParseError(text)
    deadline = deadline_of(raw, today)
    kpi_unit = KPIS[kpi_id].unit
    return {
        "kpi": kpi_id,
        "kind": target.kind,
        "target": round(float(target.value), 6),
        "unit": "percent" if target.kind == "change" and not target.points else kpi_unit,
        "start": today.isoformat(),
        "deadline": deadline.isoformat() if deadline else None,
        "objective": _objective(kpi_id, raw),
        "per": _per(raw),
        "points": target.points,
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
