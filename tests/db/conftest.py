"""Database fixtures: a real SQLite file always, PostgreSQL too when KPI_TEST_PG_URL is set (and
MariaDB with KPI_TEST_MYSQL_URL for ``engine_every_backend``)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import inspect, text

from db.engine import downgrade, make_engine, upgrade
from db.models import Base

PG_URL = os.environ.get("KPI_TEST_PG_URL")
MYSQL_URL = os.environ.get("KPI_TEST_MYSQL_URL")
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


def _clear_mysql(engine) -> None:
    # MariaDB cannot run the migrations' downgrade (an index a foreign key needs), so drop the tables
    Base.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(params=BACKENDS + (["mariadb"] if MYSQL_URL else []))
def engine_every_backend(request, tmp_path):
    """A migrated database on each backend the environment offers, MariaDB too (a module takes it as
    its ``engine``)."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path}/kpi.db")
    elif request.param == "postgresql":
        engine = make_engine(PG_URL)
        _reset(engine)
    else:
        engine = make_engine(MYSQL_URL)
        _clear_mysql(engine)
    upgrade(engine)
    yield engine
    if request.param == "postgresql":
        _reset(engine)
    elif request.param == "mariadb" and "observations" in inspect(engine).get_table_names():
        _clear_mysql(engine)
    engine.dispose()
