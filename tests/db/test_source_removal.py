"""Removing a source: a header-only file once made an empty source that could not be deleted, and a
wrong export's source stayed in every total. A source now goes with its data in one step, the
import history lists the removal, and undoing it brings back exactly the rows that were there, on
SQLite, PostgreSQL and MariaDB.

The shop: a Direct report-wizard month (leads, spend 27 450.75) and an amoCRM deals export (leads);
Direct is read for leads (it came first) until Settings says otherwise.
"""

from __future__ import annotations

import pandas as pd
import pytest

import workflows
from db import repository as repo
from db.engine import unit_of_work
from db.errors import NotFoundError
from tests.fixtures.layouts import all_cases

CASES = {c.name: c for c in all_cases()}
CRM, DIRECT = CASES["amocrm_repeated_row_without_id"], CASES["direct_wizard_month_xlsx"]


@pytest.fixture
def engine(engine_every_backend):
    return engine_every_backend


@pytest.fixture
def shop(engine) -> int:
    with unit_of_work(engine) as s:
        ws = repo.create_workspace(s, "Shop").id
        workflows.import_file(s, ws, DIRECT.data, DIRECT.file_name, "direct")
        workflows.import_file(s, ws, CRM.data, CRM.file_name, "crm")
    return ws


def _rows(engine, ws: int) -> pd.DataFrame:
    with unit_of_work(engine) as s:
        frame = repo.load_observations(s, ws)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def _source_id(engine, ws: int, name: str) -> int:
    with unit_of_work(engine) as s:
        return next(i for i, n, _ in workflows.sources_with_data(s, ws) if n == name)


def test_removing_a_source_takes_its_rows_and_undo_brings_them_back(engine, shop):
    before = _rows(engine, shop)
    crm_rows = int((before["source_id"] == _source_id(engine, shop, "crm")).sum())
    assert crm_rows > 0
    with unit_of_work(engine) as s:
        version = repo.get_workspace(s, shop).data_version
        crm = _source_id(engine, shop, "crm")
        workflows.remove_source(s, shop, crm)
    after = _rows(engine, shop)
    assert len(after) == len(before) - crm_rows and crm not in set(after["source_id"])
    with unit_of_work(engine) as s:
        assert [n for _, n, _ in workflows.sources_with_data(s, shop)] == ["direct"]
        assert [n for n, _ in repo.source_freshness(s, shop)] == ["direct"]
        assert repo.get_workspace(s, shop).data_version > version  # every cache sees the change
        history = workflows.import_history(s, shop)
        removal = history[0]
        assert (removal.removal, removal.file_name, removal.undone_at) == (True, "crm", None)
        assert removal.id in workflows.undoable_batches(history)
        assert workflows.data_quality(s, shop)["imports"] == 1  # the removed source's import no longer counts
        workflows.undo_import(s, removal.id)
    pd.testing.assert_frame_equal(_rows(engine, shop), before)
    with unit_of_work(engine) as s:
        assert [n for _, n, _ in workflows.sources_with_data(s, shop)] == ["direct", "crm"]


def test_a_measure_read_from_the_removed_source_goes_back_to_the_default(engine, shop):
    crm = _source_id(engine, shop, "crm")
    with unit_of_work(engine) as s:
        repo.choose_measure_source(s, shop, "leads", crm)
        workflows.remove_source(s, shop, crm)
    with unit_of_work(engine) as s:
        assert repo.preferred_sources(s, shop) == {}
        frame = workflows.workspace_observations(s, shop)
    assert frame.loc[frame["measure"] == "leads", "value"].sum() > 0  # Direct's leads, not nothing


def test_a_source_of_another_workspace_cannot_be_removed(engine, shop):
    crm = _source_id(engine, shop, "crm")
    before = _rows(engine, shop)
    with unit_of_work(engine) as s:
        other = repo.create_workspace(s, "Other").id
    with pytest.raises(NotFoundError), unit_of_work(engine) as s:
        workflows.remove_source(s, other, crm)
    pd.testing.assert_frame_equal(_rows(engine, shop), before)


def test_a_source_imported_again_after_its_removal_holds_the_new_rows_only(engine, shop):
    crm = _source_id(engine, shop, "crm")
    with unit_of_work(engine) as s:
        workflows.remove_source(s, shop, crm)
        workflows.import_file(s, shop, CRM.data, CRM.file_name, "crm")
    with unit_of_work(engine) as s:
        frame = workflows.workspace_observations(s, shop)
        history = workflows.import_history(s, shop)
    assert [b.removal for b in history] == [False, True, False, False]
    assert history[1].id not in workflows.undoable_batches(history)  # the new import is undone first
    assert (frame["source_id"] == crm).sum() > 0
