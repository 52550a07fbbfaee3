"""The SQL connector attacked as a hostile user would (issue: connectors that cannot hurt the server).

Each test is a finding: a URL, a query or a file that reached more than one read-only SELECT.
The SQL ones run on a real SQLite file always, and on the real PostgreSQL and MariaDB servers
when their URLs are set.
"""

from __future__ import annotations

import os
import sqlite3

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import config
from connectors.sql import check_query, read_query
from kpi_core.ingest import IngestError
from tests.db.readers import mysql_reader_url, pg_reader_url

PG_URL = os.environ.get("KPI_TEST_PG_URL")
MYSQL_URL = os.environ.get("KPI_TEST_MYSQL_URL")
needs_pg = pytest.mark.skipif(not PG_URL, reason="KPI_TEST_PG_URL is not set (CI sets it when PostgreSQL answers)")
needs_mysql = pytest.mark.skipif(
    not MYSQL_URL, reason="KPI_TEST_MYSQL_URL is not set (CI sets it when MariaDB answers)"
)


def _with(url: str, **query: str) -> str:
    return make_url(url).update_query_dict(query).render_as_string(hide_password=False)


def server_reader(server: str) -> str:
    """The read-only account's URL on the test server of ``server``, or a skip when it is not set."""
    if not (PG_URL if server == "postgresql" else MYSQL_URL):
        pytest.skip(f"no {server} test server")
    return pg_reader_url() if server == "postgresql" else mysql_reader_url()


def _refused(url: str, query: str = "SELECT 1", **kwargs) -> IngestError:
    with pytest.raises(IngestError) as caught:
        read_query(url, query, timeout=5, **kwargs)
    return caught.value


# --- finding 1: a MySQL URL's query part went straight to PyMySQL -------------------------------


@needs_mysql
def test_mysql_init_command_in_the_url_is_refused():
    admin = create_engine(MYSQL_URL)
    with admin.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS kpi_pwned"))
    try:
        error = _refused(_with(mysql_reader_url(), init_command="CREATE TABLE kpi_pwned (x int)"))
        assert error.key == "connect.bad_param" and "init_command" in error.message("en")
        with admin.connect() as conn:
            assert conn.execute(text("SHOW TABLES LIKE 'kpi_pwned'")).first() is None
    finally:
        with admin.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS kpi_pwned"))
        admin.dispose()


@pytest.mark.parametrize(
    "query",
    [
        {"local_infile": "1"},
        {"client_flag": "65536"},
        {"unix_socket": "/run/mysqld/mysqld.sock"},
        {"read_default_file": "/etc/mysql/my.cnf"},
        {"charset": "nosuch"},
        {"connect_timeout": "abc"},
    ],
)
def test_mysql_url_settings_outside_the_allow_list_are_one_sentence(query):
    error = _refused(_with("mysql+pymysql://reader@db.example.com/shop", **query))
    assert error.key == "connect.bad_param"
    assert next(iter(query)) in error.message("en") and "charset" in error.message("en")


@pytest.mark.parametrize(
    "query",
    [{"options": "-c default_transaction_read_only=off"}, {"host": "/var/run/postgresql"}, {"sslmode": "maybe"}],
)
def test_postgresql_url_settings_outside_the_allow_list(query):
    assert _refused(_with("postgresql://reader@db.example.com/shop", **query)).key == "connect.bad_param"


@needs_mysql
def test_mysql_allowed_settings_still_connect():
    cells = read_query(_with(mysql_reader_url(), charset="utf8mb4", connect_timeout="5"), "SELECT 'Визиты' AS label")
    assert cells.iloc[1, 0] == "Визиты"


@needs_pg
def test_postgresql_allowed_settings_still_connect():
    cells = read_query(_with(pg_reader_url(), sslmode="disable", connect_timeout="5"), "SELECT 2 AS orders")
    assert cells.iloc[1, 0] == 2


# --- finding 3: MySQL executable comments and file functions -----------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT 1 /*! INTO OUTFILE '/tmp/kpi_out.csv' */",
        "SELECT 1 /*!50000 INTO DUMPFILE '/tmp/kpi_dump' */",
        "SELECT LOAD_FILE('/etc/passwd') AS secret",
        "SELECT sys_exec('id')",
    ],
)
def test_mysql_comments_that_run_and_file_functions_are_refused(query):
    with pytest.raises(IngestError) as caught:
        check_query(query, "mysql")
    assert caught.value.key in ("connect.executable_comment", "connect.denied_function")


@needs_mysql
def test_mysql_load_file_never_reaches_the_server():
    assert _refused(mysql_reader_url(), "SELECT LOAD_FILE('/etc/passwd') AS secret").key == "connect.denied_function"


# --- finding 4: PostgreSQL functions with side effects -----------------------------------------

PG_SIDE_EFFECTS = [
    "SELECT lo_from_bytea(0, 'x'::bytea)",
    "SELECT lo_import('/etc/passwd')",
    "SELECT lo_export(1, '/tmp/kpi_lo')",
    "SELECT lo_unlink(1)",
    "SELECT dblink_exec('dbname=test', 'DROP TABLE x')",
    "SELECT pg_terminate_backend(1)",
    "SELECT pg_cancel_backend(1)",
    "SELECT pg_reload_conf()",
    "SELECT pg_switch_wal()",
    "SELECT pg_notify('channel', 'payload')",
    "SELECT pg_advisory_lock(1)",
    "SELECT pg_read_file('/etc/passwd')",
    "SELECT pg_read_binary_file('/etc/passwd')",
    "SELECT pg_ls_dir('.')",
    "SELECT pg_stat_file('postgresql.conf')",
    "SELECT set_config('default_transaction_read_only', 'off', false)",
    "WITH x AS (SELECT 1) SELECT upper(pg_read_file('/etc/hostname')) FROM x",
]


@pytest.mark.parametrize("query", PG_SIDE_EFFECTS)
def test_postgresql_side_effect_functions_are_refused(query):
    with pytest.raises(IngestError) as caught:
        check_query(query, "postgresql")
    assert caught.value.key == "connect.denied_function"


@needs_pg
def test_postgresql_large_objects_are_not_created():
    admin = create_engine(PG_URL)
    with admin.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM pg_largeobject_metadata")).scalar()
    assert _refused(pg_reader_url(), "SELECT lo_from_bytea(0, 'x'::bytea)").key == "connect.denied_function"
    with admin.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pg_largeobject_metadata")).scalar() == before
    admin.dispose()


def test_ordinary_functions_still_pass():
    assert check_query("SELECT date_trunc('day', created_at) AS date, count(*) FROM orders GROUP BY 1", "postgresql")
    assert check_query("SELECT DATE(created) AS date, SUM(amount) FROM deals GROUP BY 1", "mysql")


# --- finding 8: the SQLite connector read the app's own database -------------------------------


def test_the_apps_own_database_is_refused(tmp_path, monkeypatch):
    own = tmp_path / "kpi.db"
    with sqlite3.connect(own) as conn:
        conn.execute("create table workspaces (name text)")
    monkeypatch.setattr(config, "DEFAULT_DB_PATH", own)
    error = _refused(f"sqlite:///{own}", "SELECT * FROM workspaces", data_dir=tmp_path)
    assert error.key == "connect.own_database"
    monkeypatch.setenv("KPI_DB_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    other = tmp_path / "elsewhere.db"
    sqlite3.connect(other).close()
    assert _refused(f"sqlite:///{other}", data_dir=tmp_path).key == "connect.own_database"


def test_sqlite_tokenizer_functions_are_refused(tmp_path):
    sqlite3.connect(tmp_path / "shop.db").close()
    error = _refused(f"sqlite:///{tmp_path / 'shop.db'}", "SELECT fts3_tokenizer('simple')", data_dir=tmp_path)
    assert error.key == "connect.denied_function"


# --- finding 12 (the SQL part): drivers, settings and literals ---------------------------------


@pytest.mark.parametrize("scheme", ["postgresql+psycopg2", "postgresql", "mysql", "mariadb"])
def test_allow_listed_driver_names_use_the_installed_drivers(scheme):
    """``postgresql+psycopg2://`` or ``mysql://`` raised ModuleNotFoundError; now they connect
    with the installed driver, so an unreachable server is the usual one sentence."""
    error = _refused(f"{scheme}://reader:pw@127.0.0.1:1/shop")
    assert error.key == "connect.failed" and "pw" not in error.message("en")


def test_a_colon_word_in_a_literal_is_not_a_parameter(tmp_path):
    sqlite3.connect(tmp_path / "shop.db").close()
    cells = read_query(f"sqlite:///{tmp_path / 'shop.db'}", "SELECT ':day' AS label, 1 AS orders", data_dir=tmp_path)
    assert cells.iloc[1].tolist() == [":day", 1]


@pytest.mark.parametrize("server", ["postgresql", "mysql"])
def test_literals_with_colons_and_percents_on_the_servers(server):
    url = server_reader(server)
    cast = ", '2026-01-01'::date AS day" if server == "postgresql" else ""
    cells = read_query(url, f"SELECT ':day' AS label, '5%' AS share{cast}")
    assert cells.iloc[1].tolist()[:2] == [":day", "5%"]


# --- finding 5: internal hosts, unix sockets and superusers ------------------------------------

INTERNAL_HOSTS = ["127.0.0.1", "localhost", "127.1", "2130706433", "0x7f000001", "0177.0.0.1", "0.0.0.0", "[::1]"]


@pytest.mark.parametrize("backend", ["postgresql", "mysql"])
@pytest.mark.parametrize("host", [*INTERNAL_HOSTS, "[::ffff:127.0.0.1]", "10.0.0.5", "169.254.169.254", "192.168.1.1"])
def test_internal_hosts_are_refused_by_default(monkeypatch, backend, host):
    monkeypatch.delenv("KPI_CONNECT_ALLOW")
    port = 5432 if backend == "postgresql" else 3306
    error = _refused(f"{backend}://reader:secret@{host}:{port}/test")
    assert error.key == "connect.internal_host", error
    assert "KPI_CONNECT_ALLOW" in error.message("en") and "secret" not in error.message("en")


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("postgresql://reader@/test", "connect.no_host"),  # libpq would take the local socket
        ("mysql://reader@/test", "connect.no_host"),
        ("postgresql://reader@/test?host=/var/run/postgresql", "connect.bad_param"),
        ("mysql://reader@db.example.com/test?unix_socket=/run/mysqld/mysqld.sock", "connect.bad_param"),
        ("postgresql://reader@%2Fvar%2Frun%2Fpostgresql/test", "connect.unknown_host"),  # not decoded: no such host
    ],
)
def test_unix_sockets_and_missing_hosts_are_refused(monkeypatch, url, key):
    monkeypatch.delenv("KPI_CONNECT_ALLOW")
    assert _refused(url).key == key


def test_an_allowed_range_lets_the_operator_reach_an_internal_host(monkeypatch):
    monkeypatch.setenv("KPI_CONNECT_ALLOW", "10.0.0.0/8")
    assert _refused("postgresql://reader@127.0.0.1:5432/test").key == "connect.internal_host"
    monkeypatch.setenv("KPI_CONNECT_ALLOW", "127.0.0.0/8")
    # allowed: now the connection is tried (port 1 answers nothing): the usual one sentence
    assert _refused("postgresql://reader@127.0.0.1:1/test").key == "connect.failed"


@needs_pg
def test_a_postgresql_superuser_is_refused():
    """Before: the test server's superuser connected and every side effect ran as superuser."""
    error = _refused(PG_URL, "SELECT 1 AS orders")
    assert error.key == "connect.superuser" and "read-only account" in error.message("en")


@needs_mysql
def test_a_mysql_account_with_file_or_super_is_refused():
    error = _refused(MYSQL_URL, "SELECT 1 AS orders")
    assert error.key == "connect.superuser"


# --- finding 7 (SQL): results are streamed under a byte cap ------------------------------------


def test_a_result_of_a_few_huge_values_is_refused_after_a_few(tmp_path):
    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table notes (day text, body text)")
        conn.executemany(
            "insert into notes values (?, ?)", [(f"2026-01-{d:02d}", "x" * 2_000_000) for d in range(1, 11)]
        )
    error = _refused(f"sqlite:///{path}", "SELECT day AS date, body FROM notes", data_dir=tmp_path, byte_cap=5_000_000)
    assert error.key == "connect.too_many_bytes"


@pytest.mark.parametrize("server", ["postgresql", "mysql"])
def test_byte_cap_on_the_servers(server):
    """Before: 10 rows × 100 MB were all held (3.4 GB) — there was no byte cap."""
    url = server_reader(server)
    rows = "generate_series(1, 10)" if server == "postgresql" else "(SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) t"
    error = _refused(url, f"SELECT repeat('x', 3000000) AS body FROM {rows}", byte_cap=5_000_000)
    assert error.key == "connect.too_many_bytes"


@pytest.mark.parametrize("server", ["postgresql", "mysql"])
def test_rows_are_streamed_so_the_row_cap_stops_the_read_early(server):
    """Before: the driver buffered every row (10 million) before the cap was looked at."""
    url = server_reader(server)
    if server == "postgresql":
        query = "SELECT g AS orders FROM generate_series(1, 5000000) g"
    else:
        query = "SELECT seq AS orders FROM seq_1_to_5000000"
    error = _refused(url, query, row_cap=1_000)
    assert error.key == "connect.too_many_rows" and "1,000 rows" in str(error)


# --- found by review: SQL run from text, superuser by membership, arrays, batch-by-batch time ----


@pytest.mark.parametrize(
    "query",
    [
        "SELECT query_to_xml('select set_config(''statement_timeout'',''0'',false)', true, true, '')",
        "SELECT cursor_to_xml('c', 10, true, true, '')",
        "SELECT table_to_xmlschema('t', true, true, '')",
        "SELECT * FROM ts_stat('select to_tsvector(pg_read_file(''/etc/hostname''))')",
        "SELECT GET_LOCK('kpi', 10)",
    ],
)
def test_functions_that_run_sql_from_text_or_hold_locks_are_refused(query):
    backend = "mysql" if "GET_LOCK" in query else "postgresql"
    with pytest.raises(IngestError) as caught:
        check_query(query, backend)
    assert caught.value.key == "connect.denied_function"


@needs_pg
def test_a_member_of_a_superuser_role_is_refused():
    """NOSUPERUSER itself, but granted the superuser role: SET ROLE would make it one."""
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = 'kpi_member'")).first() is None:
            conn.execute(text("CREATE ROLE kpi_member LOGIN PASSWORD 'member-pw' NOSUPERUSER NOINHERIT"))
        superuser = conn.execute(text("SELECT rolname FROM pg_roles WHERE rolsuper LIMIT 1")).scalar()
        conn.execute(text(f'GRANT "{superuser}" TO kpi_member'))
    admin.dispose()
    url = make_url(PG_URL).set(username="kpi_member", password="member-pw").render_as_string(hide_password=False)
    assert _refused(url, "SELECT 1 AS orders").key == "connect.superuser"


@needs_pg
def test_arrays_and_json_count_towards_the_byte_cap():
    """Before: an array or JSON value counted as 16 bytes, so 30 MB of arrays passed a 1 MB cap."""
    for query in (
        "SELECT ARRAY[repeat('x', 3000000)] AS body FROM generate_series(1, 3)",
        "SELECT jsonb_build_object('k', repeat('x', 3000000)) AS body FROM generate_series(1, 3)",
    ):
        assert _refused(pg_reader_url(), query, byte_cap=5_000_000).key == "connect.too_many_bytes"


@needs_pg
def test_the_timeout_holds_for_the_whole_result_not_each_batch():
    """Before: PostgreSQL's statement timeout started again with every batch of the cursor, so a
    slow result ran many times the timeout."""
    query = "SELECT g AS orders, pg_sleep(0.0005) AS pause FROM generate_series(1, 8000) g"
    with pytest.raises(IngestError) as caught:
        read_query(pg_reader_url(), query, timeout=1)
    assert caught.value.key == "connect.timeout"


def test_a_sqlite_file_name_with_uri_characters_is_opened_read_only(tmp_path):
    """A name such as 'shop.db?mode=rwc' must not become settings of the SQLite URI."""
    path = tmp_path / "shop.db?mode=rwc#x"
    with sqlite3.connect(path) as conn:
        conn.execute("create table daily (day text, orders integer)")
        conn.execute("insert into daily values ('2026-03-01', 3)")
    encoded = f"sqlite:///{tmp_path}/shop.db%3Fmode=rwc%23x"  # written in the URL as it must be
    cells = read_query(encoded, "SELECT day AS date, orders FROM daily", data_dir=tmp_path)
    assert cells.iloc[1].tolist() == ["2026-03-01", 3]
    assert not (tmp_path / "shop.db").exists()  # no other file was opened or created


@needs_mysql
def test_a_mysql_account_with_file_through_its_default_role_is_refused():
    """USER_PRIVILEGES does not show a role's grants; SHOW GRANTS does."""
    admin = create_engine(MYSQL_URL)
    with admin.begin() as conn:
        for statement in (
            "CREATE ROLE IF NOT EXISTS kpi_filerole",
            "GRANT FILE ON *.* TO kpi_filerole",
            "CREATE USER IF NOT EXISTS 'kpi_roleuser'@'127.0.0.1' IDENTIFIED BY 'role-pw'",
            "GRANT SELECT ON test.* TO 'kpi_roleuser'@'127.0.0.1'",
            "GRANT kpi_filerole TO 'kpi_roleuser'@'127.0.0.1'",
            "SET DEFAULT ROLE kpi_filerole FOR 'kpi_roleuser'@'127.0.0.1'",
        ):
            conn.execute(text(statement))
    admin.dispose()
    url = make_url(MYSQL_URL).set(username="kpi_roleuser", password="role-pw", database="test")
    assert _refused(url.render_as_string(hide_password=False), "SELECT 1 AS orders").key == "connect.superuser"


def test_mysql_grant_lines_are_read_for_global_powers():
    from connectors.sql import _mysql_grants_power

    assert _mysql_grants_power(["GRANT FILE ON *.* TO `r`", "GRANT SELECT ON `shop`.* TO `u`@`%`"])
    assert _mysql_grants_power(["GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"])
    assert _mysql_grants_power(["GRANT RELOAD, SUPER ON *.* TO `u`@`%`"])
    assert not _mysql_grants_power(["GRANT USAGE ON *.* TO `u`@`%`", "GRANT ALL PRIVILEGES ON `shop`.* TO `u`@`%`"])
    assert not _mysql_grants_power(["GRANT `kpi_filerole` TO `u`@`127.0.0.1`"])
