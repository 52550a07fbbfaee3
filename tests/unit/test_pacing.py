import datetime as dt

import pandas as pd
import pytest

from kpi_core.goals.spec import GoalKPISpec
from kpi_core.monitor.pacing import goal_status, pace_goal_kpi, planned_to_date, status_of
from tests.conftest import make_obs

START, DEADLINE = dt.date(2026, 3, 1), dt.date(2026, 3, 30)  # 30 days


def daily(measure: str, values: dict[str, float] | float, start=START, days=30, channel="all"):
    rows = []
    for i in range(days):
        day = start + dt.timedelta(days=i)
        rows.append((day.isoformat(), measure, channel, values if isinstance(values, float) else values[i]))
    return make_obs(rows)


def test_total_on_track_at_risk_off_track():
    obs = daily("new_customers", 10.0, days=10)  # 10 a day for the first 10 days
    as_of = dt.date(2026, 3, 10)
    # actual 100; expected = target × 10/30; projected = 100 + 10 × 20 days left = 300
    on = pace_goal_kpi(obs, GoalKPISpec("new_customers", "total", 300), START, DEADLINE, as_of)
    assert (on.actual, on.expected, on.projected, on.progress, on.status) == (
        100.0,
        100.0,
        300.0,
        pytest.approx(100 / 3),
        "on_track",
    )
    risk = pace_goal_kpi(obs, GoalKPISpec("new_customers", "total", 320), START, DEADLINE, as_of)
    assert risk.status == "at_risk"  # 300 / 320 = 93.75 % of the way
    off = pace_goal_kpi(obs, GoalKPISpec("new_customers", "total", 400), START, DEADLINE, as_of)
    assert off.status == "off_track"  # 75 %


def test_total_with_monthly_plan():
    obs = daily("orders", 5.0, days=10)
    pace = pace_goal_kpi(
        obs, GoalKPISpec("orders", "total", 150, plan={"2026-03": 150}), START, DEADLINE, dt.date(2026, 3, 10)
    )
    # March's plan of 150 spread over the window's 30 March days: 10 days → 50
    assert pace.expected == pytest.approx(50.0)
    assert planned_to_date(
        {"2026-03": 310, "2026-04": 300}, dt.date(2026, 3, 1), dt.date(2026, 4, 30), dt.date(2026, 4, 3)
    ) == pytest.approx(310 + 30)


def test_level_down_is_good():
    # CAC: spend 1000 a day; customers 10 a day in the baseline window (CAC 100), then 12 a day (83.33)
    before = START - dt.timedelta(days=30)
    obs = pd.concat(
        [
            daily("spend", 1000.0, start=before, days=60),
            daily("new_customers", 10.0, start=before, days=30),
            daily("new_customers", 12.0, start=START, days=14),
        ]
    )
    spec = GoalKPISpec("cac", "level", 85.0)
    pace = pace_goal_kpi(obs, spec, START, DEADLINE, dt.date(2026, 3, 14), period="week")
    assert pace.baseline == pytest.approx(100.0)
    assert pace.actual == pytest.approx(1000 / 12)  # the latest complete week (Mon 2 – Sun 8 March)
    assert pace.status == "on_track"
    assert pace.progress == pytest.approx((1000 / 12 - 100) / (85 - 100) * 100)
    harder = pace_goal_kpi(obs, GoalKPISpec("cac", "level", 60.0), START, DEADLINE, dt.date(2026, 3, 14))
    assert harder.status == "off_track"  # 16.7 of the 40 to go


def test_change_against_previous_window():
    before = START - dt.timedelta(days=30)
    obs = pd.concat([daily("revenue", 100.0, start=before, days=30), daily("revenue", 120.0, days=15)])
    pace = pace_goal_kpi(obs, GoalKPISpec("revenue", "change", 20.0), START, DEADLINE, dt.date(2026, 3, 15))
    assert pace.actual == pytest.approx(20.0)  # 1800 vs the same 15 days before: 1500
    assert pace.expected == pytest.approx(10.0)  # half the window → half of +20 %
    assert pace.projected == pytest.approx(20.0)  # 1800 + 120 × 15 = 3600 vs 3000
    assert pace.status == "on_track"
    assert (
        pace_goal_kpi(obs, GoalKPISpec("revenue", "change", 22.0), START, DEADLINE, dt.date(2026, 3, 15)).status
        == "at_risk"
    )  # 20 of 22


def test_not_started_no_data_achieved_missed():
    obs = daily("orders", 5.0)
    spec = GoalKPISpec("orders", "total", 140)
    assert pace_goal_kpi(obs, spec, START, DEADLINE, dt.date(2026, 2, 1)).status == "not_started"
    assert (
        pace_goal_kpi(
            make_obs([]).astype({"date": "datetime64[ns]"}), spec, START, DEADLINE, dt.date(2026, 3, 5)
        ).status
        == "no_data"
    )
    assert pace_goal_kpi(obs, spec, START, DEADLINE, dt.date(2026, 4, 2)).status == "achieved"  # 150 ≥ 140
    assert (
        pace_goal_kpi(obs, GoalKPISpec("orders", "total", 200), START, DEADLINE, dt.date(2026, 4, 2)).status == "missed"
    )


def test_goal_status_is_the_worst():
    assert goal_status(["on_track", "at_risk", "achieved"]) == "at_risk"
    assert goal_status(["on_track", "off_track"]) == "off_track"
    assert goal_status([]) == "no_data"


def test_level_up_at_risk_and_change_down():
    before = START - dt.timedelta(days=30)
    # conversion: 2 % in the baseline window, 2.4 % since the start (orders 24 per 1000 sessions a day)
    obs = pd.concat(
        [
            daily("sessions", 1000.0, start=before, days=45),
            daily("orders", 20.0, start=before, days=30),
            daily("orders", 24.0, start=START, days=15),
        ]
    )
    as_of = dt.date(2026, 3, 15)
    on = pace_goal_kpi(obs, GoalKPISpec("conversion_rate", "level", 2.4), START, DEADLINE, as_of)
    assert (on.baseline, on.actual, on.status) == (pytest.approx(2.0), pytest.approx(2.4), "on_track")
    risky = pace_goal_kpi(obs, GoalKPISpec("conversion_rate", "level", 2.44), START, DEADLINE, as_of)
    assert risky.status == "at_risk"  # 0.4 of the 0.44 to go: 90.9 %
    # bounce rate should fall: 40 % before, 30 % since the start; a −20 % change target is on track
    bounces = pd.concat(
        [
            daily("sessions", 100.0, start=before, days=45),
            daily("bounces", 40.0, start=before, days=30),
            daily("bounces", 30.0, start=START, days=15),
        ]
    )
    down = pace_goal_kpi(bounces, GoalKPISpec("bounce_rate", "change", -20.0), START, DEADLINE, as_of)
    assert down.actual == pytest.approx(-25.0) and down.status == "on_track"
    harder = pace_goal_kpi(bounces, GoalKPISpec("bounce_rate", "change", -40.0), START, DEADLINE, as_of)
    assert harder.status == "off_track"  # −25 of −40: 62.5 % of the way
    assert (
        pace_goal_kpi(bounces, GoalKPISpec("bounce_rate", "change", -20.0), START, DEADLINE, dt.date(2026, 4, 5)).status
        == "achieved"
    )


def test_change_projection_follows_the_trend_of_period_ends():
    # baseline 100 a day; the window's weeks bring 110, 120, 130 a day: the change to date is
    # +10 %, +15 %, +20 % at days 6, 13, 20; the line through them reaches +45 % on day 55
    start, deadline = dt.date(2026, 3, 2), dt.date(2026, 4, 26)  # Monday, 8 weeks
    obs = pd.concat(
        [daily("revenue", 100.0, start=start - dt.timedelta(days=56), days=56)]
        + [daily("revenue", 110.0 + 10 * w, start=start + dt.timedelta(days=7 * w), days=7) for w in range(3)]
    )
    as_of = dt.date(2026, 3, 22)
    pace = pace_goal_kpi(obs, GoalKPISpec("revenue", "change", 40.0), start, deadline, as_of)
    assert pace.actual == pytest.approx(20.0)
    assert pace.projected == pytest.approx(45.0)
    assert pace.status == "on_track"
    assert pace_goal_kpi(obs, GoalKPISpec("revenue", "change", 50.0), start, deadline, as_of).status == "at_risk"


def test_change_projection_trends_each_period_not_the_cumulative_change():
    # baseline 100 a day for 8 weeks; the window's weeks bring 200, 120, 120 a day. The daily
    # averages at the weeks' midpoints (days 3, 10, 17) give the line 4280/21 − 40/7 · day, which
    # reaches 0 after day 35: the days left (21–55) add 15 · 4280/21 − 40/7 · (21 + … + 35) = 657.14
    start, deadline = dt.date(2026, 3, 2), dt.date(2026, 4, 26)
    obs = pd.concat(
        [daily("revenue", 100.0, start=start - dt.timedelta(days=56), days=56)]
        + [
            daily("revenue", v, start=start + dt.timedelta(days=7 * w), days=7)
            for w, v in enumerate((200.0, 120.0, 120.0))
        ]
    )
    pace = pace_goal_kpi(obs, GoalKPISpec("revenue", "change", 10.0), start, deadline, dt.date(2026, 3, 22))
    assert pace.actual == pytest.approx((3080 / 2100 - 1) * 100)  # +46.7 % so far
    assert pace.projected == pytest.approx(((3080 + 15 * 4280 / 21 - 40 / 7 * 420) / 5600 - 1) * 100)  # −33.3 %
    assert pace.status == "off_track"


def test_change_projection_of_a_ratio_trends_numerator_and_denominator():
    # conversion 2 % in the baseline; in the window sessions stay 1000 a day and orders rise
    # 22, 24, 26 a day by week: orders' line continues +2 a day per week, so the whole window
    # holds 8 weeks of orders 154 + 168 + … + 252 = 1624 over 56 000 sessions: 2.9 %, +45 %
    start, deadline = dt.date(2026, 3, 2), dt.date(2026, 4, 26)
    before = start - dt.timedelta(days=56)
    obs = pd.concat(
        [daily("sessions", 1000.0, start=before, days=77), daily("orders", 20.0, start=before, days=56)]
        + [daily("orders", 22.0 + 2 * w, start=start + dt.timedelta(days=7 * w), days=7) for w in range(3)]
    )
    pace = pace_goal_kpi(obs, GoalKPISpec("conversion_rate", "change", 40.0), start, deadline, dt.date(2026, 3, 22))
    assert pace.projected == pytest.approx((1624 / 56000 / 0.02 - 1) * 100)
    assert pace.status == "on_track"


@pytest.mark.parametrize(
    ("kpi", "baseline", "target", "projected", "status"),
    [
        # a floor below the baseline: falling far under it is not "most of the way"
        ("revenue", 100.0, 90.0, 50.0, "off_track"),
        ("revenue", 100.0, 90.0, 89.5, "at_risk"),  # short by 0.5, within 10 % of the 10-point gap
        ("revenue", 100.0, 90.0, 95.0, "on_track"),
        # a CAC ceiling above the baseline (down is good): tripling is off track
        ("cac", 1000.0, 1100.0, 3000.0, "off_track"),
        ("cac", 1000.0, 1100.0, 1105.0, "at_risk"),
        ("cac", 1000.0, 1100.0, 1050.0, "on_track"),
        # the ordinary case is unchanged: 95 % of the way is at risk, 60 % off track
        ("revenue", 100.0, 200.0, 195.0, "at_risk"),
        ("revenue", 100.0, 200.0, 160.0, "off_track"),
        ("cac", 1000.0, 800.0, 810.0, "at_risk"),
        ("cac", 1000.0, 800.0, 1200.0, "off_track"),
    ],
)
def test_status_is_never_reached_by_getting_worse(kpi, baseline, target, projected, status):
    spec = GoalKPISpec(kpi, "level", target)
    assert status_of(spec, projected, projected, baseline, finished=False) == status


def test_a_baseline_partly_covered_by_data_is_compared_per_day_of_data_and_flagged():
    """A change against a baseline only partly covered by data: the baseline window is 30 Jan–28 Feb,
    the data starts on 19 Feb (10 days of 100 orders). The same 15 days before the goal hold only
    days without data but for nothing — the old pace compared 1 800 with 0 days and said "no data",
    or with a few days and said +260 %. Per day of data: 1 000 / 10 × 15 = 1 500 → +20 %."""
    covered = dt.date(2026, 2, 19)
    obs = pd.concat([daily("orders", 100.0, start=covered, days=10), daily("orders", 120.0, days=15)])
    pace = pace_goal_kpi(obs, GoalKPISpec("orders", "change", 20.0), START, DEADLINE, dt.date(2026, 3, 15))
    assert pace.baseline_from == covered  # the page says the baseline is read from 19 Feb only
    assert pace.actual == pytest.approx(20.0)
    assert pace.projected == pytest.approx(20.0)  # 120 × 30 = 3 600 against 100 × 30 = 3 000
    assert pace.status == "on_track"


def test_a_baseline_partly_covered_keeps_a_ratio_a_ratio_of_the_covered_days():
    covered = dt.date(2026, 2, 19)
    obs = pd.concat(
        [
            daily("orders", 2.0, start=covered, days=10),
            daily("sessions", 100.0, start=covered, days=10),
            daily("orders", 3.0, days=15),
            daily("sessions", 100.0, days=15),
        ]
    )
    pace = pace_goal_kpi(obs, GoalKPISpec("conversion_rate", "change", 50.0), START, DEADLINE, dt.date(2026, 3, 15))
    assert (pace.baseline_from, pace.actual) == (covered, pytest.approx(50.0))  # 3 % against 2 %


def test_a_wholly_covered_baseline_is_not_flagged():
    before = START - dt.timedelta(days=30)
    obs = pd.concat([daily("revenue", 100.0, start=before, days=30), daily("revenue", 120.0, days=15)])
    pace = pace_goal_kpi(obs, GoalKPISpec("revenue", "change", 20.0), START, DEADLINE, dt.date(2026, 3, 15))
    assert pace.baseline_from is None
