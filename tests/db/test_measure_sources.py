"""Which source provides each measure (DESIGN §2, "one source per measure"): what Settings lists and
what a choice changes. Runs on SQLite, on PostgreSQL with ``KPI_TEST_PG_URL`` and on MariaDB with
``KPI_TEST_MYSQL_URL``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import func, select

import workflows
from db import repository as repo
from db.engine import unit_of_work
from db.models import MeasureSource, Workspace
from kpi_core.compute.series import select_measure_sources
from workspace_rows import SourceTotal, measure_source_rows


@pytest.fixture
def engine(engine_every_backend):
    """SQLite, PostgreSQL and MariaDB, as the environment offers."""
    return engine_every_backend


MARCH = [dt.date(2026, 3, day) for day in range(1, 32)]


def _store(session, ws: int, source: str, rows: list[tuple], preset: str = "generic", grain: str = "day"):
    """Store (date, measure, channel, value[, end]) rows as ``source``, the way an import does."""
    columns = ["date", "measure", "channel", "value", "end"][: len(rows[0])]
    frame = pd.DataFrame(rows, columns=columns)
    return repo.store_observations(
        session, ws, source, frame, file_name=f"{source}.csv", file_hash=source, rows_read=len(rows), preset=preset,
        grain=grain,
    )  # fmt: skip


def _shop(session) -> dict[str, int]:
    """A shop whose visits come from Metrica (1–10 March), GA4 (5–20 March) and a period report
    (all of April, no day breakdown); its orders from Metrica only. Another workspace has a source too.

    Metrica: organic 100 + day on days 1–10 (1 055) and direct 50 a day (500): 1 555 visits.
    GA4: 90 a day on 16 days: 1 440. The period report: 3 000 over 1–30 April.
    """
    ws = repo.create_workspace(session, "Shop").id
    metrica = [(d, "sessions", "organic", 100.0 + d.day) for d in MARCH[:10]]
    metrica += [(d, "sessions", "direct", 50.0) for d in MARCH[:10]]
    metrica += [(d, "orders", "all", 3.0) for d in MARCH[:10]]
    _store(session, ws, "metrica", metrica, preset="yandex_metrica")
    _store(session, ws, "ga4", [(d, "sessions", "all", 90.0) for d in MARCH[4:20]], preset="ga4")
    april = [(dt.date(2026, 4, 1), "sessions", "all", 3000.0, dt.date(2026, 4, 30))]
    _store(session, ws, "april report", april, grain="span")
    other = repo.create_workspace(session, "Other shop").id
    _store(session, other, "elsewhere", [(MARCH[0], "sessions", "all", 7.0)])
    ids = {source: repo.get_or_create_source(session, ws, source).id for source in ("metrica", "ga4", "april report")}
    return {"ws": ws, "other": repo.get_or_create_source(session, other, "elsewhere").id, **ids}


def _sessions_shown(session, ws: int) -> float:
    """The workspace's visits as every page reads them (one source per measure)."""
    frame = workflows.workspace_observations(session, ws)
    return float(frame.loc[frame["measure"] == "sessions", "value"].sum())


def _data_version(session, ws: int) -> int:
    return session.scalar(select(Workspace.data_version).where(Workspace.id == ws))


def test_only_measures_with_two_sources_are_listed_with_dates_and_totals(engine):
    with unit_of_work(engine) as s:
        ids = _shop(s)
    with unit_of_work(engine) as s:
        rows = measure_source_rows(s, ids["ws"])
    assert [row.measure for row in rows] == ["sessions"]  # orders come from Metrica alone
    (row,) = rows
    assert row.sources == (
        SourceTotal(ids["metrica"], "metrica", "file", "yandex_metrica", "Yandex.Metrica", MARCH[0], MARCH[9], 1555.0),
        SourceTotal(ids["ga4"], "ga4", "file", "ga4", "Google Analytics 4", MARCH[4], MARCH[19], 1440.0),
        SourceTotal(
            ids["april report"],
            "april report",
            "file",
            "generic",
            None,
            dt.date(2026, 4, 1),
            dt.date(2026, 4, 30),
            3000.0,
        ),
    )
    assert (row.in_use, row.chosen) == (ids["metrica"], False)  # the first that provided it
    with unit_of_work(engine) as s:
        assert _sessions_shown(s, ids["ws"]) == 1555.0
        assert measure_source_rows(s, ids["other"]) == []


def test_choosing_a_source_changes_what_the_workspace_shows(engine):
    with unit_of_work(engine) as s:
        ids = _shop(s)
        before = _data_version(s, ids["ws"])
    with unit_of_work(engine) as s:
        repo.choose_measure_source(s, ids["ws"], "sessions", ids["ga4"])
    with unit_of_work(engine) as s:
        assert _data_version(s, ids["ws"]) > before  # the cached observations are read again
        assert repo.preferred_sources(s, ids["ws"]) == {"sessions": ids["ga4"]}
        (row,) = measure_source_rows(s, ids["ws"])
        assert (row.in_use, row.chosen) == (ids["ga4"], True)
        kept = select_measure_sources(repo.load_observations(s, ids["ws"]), repo.preferred_sources(s, ids["ws"]))
        assert set(kept.loc[kept["measure"] == "sessions", "source_id"]) == {ids["ga4"]}
        assert set(kept.loc[kept["measure"] == "orders", "source_id"]) == {ids["metrica"]}
        assert _sessions_shown(s, ids["ws"]) == 1440.0 == row.source(ids["ga4"]).total
    # choosing again updates the one stored choice (an upsert, not a second row)
    with unit_of_work(engine) as s:
        repo.choose_measure_source(s, ids["ws"], "sessions", ids["april report"])
    with unit_of_work(engine) as s:
        assert s.scalar(select(func.count()).select_from(MeasureSource)) == 1
        assert _sessions_shown(s, ids["ws"]) == 3000.0
        before = _data_version(s, ids["ws"])
    with unit_of_work(engine) as s:
        repo.clear_measure_source(s, ids["ws"], "sessions")
    with unit_of_work(engine) as s:
        assert _data_version(s, ids["ws"]) > before
        assert repo.preferred_sources(s, ids["ws"]) == {}
        (row,) = measure_source_rows(s, ids["ws"])
        assert (row.in_use, row.chosen) == (ids["metrica"], False)
        assert _sessions_shown(s, ids["ws"]) == 1555.0


def test_a_chosen_source_that_no_longer_provides_the_measure_gives_way_to_the_first(engine):
    with unit_of_work(engine) as s:
        ids = _shop(s)
        repo.choose_measure_source(s, ids["ws"], "sessions", ids["ga4"])
    with unit_of_work(engine) as s:
        ga4_import = next(b for b in repo.list_batches(s, ids["ws"]) if b.source_id == ids["ga4"])
        workflows.undo_import(s, ga4_import.id)
    with unit_of_work(engine) as s:
        (row,) = measure_source_rows(s, ids["ws"])
        assert [source.id for source in row.sources] == [ids["metrica"], ids["april report"]]
        assert (row.in_use, row.chosen) == (ids["metrica"], False)  # as select_measure_sources reads it
        assert _sessions_shown(s, ids["ws"]) == 1555.0


@pytest.mark.parametrize(
    ("source", "measure"),
    [("other", "sessions"), ("ga4", "orders"), ("april report", "revenue"), (None, "sessions")],
    ids=["another workspace's source", "a source without that measure", "an unknown measure", "no such source"],
)
def test_choices_that_are_refused(engine, source, measure):
    with unit_of_work(engine) as s:
        ids = _shop(s)
        before = _data_version(s, ids["ws"])
    with pytest.raises(ValueError), unit_of_work(engine) as s:
        repo.choose_measure_source(s, ids["ws"], measure, ids[source] if source else 10_000)
    with unit_of_work(engine) as s:
        assert repo.preferred_sources(s, ids["ws"]) == {}
        assert _data_version(s, ids["ws"]) == before
        assert _sessions_shown(s, ids["ws"]) == 1555.0
