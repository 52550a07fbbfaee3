"""Daily totals of a workspace's observations with running sums: any window's total in constant time.

Pacing asks for many window totals (so far, the baseline, the last 28 days, each period end);
summing the observations for each would cost as much as the data. The cube sums them once,
per day × channel × measure, and keeps running sums along the days.

Period data (spans, ``compute/spans.py``) has no day breakdown: the cube keeps those rows aside
and adds a span to a window's sum only when the window contains it whole. Without spans nothing
of this costs anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from kpi_core.compute.spans import END, span_mask

NS_PER_DAY = 86_400_000_000_000


class DailyTotals:
    """Observations summed per day, channel and measure; window sums from running sums.

    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-03-01", "2026-03-02", "2026-03-02"]),
    ...                     "measure": ["orders", "orders", "orders"], "channel": ["all", "all", "email"],
    ...                     "value": [1.0, 2.0, 4.0]})
    >>> DailyTotals(obs).window_sums(dt.date(2026, 3, 1), dt.date(2026, 3, 2), ["orders"])
    {'orders': 7.0}

    A span (a row with an ``end`` after its ``date``) counts only in a window containing it whole:

    >>> spans = pd.DataFrame({"date": pd.to_datetime(["2026-03-01"]), "end": pd.to_datetime(["2026-03-31"]),
    ...                       "measure": ["spend"], "channel": ["all"], "value": [3100.0]})
    >>> totals = DailyTotals(spans)
    >>> totals.window_sums(dt.date(2026, 3, 1), dt.date(2026, 3, 31), ["spend"])
    {'spend': 3100.0}
    >>> totals.window_sums(dt.date(2026, 3, 1), dt.date(2026, 3, 30), ["spend"])
    {'spend': nan}
    """

    def __init__(self, obs: pd.DataFrame) -> None:
        self.empty = obs.empty
        measure_codes, measure_names = pd.factorize(obs["measure"])
        channel_codes, channel_names = pd.factorize(obs["channel"])
        self.measures = {m: i for i, m in enumerate(measure_names)}
        self.channels = {c: i for i, c in enumerate(channel_names)}
        self.spans: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
        spans = span_mask(obs)
        if spans is not None:  # kept aside: first day, last day, channel, measure, value of each span
            kept = spans & obs["value"].notna().to_numpy()
            self.spans = (
                _days(obs["date"])[kept],
                _days(obs[END])[kept],
                channel_codes[kept].astype(np.int64),
                measure_codes[kept].astype(np.int64),
                obs["value"].to_numpy(dtype="float64")[kept],
            )
            obs, measure_codes, channel_codes = obs.loc[~spans], measure_codes[~spans], channel_codes[~spans]
        if obs.empty:
            self.first = 0
            self.sums = np.zeros((1, len(self.channels), len(self.measures)))
            self.counts = np.zeros((1, len(self.channels), len(self.measures)), dtype=np.int64)
            return
        days = _days(obs["date"])
        self.first = int(days.min())
        n_days = int(days.max()) - self.first + 1
        shape = (n_days, len(self.channels), len(self.measures))
        flat = (
            (days - self.first) * (shape[1] * shape[2])
            + channel_codes.astype(np.int64) * shape[2]
            + measure_codes.astype(np.int64)
        )
        values = obs["value"].to_numpy(dtype="float64")
        present = ~np.isnan(values)
        size = shape[0] * shape[1] * shape[2]
        daily = np.bincount(flat[present], weights=values[present], minlength=size).reshape(shape)
        count = np.bincount(flat[present], minlength=size).reshape(shape)
        # running sums with a leading zero day: total(a..b) = run[b + 1] − run[a]
        self.sums = np.concatenate([np.zeros((1, *shape[1:])), np.cumsum(daily, axis=0)])
        self.counts = np.concatenate([np.zeros((1, *shape[1:]), dtype=np.int64), np.cumsum(count, axis=0)])

    def _span_sums(self, start: dt.date, end: dt.date, chosen: list[int]) -> tuple[np.ndarray, np.ndarray] | None:
        """Per measure code: the sum and the number of the spans the window contains whole (None: no spans)."""
        if self.spans is None:
            return None
        first, last, channel, measure, value = self.spans
        inside = (
            (first >= pd.Timestamp(start).value // NS_PER_DAY)
            & (last <= pd.Timestamp(end).value // NS_PER_DAY)
            & np.isin(channel, chosen)
        )
        size = len(self.measures)
        return (
            np.bincount(measure[inside], weights=value[inside], minlength=size),
            np.bincount(measure[inside], minlength=size),
        )

    def _bounds(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        last = self.sums.shape[0] - 1
        a = (pd.Timestamp(start).value // NS_PER_DAY) - self.first
        b = (pd.Timestamp(end).value // NS_PER_DAY) - self.first + 1
        return int(min(max(a, 0), last)), int(min(max(b, 0), last))

    def window_sums(
        self, start: dt.date, end: dt.date, measures: Iterable[str], channels: Iterable[str] | None = None
    ) -> dict[str, float]:
        """Each measure summed over the days ``start``..``end`` (and the channels given); NaN without rows.

        Measures the data never holds are left out (as a sum over the observations would leave them).
        The spans the window contains whole are added (and count as rows).
        """
        a, b = self._bounds(start, end)
        chosen = (
            list(self.channels.values())
            if channels is None
            else [self.channels[c] for c in channels if c in self.channels]
        )
        spans = self._span_sums(start, end, chosen) if chosen else None
        out = {}
        for measure in measures:
            index = self.measures.get(measure)
            if index is None:
                continue
            rows, total = 0, 0.0
            if chosen and b > a:
                rows = int((self.counts[b, chosen, index] - self.counts[a, chosen, index]).sum())
                if rows:
                    total = float((self.sums[b, chosen, index] - self.sums[a, chosen, index]).sum())
            if spans is not None and spans[1][index]:
                rows, total = rows + int(spans[1][index]), total + float(spans[0][index])
            out[measure] = total if rows else np.nan
        return out

    def has_data(self, measures: Iterable[str], start: dt.date, end: dt.date) -> bool:
        """Whether any of the measures has a row between ``start`` and ``end`` (or a span inside them)."""
        return any(not np.isnan(v) for v in self.window_sums(start, end, measures).values())

    def data_days(self, measures: Iterable[str], start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
        """The first and the last day between ``start`` and ``end`` on which any of the measures has a
        row (a span inside the window counts from its first to its last day); None when there is none."""
        indices = [self.measures[m] for m in measures if m in self.measures]
        if not indices:
            return None
        a, b = self._bounds(start, end)
        firsts: list[int] = []
        lasts: list[int] = []
        if b > a:
            running = self.counts[:, :, indices].sum(axis=(1, 2))  # rows up to each day, every channel
            if running[b] > running[a]:
                firsts.append(int(np.searchsorted(running, running[a], side="right")) - 1 + self.first)
                lasts.append(int(np.searchsorted(running, running[b], side="left")) - 1 + self.first)
        if self.spans is not None:
            first, last, _, measure, _ = self.spans
            low, high = (pd.Timestamp(day).value // NS_PER_DAY for day in (start, end))
            inside = (first >= low) & (last <= high) & np.isin(measure, indices)
            if inside.any():
                firsts.append(int(first[inside].min()))
                lasts.append(int(last[inside].max()))
        epoch = dt.date(1970, 1, 1)
        return (epoch + dt.timedelta(days=min(firsts)), epoch + dt.timedelta(days=max(lasts))) if firsts else None


def _days(dates: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 of a datetime column."""
    return dates.to_numpy(dtype="datetime64[ns]").view(np.int64) // NS_PER_DAY
