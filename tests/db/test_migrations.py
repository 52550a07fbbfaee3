from sqlalchemy import inspect, text

from db.engine import downgrade, upgrade

TABLES = {
    "workspaces",
    "goals",
    "goal_kpis",
    "goal_kpi_plans",
    "data_sources",
    "measure_sources",
    "import_batches",
    "observations",
    "actions",
    "target_revisions",
}


def test_upgrade_empty_database_to_head_and_back(empty_engine):
    upgrade(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert TABLES <= tables
    indexes = {ix["name"] for ix in inspect(empty_engine).get_indexes("observations")}
    assert "ix_observations_workspace_measure_date" in indexes
    downgrade(empty_engine, "base")
    assert set(inspect(empty_engine).get_table_names()) - {"alembic_version"} == set()
    upgrade(empty_engine)  # and up again on the emptied database
    assert TABLES <= set(inspect(empty_engine).get_table_names())


def test_sqlite_pragmas(tmp_path):
    from db.engine import make_engine

    engine = make_engine(f"sqlite:///{tmp_path}/p.db")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
