"""The period a report states above its table, for reports that carry totals and no day rows.

Several tools download totals for a period by default and say the period once, above the
header (../shared/FORMATS.md, "Period reports"):

* Yandex.Direct «Мастер отчётов»: ``Период: 01.03.2026 - 31.03.2026``;
* Google Ads: a line of its own, ``January 1, 2026 - January 31, 2026``,
  ``1 января 2026 г. - 31 января 2026 г.``, ``9 mei 2020 - 7 juni 2020`` — or ``All time``;
* GA4: ``# Start date: 20251204`` and ``# End date: 20251231`` in the comment block.

A typed period (the Data page's field, ``import --period 2026-03-01..2026-03-31``) is read by
``typed_period``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from kpi_core.ingest.errors import IngestError
from kpi_core.ingest.values import parse_date_column

# month names of the languages Google Ads writes its date line in, beyond English and Russian
_OTHER_MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "juni": 6, "juli": 7, "augustus": 8, "oktober": 10,
    "januar": 1, "februar": 2, "märz": 3, "mai": 5, "juni.": 6, "oktober.": 10, "dezember": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
_GA4_START = re.compile(r"#\s*start date\s*:\s*(\d{8})", re.IGNORECASE)
_GA4_END = re.compile(r"#\s*end date\s*:\s*(\d{8})", re.IGNORECASE)
_LABELLED = re.compile(
    r"^\s*(?:период|period|отчетный период|отчётный период|date range|диапазон дат)\s*[:：]?\s*(.+)$", re.IGNORECASE
)
_RANGE = re.compile(r"^\s*(?:с\s+)?(.+?)\s*(?:\s[-–—]\s|\s*[–—]\s*|\s+по\s+|\s+to\s+)\s*(.+?)\s*$", re.IGNORECASE)
_ALL_TIME = re.compile(r"^\s*(all time|за все время|все время|весь период|gesamter zeitraum|alle tijden)\s*$", re.I)
_FIELD_SEPARATORS = re.compile(r"[;\t|]+")


@dataclass(frozen=True)
class Period:
    """A stated period: its first and last day (inclusive)."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def grain(self) -> str:
        """``month`` for a calendar month, ``week`` for an ISO week (Monday–Sunday), else ``span``."""
        month_end = (pd.Timestamp(self.start) + pd.offsets.MonthEnd(0)).date()
        if self.start.day == 1 and self.end == month_end:
            return "month"
        if self.start.weekday() == 0 and self.days == 7:
            return "week"
        return "span"

    def as_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


ALL_TIME = "all time"  # what ``stated_period`` returns for a report over the account's whole life


@dataclass(frozen=True)
class Unreadable:
    """A period line that is there but names no real range of days (31.02.2026, an end before its start)."""

    text: str


def _ymd(text: str) -> dt.date | None:
    """A GA4 date (20251204); None when it is no day of 1900–2200 (as for dates in rows)."""
    try:
        day = dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2200 else None


def _one_date(text: str) -> dt.date | None:
    text = text.strip().strip(",.").strip()
    words = text.lower().split()
    if len(words) == 3 and words[1] in _OTHER_MONTHS and words[0].isdigit() and words[2].isdigit():
        try:
            return dt.date(int(words[2]), _OTHER_MONTHS[words[1]], int(words[0]))
        except ValueError:
            return None
    value = parse_date_column(pd.Series([text], dtype=object)).values.iloc[0]
    return None if pd.isna(value) else value.date()


LINE_CHARS = 120  # a period line is short; longer text is cut before any pattern sees it (no slow matching)


def _range(text: str) -> Period | None:
    text = text[:LINE_CHARS]
    match = _RANGE.match(text)
    if not match:
        return None
    start, end = _two_dates(match.group(1), match.group(2))
    if start is None or end is None or end < start:
        return None
    return Period(start, end)


def _two_dates(first: str, last: str) -> tuple[dt.date | None, dt.date | None]:
    """A range's two ends read with one day/month order: '03/01/2026 - 03/31/2026' is March."""
    if _one_date(first) is None or _one_date(last) is None:  # month names of other languages, one by one
        return _one_date(first), _one_date(last)
    both = parse_date_column(pd.Series([first.strip().strip(",."), last.strip().strip(",.")], dtype=object)).values
    if both.isna().any():  # not one pattern for both (a Dutch month name): each end as it reads
        return _one_date(first), _one_date(last)
    return both.iloc[0].date(), both.iloc[1].date()


def stated_period(lines: list[str]) -> Period | Unreadable | str | None:
    """The period stated in the lines above a table, ``ALL_TIME``, ``Unreadable`` (a period line
    whose dates do not exist or run backwards), or None when none is stated.

    >>> stated_period(["Campaign report", "January 1, 2026 - January 31, 2026"])
    Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 31))
    >>> stated_period(["# Start date: 20251204", "# End date: 20251231"]).grain
    'span'
    >>> stated_period(["Campaign report", "All time"])
    'all time'
    >>> stated_period(["Отчет: Мастер отчетов", "Период: 01.02.2026 - 31.02.2026"])
    Unreadable(text='Период: 01.02.2026 - 31.02.2026')
    >>> stated_period(["# Start date: 20260131", "# End date: 20260101"])
    Unreadable(text='# Start date: 20260131 … # End date: 20260101')
    """
    start = end = None
    ga4 = ["", ""]
    for line in lines:
        line = line[: LINE_CHARS * 2]
        found_start, found_end = _GA4_START.search(line), _GA4_END.search(line)
        if found_start:
            start, ga4[0] = _ymd(found_start.group(1)), found_start.group(0)
        if found_end:
            end, ga4[1] = _ymd(found_end.group(1)), found_end.group(0)
    if start is not None and end is not None and start <= end:
        return Period(start, end)
    if all(ga4):  # both lines are there, and they name no range of days
        return Unreadable(" … ".join(ga4))
    for raw in lines:
        line = _FIELD_SEPARATORS.sub(" ", raw[: LINE_CHARS * 2]).strip().strip('"').strip()[:LINE_CHARS]
        if not line or line.startswith("#"):
            continue
        if _ALL_TIME.match(line):
            return ALL_TIME
        labelled = _LABELLED.match(line)
        found = _range(labelled.group(1) if labelled else line)
        if found is not None:
            return found
        if labelled and _RANGE.match(labelled.group(1)[:LINE_CHARS]) and re.search(r"\d", labelled.group(1)):
            return Unreadable(line[:80])
    return None


def typed_period(text: str) -> Period:
    """A period the user typed: ``2026-03-01..2026-03-31``, ``01.03.2026 - 31.03.2026`` or a month ``2026-03``.

    >>> typed_period("2026-03-01..2026-03-31").grain
    'month'
    >>> typed_period("2026-02").end
    datetime.date(2026, 2, 28)
    >>> typed_period("март 2026").grain, typed_period("03.2026").start
    ('month', datetime.date(2026, 3, 1))
    """
    text = (text or "").strip()[:LINE_CHARS]
    found = _range(text.replace("..", " - "))
    month = parse_date_column(pd.Series([text], dtype=object)) if found is None else None
    if month is not None and month.grain == "month" and not pd.isna(month.values.iloc[0]):  # 2026-03, март 2026
        start = month.values.iloc[0].date()
        return Period(start, (pd.Timestamp(start) + pd.offsets.MonthEnd(0)).date())
    if found is None:
        backwards = _RANGE.match(text.replace("..", " - "))
        if backwards and (a := _one_date(backwards.group(1))) and (b := _one_date(backwards.group(2))) and b < a:
            raise IngestError("ingest.period_backwards", text=text[:60])
        raise IngestError("ingest.bad_period", text=text[:60])
    if found.days > 3 * 366:
        raise IngestError("ingest.bad_period", text=text[:60])
    return found


# what to do in each tool to get a file the importer can place in time
NO_PERIOD_HINTS = ("google_ads", "yandex_direct", "ga4", "meta_ads", "vk_ads", "yandex_metrica")


def file_period(preamble: list[str], source: str, typed: str | None, columns: list[str]) -> Period:
    """The period a table without day rows covers: stated above it, else typed by the user.

    Refuses a report over "All time" and one that states no period, with what to do in the tool
    the file came from (``columns``: the measure columns found, named in the sentence); a typed
    period is used only when the file states none or states one that cannot be read, and must
    agree with the one it states.
    """
    stated = stated_period(preamble)
    if isinstance(stated, Period):
        if typed and typed_period(typed) != stated:
            raise IngestError("ingest.period_conflict", typed=typed.strip()[:60], stated=stated.as_dict()["start"]
                              + ".." + stated.as_dict()["end"])  # fmt: skip
        return stated
    if typed:
        return typed_period(typed)
    if isinstance(stated, Unreadable):
        raise IngestError("ingest.bad_stated_period", line=stated.text)
    tool = source if source in NO_PERIOD_HINTS else "generic"
    raise IngestError(
        f"ingest.{'all_time' if stated == ALL_TIME else 'no_period'}.{tool}", columns=", ".join(columns[:4])
    )


def row_ends(kept: pd.DataFrame, day: pd.Series, ends: pd.Series | None, period: Period | None) -> pd.Series | None:
    """Each row's last day when rows are a period's totals (NaT for a daily row), else None.

    A stated period ends every row; Meta's 'Reporting ends' (``ends``, read with the starts) ends its
    own row (a row whose period is one day is a daily row).
    """
    if period is not None:
        if period.days == 1:
            return None
        return pd.Series(pd.Timestamp(period.end), index=kept.index, dtype="datetime64[ns]")
    if ends is None:
        return None
    spans = ends.where(ends > day)
    return spans if spans.notna().any() else None


def span_grain(observations: pd.DataFrame) -> str:
    """The grain of period totals: ``month``/``week`` when every span is one, else ``span``."""
    pairs = observations[["date", "end"]].dropna().drop_duplicates()
    grains = {Period(a.date(), b.date()).grain for a, b in pairs.itertuples(index=False, name=None)}
    return grains.pop() if len(grains) == 1 else "span"
