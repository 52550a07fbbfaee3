"""Did an action work? Interrupted time series with a day-of-week pattern (docs/ARCHITECTURE.md, R-effect).

Fit y ~ 1 + t + day-of-week on the days before the action, forecast the days after, and call
the effect Σ(y − ŷ). Refuse (with the reason) when the pre-period is shorter than
max(4 weeks, 3 × the post-period), the post-period is shorter than 2 weeks, or the pre-period
fit explains too little (R² < 0.5). The estimate is returned with the refusals so both can be shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kpi_core.catalog.registry import get_kpi
from kpi_core.compute.series import kpi_series
from kpi_core.compute.spans import split_spans

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
    return ActionEffect(effect, effect / post if post else None, float(effect - half), float(effect + half), refusals)


ADDITIVE_UNITS = ("count", "money")
PLACEBO_RUNS = 8
PLACEBO_MIN = 4
PLACEBO_P = 0.2


def _local_effect(values: np.ndarray, weekdays: np.ndarray, action_index: int, post: int) -> ActionEffect:
    """ITS on the shortest pre-period the refusal rule accepts: max(4 weeks, 3 × post) days."""
    pre = max(MIN_PRE_DAYS, 3 * post)
    first = max(0, action_index - pre)
    return action_effect(
        values[first : action_index + post], weekdays[first : action_index + post], action_index - first
    )


def measure_action(values: np.ndarray, weekdays: np.ndarray, action_index: int) -> ActionEffect:
    """The effect of an action on a daily series, checked against placebo dates before it.

    The estimate uses the days just before the action (the refusal rule's minimum, so an older
    season does not bend the trend). The same estimate at up to 8 earlier dates, one post-period
    apart, where nothing happened, gives the placebo effects: when at least 4 exist and more than
    20 % of them (counting the real one) are as large as the real effect, it is refused.

    >>> t = np.arange(120); y = 100 + 0.5 * t + np.where(t >= 92, 30.0, 0.0) + np.sin(t)
    >>> e = measure_action(y, t % 7, 92); round(e.effect_per_day), e.refusals
    (30, [])
    """
    post = len(values) - action_index
    effect = _local_effect(values, weekdays, action_index, post)
    if effect.effect_total is None or post < 1:
        return effect
    placebos = []
    for step in range(1, PLACEBO_RUNS + 1):
        fake = action_index - step * post
        if fake - max(MIN_PRE_DAYS, 3 * post) < 0:
            break
        placebo = _local_effect(values[: fake + post], weekdays[: fake + post], fake, post)
        if placebo.effect_total is not None:
            placebos.append(abs(placebo.effect_total))
    if len(placebos) >= PLACEBO_MIN:
        as_large = sum(p >= abs(effect.effect_total) for p in placebos)
        if (1 + as_large) / (1 + len(placebos)) > PLACEBO_P:
            effect.refusals.append("effect.placebo")
    return effect


def did_effect(treated: np.ndarray, control: np.ndarray, action_index: int) -> tuple[float, float]:
    """Difference in differences of daily means: (treated after − before) − (control after − before).

    Returns the effect per day and in total over the days after. The control is a channel the
    action did not touch; both series are daily and aligned.

    >>> did_effect(np.array([10, 10, 15, 15.0]), np.array([5, 5, 6, 6.0]), 2)
    (4.0, 8.0)
    """
    post = len(treated) - action_index
    per_day = float(
        (treated[action_index:].mean() - treated[:action_index].mean())
        - (control[action_index:].mean() - control[:action_index].mean())
    )
    return per_day, per_day * post


@dataclass
class LoggedEffect:
    """What the data says about a logged action so far."""

    days_after: int
    wait_days: int
    its: ActionEffect | None = None
    did: tuple[float, float] | None = None
    additive: bool = True  # counts and money add up over days; a rate's effect is an average shift

    def per_day_interval(self) -> tuple[float, float] | None:
        """The effect's interval as a shift per day after the action (how a rate's effect reads).

        >>> LoggedEffect(10, 0, ActionEffect(50.0, 5.0, 20.0, 80.0)).per_day_interval()
        (2.0, 8.0)
        """
        its = self.its
        if its is None or its.low is None or its.high is None or self.days_after <= 0:
            return None
        return its.low / self.days_after, its.high / self.days_after


def _daily(obs, kpi_id: str, first: dt.date, last: dt.date, margin_pct: float | None) -> np.ndarray:
    series = kpi_series(obs, kpi_id, "day", margin_pct=margin_pct)
    days = pd.date_range(first, last, freq="D")
    return series.reindex(days).to_numpy(dtype=float)


def measure_logged_action(
    obs: pd.DataFrame,
    kpi_id: str,
    day: dt.date,
    channels: list[str] | None = None,
    margin_pct: float | None = None,
) -> LoggedEffect:
    """The effect of an action logged on ``day`` on a KPI's daily values; with the channels it
    touched, also difference in differences against the channels it did not touch.

    Days without a value (no data, or an undefined ratio) are left out of neither series: the
    estimate needs whole days, so such a gap is treated as the end of the usable history.
    """
    additive = get_kpi(kpi_id).unit in ADDITIVE_UNITS
    obs = split_spans(obs)[0]  # daily values only: a span has no days to measure an effect on
    if obs.empty:
        return LoggedEffect(0, MIN_POST_DAYS, additive=additive)
    first, last = obs["date"].min().date(), obs["date"].max().date()
    days_after = (last - day).days + 1
    if days_after < MIN_POST_DAYS or day <= first:
        return LoggedEffect(max(days_after, 0), max(MIN_POST_DAYS - max(days_after, 0), 0), additive=additive)
    start = max(first, day - dt.timedelta(days=max(MIN_PRE_DAYS, 3 * days_after) + PLACEBO_RUNS * days_after))
    values = _daily(obs, kpi_id, start, last, margin_pct)
    known = ~np.isnan(values)
    if not known.all():
        gap = int(np.flatnonzero(~known).max()) + 1 if not known[-1] else len(values)
        if gap >= len(values):
            return LoggedEffect(days_after, 0, additive=additive)
        values, start = values[gap:], start + dt.timedelta(days=gap)
    index = (day - start).days
    weekdays = pd.date_range(start, last, freq="D").day_of_week.to_numpy()
    its = measure_action(values, weekdays, index) if index > 0 else None
    result = LoggedEffect(days_after, 0, its, additive=additive)
    if channels:
        touched = obs["channel"].isin(channels)
        if touched.any() and (~touched).any():
            pre = max(MIN_PRE_DAYS, 3 * days_after)
            a = max(start, day - dt.timedelta(days=pre))
            treated = _daily(obs[touched], kpi_id, a, last, margin_pct)
            control = _daily(obs[~touched], kpi_id, a, last, margin_pct)
            if not (np.isnan(treated).any() or np.isnan(control).any()):
                result.did = did_effect(treated, control, (day - a).days)
    return result
