"""How a column becomes a measure: the rule kinds, header normalisation, the generic synonym mapper.

A rule says what a column holds and how to turn it into an additive daily total:

* ``sum``       counts and money, stored as they are;
* ``rate``      a share (0.214, 21.4 or "21,4%") multiplied by its weight measure
                ("Отказы" × "Визиты" → bounces); ``percent=True`` when the source is known to
                write percent points without a '%' sign (Metrica API's bounceRate, 0–100);
* ``avg``       an average per unit multiplied by its weight ("Глубина просмотра" × visits → pageviews);
* ``duration``  an average duration (00:01:42) multiplied by its weight → total seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from kpi_core.catalog.registry import MEASURE_LIST

HOWS = ("sum", "rate", "avg", "duration")


@dataclass(frozen=True)
class ColumnRule:
    """What a column holds: the measure it feeds and how (see the module docstring)."""

    measure: str
    how: str = "sum"
    weight: str | None = None
    percent: bool | None = None  # a rate's scale: True percent points, False fractions, None from its values

    def __post_init__(self) -> None:
        if self.how not in HOWS:
            raise ValueError(f"unknown rule kind '{self.how}'")
        if self.how != "sum" and self.weight is None:
            raise ValueError(f"a '{self.how}' rule needs a weight measure")
        if self.percent is not None and self.how != "rate":
            raise ValueError("only a 'rate' rule has a percent scale")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]")


def norm_header(header: object) -> str:
    """A header as compared: lower case, ё → е, single spaces, no control characters or outer quotes."""
    text = _CONTROL.sub("", str(header)).strip().strip('"').strip()
    return " ".join(text.lower().replace("ё", "е").split())


def mapping_differs(detected: dict[str, str | None], chosen: dict[str, str | None]) -> bool:
    """Whether the user's mapping ({header: measure or None to skip}) reads the file differently
    from the detected one (headers compared as ``norm_header`` sees them; skipped columns ignored).

    >>> mapping_differs({"Визиты": "sessions"}, {"визиты": "sessions", "Заметки": None})
    False
    >>> mapping_differs({"Визиты": "sessions"}, {"Визиты": "users"})
    True
    """
    detected_read = {norm_header(k): v for k, v in detected.items() if v}
    chosen_read = {norm_header(k): v for k, v in chosen.items() if v}
    return detected_read != chosen_read


_UNIT_TAIL = re.compile(r"\s*(\([^)]*\)|,\s*[^,]{1,8})\s*$")


def bare_header(header: object) -> str:
    """The header without a unit tail: 'Выручка, ₽' / 'Расход (руб.)' / 'Amount spent (RUB)' → the name."""
    return _UNIT_TAIL.sub("", norm_header(header)).strip()


# Yandex.Metrica Reports API dumps' date columns (sessions 'ym:s:', hits 'ym:pv:')
METRICA_API_DATES = (
    "ym:s:date",
    "ym:pv:date",
    "ym:s:startofweek",
    "ym:pv:startofweek",
    "ym:s:startofmonth",
    "ym:pv:startofmonth",
)

DATE_HEADERS = frozenset(
    {
        "date",
        "day",
        "дата",
        "день",
        "дата визита",
        "period",
        "период",
        "date visit",
        "week",
        "неделя",
        "month",
        "месяц",
        "интервал дат визита",
        "reporting starts",
        "дата создания",
        "дата создания сделки",
        "created",
        "created at",
        "date created",
        "дата заказа",
        "order date",
        *METRICA_API_DATES,
    }
)

# Averages and rates every generic table may carry, turned into totals like the presets do.
GENERIC_RULES: dict[str, ColumnRule] = {
    "bounce rate": ColumnRule("bounces", "rate", "sessions"),
    "отказы, %": ColumnRule("bounces", "rate", "sessions"),
    "показатель отказов": ColumnRule("bounces", "rate", "sessions"),
    "доля отказов": ColumnRule("bounces", "rate", "sessions"),
    "average session duration": ColumnRule("session_duration_s", "duration", "sessions"),
    "avg. session duration": ColumnRule("session_duration_s", "duration", "sessions"),
    "время на сайте": ColumnRule("session_duration_s", "duration", "sessions"),
    "среднее время на сайте": ColumnRule("session_duration_s", "duration", "sessions"),
    "average response time": ColumnRule("response_time_s", "duration", "requests"),
    "среднее время ответа": ColumnRule("response_time_s", "duration", "requests"),
    "время ответа": ColumnRule("response_time_s", "duration", "requests"),
}

_SYNONYMS: dict[str, str] = {}
for _measure in MEASURE_LIST:
    _SYNONYMS[_measure.id] = _measure.id
    for _synonym in _measure.synonyms:
        _SYNONYMS[norm_header(_synonym)] = _measure.id
FUZZY_THRESHOLD = 92


@dataclass(frozen=True)
class Match:
    """A column's rule and how sure the mapper is (1.0 exact, lower for fuzzy matches)."""

    rule: ColumnRule
    confidence: float


def generic_match(header: object) -> Match | None:
    """The measure a generic header names: exact synonym, unit-less synonym, rate rule, then fuzzy.

    >>> generic_match("Выручка, ₽").rule.measure, generic_match("Sesions").confidence < 1
    ('revenue', True)
    """
    full, bare = norm_header(header), bare_header(header)
    if not full:
        return None
    for key in (full, bare):
        if key in GENERIC_RULES:
            return Match(GENERIC_RULES[key], 1.0)
        if key in _SYNONYMS:
            return Match(ColumnRule(_SYNONYMS[key]), 1.0)
    if len(bare) < 4:
        return None
    found = process.extractOne(bare, list(_SYNONYMS), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
    if found is None:
        return None
    return Match(ColumnRule(_SYNONYMS[found[0]]), round(found[1] / 100.0, 2))


def is_date_header(header: object) -> bool:
    return norm_header(header) in DATE_HEADERS or bare_header(header) in DATE_HEADERS
