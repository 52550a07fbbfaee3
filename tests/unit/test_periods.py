"""The period rules (compute/periods.py): the scalar helpers agree with the vectorised pandas rule
on any window — every complete period, every period end, months and years."""

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_core.compute.periods import (
    checkpoints,
    complete_periods_within,
    month_end,
    period_bounds,
    period_start,
    shift_year,
    window_months,
    year_earlier,
)

days = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2029, 12, 31))
periods = st.sampled_from(["day", "week", "month"])


def _by_pandas(start: dt.date, end: dt.date, period: str) -> pd.DataFrame:
    """Each day of the periods touching start..end, labelled by pandas' period start."""
    first, _ = period_bounds(start, period)
    _, last = period_bounds(end, period)
    every = pd.Series(pd.date_range(first, last, freq="D"))
    return pd.DataFrame({"day": every.dt.date, "period": period_start(every, period).dt.date})


@settings(max_examples=300, deadline=None)
@given(days, st.integers(0, 120), periods)
def test_complete_periods_are_those_wholly_inside(start, span, period):
    end = start + dt.timedelta(days=span)
    groups = _by_pandas(start, end, period).groupby("period")["day"].agg(["min", "max"])
    expected = [(lo, hi) for lo, hi in zip(groups["min"], groups["max"], strict=True) if lo >= start and hi <= end]
    assert complete_periods_within(start, end, period) == expected


@settings(max_examples=300, deadline=None)
@given(days, st.integers(0, 120), periods)
def test_checkpoints_are_each_period_s_last_day_seen(start, span, period):
    end = start + dt.timedelta(days=span)
    inside = _by_pandas(start, end, period)
    inside = inside[(inside["day"] >= start) & (inside["day"] <= end)]
    assert checkpoints(start, end, period) == sorted(set(inside.groupby("period")["day"].max()) | {end})


@given(days, periods)
def test_a_day_lies_in_its_period(day, period):
    first, last = period_bounds(day, period)
    assert first <= day <= last
    assert first == period_start(pd.Series([pd.Timestamp(day)]), period).iloc[0].date()
    assert period_bounds(last + dt.timedelta(days=1), period)[0] == last + dt.timedelta(days=1)


def test_months_years_and_leap_days():
    assert month_end(dt.date(2028, 2, 1)) == dt.date(2028, 2, 29)
    assert shift_year(dt.date(2028, 2, 29), 1) == dt.date(2029, 2, 28)
    assert year_earlier(pd.Timestamp("2027-03-01"), "week").day_name() == "Monday"  # 2027-03-01 is a Monday
    assert window_months(dt.date(2028, 2, 20), dt.date(2028, 3, 2)) == [("2028-02", 10), ("2028-03", 2)]
