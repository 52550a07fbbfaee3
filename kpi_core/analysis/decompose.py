"""Why a KPI moved: exact factor decomposition of a change (docs/ARCHITECTURE.md, R-decompose).

For a product V = Π xₖ, LMDI splits ΔV exactly: effectₖ = L(V¹, V⁰) · ln(xₖ¹ / xₖ⁰), with
L(a, b) = (a − b) / (ln a − ln b) and L(a, a) = a. When V⁰ = 0 because one factor is 0, that
factor takes the whole change; a factor undefined in one period (AOV with 0 orders) is held at
the other period's value and contributes 0. Shapley averages each factor's effect over every
order of switching factors from the old to the new value; it also handles differences.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence


def log_mean(a: float, b: float) -> float:
    """The logarithmic mean L(a, b) = (a − b) / (ln a − ln b), with L(a, a) = a."""
    gap = math.log(a) - math.log(b)
    if a == b or abs(gap) < 1e-12:  # equal up to rounding: the limit is the value itself
        return (a + b) / 2
    return (a - b) / gap


def _fill_undefined(before: Sequence[float | None], after: Sequence[float | None]) -> tuple[list[float], list[float]]:
    """A factor undefined in one period takes the other period's value (so it explains nothing)."""
    b0: list[float] = []
    b1: list[float] = []
    for x0, x1 in zip(before, after, strict=True):
        if x0 is None:
            if x1 is None:
                raise ValueError("a factor is undefined in both periods")
            x0 = x1
        elif x1 is None:
            x1 = x0
        b0.append(x0)
        b1.append(x1)
    return b0, b1


def lmdi(before: Sequence[float | None], after: Sequence[float | None]) -> list[float]:
    """Each factor's share of the change of their product; the shares add up exactly to the change.

    >>> [round(e, 2) for e in lmdi([10000, 0.02, 50], [12000, 0.025, 40])]
    [2000.0, 2447.8, -2447.8]
    """
    x0, x1 = _fill_undefined(before, after)
    v0, v1 = math.prod(x0), math.prod(x1)
    if v0 == v1:
        return [0.0] * len(x0)
    zero0 = [i for i, x in enumerate(x0) if x == 0]
    zero1 = [i for i, x in enumerate(x1) if x == 0]
    if zero0 or zero1:
        # a product that starts or ends at zero: the factor that is (or becomes) zero takes it all
        owner = (zero0 or zero1)[0]
        return [v1 - v0 if i == owner else 0.0 for i in range(len(x0))]
    if any(x <= 0 for x in x0 + x1):
        raise ValueError("LMDI needs positive factors; use shapley for differences")
    weight = log_mean(v1, v0)
    return [weight * math.log(b / a) for a, b in zip(x0, x1, strict=True)]


def shapley(
    value: Callable[[Sequence[float]], float], before: Sequence[float | None], after: Sequence[float | None]
) -> list[float]:
    """Each factor's average effect over all orders of switching the factors to their new values.

    >>> [round(e, 2) for e in shapley(math.prod, [10000, 0.02, 50], [12000, 0.025, 40])]
    [2016.67, 2466.67, -2483.33]
    """
    x0, x1 = _fill_undefined(before, after)
    n = len(x0)
    effects = [0.0] * n
    orders = list(itertools.permutations(range(n)))
    for order in orders:
        current = list(x0)
        previous = value(current)
        for factor in order:
            current[factor] = x1[factor]
            now = value(current)
            effects[factor] += now - previous
            previous = now
    return [e / len(orders) for e in effects]
