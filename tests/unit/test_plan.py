import datetime as dt

import pytest

from kpi_core.compute.periods import window_months
from kpi_core.goals.plans import shape_like_last_year, spread_evenly
from tests.conftest import make_obs


def test_even_spread_sums_to_the_target():
    plan = spread_evenly(90, dt.date(2026, 1, 1), dt.date(2026, 3, 31))  # 31 + 28 + 31 days
    assert plan == {"2026-01": 31.0, "2026-02": 28.0, "2026-03": 31.0}
    assert sum(spread_evenly(100, dt.date(2026, 1, 15), dt.date(2026, 3, 10)).values()) == pytest.approx(100)


def test_shaped_like_last_year():
    # last year: 10 orders a day in January 2025, 30 a day in February 2025
    history = make_obs(
        [((dt.date(2025, 1, 1) + dt.timedelta(days=i)).isoformat(), "orders", 10) for i in range(31)]
        + [((dt.date(2025, 2, 1) + dt.timedelta(days=i)).isoformat(), "orders", 30) for i in range(28)]
    )
    plan = shape_like_last_year(1150, dt.date(2026, 1, 1), dt.date(2026, 2, 28), history, "orders")
    # weights 310 and 840 of 1150
    assert plan == {"2026-01": 310.0, "2026-02": 840.0}
    assert shape_like_last_year(100, dt.date(2027, 1, 1), dt.date(2027, 2, 28), history, "orders") is None


def test_window_months_across_a_year():
    assert window_months(dt.date(2025, 12, 20), dt.date(2026, 1, 5)) == [("2025-12", 12), ("2026-01", 5)]
