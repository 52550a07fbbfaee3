"""Did the action work? Measured effects, placebo refusals and difference in differences."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from kpi_core.adjust.effect import did_effect, measure_action, measure_logged_action

RNG = np.random.default_rng(3)
T = np.arange(400)
WEEKDAY = T % 7
TREND = 100 + 0.1 * T + np.where(WEEKDAY >= 5, -8.0, 0.0)


def test_a_real_step_is_measured_and_passes_the_placebo_check():
    y = TREND + RNG.normal(0, 3, T.size) + np.where(T >= 372, 25.0, 0.0)
    effect = measure_action(y, WEEKDAY, 372)
    assert effect.refusals == []
    assert effect.effect_per_day == pytest.approx(25.0, abs=2.0)
    assert effect.low < effect.effect_total < effect.high
    assert effect.effect_total == pytest.approx(effect.effect_per_day * 28)


def test_exact_step_without_noise():
    y = TREND + np.where(T >= 372, 10.0, 0.0)
    effect = measure_action(y, WEEKDAY, 372)
    assert effect.effect_total == pytest.approx(280.0) and effect.refusals == []


def test_a_slow_cycle_is_refused_by_the_placebo_dates():
    y = 100 + 20 * np.sin(2 * np.pi * T / 56) + RNG.normal(0, 1, T.size)
    effect = measure_action(y, WEEKDAY, 372)
    assert "effect.placebo" in effect.refusals


def test_too_early_to_tell():
    y = TREND.copy()
    assert measure_action(y, WEEKDAY, 395).refusals[0] == "effect.short_post"
    assert measure_action(y[:40], WEEKDAY[:40], 5).effect_total is None


def test_difference_in_differences_by_hand():
    # treated 10 → 15 (+5), control 5 → 6 (+1): 4 a day over the 2 days after
    assert did_effect(np.array([10, 10, 15, 15.0]), np.array([5, 5, 6, 6.0]), 2) == (4.0, 8.0)
    shared = np.linspace(0, 10, 60)
    treated = 50 + shared + np.where(np.arange(60) >= 40, 7.0, 0.0)
    per_day, total = did_effect(treated, 20 + shared, 40)
    # the trend both series share cancels out; 7 a day over 20 days remains
    assert per_day == pytest.approx(7.0) and total == pytest.approx(140.0)


def _obs(values_by_channel: dict[str, np.ndarray], first: str = "2026-01-01"):
    frames = [
        pd.DataFrame(
            {
                "date": pd.date_range(first, periods=len(v), freq="D"),
                "measure": "orders",
                "channel": c,
                "value": v,
            }
        )
        for c, v in values_by_channel.items()
    ]
    return pd.concat(frames, ignore_index=True)


def test_logged_action_on_observations_with_its_and_did():
    days = np.arange(200)
    search = 20 + 0.05 * days + np.where(days >= 172, 6.0, 0.0)  # the move lifts search by 6 orders a day
    organic = 30 + 0.05 * days
    obs = _obs({"paid_search": search, "organic": organic})
    day = dt.date(2026, 1, 1) + dt.timedelta(days=172)
    result = measure_logged_action(obs, "orders", day, channels=["paid_search"])
    assert result.days_after == 28 and result.wait_days == 0
    assert result.its.effect_total == pytest.approx(6.0 * 28) and result.its.refusals == []
    assert result.did == (pytest.approx(6.0), pytest.approx(168.0))
    assert measure_logged_action(obs, "orders", day).did is None


def test_logged_action_too_recent_says_how_long_to_wait():
    obs = _obs({"paid_search": np.full(100, 5.0)})
    result = measure_logged_action(obs, "orders", dt.date(2026, 1, 1) + dt.timedelta(days=95), ["paid_search"])
    assert (result.days_after, result.wait_days, result.its) == (5, 9, None)
