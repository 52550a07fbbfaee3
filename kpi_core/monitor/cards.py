"""The small rules behind a Monitor card: days left, the "sum of uniques" label, the target band,
the break-even line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

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


def spend_note_needed(kpi_id: str) -> bool:
    """A KPI computed from ad spend: the workspace's VAT and margin settings change its arithmetic,
    so its card says how (spend without VAT, ROMI on gross profit)."""
    return "spend" in get_kpi(kpi_id).measures


def actions_on_chart(
    actions: Iterable[tuple[dt.date, str, int | None]], goal_id: int, start: dt.date, deadline: dt.date
) -> list[tuple[dt.date, str]]:
    """The logged actions a goal's charts mark: (day, what) of those linked to this goal or to no
    goal, inside the goal's window.

    >>> log = [(dt.date(2026, 3, 2), "new landing", 1), (dt.date(2026, 3, 3), "sale", None),
    ...        (dt.date(2026, 3, 4), "other goal", 2), (dt.date(2025, 1, 1), "long ago", 1)]
    >>> [what for _, what in actions_on_chart(log, 1, dt.date(2026, 3, 1), dt.date(2026, 3, 31))]
    ['new landing', 'sale']
    """
    return [(day, what) for day, what, linked in actions if linked in (goal_id, None) and start <= day <= deadline]


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
