"""DailyTotals gives the same window totals and KPI values as summing the observations."""

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_core.compute.cube import DailyTotals
from kpi_core.compute.series import kpi_value
from kpi_core.demo import demo_observations
from tests.conftest import make_obs

OBS = demo_observations(dt.date(2026, 11, 27), weeks=18)
CUBE = DailyTotals(OBS)
FIRST = dt.date(2026, 7, 31)


@settings(max_examples=60, deadline=None)
@given(
    offset=st.integers(min_value=-20, max_value=130),
    length=st.integers(min_value=1, max_value=60),
    kpi=st.sampled_from(
        [
            "revenue",
            "conversion_rate",
            "organic_traffic",
            "cac",
            "bounce_rate",
            "organic_traffic_growth",
            "social_referrals",
            "romi",
        ]
    ),
)
def test_cube_matches_the_observations(offset, length, kpi):
    start = FIRST + dt.timedelta(days=offset)
    end = start + dt.timedelta(days=length - 1)
    direct, fast = kpi_value(OBS, kpi, start, end), kpi_value(CUBE, kpi, start, end)
    assert (direct is None) == (fast is None)
    if direct is not None:
        assert fast == pytest.approx(direct, rel=1e-9)


def test_windows_outside_the_data_have_no_value():
    assert kpi_value(CUBE, "revenue", dt.date(2020, 1, 1), dt.date(2020, 1, 31)) is None
    later = CUBE.window_sums(dt.date(2030, 1, 1), dt.date(2030, 1, 2), ["revenue", "unknown"])
    assert list(later) == ["revenue"] and math.isnan(later["revenue"])  # unknown measures are left out


def test_data_days_are_the_first_and_last_day_with_rows_in_a_window():
    obs = make_obs(
        [
            ("2026-03-01", "orders", "all", 1.0),
            ("2026-03-05", "orders", "email", 2.0),
            ("2026-03-09", "orders", "all", 4.0),
        ]
    )
    totals = DailyTotals(obs)

    def days(a: str, b: str):
        return totals.data_days(["orders"], dt.date.fromisoformat(a), dt.date.fromisoformat(b))

    assert days("2026-02-01", "2026-03-31") == (dt.date(2026, 3, 1), dt.date(2026, 3, 9))
    assert days("2026-03-02", "2026-03-06") == (dt.date(2026, 3, 5), dt.date(2026, 3, 5))
    assert days("2026-03-06", "2026-03-08") is None and days("2026-03-10", "2026-04-01") is None
    assert days("2026-01-01", "2026-02-28") is None
    assert totals.data_days(["sessions"], dt.date(2026, 3, 1), dt.date(2026, 3, 9)) is None
