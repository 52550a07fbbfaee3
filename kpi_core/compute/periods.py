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


def complete_periods_within(start: dt.date, end: dt.date, period: str) -> list[tuple[dt.date, dt.date]]:
    """Complete periods (first day, last day) lying inside ``start``..``end``."""
    out = []
    if period == "day":
        first = start
    elif period == "week":
        first = start - dt.timedelta(days=start.weekday())
    else:
        first = start.replace(day=1)
    while first <= end:
        if period == "day":
            nxt = first + dt.timedelta(days=1)
        elif period == "week":
            nxt = first + dt.timedelta(days=7)
        else:
            nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        last = nxt - dt.timedelta(days=1)
        if first >= start and last <= end:
            out.append((first, last))
        first = nxt
    return out


def checkpoints(start: dt.date, last: dt.date, period: str) -> list[dt.date]:
    """The last day of each period inside ``start``..``last``, plus ``last`` itself."""
    if last < start:
        return []
    days = pd.Series(pd.date_range(start, last, freq="D"))
    starts = period_start(days, period)
    ends = days.groupby(starts).max().dt.date.tolist()
    return sorted(set(ends) | {last})


def window_months(start: dt.date, deadline: dt.date) -> list[tuple[str, int]]:
    """Each month of the window ("YYYY-MM") with the number of the window's days in it.

    >>> window_months(dt.date(2026, 1, 15), dt.date(2026, 3, 10))
    [('2026-01', 17), ('2026-02', 28), ('2026-03', 10)]
    """
    months = []
    day = start
    while day <= deadline:
        last = dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        months.append((f"{day:%Y-%m}", (min(last, deadline) - day).days + 1))
        day = last + dt.timedelta(days=1)
    return months


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
