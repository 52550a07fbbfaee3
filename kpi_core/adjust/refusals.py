"""When the data cannot support a budget move, say so — with the reason (docs/ARCHITECTURE.md, R-budget)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

MIN_WEEKS = 26
MIN_CV = 0.15
POINTS_PER_PARAMETER = 10
MIN_P_GAIN = 0.8


def allocation_refusals(
    weekly_spend: dict[str, Sequence[float]],
    parameters_per_channel: int = 2,
    p_gain: float | None = None,
    proposed: dict[str, float] | None = None,
) -> list[tuple[str, dict]]:
    """Reasons (string keys with values) to refuse a reallocation; an empty list means it may go ahead.

    >>> allocation_refusals({"paid_search": [1000.0] * 30})[0][0]
    'refuse.flat_spend'
    """
    reasons: list[tuple[str, dict]] = []
    for channel, spend in weekly_spend.items():
        points = [s for s in spend if s > 0]
        if len(points) < MIN_WEEKS:
            reasons.append(("refuse.few_weeks", {"channel": channel, "weeks": len(points), "needed": MIN_WEEKS}))
            continue
        mean = statistics.fmean(points)
        cv = statistics.pstdev(points) / mean if mean else 0.0
        if cv < MIN_CV:
            reasons.append(("refuse.flat_spend", {"channel": channel, "cv": round(cv, 3)}))
        if len(points) < POINTS_PER_PARAMETER * parameters_per_channel:
            reasons.append(("refuse.few_points", {"channel": channel, "points": len(points)}))
        if proposed is not None and channel in proposed and not min(points) <= proposed[channel] <= max(points):
            reasons.append(("refuse.outside_range", {"channel": channel}))
    if p_gain is not None and p_gain < MIN_P_GAIN:
        reasons.append(("refuse.unlikely_gain", {"p_gain": round(p_gain, 3)}))
    return reasons


MIN_CONVERSIONS = 10


def evidence_refusals(conversions: dict[str, float | None]) -> list[tuple[str, dict]]:
    """The evidence rule (docs/ARCHITECTURE.md, R-intervals): recommend a move only with at least
    10 conversions in every channel (the chance of a gain is ``allocation_refusals``' to judge).
    Average ROAS never justifies a move: a move pays by the last rouble's return, not the average's.
    ``conversions`` holds each channel's orders (or new customers) in the fitted weeks, None where
    the data has neither.

    >>> evidence_refusals({"paid_search": 40.0, "paid_social": 6.0})[0][0]
    'refuse.few_conversions'
    >>> evidence_refusals({"paid_search": 40.0, "paid_social": None}), evidence_refusals({})
    ([], [])
    """
    return [
        ("refuse.few_conversions", {"channel": channel, "count": round(count), "needed": MIN_CONVERSIONS})
        for channel, count in conversions.items()
        if count is not None and count < MIN_CONVERSIONS
    ]
