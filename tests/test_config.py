"""config.py: the settings module — the log set up once, a bad setting named in one sentence."""

import logging

import pytest

import config
import workflows
from db import repository as repo
from db.engine import make_engine, unit_of_work, upgrade


@pytest.fixture
def fresh_logger():
    logger = logging.getLogger(config.LOGGER)
    saved = (logger.handlers[:], logger.level, logger.propagate)
    logger.handlers.clear()
    yield logger
    logger.handlers[:], logger.level, logger.propagate = saved


def test_logging_is_configured_once(fresh_logger, monkeypatch):
    monkeypatch.delenv("KPI_LOG_LEVEL", raising=False)
    config.configure_logging("INFO")
    config.configure_logging("WARNING")  # a second call (the next script run) changes nothing
    assert len([h for h in fresh_logger.handlers if isinstance(h, config._AppHandler)]) == 1
    assert fresh_logger.level == logging.INFO


def test_log_level_setting(fresh_logger, monkeypatch):
    monkeypatch.setenv("KPI_LOG_LEVEL", "debug")
    config.configure_logging("WARNING")
    assert fresh_logger.level == logging.DEBUG


def test_a_bad_log_level_is_one_sentence(fresh_logger, monkeypatch):
    monkeypatch.setenv("KPI_LOG_LEVEL", "loud")
    with pytest.raises(config.SettingError, match="KPI_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR"):
        config.configure_logging()
    assert not any(isinstance(h, config._AppHandler) for h in fresh_logger.handlers)


def test_imports_undos_and_migrations_are_logged(tmp_path, caplog):
    engine = make_engine(f"sqlite:///{tmp_path / 'kpi.db'}")
    with caplog.at_level(logging.INFO, logger=config.LOGGER):
        upgrade(engine)
        with unit_of_work(engine) as s:
            workspace = repo.create_workspace(s, "Shop")
            result = workflows.import_file(s, workspace.id, b"date,orders\n2026-03-01,3\n", "shop.csv")
            workflows.undo_import(s, result.batch_id)
    lines = [r.getMessage() for r in caplog.records if r.name.startswith(config.LOGGER)]
    assert sum("migrated from an empty schema to " in line for line in lines) == 1
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=config.LOGGER):
        upgrade(engine)  # already at head: nothing to say
    assert not [r for r in caplog.records if "migrated" in r.getMessage()]
    assert any("shop.csv as source 'shop', 1 observations written, 0 replaced" in line for line in lines)
    assert any(f"import {result.batch_id} (shop.csv) undone" in line for line in lines)
    engine.dispose()


def test_the_data_folder_is_one_setting(monkeypatch):
    import connectors.sql
    import db.engine

    monkeypatch.delenv("KPI_DB_URL", raising=False)
    assert config.DATA_DIR == config.DEFAULT_DB_PATH.parent
    assert connectors.sql.CONNECT_DIR == config.CONNECT_DIR == config.DATA_DIR / "connect"
    assert db.engine.database_url(None) == f"sqlite:///{config.DEFAULT_DB_PATH}"
