"""Did an action work? Interrupted time series with a day-of-week pattern (ANALYSIS.md §4).

Fit y ~ 1 + t + day-of-week on the days before the action, forecast the days after, and call
the effect Σ(y − ŷ). Refuse (with the reason) when the pre-period is shorter than
max(4 weeks, 3 × the post-period), the post-period is shorter than 2 weeks, or the pre-period
fit explains too little (R² < 0.5). The estimate is returned with the refusals so both can be shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

MIN_PRE_DAYS = 28
MIN_POST_DAYS = 14
MIN_R2 = 0.5


@dataclass
class ActionEffect:
    """The estimated effect of an action, its interval, and any reasons not to trust it."""

    effect_total: float | None
    effect_per_day: float | None
    low: float | None
    high: float | None
    refusals: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "refused" if self.refusals else "ok"


def _design(t: np.ndarray, weekday: np.ndarray) -> np.ndarray:
    dummies = np.stack([(weekday == d).astype(float) for d in range(1, 7)], axis=1)
    return np.column_stack([np.ones_like(t, dtype=float), t.astype(float), dummies])


def action_effect(values: np.ndarray, weekdays: np.ndarray, action_index: int) -> ActionEffect:
    """Effect of an action taken at ``action_index`` on a daily series (``weekdays`` 0 = Monday).

    >>> t = np.arange(42); y = 100 + 2.0 * t + np.where(t >= 28, 10.0, 0.0)
    >>> round(action_effect(y, t % 7, 28).effect_total, 6)
    140.0
    """
    pre, post = action_index, len(values) - action_index
    refusals = []
    if pre < max(MIN_PRE_DAYS, 3 * post):
        refusals.append("effect.short_pre")
    if post < MIN_POST_DAYS:
        refusals.append("effect.short_post")
    if pre < 9:  # fewer days than parameters: nothing can be estimated
        return ActionEffect(None, None, None, None, refusals or ["effect.short_pre"])
    t = np.arange(len(values))
    x = _design(t, np.asarray(weekdays))
    coef, *_ = np.linalg.lstsq(x[:pre], values[:pre], rcond=None)
    fitted = x[:pre] @ coef
    residual = values[:pre] - fitted
    total = float(np.sum((values[:pre] - values[:pre].mean()) ** 2))
    r2 = 1.0 - float(np.sum(residual**2)) / total if total > 0 else 1.0
    if r2 < MIN_R2:
        refusals.append("effect.poor_fit")
    forecast = x[pre:] @ coef
    gap = values[pre:] - forecast
    effect = float(gap.sum())
    sigma = float(np.sqrt(np.sum(residual**2) / max(pre - x.shape[1], 1)))
    half = 1.96 * sigma * np.sqrt(max(post, 1))
    return ActionEffect(effect, effect / post if post else None, effect - half, effect + half, refusals)
