"""Period data in the store: a span keeps its last day, a re-import replaces it instead of adding
to it, a daily file of the same source over the same days replaces it, and undo puts it back with
its span. On SQLite always, on PostgreSQL with ``KPI_TEST_PG_URL``."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import workflows
from db import repository as repo
from db.engine import unit_of_work

MARCH_REPORT = [("2026-03-01", "spend", "paid_search", 3100.0, "2026-03-31")]


def _store(session, ws: int, rows: list[tuple], grain: str, name: str = "march.csv"):
    columns = ["date", "measure", "channel", "value", "end"][: len(rows[0])]
    frame = pd.DataFrame(rows, columns=columns)
    frame["date"] = pd.to_datetime(frame["date"])
    if "end" in frame:
        frame["end"] = pd.to_datetime(frame["end"])
    return repo.store_observations(
        session, ws, "direct", frame, file_name=name, file_hash=name, rows_read=len(rows), grain=grain
    )


def _spend(session, ws: int) -> tuple[float, list[tuple]]:
    frame = workflows.workspace_observations(session, ws)
    spend = frame[frame["measure"] == "spend"]
    ends = spend["end"] if "end" in spend else pd.Series(pd.NaT, index=spend.index)
    rows = sorted(
        (str(d.date()), None if pd.isna(e) else str(e.date())) for d, e in zip(spend["date"], ends, strict=True)
    )
    return float(spend["value"].sum()), rows


def test_a_span_is_stored_with_its_last_day_and_read_back_as_one_row(engine):
    with unit_of_work(engine) as s:
        ws = repo.create_workspace(s, "Shop").id
        result = _store(s, ws, MARCH_REPORT, "month")
        assert (result.date_min, result.date_max) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    with unit_of_work(engine) as s:
        assert _spend(s, ws) == (3100.0, [("2026-03-01", "2026-03-31")])


def test_importing_the_same_report_again_replaces_it(engine):
    with unit_of_work(engine) as s:
        ws = repo.create_workspace(s, "Shop").id
        _store(s, ws, MARCH_REPORT, "month")
    with unit_of_work(engine) as s:
        again = _store(s, ws, [("2026-03-01", "spend", "paid_search", 3200.0, "2026-03-31")], "month", "march2.csv")
        assert again.observations_replaced == 1
    with unit_of_work(engine) as s:
        assert _spend(s, ws) == (3200.0, [("2026-03-01", "2026-03-31")])


def test_a_daily_file_over_the_same_days_replaces_the_span_and_undo_brings_it_back(engine):
    with unit_of_work(engine) as s:
        ws = repo.create_workspace(s, "Shop").id
        _store(s, ws, MARCH_REPORT, "month")
    days = [(f"2026-03-{d:02d}", "spend", "paid_search", 100.0) for d in range(10, 16)]
    with unit_of_work(engine) as s:
        daily = _store(s, ws, days, "day", "daily.csv")
        assert daily.observations_replaced == 1  # the span reaches into 10–15 March: replaced, not added to
    with unit_of_work(engine) as s:
        total, rows = _spend(s, ws)
        assert total == 600.0 and rows == [(day, None) for day, *_ in days]
    with unit_of_work(engine) as s:
        repo.undo_batch(s, daily.batch_id)
    with unit_of_work(engine) as s:
        assert _spend(s, ws) == (3100.0, [("2026-03-01", "2026-03-31")])


def test_a_span_ending_before_it_begins_is_refused_and_nothing_changes(engine):
    with unit_of_work(engine) as s:
        ws = repo.create_workspace(s, "Shop").id
        _store(s, ws, MARCH_REPORT, "month")
    with pytest.raises(ValueError, match="ends before it begins"), unit_of_work(engine) as s:
        _store(s, ws, [("2026-03-31", "spend", "paid_search", 1.0, "2026-03-01")], "span", "bad.csv")
    with unit_of_work(engine) as s:
        assert _spend(s, ws) == (3100.0, [("2026-03-01", "2026-03-31")])
