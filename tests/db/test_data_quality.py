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


def _spend(engine, ws: int) -> float:
    with unit_of_work(engine) as s:
        frame = workflows.workspace_observations(s, ws)
    return round(float(frame.loc[frame["measure"] == "spend", "value"].sum()), 2)


def test_two_ad_platforms_spend_is_added_and_not_listed_as_a_choice(engine, shop):
    """Direct's March (27 450.75) and a Google Ads January (70 000): two budgets, not one twice."""
    ads = CASES["google_ads_campaigns_ru_leads"]
    with unit_of_work(engine) as s:
        workflows.import_file(s, shop, ads.data, ads.file_name, "google", mapping={"Конверсии": "leads"})
    assert _spend(engine, shop) == 27450.75 + 70000
    with unit_of_work(engine) as s:
        shared = [m["measure"] for m in workflows.data_quality(s, shop)["shared_measures"]]
    assert "spend" not in shared and "leads" in shared


def test_a_sheet_of_ad_spend_is_read_instead_of_the_platforms_or_they_instead_of_it(engine, shop):
    sheet = "Дата;Расход, руб.\n01.03.2026;1000\n02.03.2026;500\n".encode()
    with unit_of_work(engine) as s:
        workflows.import_file(s, shop, sheet, "budget.csv", "budget")
    assert _spend(engine, shop) == 27450.75  # Direct came first: the sheet (maybe the same money) is not added
    with unit_of_work(engine) as s:
        [row] = [r for r in workflows.data_quality(s, shop)["shared_measures"] if r["measure"] == "spend"]
        assert row == {"measure": "spend", "sources": ["direct", "budget"], "in_use": "direct"}
        budget = repo.get_or_create_source(s, shop, "budget").id
        repo.choose_measure_source(s, shop, "spend", budget)
    assert _spend(engine, shop) == 1500
