"""Which channel works: totals, CAC and conversion with intervals, ROMI and ДРР per channel."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from kpi_core.analysis.intervals import cac_interval, wilson
from kpi_core.compute import window_sums

MEASURES = ("spend", "sessions", "orders", "revenue", "new_customers", "leads")


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
            }
        )
    return rows
