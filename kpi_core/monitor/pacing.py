"""Pacing of a goal KPI as of a date: actual, expected to date, projection, progress, status.

Rules (docs/ARCHITECTURE.md, R-pacing), as of day D with data through D inclusive:

* total  — actual is the sum from start to D; expected is linear from 0 (or the monthly plan);
  projected = actual + mean daily value of the last 28 days × days left.
* level  — actual is the value of the latest complete period inside the window (the window so
  far when none is complete); the baseline is the KPI over the same number of days just before
  start (or the same dates last year); projected is a least-squares trend over the window's
  periods (at least 3 points, else the current value).
* change — actual is the % change of the window so far against the same days of the baseline
  window; projected is the change the whole window will show against the whole baseline: each
  measure's actual sum plus a least-squares trend over the window's complete periods for the
  days left (at least 3 periods, else the current value), the KPI taken from those sums.

progress = (actual − baseline) / (target − baseline) × 100. The status is ``on_track`` when the
projection reaches the target (respecting "down is good" KPIs), ``at_risk`` when it falls short
by at most 1 − ``at_risk_share`` of the baseline-to-target distance (covers 90 % of the way; a
floor or ceiling on the bad side of the baseline is never "most of the way" by getting worse),
``off_track`` beyond; ``not_started`` before the start,
``no_data`` without data in the window, ``achieved``/``missed`` once the deadline has passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from kpi_core.catalog.registry import get_kpi
from kpi_core.compute.cube import DailyTotals
from kpi_core.compute.periods import complete_periods_within, days_before, period_bounds, shift_year
from kpi_core.compute.series import kpi_channels, kpi_from_window_sums, kpi_value
from kpi_core.goals.spec import GoalKPISpec

RUN_RATE_DAYS = 28
STATUS_ORDER = ("off_track", "missed", "at_risk", "no_data", "on_track", "achieved", "not_started")


@dataclass
class Pace:
    """Where a goal KPI stands as of a date."""

    actual: float | None
    expected: float | None
    projected: float | None
    progress: float | None
    status: str
    baseline: float | None
    target: float
    as_of: dt.date
    # a change whose baseline window is only partly covered by data: the day its data starts (the
    # change is then per day of data, and the page says so); None when the data covers it whole
    baseline_from: dt.date | None = None

    def as_dict(self) -> dict:
        out = asdict(self)
        out["as_of"] = self.as_of.isoformat()
        out["baseline_from"] = self.baseline_from.isoformat() if self.baseline_from else None
        return out


def _reaches(value: float, target: float, good: str) -> bool:
    slack = 1e-9 * max(1.0, abs(target))  # rounding in sums must not flip a status
    return value >= target - slack if good == "up" else value <= target + slack


def _share_of_way(value: float, baseline: float, target: float) -> float:
    if target == baseline:
        return 1.0 if value == target else 0.0
    return (value - baseline) / (target - baseline)


def baseline_window(spec: GoalKPISpec, start: dt.date, deadline: dt.date) -> tuple[dt.date, dt.date]:
    """The window a change or level target is measured against."""
    if spec.baseline == "last_year":
        return shift_year(start, -1), shift_year(deadline, -1)
    return days_before(start, deadline)


def planned_to_date(plan: dict[str, float], start: dt.date, deadline: dt.date, day: dt.date) -> float:
    """The plan's total through ``day``: each month's value spread evenly over its days in the window."""
    total = 0.0
    for month, value in plan.items():
        first, last = period_bounds(dt.date.fromisoformat(f"{month}-01"), "month")
        lo, hi = max(first, start), min(last, deadline)
        if hi < lo:
            continue
        covered = (min(hi, day) - lo).days + 1
        if covered > 0:
            total += value * covered / ((hi - lo).days + 1)
    return total


def _trend_at(points: Sequence[tuple[float, float]], x_end: float) -> float:
    """Least-squares line through (x, y) points, read at ``x_end``; needs 3 points, else the last y."""
    if len(points) < 3:
        return points[-1][1]
    xs, ys = np.array([p[0] for p in points]), np.array([p[1] for p in points])
    slope, intercept = np.polyfit(xs, ys, 1)
    return float(slope * x_end + intercept)


def _change(current: float | None, base: float | None) -> float | None:
    if current is None or base is None or base == 0:
        return None
    return (current / base - 1.0) * 100.0


def _per_day_of_data(totals: DailyTotals, kpi, first: dt.date, last: dt.date, days: int) -> dict[str, float]:
    """The KPI's measure sums over the days ``first``..``last`` scaled to ``days`` days: a baseline
    partly covered by data is compared per day of data (a ratio of the sums stays as it is)."""
    factor = days / ((last - first).days + 1)
    return {m: v * factor for m, v in totals.window_sums(first, last, sorted(kpi.measures), kpi_channels(kpi)).items()}


def _projected_change(
    totals: DailyTotals,
    kpi,
    start: dt.date,
    deadline: dt.date,
    window_end: dt.date,
    base_start: dt.date,
    period: str,
    margin_pct: float | None,
    covered: tuple[dt.date, dt.date] | None = None,
) -> float | None:
    """The % change the whole window will show against the whole baseline window.

    Each measure the KPI reads is projected on its own: the window's actual sum so far plus, for
    the days left, a least-squares line through the daily average of each complete period
    (at least 3 periods, else None: the caller keeps the current value), never below zero — every
    measure is a count or an amount. The KPI is then taken
    from the projected sums — a ratio stays a ratio of sums — and compared with the baseline.
    """
    if kpi.growth:  # a growth KPI compares a window with the one before it: no sums to project
        return None
    periods = complete_periods_within(start, window_end, period)
    if len(periods) < 3:
        return None
    measures = sorted(kpi.measures)
    channels = kpi_channels(kpi)
    days_left = np.arange((window_end - start).days + 1, (deadline - start).days + 1, dtype=float)
    projected = totals.window_sums(start, window_end, measures, channels)
    for measure in list(projected):
        points = []
        for first, last in periods:
            total = totals.window_sums(first, last, [measure], channels).get(measure, np.nan)
            if not np.isnan(total):
                points.append(((first - start).days + ((last - first).days / 2), total / ((last - first).days + 1)))
        if len(points) < 3 or np.isnan(projected[measure]):
            return None
        slope, intercept = np.polyfit([p[0] for p in points], [p[1] for p in points], 1)
        projected[measure] += float(np.sum(np.maximum(slope * days_left + intercept, 0.0)))  # sums never go below 0
    base_end = base_start + dt.timedelta(days=(deadline - start).days)
    if covered is None:
        baseline = totals.window_sums(base_start, base_end, measures, channels)
    else:  # a baseline partly covered by data: its average day of data, over the whole window
        baseline = _per_day_of_data(totals, kpi, *covered, (deadline - start).days + 1)
    return _change(kpi_from_window_sums(kpi, projected, margin_pct), kpi_from_window_sums(kpi, baseline, margin_pct))


def pace_goal_kpi(
    obs: pd.DataFrame | DailyTotals,
    spec: GoalKPISpec,
    start: dt.date,
    deadline: dt.date,
    as_of: dt.date,
    period: str = "week",
    margin_pct: float | None = None,
    at_risk_share: float = 0.9,
) -> Pace:
    """Pace one goal KPI as of ``as_of`` from daily observations (or their ``DailyTotals``)."""
    kpi = get_kpi(spec.kpi)
    totals = obs if isinstance(obs, DailyTotals) else DailyTotals(obs)
    target = float(spec.target)
    window_end = min(as_of, deadline)
    elapsed = (window_end - start).days + 1
    total_days = (deadline - start).days + 1
    base_start, _ = baseline_window(spec, start, deadline)

    def value(a: dt.date, b: dt.date) -> float | None:
        return kpi_value(totals, kpi, a, b, margin_pct=margin_pct)

    if spec.kind == "total":
        baseline: float | None = 0.0
    elif spec.kind == "level":
        baseline = value(base_start, base_start + dt.timedelta(days=total_days - 1))
    else:
        baseline = 0.0

    if as_of < start:
        return Pace(None, None, None, None, "not_started", baseline, target, as_of)

    has_data = totals.has_data(kpi.measures, start, window_end)
    if not has_data:
        return Pace(None, None, None, None, "no_data", baseline, target, as_of)

    fraction = elapsed / total_days
    days_left = (deadline - window_end).days
    actual: float | None
    projected: float | None
    baseline_from: dt.date | None = None
    if spec.kind == "total":
        actual = value(start, window_end) or 0.0
        expected = planned_to_date(spec.plan, start, deadline, window_end) if spec.plan else target * fraction
        recent = min(RUN_RATE_DAYS, elapsed)
        run_rate = (value(window_end - dt.timedelta(days=recent - 1), window_end) or 0.0) / recent
        projected = actual + run_rate * days_left
    elif spec.kind == "level":
        periods = complete_periods_within(start, window_end, period)
        points = [((last - start).days, v) for first, last in periods if (v := value(first, last)) is not None]
        actual = points[-1][1] if points else value(start, window_end)
        if actual is None:
            return Pace(None, None, None, None, "no_data", baseline, target, as_of)
        base = actual if baseline is None else baseline
        expected = base + (target - base) * fraction
        projected = _trend_at(points, total_days - 1) if points else actual
    else:
        base_last = base_start + dt.timedelta(days=total_days - 1)
        covered = None if kpi.growth else totals.data_days(kpi.measures, base_start, base_last)
        if covered is None or covered[0] <= base_start:
            base_now = value(base_start, base_start + dt.timedelta(days=elapsed - 1))
        else:  # the same days before the goal lack data: an average day of the covered ones stands for them
            baseline_from = covered[0]
            now = totals.data_days(kpi.measures, start, window_end)
            days_now = (now[1] - start).days + 1 if now else elapsed
            base_now = kpi_from_window_sums(kpi, _per_day_of_data(totals, kpi, *covered, days_now), margin_pct)
        actual = _change(value(start, window_end), base_now)
        if actual is None:
            return Pace(None, None, None, None, "no_data", baseline, target, as_of)
        expected = target * fraction
        projected = _projected_change(
            totals, kpi, start, deadline, window_end, base_start, period, margin_pct, covered if baseline_from else None
        )
        if projected is None:
            projected = actual
    assert actual is not None and projected is not None  # every branch returned "no_data" or set both

    base_value = actual if baseline is None else baseline
    progress = _share_of_way(actual, base_value, target) * 100.0
    status = status_of(spec, actual, projected, base_value, as_of >= deadline, at_risk_share)
    return Pace(actual, expected, projected, progress, status, baseline, target, as_of, baseline_from)


@dataclass(frozen=True, kw_only=True)
class PacedKPI:
    """One goal KPI of a workspace paced as of a day: a row of the scorecard and of the `kpis` command."""

    goal: str  # the goal's title
    goal_id: int
    kpi: str
    kind: str
    target: float
    actual: float | None
    expected: float | None
    status: str
    projected: float | None = None
    progress: float | None = None
    baseline: float | None = None

    def as_dict(self) -> dict:
        """The row as the `kpis` command prints it (the order of docs/ARCHITECTURE.md, R-cli)."""
        keys = ("goal", "goal_id", "kpi", "kind", "actual", "target", "expected", "projected", "progress", "status")
        return {**{key: getattr(self, key) for key in keys}, "baseline": self.baseline}


def status_of(
    spec: GoalKPISpec,
    actual: float,
    projected: float,
    base_value: float,
    finished: bool,
    at_risk_share: float = 0.9,
) -> str:
    """The status of a started goal KPI with data, from its actual and projected values."""
    target = float(spec.target)
    good = get_kpi(spec.kpi).good if spec.kind != "total" else "up"
    if finished:
        return "achieved" if _reaches(actual, target, good) else "missed"
    if _reaches(projected, target, good):
        return "on_track"
    # At risk: short of the target by at most (1 − share) of the distance from the baseline. For a
    # target beyond the baseline this is "covers 90 % of the way"; for a floor or ceiling on the
    # bad side of the baseline it cannot be reached by getting worse.
    shortfall = (target - projected) if good == "up" else (projected - target)
    if shortfall <= (1.0 - at_risk_share) * abs(target - base_value) + 1e-9 * max(1.0, abs(target)):
        return "at_risk"
    return "off_track"


def goal_status(statuses: list[str]) -> str:
    """A goal's overall status: the worst of its KPIs' statuses."""
    if not statuses:
        return "no_data"
    return min(statuses, key=STATUS_ORDER.index)
