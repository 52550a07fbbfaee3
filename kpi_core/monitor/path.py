"""What the Monitor page draws: a goal KPI's path to its target, period by period."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kpi_core.catalog.formula import formula_measures, parse_formula
from kpi_core.catalog.registry import MEASURE_IDS, get_kpi
from kpi_core.compute.cube import DailyTotals
from kpi_core.compute.periods import checkpoints
from kpi_core.goals.spec import GoalKPISpec
from kpi_core.monitor.pacing import pace_goal_kpi


def progress_path(
    obs: pd.DataFrame | DailyTotals,
    spec: GoalKPISpec,
    start: dt.date,
    deadline: dt.date,
    as_of: dt.date,
    period: str = "week",
    margin_pct: float | None = None,
) -> pd.DataFrame:
    """Actual and expected at the end of each period of the goal so far (columns day, actual, expected).

    Each point is the pacing of the goal as of that day, so the chart shows exactly what the
    scorecard shows: running totals for total targets, period levels, running % change. A level or
    a change is drawn only for periods that have data of the KPI (a goal partly outside its data drew
    +3 309 % on days with nothing in them); a running total goes on through them, as the sum it is.
    """
    rows = []
    totals = obs if isinstance(obs, DailyTotals) else DailyTotals(obs)
    measures = get_kpi(spec.kpi).measures
    previous = start - dt.timedelta(days=1)
    for day in checkpoints(start, min(as_of, deadline), period):
        first, previous = previous + dt.timedelta(days=1), day
        if spec.kind != "total" and not totals.has_data(measures, first, day):
            continue
        pace = pace_goal_kpi(totals, spec, start, deadline, day, period, margin_pct)
        rows.append({"day": pd.Timestamp(day), "actual": pace.actual, "expected": pace.expected})
    return pd.DataFrame(rows, columns=["day", "actual", "expected"]).astype(
        {"actual": "float64", "expected": "float64"}
    )


OVERVIEW_ORDER = (
    "sessions",
    "unique_visitors",
    "orders",
    "revenue",
    "conversion_rate",
    "average_order_value",
    "leads",
    "deals_won",
    "lead_to_customer",
    "cac",
    "cpl",
    "romi",
    "drr",
    "bounce_rate",
    "avg_session_duration",
    "new_customers",
    "ctr",
    "cpc",
    "reach",
    "engagements",
    "nps",
    "avg_response_time",
)


def missing_measures(kpi_id: str, present: set[str]) -> set[str]:
    """The measures a KPI needs that the data lacks (empty when it can be computed, its fallback counting).

    >>> visits = {"sessions", "orders"}
    >>> sorted(missing_measures("ctr", visits)), missing_measures("conversion_rate", visits)
    (['clicks', 'impressions'], set())
    """
    kpi = get_kpi(kpi_id)
    main = formula_measures(kpi.tree) - present
    if main and kpi.fallback:
        fallback = formula_measures(parse_formula(kpi.fallback, MEASURE_IDS)) - present
        return fallback if len(fallback) < len(main) else main
    return main


def available_kpis(obs: pd.DataFrame, limit: int = 8) -> list[str]:
    """The KPIs the data can show, most telling first (for an overview before any goal is set).

    >>> import pandas as pd
    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"] * 2), "measure": ["sessions", "orders"],
    ...                     "channel": "all", "value": [100.0, 2.0]})
    >>> available_kpis(obs)
    ['sessions', 'orders', 'conversion_rate']
    """
    present = set(obs["measure"].unique())
    found = []
    for kpi_id in OVERVIEW_ORDER:
        kpi = get_kpi(kpi_id)
        main = formula_measures(kpi.tree)
        fallback = formula_measures(parse_formula(kpi.fallback, MEASURE_IDS)) if kpi.fallback else None
        if main <= present or (fallback is not None and fallback <= present):
            found.append(kpi_id)
    return found[:limit]
