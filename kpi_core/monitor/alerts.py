"""Alerts an owner should see first: KPIs off track or at risk, sharp changes, stale sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from kpi_core.compute.series import compare_last_periods, complete_kpi_series
from kpi_core.monitor.pacing import PacedKPI
from kpi_core.monitor.steps import is_stale

SEVERITY = {"off_track": 0, "stale": 1, "at_risk": 2, "change": 3}


@dataclass(frozen=True)
class Alert:
    """One alert: its kind, what it is about, and the figure behind it."""

    kind: str  # off_track | at_risk | change | stale
    goal: str | None = None
    kpi: str | None = None
    change_pct: float | None = None
    source: str | None = None
    last_day: dt.date | None = None


def status_alerts(rows: Sequence[PacedKPI]) -> list[Alert]:
    """Goal KPIs whose status is off_track or at_risk."""
    return [Alert(row.status, goal=row.goal, kpi=row.kpi) for row in rows if row.status in ("off_track", "at_risk")]


def change_alerts(
    obs: pd.DataFrame,
    kpi_ids: list[str],
    period: str,
    threshold_pct: float,
    as_of: dt.date,
    margin_pct: float | None = None,
) -> list[Alert]:
    """KPIs whose last complete period moved more than ±threshold % against the one before
    (ROMI on gross profit when the workspace sets a margin, as on the Monitor cards).

    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-15"]), "measure": "orders",
    ...                     "channel": "all", "value": [100.0, 70.0]})
    >>> change_alerts(obs, ["orders"], "week", 20, dt.date(2026, 3, 20))[0].change_pct
    -30.0
    """
    alerts: list[Alert] = []
    for kpi_id in dict.fromkeys(kpi_ids):
        series = complete_kpi_series(obs, kpi_id, period, as_of, margin_pct)
        change = compare_last_periods(series)["change_pct"]
        if change is not None and abs(change) > threshold_pct:
            alerts.append(Alert("change", kpi=kpi_id, change_pct=round(change, 6)))
    return alerts


def stale_alerts(freshness: list[tuple[str, dt.date | None]], as_of: dt.date, review_period: str) -> list[Alert]:
    """Sources whose last day is older than the review cadence allows (7 days weekly, 35 monthly)."""
    return [Alert("stale", source=name, last_day=day) for name, day in freshness if is_stale(day, as_of, review_period)]


def sort_alerts(alerts: list[Alert]) -> list[Alert]:
    """Most urgent first: off track, stale data, at risk, sharp changes."""
    return sorted(alerts, key=lambda a: SEVERITY[a.kind])
