"""What the Monitor page draws: a goal KPI's path to its target, period by period."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kpi_core.compute import period_start
from kpi_core.goals import GoalKPISpec
from kpi_core.pacing import pace_goal_kpi


def checkpoints(start: dt.date, last: dt.date, period: str) -> list[dt.date]:
    """The last day of each period inside ``start``..``last``, plus ``last`` itself."""
    if last < start:
        return []
    days = pd.Series(pd.date_range(start, last, freq="D"))
    starts = period_start(days, period)
    ends = days.groupby(starts).max().dt.date.tolist()
    return sorted(set(ends) | {last})


def progress_path(
    obs: pd.DataFrame,
    spec: GoalKPISpec,
    start: dt.date,
    deadline: dt.date,
    as_of: dt.date,
    period: str = "week",
    margin_pct: float | None = None,
) -> pd.DataFrame:
    """Actual and expected at the end of each period of the goal so far (columns day, actual, expected).

    Each point is the pacing of the goal as of that day, so the chart shows exactly what the
    scorecard shows: running totals for total targets, period levels, running % change.
    """
    rows = []
    for day in checkpoints(start, min(as_of, deadline), period):
        pace = pace_goal_kpi(obs, spec, start, deadline, day, period, margin_pct)
        rows.append({"day": pd.Timestamp(day), "actual": pace.actual, "expected": pace.expected})
    return pd.DataFrame(rows, columns=["day", "actual", "expected"]).astype(
        {"actual": "float64", "expected": "float64"}
    )
