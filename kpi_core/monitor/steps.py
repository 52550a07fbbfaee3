"""Where a workspace stands in the method: which steps are done."""

from __future__ import annotations

import datetime as dt

from kpi_core.goals.spec import MAX_KPIS, MIN_KPIS

STALE_AFTER_DAYS = {"week": 7, "month": 35}
STEPS = ("goals", "metrics", "data", "monitor", "adjust")


def is_stale(last_day: dt.date | None, as_of: dt.date, review_period: str) -> bool:
    """Data is stale when its last day is older than 7 days (weekly review) or 35 (monthly)."""
    if last_day is None:
        return True
    return (as_of - last_day).days > STALE_AFTER_DAYS.get(review_period, 7)


def method_progress(
    kpi_counts: list[int],
    last_data_day: dt.date | None,
    action_count: int,
    as_of: dt.date,
    review_period: str = "week",
) -> dict[str, bool]:
    """Each step of the method and whether the workspace has done it.

    ``kpi_counts`` holds the number of KPIs of each active goal.

    >>> method_progress([3], None, 0, dt.date(2026, 3, 1))
    {'goals': True, 'metrics': True, 'data': False, 'monitor': False, 'adjust': False}
    """
    return {
        "goals": bool(kpi_counts),
        "metrics": bool(kpi_counts) and all(MIN_KPIS <= n <= MAX_KPIS for n in kpi_counts),
        "data": last_data_day is not None,
        "monitor": last_data_day is not None and not is_stale(last_data_day, as_of, review_period),
        "adjust": action_count > 0,
    }
