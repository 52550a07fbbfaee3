"""Re-imports never delete history by accident (issue 12, finding 9; DESIGN §7).

A stray far date is skipped and listed, a re-import replaces only the ranges its file covers, and a
replacement removing more than twice what it brings is refused until asked for with ``replace=True``.
Runs on SQLite, on PostgreSQL with ``KPI_TEST_PG_URL`` and on MariaDB with ``KPI_TEST_MYSQL_URL``.
"""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from sqlalchemy import select

import workflows
from db import repository as repo
from db.engine import unit_of_work
from db.models import DataSource, ImportBatch, Observation, ReplacedObservation, Workspace
from db.observations import covered_runs
from kpi_core.ingest.pipeline import parse_file


@pytest.fixture
def engine(engine_every_backend):
    """SQLite, PostgreSQL and MariaDB, as the environment offers."""
    return engine_every_backend


TODAY = dt.date(2026, 12, 1)  # the day the files are read on, fixed so the suite passes on any day
YEAR = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(366)]  # 2024 is a leap year


def daily_csv(days: list[dt.date], sessions: int = 100, orders: int = 5) -> bytes:
    """A generic daily export as people save it from a spreadsheet (FORMATS.md): Russian headers,
    ';' and DD.MM.YYYY; the day of the month is added to each value so that every row differs."""
    lines = ["Дата;Визиты;Заказы"] + [f"{d:%d.%m.%Y};{sessions + d.day};{orders + d.day % 3}" for d in days]
    return ("\n".join(lines) + "\n").encode("utf-8")


def store(session, ws_id: int, data: bytes, replace: bool = False) -> repo.ImportResult:
    """Parse as the app does and store as source "shop" (the page's and the CLI's path, with ``replace``)."""
    parsed = parse_file(data, "shop.csv", today=TODAY)
    return repo.store_observations(
        session,
        ws_id,
        "shop",
        parsed.observations,
        file_name="shop.csv",
        file_hash=str(hash(data)),
        rows_read=parsed.rows_read,
        preset=parsed.inspection.source,
        grain=parsed.inspection.grain,
        replace=replace,
    )


def stored(engine) -> list[tuple]:
    with unit_of_work(engine) as s:
        return sorted(
            s.execute(
                select(
                    Observation.date, Observation.measure, Observation.channel, Observation.value, Observation.batch_id
                )
            ).all()
        )


def everything(engine) -> dict:
    """Every row an import touches, to compare before and after a refused import."""
    observations = stored(engine)
    with unit_of_work(engine) as s:
        return {
            "observations": observations,
            "replaced": sorted(
                s.execute(
                    select(ReplacedObservation.batch_id, ReplacedObservation.date, ReplacedObservation.measure)
                ).all()
            ),
            "batches": sorted(s.execute(select(ImportBatch.id, ImportBatch.file_name, ImportBatch.undone_at)).all()),
            "sources": sorted(s.execute(select(DataSource.id, DataSource.grain, DataSource.mapping_json)).all()),
            "versions": sorted(s.execute(select(Workspace.id, Workspace.data_version)).all()),
        }


@pytest.fixture
def year_2024(engine) -> int:
    """A workspace with source "shop" holding every day of 2024: sessions and orders, 732 values."""
    with unit_of_work(engine) as s:
        ws_id = repo.create_workspace(s, "Shop").id
        first = workflows.import_parsed(s, ws_id, parse_file(daily_csv(YEAR), "shop.csv", today=TODAY), "shop.csv", "a")
    assert (first.observations_written, first.date_min, first.date_max) == (732, YEAR[0], YEAR[-1])
    return ws_id


def test_a_stray_1900_date_in_a_reimport_keeps_2024(engine, year_2024):
    data = "Дата;Визиты;Заказы\n01.01.2025;120;4\n01.01.1900;7;1\n".encode()
    parsed = parse_file(data, "shop.csv", today=TODAY)
    assert parsed.suspicious == [(3, "date 1900-01-01 is over a year from the other dates: not imported")]
    assert (parsed.inspection.date_min, parsed.inspection.date_max) == ("2025-01-01", "2025-01-01")
    with unit_of_work(engine) as s:
        result = workflows.import_parsed(s, year_2024, parsed, "shop.csv", "b")
        assert repo.observation_count(s, year_2024) == 734
    assert (result.observations_written, result.observations_replaced) == (2, 0)
    rows = stored(engine)
    assert len([r for r in rows if r[0].year == 2024]) == 732
    assert not [r for r in rows if r[0].year == 1900]
    assert [(r[0], r[1], r[3]) for r in rows if r[0].year == 2025] == [
        (dt.date(2025, 1, 1), "orders", 4.0),
        (dt.date(2025, 1, 1), "sessions", 120.0),
    ]


def test_a_reimport_replaces_only_the_ranges_its_file_covers(engine, year_2024):
    before = stored(engine)
    jan_jun = [d for d in YEAR if d.month in (1, 6)]
    with unit_of_work(engine) as s:
        result = store(s, year_2024, daily_csv(jan_jun, sessions=1000, orders=50))
    assert (result.observations_written, result.observations_replaced) == (122, 122)
    after = stored(engine)
    untouched = [r for r in before if r[0].month not in (1, 6)]
    assert [r for r in after if r[0].month not in (1, 6)] == untouched  # February to May and July on: as they were
    assert len(untouched) == 732 - 122
    assert {r[4] for r in after if r[0].month in (1, 6)} == {result.batch_id}
    assert {r[3] for r in after if r[0].month in (1, 6) and r[1] == "sessions"} == {1000.0 + d for d in range(1, 32)}


def test_a_gap_of_a_month_is_covered_and_a_longer_one_is_not(engine, year_2024):
    # 1 March and 1 April (31 days apart) are one range; 3 May is 32 days on: a range of its own
    days = [dt.date(2024, 3, 1), dt.date(2024, 4, 1), dt.date(2024, 5, 3)]
    with unit_of_work(engine) as s:
        result = store(s, year_2024, daily_csv(days), replace=True)
    assert result.observations_replaced == (32 + 1) * 2
    assert len(stored(engine)) == 732 - 66 + 6
    assert covered_runs(days) == [(days[0], days[1]), (days[2], days[2])]
    assert covered_runs([dt.date(2024, 1, 1), dt.date(2024, 2, 5)], "week") == [
        (dt.date(2024, 1, 1), dt.date(2024, 2, 5))
    ]
    assert len(covered_runs([dt.date(2024, 1, 1), dt.date(2024, 2, 12)], "week")) == 2
    assert len(covered_runs([dt.date(2024, 1, 1), dt.date(2024, 3, 1)], "month")) == 1
    assert len(covered_runs([dt.date(2024, 1, 1), dt.date(2024, 4, 1)], "month")) == 2


def test_weekly_rows_over_daily_history_need_replace(engine, year_2024):
    # the Mondays of 2024 (1 January to 30 December): 53 weeks, 106 values over 730 daily ones
    mondays = YEAR[::7]
    weekly = daily_csv(mondays, sessions=700, orders=35)
    assert parse_file(weekly, "shop.csv", today=TODAY).inspection.grain == "week"
    before = everything(engine)
    with pytest.raises(repo.LargeReplacementError) as refused, unit_of_work(engine) as s:
        workflows.import_file(s, year_2024, weekly, "shop.csv", "shop")
    assert (refused.value.removes, refused.value.brings) == (730, 106)
    assert isinstance(refused.value, ValueError) and "--replace" in str(refused.value)
    assert str(refused.value).count(".") == 1  # one sentence
    assert everything(engine) == before
    # refused inside a unit of work the caller goes on with: nothing of the import was written either
    with unit_of_work(engine) as s:
        with pytest.raises(repo.LargeReplacementError):
            store(s, year_2024, weekly)
        assert repo.observation_count(s, year_2024) == 732
    assert everything(engine) == before
    with unit_of_work(engine) as s:
        result = store(s, year_2024, weekly, replace=True)
    assert (result.observations_written, result.observations_replaced) == (106, 730)
    rows = stored(engine)
    assert len(rows) == 106 + 2 and [r[0] for r in rows[-2:]] == [dt.date(2024, 12, 31)] * 2


def test_a_few_days_inside_a_dense_range_need_replace(engine, year_2024):
    # 1, 15 and 31 January are one range of 31 days: 62 values would go for 6
    days = [dt.date(2024, 1, 1), dt.date(2024, 1, 15), dt.date(2024, 1, 31)]
    before = everything(engine)
    with (
        pytest.raises(repo.LargeReplacementError, match="remove 62 stored values and bring only 6"),
        unit_of_work(engine) as s,
    ):
        store(s, year_2024, daily_csv(days))
    assert everything(engine) == before
    # exactly twice is still allowed: 2 and 5 January bring 4 values and replace the 8 of 2 to 5 January
    with unit_of_work(engine) as s:
        assert store(s, year_2024, daily_csv([dt.date(2024, 1, 2), dt.date(2024, 1, 5)])).observations_replaced == 8


def test_the_refusal_carries_its_counts_through_pickling():
    error = pickle.loads(pickle.dumps(repo.LargeReplacementError(730, 106)))
    assert (error.removes, error.brings) == (730, 106) and "730" in str(error)


def test_a_new_source_is_never_refused(engine, year_2024):
    # named: a file with the same columns and no name of its own goes to the source that has them
    with unit_of_work(engine) as s:
        result = workflows.import_file(s, year_2024, daily_csv(YEAR[::7]), "other.csv", "other")
    assert (result.observations_written, result.observations_replaced) == (106, 0)


def test_undo_after_a_reimport_of_three_ranges_restores_the_exact_rows(engine, year_2024):
    before = everything(engine)
    days = [d for d in YEAR if d.month in (1, 6, 10)]
    with unit_of_work(engine) as s:
        second = store(s, year_2024, daily_csv(days, sessions=5000, orders=1))
        assert len(covered_runs(days)) == 3
    assert second.observations_replaced == second.observations_written == (31 + 30 + 31) * 2
    with unit_of_work(engine) as s:
        kept = s.scalar(select(ReplacedObservation.id).where(ReplacedObservation.batch_id == second.batch_id).limit(1))
        assert kept is not None  # the replaced rows wait for an undo
        repo.undo_batch(s, second.batch_id)
    after = everything(engine)
    assert after["observations"] == before["observations"]  # values and their original import, every one
    assert after["replaced"] == []
    with unit_of_work(engine) as s:
        assert repo.observation_count(s, year_2024) == 732
