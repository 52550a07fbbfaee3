import pytest

from kpi_core.analysis import furthest_behind, plan_vs_actual
from kpi_core.monitor.pacing import PacedKPI

ROWS = [
    {
        "goal": "Sales",
        "goal_id": 1,
        "kpi": "revenue",
        "kind": "total",
        "target": 1000.0,
        "expected": 500.0,
        "actual": 400.0,
        "status": "off_track",
    },
    {
        "goal": "Sales",
        "goal_id": 1,
        "kpi": "cac",
        "kind": "level",
        "target": 800.0,
        "expected": 900.0,
        "actual": 850.0,
        "status": "on_track",
    },
    {
        "goal": "Traffic",
        "goal_id": 2,
        "kpi": "sessions",
        "kind": "change",
        "target": 20.0,
        "expected": 10.0,
        "actual": 9.0,
        "status": "at_risk",
    },
    {
        "goal": "Traffic",
        "goal_id": 2,
        "kpi": "bounce_rate",
        "kind": "level",
        "target": 30.0,
        "expected": None,
        "actual": None,
        "status": "no_data",
    },
]


def test_variance_abs_and_percent_with_direction():
    table = plan_vs_actual([PacedKPI(**r) for r in ROWS])
    assert table["variance"].tolist()[:3] == [-100.0, -50.0, -1.0]
    assert table["variance_pct"].tolist()[:2] == pytest.approx([-20.0, -50 / 9])
    assert table["variance_pct"].isna().tolist()[2]  # a change target's variance is in points: −1.0 of +10 %
    assert table["behind"].tolist() == [True, False, True, False]  # lower CAC than planned is ahead
    assert table["variance"].isna().tolist()[3]


def test_furthest_behind():
    assert furthest_behind(plan_vs_actual([PacedKPI(**r) for r in ROWS]))["kpi"] == "revenue"
    assert furthest_behind(plan_vs_actual([PacedKPI(**r) for r in ROWS[1:2]])) is None
