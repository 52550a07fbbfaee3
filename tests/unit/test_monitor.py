import datetime as dt

import pandas as pd
import pytest

from kpi_core.compute.periods import checkpoints
from kpi_core.goals.spec import GoalKPISpec
from kpi_core.monitor.path import progress_path
from tests.conftest import make_obs


def test_checkpoints_are_week_ends_and_today():
    # Wed 4 March .. Tue 17 March 2026: Sundays 8 and 15, then the 17th
    assert checkpoints(dt.date(2026, 3, 4), dt.date(2026, 3, 17), "week") == [
        dt.date(2026, 3, 8),
        dt.date(2026, 3, 15),
        dt.date(2026, 3, 17),
    ]
    assert checkpoints(dt.date(2026, 3, 4), dt.date(2026, 3, 1), "week") == []


def test_progress_path_of_a_total_is_the_running_sum():
    obs = make_obs([((dt.date(2026, 3, 2) + dt.timedelta(days=i)).isoformat(), "orders", 2.0) for i in range(14)])
    path = progress_path(
        obs, GoalKPISpec("orders", "total", 56.0), dt.date(2026, 3, 2), dt.date(2026, 3, 29), dt.date(2026, 3, 15)
    )
    assert path["day"].tolist() == [pd.Timestamp("2026-03-08"), pd.Timestamp("2026-03-15")]
    assert path["actual"].tolist() == [14.0, 28.0]
    assert path["expected"].tolist() == pytest.approx([14.0, 28.0])  # 56 × 7/28, 56 × 14/28


def test_progress_path_draws_only_periods_that_have_data():
    """A goal January–June with data for March only: the chart drew points on days with nothing in
    them and left the month with data looking empty; now only March's weeks have points."""
    days = [dt.date(2026, 3, 1) + dt.timedelta(days=i) for i in range(31)]
    obs = make_obs([(d.isoformat(), "sessions", 100.0) for d in days] + [(d.isoformat(), "orders", 2.0) for d in days])
    spec = GoalKPISpec("conversion_rate", "level", 2.5)
    path = progress_path(obs, spec, dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 6, 15), "week")
    assert not path.empty
    assert all(dt.date(2026, 3, 1) <= d.date() <= dt.date(2026, 4, 5) for d in path["day"])  # March's weeks
    assert path["actual"].tolist() == pytest.approx([2.0] * len(path))  # 2 orders per 100 sessions
