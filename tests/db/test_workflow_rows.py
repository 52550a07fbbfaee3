"""The typed rows workflows hands the pages: what they hold, read from a real database."""

import datetime as dt
import hashlib

import pandas as pd

import workflows
from db import repository as repo
from db.engine import unit_of_work
from kpi_core.goals.spec import GoalKPISpec, GoalSpec
from kpi_core.monitor.cards import target_band

DAY_1 = b"date,orders\n2026-03-02,3\n2026-03-03,4\n"
DAY_2 = b"date,orders\n2026-03-02,5\n"


def _goal() -> GoalSpec:
    kpis = [GoalKPISpec("orders", "total", 100.0), GoalKPISpec("conversion_rate", "level", 3.0, 2.5, 3.5)]
    return GoalSpec("More orders", "sales", dt.date(2026, 3, 1), dt.date(2026, 5, 31), kpis=kpis)


def test_import_history_newest_first_and_what_can_be_undone(engine):
    with unit_of_work(engine) as s:
        ws = repo.create_workspace(s, "Shop").id
        first = workflows.import_file(s, ws, DAY_1, "march.csv", source_name="crm")
        second = workflows.import_file(s, ws, DAY_2, "fix.csv", source_name="crm")
        other = workflows.import_file(s, ws, DAY_1, "shop.csv", source_name="shop")
    with unit_of_work(engine) as s:
        history = workflows.import_history(s, ws)
    assert [b.id for b in history] == [other.batch_id, second.batch_id, first.batch_id]
    assert (history[1].file_name, history[1].written, history[1].first, history[1].last) == (
        "fix.csv",
        1,
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 2),
    )
    # each source's newest import can be undone; an older one may have been replaced since
    assert workflows.undoable_batches(history) == {other.batch_id, second.batch_id}
    with unit_of_work(engine) as s:
        workflows.undo_import(s, second.batch_id)
    with unit_of_work(engine) as s:
        history = workflows.import_history(s, ws)
    assert workflows.undoable_batches(history) == {other.batch_id, first.batch_id}
    assert next(b for b in history if b.id == second.batch_id).undone_at is not None


def test_action_log_rows(engine):
    with unit_of_work(engine) as s:
        ws = repo.create_workspace(s, "Shop").id
        goal = repo.add_goal(s, ws, _goal())
        repo.add_action(
            s, ws, dt.date(2026, 3, 5), "New landing", goal_id=goal.id, kpi="orders", channels=["paid_search"]
        )
        repo.add_action(s, ws, dt.date(2026, 3, 9), "Spring sale")
        goal_id = goal.id
        repo.revise_target(s, goal.kpis[0].id, 120.0, "Anna", "The sale brings more")
    with unit_of_work(engine) as s:
        log = workflows.action_log(s, ws)
    assert log.goal_titles == {goal_id: "More orders"}
    assert [(r.kpi, r.kind, r.target) for r in log.goal_kpis.values()] == [
        ("orders", "total", 120.0),
        ("conversion_rate", "level", 3.0),
    ]
    [revision] = log.revisions
    assert (revision.goal, revision.kpi, revision.old_target, revision.new_target, revision.who) == (
        "More orders",
        "orders",
        100.0,
        120.0,
        "Anna",
    )
    newest, oldest = log.actions
    assert (newest.description, newest.goal_id, newest.goal, newest.kpi) == ("Spring sale", None, "", None)
    assert (oldest.goal, oldest.kpi, oldest.channels) == ("More orders", "orders", "paid_search")


def test_a_query_result_is_identified_by_all_its_cells():
    cells = pd.DataFrame([["date", "orders"], ["2026-03-02", 3]], dtype=object)
    changed = pd.DataFrame([["date", "orders"], ["2026-03-02", 4]], dtype=object)
    result = workflows.QueryResult.of(cells)
    assert workflows.content_hash(result) == hashlib.sha256(b"date,orders\n2026-03-02,3\n").hexdigest()
    assert workflows.content_hash(workflows.QueryResult.of(changed)) != result.digest
    assert workflows.content_hash(DAY_1) == hashlib.sha256(DAY_1).hexdigest()
    parsed = workflows.parse_query_result(cells, "query")
    assert parsed.observations["value"].tolist() == [3.0]
    assert parsed.inspection.sheet is None


def test_target_band_only_for_a_level_with_both_ends():
    minimum, stretch = GoalKPISpec("cac", "level", 900.0, 1000.0, 800.0), GoalKPISpec("orders", "total", 100.0)
    assert target_band(minimum) == (1000.0, 800.0)
    assert target_band(stretch) is None
    assert target_band(GoalKPISpec("cac", "level", 900.0, minimum=1000.0)) is None
