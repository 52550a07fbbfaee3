"""Carry-over (ANALYSIS.md §3, case A1) and the evidence rule's side of the interval."""

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


def test_an_interval_against_the_move_is_no_evidence_for_it():
    """The ROAS ratio of the channel gaining budget over the one losing it, 0.48–0.76, excludes 1 on the
    wrong side: the evidence is against the move, and it passed."""
    [(key, values)] = evidence_refusals({"paid_search": 40.0, "paid_social": 30.0}, 0.85, (0.48, 0.76))
    assert key == "refuse.weak_evidence" and (values["low"], values["high"]) == (0.48, 0.76)
    assert evidence_refusals({"paid_search": 40.0, "paid_social": 30.0}, 0.85, (1.1, 1.4)) == []


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


def test_a_move_that_loses_in_more_than_one_resample_of_ten_is_not_advised():
    from kpi_core.adjust.reallocate import safest_move

    now = {"a": 100.0, "b": 100.0}
    advised = {"a": 130.0, "b": 70.0}
    a_better = {"a": (400.0, 100.0), "b": (100.0, 100.0)}  # last rouble: 1 in a, 0.25 in b
    b_better = {"a": (100.0, 100.0), "b": (400.0, 100.0)}
    plan, gains = safest_move([a_better] * 10, now, advised)
    # a: 400·130/230 − 200 = 26.09; b: 100·70/170 − 50 = −8.82; the whole move, +17.27 a week
    assert plan == advised and gains == pytest.approx([17.27] * 10, abs=0.01)
    plan, gains = safest_move([a_better] * 5 + [b_better] * 5, now, advised)
    assert gains is None and plan == advised  # refused: no share of the move is safe


def test_weeks_too_noisy_to_tell_channels_apart_are_refused():
    """The noise gate: curves fitted on some weeks must predict the others' revenue better than its
    mean. Revenue that is pure noise around a constant, whatever the spend, explains nothing."""
    import numpy as np
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
