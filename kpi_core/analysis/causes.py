"""Cause hints in the method's three words, each with its evidence (docs/ARCHITECTURE.md, R-causes).

* **wrong channel** — the channel with the worst cost per customer (or return on spend) holds
  the largest share of the ad budget, and the gap to the best channel is beyond the noise;
* **too little budget** — ad spend fell against the earlier period while its efficiency held
  (CAC or ROAS within ±10 %), so fewer customers came from less money, not from worse ads;
* **weak strategy** — traffic held (sessions within −5 %) but conversion or order value fell
  by at least 3 % of revenue, from the revenue decomposition.

Each hint names the chart that shows it: ``channels`` (the channel table) or ``why`` (the
waterfall of the KPI's drivers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from kpi_core.analysis.channels import ChannelRow, ChannelVerdict
from kpi_core.analysis.explain import explain_change, parse_period
from kpi_core.compute.series import window_sums

SPEND_DROP = -0.10
EFFICIENCY_HELD = 0.10
TRAFFIC_HELD = -0.05
MATERIAL_SHARE = 0.03


def _change(after: float | None, before: float | None) -> float | None:
    if after is None or before is None or before == 0:
        return None
    return after / before - 1.0


def _sums(obs: pd.DataFrame, start: dt.date, end: dt.date, channels: list[str] | None = None) -> dict[str, float]:
    chosen = obs if channels is None else obs[obs["channel"].isin(channels)]
    row = window_sums(chosen, start, end, ("spend", "revenue", "new_customers", "sessions")).iloc[0]
    return {m: float(row[m]) for m in row.index if not pd.isna(row[m])}


def wrong_channel(rows: Sequence[ChannelRow], verdict: ChannelVerdict) -> dict | None:
    """The worst channel (with evidence) holding the largest budget share."""
    metric = verdict.metric
    # a verdict that is ok always names its metric, best and worst
    if verdict.status != "ok" or metric is None or verdict.best is None or verdict.worst is None:
        return None
    paid = {r.channel: r for r in rows if r.spend}
    spend = {channel: r.spend or 0.0 for channel, r in paid.items()}
    total = sum(spend.values())
    worst, best = paid[verdict.worst], paid[verdict.best]
    if not total or max(spend, key=spend.__getitem__) != worst.channel:
        return None
    return {
        "cause": "wrong_channel",
        "chart": "channels",
        "evidence": {
            "channel": worst.channel,
            "best": best.channel,
            "share": spend[worst.channel] / total * 100,
            "metric": metric,
            "value": getattr(worst, metric),
            "best_value": getattr(best, metric),
        },
    }


def too_little_budget(
    obs: pd.DataFrame, paid: list[str], later: tuple[dt.date, dt.date], earlier: tuple[dt.date, dt.date]
) -> dict | None:
    """Spend fell by 10 % or more while CAC (or ROAS) stayed within ±10 %."""
    if not paid:
        return None
    after, before = _sums(obs, *later, channels=paid), _sums(obs, *earlier, channels=paid)
    spend_change = _change(after.get("spend"), before.get("spend"))
    if spend_change is None or spend_change > SPEND_DROP:
        return None
    if after.get("new_customers") and before.get("new_customers"):
        metric = "cac"
        efficiency = _change(after["spend"] / after["new_customers"], before["spend"] / before["new_customers"])
    elif after.get("revenue") and before.get("revenue"):
        metric = "roas"
        efficiency = _change(after["revenue"] / after["spend"], before["revenue"] / before["spend"])
    else:
        return None
    if efficiency is None or abs(efficiency) > EFFICIENCY_HELD:
        return None
    return {
        "cause": "too_little_budget",
        "chart": "channels",
        "evidence": {"spend_change": spend_change * 100, "metric": metric, "efficiency_change": efficiency * 100},
    }


def weak_strategy(obs: pd.DataFrame, period: str, versus: str) -> dict | None:
    """Traffic held but conversion or order value cost at least 3 % of revenue."""
    try:
        result = explain_change(obs, "revenue", period, versus)
    except ValueError:
        return None
    before = result.before
    if not before or not result.drivers:
        return None
    effects = {d.factor: d.effect for d in result.drivers}
    traffic = _change(
        _sums(obs, *parse_period(period)).get("sessions"), _sums(obs, *parse_period(versus)).get("sessions")
    )
    if traffic is None or traffic < TRAFFIC_HELD:
        return None
    fallen = [(f, e) for f, e in effects.items() if f in ("conversion", "aov") and e < -MATERIAL_SHARE * before]
    if not fallen:
        return None
    factor, effect = min(fallen, key=lambda item: item[1])
    return {
        "cause": "weak_strategy",
        "chart": "why",
        "evidence": {"traffic_change": traffic * 100, "factor": factor, "effect": effect},
    }


def cause_hints(
    obs: pd.DataFrame,
    period: str,
    versus: str,
    rows: Sequence[ChannelRow],
    verdict: ChannelVerdict,
    paid: list[str],
) -> list[dict]:
    """Every cause the numbers point to between ``versus`` and ``period``, with its evidence."""
    later, earlier = parse_period(period), parse_period(versus)
    hints = [
        wrong_channel(rows, verdict),
        too_little_budget(obs, paid, later, earlier),
        weak_strategy(obs, period, versus),
    ]
    return [hint for hint in hints if hint is not None]
