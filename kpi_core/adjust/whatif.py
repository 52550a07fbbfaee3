"""What if the weekly budget were split another way? The simulator behind the Adjust page.

Revenue per channel comes from the fitted response curves, with a band from the bootstrap
refits; visits, clicks, orders, buyers, new customers, leads and won deals follow revenue at each
channel's recent ratio (a stated assumption: the move buys more of the same traffic and customers).
The weekly changes then shift every goal
KPI's projection for the days left of its window, and its status is judged again by the same
rule monitoring uses:

* total  — the projection gains the changed run rate × the days left;
* level  — the projection moves by the difference the new split makes to the last 28 days' value;
* change — the projected % change moves by that relative difference, weighted by the share of
  the window still ahead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from kpi_core.adjust.allocate import hill_response
from kpi_core.catalog.registry import PAID_CHANNELS, get_kpi
from kpi_core.compute.cube import DailyTotals
from kpi_core.compute.series import kpi_channels, kpi_from_window_sums
from kpi_core.goals.spec import GoalSpec
from kpi_core.monitor.pacing import RUN_RATE_DAYS, pace_goal_kpi, status_of

FOLLOWERS = ("sessions", "visitors", "clicks", "orders", "buyers", "new_customers", "leads", "deals_won")
BAND_PERCENTILES = (5.0, 95.0)
Curve = tuple[float, float]


@dataclass
class WhatIf:
    """The weekly effect of a spend plan against the current split."""

    spend: dict[str, float]
    spend_change: float
    revenue_change: float
    low: float | None
    high: float | None
    p_gain: float | None
    weekly_deltas: dict[str, float]
    outside: list[str]

    def daily_deltas(self) -> dict[str, float]:
        return {measure: value / 7.0 for measure, value in self.weekly_deltas.items()}

    def risky(self) -> bool:
        """Whether the plan is expected to lose revenue, or to gain it less often than not: applying
        it then needs a second, informed yes.

        >>> WhatIf({}, 0.0, -2454.0, None, None, 0.06, {}, []).risky()
        True
        >>> [WhatIf({}, 0.0, 1200.0, None, None, p, {}, []).risky() for p in (0.45, 0.8)]
        [True, False]
        """
        return self.revenue_change < 0 or (self.p_gain is not None and self.p_gain < 0.5)


def follow_ratios(
    totals: DailyTotals, channels: Sequence[str], start: dt.date, end: dt.date
) -> dict[str, dict[str, float]]:
    """Per channel, each follower measure per unit of revenue over ``start``..``end``.

    >>> import pandas as pd
    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"] * 2), "measure": ["revenue", "orders"],
    ...                     "channel": ["paid_search"] * 2, "value": [5000.0, 2.0]})
    >>> follow_ratios(DailyTotals(obs), ["paid_search"], dt.date(2026, 3, 1), dt.date(2026, 3, 8))
    {'paid_search': {'orders': 0.0004}}
    """
    out = {}
    for channel in channels:
        sums = totals.window_sums(start, end, ("revenue", *FOLLOWERS), [channel])
        revenue = sums.get("revenue", np.nan)
        out[channel] = {
            m: sums[m] / revenue
            for m in FOLLOWERS
            if m in sums and not np.isnan(sums[m]) and not np.isnan(revenue) and revenue > 0
        }
    return out


def curve_band(draws: Sequence[Curve], spends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The 5th and 95th percentile of the refitted curves' response at each spend."""
    responses = np.array([[hill_response(beta, k, x) for x in spends] for beta, k in draws])
    low, high = np.percentile(responses, BAND_PERCENTILES, axis=0)
    return low, high


def curve_table(curve: Curve, draws: Sequence[Curve], spends: np.ndarray) -> dict[str, np.ndarray]:
    """A channel's response at each spend with its bootstrap band: spend, revenue, low, high."""
    low, high = curve_band(draws, spends)
    revenue = np.array([hill_response(*curve, x) for x in spends])
    return {"spend": spends, "revenue": revenue, "low": low, "high": high}


def rebalance(
    previous: Mapping[str, float], changed: str, value: float, limits: Mapping[str, float]
) -> dict[str, float]:
    """Keep the total: ``changed`` moves to ``value`` and the others absorb the difference in
    proportion to their spend (equally when they spend nothing), each within 0 … its limit.

    >>> rebalance({"a": 100.0, "b": 300.0, "c": 100.0}, "a", 200.0, {"a": 500, "b": 500, "c": 500})
    {'a': 200.0, 'b': 225.0, 'c': 75.0}
    """
    others = [c for c in previous if c != changed]
    pool = sum(previous[c] for c in others)
    diff = value - previous[changed]
    out = {changed: value}
    for c in others:
        share = previous[c] / pool if pool else 1 / len(others)
        out[c] = float(min(max(previous[c] - diff * share, 0.0), limits[c]))
    return {c: out[c] for c in previous}


def simulate(
    curves: Mapping[str, Curve],
    draws: Mapping[str, Sequence[Curve]],
    current: Mapping[str, float],
    plan: Mapping[str, float],
    ratios: Mapping[str, Mapping[str, float]],
    observed: Mapping[str, tuple[float, float]] | None = None,
    judges: Mapping[str, Sequence[Curve]] | None = None,
) -> WhatIf:
    """The weekly change in revenue (with its band and the probability of any gain) and in every
    measure when each channel's weekly spend goes from ``current`` to ``plan``. The band comes from
    the resampled curves ``draws``; the chance of a gain from ``judges`` when given (each resample's
    curve on the weeks it left out: a plan read off the curves looks surer on the weeks they were
    fitted on than it is), else from ``draws``.

    >>> w = simulate({"a": (100.0, 100.0), "b": (400.0, 100.0)}, {}, {"a": 150.0, "b": 150.0},  # T2
    ...              {"a": 105.0, "b": 195.0}, {})
    >>> round(w.revenue_change, 2), w.spend_change
    (15.63, 0.0)
    """
    channels = list(curves)

    def gain(fitted: Mapping[str, Curve]) -> float:
        return sum(hill_response(*fitted[c], plan[c]) - hill_response(*fitted[c], current[c]) for c in channels)

    per_channel = {c: hill_response(*curves[c], plan[c]) - hill_response(*curves[c], current[c]) for c in channels}
    revenue_change = sum(per_channel.values())
    runs = min((len(draws.get(c, ())) for c in channels), default=0)
    low = high = p_gain = None
    if runs:
        gains = np.array([gain({c: draws[c][i] for c in channels}) for i in range(runs)])
        low, high = (float(v) for v in np.percentile(gains, BAND_PERCENTILES))
        moved = any(abs(plan[c] - current[c]) > 1e-9 for c in channels)
        if judges and moved:
            judged = min(len(judges.get(c, ())) for c in channels)
            gains = np.array([gain({c: judges[c][i] for c in channels}) for i in range(judged)])
        p_gain = float(np.mean(gains > 0)) if moved else None
    spend_change = sum(plan[c] - current[c] for c in channels)
    deltas = {"spend": spend_change, "revenue": revenue_change}
    for measure in FOLLOWERS:
        follows = [per_channel[c] * ratios[c][measure] for c in channels if measure in ratios.get(c, {})]
        if follows:
            deltas[measure] = sum(follows)
    outside = [c for c in channels if observed and c in observed and not observed[c][0] <= plan[c] <= observed[c][1]]
    return WhatIf(dict(plan), spend_change, revenue_change, low, high, p_gain, deltas, outside)


def _reads_paid(kpi_id: str) -> bool:
    channels = kpi_channels(get_kpi(kpi_id))
    return channels is None or any(c in PAID_CHANNELS for c in channels)


def _window_value(
    totals: DailyTotals, kpi_id: str, start: dt.date, end: dt.date, daily: Mapping[str, float], margin_pct
) -> float | None:
    kpi = get_kpi(kpi_id)
    sums = totals.window_sums(start, end, sorted(kpi.measures), kpi_channels(kpi))
    days = (end - start).days + 1
    for measure, delta in daily.items():
        if measure in kpi.measures:
            base = sums.get(measure, np.nan)
            sums[measure] = (0.0 if np.isnan(base) else base) + delta * days
    return kpi_from_window_sums(kpi, sums, margin_pct)


@dataclass(frozen=True)
class GoalEffect:
    """A goal KPI's projection and status now and with a budget move."""

    goal: str
    kpi: str
    kind: str
    target: float
    projected: float | None
    projected_after: float | None
    status: str
    status_after: str


def goal_effects(
    totals: DailyTotals,
    goals: Sequence[tuple[str, GoalSpec]],
    as_of: dt.date,
    daily_deltas: Mapping[str, float],
    period: str = "week",
    margin_pct: float | None = None,
    at_risk_share: float = 0.9,
) -> list[GoalEffect]:
    """Each goal KPI's projection and status now and with the move (from the day after ``as_of``)."""
    rows = []
    recent_start = as_of - dt.timedelta(days=RUN_RATE_DAYS - 1)
    for title, goal in goals:
        for spec in goal.kpis:
            pace = pace_goal_kpi(totals, spec, goal.start, goal.deadline, as_of, period, margin_pct, at_risk_share)
            now = GoalEffect(
                title, spec.kpi, spec.kind, pace.target, pace.projected, pace.projected, pace.status, pace.status
            )
            rows.append(now)
            running = pace.status in ("on_track", "at_risk", "off_track")  # started, with data
            if not running or pace.projected is None or pace.actual is None or not _reads_paid(spec.kpi):
                continue
            before = _window_value(totals, spec.kpi, recent_start, as_of, {}, margin_pct)
            after = _window_value(totals, spec.kpi, recent_start, as_of, daily_deltas, margin_pct)
            if before is None or after is None:
                continue
            days_left = (goal.deadline - as_of).days
            if spec.kind == "total":
                projected = pace.projected + (after - before) / RUN_RATE_DAYS * days_left
            elif spec.kind == "level":
                projected = pace.projected + (after - before)
            elif before != 0:
                ahead = days_left / ((goal.deadline - goal.start).days + 1)
                projected = ((1 + pace.projected / 100) * (1 + (after / before - 1) * ahead) - 1) * 100
            else:
                continue
            base_value = pace.actual if pace.baseline is None else pace.baseline
            status_after = status_of(spec, pace.actual, projected, base_value, False, at_risk_share)
            rows[-1] = replace(now, projected_after=projected, status_after=status_after)
    return rows
