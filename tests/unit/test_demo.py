import datetime as dt

import pandas as pd
import pytest

from kpi_core.catalog import get_kpi
from kpi_core.demo import build_demo, demo_observations
from kpi_core.pacing import goal_status, pace_goal_kpi


def test_demo_is_the_same_every_time():
    a = demo_observations(dt.date(2026, 11, 27))
    b = demo_observations(dt.date(2026, 11, 27))
    pd.testing.assert_frame_equal(a, b)
    assert a["date"].min() == pd.Timestamp("2025-05-29") and a["date"].max() == pd.Timestamp("2026-11-27")
    assert set(a["measure"]) >= {
        "sessions",
        "visitors",
        "orders",
        "revenue",
        "new_customers",
        "spend",
        "leads",
        "deals_won",
    }


@pytest.mark.parametrize(
    "as_of", [dt.date(2026, 11, 27), dt.date(2027, 2, 14), dt.date(2027, 7, 1), dt.date(2026, 5, 5)]
)
def test_demo_goals_land_on_track_at_risk_off_track(as_of):
    demo = build_demo(as_of)
    statuses = []
    for goal in demo.goals:
        kpi_statuses = []
        for spec in goal.kpis:
            pace = pace_goal_kpi(demo.observations, spec, goal.start, goal.deadline, as_of)
            kpi_statuses.append(pace.status)
            # every target points the KPI's good way from its baseline
            assert (spec.target > (pace.baseline or 0)) == (get_kpi(spec.kpi).good == "up")
        assert len(set(kpi_statuses)) == 1
        statuses.append(goal_status(kpi_statuses))
    assert statuses == ["on_track", "at_risk", "off_track"]
    assert len(demo.actions) == 3
