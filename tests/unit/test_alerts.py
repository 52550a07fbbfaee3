import datetime as dt

import pytest

from kpi_core.monitor.alerts import Alert, change_alerts, sort_alerts, stale_alerts, status_alerts
from kpi_core.monitor.pacing import PacedKPI
from tests.conftest import make_obs


def test_status_alerts_keep_off_track_and_at_risk():
    statuses = ("on_track", "at_risk", "off_track", "no_data")
    rows = [
        PacedKPI(goal="G", goal_id=1, kpi="orders", kind="total", target=100.0, actual=50.0, expected=50.0, status=s)
        for s in statuses
    ]
    assert status_alerts(rows) == [Alert("at_risk", "G", "orders"), Alert("off_track", "G", "orders")]


def test_change_alerts_compare_complete_periods():
    obs = make_obs(
        [
            ("2026-03-02", "orders", 100),
            ("2026-03-09", "orders", 70),
            ("2026-03-16", "orders", 5),
            ("2026-03-02", "sessions", 1000),
            ("2026-03-09", "sessions", 1100),
        ]
    )
    # data through Sunday 15 March: the week of 16 March is not complete and is not compared
    alerts = change_alerts(obs, ["orders", "sessions", "orders"], "week", 20, dt.date(2026, 3, 15))
    assert alerts == [Alert("change", kpi="orders", change_pct=-30.0)]  # sessions +10 % stays quiet


def test_stale_sources_by_cadence():
    freshness = [("Metrica", dt.date(2026, 3, 1)), ("CRM", dt.date(2026, 3, 10)), ("Empty", None)]
    weekly = stale_alerts(freshness, dt.date(2026, 3, 12), "week")
    assert [a.source for a in weekly] == ["Metrica", "Empty"]  # 11 days > 7
    assert [a.source for a in stale_alerts(freshness, dt.date(2026, 3, 12), "month")] == ["Empty"]


def test_most_urgent_first():
    alerts = [Alert("change", kpi="a"), Alert("at_risk"), Alert("stale"), Alert("off_track")]
    assert [a.kind for a in sort_alerts(alerts)] == ["off_track", "stale", "at_risk", "change"]


def test_change_alerts_follow_the_margin_setting():
    """ROMI 900 % → 400 % on revenue (−55.6 %), 400 % → 150 % on a 50 % gross margin (−62.5 %)."""
    obs = make_obs(
        [
            ("2026-03-02", "revenue", 1000),
            ("2026-03-02", "spend", 100),
            ("2026-03-15", "revenue", 1000),  # a Sunday: data through the whole week
            ("2026-03-15", "spend", 200),
        ]
    )
    [on_revenue] = change_alerts(obs, ["romi"], "week", 20, dt.date(2026, 3, 15))
    [on_profit] = change_alerts(obs, ["romi"], "week", 20, dt.date(2026, 3, 15), margin_pct=50.0)
    assert on_revenue.change_pct == pytest.approx(-55.555556, abs=1e-5)
    assert on_profit.change_pct == pytest.approx(-62.5)
