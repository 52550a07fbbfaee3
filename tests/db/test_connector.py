"""The SQL connector against a real SQLite file, and PostgreSQL and MariaDB when their URLs are set."""

from __future__ import annotations

import os
import sqlite3

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from connectors.sql import check_query, read_query
from kpi_core.ingest import IngestError
from kpi_core.ingest.pipeline import parse_cells
from tests.db.readers import mysql_reader_url, pg_reader_url

PG_URL = os.environ.get("KPI_TEST_PG_URL")
MYSQL_URL = os.environ.get("KPI_TEST_MYSQL_URL")


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    with sqlite3.connect(folder / "shop.db") as conn:
        conn.execute("create table daily (day text, sessions integer, orders integer, revenue real)")
        conn.executemany(
            "insert into daily values (?, ?, ?, ?)",
            [(f"2026-03-{d:02d}", 100 + d, d % 3, 1000.5 * (d % 3)) for d in range(1, 11)],
        )
    return folder


def sqlite_url(folder, name="shop.db"):
    return f"sqlite:///{folder / name}"


def test_select_from_sqlite_becomes_observations(data_dir):
    cells = read_query(
        sqlite_url(data_dir), "SELECT day AS date, sessions, orders, revenue FROM daily", data_dir=data_dir
    )
    parsed = parse_cells(cells, "shop query")
    # sessions 101..110, orders d % 3 over d = 1..10 (1+2+0)*3 + 1, revenue 1000.5 × orders
    assert parsed.inspection.totals == {"sessions": 1055.0, "orders": 10.0, "revenue": 10005.0}
    assert parsed.inspection.date_min == "2026-03-01" and parsed.inspection.rows == 10


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("DELETE FROM daily", "connect.not_select"),
        ("SELECT 1; DELETE FROM daily", "connect.one_statement"),
        ("SELECT 1; SELECT 2", "connect.one_statement"),
        ("PRAGMA table_info(daily)", "connect.not_select"),
        ("ATTACH DATABASE '/tmp/x.db' AS x", "connect.not_select"),
        ("UPDATE daily SET sessions = 0", "connect.not_select"),
        ("DROP TABLE daily", "connect.not_select"),
        ("SELECT * INTO copy FROM daily", "connect.not_select"),
        ("CREATE TABLE x AS SELECT * FROM daily", "connect.not_select"),
        ("", "connect.one_statement"),
    ],
)
def test_anything_but_one_select_is_refused(data_dir, query, key):
    with pytest.raises(IngestError) as caught:
        read_query(sqlite_url(data_dir), query, data_dir=data_dir)
    assert caught.value.key == key
    with sqlite3.connect(data_dir / "shop.db") as conn:
        assert conn.execute("select count(*), sum(sessions) from daily").fetchone() == (10, 1055)


def test_sqlite_files_outside_the_data_folder_are_refused(data_dir, tmp_path):
    outside = tmp_path / "other.db"
    sqlite3.connect(outside).close()
    for url in (f"sqlite:///{outside}", "sqlite://", "sqlite:///:memory:", f"sqlite:///{data_dir}/../other.db"):
        with pytest.raises(IngestError) as caught:
            read_query(url, "SELECT 1", data_dir=data_dir)
        assert caught.value.key == "connect.sqlite_outside"


def test_sqlite_is_read_only_and_attach_is_denied(data_dir):
    # a write hidden in a CTE passes a naive check but the read-only connection refuses it
    with pytest.raises(IngestError):
        read_query(sqlite_url(data_dir), "WITH x AS (SELECT 1) SELECT load_extension('evil')", data_dir=data_dir)
    with sqlite3.connect(data_dir / "shop.db") as conn:
        assert conn.execute("select count(*) from daily").fetchone() == (10,)


def test_timeout_and_row_cap(data_dir):
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    with pytest.raises(IngestError) as caught:
        read_query(sqlite_url(data_dir), endless, timeout=0.5, data_dir=data_dir)
    assert caught.value.key == "connect.timeout"
    with pytest.raises(IngestError) as caught:
        read_query(sqlite_url(data_dir), "SELECT * FROM daily", row_cap=5, data_dir=data_dir)
    assert caught.value.key == "connect.too_many_rows"


@pytest.mark.parametrize("url", ["oracle://scott:tiger@db/orcl", "mssql+pyodbc://u:p@dsn", "duckdb:///x.db"])
def test_drivers_outside_the_allow_list(url, data_dir):
    with pytest.raises(IngestError) as caught:
        read_query(url, "SELECT 1", data_dir=data_dir)
    assert caught.value.key == "connect.driver" and "tiger" not in str(caught.value)


def test_credentials_never_appear_in_errors():
    with pytest.raises(IngestError) as caught:
        read_query("postgresql+psycopg://admin:s3cret-pass@127.0.0.1:1/nowhere", "SELECT 1", timeout=2)
    assert caught.value.key == "connect.failed"
    assert "s3cret" not in str(caught.value) and "admin" not in str(caught.value)


def test_parser_accepts_union_and_with():
    assert (
        check_query("WITH a AS (SELECT 1 AS x) SELECT x FROM a;", "postgresql")
        == "WITH a AS (SELECT 1 AS x) SELECT x FROM a"
    )
    assert check_query("SELECT 1 UNION ALL SELECT 2", "mysql")
    with pytest.raises(IngestError):
        check_query("SELECT * FROM t FOR UPDATE", "postgresql")


@pytest.mark.skipif(not PG_URL, reason="KPI_TEST_PG_URL is not set (CI sets it when PostgreSQL answers)")
def test_postgresql_read_only_timeout_and_result():
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS kpi_connector_daily"))
        conn.execute(text("DROP SEQUENCE IF EXISTS kpi_connector_seq"))
        conn.execute(text("CREATE TABLE kpi_connector_daily (day date, orders int)"))
        conn.execute(text("CREATE SEQUENCE kpi_connector_seq"))
        # the reader may use the sequence: what stops nextval must be the read-only transaction
        reader = make_url(pg_reader_url()).username
        conn.execute(text(f"GRANT USAGE, UPDATE ON SEQUENCE kpi_connector_seq TO {reader}"))
        conn.execute(text(f"GRANT DELETE ON kpi_connector_daily TO {reader}"))
        conn.execute(text("INSERT INTO kpi_connector_daily VALUES ('2026-03-01', 3), ('2026-03-02', 4)"))
    try:
        cells = read_query(pg_reader_url(), "SELECT day AS date, orders FROM kpi_connector_daily ORDER BY day")
        assert parse_cells(cells, "pg").inspection.totals == {"orders": 7.0}
        for writing in (
            "SELECT nextval('kpi_connector_seq')",
            "WITH gone AS (DELETE FROM kpi_connector_daily RETURNING *) SELECT * FROM gone",
        ):
            with pytest.raises(IngestError) as caught:
                read_query(pg_reader_url(), writing)
            assert caught.value.key in ("connect.read_only", "connect.not_select")
        with pytest.raises(IngestError) as caught:
            read_query(pg_reader_url(), "SELECT pg_sleep(3)", timeout=0.5)
        assert caught.value.key == "connect.timeout"
        with admin.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM kpi_connector_daily")).scalar() == 2
    finally:
        with admin.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS kpi_connector_daily"))
            conn.execute(text("DROP SEQUENCE IF EXISTS kpi_connector_seq"))
        admin.dispose()


@pytest.mark.skipif(not MYSQL_URL, reason="KPI_TEST_MYSQL_URL is not set (CI sets it when MariaDB answers)")
def test_mariadb_read_only_timeout_and_result():
    admin = create_engine(MYSQL_URL)
    with admin.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS kpi_connector_daily"))
        conn.execute(text("DROP FUNCTION IF EXISTS kpi_connector_write"))
        conn.execute(text("CREATE TABLE kpi_connector_daily (day date, orders int)"))
        conn.execute(text("INSERT INTO kpi_connector_daily VALUES ('2026-03-01', 3), ('2026-03-02', 4)"))
        conn.execute(
            text(
                "CREATE FUNCTION kpi_connector_write() RETURNS INT MODIFIES SQL DATA "
                "BEGIN INSERT INTO kpi_connector_daily VALUES ('2026-03-03', 99); RETURN 1; END"
            )
        )
    try:
        cells = read_query(mysql_reader_url(), "SELECT day AS date, orders FROM kpi_connector_daily ORDER BY day")
        assert parse_cells(cells, "maria").inspection.totals == {"orders": 7.0}
        with pytest.raises(IngestError) as caught:
            read_query(mysql_reader_url(), "SELECT kpi_connector_write()")
        assert caught.value.key == "connect.read_only"
        with pytest.raises(IngestError) as caught:
            read_query(mysql_reader_url(), "SELECT SLEEP(3) AS waited", timeout=0.5)
        assert caught.value.key == "connect.timeout"
        with admin.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM kpi_connector_daily")).scalar() == 2
    finally:
        with admin.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS kpi_connector_daily"))
            conn.execute(text("DROP FUNCTION IF EXISTS kpi_connector_write"))
        admin.dispose()
