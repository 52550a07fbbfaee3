"""Carry-over (ANALYSIS.md §3, case A1) and the evidence rule's side of the interval."""

import numpy as np
import pytest

from kpi_core.adjust.carry import geometric_adstock, weeks_of_effect
from kpi_core.adjust.refusals import evidence_refusals


def test_a1_geometric_adstock_by_hand():
    # θ = 0.5 of spend (100, 0, 0, 0) → (100, 50, 25, 12.5), unnormalised
    assert geometric_adstock([100, 0, 0, 0], 0.5).tolist() == [100.0, 50.0, 25.0, 12.5]
    # a burst then a steady week: 200, then 0 + 0.7·200 = 140, then 50 + 0.7·140 = 148
    assert geometric_adstock([200, 0, 50], 0.7).tolist() == pytest.approx([200.0, 140.0, 148.0])


def test_normalised_stock_of_a_steady_spend_tends_to_the_spend():
    stock = geometric_adstock([1000.0] * 60, 0.7, normalised=True)
    assert stock[0] == pytest.approx(300.0)  # (1 − 0.7) · 1000 in the first week
    assert stock[-1] == pytest.approx(1000.0, rel=1e-6)


def test_decay_outside_its_range_is_refused():
    with pytest.raises(ValueError):
        geometric_adstock([1.0], 1.0)


def test_weeks_a_rouble_keeps_working():
    # 1 − 0.7ⁿ ≥ 0.9 first at n = 7 (0.7⁶ = 0.118, 0.7⁷ = 0.082)
    assert weeks_of_effect(0.7) == 7 and weeks_of_effect(0.0) == 1


def test_an_interval_on_the_wrong_side_of_the_move_refuses_it():
    """The direction rule: the interval of the next rouble's return where budget goes minus where it
    leaves must lie above 0. Every resample here says the opposite (0.25 − 1 = −0.75): refused."""
    from kpi_core.adjust.reallocate import marginal_gap_low

    against = {"paid_search": (100.0, 100.0), "paid_social": (400.0, 100.0)}
    now = {"paid_search": 100.0, "paid_social": 100.0}
    assert marginal_gap_low([against] * 20, "paid_search", "paid_social", now) == pytest.approx(-0.75)


def test_average_roas_never_justifies_a_move():
    """The evidence rule looks at conversions only; the chance of a gain below 0.8 is refused whatever
    the channels' average ROAS (the old rule let a ROAS-ratio interval above 1 pass at 0.85)."""
    from kpi_core.adjust.refusals import allocation_refusals

    assert evidence_refusals({"paid_search": 40.0, "paid_social": 30.0}) == []
    spend = {"paid_search": [100.0, 150.0, 80.0, 130.0] * 8}
    assert [k for k, _ in allocation_refusals(spend, p_gain=0.79)] == ["refuse.unlikely_gain"]
    assert allocation_refusals(spend, p_gain=0.8) == []


def test_the_move_rests_on_marginal_returns():
    """Equal returns on the last rouble at today's spend (β·K / (K + x)²: 400·100/200² = 1 and
    100·25/50² = 1) leave nothing to gain, however unequal the average returns (2 and 1.33)."""
    from kpi_core.adjust.reallocate import marginal_gap_low

    same = {"paid_search": (400.0, 100.0), "paid_social": (100.0, 25.0)}
    now = {"paid_search": 100.0, "paid_social": 25.0}
    assert marginal_gap_low([same] * 5, "paid_search", "paid_social", now) == pytest.approx(0.0)
    better = {"paid_search": (400.0, 100.0), "paid_social": (50.0, 25.0)}  # social's last rouble: 0.5
    assert marginal_gap_low([better] * 5, "paid_search", "paid_social", now) == pytest.approx(0.5)
    # one resample in four says the opposite: its 10 % quantile is below zero
    opposite = {"paid_search": (100.0, 100.0), "paid_social": (400.0, 25.0)}
    assert marginal_gap_low([better] * 3 + [opposite], "paid_search", "paid_social", now) < 0


def test_a_move_that_loses_in_more_than_one_resample_of_ten_is_shrunk_or_refused():
    from kpi_core.adjust.resample import safest_share

    now = {"a": 100.0, "b": 100.0}
    advised = {"a": 130.0, "b": 70.0}
    a_better = {"a": (400.0, 100.0), "b": (100.0, 100.0)}  # last rouble: 1 in a, 0.25 in b
    b_better = {"a": (100.0, 100.0), "b": (400.0, 100.0)}
    share, gains = safest_share([a_better] * 10, [advised] * 10, now)
    # a: 400·130/230 − 200 = 26.09; b: 100·70/170 − 50 = −8.82; the whole move, +17.27 a week
    assert share == 1.0 and gains.tolist() == pytest.approx([17.27] * 10, abs=0.01)
    share, gains = safest_share([a_better] * 5 + [b_better] * 5, [advised] * 10, now)
    assert share is None  # refused: no share of the move is safe in 9 resamples of 10
    # a curve that saturates fast: its last rouble at 100 returns 220·20/120² = 0.31 > b's 0.25, but the
    # whole move overshoots (a: 190.67 − 183.33 = +7.33, b: −8.82) and half of it still gains
    # (a at 115: 187.41 − 183.33 = +4.07; b at 85: 45.95 − 50 = −4.05)
    sat = {"a": (220.0, 20.0), "b": (100.0, 100.0)}
    tilt = {"a": (260.0, 60.0), "b": (100.0, 100.0)}
    share, gains = safest_share([tilt] * 8 + [sat] * 2, [advised] * 10, now)
    assert share == 0.5 and np.quantile(gains, 0.1) == pytest.approx(0.02, abs=0.01)


def test_each_resample_allocates_again_and_is_judged_on_its_own_move():
    """The chance of a gain counts each resample's own proposal: here half the resamples favour a and
    half b, and the weeks each left out agree with it, so every resample's own move gains. A proposal
    fixed on the full sample (towards a) would lose in the b half: a chance of 0.5, not 1."""
    from kpi_core.adjust.resample import move_gains, proposals

    now = {"a": 100.0, "b": 100.0}
    a_better = {"a": (400.0, 100.0), "b": (100.0, 100.0)}
    b_better = {"a": (100.0, 100.0), "b": (400.0, 100.0)}
    samples = [a_better] * 5 + [b_better] * 5
    plans = proposals(samples, 200.0, [70.0, 70.0], [130.0, 130.0])
    assert [round(p["a"]) for p in plans] == [130] * 5 + [70] * 5
    own = move_gains(samples, plans, now)
    assert own.tolist() == pytest.approx([17.27] * 10, abs=0.01)
    fixed = move_gains(samples, [plans[0]] * 10, now)
    assert float(np.mean(fixed > 0)) == 0.5 and float(np.mean(own > 0)) == 1.0


def test_weeks_too_noisy_to_tell_channels_apart_are_refused():
    """The noise gate: curves fitted on some weeks must predict the others' revenue better than its
    mean. Revenue that is pure noise around a constant, whatever the spend, explains nothing."""
    import pandas as pd

    from kpi_core.adjust.reallocate import recommend

    rng = np.random.default_rng(5)
    days = pd.date_range("2025-01-06", periods=52 * 7, freq="D")
    rows = []
    for channel in ("paid_search", "paid_social"):
        spend = 50_000 * np.exp(rng.normal(0, 0.4, 52))
        revenue = 150_000 * (1 + rng.normal(0, 0.5, 52)).clip(0.05)
        for measure, weekly in (("spend", spend), ("revenue", revenue), ("orders", revenue / 3000)):
            rows.append(
                pd.DataFrame({"date": days, "measure": measure, "channel": channel, "value": np.repeat(weekly / 7, 7)})
            )
    advice = recommend(pd.concat(rows, ignore_index=True))
    assert advice.status == "refused"
    noisy = [values for key, values in advice.reasons if key == "refuse.noisy"]
    assert {v["channel"] for v in noisy} == {"paid_search", "paid_social"} and all(v["share"] < 20 for v in noisy)
