"""Which channel works: totals, CAC, conversion and ROAS with intervals, ROMI and ДРР per channel,
and the best and worst channel named only where the evidence holds (docs/ARCHITECTURE.md, R-intervals)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import pandas as pd

from kpi_core.analysis.intervals import cac_interval, compare_cac, ratio_interval, ratio_of_ratios_interval, wilson
from kpi_core.compute.series import kpi_from_window_sums, period_sums, window_sums
from kpi_core.compute.spans import has_spans, period_rows, rows_within

MEASURES = ("spend", "sessions", "orders", "revenue", "new_customers", "leads")
MIN_CONVERSIONS = 10
SIGNIFICANCE = 0.05
WEEKS_FOR_WEEKLY_RESAMPLING = 8


@dataclass(frozen=True)
class ChannelRow:
    """One channel's totals and ratios over a window; None where a measure is absent or a ratio undefined.

    ``cac``, ``romi`` and ``drr`` are in money and percent; ``conversion_*`` in percent; ``roas*`` a ratio.
    """

    channel: str
    spend: float | None
    sessions: float | None
    orders: float | None
    revenue: float | None
    new_customers: float | None
    leads: float | None
    cac: float | None
    cac_low: float | None
    cac_high: float | None
    conversion_rate: float | None
    conversion_low: float | None
    conversion_high: float | None
    romi: float | None
    drr: float | None
    roas: float | None
    roas_low: float | None
    roas_high: float | None

    def as_dict(self) -> dict:
        """The row as the `channels` command prints it (the fields in their order)."""
        return asdict(self)


@dataclass(frozen=True)
class ChannelVerdict:
    """The best and the worst paid channel and the evidence for naming them (see ``channel_verdict``)."""

    metric: str | None  # "cac", "roas", or None without two paid channels
    best: str | None
    worst: str | None
    p: float | None  # the exact test's p-value (CAC)
    interval: tuple[float, float] | None  # the bootstrap interval of best ROAS / worst ROAS
    status: str  # ok, no_evidence, too_few, none


def above_break_even(drr: float | None, margin_pct: float | None) -> bool:
    """A channel whose ДРР exceeds the margin spends more on ads than a sale earns (break-even ДРР = margin).

    >>> above_break_even(84.5, 40.0), above_break_even(33.5, 40.0), above_break_even(84.5, None)
    (True, False, False)
    """
    return drr is not None and margin_pct is not None and margin_pct > 0 and drr > margin_pct


def resampling_grain(start: dt.date, end: dt.date) -> str:
    """Weeks are the bootstrap's unit over 8 weeks or more; shorter windows resample days."""
    return "week" if (end - start).days + 1 >= 7 * WEEKS_FOR_WEEKLY_RESAMPLING else "day"


def _revenue_and_spend(obs: pd.DataFrame, channel: str, start: dt.date, end: dt.date) -> pd.DataFrame | None:
    """Revenue and spend of one channel per resampling period inside the window (0 where absent).

    None when a span the window counts lies across resampling periods: it has no breakdown to
    resample, and periods without it would not add up to the window's totals.
    """
    chosen = obs[(obs["channel"] == channel) & obs["measure"].isin(["revenue", "spend"])]
    inside, grain = rows_within(chosen, start, end), resampling_grain(start, end)
    if has_spans(inside) and len(period_rows(inside, grain)[0]) < len(inside):
        return None
    return period_sums(inside, grain, ["revenue", "spend"]).reindex(columns=["revenue", "spend"]).fillna(0.0)


def channel_table(obs: pd.DataFrame, start: dt.date, end: dt.date, margin_pct: float | None = None) -> list[ChannelRow]:
    """Per channel: spend, sessions, orders, revenue, new_customers, leads, CAC with its interval,
    conversion (orders / sessions, %) with its Wilson interval, ROMI and ДРР (%); None where undefined.
    ROMI is the catalog's, on gross profit (revenue × margin) when ``margin_pct`` is set.

    A span (period data) counts in the totals only when the window contains it whole."""
    rows = []
    for channel in sorted(obs["channel"].unique()) if not obs.empty else []:
        sums = window_sums(obs[obs["channel"] == channel], start, end, MEASURES).iloc[0]
        value = {m: (None if m not in sums or pd.isna(sums[m]) else float(sums[m])) for m in MEASURES}
        spend, customers = value["spend"], value["new_customers"]
        sessions, orders, revenue = value["sessions"], value["orders"], value["revenue"]
        cac = cac_low = cac_high = None
        if spend and customers is not None:
            cac = spend / customers if customers else None
            low, high = cac_interval(spend, round(customers))
            cac_low, cac_high = low, (None if math.isinf(high) else high)
        conversion = conversion_low = conversion_high = None
        if sessions and orders is not None and orders <= sessions:
            conversion = orders / sessions * 100
            low, high = wilson(round(orders), round(sessions))
            conversion_low, conversion_high = low * 100, high * 100
        roas = roas_low = roas_high = None
        if spend and revenue is not None:
            roas = revenue / spend
            periods = _revenue_and_spend(obs, channel, start, end)
            interval = None if periods is None else ratio_interval(periods["revenue"], periods["spend"])
            roas_low, roas_high = interval if interval else (None, None)
        rows.append(
            ChannelRow(
                channel=channel,
                spend=spend,
                sessions=sessions,
                orders=orders,
                revenue=revenue,
                new_customers=customers,
                leads=value["leads"],
                cac=cac,
                cac_low=cac_low,
                cac_high=cac_high,
                conversion_rate=conversion,
                conversion_low=conversion_low,
                conversion_high=conversion_high,
                romi=kpi_from_window_sums("romi", {"revenue": revenue, "spend": spend}, margin_pct)
                if spend and revenue is not None
                else None,
                drr=spend / revenue * 100 if spend is not None and revenue else None,
                roas=roas,
                roas_low=roas_low,
                roas_high=roas_high,
            )
        )
    return rows


def channel_verdict(rows: Sequence[ChannelRow], obs: pd.DataFrame, start: dt.date, end: dt.date) -> ChannelVerdict:
    """The best and the worst paid channel, named only when the evidence holds.

    By CAC where channels report new customers: the lowest and the highest CAC, each with at
    least 10 customers, compared by the exact conditional test (p < 0.05). Otherwise by ROAS: the
    highest and the lowest, when the paired bootstrap interval of their ratio excludes 1.
    ``status``: ``ok`` (best and worst named), ``no_evidence`` (the gap is within the noise),
    ``too_few`` (too few customers or periods), ``none`` (fewer than two channels with spend).
    """
    # (CAC, spend, new customers, channel) of every paid channel that reports new customers
    by_cac = [
        (r.cac, r.spend, r.new_customers, r.channel)
        for r in rows
        if r.spend and r.new_customers is not None and r.cac is not None
    ]
    if len(by_cac) >= 2:
        _, best_spend, best_customers, best = min(by_cac, key=lambda c: c[0])
        _, worst_spend, worst_customers, worst = max(by_cac, key=lambda c: c[0])
        if min(best_customers, worst_customers) < MIN_CONVERSIONS:
            return ChannelVerdict("cac", best, worst, p=None, interval=None, status="too_few")
        p = compare_cac(worst_spend, round(worst_customers), best_spend, round(best_customers))
        return ChannelVerdict(
            "cac", best, worst, p=p, interval=None, status="ok" if p < SIGNIFICANCE else "no_evidence"
        )
    by_roas = [(r.roas, r.channel) for r in rows if r.spend and r.roas is not None]
    if len(by_roas) < 2:
        return ChannelVerdict(None, None, None, p=None, interval=None, status="none")
    best = max(by_roas, key=lambda c: c[0])[1]
    worst = min(by_roas, key=lambda c: c[0])[1]
    a = _revenue_and_spend(obs, best, start, end)
    b = _revenue_and_spend(obs, worst, start, end)
    interval = None
    if a is not None and b is not None:  # a span across periods leaves nothing to resample
        b = b.reindex(a.index).fillna(0.0)
        interval = ratio_of_ratios_interval(a["revenue"], a["spend"], b["revenue"], b["spend"])
    if interval is None:
        return ChannelVerdict("roas", best, worst, p=None, interval=None, status="too_few")
    return ChannelVerdict(
        "roas", best, worst, p=None, interval=interval, status="ok" if interval[0] > 1 else "no_evidence"
    )
