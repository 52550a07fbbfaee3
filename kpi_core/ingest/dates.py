"""Dates far from the rest of a file: a stray 1900-01-01 or a mistyped year is listed, never imported.

A re-import replaces the stored rows of the dates a file covers (DESIGN §7), so one stray date
decades away would stretch that cover over years of history. The rule, on the file's dates:

- Dates within a year of each other (the later one no later than the same day a year on) form a
  **run**; a date over a year from every other date is a run of its own.
- The **main run** holds the most rows; on a tie, the one nearest to ``today`` (inside it counts
  as nearest), else the latest.
- A **far date** is a one-date run other than the main run. So a file with one date has none, and
  a file of two dates years apart keeps its main one (``2025-01-01`` over ``1900-01-01``).
  Runs of two or more dates are kept wherever they lie: the store replaces each run on its own.
- A date after ``today`` is never far: the future check lists it ("date in the future") and it is
  imported, as before (an export may carry plans; it replaces nothing of the past).

Far dates' rows leave the observations and each is listed as suspicious with its line number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kpi_core.i18n.formatting import Count
from kpi_core.ingest.errors import Note


@dataclass(frozen=True)
class Run:
    """Consecutive distinct dates within a year of each other, and how many rows carry them."""

    first: pd.Timestamp
    last: pd.Timestamp
    rows: int

    def distance(self, today: pd.Timestamp) -> pd.Timedelta:
        if self.first <= today <= self.last:
            return pd.Timedelta(0)
        return min(abs(today - self.first), abs(today - self.last))


@dataclass(frozen=True)
class FarDates:
    """What the far-date rule left: the observations kept, the rows listed and which rows stay."""

    observations: pd.DataFrame
    suspicious: list[tuple[int, str]]
    kept: np.ndarray  # one flag per source row: False when every date of the row is far
    dates: list[pd.Timestamp]  # the far dates, oldest first


def date_runs(days: pd.Series) -> list[Run]:
    """Runs of a file's dates (one date per source row; NaT ignored), oldest first.

    >>> [(r.first.year, r.last.year, r.rows) for r in date_runs(pd.Series(pd.to_datetime(
    ...     ["2024-01-01", "2024-12-31", "2024-12-31", "1900-01-01"])))]
    [(1900, 1900, 1), (2024, 2024, 3)]
    """
    counts = pd.Series(pd.to_datetime(days).dropna().to_numpy()).value_counts().sort_index()
    if counts.empty:
        return []
    distinct = pd.DatetimeIndex(counts.index).as_unit("s")  # seconds reach past 2262 when a year is added
    breaks = np.flatnonzero(distinct[1:] > distinct[:-1] + pd.DateOffset(years=1)) + 1
    starts = [0, *breaks.tolist()]
    ends = [*(b - 1 for b in breaks.tolist()), len(distinct) - 1]
    rows = counts.to_numpy()
    return [
        Run(pd.Timestamp(counts.index[s]), pd.Timestamp(counts.index[e]), int(rows[s : e + 1].sum()))
        for s, e in zip(starts, ends, strict=True)
    ]


def far_dates(days: pd.Series, today: dt.date | None = None) -> list[pd.Timestamp]:
    """The far dates among a file's dates (one per source row), oldest first; see the module's rule.

    >>> far_dates(pd.Series(pd.to_datetime(["2025-01-01", "1900-01-01"])), dt.date(2026, 12, 1))
    [Timestamp('1900-01-01 00:00:00')]
    """
    runs = date_runs(days)
    if len(runs) < 2:
        return []
    now = pd.Timestamp(today) if today is not None else None
    if now is None:
        main = max(runs, key=lambda r: (r.rows, r.last))
    else:
        main = max(runs, key=lambda r: (r.rows, -r.distance(now), r.last))
    return [
        run.first for run in runs if run is not main and run.first == run.last and (now is None or run.first <= now)
    ]


def drop_far_dates(
    observations: pd.DataFrame,
    lines: np.ndarray,
    row_days: Sequence[pd.Series],
    warnings: list[str],
    today: dt.date | None = None,
) -> FarDates:
    """Leave out the observations of far dates; list each source row dated on one.

    ``lines`` are the source rows' line numbers; each of ``row_days`` holds one date per source row
    in the same order (a deal list passes its creation and its closing dates). A warning sentence
    says how many rows and dates were left out.
    """
    columns = [pd.DatetimeIndex(pd.to_datetime(np.asarray(days))) for days in row_days]
    every = pd.Series(np.concatenate([c.to_numpy(dtype="datetime64[ns]") for c in columns]) if columns else [])
    far = far_dates(every, today)
    kept = np.ones(len(lines), dtype=bool)
    if not far:
        return FarDates(observations, [], kept, [])
    far_index = pd.DatetimeIndex(far)
    found: dict[int, tuple[int, str]] = {}
    usable = np.zeros(len(lines), dtype=bool)  # a row with one date still counted (a deal's creation) stays
    for column in columns:
        on_far = column.isin(far_index)
        usable |= column.notna() & ~on_far
        kept &= ~on_far
        for position in np.flatnonzero(on_far):
            day = column[position].date().isoformat()
            found.setdefault(
                int(position), (int(lines[position]), f"date {day} is over a year from the other dates: not imported")
            )
    dates = pd.to_datetime(observations["date"]) if not observations.empty else pd.Series(dtype="datetime64[ns]")
    left = observations.loc[~dates.isin(far_index).to_numpy()].reset_index(drop=True)
    rows = len(found)
    named = ", ".join(d.date().isoformat() for d in far[:5]) + (", …" if len(far) > 5 else "")
    if len(far) == 1 and rows == 1:
        warnings.append(Note("ingest.note.far_date", rows=Count(rows), dates=named))
    else:
        warnings.append(Note("ingest.note.far_dates", rows=Count(rows), dates=named, count=Count(len(far))))
    return FarDates(left, sorted(found.values()), kept | usable, far)
