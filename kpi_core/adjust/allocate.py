"""Budget allocation over diminishing-returns response curves (docs/ARCHITECTURE.md, R-budget).

Hill with slope 1: r(x) = β·x / (K + x), marginal βK / (K + x)²; at the optimum every channel not
at a bound has the same marginal return λ: √λ = Σ√(β_c K_c) / (B + Σ K_c), x_c = √(β_c K_c / λ) − K_c.
Log form: r(x) = a·ln(1 + x/k), marginal a / (k + x); λ = Σ a_c / (B + Σ k_c), x_c = a_c / λ − k_c.
Channels that cross a bound are fixed at it and the rest re-solved.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence


def hill_response(beta: float, k: float, spend: float) -> float:
    return beta * spend / (k + spend) if spend > 0 else 0.0


def hill_marginal(beta: float, k: float, spend: float) -> float:
    """The return of the next rouble on r(x) = β·x / (K + x): βK / (K + x)².

    >>> hill_marginal(400.0, 100.0, 100.0)
    1.0
    """
    return beta * k / (k + spend) ** 2


def log_response(a: float, k: float, spend: float) -> float:
    return a * math.log1p(spend / k) if spend > 0 else 0.0


def _solve(
    budget: float,
    lower: Sequence[float],
    upper: Sequence[float],
    free_solution: Callable[[list[int], float], tuple[dict[int, float], float]],
) -> tuple[list[float], float]:
    """Water-filling with bounds: solve the free channels, fix the worst violator at its bound, repeat."""
    n = len(lower)
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(n) if i not in fixed]
        remaining = budget - sum(fixed.values())
        if not free:
            return [fixed[i] for i in range(n)], math.nan
        x, lam = free_solution(free, remaining)
        violations = {
            i: (lower[i] - x[i]) if x[i] < lower[i] else (x[i] - upper[i])
            for i in free
            if x[i] < lower[i] - 1e-9 or x[i] > upper[i] + 1e-9
        }
        if not violations:
            result = [fixed.get(i, x.get(i, 0.0)) for i in range(n)]
            return result, lam
        worst = max(violations, key=violations.__getitem__)
        fixed[worst] = lower[worst] if x[worst] < lower[worst] else upper[worst]


def hill_allocation(
    betas: Sequence[float],
    ks: Sequence[float],
    budget: float,
    lower: Sequence[float] | None = None,
    upper: Sequence[float] | None = None,
) -> tuple[list[float], float]:
    """Spend per channel maximising Σ β·x/(K+x) with Σ x = budget, and the common marginal return λ.

    >>> x, lam = hill_allocation([100, 400], [100, 100], 300)
    >>> [round(v, 2) for v in x], round(lam, 2)
    ([66.67, 233.33], 0.36)
    """
    n = len(betas)
    lower = list(lower) if lower is not None else [0.0] * n
    upper = list(upper) if upper is not None else [math.inf] * n

    def free_solution(free: list[int], remaining: float) -> tuple[dict[int, float], float]:
        root = sum(math.sqrt(betas[i] * ks[i]) for i in free) / (remaining + sum(ks[i] for i in free))
        lam = root * root
        return {i: math.sqrt(betas[i] * ks[i] / lam) - ks[i] for i in free}, lam

    return _solve(budget, lower, upper, free_solution)


def log_allocation(
    a: Sequence[float],
    k: Sequence[float],
    budget: float,
    lower: Sequence[float] | None = None,
    upper: Sequence[float] | None = None,
) -> tuple[list[float], float]:
    """Spend per channel maximising Σ a·ln(1 + x/k) with Σ x = budget, and λ.

    >>> x, lam = log_allocation([100, 200], [50, 50], 300)
    >>> [round(v, 2) for v in x], round(lam, 2)
    ([83.33, 216.67], 0.75)
    """
    n = len(a)
    lower = list(lower) if lower is not None else [0.0] * n
    upper = list(upper) if upper is not None else [math.inf] * n

    def free_solution(free: list[int], remaining: float) -> tuple[dict[int, float], float]:
        lam = sum(a[i] for i in free) / (remaining + sum(k[i] for i in free))
        return {i: a[i] / lam - k[i] for i in free}, lam

    return _solve(budget, lower, upper, free_solution)


def bounds_around(history: Sequence[float], share: float = 0.3) -> tuple[list[float], list[float]]:
    """±30 % around each channel's historical spend (Meridian's default)."""
    return [h * (1 - share) for h in history], [h * (1 + share) for h in history]
