"""Which channel works: totals, CAC, conversion and ROAS with intervals, ROMI and ДРР per channel,
and the best and worst channel named only where the evidence holds (docs/ARCHITECTURE.md, R-intervals)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from kpi_core.analysis.intervals import cac_interval, compare_cac, ratio_interval, ratio_of_ratios_interval, wilson
from kpi_core.compute.series import period_sums, window_sums

MEASURES = ("spend", "sessions", "orders", "revenue", "new_customers", "leads")
MIN_CONVERSIONS = 10
SIGNIFICANCE = 0.05
WEEKS_FOR_WEEKLY_RESAMPLING = 8


def above_break_even(drr: float | None, margin_pct: float | None) -> bool:
    """A channel whose ДРР exceeds the margin spends more on ads than a sale earns (break-even ДРР = margin).

    >>> above_break_even(84.5, 40.0), above_break_even(33.5, 40.0), above_break_even(84.5, None)
    (True, False, False)
    """
    return drr is not None and margin_pct is not None and margin_pct > 0 and drr > margin_pct


def resampling_grain(start: dt.date, end: dt.date) -> str:
    """Weeks are the bootstrap's unit over 8 weeks or more; shorter windows resample days."""
    return "week" if (end - start).days + 1 >= 7 * WEEKS_FOR_WEEKLY_RESAMPLING else "day"


def _revenue_and_spend(obs: pd.DataFrame, channel: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Revenue and spend of one channel per resampling period inside the window (0 where absent)."""
    inside = obs[
        (obs["channel"] == channel)
        & (obs["date"] >= pd.Timestamp(start))
        & (obs["date"] <= pd.Timestamp(end))
        & obs["measure"].isin(["revenue", "spend"])
    ]
    sums = period_sums(inside, resampling_grain(start, end), ["revenue", "spend"])
    return sums.reindex(columns=["revenue", "spend"]).fillna(0.0)


def channel_table(obs: pd.DataFrame, start: dt.date, end: dt.date) -> list[dict]:
    """Per channel: spend, sessions, orders, revenue, new_customers, leads, CAC with its interval,
    conversion (orders / sessions, %) with its Wilson interval, ROMI and ДРР (%); None where undefined."""
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
            interval = ratio_interval(periods["revenue"], periods["spend"])
            roas_low, roas_high = interval if interval else (None, None)
        rows.append(
            {
                "channel": channel,
                **value,
                "cac": cac,
                "cac_low": cac_low,
                "cac_high": cac_high,
                "conversion_rate": conversion,
                "conversion_low": conversion_low,
                "conversion_high": conversion_high,
                "romi": (revenue - spend) / spend * 100 if spend and revenue is not None else None,
                "drr": spend / revenue * 100 if spend is not None and revenue else None,
                "roas": roas,
                "roas_low": roas_low,
                "roas_high": roas_high,
            }
        )
    return rows


def channel_verdict(rows: list[dict], obs: pd.DataFrame, start: dt.date, end: dt.date) -> dict:
    """The best and the worst paid channel, named only when the evidence holds.

    By CAC where channels report new customers: the lowest and the highest CAC, each with at
    least 10 customers, compared by the exact conditional test (p < 0.05). Otherwise by ROAS: the
    highest and the lowest, when the paired bootstrap interval of their ratio excludes 1.
    ``status``: ``ok`` (best and worst named), ``no_evidence`` (the gap is within the noise),
    ``too_few`` (too few customers or periods), ``none`` (fewer than two channels with spend).
    """
    paid = [r for r in rows if r["spend"]]
    with_customers = [r for r in paid if r["new_customers"] is not None and r["cac"] is not None]
    if len(with_customers) >= 2:
        best = min(with_customers, key=lambda r: r["cac"])
        worst = max(with_customers, key=lambda r: r["cac"])
        verdict = {"metric": "cac", "best": best["channel"], "worst": worst["channel"], "p": None, "interval": None}
        if min(best["new_customers"], worst["new_customers"]) < MIN_CONVERSIONS:
            return {**verdict, "status": "too_few"}
        p = compare_cac(worst["spend"], round(worst["new_customers"]), best["spend"], round(best["new_customers"]))
        return {**verdict, "p": p, "status": "ok" if p < SIGNIFICANCE else "no_evidence"}
    with_revenue = [r for r in paid if r["roas"] is not None]
    if len(with_revenue) < 2:
        return {"metric": None, "best": None, "worst": None, "p": None, "interval": None, "status": "none"}
    best = max(with_revenue, key=lambda r: r["roas"])
    worst = min(with_revenue, key=lambda r: r["roas"])
    a = _revenue_and_spend(obs, best["channel"], start, end)
    b = _revenue_and_spend(obs, worst["channel"], start, end).reindex(a.index).fillna(0.0)
    interval = ratio_of_ratios_interval(a["revenue"], a["spend"], b["revenue"], b["spend"])
    verdict = {"metric": "roas", "best": best["channel"], "worst": worst["channel"], "p": None, "interval": interval}
    if interval is None:
        return {**verdict, "status": "too_few"}
    return {**verdict, "status": "ok" if interval[0] > 1 else "no_evidence"}
