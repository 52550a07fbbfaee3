"""A channel's response curve: weekly revenue against the carry-over stock of its weekly spend.

r_t = β·a_t / (K + a_t) + γ·z_t: Hill with slope 1 of a, the normalised geometric carry-over of
spend (``carry.geometric_adstock``; a steady weekly spend x keeps a = x, so the curve reads in
weekly spend), plus a baseline z (a level, a trend, and a yearly wave when a year of weeks exists)
so that sales the channel did not cause — orders that would have come anyway and that its report
claims, a growing shop, a high season — are not credited to its spend. K is bounded to [0.2, 5] ×
the median non-zero weekly spend, with a mild penalty pulling the channel's return at its median
spend towards the workspace's blended return (the stated prior) and a light ridge keeping the
baseline small unless the weeks show it.

For a given K the rest is linear least squares, so the fit scans a grid of K (and refines between
its best neighbours); weeks enter with weights, so a bootstrap resample (weights = how often each
week was drawn) and the weeks it left out are fitted in one pass for all resamples at once. The
decay θ is chosen from a small grid by how well curves fitted on the other weeks predict each
block of held-out weeks (blocked cross-validation: weeks next to each other are not independent).
β is kept at 0 or above (a curve never falls with spend); where that bound binds, the baseline
keeps the coefficients of the unbounded solution.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from kpi_core.adjust.carry import geometric_adstock

PRIOR_WEIGHT = 0.1
RIDGE = 0.01  # the baseline's penalty, per week, on its scaled coefficients
K_MULTIPLES = np.geomspace(0.2, 5.0, 41)  # K as a multiple of the median weekly spend
DECAYS = (0.0, 0.2, 0.4, 0.6, 0.8)  # the share of a week's effect carried to the next
FOLDS = 4
WARM_UP_WEEKS = 24  # weeks of the first week's spend assumed before the history, to start the stock warm
YEAR_WEEKS = 365.25 / 7


@dataclass(frozen=True)
class Fits:
    """Curves fitted on one stock of spend under several weightings of the weeks (one row each)."""

    beta: np.ndarray  # (runs,)
    k: np.ndarray  # (runs,)
    gamma: np.ndarray  # (runs, baseline columns), in revenue
    loss: np.ndarray  # (runs,) the penalised squared error, in scaled revenue

    def curves(self) -> list[tuple[float, float]]:
        return [(float(b), float(k)) for b, k in zip(self.beta, self.k, strict=True)]

    def predict(self, carried: np.ndarray, baseline: np.ndarray) -> np.ndarray:
        """(runs, weeks): each run's fitted weekly revenue."""
        hill = self.beta[:, None] * carried[None, :] / (self.k[:, None] + carried[None, :])
        return hill + self.gamma @ baseline.T


def baseline_columns(weeks: int) -> np.ndarray:
    """The baseline's columns over ``weeks`` weeks: a level (the sales a channel's report claims
    whatever it spends), then, each centred, a trend and, with a year of weeks, a yearly wave (sine
    and cosine).

    >>> baseline_columns(3).tolist()
    [[1.0, -0.5], [1.0, 0.0], [1.0, 0.5]]
    """
    t = np.arange(weeks, dtype=float)
    columns = [t / max(weeks - 1, 1)]
    if weeks >= 52:
        angle = 2 * math.pi * t / YEAR_WEEKS
        columns += [np.sin(angle), np.cos(angle)]
    z = np.column_stack(columns)
    return np.column_stack([np.ones(weeks), z - z.mean(axis=0)])


def fit_weighted(
    carried: np.ndarray,
    revenue: np.ndarray,
    weights: np.ndarray,
    blended_roi: float,
    baseline: np.ndarray | None = None,
) -> Fits:
    """The curve under each row of ``weights`` (runs × weeks: how much each week counts)."""
    carried = np.asarray(carried, dtype=float)
    weights = np.atleast_2d(np.asarray(weights, dtype=float))
    z = np.zeros((len(carried), 0)) if baseline is None else np.asarray(baseline, dtype=float)
    scale = max(float(np.mean(revenue)), 1.0)
    r = np.asarray(revenue, dtype=float) / scale
    median = float(np.median(carried[carried > 0]))
    grid = K_MULTIPLES * median
    columns = np.concatenate(  # (K, weeks, 1 + baseline)
        [(carried / (grid[:, None] + carried))[:, :, None], np.broadcast_to(z, (len(grid), *z.shape))], axis=2
    )
    g, n, p = columns.shape
    gram = (weights @ np.einsum("gti,gtj->tgij", columns, columns).reshape(n, -1)).reshape(len(weights), g, p, p)
    moment = (weights @ (columns * r[None, :, None]).transpose(1, 0, 2).reshape(n, -1)).reshape(len(weights), g, p)
    params, loss = _solve(gram, moment, weights, r, grid[None, :], median, blended_roi * median / scale)
    best = np.argmin(loss, axis=1)
    k = _refined(grid, loss, best)
    # refit at each run's own K
    columns = np.concatenate(
        [(carried / (k[:, None] + carried))[:, :, None], np.broadcast_to(z, (len(k), *z.shape))], 2
    )
    gram = np.einsum("bt,bti,btj->bij", weights, columns, columns)[:, None]
    moment = np.einsum("bt,bti,t->bi", weights, columns, r)[:, None]
    params, loss = _solve(gram, moment, weights, r, k[:, None], median, blended_roi * median / scale)
    return Fits(params[:, 0, 0] * scale, k, params[:, 0, 1:] * scale, loss[:, 0])


def _solve(gram, moment, weights, r, ks, median, target_roi):
    """The linear part for each run and K: β/scale and the baseline's coefficients, with the prior on
    the return at the median spend and the baseline's ridge, and the penalised loss."""
    gram, moment = gram.copy(), moment.copy()
    n_eff = np.maximum(weights.sum(axis=1), 1.0)  # a run with no week left keeps its prior and stays solvable
    c = PRIOR_WEIGHT * np.sqrt(n_eff)
    slope = c[:, None] * median / (ks + median)  # the prior's weight on β/scale, (runs, K)
    target = c * target_roi  # (runs,)
    gram[..., 0, 0] += slope**2
    moment[..., 0] += slope * target[:, None]
    p = gram.shape[-1]
    if p > 1:
        gram[..., 1:, 1:] += (RIDGE * n_eff)[:, None, None, None] * np.eye(p - 1)
    params = np.linalg.solve(gram, moment[..., None])[..., 0]
    params[..., 0] = np.clip(params[..., 0], 0.0, None)  # no curve falls with spend
    const = weights @ (r**2) + target**2
    loss = (
        const[:, None]
        - 2 * np.einsum("bgi,bgi->bg", params, moment)
        + np.einsum("bgi,bgij,bgj->bg", params, gram, params)
    )
    return params, loss


def _refined(grid: np.ndarray, loss: np.ndarray, best: np.ndarray) -> np.ndarray:
    """Each run's K: the parabola through the best grid point's loss and its neighbours' (in log K)."""
    step = math.log(grid[1] / grid[0])
    inner = np.clip(best, 1, len(grid) - 2)
    rows = np.arange(len(best))
    left, mid, right = loss[rows, inner - 1], loss[rows, inner], loss[rows, inner + 1]
    curvature = left - 2 * mid + right
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = np.where(curvature > 0, 0.5 * (left - right) / curvature, 0.0)
    shift = np.where(best == inner, np.clip(shift, -1.0, 1.0), 0.0)  # at an edge of the grid: the edge
    return np.exp(np.log(grid[best]) + shift * step)


def fit_hill(
    carried: np.ndarray, revenue: np.ndarray, blended_roi: float, baseline: np.ndarray | None = None
) -> tuple[float, float]:
    """β and K of r(x) = β·x / (K + x), K within [0.2, 5] × median spend, ROI pulled towards the blend.

    >>> x = np.array([50.0, 100.0, 150.0, 200.0] * 5)
    >>> beta, k = fit_hill(x, 400 * x / (100 + x), 400 / 200)
    >>> round(beta), round(k)
    (400, 100)
    """
    fits = fit_weighted(carried, revenue, np.ones((1, len(carried))), blended_roi, baseline)
    return float(fits.beta[0]), float(fits.k[0])


def stock(spend: np.ndarray, theta: float) -> np.ndarray:
    """The normalised carry-over stock of weekly spend, as if the first week's spend had run for
    WARM_UP_WEEKS before the history starts (a cold start would read the first weeks as if nothing
    had been spent)."""
    if theta == 0.0:
        return np.asarray(spend, dtype=float)
    warm = np.concatenate([np.full(WARM_UP_WEEKS, float(spend[0])), np.asarray(spend, dtype=float)])
    return geometric_adstock(warm, theta, normalised=True)[WARM_UP_WEEKS:]


def held_out_error(
    spend: np.ndarray, revenue: np.ndarray, blended_roi: float, theta: float, baseline: np.ndarray | None = None
) -> float:
    """The squared error of curves fitted on the other blocks of weeks, predicting each held-out block."""
    carried = stock(spend, theta)
    z = np.zeros((len(spend), 0)) if baseline is None else baseline
    held_out = np.zeros((FOLDS, len(spend)))
    for fold, block in enumerate(np.array_split(np.arange(len(spend)), FOLDS)):
        held_out[fold, block] = 1.0
    predicted = fit_weighted(carried, revenue, 1.0 - held_out, blended_roi, z).predict(carried, z)
    return float(np.sum(held_out * (predicted - np.asarray(revenue, dtype=float)[None, :]) ** 2))


def choose_decay(
    spend: np.ndarray, revenue: np.ndarray, blended_roi: float, baseline: np.ndarray | None = None
) -> tuple[float, float]:
    """The decay in DECAYS whose curves predict held-out weeks best (with ties, the smaller decay), and
    the share of the weekly revenue's variation those predictions explain (held-out R², 1 at best,
    at or below 0 when the curve predicts no better than the mean).

    >>> rng = np.random.default_rng(3)
    >>> spend = 100_000 * np.exp(rng.normal(0, 0.3, 80))
    >>> carried = stock(spend, 0.6)
    >>> revenue = 400_000 * carried / (100_000 + carried) * (1 + rng.normal(0, 0.05, 80))
    >>> theta, explained = choose_decay(spend, revenue, 2.0, baseline_columns(80))
    >>> theta, explained > 0.5
    (0.6, True)
    """
    errors = {theta: held_out_error(spend, revenue, blended_roi, theta, baseline) for theta in DECAYS}
    best = min(DECAYS, key=lambda theta: (round(errors[theta] / max(errors[0.0], 1e-12), 6), theta))
    spread = float(np.sum((revenue - np.mean(revenue)) ** 2))
    return best, (1.0 - errors[best] / spread) if spread > 0 else 0.0
