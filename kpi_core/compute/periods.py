"""Every period rule in one place: days, ISO weeks (Monday to Sunday), calendar months, years.

A period is named by its first day. ``period_start``/``period_range`` work on pandas dates;
the rest on ``datetime.date``.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd

PERIODS = ("day", "week", "month")


def period_start(dates: pd.Series | pd.DatetimeIndex, period: str) -> pd.Series:
    """The first day of each date's period: the date itself, its ISO week's Monday, its month's 1st.

    >>> period_start(pd.Series(pd.to_datetime(["2026-03-05"])), "week").dt.date.tolist()
    [datetime.date(2026, 3, 2)]
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not '{period}'")
    dates = pd.Series(pd.to_datetime(dates)).dt.normalize()
    if period == "day":
        return dates
    if period == "week":
        return dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")
    return dates - pd.to_timedelta(dates.dt.day - 1, unit="D")


def period_range(first: pd.Timestamp, last: pd.Timestamp, period: str) -> pd.DatetimeIndex:
    """Every period start from the period holding ``first`` to the one holding ``last``."""
    starts = period_start(pd.Series([first, last]), period)
    freq = {"day": "D", "week": "W-MON", "month": "MS"}[period]
    return pd.date_range(starts.iloc[0], starts.iloc[1], freq=freq)


def period_end(start: pd.Timestamp, period: str) -> pd.Timestamp:
    """The last day of the period that begins on ``start``."""
    if period == "day":
        return start
    if period == "week":
        return start + pd.Timedelta(days=6)
    return start + pd.offsets.MonthEnd(0)


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month.

    >>> month_end(dt.date(2028, 2, 10))
    datetime.date(2028, 2, 29)
    """
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_bounds(day: dt.date, period: str) -> tuple[dt.date, dt.date]:
    """The first and the last day of the period (day, ISO week from Monday, month) holding ``day``.

    >>> period_bounds(dt.date(2026, 3, 5), "week"), period_bounds(dt.date(2026, 2, 5), "month")[1]
    ((datetime.date(2026, 3, 2), datetime.date(2026, 3, 8)), datetime.date(2026, 2, 28))
    """
    if period == "day":
        return day, day
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if period == "month":
        return day.replace(day=1), month_end(day)
    raise ValueError(f"period must be one of {PERIODS}, not '{period}'")


def year_earlier(start: pd.Timestamp, period: str) -> pd.Timestamp:
    """The start of the same period a year earlier: 12 months back, or 52 weeks (364 days) so a
    week or a day stays on its weekday.

    >>> year_earlier(pd.Timestamp("2026-03-02"), "week").date()
    datetime.date(2025, 3, 3)
    >>> year_earlier(pd.Timestamp("2026-03-01"), "month").date()
    datetime.date(2025, 3, 1)
    """
    return start - pd.DateOffset(months=12) if period == "month" else start - pd.Timedelta(days=364)


def complete_periods_within(start: dt.date, end: dt.date, period: str) -> list[tuple[dt.date, dt.date]]:
    """Complete periods (first day, last day) lying inside ``start``..``end``.

    >>> complete_periods_within(dt.date(2026, 3, 4), dt.date(2026, 3, 22), "week")
    [(datetime.date(2026, 3, 9), datetime.date(2026, 3, 15)), (datetime.date(2026, 3, 16), datetime.date(2026, 3, 22))]
    """
    out = []
    first, last = period_bounds(start, period)
    while first <= end:
        if first >= start and last <= end:
            out.append((first, last))
        first, last = period_bounds(last + dt.timedelta(days=1), period)
    return out


def checkpoints(start: dt.date, last: dt.date, period: str) -> list[dt.date]:
    """The last day of each period inside ``start``..``last``, plus ``last`` itself."""
    if last < start:
        return []
    ends = []
    first, end = period_bounds(start, period)
    while first <= last:
        ends.append(min(end, last))
        first, end = period_bounds(end + dt.timedelta(days=1), period)
    return sorted(set(ends) | {last})


def window_months(start: dt.date, deadline: dt.date) -> list[tuple[str, int]]:
    """Each month of the window ("YYYY-MM") with the number of the window's days in it.

    >>> window_months(dt.date(2026, 1, 15), dt.date(2026, 3, 10))
    [('2026-01', 17), ('2026-02', 28), ('2026-03', 10)]
    """
    months = []
    day = start
    while day <= deadline:
        last = month_end(day)
        months.append((f"{day:%Y-%m}", (min(last, deadline) - day).days + 1))
        day = last + dt.timedelta(days=1)
    return months


def days_before(start: dt.date, deadline: dt.date) -> tuple[dt.date, dt.date]:
    """As many days as the window ``start``–``deadline`` holds, ending the day before it: the baseline a
    goal's change is measured against, and where its first targets are read.

    >>> days_before(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    (datetime.date(2026, 1, 29), datetime.date(2026, 2, 28))
    """
    length = (deadline - start).days + 1
    return start - dt.timedelta(days=length), start - dt.timedelta(days=1)


def shift_year(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` years later (earlier when negative); 29 February becomes the 28th.

    >>> shift_year(dt.date(2028, 2, 29), -1)
    datetime.date(2027, 2, 28)
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, kept inside a shorter month.

    >>> add_months(dt.date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: dt.date, deadline: dt.date) -> float:
    """How many calendar months a window from ``start`` through ``deadline`` spans.

    Whole months first ("in 1 month" from 1 December ends on 31 December: exactly 1), then the
    rest as a share of the month it falls in.

    >>> months_between(dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    1.0
    """
    end = deadline + dt.timedelta(days=1)
    whole = max((end.year - start.year) * 12 + end.month - start.month, 0)
    while whole > 0 and add_months(start, whole) > end:
        whole -= 1
    anchor, following = add_months(start, whole), add_months(start, whole + 1)
    return max(whole + (end - anchor).days / (following - anchor).days, 1e-9)
