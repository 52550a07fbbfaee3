"""Number, date, duration and rate parsing, with property tests over every supported style."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_core.ingest.values import (
    EXCEL_EPOCH,
    parse_date_column,
    parse_duration_column,
    parse_number_column,
    rate_to_fraction,
)

RU_GENITIVE = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


def group(integer: int, sep: str) -> str:
    text = f"{integer:,}"
    return text.replace(",", sep)


# style: (thousands separator, decimal mark, prefix, suffix)
NUMBER_STYLES = {
    "ru_space": (" ", ",", "", ""),
    "ru_nbsp_rub": ("\u00a0", ",", "", "\u00a0₽"),
    "ru_narrow": ("\u202f", ",", "", " руб."),
    "en": (",", ".", "$", ""),
    "de": (".", ",", "", " €"),
    "swiss": ("'", ".", "", ""),
    "plain": ("", ".", "", ""),
}


def write_number(value: float, style: str) -> str:
    thousands, decimal, prefix, suffix = NUMBER_STYLES[style]
    sign = "-" if value < 0 else ""
    integer, fraction = f"{abs(value):.2f}".split(".")
    return f"{sign}{prefix}{group(int(integer), thousands)}{decimal}{fraction}{suffix}"


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(
        st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False), min_size=1, max_size=8
    ),
    style=st.sampled_from(sorted(NUMBER_STYLES)),
)
def test_numbers_in_every_style_parse_back(values, style):
    texts = [write_number(float(v), style) for v in values]
    parsed = parse_number_column(pd.Series(texts), hint=NUMBER_STYLES[style][1]).values
    assert parsed.tolist() == pytest.approx([float(v) for v in values], abs=1e-9)


def write_date(day: dt.date, style: str) -> object:
    if style == "iso":
        return day.isoformat()
    if style == "ru":
        return day.strftime("%d.%m.%Y")
    if style == "ru_time":
        return day.strftime("%d.%m.%Y") + " 13:45:10"
    if style == "compact":
        return day.strftime("%Y%m%d")
    if style == "google":
        return f"{day:%a}, {day:%b} {day.day}, {day.year}"
    if style == "ru_words":
        return f"{day.day} {RU_GENITIVE[day.month - 1]} {day.year} г."
    if style == "serial":
        return (pd.Timestamp(day) - EXCEL_EPOCH).days
    if style == "native":
        return day
    raise ValueError(style)


@settings(max_examples=200, deadline=None)
@given(
    days=st.lists(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)), min_size=1, max_size=8),
    style=st.sampled_from(["iso", "ru", "ru_time", "compact", "google", "ru_words", "serial", "native"]),
)
def test_dates_in_every_style_parse_back(days, style):
    cells = pd.Series([write_date(d, style) for d in days], dtype=object)
    parsed = parse_date_column(cells).values
    assert [p.date() for p in parsed] == days


@pytest.mark.parametrize(
    ("cells", "expected", "grain"),
    [
        (["январь 2025", "Февраль 2025", "Янв 2026"], ["2025-01-01", "2025-02-01", "2026-01-01"], "month"),
        (["01.2025", "02.2025"], ["2025-01-01", "2025-02-01"], "month"),
        (["2025-09-01 - 2025-09-30"], ["2025-09-01"], "month"),
        (["2026-03-02 - 2026-03-08"], ["2026-03-02"], "week"),
        (["13/01/2026", "02/01/2026"], ["2026-01-13", "2026-01-02"], "day"),  # day first
        (["01/13/2026", "02/01/2026"], ["2026-01-13", "2026-02-01"], "day"),  # 13 cannot be a month
    ],
)
def test_month_names_ranges_and_slashes(cells, expected, grain):
    parsed = parse_date_column(pd.Series(cells))
    assert [d.date().isoformat() for d in parsed.values] == expected
    assert parsed.grain == grain


def test_totals_and_notes_are_not_dates():
    parsed = parse_date_column(pd.Series(["Итого и средние", "Total: Account", "", None, "2026-03-01"]))
    assert parsed.values.isna().tolist() == [True, True, True, True, False]


@pytest.mark.parametrize(
    ("cells", "hint", "expected"),
    [
        (["1.696", "2.345,10"], ".", [1696.0, 2345.1]),  # a comma-decimal column: points group thousands
        (["1,696", "12.75"], ",", [1696.0, 12.75]),
        (["1,696"], ",", [1.696]),  # ambiguous alone: the file's hint decides
        (["1,696"], ".", [1696.0]),
        (["(1 200,00)", "−5"], ",", [-1200.0, -5.0]),
        ([" --", "(not set)", "Не определено", ""], ".", [None, None, None, None]),
    ],
)
def test_number_columns(cells, hint, expected):
    parsed = parse_number_column(pd.Series(cells), hint=hint).values
    assert [None if pd.isna(v) else v for v in parsed] == expected


def test_text_where_numbers_belong_is_flagged():
    parsed = parse_number_column(pd.Series(["12", "twelve", "--"]))
    assert parsed.bad.tolist() == [False, True, False]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["8,97%", "10%"], [0.0897, 0.1]),  # percent signs
        (["0.214", "0.5"], [0.214, 0.5]),  # fractions stay fractions
        (["21.4", "50"], [0.214, 0.5]),  # percent points without signs
    ],
)
def test_rates_become_fractions_once(cells, expected):
    assert rate_to_fraction(parse_number_column(pd.Series(cells))).tolist() == pytest.approx(expected)


def test_durations():
    cells = pd.Series(["00:01:42", "1:02:03", "0:45", 0.00118055555, dt.time(0, 2, 5), "--"], dtype=object)
    assert parse_duration_column(cells).round(3).tolist()[:5] == [102.0, 3723.0, 45.0, 102.0, 125.0]
