"""The workspace's data quality (the Data page's summary): the reports of the imports whose rows it
holds, added up, and the measures two sources provide. SQLite always, PostgreSQL with
``KPI_TEST_PG_URL``.

The files: amoCRM deals whose last row repeats a deal without its ID (5 rows read, 1 duplicate,
1 deal without a source: score 80) and a Direct report-wizard month (4 rows read, its «Итого» row
dropped: score 100). Both give leads. Weighted by rows: (80 × 5 + 100 × 4) / 9 = 88.9 → 89.
"""

from __future__ import annotations

import pytest

import workflows
from db import repository as repo
from db.engine import unit_of_work
from tests.fixtures.layouts import all_cases

CASES = {c.name: c for c in all_cases()}
CRM, DIRECT = CASES["amocrm_repeated_row_without_id"], CASES["direct_wizard_month_xlsx"]


def _import(engine, ws: int, case, source: str):
    with unit_of_work(engine) as s:
        return workflows.import_file(s, ws, case.data, case.file_name, source)


@pytest.fixture
def shop(engine) -> int:
    with unit_of_work(engine) as s:
        ws = repo.create_workspace(s, "Shop").id
    _import(engine, ws, DIRECT, "direct")
    _import(engine, ws, CRM, "crm")
    return ws


def test_the_workspace_adds_up_its_imports_reports(engine, shop):
    with unit_of_work(engine) as s:
        found = workflows.data_quality(s, shop)
    assert found == {
        "score": 89,
        "imports": 2,
        "rows_read": 9,
        "summary_rows": 1,
        "duplicates": 1,
        "skipped": 0,
        "suspicious": 0,
        "uniques_summed": [],
        "unmapped_channels": {},
        "leads_without_source": 1,
        "shared_measures": [{"measure": "leads", "sources": ["direct", "crm"], "in_use": "direct"}],
    }


def test_an_undone_import_no_longer_counts(engine, shop):
    with unit_of_work(engine) as s:
        crm = next(b for b in workflows.import_history(s, shop) if b.file_name == CRM.file_name)
        workflows.undo_import(s, crm.id)
    with unit_of_work(engine) as s:
        found = workflows.data_quality(s, shop)
    assert (found["score"], found["imports"], found["duplicates"], found["shared_measures"]) == (100, 1, 0, [])


def test_an_import_wholly_replaced_by_a_later_one_no_longer_counts(engine, shop):
    _import(engine, shop, DIRECT, "direct")  # the same month again: the first import keeps no row
    with unit_of_work(engine) as s:
        found = workflows.data_quality(s, shop)
        history = workflows.import_history(s, shop)
    assert (found["imports"], found["rows_read"], found["summary_rows"]) == (2, 9, 1)
    assert [b.period for b in history] == [True, False, True]  # Direct's month has no day breakdown


def test_an_empty_workspace_has_nothing_to_report(engine):
    with unit_of_work(engine) as s:
        ws = repo.create_workspace(s, "Empty").id
        found = workflows.data_quality(s, ws)
    assert (found["score"], found["imports"], found["shared_measures"]) == (100, 0, [])
