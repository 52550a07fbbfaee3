"""Database fixtures: a real SQLite file always, and PostgreSQL too when KPI_TEST_PG_URL is set."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import inspect

from db.engine import downgrade, make_engine, upgrade

PG_URL = os.environ.get("KPI_TEST_PG_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def _reset(engine) -> None:
    if "alembic_version" in inspect(engine).get_table_names():
        downgrade(engine, "base")


@pytest.fixture(params=BACKENDS)
def empty_engine(request, tmp_path):
    """An engine on an empty database (no tables)."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path}/kpi.db")
    else:
        engine = make_engine(PG_URL)
        _reset(engine)
    yield engine
    if request.param == "postgresql":
        _reset(engine)
    engine.dispose()


@pytest.fixture
def engine(empty_engine):
    """An engine on a database migrated to head."""
    upgrade(empty_engine)
    return empty_engine


@pytest.fixture(autouse=True)
def loopback_allowed(monkeypatch):
    """The test servers listen on loopback, which connectors refuse unless the operator allows it:
    these tests are that operator. A test of the refusal removes the setting."""
    monkeypatch.setenv("KPI_CONNECT_ALLOW", "127.0.0.1")
