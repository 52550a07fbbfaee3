"""Alembic environment: uses the engine handed over by db.engine, or KPI_DB_URL / data/kpi.db."""

from alembic import context

from db.engine import make_engine
from db.models import Base

config = context.config
target_metadata = Base.metadata


def _migrate(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()


def run_migrations_online() -> None:
    # db.engine.upgrade hands over the connection that holds the migration lock, when there is one
    locked = config.attributes.get("connection")
    if locked is not None:
        _migrate(locked)
        return
    engine = config.attributes.get("engine") or make_engine()
    with engine.connect() as connection:
        _migrate(connection)


run_migrations_online()
