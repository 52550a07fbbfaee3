"""Read-only accounts on the test servers: what a user should give the SQL connector (it refuses
superusers). Created once per run, idempotently, from the admin URLs CI sets."""

from __future__ import annotations

import functools
import os

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("KPI_TEST_PG_URL")
MYSQL_URL = os.environ.get("KPI_TEST_MYSQL_URL")
READER, PASSWORD = "kpi_reader", "reader-Pw-1"


@functools.cache
def pg_reader_url() -> str:
    """A PostgreSQL login that may read every table (pg_read_all_data) and nothing more."""
    assert PG_URL
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": READER}).first() is None:
            conn.execute(text(f"CREATE ROLE {READER} LOGIN PASSWORD '{PASSWORD}' NOSUPERUSER"))
        conn.execute(text(f"GRANT pg_read_all_data TO {READER}"))
    admin.dispose()
    return make_url(PG_URL).set(username=READER, password=PASSWORD).render_as_string(hide_password=False)


@functools.cache
def mysql_reader_url() -> str:
    """A MariaDB/MySQL account with SELECT and EXECUTE on the test database only."""
    assert MYSQL_URL
    url = make_url(MYSQL_URL)
    admin = create_engine(MYSQL_URL)
    with admin.begin() as conn:
        for host in ("127.0.0.1", "localhost", "%"):
            conn.execute(text(f"CREATE USER IF NOT EXISTS '{READER}'@'{host}' IDENTIFIED BY '{PASSWORD}'"))
            conn.execute(text(f"GRANT SELECT, EXECUTE ON `{url.database}`.* TO '{READER}'@'{host}'"))
    admin.dispose()
    return url.set(username=READER, password=PASSWORD).render_as_string(hide_password=False)
