"""Intervals before rankings: Wilson for rates, exact Poisson for CAC, an exact test
(docs/ARCHITECTURE.md, R-intervals)."""

from __future__ import annotations

import math

from scipy import stats

Z_95 = 1.959963984540054


def wilson(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a rate (95 % by default).

    >>> [round(v, 5) for v in wilson(10, 100)]
    [0.05523, 0.17437]
    """
    if trials <= 0:
        raise ValueError("a rate needs at least one trial")
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def poisson_interval(count: int, alpha: float = 0.05) -> tuple[float, float]:
    """The exact (chi-square) interval of a Poisson count: [χ²(α/2; 2k)/2, χ²(1−α/2; 2k+2)/2]."""
    low = 0.0 if count == 0 else stats.chi2.ppf(alpha / 2, 2 * count) / 2
    high = stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
    return float(low), float(high)


def cac_interval(spend: float, customers: int, alpha: float = 0.05) -> tuple[float, float]:
    """The CAC interval from the customers' Poisson interval; with 0 customers the upper end is infinite.

    >>> [round(v, 2) for v in cac_interval(1000, 10)]
    [54.38, 208.53]
    """
    low, high = poisson_interval(customers, alpha)
    return spend / high, (math.inf if low == 0 else spend / low)


def compare_cac(spend_a: float, customers_a: int, spend_b: float, customers_b: int) -> float:
    """Two-sided exact p-value that two channels acquire customers at the same cost.

    Given k_A + k_B customers, k_A ~ Binomial(k_A + k_B, s_A / (s_A + s_B)) when costs are equal.

    >>> round(compare_cac(1000, 10, 1000, 20), 4)
    0.0987
    """
    total = customers_a + customers_b
    if total == 0:
        return 1.0
    return float(stats.binomtest(customers_a, total, spend_a / (spend_a + spend_b)).pvalue)


BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 7


def ratio_interval(numerator, denominator, level: float = 0.95) -> tuple[float, float] | None:
    """Interval of Σ numerator / Σ denominator by a paired bootstrap of the periods (weeks or days).

    Each resample draws whole periods, keeping each period's numerator with its denominator
    (ROAS = revenue / spend of the same weeks). None with fewer than 3 periods or a zero total.
    """
    import numpy as np

    num, den = np.asarray(numerator, dtype=float), np.asarray(denominator, dtype=float)
    if len(num) < 3 or den.sum() <= 0:
        return None
    result = stats.bootstrap(
        (num, den),
        lambda n, d, axis=-1: n.sum(axis=axis) / d.sum(axis=axis),
        paired=True,
        vectorized=True,
        n_resamples=BOOTSTRAP_RESAMPLES,
        confidence_level=level,
        method="percentile",
        rng=np.random.default_rng(BOOTSTRAP_SEED),
    )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def ratio_of_ratios_interval(num_a, den_a, num_b, den_b, level: float = 0.95) -> tuple[float, float] | None:
    """Interval of (Σ num_a / Σ den_a) / (Σ num_b / Σ den_b), the periods resampled together.

    Two channels' ROAS over the same weeks: when the interval excludes 1, one channel returns
    more per unit of spend than the other beyond the week-to-week noise.
    """
    import numpy as np

    arrays = [np.asarray(x, dtype=float) for x in (num_a, den_a, num_b, den_b)]
    if len(arrays[0]) < 3 or min(a.sum() for a in arrays) <= 0:
        return None

    def statistic(na, da, nb, db, axis=-1):
        with np.errstate(divide="ignore", invalid="ignore"):
            return (na.sum(axis=axis) / da.sum(axis=axis)) / (nb.sum(axis=axis) / db.sum(axis=axis))

    result = stats.bootstrap(
        tuple(arrays),
        statistic,
        paired=True,
        vectorized=True,
        n_resamples=BOOTSTRAP_RESAMPLES,
        confidence_level=level,
        method="percentile",
        rng=np.random.default_rng(BOOTSTRAP_SEED),
    )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)
