"""Why a KPI moved between two periods: its identity's factors, decomposed exactly (LMDI), by channel.

revenue = sessions × conversion × AOV; orders = sessions × conversion; new_customers = spend / CAC;
leads = sessions × CR1; deals_won = leads × CR2. Across channels V = Σ_c Π_k x_ck, so each factor's
effect is the sum of its channel terms. A channel that lacks the identity's measures adds its
change as one more driver: ``unpaid`` for new customers from channels without spend, ``other``
for the rest, so the drivers always add up to the change. Other KPIs get the change without drivers.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, replace

import pandas as pd

from kpi_core.analysis.decompose import lmdi
from kpi_core.compute.periods import period_bounds
from kpi_core.compute.series import window_sums

# KPI: (factor names, numerators/denominators as measure pairs); a factor x = num / den (den None → num)
IDENTITIES: dict[str, list[tuple[str, str, str | None]]] = {
    "revenue": [("sessions", "sessions", None), ("conversion", "orders", "sessions"), ("aov", "revenue", "orders")],
    "orders": [("sessions", "sessions", None), ("conversion", "orders", "sessions")],
    # new customers = spend × (new customers / spend): the second factor is 1 / CAC
    "new_customers": [("spend", "spend", None), ("cac", "new_customers", "spend")],
    "leads": [("sessions", "sessions", None), ("cr1", "leads", "sessions")],
    "deals_won": [("leads", "leads", None), ("cr2", "deals_won", "leads")],
}


@dataclass(frozen=True)
class Driver:
    """One factor of the KPI's identity and its share of the change, in the KPI's units."""

    factor: str
    effect: float


@dataclass(frozen=True)
class Explanation:
    """A KPI's value in two periods and the drivers of its change; the effects add up to ``change``.

    ``method`` is ``lmdi`` for a KPI with an identity and ``none`` (no drivers) for any other.
    """

    kpi: str
    before: float
    after: float
    change: float
    method: str
    drivers: list[Driver]

    def as_dict(self) -> dict:
        """The explanation as the `explain` command prints it: {kpi, before, after, change, method, drivers}."""
        return asdict(self)


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """'YYYY-MM' → that month; 'YYYY-MM-DD' (a Monday) → that week."""
    if len(text) == 7:
        return period_bounds(dt.date.fromisoformat(f"{text}-01"), "month")
    first = dt.date.fromisoformat(text)
    if first.weekday() != 0:
        raise ValueError(f"a week is named by its Monday; {text} is not one")
    return period_bounds(first, "week")


def _factors(sums: dict[str, float], identity) -> list[float | None]:
    out: list[float | None] = []
    for _, num, den in identity:
        top = sums.get(num, 0.0) or 0.0
        if den is None:
            out.append(top)
        else:
            bottom = sums.get(den, 0.0) or 0.0
            out.append(top / bottom if bottom else None)
    return out


def explain_change(obs: pd.DataFrame, kpi_id: str, period: str, versus: str) -> Explanation:
    """The KPI before and after, and the drivers of its change; the drivers sum exactly to the change.

    ``period`` is the later period and ``versus`` the earlier one.
    """
    start1, end1 = parse_period(period)
    start0, end0 = parse_period(versus)
    identity = IDENTITIES.get(kpi_id)
    measures = {kpi_id} | ({m for _, a, b in identity for m in (a, b) if m} if identity else set())
    # "all" is data without a channel breakdown, not a total of the others: it counts like any channel
    by_channel = sorted(obs["channel"].unique()) if not obs.empty else []
    before = after = unexplained = 0.0
    effects = [0.0] * (len(identity) if identity else 0)
    for channel in by_channel:
        part = obs[obs["channel"] == channel]
        s0 = {k: v for k, v in window_sums(part, start0, end0, measures).iloc[0].items() if pd.notna(v)}
        s1 = {k: v for k, v in window_sums(part, start1, end1, measures).iloc[0].items() if pd.notna(v)}
        v0, v1 = s0.get(kpi_id, 0.0), s1.get(kpi_id, 0.0)
        before, after = before + v0, after + v1
        if not identity or (v0 == 0 and v1 == 0):
            continue
        f0, f1 = _factors(s0, identity), _factors(s1, identity)
        if all(x is None for x in f0) or all(x is None for x in f1):
            unexplained += v1 - v0  # the channel lacks the identity's measures: its change has no drivers
            continue
        try:
            channel_effects = lmdi(f0, f1)
        except ValueError:
            unexplained += v1 - v0
            continue
        # the identity's product equals the KPI up to undefined ratios; any gap goes to the last factor
        gap = (v1 - v0) - sum(channel_effects)
        channel_effects[-1] += gap
        effects = [e + c for e, c in zip(effects, channel_effects, strict=True)]
    change = after - before
    drivers = [Driver(name, effect) for (name, _, _), effect in zip(identity or [], effects, strict=True)]
    if identity and unexplained:  # so the drivers still add up to the change
        drivers.append(Driver("unpaid" if identity[0][1] == "spend" else "other", unexplained))
    return Explanation(
        kpi=kpi_id,
        before=before,
        after=after,
        change=change,
        method="lmdi" if identity else "none",
        drivers=drivers,
    )


def apportion(values: list[float], total: int) -> list[int]:
    """Whole numbers near ``values`` that add up to ``total`` (largest remainders get the rest).

    >>> apportion([-9.7, 6.6, 18.1], 15)
    [-10, 7, 18]
    >>> apportion([0.5, 0.5, 0.5, 0.5], 2)
    [1, 1, 0, 0]
    """
    floors = [math.floor(v) for v in values]
    rest = total - sum(floors)
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    while values and rest > 0:  # hand out ones to the largest fractional parts
        for i in order[:rest]:
            floors[i] += 1
        rest = total - sum(floors)
    while values and rest < 0:  # or take them back from the smallest
        for i in order[::-1][:-rest]:
            floors[i] -= 1
        rest = total - sum(floors)
    return floors


def in_whole_units(result: Explanation) -> Explanation:
    """The explanation as shown: whole units (customers, roubles), the drivers still adding up
    exactly to the change and the change to after − before."""
    before, after = round(result.before), round(result.after)
    effects = apportion([d.effect for d in result.drivers], after - before)
    drivers = [Driver(d.factor, float(e)) for d, e in zip(result.drivers, effects, strict=True)]
    return replace(result, before=float(before), after=float(after), change=float(after - before), drivers=drivers)


def waterfall(result: Explanation) -> list[dict]:
    """Bars of a waterfall: the value before, one bar per driver (from, to), the value after.

    >>> result = Explanation("revenue", 10, 13, 3, "lmdi", [Driver("sessions", 5), Driver("aov", -2)])
    >>> [(b["step"], b["start"], b["end"]) for b in waterfall(result)]
    [('before', 0, 10), ('sessions', 10, 15), ('aov', 15, 13), ('after', 0, 13)]
    """
    bars = [{"step": "before", "start": 0, "end": result.before}]
    level = result.before
    for driver in result.drivers:
        bars.append({"step": driver.factor, "start": level, "end": level + driver.effect})
        level += driver.effect
    bars.append({"step": "after", "start": 0, "end": result.after})
    return bars


def default_periods(last_day: dt.date, period: str) -> tuple[str, str]:
    """The latest complete period and the one before, named as ``explain_change`` takes them.

    >>> default_periods(dt.date(2026, 3, 15), "month")
    ('2026-02', '2026-01')
    >>> default_periods(dt.date(2026, 3, 15), "week")
    ('2026-03-09', '2026-03-02')
    """
    first, last = period_bounds(last_day, period)
    if last != last_day:  # the period holding last_day is not over: the one before is the latest
        first, last = period_bounds(first - dt.timedelta(days=1), period)
    earlier, _ = period_bounds(first - dt.timedelta(days=1), period)
    if period == "month":
        return f"{first:%Y-%m}", f"{earlier:%Y-%m}"
    return first.isoformat(), earlier.isoformat()


def complete_periods(first_day: dt.date, last_day: dt.date, period: str) -> list[str]:
    """Every complete month or week between two days, newest first, named as ``explain_change`` takes them.

    >>> complete_periods(dt.date(2026, 1, 10), dt.date(2026, 4, 15), "month")
    ['2026-03', '2026-02']
    >>> complete_periods(dt.date(2026, 3, 2), dt.date(2026, 3, 17), "week")
    ['2026-03-09', '2026-03-02']
    """
    names = []
    latest, _ = default_periods(last_day, period)
    first, _ = parse_period(latest)
    while first >= first_day:
        names.append(f"{first:%Y-%m}" if period == "month" else first.isoformat())
        first, _ = period_bounds(first - dt.timedelta(days=1), period)
    return names
