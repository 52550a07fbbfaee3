import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

import workflows
from db import repository as repo
from db.engine import unit_of_work
from db.models import ImportBatch, Observation, Workspace
from kpi_core.compute.series import kpi_series
from kpi_core.goals.spec import GoalKPISpec, GoalSpec
from kpi_core.ingest import IngestError

CSV = (
    "Дата;Визиты;Заказы;Выручка, руб.\n02.03.2026;100;10;1 000,00\n03.03.2026;900;9;9 000,00\nИтого;1000;19;10 000,00\n"
).encode("cp1251")


def snapshot(engine) -> dict:
    with unit_of_work(engine) as s:
        return {
            "observations": sorted(
                s.execute(select(Observation.date, Observation.measure, Observation.channel, Observation.value)).all()
            ),
            "batches": s.scalar(select(func.count()).select_from(ImportBatch)),
            "versions": sorted(s.execute(select(Workspace.name, Workspace.data_version)).all()),
        }


def test_import_twice_does_not_double_count(engine):
    with unit_of_work(engine) as s:
        ws_id = repo.create_workspace(s, "Shop").id
        first = workflows.import_file(s, ws_id, CSV, "shop.csv")
    assert (first.rows_read, first.rows_skipped, first.observations_written) == (3, 1, 6)
    with unit_of_work(engine) as s:
        second = workflows.import_file(s, ws_id, CSV, "shop.csv")
        obs = workflows.workspace_observations(s, ws_id)
    assert (second.observations_written, second.observations_replaced) == (6, 6)
    assert len(obs) == 6
    assert kpi_series(obs, "orders", "week").tolist() == [19.0]
    assert kpi_series(obs, "conversion_rate", "week").iloc[0] == pytest.approx(1.9)


def test_failed_import_leaves_database_unchanged(engine):
    with unit_of_work(engine) as s:
        ws_id = repo.create_workspace(s, "Shop").id
        workflows.import_file(s, ws_id, CSV, "shop.csv")
    before = snapshot(engine)
    bad = pd.DataFrame(
        {
            "date": [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-02")],
            "measure": ["sessions", "sessions"],
            "channel": ["all", "all"],
            "value": [5.0, 6.0],
        }
    )
    with pytest.raises(IntegrityError), unit_of_work(engine) as s:
        # the delete of the replaced rows runs first, then the insert fails on the duplicated row
        repo.store_observations(s, ws_id, "shop", bad, file_name="bad.csv", file_hash="x", rows_read=2)
    assert snapshot(engine) == before


def test_bad_file_changes_nothing(engine):
    with unit_of_work(engine) as s:
        ws_id = repo.create_workspace(s, "Shop").id
    before = snapshot(engine)
    with pytest.raises(IngestError, match="No header"), unit_of_work(engine) as s:
        workflows.import_file(s, ws_id, b"name,colour\nvase,blue\n", "notes.csv")
    assert snapshot(engine) == before


def test_unit_of_work_rolls_back_by_default(engine):
    with pytest.raises(RuntimeError), unit_of_work(engine) as s:
        repo.create_workspace(s, "Temp")
        raise RuntimeError("stop")
    with unit_of_work(engine) as s:
        assert repo.find_workspace(s, "Temp") is None


def test_goals_round_trip_and_target_revision(engine):
    spec = GoalSpec(
        "Grow sales",
        "sales",
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 31),
        "Anna",
        [
            GoalKPISpec("revenue", "change", 20.0, plan={"2026-01": 5.0}),
            GoalKPISpec("orders", "total", 300.0),
            GoalKPISpec("conversion_rate", "level", 2.5, minimum=2.0, stretch=3.0),
        ],
    )
    with unit_of_work(engine) as s:
        ws_id = repo.create_workspace(s, "Shop").id
        goal_id = repo.add_goal(s, ws_id, spec).id
    with unit_of_work(engine) as s:
        stored = repo.goal_spec(repo.get_goal(s, goal_id))
        assert stored == spec
        spec.kpis[1].target = 350.0
        repo.update_goal(s, goal_id, spec, who="Anna", why="Black Friday")
    with unit_of_work(engine) as s:
        assert repo.goal_spec(repo.get_goal(s, goal_id)).kpis[1].target == 350.0
        from db.models import TargetRevision

        revisions = s.execute(select(TargetRevision.old_target, TargetRevision.new_target, TargetRevision.why)).all()
        assert revisions == [(300.0, 350.0, "Black Friday")]


def test_revise_one_target_and_log_a_budget_move(engine):
    spec = GoalSpec(
        "Win customers", "sales", dt.date(2026, 1, 1), dt.date(2026, 3, 31), kpis=[GoalKPISpec("cac", "level", 1200.0)]
    )
    with unit_of_work(engine) as s:
        ws_id = repo.create_workspace(s, "Shop").id
        goal = repo.add_goal(s, ws_id, spec)
        kpi_row_id = goal.kpis[0].id
        action = repo.add_action(
            s, ws_id, dt.date(2026, 2, 1), "Budget move", kpi="revenue", channels=["paid_search", "paid_social"]
        )
        assert action.channels == "paid_search,paid_social"
    with pytest.raises(ValueError, match="who changes the target and why"), unit_of_work(engine) as s:
        repo.revise_target(s, kpi_row_id, 1100.0, "Anna", "  ")
    with unit_of_work(engine) as s:
        repo.revise_target(s, kpi_row_id, 1100.0, "Anna", "Ad prices rose")
    with unit_of_work(engine) as s:
        [(revision, row, stored_goal)] = repo.list_revisions(s, ws_id)
        assert (revision.old_target, revision.new_target, revision.who, revision.why) == (
            1200.0,
            1100.0,
            "Anna",
            "Ad prices rose",
        )
        assert row.target == 1100.0 and stored_goal.title == "Win customers"
        with pytest.raises(repo.NotFoundError):
            repo.revise_target(s, kpi_row_id + 99, 1.0, "Anna", "why")


def test_deleting_workspace_removes_its_rows(engine):
    with unit_of_work(engine) as s:
        ws_id = workflows.seed_demo(s, "Demo", dt.date(2026, 11, 27)).id
        assert repo.observation_count(s, ws_id) > 40_000
    with unit_of_work(engine) as s:
        repo.delete_workspace(s, ws_id)
    with unit_of_work(engine) as s:
        assert s.scalar(select(func.count()).select_from(Observation)) == 0


def test_demo_statuses_from_the_database(engine):
    with unit_of_work(engine) as s:
        ws_id = workflows.seed_demo(s, "Demo", dt.date(2026, 11, 27)).id
        rows = workflows.pace_workspace(s, ws_id, dt.date(2026, 11, 27))
        statuses = workflows.goal_statuses(rows)
    assert list(statuses.values()) == ["on_track", "at_risk", "off_track"]
    assert len(rows) == 9


def test_undo_puts_replaced_rows_back(engine):
    newer = CSV.replace(b"100;10", b"100;12")
    with unit_of_work(engine) as s:
        ws_id = repo.create_workspace(s, "Shop").id
        workflows.import_file(s, ws_id, CSV, "shop.csv")
    before = snapshot(engine)["observations"]
    with unit_of_work(engine) as s:
        second = workflows.import_file(s, ws_id, newer, "shop.csv")
        assert kpi_series(workflows.workspace_observations(s, ws_id), "orders", "week").tolist() == [21.0]
    with unit_of_work(engine) as s:
        repo.undo_batch(s, second.batch_id)
    assert snapshot(engine)["observations"] == before
    with unit_of_work(engine) as s:
        assert kpi_series(workflows.workspace_observations(s, ws_id), "orders", "week").tolist() == [19.0]
        with pytest.raises(repo.NotFoundError):
            repo.undo_batch(s, second.batch_id)


def test_only_the_newest_import_of_a_source_can_be_undone(engine):
    with unit_of_work(engine) as s:
        ws_id = repo.create_workspace(s, "Shop").id
        first = workflows.import_file(s, ws_id, CSV, "shop.csv")
        workflows.import_file(s, ws_id, CSV, "shop.csv")
    with pytest.raises(ValueError, match="newer import"), unit_of_work(engine) as s:
        repo.undo_batch(s, first.batch_id)


def test_remembered_mapping_by_signature(engine):
    with unit_of_work(engine) as s:
        ws_id = repo.create_workspace(s, "Shop").id
        result = workflows.import_file(s, ws_id, CSV, "shop.csv", mapping={"Заказы": None})
    with unit_of_work(engine) as s:
        source = repo.get_or_create_source(s, ws_id, result.source)
        found = repo.find_source_by_signature(s, ws_id, source.signature)
        assert found.id == source.id
        assert repo.source_mapping(found) == {"Визиты": "sessions", "Выручка, руб.": "revenue"}


def test_spend_with_vat_is_brought_to_spend_without_vat(engine):
    obs = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-03-02", "2026-03-02", "2026-03-02"]),
            "measure": ["spend", "new_customers", "revenue"],
            "channel": "paid_search",
            "value": [1220.0, 10.0, 5000.0],
        }
    )
    with unit_of_work(engine) as s:
        ws_id = repo.create_workspace(s, "Shop").id
        repo.store_observations(s, ws_id, "direct", obs, file_name="d.csv", file_hash="h", rows_read=3)
    with unit_of_work(engine) as s:
        as_imported = workflows.workspace_observations(s, ws_id)
        assert as_imported.loc[as_imported["measure"] == "spend", "value"].tolist() == [1220.0]
        version = repo.get_workspace(s, ws_id).data_version
        repo.update_workspace(s, ws_id, spend_includes_vat=True, vat_pct=22.0)
    with unit_of_work(engine) as s:
        assert repo.get_workspace(s, ws_id).data_version == version + 1  # cached pages recompute
        net = workflows.workspace_observations(s, ws_id)
        assert net.loc[net["measure"] == "spend", "value"].tolist() == [pytest.approx(1000.0)]
        assert net.loc[net["measure"] == "revenue", "value"].tolist() == [5000.0]
        cac = kpi_series(net, "cac", "day")
        assert cac.tolist() == [pytest.approx(100.0)]  # 1220 / 1.22 / 10


def test_editing_a_goal_keeps_its_target_revisions(engine):
    """A title edit, a re-ordering or a new KPI must not delete the history of a target."""
    spec = GoalSpec(
        "Win customers",
        "sales",
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 31),
        kpis=[GoalKPISpec("cac", "level", 1200.0), GoalKPISpec("orders", "total", 300.0, plan={"2026-01": 100.0})],
    )
    with unit_of_work(engine) as s:
        ws_id = repo.create_workspace(s, "Shop").id
        goal = repo.add_goal(s, ws_id, spec)
        goal_id, cac_row = goal.id, goal.kpis[0].id
    with unit_of_work(engine) as s:
        repo.revise_target(s, cac_row, 1100.0, "Anna", "Ad prices rose")
    with unit_of_work(engine) as s:
        edited = repo.goal_spec(repo.get_goal(s, goal_id))
        edited.title = "Win customers this quarter"
        edited.kpis = [edited.kpis[1], edited.kpis[0], GoalKPISpec("leads", "total", 900.0)]
        repo.update_goal(s, goal_id, edited)
    with unit_of_work(engine) as s:
        stored = repo.goal_spec(repo.get_goal(s, goal_id))
        assert stored.title == "Win customers this quarter"
        assert [(k.kpi, k.target, k.plan) for k in stored.kpis] == [
            ("orders", 300.0, {"2026-01": 100.0}),
            ("cac", 1100.0, {}),
            ("leads", 900.0, {}),
        ]
        history = [(r.old_target, r.new_target, r.who, r.why) for r, _, _ in repo.list_revisions(s, ws_id)]
        assert history == [(1200.0, 1100.0, "Anna", "Ad prices rose")]


def test_a_target_changed_in_a_goal_edit_needs_why_and_is_kept(engine):
    spec = GoalSpec(
        "Win customers",
        "sales",
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 31),
        kpis=[GoalKPISpec("orders", "total", 300.0)],
    )
    with unit_of_work(engine) as s:
        ws_id = repo.create_workspace(s, "Shop").id
        goal_id = repo.add_goal(s, ws_id, spec).id
    spec.kpis[0].target = 250.0
    with pytest.raises(ValueError, match="who changes the target and why"), unit_of_work(engine) as s:
        repo.update_goal(s, goal_id, spec, who="Oleg", why=" ")
    with unit_of_work(engine) as s:
        assert repo.goal_spec(repo.get_goal(s, goal_id)).kpis[0].target == 300.0  # nothing changed
        repo.update_goal(s, goal_id, spec, who="Oleg", why="Supplier delays")
    with unit_of_work(engine) as s:
        history = [(r.old_target, r.new_target, r.who, r.why) for r, _, _ in repo.list_revisions(s, ws_id)]
        assert history == [(300.0, 250.0, "Oleg", "Supplier delays")]
