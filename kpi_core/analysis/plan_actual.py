"""Step 5: plan vs actual. (Driver decomposition and channel analysis build on this.)"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from kpi_core.catalog.registry import get_kpi
from kpi_core.monitor.pacing import PacedKPI

COLUMNS = [
    "goal",
    "goal_id",
    "kpi",
    "kind",
    "target",
    "expected",
    "actual",
    "variance",
    "variance_pct",
    "behind",
    "status",
]


def plan_vs_actual(rows: Sequence[PacedKPI]) -> pd.DataFrame:
    """Variance of each goal KPI against its plan to date, abs and %, with "behind" per direction.

    ``rows`` are paced goal KPIs (goal, goal_id, kpi, kind, target, expected, actual, status).
    variance = actual − expected; variance_pct = variance / |expected| × 100 (None when the
    plan is 0 or missing, and for change targets: their variance is already in percentage
    points, and a percent of a percent — +79 points on a plan of +0.3 % — says nothing).
    A KPI is behind when it is on the bad side of the plan: below it for
    KPIs that should grow, above it for those that should fall (CAC, bounce rate).

    >>> row = PacedKPI(goal="G", goal_id=1, kpi="cac", kind="level", target=900.0, actual=1100.0,
    ...                expected=1000.0, status="at_risk")
    >>> plan_vs_actual([row])[["variance", "variance_pct", "behind"]].to_dict("records")
    [{'variance': 100.0, 'variance_pct': 10.0, 'behind': True}]
    """
    out = []
    for row in rows:
        actual, expected = row.actual, row.expected
        variance = variance_pct = None
        behind = False
        if actual is not None and expected is not None:
            variance = actual - expected
            variance_pct = variance / abs(expected) * 100.0 if expected and row.kind != "change" else None
            good = "up" if row.kind == "total" else get_kpi(row.kpi).good
            behind = variance < 0 if good == "up" else variance > 0
        out.append(
            {
                **{c: getattr(row, c, None) for c in COLUMNS},
                "variance": variance,
                "variance_pct": variance_pct,
                "behind": behind,
            }
        )
    return pd.DataFrame(out, columns=COLUMNS)


def furthest_behind(table: pd.DataFrame) -> pd.Series | None:
    """The goal KPI furthest behind its plan, by |variance %|, or None when none is behind."""
    behind = table[table["behind"] & table["variance_pct"].notna()]
    if behind.empty:
        return None
    return behind.loc[behind["variance_pct"].abs().idxmax()]
