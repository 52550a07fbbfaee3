"""Cell values → numbers, dates, durations and rates, decided per column from all its values.

Every parser works on a whole column: the decimal mark, the date format, whether a rate is a
fraction or in percent are chosen once from every value of the column, never cell by cell, so
"1.696" in a column that also holds "2.345,10" reads as one thousand six hundred and ninety-six.
Unique values are parsed once and mapped back, which keeps million-row columns fast.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kpi_core.ingest.date_formats import best_format, parse_with

PLACEHOLDERS = frozenset(
    {"", "-", "--", "—", "–", "n/a", "na", "nan", "none", "null", "(not set)", "(none)", "не определено", "нет данных"}
)
_CURRENCY = re.compile(r"(?i)(₽|\$|€|£|¥|₸|₴|руб\.?|р\.|rub|usd|eur|kzt|uah|byn|gbp)")
_GROUPING = re.compile(r"[\s\u00a0\u202f\u2009']")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
EXCEL_SERIAL_RANGE = (20_000, 80_000)  # 1954 … 2119

RU_MONTHS = {
    "январ": 1,
    "янв": 1,
    "феврал": 2,
    "фев": 2,
    "март": 3,
    "мар": 3,
    "апрел": 4,
    "апр": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "авг": 8,
    "сентябр": 9,
    "сен": 9,
    "октябр": 10,
    "окт": 10,
    "ноябр": 11,
    "ноя": 11,
    "декабр": 12,
    "дек": 12,
}
EN_MONTHS = {
    m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
}


@dataclass(frozen=True)
class NumberColumn:
    """A parsed number column: values, the decimal mark chosen, whether cells carried '%'."""

    values: pd.Series
    decimal: str
    percent: bool
    bad: pd.Series  # True where a filled cell did not read as a number
    too_large: pd.Series  # True where a number is infinite or beyond ±MAX_NUMBER (its value is NaN)


FIRST_DAY, LAST_DAY = pd.Timestamp(1900, 1, 1), pd.Timestamp(2200, 12, 31)  # the days a report can hold
MAX_NUMBER = 1e15  # no marketing figure of a day is larger; 1e308 + 1e308 would be infinite


def _guard(numbers: pd.Series, bad: pd.Series, decimal: str, percent: bool) -> NumberColumn:
    too_large = pd.Series(np.abs(numbers.to_numpy()) > MAX_NUMBER, index=numbers.index)  # inf included
    return NumberColumn(numbers.mask(too_large), decimal, percent, bad, too_large)


def is_placeholder(text: str) -> bool:
    return text.strip().lower() in PLACEHOLDERS


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


_PLAIN = re.compile(r"[\d.,+\-%]*")  # digits and marks only: nothing for _clean to take away


def _clean(text: str) -> str:
    if _PLAIN.fullmatch(text):
        return text
    text = _CONTROL.sub("", text)
    text = _CURRENCY.sub("", text)
    text = _GROUPING.sub("", text)
    return text.replace("−", "-").strip()


def _decimal_votes(cleaned: list[str]) -> tuple[int, int]:
    """Votes for ',' and '.' as the decimal mark from values that decide it on their own."""
    comma = point = 0
    for text in cleaned:
        digits = text.lstrip("+-").rstrip("%")
        has_comma, has_point = "," in digits, "." in digits
        if has_comma and has_point:
            if digits.rfind(",") > digits.rfind("."):
                comma += 1
            else:
                point += 1
        elif has_comma:
            head, _, tail = digits.rpartition(",")
            if digits.count(",") > 1:
                point += 1  # several commas: thousands
            elif len(tail) != 3 or not head or head in ("0", "-0"):
                comma += 1  # "12,5", "0,125": a decimal comma
        elif has_point:
            head, _, tail = digits.rpartition(".")
            if digits.count(".") > 1:
                comma += 1  # "1.234.567": thousands points
            elif len(tail) != 3 or not head or head in ("0", "-0"):
                point += 1
    return comma, point


def decide_decimal(texts: list[str], hint: str = ".") -> str:
    """The column's decimal mark: what its unambiguous values say, else ``hint``.

    >>> decide_decimal(["1.696", "2,5"])
    ','
    >>> decide_decimal(["1,696", "12.75"])
    '.'
    >>> decide_decimal(["1,696"], hint=",")
    ','
    """
    comma, point = _decimal_votes([_clean(t) for t in texts])
    if comma == point:
        return hint
    return "," if comma > point else "."


def _to_float(text: str, decimal: str) -> float:
    text = _clean(text).rstrip("%").strip()
    thousands = "." if decimal == "," else ","
    text = text.replace(thousands, "")
    if decimal == ",":
        text = text.replace(",", ".")
    if text.startswith("(") and text.endswith(")"):  # accounting negatives
        text = "-" + text[1:-1]
    if not _NUMBER.match(text):
        return np.nan
    return float(text)  # "1e400" is infinite: the caller refuses it as too large


def parse_number_column(values: pd.Series, hint: str = ".") -> NumberColumn:
    """Numbers from a column of text (or numbers): spaces, NBSP, apostrophes, currency, %, placeholders.

    >>> parse_number_column(pd.Series(["1 234,50 ₽", "--", "7"])).values.tolist()
    [1234.5, nan, 7.0]
    """
    if pd.api.types.is_bool_dtype(values):
        numbers = values.astype("float64")
        return _guard(numbers, pd.Series(False, index=values.index), hint, False)
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.astype("float64")
        return _guard(numbers, pd.Series(False, index=values.index), hint, False)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    texts = [v if isinstance(v, str) else ("" if v is None else str(v)) for v in uniques]
    numeric_cells = {
        i: float(v) for i, v in enumerate(uniques) if isinstance(v, (int, float)) and not isinstance(v, bool)
    }
    filled = [t for i, t in enumerate(texts) if i not in numeric_cells and not is_placeholder(t)]
    decimal = decide_decimal(filled, hint)
    percent = any(t.strip().endswith("%") for t in filled)
    parsed = np.array(
        [
            numeric_cells[i] if i in numeric_cells else (np.nan if is_placeholder(t) else _to_float(t, decimal))
            for i, t in enumerate(texts)
        ],
        dtype="float64",
    )
    bad_unique = np.array(
        [i not in numeric_cells and not is_placeholder(t) and np.isnan(parsed[i]) for i, t in enumerate(texts)],
        dtype=bool,
    )
    result = np.where(codes >= 0, parsed.take(np.maximum(codes, 0)) if len(parsed) else np.nan, np.nan)
    bad = np.where(codes >= 0, bad_unique.take(np.maximum(codes, 0)) if len(bad_unique) else False, False)
    return _guard(
        pd.Series(result, index=values.index, dtype="float64"), pd.Series(bad, index=values.index), decimal, percent
    )


def rate_to_fraction(column: NumberColumn, percent: bool | None = None) -> pd.Series:
    """A rate column as fractions 0–1: '8,97%' → 0.0897, 0.214 → 0.214, 21.4 → 0.214 (never twice).

    Cells with '%' are percent; a column without '%' is already a fraction when no value
    exceeds 1, else it holds percent points. ``percent`` is the scale the source is known to
    use (True: points 0–100 even when every value is at most 1; False: fractions).
    """
    values = column.values
    if column.percent or percent or (percent is None and values.abs().max(skipna=True) > 1.0):
        return values / 100.0
    return values


# --- durations ---------------------------------------------------------------------------

_HMS = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,]\d+)?$")


def _duration_seconds(value: object, day_fractions: bool = True) -> float:
    if isinstance(value, dt.time):
        return value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, dt.timedelta | pd.Timedelta):
        return value.total_seconds()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # a spreadsheet time is a fraction of a day (when most numbers of its column are below 1), else seconds
        return float(value) * 86400.0 if day_fractions and 0 <= value < 1 else float(value)
    text = "" if value is None else str(value).strip()
    if is_placeholder(text):
        return np.nan
    match = _HMS.match(text)
    if match:
        hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    number = _to_float(text, "," if "," in text and "." not in text else ".")
    return number


def parse_duration_column(values: pd.Series) -> pd.Series:
    """Durations in seconds from '00:01:42', '1:02:03', spreadsheet times or plain seconds.

    >>> parse_duration_column(pd.Series(["00:01:42", "1:02:03", "--"])).tolist()
    [102.0, 3723.0, nan]
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    small = [v < 1 for v in uniques if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0]
    fractions = sum(small) * 2 > len(small)  # 0.4 among 62.5 and 90.0 is 0.4 s, not 9.6 hours
    parsed = np.array([_duration_seconds(v, fractions) for v in uniques], dtype="float64")
    out = np.where(codes >= 0, parsed.take(np.maximum(codes, 0)) if len(parsed) else np.nan, np.nan)
    return pd.Series(out, index=values.index, dtype="float64")


# --- dates ---------------------------------------------------------------------------------

_RANGE = re.compile(r"^(.+?)\s+[-–—]\s+(.+)$")
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$")
_RU_DATE = re.compile(r"^(\d{1,2})?\s*([а-яё]+)\.?\s+(\d{4})(\s*г\.?)?$", re.IGNORECASE)


@dataclass(frozen=True)
class DateColumn:
    """Parsed dates (day precision), the grain the format implies, and range ends when cells were ranges."""

    values: pd.Series
    grain: str  # day | month | week (from ranges)
    format: str


def _ru_month(word: str) -> int | None:
    word = word.lower().replace("ё", "е")
    for stem in sorted(RU_MONTHS, key=len, reverse=True):
        if word.startswith(stem):
            return RU_MONTHS[stem]
    return None


def _parse_ru(text: str) -> tuple[pd.Timestamp, str] | None:
    match = _RU_DATE.match(text.strip())
    if not match:
        return None
    day, word, year = match.group(1), match.group(2), int(match.group(3))
    month = _ru_month(word)
    if month is None:
        return None
    try:
        return pd.Timestamp(year=year, month=month, day=int(day) if day else 1), "day" if day else "month"
    except ValueError:
        return None


def _strip_time(text: str) -> str:
    return _TIME_TAIL.sub("", text.strip())


def parse_date_column(values: pd.Series) -> DateColumn:
    """Dates from ISO, DD.MM.YYYY[ HH:MM:SS], YYYYMMDD, 'Sat, Nov 1, 2025', '1 июня 2026 г.', 'январь 2025',
    spreadsheet dates and serials, and ranges 'A - B' (their first day). Unreadable cells → NaT.

    >>> parse_date_column(pd.Series(["01.03.2026 10:15:00", "Итого"])).values.tolist()
    [Timestamp('2026-03-01 00:00:00'), NaT]
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        native = pd.to_datetime(values)
        if native.dt.tz is not None:  # a time zone's wall clock names the day (timestamptz from a query)
            native = native.dt.tz_localize(None)
        native = native.where((native >= FIRST_DAY) & (native <= LAST_DAY))
        return DateColumn(native.dt.normalize().astype("datetime64[ns]"), "day", "native")
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, uniques = values.cat.codes.to_numpy(), values.cat.categories.to_numpy(dtype=object)
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed: list[pd.Timestamp | None] = [None] * len(uniques)
    texts: dict[int, str] = {}
    range_ends: dict[int, pd.Timestamp] = {}
    for i, value in enumerate(uniques):
        if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
            stamp = pd.Timestamp(value)
            parsed[i] = (stamp.tz_localize(None) if stamp.tzinfo is not None else stamp).normalize()
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            if EXCEL_SERIAL_RANGE[0] <= value <= EXCEL_SERIAL_RANGE[1]:
                parsed[i] = (EXCEL_EPOCH + pd.Timedelta(days=int(value))).normalize()
            elif 19000101 <= value <= 21001231 and float(value).is_integer():
                texts[i] = str(int(value))
        elif isinstance(value, str) and value.strip():
            text = value.strip()
            match = _RANGE.match(text)
            if match and any(ch.isdigit() for ch in match.group(1)):
                texts[i] = _strip_time(match.group(1))
                end = parse_date_column(pd.Series([_strip_time(match.group(2))])).values.iloc[0]
                if not pd.isna(end):
                    range_ends[i] = end
            else:
                texts[i] = _strip_time(text)
    grain, fmt = "day", "native" if not texts else "ru"
    if texts:
        ru = {i: _parse_ru(t) for i, t in texts.items()}
        if sum(r is not None for r in ru.values()) >= max(1, len(texts) // 2):
            for i, r in ru.items():
                if r is not None:
                    parsed[i], grain = r
        else:
            # every format reads a year's digits: a text without any («Итого») is no date in any of them
            candidates = [t for t in dict.fromkeys(texts.values()) if any(ch.isdigit() for ch in t)]
            fmt = (best_format(candidates[:500]) or "") if candidates else ""
            if fmt:
                mapping = dict(zip(candidates, parse_with(candidates, fmt), strict=True))
                for i, text in texts.items():
                    parsed[i] = mapping.get(text)
                if fmt in ("%Y-%m", "%m.%Y"):
                    grain = "month"
    if range_ends:
        lengths = [(range_ends[i] - parsed[i]).days + 1 for i in range_ends if parsed[i] is not None]
        if lengths and min(lengths) >= 28:
            grain = "month"
        elif lengths and min(lengths) == 7:
            grain = "week"
    # a day outside 1900–2200 is no date of a report ("01.01.9999" is a placeholder): unreadable
    stamps = pd.array(
        [p if p is not None and FIRST_DAY <= p <= LAST_DAY else pd.NaT for p in parsed], dtype="datetime64[ns]"
    )
    out = np.where(
        codes >= 0,
        np.asarray(stamps).take(np.maximum(codes, 0)) if len(stamps) else np.datetime64("NaT", "ns"),
        np.datetime64("NaT", "ns"),
    )
    return DateColumn(pd.Series(out, index=values.index, dtype="datetime64[ns]"), grain, fmt)


def date_share(values: pd.Series, sample: int = 200) -> float:
    """Share of a column's first filled cells that read as dates (to find the date column)."""
    head = values.dropna().head(sample)
    if head.empty:
        return 0.0
    return float(parse_date_column(head).values.notna().mean())
