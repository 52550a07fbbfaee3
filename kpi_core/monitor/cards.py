"""The small rules behind a Monitor card: days left, the "sum of uniques" label, the target band,
the break-even line."""

from __future__ import annotations

import datetime as dt

from kpi_core.catalog.registry import MEASURES, get_kpi
from kpi_core.goals.spec import GoalKPISpec


def days_left(deadline: dt.date, as_of: dt.date) -> int:
    """Days from ``as_of`` to the deadline, never negative (0 on the deadline and after it).

    >>> days_left(dt.date(2026, 12, 31), dt.date(2026, 12, 1)), days_left(dt.date(2026, 1, 1), dt.date(2026, 2, 1))
    (30, 0)
    """
    return max((deadline - as_of).days, 0)


def sums_uniques(kpi_id: str) -> bool:
    """A count KPI read from a semi-additive measure (users, reach): its period value adds up daily
    uniques, so the card says so (a person visiting on two days counts twice).

    >>> sums_uniques("unique_visitors"), sums_uniques("orders"), sums_uniques("conversion_rate")
    (True, False, False)
    """
    kpi = get_kpi(kpi_id)
    return kpi.unit == "count" and any(MEASURES[m].semi_additive for m in kpi.measures)


def target_band(spec: GoalKPISpec) -> tuple[float, float] | None:
    """The band between a level target's minimum and stretch values, when both are set."""
    if spec.kind != "level" or spec.minimum is None or spec.stretch is None:
        return None
    return (spec.minimum, spec.stretch)


def break_even_line(spec: GoalKPISpec, margin_pct: float | None) -> float | None:
    """Where a ДРР (ad spend share of revenue) level stops paying: at the gross margin — above it
    every sale loses money. None for other KPIs or without a margin.

    >>> break_even_line(GoalKPISpec("drr", "level", 12.0), 35.0)
    35.0
    >>> break_even_line(GoalKPISpec("cac", "level", 900.0), 35.0) is None
    True
    """
    if spec.kpi == "drr" and spec.kind == "level" and margin_pct:
        return margin_pct
    return None
