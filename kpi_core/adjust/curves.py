"""A channel's response curve: weekly revenue against the carry-over stock of its weekly spend.

r(a) = β·a / (K + a) (Hill with slope 1), a the normalised geometric carry-over of spend
(``carry.geometric_adstock``), so a steady weekly spend x keeps a = x and the curve reads in weekly
spend. K is bounded to [0.2, 5] × the median non-zero weekly spend, with a mild penalty pulling
the channel's return at its median spend towards the workspace's blended return (the stated
prior). The decay θ is chosen from a small grid by how well curves fitted on the other weeks
predict each block of held-out weeks (blocked cross-validation: weeks next to each other are not
independent).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import least_squares

from kpi_core.adjust.carry import geometric_adstock

PRIOR_WEIGHT = 0.1
DECAYS = (0.0, 0.2, 0.4, 0.6, 0.8)  # the share of a week's effect carried to the next
FOLDS = 4


def fit_hill(spend: np.ndarray, revenue: np.ndarray, blended_roi: float) -> tuple[float, float]:
    """β and K of r(x) = β·x / (K + x), K within [0.2, 5] × median spend, ROI pulled towards the blend."""
    positive = spend[spend > 0]
    median = float(np.median(positive))
    k_low, k_high = 0.2 * median, 5.0 * median
    scale = max(float(np.mean(revenue)), 1.0)

    def residuals(params):
        beta, k = params
        fitted = beta * spend / (k + spend)
        prior = PRIOR_WEIGHT * math.sqrt(len(spend)) * (beta / (k + median) - blended_roi) * median / scale
        return np.append((fitted - revenue) / scale, prior)

    beta0 = max(float(np.max(revenue)) * 2, 1.0)
    fit = least_squares(residuals, x0=[beta0, median], bounds=([0.0, k_low], [np.inf, k_high]))
    return float(fit.x[0]), float(fit.x[1])


def stock(spend: np.ndarray, theta: float) -> np.ndarray:
    """The normalised carry-over stock of weekly spend, as if the first week's spend had run before
    the history starts (a cold start would read the first weeks as if nothing had been spent)."""
    if theta == 0.0:
        return np.asarray(spend, dtype=float)
    warm = np.concatenate([np.full(24, float(spend[0])), np.asarray(spend, dtype=float)])
    return geometric_adstock(warm, theta, normalised=True)[24:]


def held_out_error(spend: np.ndarray, revenue: np.ndarray, blended_roi: float, theta: float) -> float:
    """The squared error of curves fitted on the other blocks of weeks, predicting each held-out block."""
    carried = stock(spend, theta)
    blocks = np.array_split(np.arange(len(spend)), FOLDS)
    error = 0.0
    for block in blocks:
        train = np.setdiff1d(np.arange(len(spend)), block)
        beta, k = fit_hill(carried[train], revenue[train], blended_roi)
        predicted = beta * carried[block] / (k + carried[block])
        error += float(np.sum((predicted - revenue[block]) ** 2))
    return error


def choose_decay(spend: np.ndarray, revenue: np.ndarray, blended_roi: float) -> tuple[float, float]:
    """The decay in DECAYS whose curves predict held-out weeks best (with ties, the smaller decay), and
    the share of the weekly revenue's variation those predictions explain (held-out R², 1 at best,
    at or below 0 when the curve predicts no better than the mean).

    >>> rng = np.random.default_rng(3)
    >>> spend = 100_000 * np.exp(rng.normal(0, 0.3, 80))
    >>> carried = stock(spend, 0.6)
    >>> revenue = 400_000 * carried / (100_000 + carried) * (1 + rng.normal(0, 0.05, 80))
    >>> theta, explained = choose_decay(spend, revenue, 2.0)
    >>> theta, explained > 0.5
    (0.6, True)
    """
    errors = {theta: held_out_error(spend, revenue, blended_roi, theta) for theta in DECAYS}
    best = min(DECAYS, key=lambda theta: (round(errors[theta] / max(errors[0.0], 1e-12), 6), theta))
    spread = float(np.sum((revenue - np.mean(revenue)) ** 2))
    return best, (1.0 - errors[best] / spread) if spread > 0 else 0.0
