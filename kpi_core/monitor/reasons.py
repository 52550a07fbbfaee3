"""Why a goal KPI has its status, as one line a shop owner reads next to it.

The status compares the projection with the target (``pacing.status_of``), so a KPI above its target
today can be At risk: the reason names the projection, the day it is for, and which side of the
target it falls on, in the KPI's good direction (a cost or a bounce rate should stay below).
"""

from __future__ import annotations

import datetime as dt

from kpi_core.catalog.registry import get_kpi


def good_direction(kpi_id: str, kind: str) -> str:
    """'up' or 'down': which way the KPI's value should go for its target (totals always grow)."""
    return "up" if kind == "total" else get_kpi(kpi_id).good


def reason_key(status: str, kpi_id: str, kind: str, start: dt.date, data_end: dt.date | None, as_of: dt.date) -> str:
    """The translation key of the status's reason; the sentence takes deadline, projected, actual,
    target, start and data_end.

    >>> D = dt.date
    >>> reason_key("at_risk", "conversion_rate", "level", D(2026, 1, 1), D(2026, 2, 1), D(2026, 2, 2))
    'reason.at_risk.up'
    >>> reason_key("off_track", "cac", "level", D(2026, 1, 1), D(2026, 2, 1), D(2026, 2, 2))
    'reason.off_track.down'
    >>> reason_key("no_data", "revenue", "total", D(2026, 6, 1), D(2026, 4, 30), D(2026, 6, 10))
    'reason.no_data.ended'
    """
    side = good_direction(kpi_id, kind)
    if status in ("at_risk", "off_track", "missed"):
        return f"reason.{status}.{side}"
    if status == "no_data":
        return "reason.no_data.ended" if data_end is not None and data_end < start <= as_of else "reason.no_data"
    return f"reason.{status}"


def start_on_the_data(start: dt.date, deadline: dt.date, data_end: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """A goal's window moved onto the data when it starts after the data's last day: it then starts on
    the first of the month before that day (a month of data and the one it ends in) and keeps its
    length; None when the window already meets the data (or there is none).

    >>> D = dt.date
    >>> start_on_the_data(D(2026, 12, 7), D(2027, 3, 6), D(2026, 4, 30))
    (datetime.date(2026, 3, 1), datetime.date(2026, 5, 29))
    >>> start_on_the_data(D(2026, 4, 1), D(2026, 6, 30), D(2026, 4, 30)) is None
    True
    """
    if data_end is None or data_end >= start:
        return None
    first = (data_end.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return first, first + (deadline - start)
