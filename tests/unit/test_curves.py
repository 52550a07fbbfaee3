"""Response curves with a baseline, weighted weeks and the resampled advice (ANALYSIS.md §3)."""

import numpy as np
import pytest

from kpi_core.adjust.curves import DECAYS, baseline_columns, fit_weighted, stock
from kpi_core.adjust.resample import block_weights, refit

SPEND = 100.0 * np.array([0.6, 1.0, 1.4, 0.8, 1.2, 1.6, 0.7, 1.1] * 8)  # 64 weeks


def test_baseline_columns_are_a_level_a_centred_trend_and_a_yearly_wave():
    z = baseline_columns(3)
    assert z.shape == (3, 2) and z[:, 1].tolist() == pytest.approx([-0.5, 0.0, 0.5]) and set(z[:, 0]) == {1.0}
    year = baseline_columns(104)
    assert year.shape == (104, 4) and np.abs(year[:, 1:].mean(axis=0)).max() < 1e-12


def test_a_trend_in_the_shops_sales_is_not_credited_to_spend():
    """Revenue = 400·x/(100 + x) + 60·(trend column): the curve comes back as β 400, K 100 (the prior
    agrees: at the median spend, 400/(100 + 100) = 2 = the blended return) and the trend as 60 shrunk
    by its light ridge: Σz² = 64·65/(12·63) = 5.503 against 0.01·64 = 0.64, so 60·5.503/6.143 = 53.75."""
    z = baseline_columns(len(SPEND))[:, 1:2]  # the trend alone
    revenue = 400 * SPEND / (100 + SPEND) + 60 * z[:, 0]
    fits = fit_weighted(SPEND, revenue, np.ones((1, len(SPEND))), 2.0, z)
    assert fits.beta[0] == pytest.approx(400, rel=0.01) and fits.k[0] == pytest.approx(100, rel=0.01)
    assert fits.gamma[0, 0] == pytest.approx(53.75, rel=0.01)


def test_a_weighted_week_counts_as_that_many_copies():
    """The grid-and-refine fit against a general least-squares solver on the copied weeks, with the same
    median spend and revenue scale (the prior: 0.1·√n·(β/(K + median) − blend)·median/scale)."""
    from scipy.optimize import least_squares

    rng = np.random.default_rng(2)
    revenue = 400 * SPEND / (100 + SPEND) * (1 + rng.normal(0, 0.1, len(SPEND)))
    counts = rng.integers(0, 3, len(SPEND)).astype(float)
    rows = np.repeat(np.arange(len(SPEND)), counts.astype(int))
    weighted = fit_weighted(SPEND, revenue, counts[None, :], 2.0)
    median, scale = float(np.median(SPEND)), float(np.mean(revenue))

    def residuals(params):
        beta, k = params
        prior = 0.1 * np.sqrt(len(rows)) * (beta / (k + median) - 2.0) * median / scale
        return np.append((beta * SPEND[rows] / (k + SPEND[rows]) - revenue[rows]) / scale, prior)

    solved = least_squares(residuals, x0=[800.0, median], bounds=([0.0, 0.2 * median], [np.inf, 5 * median]))
    assert weighted.beta[0] == pytest.approx(solved.x[0], rel=1e-3)
    assert weighted.k[0] == pytest.approx(solved.x[1], rel=1e-3)


def test_each_resample_chooses_its_decay_and_is_judged_on_the_weeks_it_left_out():
    """A resample draws blocks of weeks (wrapping around the end, so the latest weeks are drawn as
    often as the others), picks its decay on them, and is judged by a curve of the weeks it left out."""
    rng = np.random.default_rng(4)
    spend = {"a": SPEND, "b": SPEND[::-1].copy()}
    carried = stock(SPEND, 0.6)
    revenue = {"a": 400 * carried / (100 + carried) * (1 + rng.normal(0, 0.03, 64)), "b": 150 * spend["b"] / 100}
    weights = block_weights(np.random.default_rng(1), 64, 30)
    z = baseline_columns(64)
    resamples = refit(spend, revenue, 2.0, weights, z)
    assert resamples.runs == 30
    assert float(np.mean(resamples.decay["a"] == 0.6)) > 0.5  # the carry-over shows in most resamples
    assert set(resamples.decay["a"]) <= {0.4, 0.6, 0.8}
    run = 7
    theta = float(resamples.decay["a"][run])
    # the judge: the curve of the weeks the resample left out, with the decay that fits those best
    left_out = (weights[run] == 0).astype(float)[None, :]
    judges = [fit_weighted(stock(SPEND, t), revenue["a"], left_out, 2.0, z) for t in DECAYS]
    judge = min(judges, key=lambda f: f.loss[0])
    assert resamples.judged["a"][run] == pytest.approx((judge.beta[0], judge.k[0]))
    drawn = fit_weighted(stock(SPEND, theta), revenue["a"], weights[run][None, :], 2.0, z)
    assert resamples.fitted["a"][run] == pytest.approx((drawn.beta[0], drawn.k[0]))


def test_a_curve_on_carried_spend_comes_back_with_its_decay():
    """Revenue exactly 400·a/(100 + a), a the normalised carry-over of spend with θ = 0.4 (a steady
    100 a week keeps a = 100, where the curve returns 200 and its last rouble 400·100/200² = 1): the
    held-out weeks pick θ = 0.4 and explain all of the revenue's swings; the curve is (400, 100)."""
    from kpi_core.adjust.curves import choose_decay, fit_hill

    steady = stock(np.full(30, 100.0), 0.4)
    assert steady.tolist() == pytest.approx([100.0] * 30)  # warm from the first week: no cold start
    revenue = 400 * stock(SPEND, 0.4) / (100 + stock(SPEND, 0.4))
    theta, explained = choose_decay(SPEND, revenue, 2.0)
    assert theta == 0.4 and explained == pytest.approx(1.0, abs=1e-4)
    assert fit_hill(stock(SPEND, 0.4), revenue, 2.0) == pytest.approx((400.0, 100.0), rel=1e-3)


def test_the_latest_weeks_are_drawn_as_often_as_the_middle_ones():
    """A moving-block bootstrap that never wraps drew the last 4 weeks (today's budget) 0.39 times on
    average against 1.06 in the middle; a circular one draws every week once on average."""
    weights = block_weights(np.random.default_rng(0), 60, 2000)
    mean = weights.mean(axis=0)
    assert mean[-4:].mean() == pytest.approx(1.0, abs=0.05) and mean[:4].mean() == pytest.approx(1.0, abs=0.05)


def test_a_resample_that_leaves_no_week_out_is_not_judged():
    """A resample drawing every week has no unseen weeks to judge its move on: it is set aside (the fit
    on no weeks keeps its prior instead of failing)."""
    z = baseline_columns(64)
    weights = np.ones((3, 64))
    weights[1, :50] = 0.0  # 50 weeks left out: judged
    resamples = refit({"a": SPEND, "b": SPEND[::-1].copy()}, {"a": 2 * SPEND, "b": 3 * SPEND[::-1]}, 2.5, weights, z)
    assert resamples.usable.tolist() == [False, True, False]
    drawn, judges = resamples.judged_runs()
    assert len(drawn) == len(judges) == 1
