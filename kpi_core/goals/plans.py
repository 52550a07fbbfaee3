"""Monthly plans for a total target: spread evenly, shaped like last year, or typed by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kpi_core.catalog.registry import get_kpi
from kpi_core.compute.periods import complete_periods_within, days_before, shift_year, window_months
from kpi_core.compute.series import kpi_value


def spread_evenly(target: float, start: dt.date, deadline: dt.date) -> dict[str, float]:
    """The target split over the window's months by their number of days (sums to the target).

    >>> spread_evenly(100, dt.date(2026, 1, 15), dt.date(2026, 3, 10))
    {'2026-01': 30.909091, '2026-02': 50.909091, '2026-03': 18.181818}
    """
    months = window_months(start, deadline)
    total_days = sum(days for _, days in months)
    return {month: round(target * days / total_days, 6) for month, days in months}


def shape_like_last_year(
    target: float, start: dt.date, deadline: dt.date, obs: pd.DataFrame, kpi_id: str
) -> dict[str, float] | None:
    """The target split like the KPI's same days a year earlier (seasonality); None without that history.

    Each month gets target × (its days' value last year) / (the whole window's value last year).
    """
    weights = {}
    for month, days in window_months(start, deadline):
        first = max(start, dt.date.fromisoformat(f"{month}-01"))
        last = first + dt.timedelta(days=days - 1)
        value = kpi_value(obs, kpi_id, shift_year(first, -1), shift_year(last, -1))
        if value is None or value < 0:
            return None
        weights[month] = value
    total = sum(weights.values())
    if total <= 0:
        return None
    return {month: round(target * weight / total, 6) for month, weight in weights.items()}


def level_after_points(
    obs: pd.DataFrame, kpi_id: str, points: float, start: dt.date, deadline: dt.date
) -> tuple[float, float] | None:
    """A change in points ("+1.5 п.п.") as a level target: the KPI over the same number of days just
    before the goal, and that value plus the points; None when those days hold no value.

    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-02-10"] * 2), "measure": ["orders", "sessions"],
    ...                     "channel": ["all", "all"], "value": [21.0, 1000.0]})
    >>> level_after_points(obs, "conversion_rate", 1.5, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    (2.1, 3.6)
    """
    # the days Monitor measures a change against (pacing.baseline_window)
    base = kpi_value(obs, kpi_id, *days_before(start, deadline)) if deadline >= start else None
    if base is None:
        return None
    return round(base, 6), round(base + points, 6)


# the KPIs a goal of each objective starts with, most telling first (the Metrics page offers the
# first three the data can compute, beside those the goal has)
STARTER_KPIS = {
    "sales": ("revenue", "orders", "conversion_rate", "average_order_value", "new_customers", "cac", "romi"),
    "traffic": ("sessions", "unique_visitors", "organic_traffic", "bounce_rate", "avg_session_duration"),
    "awareness": ("reach", "engagement_rate", "mentions", "unique_visitors", "social_referrals"),
    "customer": ("nps", "repeat_purchase_rate", "avg_response_time", "lead_to_customer", "leads"),
}
DEFAULT_UPLIFT = 10.0  # % better than the days before the goal, when the goal states no change of its own


def starter_kpis(objective: str, chosen: list[str], computable, wanted: int = 3) -> list[str]:
    """The KPIs to add so the goal has ``wanted``: the objective's starters the data can compute
    (``computable(kpi_id)``), in order, leaving out those already chosen.

    >>> starter_kpis("sales", ["revenue"], lambda k: k != "average_order_value")
    ['orders', 'conversion_rate']
    """
    missing = max(0, wanted - len(chosen))
    fitting = [k for k in STARTER_KPIS.get(objective, ()) if k not in chosen and computable(k)]
    return fitting[:missing]


def suggested_target(
    obs: pd.DataFrame,
    kpi_id: str,
    start: dt.date,
    deadline: dt.date,
    uplift_pct: float = DEFAULT_UPLIFT,
    period: str = "week",
) -> tuple[str, float, float | None]:
    """A first target for a KPI, from the days just before the goal: (kind, target, that baseline).
    A KPI that adds up gets a total ``uplift_pct`` above the same number of days before the goal;
    others a level that much better (lower where down is good) than the last whole review ``period``
    before the goal — a level is read per period on Monitor; without a baseline, a change of
    ``uplift_pct``. Counts and money are whole, rates to one decimal.

    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-02-10"] * 2), "measure": ["orders", "sessions"],
    ...                     "channel": ["all", "all"], "value": [21.0, 1000.0]})
    >>> suggested_target(obs, "orders", dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    ('total', 23.0, 21.0)
    >>> suggested_target(obs, "conversion_rate", dt.date(2026, 3, 1), dt.date(2026, 3, 31), period="month")
    ('level', 2.3, 2.1)
    >>> suggested_target(obs, "conversion_rate", dt.date(2026, 3, 1), dt.date(2026, 3, 31))  # 16–22 Feb: no data
    ('change', 10.0, None)
    >>> suggested_target(obs, "cac", dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    ('change', -10.0, None)
    """
    kpi = get_kpi(kpi_id)
    first, last = days_before(start, deadline)  # the days Monitor measures a change against
    if not kpi.additive:  # a level: the last whole period before the goal, as Monitor reads it
        first, last = (complete_periods_within(first, last, period) or [(first, last)])[-1]
    base = kpi_value(obs, kpi_id, first, last)
    sign = 1.0 if kpi.good == "up" else -1.0
    if base is None or kpi.growth:
        return "change", sign * abs(uplift_pct), None
    value = base * (1 + sign * abs(uplift_pct) / 100)
    digits = 1 if kpi.unit in ("percent", "ratio") else 0
    return ("total" if kpi.additive else "level"), round(value, digits), base
