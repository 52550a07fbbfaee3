"""The demo tells the same story on every day of a year: three statuses, advice, a measured action."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from kpi_core.adjust.effect import measure_logged_action
from kpi_core.adjust.reallocate import recommend, weekly_by_channel
from kpi_core.catalog.registry import get_kpi
from kpi_core.compute.cube import DailyTotals
from kpi_core.demo import CHANNEL_PROFILE, PAID_RESPONSE, build_demo, demo_actions, demo_goals, demo_observations
from kpi_core.monitor.pacing import goal_status, pace_goal_kpi
from tests.conftest import TODAY

STORY = ["on_track", "at_risk", "off_track"]


def test_demo_is_the_same_every_time():
    a = demo_observations(dt.date(2026, 11, 27))
    b = demo_observations(dt.date(2026, 11, 27))
    pd.testing.assert_frame_equal(a, b)
    # 79 whole weeks ending on Sunday 29 November, cut at the Friday
    assert a["date"].min() == pd.Timestamp("2025-05-26") and a["date"].max() == pd.Timestamp("2026-11-27")
    assert set(a["measure"]) >= {"sessions", "visitors", "orders", "revenue", "new_customers", "spend", "leads"}


def test_paid_weeks_do_not_depend_on_the_day():
    """The complete weeks the advice reads are the same on a Tuesday in December and a Wednesday in March."""
    december = weekly_by_channel(demo_observations(dt.date(2026, 12, 1)))
    march = weekly_by_channel(demo_observations(dt.date(2027, 3, 3)))
    for a, b in zip(december, march, strict=True):
        np.testing.assert_array_equal(a.to_numpy(), b.to_numpy())


def _true_marginal_return(channel: str, weekly_spend: float) -> float:
    """Revenue per extra rouble under the demo's own response: d/dx a·ln(1 + x/k) × conversion × order value."""
    a, k = PAID_RESPONSE[channel]
    _, cr, aov, _ = CHANNEL_PROFILE[channel]
    return a / (k + weekly_spend / 7) * cr * aov


@pytest.mark.slow
def test_the_story_holds_on_every_day_of_a_year():
    """366 consecutive days: exact statuses, non-refused advice towards the better channel, a measured action."""
    advice_by_weeks: dict[bytes, object] = {}
    failures = []
    for offset in range(366):
        as_of = TODAY + dt.timedelta(days=offset)
        obs = demo_observations(as_of)
        totals = DailyTotals(obs)
        goals = demo_goals(totals, as_of)
        statuses = []
        for goal, wanted in zip(goals, STORY, strict=True):
            for spec in goal.kpis:
                pace = pace_goal_kpi(totals, spec, goal.start, goal.deadline, as_of)
                baseline = pace.baseline if spec.kind == "level" else 0.0
                if (spec.target > baseline) != (get_kpi(spec.kpi).good == "up"):
                    failures.append((as_of, spec.kpi, "target points the wrong way"))
                if pace.status != wanted:
                    failures.append((as_of, spec.kpi, pace.status))
                statuses.append(pace.status)
        spend, revenue = weekly_by_channel(obs)
        key = spend.to_numpy().tobytes() + revenue.to_numpy().tobytes()
        if key not in advice_by_weeks:  # the same weeks give the same advice: fit each distinct history once
            advice_by_weeks[key] = recommend(obs)
        advice = advice_by_weeks[key]
        if advice.status != "ok":
            failures.append((as_of, "advice", advice.reasons))
        else:
            better = max(advice.current, key=lambda c: _true_marginal_return(c, advice.current[c]))
            if not advice.proposed[better] > advice.current[better]:
                failures.append((as_of, "advice", "moves away from the better channel"))
        measured = (  # lazily: the first action with a trusted effect settles it
            measure_logged_action(obs, action.kpi, action.day, action.channels).its
            for action in sorted(demo_actions(as_of), key=lambda a: a.kpi != "sessions")
            if action.kpi
        )
        if not any(its is not None and its.status == "ok" for its in measured):
            failures.append((as_of, "effect", "no logged action has a measured effect"))
    assert failures == []
    assert 1 <= len(advice_by_weeks) <= 2  # a Sunday closes one more week


def test_build_demo_has_three_goals_and_actions():
    demo = build_demo(TODAY, "ru")
    statuses = [
        goal_status([pace_goal_kpi(demo.observations, k, g.start, g.deadline, TODAY).status for k in g.kpis])
        for g in demo.goals
    ]
    assert statuses == STORY
    assert len(demo.actions) == 3 and all(a.day <= TODAY for a in demo.actions)
    assert demo.goals[0].title == "Увеличить онлайн-продажи"
