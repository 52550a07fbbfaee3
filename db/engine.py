"""The engine factory: ``KPI_DB_URL`` or the SQLite file ``data/kpi.db``; migrations to head under a
lock; units of work retried when another process holds the database or won a race to create a row.
"""

from __future__ import annotations

import fcntl
import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session

import config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_KEY = 7_270_001  # the PostgreSQL advisory lock every process migrates under
RETRY_ATTEMPTS = 8
RETRY_FIRST_WAIT_S = 0.05

T = TypeVar("T")
log = logging.getLogger("kpi_pilot.db")


class DatabaseBusyError(RuntimeError):
    """The database stayed locked (or kept losing races) through every retry."""

    def __init__(self) -> None:
        super().__init__("the database is busy; try again")


def database_url(url: str | None = None) -> str:
    """The database to use: ``url``, else ``KPI_DB_URL``, else the SQLite file under data/."""
    chosen = url or config.database_url_setting()
    if chosen:
        return chosen
    config.DEFAULT_DB_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{config.DEFAULT_DB_PATH}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={config.SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """A new engine for ``url`` (see ``database_url``); SQLite gets WAL, a busy timeout, foreign keys."""
    resolved = database_url(url)
    if resolved.startswith("sqlite"):
        engine = create_engine(resolved, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(resolved, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration bound to ``engine`` (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


@contextmanager
def migration_lock(engine: Engine) -> Iterator[object | None]:
    """Hold the database's migration lock: one process migrates, the others wait and then find it done.

    PostgreSQL: a session advisory lock, held on the connection the migration runs on (yielded).
    MySQL/MariaDB: GET_LOCK on that connection. SQLite: an exclusive lock on a file beside the database.
    """
    backend = engine.url.get_backend_name()
    if backend == "sqlite":
        database = engine.url.database
        if not database or database == ":memory:":
            yield None
            return
        lock_path = Path(database).with_name(Path(database).name + ".migrate.lock")
        with open(lock_path, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield None
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    with engine.connect() as connection:
        if backend == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            release = text("SELECT pg_advisory_unlock(:key)")
        else:
            connection.execute(text("SELECT GET_LOCK('kpi_pilot_migrate', 600)"))
            release = text("SELECT RELEASE_LOCK('kpi_pilot_migrate')")
        connection.commit()
        try:
            yield connection
        finally:
            connection.rollback()
            connection.execute(release, {"key": MIGRATION_LOCK_KEY})
            connection.commit()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` (existing data is kept), once, under the migration lock."""
    with migration_lock(engine) as connection:
        before = current_revision(engine)
        alembic = alembic_config(engine)
        if connection is not None:
            alembic.attributes["connection"] = connection
        command.upgrade(alembic, revision)
        after = current_revision(engine)
    if after != before:
        where = engine.url.render_as_string(hide_password=True)
        log.info("database %s migrated from %s to %s", where, before or "an empty schema", after)


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None before the first)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def downgrade(engine: Engine, revision: str) -> None:
    """Revert migrations down to ``revision`` ("base" empties the schema)."""
    command.downgrade(alembic_config(engine), revision)


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """A session in one transaction: committed when the block ends, rolled back if it raises."""
    with Session(engine) as session, session.begin():
        yield session


def is_transient(error: BaseException) -> bool:
    """A failure another try can cure: a lock held elsewhere, a lost race for a unique key, a deadlock."""
    if not isinstance(error, DBAPIError):
        return False
    original = error.orig
    code = str(getattr(original, "sqlstate", None) or getattr(original, "pgcode", None) or "")
    if code in {"40001", "40P01", "55P03", "23505"}:  # serialization, deadlock, lock not available, unique
        return True
    number = original.args[0] if original is not None and original.args else None
    if number in {1205, 1213, 1062}:  # MySQL: lock wait timeout, deadlock, duplicate key
        return True
    message = str(original).lower()
    if isinstance(error, OperationalError):
        return "database is locked" in message or "database is busy" in message or "deadlock" in message
    return isinstance(error, IntegrityError) and "unique constraint failed" in message


def with_retries(engine: Engine, work: Callable[[Session], T], attempts: int = RETRY_ATTEMPTS) -> T:
    """Run ``work`` in one unit of work; when it fails for a transient reason, roll back and run it again.

    Waits grow from 50 ms, doubling, with jitter so racing processes spread out. After the last
    attempt the caller gets ``DatabaseBusyError`` (one sentence), never the driver's traceback.
    """
    wait = RETRY_FIRST_WAIT_S
    for attempt in range(attempts):
        try:
            with unit_of_work(engine) as session:
                return work(session)
        except DBAPIError as error:
            if not is_transient(error):
                raise
            if attempt == attempts - 1:
                raise DatabaseBusyError() from error
            time.sleep(wait * (1 + random.random()))  # jitter, so racing processes spread out
            wait *= 2
    raise DatabaseBusyError()


DATABASE_ERRORS = (ArgumentError, NoSuchModuleError, SQLAlchemyError)  # what database_problem describes


def database_problem(error: Exception, url: str | None) -> str:
    """One sentence about a database a command could not use (never its password)."""
    if isinstance(error, (ArgumentError, NoSuchModuleError)):
        return "--db is not a database URL like sqlite:///data/kpi.db or postgresql+psycopg://user@host/db"
    if isinstance(error, DataError):
        return "a value is too long or out of range for the database; shorten it and try again"
    try:
        where = make_url(url).render_as_string(hide_password=True) if url else "the configured database"
    except ArgumentError:
        where = "the configured database"
    return f"cannot use the database {where}; check that it is running and the URL is right"
