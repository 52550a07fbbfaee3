"""Honest uncertainty for the budget advice: the whole advice re-run on resampled weeks.

Each resample draws runs of consecutive weeks with replacement (a moving-block bootstrap: spend and
sales run in streaks and seasons, not week by week). In each, every channel's decay is chosen again,
its curve refitted and the budget allocated again, so the advice's own choices are inside the
uncertainty. Each resample's proposal is then judged on curves fitted on the weeks that resample
left out: a proposal judged on the weeks it was chosen from would look better than it is (on shops
with nothing to gain, nearly always a gain), while weeks it never saw gain only when the gap is real.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from kpi_core.adjust.allocate import hill_allocation
from kpi_core.adjust.curves import DECAYS, fit_weighted, stock

BLOCK_WEEKS = 6
MIN_LEFT_OUT = 8  # a resample that leaves out fewer weeks has too few to judge its move on
LOW_QUANTILE = 0.1  # the gain a move makes in 9 cases out of 10
SHARES = tuple(step / 10 for step in range(10, 0, -1))  # the advised move, then smaller ones

Curve = tuple[float, float]


@dataclass(frozen=True)
class Resamples:
    """Per channel and resample: the decay chosen, the curve fitted, and the curve of the weeks left out."""

    decay: dict[str, np.ndarray]
    fitted: dict[str, list[Curve]]
    judged: dict[str, list[Curve]]
    usable: np.ndarray  # per resample: left out enough weeks to judge its move (MIN_LEFT_OUT)

    @property
    def runs(self) -> int:
        return len(next(iter(self.fitted.values()), []))

    def samples(self) -> list[dict[str, Curve]]:
        return [_run(self.fitted, i) for i in range(self.runs)]

    def judged_runs(self) -> tuple[list[dict[str, Curve]], list[dict[str, Curve]]]:
        """The resamples that can be judged: their drawn curves and their judging curves."""
        runs = [i for i in range(self.runs) if self.usable[i]]
        return [_run(self.fitted, i) for i in runs], [_run(self.judged, i) for i in runs]


def _run(curves: dict[str, list[Curve]], i: int) -> dict[str, Curve]:
    return {c: fits[i] for c, fits in curves.items()}


def block_rows(rng: np.random.Generator, n: int, block: int = BLOCK_WEEKS) -> np.ndarray:
    """A circular block bootstrap of ``n`` weeks: runs of ``block`` consecutive weeks drawn with
    replacement, so streaks of spend and sales stay together (weeks drawn one by one understate the
    uncertainty of autocorrelated, seasonal data); a run may wrap from the last week to the first,
    so the latest weeks, today's budget, are drawn as often as the middle ones."""
    block = min(block, n)
    starts = rng.integers(0, n, size=-(-n // block))
    return ((starts[:, None] + np.arange(block)) % n).ravel()[:n]


def block_weights(rng: np.random.Generator, n: int, runs: int) -> np.ndarray:
    """(runs, n): how often each week is drawn in each resample."""
    return np.array([np.bincount(block_rows(rng, n), minlength=n) for _ in range(runs)], dtype=float)


def refit(
    spend: Mapping[str, np.ndarray],
    revenue: Mapping[str, np.ndarray],
    blended_roi: float,
    weights: np.ndarray,
    baseline: np.ndarray,
) -> Resamples:
    """Each channel's decay and curve in every resample (the decay: the one that fits the drawn weeks
    best), and its judge: the curve fitted on the weeks the resample left out (with the decay that
    fits those best)."""
    left_out = (weights == 0).astype(float)
    decay, fitted, judged = {}, {}, {}
    for c in spend:
        drawn = [fit_weighted(stock(spend[c], t), revenue[c], weights, blended_roi, baseline) for t in DECAYS]
        unseen = [fit_weighted(stock(spend[c], t), revenue[c], left_out, blended_roi, baseline) for t in DECAYS]
        best = np.argmin(np.stack([f.loss for f in drawn]), axis=0)
        rows = np.arange(len(weights))
        decay[c] = np.asarray(DECAYS)[best]
        fitted[c] = _pick(drawn, best, rows)
        # the judge is a fit of the unseen weeks of its own, its decay the one that fits them best
        judged[c] = _pick(unseen, np.argmin(np.stack([f.loss for f in unseen]), axis=0), rows)
    return Resamples(decay, fitted, judged, left_out.sum(axis=1) >= MIN_LEFT_OUT)


def _pick(fits, best: np.ndarray, rows: np.ndarray) -> list[Curve]:
    beta = np.stack([f.beta for f in fits])[best, rows]
    k = np.stack([f.k for f in fits])[best, rows]
    return [(float(b), float(x)) for b, x in zip(beta, k, strict=True)]


def proposals(
    samples: Sequence[Mapping[str, Curve]], budget: float, lower: Sequence[float], upper: Sequence[float]
) -> list[dict[str, float]]:
    """The allocation each resample's curves advise, within the same bounds.

    >>> a_better = {"a": (400.0, 100.0), "b": (100.0, 100.0)}
    >>> b_better = {"a": (100.0, 100.0), "b": (400.0, 100.0)}
    >>> [{c: round(v) for c, v in p.items()} for p in proposals([a_better, b_better], 200, [70, 70], [130, 130])]
    [{'a': 130, 'b': 70}, {'a': 70, 'b': 130}]
    """
    out = []
    for sample in samples:
        channels = list(sample)
        x, _ = hill_allocation([sample[c][0] for c in channels], [sample[c][1] for c in channels], budget, lower, upper)
        out.append(dict(zip(channels, x, strict=True)))
    return out


def move_gains(
    judges: Sequence[Mapping[str, Curve]],
    plans: Sequence[Mapping[str, float]],
    current: Mapping[str, float],
    share: float = 1.0,
) -> np.ndarray:
    """The weekly gain of moving ``share`` of the way from today's spend to each resample's plan, on
    that resample's judging curves."""
    channels = list(current)
    beta = np.array([[j[c][0] for c in channels] for j in judges])
    k = np.array([[j[c][1] for c in channels] for j in judges])
    now = np.array([current[c] for c in channels])
    plan = now + share * (np.array([[p[c] for c in channels] for p in plans]) - now)
    return (beta * plan / (k + plan) - beta * now / (k + now)).sum(axis=1)


def safest_share(
    judges: Sequence[Mapping[str, Curve]], plans: Sequence[Mapping[str, float]], current: Mapping[str, float]
) -> tuple[float | None, np.ndarray]:
    """The largest share of the move (all of it, then 90 %, … 10 %) whose weekly gain is positive in 9
    resamples out of 10, and its gains; (None, the whole move's gains) when no share is."""
    for share in SHARES:
        gains = move_gains(judges, plans, current, share)
        if np.quantile(gains, LOW_QUANTILE) > 0:
            return share, gains
    return None, move_gains(judges, plans, current)
