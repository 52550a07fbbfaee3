"""Carry-over: a rouble spent this week keeps selling in the weeks after (geometric adstock).

a_t = x_t + θ·a_{t−1}: each week keeps a share θ of the stock built before it. Unnormalised, a
steady spend x builds a stock of x / (1 − θ); ``normalised`` multiplies by (1 − θ) so that a steady
spend keeps a stock equal to itself and a response curve fitted on the stock reads in weekly spend.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def geometric_adstock(spend: Sequence[float] | np.ndarray, theta: float, normalised: bool = False) -> np.ndarray:
    """The carry-over stock of weekly ``spend`` with decay ``theta`` (0 ≤ θ < 1), the history starting
    from nothing.

    >>> geometric_adstock([100, 0, 0, 0], 0.5).tolist()
    [100.0, 50.0, 25.0, 12.5]
    >>> geometric_adstock([100, 100, 100], 0.5, normalised=True).tolist()
    [50.0, 75.0, 87.5]
    """
    if not 0.0 <= theta < 1.0:
        raise ValueError("the decay must be at least 0 and below 1")
    x = np.asarray(spend, dtype=float)
    stock = np.empty_like(x)
    level = 0.0
    for t, value in enumerate(x):
        level = value + theta * level
        stock[t] = level
    return stock * (1.0 - theta) if normalised else stock


def weeks_of_effect(theta: float, share: float = 0.9) -> int:
    """How many weeks (the week of the spend included) a rouble takes to deliver ``share`` of its
    effect: the smallest n with 1 − θⁿ ≥ share; 1 without carry-over.

    >>> weeks_of_effect(0.0), weeks_of_effect(0.5), weeks_of_effect(0.7)
    (1, 4, 7)
    """
    if theta <= 0.0:
        return 1
    n = 1
    while 1.0 - theta**n < share:
        n += 1
    return n
