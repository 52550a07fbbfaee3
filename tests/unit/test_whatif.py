"""The what-if simulator: hand-computed revenue changes, followers, bands, and goal statuses moved."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from kpi_core.adjust.whatif import curve_band, follow_ratios, goal_effects, simulate
from kpi_core.compute.cube import DailyTotals
from kpi_core.goals.spec import GoalKPISpec, GoalSpec

CURVES = {"a": (100.0, 100.0), "b": (400.0, 100.0)}  # cases T1/T2 (docs/ARCHITECTURE.md, R-budget)
CURRENT = {"a": 150.0, "b": 150.0}
PLAN = {"a": 105.0, "b": 195.0}


def test_t2_move_gains_what_the_curves_say():
    # a: 100·105/205 − 100·150/250 = 51.2195 − 60 = −8.7805; b: 400·195/295 − 240 = +24.4068
    w = simulate(CURVES, {}, CURRENT, PLAN, {"a": {"orders": 0.02}, "b": {"orders": 0.01}})
    assert w.revenue_change == pytest.approx(15.6263, abs=1e-4)  # 315.63 − 300
    assert w.spend_change == 0.0
    assert w.weekly_deltas["orders"] == pytest.approx(-8.7805 * 0.02 + 24.4068 * 0.01, abs=1e-5)
    assert "new_customers" not in w.weekly_deltas  # no channel gave a ratio for it
    assert w.low is None and w.p_gain is None  # no refits, no band


def test_band_and_probability_of_gain_from_refits():
    draws = {"a": [(100.0, 100.0), (100.0, 100.0)], "b": [(400.0, 100.0), (50.0, 100.0)]}
    w = simulate(CURVES, draws, CURRENT, PLAN, {})
    # second refit: a −8.7805, b 50·195/295 − 50·150/250 = 3.0508 → −5.7297; first refit +15.6263
    assert w.p_gain == 0.5
    assert w.low == pytest.approx(-5.7297 + 0.05 * (15.6263 + 5.7297), abs=1e-3)
    assert w.high == pytest.approx(-5.7297 + 0.95 * (15.6263 + 5.7297), abs=1e-3)
    unchanged = simulate(CURVES, draws, CURRENT, CURRENT, {})
    assert unchanged.revenue_change == 0.0 and unchanged.p_gain is None


def test_the_chance_of_a_gain_is_judged_on_the_weeks_left_out():
    """The band stays the refits' (above), the chance comes from the judges when given: the first
    judge gains +15.6263, the second (b at 50) −5.7297, the third (b at 400 again) +15.6263 → 2 of 3."""
    draws = {"a": [(100.0, 100.0)] * 3, "b": [(400.0, 100.0)] * 3}
    judges = {"a": [(100.0, 100.0)] * 3, "b": [(400.0, 100.0), (50.0, 100.0), (400.0, 100.0)]}
    w = simulate(CURVES, draws, CURRENT, PLAN, {}, judges=judges)
    assert w.p_gain == pytest.approx(2 / 3)
    assert w.low == pytest.approx(15.6263, abs=1e-4) and w.high == pytest.approx(15.6263, abs=1e-4)


def test_the_advised_plan_reads_the_advices_own_chance():
    from kpi_core.adjust.reallocate import recommend
    from kpi_core.demo import demo_observations

    advice = recommend(demo_observations(dt.date(2026, 11, 27)))
    assert advice.status == "ok"
    assert advice.what_if(advice.proposed).p_gain == advice.p_gain
    # a plan 1 000 away: its own judges' share of gains, no jump from the advised plan's
    nudged = {c: v + (1000.0 if i == 0 else -1000.0) for i, (c, v) in enumerate(advice.proposed.items())}
    assert advice.what_if(nudged).p_gain == pytest.approx(advice.p_gain, abs=0.05)


def test_plan_outside_the_observed_range_is_flagged():
    w = simulate(CURVES, {}, CURRENT, {"a": 40.0, "b": 260.0}, {}, observed={"a": (50.0, 200.0), "b": (60.0, 250.0)})
    assert w.outside == ["a", "b"]


def test_curve_band_percentiles():
    low, high = curve_band([(100.0, 100.0), (200.0, 100.0), (300.0, 100.0)], np.array([0.0, 100.0]))
    assert low.tolist() == pytest.approx([0.0, 55.0])  # 50, 100, 150 at x = 100: 5th pct 55
    assert high.tolist() == pytest.approx([0.0, 145.0])


def _shop(days: int = 60, first: str = "2026-01-01") -> pd.DataFrame:
    dates = pd.date_range(first, periods=days, freq="D")
    rows = []
    for measure, value in (("revenue", 1000.0), ("spend", 500.0), ("new_customers", 5.0)):
        rows.append(pd.DataFrame({"date": dates, "measure": measure, "channel": "paid_search", "value": value}))
    return pd.concat(rows, ignore_index=True)


def test_follow_ratios_per_unit_of_revenue():
    ratios = follow_ratios(DailyTotals(_shop()), ["paid_search", "email"], dt.date(2026, 1, 1), dt.date(2026, 1, 28))
    assert ratios == {"paid_search": {"new_customers": pytest.approx(0.005)}, "email": {}}


def test_move_lifts_a_total_goal_from_at_risk_to_on_track():
    start, as_of, deadline = dt.date(2026, 1, 31), dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    goal = GoalSpec("Revenue", "sales", start, deadline, kpis=[GoalKPISpec("revenue", "total", 65000.0)])
    # actual 30 days × 1000 = 30000; run rate 1000 × 30 days left → 60000, 92 % of the way: at risk
    row = goal_effects(DailyTotals(_shop()), [("Revenue", goal)], as_of, {"revenue": 200.0})[0]
    assert row.projected == pytest.approx(60000.0) and row.status == "at_risk"
    assert row.projected_after == pytest.approx(66000.0)  # + 200 a day × 30 days
    assert row.status_after == "on_track"


def test_move_lowers_a_cac_level_goal():
    start, as_of, deadline = dt.date(2026, 2, 1), dt.date(2026, 3, 1), dt.date(2026, 4, 30)
    goal = GoalSpec("CAC", "sales", start, deadline, kpis=[GoalKPISpec("cac", "level", 90.0)])
    # CAC 500 / 5 = 100 throughout; one more customer a day → 28 × 500 / (28 × 6) = 83.33
    row = goal_effects(DailyTotals(_shop()), [("CAC", goal)], as_of, {"new_customers": 1.0})[0]
    assert row.projected == pytest.approx(100.0) and row.status == "off_track"
    assert row.projected_after == pytest.approx(100.0 + (500 / 6 - 100), abs=1e-9)
    assert row.status_after == "on_track"


def test_change_goal_moves_by_the_share_of_the_window_ahead():
    start, as_of, deadline = dt.date(2026, 2, 1), dt.date(2026, 2, 28), dt.date(2026, 3, 29)
    goal = GoalSpec("Growth", "sales", start, deadline, kpis=[GoalKPISpec("revenue", "change", 10.0)])
    shop = _shop(200, "2025-09-01")
    row = goal_effects(DailyTotals(shop), [("Growth", goal)], as_of, {"revenue": 500.0})[0]
    # flat revenue: 0 % projected; +50 % a day for the 29 of 57 days still ahead → +25.44 %
    assert row.projected == pytest.approx(0.0, abs=1e-9)
    assert row.projected_after == pytest.approx(50.0 * 29 / 57)
    assert row.status_after == "on_track"


def test_goals_not_running_or_unaffected_keep_their_status():
    as_of = dt.date(2026, 3, 1)
    future = GoalSpec(
        "Later", "sales", dt.date(2026, 5, 1), dt.date(2026, 6, 30), kpis=[GoalKPISpec("revenue", "total", 1.0)]
    )
    organic = GoalSpec(
        "Organic",
        "traffic",
        dt.date(2026, 2, 1),
        dt.date(2026, 3, 31),
        kpis=[GoalKPISpec("organic_traffic", "total", 9.0)],
    )
    rows = goal_effects(DailyTotals(_shop()), [("Later", future), ("Organic", organic)], as_of, {"revenue": 1e6})
    assert rows[0].status == rows[0].status_after == "not_started"
    assert rows[1].status == rows[1].status_after == "no_data"


def test_rebalance_keeps_the_total_within_limits():
    from kpi_core.adjust.whatif import rebalance

    limits = {"a": 500.0, "b": 500.0, "c": 500.0}
    assert rebalance({"a": 100.0, "b": 0.0, "c": 0.0}, "a", 40.0, limits) == {"a": 40.0, "b": 30.0, "c": 30.0}
    # the others cannot go below zero: the total then falls
    assert rebalance({"a": 100.0, "b": 50.0, "c": 50.0}, "a", 300.0, limits) == {"a": 300.0, "b": 0.0, "c": 0.0}


def test_curve_table_holds_the_curve_and_its_band():
    from kpi_core.adjust.whatif import curve_table

    table = curve_table((100.0, 100.0), [(100.0, 100.0), (200.0, 100.0), (300.0, 100.0)], np.array([0.0, 100.0]))
    assert table["revenue"].tolist() == [0.0, 50.0]
    assert table["low"].tolist() == pytest.approx([0.0, 55.0]) and table["high"].tolist() == pytest.approx([0.0, 145.0])
