"""Period data: totals over a stated span with no day breakdown (docs/ARCHITECTURE.md, R-spans).

Some reports carry only totals over a period (1–31 Mar 2026, 4–31 Dec 2025). Such a row keeps
its first day in ``date`` and its last day (inclusive) in an optional ``end`` column; daily rows
hold NaT there, or the frame has no ``end`` column at all (daily data never pays for spans).
A one-day span (``end == date``) is a daily row.

The rule: a span counts in a window's total only when the window contains it whole; it is never
drawn as daily points nor spread over days. In a series by week or month a span counts in the one
period that contains it whole, and by day never.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from kpi_core.compute.periods import period_start

END = "end"


def span_mask(obs: pd.DataFrame) -> np.ndarray | None:
    """Which rows are spans (``end`` after ``date``), or None when the frame holds none (the fast path).

    >>> span_mask(pd.DataFrame({"date": pd.to_datetime(["2026-03-01"]), "value": [1.0]})) is None
    True
    """
    if END not in obs.columns or obs.empty:
        return None
    ends = obs[END].to_numpy(dtype="datetime64[ns]")
    mask = ends > obs["date"].to_numpy(dtype="datetime64[ns]")  # NaT compares False: a daily row
    return mask if mask.any() else None


def has_spans(obs: pd.DataFrame) -> bool:
    """Whether any row of ``obs`` is a span."""
    return span_mask(obs) is not None


def split_spans(obs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The daily rows (without an ``end`` column) and the spans (with it).

    A frame without spans comes back as it is, with an empty span frame.

    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-03-01", "2026-03-02", "2026-03-05"]),
    ...                     "end": pd.to_datetime(["2026-03-31", None, "2026-03-05"]),
    ...                     "measure": "spend", "channel": "all", "value": [3100.0, 10.0, 20.0]})
    >>> daily, spans = split_spans(obs)
    >>> daily["value"].tolist(), list(daily.columns), spans["value"].tolist()
    ([10.0, 20.0], ['date', 'measure', 'channel', 'value'], [3100.0])
    """
    mask = span_mask(obs)
    if mask is None:
        daily = obs.drop(columns=[END]) if END in obs.columns else obs
        return daily, _no_spans(daily)
    return obs.loc[~mask].drop(columns=[END]), obs.loc[mask]


def _no_spans(like: pd.DataFrame) -> pd.DataFrame:
    return like.iloc[:0].assign(**{END: pd.Series(dtype="datetime64[ns]")})


def spans_within(spans: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """The spans the window ``start``..``end`` (inclusive; None is open) contains whole.

    >>> spans = pd.DataFrame({"date": pd.to_datetime(["2026-03-01", "2025-12-04"]),
    ...                       "end": pd.to_datetime(["2026-03-31", "2025-12-31"]), "value": [1.0, 2.0]})
    >>> spans_within(spans, dt.date(2026, 1, 1), dt.date(2026, 3, 31))["value"].tolist()
    [1.0]
    >>> spans_within(spans, dt.date(2026, 3, 1), dt.date(2026, 3, 30))["value"].tolist()  # one day short
    []
    """
    if spans.empty:
        return spans
    keep = np.ones(len(spans), dtype=bool)
    if start is not None:
        keep &= (spans["date"] >= pd.Timestamp(start)).to_numpy()
    if end is not None:
        keep &= (spans[END] <= pd.Timestamp(end)).to_numpy()
    return spans.loc[keep]


def rows_within(obs: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """The rows that count in the window ``start``..``end`` (None is open): the daily rows dated in
    it and the spans it contains whole. Without spans, the daily rows dated in it (no ``end``).

    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-03-01", "2026-03-02"]),
    ...                     "end": pd.to_datetime(["2026-03-31", None]), "measure": "spend",
    ...                     "channel": "all", "value": [3100.0, 10.0]})
    >>> rows_within(obs, dt.date(2026, 3, 1), dt.date(2026, 3, 31))["value"].tolist()
    [3100.0, 10.0]
    >>> rows_within(obs, dt.date(2026, 3, 1), dt.date(2026, 3, 15))["value"].tolist()
    [10.0]
    """
    mask = span_mask(obs)
    dates = obs["date"]
    keep = np.ones(len(obs), dtype=bool)
    if start is not None:
        keep &= (dates >= pd.Timestamp(start)).to_numpy()
    if end is not None:
        last = dates if mask is None else obs[END].where(pd.Series(mask, index=obs.index), dates)
        keep &= (last <= pd.Timestamp(end)).to_numpy()
    inside = obs.loc[keep]
    return inside.drop(columns=[END]) if mask is None and END in obs.columns else inside


def period_rows(obs: pd.DataFrame, period: str) -> tuple[pd.DataFrame, pd.Series]:
    """The rows that count in a series by ``period`` and each one's period start.

    Daily rows count in the period holding their day; a span only in the one period that contains
    it whole (so never by day); the others are left out.

    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-03-01", "2025-12-04", "2026-01-01"]),
    ...                     "end": pd.to_datetime(["2026-03-31", "2025-12-31", "2026-03-31"]),
    ...                     "measure": "spend", "channel": "all", "value": [1.0, 2.0, 3.0]})
    >>> rows, starts = period_rows(obs, "month")
    >>> rows["value"].tolist(), starts.dt.date.tolist()
    ([1.0, 2.0], [datetime.date(2026, 3, 1), datetime.date(2025, 12, 1)])
    """
    mask = span_mask(obs)
    if mask is None:
        rows = obs.drop(columns=[END]) if END in obs.columns else obs
        return rows, period_start(rows["date"], period)
    starts = period_start(obs["date"], period)
    whole = starts.to_numpy() == period_start(obs[END], period).to_numpy()
    keep = ~mask | whole
    return obs.loc[keep], starts.loc[keep]


def last_days(obs: pd.DataFrame) -> pd.Series:
    """Each row's last day: its ``end`` for a span, else its ``date``."""
    if END not in obs.columns:
        return obs["date"]
    return obs[END].where(obs[END].notna() & (obs[END] > obs["date"]), obs["date"])


def last_data_day(obs: pd.DataFrame) -> dt.date | None:
    """The last day with data: a span's last day counts as a day with data; None without rows.

    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-03-10", "2026-03-01"]),
    ...                     "end": pd.to_datetime([None, "2026-03-31"])})
    >>> last_data_day(obs), last_data_day(obs.drop(columns="end"))
    (datetime.date(2026, 3, 31), datetime.date(2026, 3, 10))
    """
    if obs.empty:
        return None
    return pd.Timestamp(last_days(obs).max()).date()


def data_range(obs: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first day and the last day with data (a span's end included); the frame must have rows."""
    return pd.Timestamp(obs["date"].min()), pd.Timestamp(last_days(obs).max())
