"""Why a goal KPI has its status, as one line a shop owner reads next to it.

The status compares the projection with the target (``pacing.status_of``), so a KPI above its target
today can be At risk: the reason names the projection, the day it is for, and which side of the
target it falls on, in the KPI's good direction (a cost or a bounce rate should stay below).
"""

from __future__ import annotations

import datetime as dt

from kpi_core.catalog.registry import get_kpi
from kpi_core.i18n.formatting import fmt_date, fmt_value, t


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


def goal_figure(value: float | None, kpi_id: str, kind: str, lang: str, currency: str) -> str:
    """A goal KPI's figure in its unit (a change target in percent, with its sign: «+40,0 %»).

    >>> goal_figure(40.0, "sessions", "change", "ru", "RUB"), goal_figure(1240.0, "cac", "level", "en", "RUB")
    ('+40,0\xa0%', '₽1,240')
    """
    text = fmt_value(value, "percent" if kind == "change" else get_kpi(kpi_id).unit, lang, currency)
    return ("+" + text) if kind == "change" and value is not None and value > 0 else text


def reason_sentence(
    row,
    kpi_id: str,
    kind: str,
    goal_start: dt.date,
    goal_deadline: dt.date,
    data_end: dt.date | None,
    as_of: dt.date,
    lang: str,
    currency: str,
) -> str:
    """The one-line reason of a paced KPI's status (``row``: anything with status, projected, actual
    and target), in ``lang``."""

    def value(number: float | None) -> str:
        return goal_figure(number, kpi_id, kind, lang, currency)

    return t(
        reason_key(row.status, kpi_id, kind, goal_start, data_end, as_of),
        lang,
        deadline=fmt_date(goal_deadline, lang),
        start=fmt_date(goal_start, lang),
        data_end=fmt_date(data_end, lang),
        projected=value(row.projected),
        actual=value(row.actual),
        target=value(row.target),
    )
