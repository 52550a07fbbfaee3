"""Read one SELECT from a user's database: allow-listed drivers, public hosts, a read-only
account, a read-only transaction, a timeout, and caps on rows and bytes.

The URL may carry only the settings listed in ``ALLOWED_PARAMS`` (a MySQL URL's query part would
otherwise reach the driver: ``init_command``, ``local_infile``, ``client_flag``…); the driver is
always the installed one, with its dangerous options forced off.

The query is checked with a SQL parser (sqlglot), not a regular expression: exactly one
statement, a SELECT (or UNION / WITH … SELECT), no SELECT … INTO, no row locks, no MySQL
executable comment (``/*! … */``) and no function with a side effect or file access
(``DENIED_FUNCTIONS``). The database is then opened read-only as well, so a function that
writes fails there too. Credentials never appear in a message: errors name the database kind.

The host must resolve to public addresses (``connectors.addresses``; ``KPI_CONNECT_ALLOW`` lists
the internal ones an operator allows) and the driver connects to the address checked. An account
that is a superuser (PostgreSQL ``rolsuper`` or a server-files role; MySQL ``FILE``/``SUPER``)
is refused: "use a read-only account". Rows come through a server-side cursor, a batch at a
time, and the query is refused once they pass ``ROW_CAP`` rows or ``BYTE_CAP`` bytes. SQLite
files are opened only from ``data/connect/`` and never the app's own store.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import sqlglot
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlglot import exp

import config
from connectors.addresses import check_socket, checked_address
from kpi_core.i18n.formatting import Count
from kpi_core.ingest.errors import IngestError

ALLOWED_DRIVERS = {
    "sqlite": ("sqlite", "sqlite+pysqlite"),
    "postgresql": ("postgresql", "postgresql+psycopg", "postgresql+psycopg2"),
    "mysql": ("mysql", "mysql+pymysql", "mariadb", "mariadb+pymysql"),
}
DIALECTS = {"sqlite": "sqlite", "postgresql": "postgres", "mysql": "mysql"}
DRIVERS = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg", "mysql": "mysql+pymysql"}  # installed ones
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
MYSQL_CHARSETS = ("utf8mb4", "utf8", "utf8mb3", "cp1251", "latin1", "koi8r", "ascii")
ALLOWED_PARAMS: dict[str, dict[str, tuple[str, ...] | None]] = {  # None: a whole number of seconds, 1–60
    "sqlite": {},
    "postgresql": {"sslmode": SSL_MODES, "connect_timeout": None},
    "mysql": {"charset": MYSQL_CHARSETS, "connect_timeout": None},
}
# Functions that write, read the server's files, signal other sessions or change settings: refused
# by name (a prefix ends with "_" or is a family such as dblink) wherever they appear in the query.
DENIED_FUNCTIONS = (
    "lo_",
    "dblink",
    "pg_read_",
    "pg_ls_",
    "pg_stat_file",
    "pg_file_",
    "pg_terminate_backend",
    "pg_cancel_backend",
    "pg_reload_conf",
    "pg_rotate_logfile",
    "pg_switch_wal",
    "pg_create_restore_point",
    "pg_promote",
    "pg_notify",
    "pg_advisory",
    "pg_try_advisory",
    "set_config",
    "load_file",
    "sys_exec",
    "sys_eval",
    "fts3_tokenizer",
    "load_extension",
    "readfile",
    "writefile",
    # functions that run SQL given as text, out of the parser's sight
    "query_to_xml",
    "cursor_to_xml",
    "table_to_xml",
    "schema_to_xml",
    "database_to_xml",
    "ts_stat",
    "ts_rewrite",
    # named locks that other sessions of the user's server would wait on
    "get_lock",
    "release_lock",
    "release_all_locks",
    "master_pos_wait",
    "source_pos_wait",
)
ROW_CAP = config.SQL_ROW_CAP
BYTE_CAP = config.SQL_BYTE_CAP
TIMEOUT_SECONDS = config.SQL_TIMEOUT_SECONDS
CONNECT_DIR = config.CONNECT_DIR
DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306}
# an account that may read or write the server's files or run its programs is refused
SUPERUSER_QUERIES = {
    "postgresql": (
        "SELECT rolsuper "
        "OR EXISTS (SELECT 1 FROM pg_roles s WHERE s.rolsuper AND pg_has_role(current_user, s.oid, 'MEMBER')) "
        "OR pg_has_role(current_user, 'pg_read_server_files', 'MEMBER') "
        "OR pg_has_role(current_user, 'pg_write_server_files', 'MEMBER') "
        "OR pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER') "
        "FROM pg_roles WHERE rolname = current_user"
    ),
    "mysql": (
        "SELECT COUNT(*) > 0 FROM information_schema.USER_PRIVILEGES "
        "WHERE PRIVILEGE_TYPE IN ('FILE', 'SUPER') AND GRANTEE = CONCAT("
        "QUOTE(SUBSTRING_INDEX(CURRENT_USER(), '@', 1)), '@', QUOTE(SUBSTRING_INDEX(CURRENT_USER(), '@', -1)))"
    ),
}


def backend_of(url: URL) -> str:
    """'sqlite', 'postgresql' or 'mysql' for an allowed driver; IngestError otherwise."""
    for backend, names in ALLOWED_DRIVERS.items():
        if url.drivername in names:
            return backend
    raise IngestError("connect.driver", driver=url.drivername.split("+")[0])


def parse_url(raw: str) -> URL:
    try:
        return make_url(raw.strip())
    except (ArgumentError, ValueError):
        raise IngestError("connect.bad_url") from None


def check_params(url: URL, backend: str) -> URL:
    """The URL with the installed driver when its settings are all allowed; IngestError naming the
    first one that is not (or has a value the driver would not take)."""
    allowed = ALLOWED_PARAMS[backend]
    names = ", ".join(allowed) or "—"
    for name, value in url.query.items():
        if name not in allowed or not isinstance(value, str):
            raise IngestError("connect.bad_param", param=name, allowed=names)
        choices = allowed[name]
        if choices is None:
            if not value.isdigit() or not 1 <= int(value) <= 60:
                raise IngestError("connect.bad_param", param=name, allowed=names)
        elif value.lower() not in choices:
            raise IngestError("connect.bad_param", param=name, allowed=names)
    return url.set(drivername=DRIVERS[backend])


def _function_names(statement: exp.Expression) -> set[str]:
    names = set()
    for node in statement.find_all(exp.Func):
        name = node.name if isinstance(node, exp.Anonymous) else node.sql_name()
        names.add(name.lower())
    return names


def check_query(query: str, backend: str) -> str:
    """The query when it is exactly one read-only SELECT; IngestError with the reason otherwise."""
    if "/*!" in query or "/*M!" in query:  # MySQL and MariaDB run what such a "comment" holds
        raise IngestError("connect.executable_comment")
    try:
        statements = [s for s in sqlglot.parse(query, read=DIALECTS[backend]) if s is not None]
    except sqlglot.errors.SqlglotError:
        raise IngestError("connect.not_select") from None
    if len(statements) != 1:
        raise IngestError("connect.one_statement")
    statement = statements[0]
    if not isinstance(statement, exp.Select | exp.Union | exp.Intersect | exp.Except):
        raise IngestError("connect.not_select")
    for select in statement.find_all(exp.Select):
        if select.args.get("into") is not None or select.args.get("locks"):
            raise IngestError("connect.not_select")
    if statement.find(exp.Into) is not None:
        raise IngestError("connect.not_select")
    for name in sorted(_function_names(statement)):
        if name.startswith(DENIED_FUNCTIONS):
            raise IngestError("connect.denied_function", function=name)
    return query.strip().rstrip(";")


def _own_database_files() -> set[Path]:
    """The app's own SQLite store(s): the default file and the one KPI_DB_URL names, if SQLite."""
    own = {config.DEFAULT_DB_PATH.resolve()}
    setting = config.database_url_setting()
    if setting:
        try:
            url = make_url(setting)
        except (ArgumentError, ValueError):
            return own
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            own.add(Path(url.database).resolve())
    return own


def _sqlite_path(url: URL, data_dir: Path) -> Path:
    database = url.database or ""
    if not database or database == ":memory:":
        raise IngestError("connect.sqlite_outside")
    path = Path(database)
    path = (data_dir / path).resolve() if not path.is_absolute() else path.resolve()
    if path in _own_database_files():
        raise IngestError("connect.own_database")
    if data_dir.resolve() not in path.parents or not path.is_file():
        raise IngestError("connect.sqlite_outside")
    return path


def _engine(url: URL, backend: str, timeout: float, data_dir: Path):
    if backend == "sqlite":
        path = _sqlite_path(url, data_dir)
        # read-only at the file level; ATTACH is refused by the parser and by the authoriser below
        # the path percent-encoded in an SQLite URI: a "?" or "#" in a file name stays part of the name
        uri = f"file:{quote(str(path), safe='/')}?mode=ro"
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))

        @event.listens_for(engine, "connect")
        def _guard(dbapi_connection, _record):
            started = time.monotonic()
            dbapi_connection.execute("PRAGMA query_only = ON")
            dbapi_connection.set_progress_handler(lambda: int(time.monotonic() - started > timeout), 10_000)

            def authorise(action, _table, name, *_rest):
                if action == 24:  # SQLITE_ATTACH
                    return 1  # SQLITE_DENY
                if action == 31 and str(name).lower() in ("fts3_tokenizer", "load_extension"):  # SQLITE_FUNCTION
                    return 1
                return 0

            dbapi_connection.set_authorizer(authorise)

        return engine
    given = url.query.get("connect_timeout")
    connect_timeout = int(given) if isinstance(given, str) else 10  # checked by check_params
    address = checked_address(url.host or "", url.port or DEFAULT_PORTS[backend])
    if backend == "postgresql":
        # libpq connects to the checked address (hostaddr) and still verifies TLS against the host name
        pinned = {"hostaddr": address} if not address.startswith("/") else {}
        return create_engine(
            url,
            connect_args={
                "connect_timeout": connect_timeout,
                "options": f"-c statement_timeout={int(timeout * 1000)} -c default_transaction_read_only=on",
                **pinned,
            },
        )
    # PyMySQL: no LOAD DATA LOCAL (the app's own files), no multi-statements, no start-up SQL
    forced: dict[str, object] = {"local_infile": False, "client_flag": 0, "init_command": None}
    forced["read_default_file"] = None
    if address.startswith("/"):
        check_socket(address)
        forced["unix_socket"] = address
    return create_engine(
        url.set(host=address if not address.startswith("/") else "localhost"),
        connect_args={"connect_timeout": connect_timeout, "read_timeout": int(timeout) + 5, **forced},
    )


MYSQL_POWERS = ("ALL PRIVILEGES", "FILE", "SUPER")


def _mysql_grants_power(grants: list[str]) -> bool:
    """Whether ``SHOW GRANTS`` lines give FILE, SUPER or everything on every database; they list a
    default role's grants too (which ``USER_PRIVILEGES`` does not show)."""
    for line in grants:
        head, on, rest = line.upper().partition(" ON ")
        if on and rest.lstrip().startswith("*.*"):
            privileges = {p.strip() for p in head.removeprefix("GRANT ").split(",")}
            if privileges & set(MYSQL_POWERS):
                return True
    return False


def _refuse_superuser(connection, backend: str) -> None:
    refused = connection.execute(text(SUPERUSER_QUERIES[backend])).scalar()
    if backend == "mysql" and not refused:
        refused = _mysql_grants_power([str(row[0]) for row in connection.execute(text("SHOW GRANTS"))])
    connection.rollback()  # the query's transaction ends here; the SELECT gets its own
    if refused:
        raise IngestError("connect.superuser", database=backend)


def _value_bytes(value: object) -> int:
    """About how much memory a fetched value holds: text and bytes by length, arrays and JSON
    (lists and dicts) by everything inside them, anything else 16 bytes."""
    size, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str | bytes | bytearray | memoryview):
            size += len(item)
        elif isinstance(item, list | tuple | set | frozenset):
            size += 8 * len(item)
            stack.extend(item)
        elif isinstance(item, dict):
            size += 16 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        else:
            size += 16
    return size


def _read_rows(result, row_cap: int, byte_cap: int, deadline: float, backend: str) -> list[list]:
    """Rows fetched a batch at a time (a server-side cursor), refused past the row or byte cap or
    the deadline (a server's statement timeout starts again with every batch it is asked for).

    A batch is sized from the largest row seen so far, so a result of a few huge values is refused
    after a few of them, not after a thousand. (Rows that grow later can still overshoot a batch:
    the worker process that runs queries has its own memory cap for that.)"""
    rows: list[list] = []
    size, batch, largest = 0, 1, 1
    while True:
        if time.monotonic() > deadline:
            raise IngestError("connect.timeout", database=backend)
        fetched = result.fetchmany(batch)
        if not fetched:
            return rows
        for row in fetched:
            row_bytes = sum(_value_bytes(v) for v in row) + 8
            size, largest = size + row_bytes, max(largest, row_bytes)
            rows.append(list(row))
        if len(rows) > row_cap:
            raise IngestError("connect.too_many_rows", rows=Count(row_cap))
        if size > byte_cap:
            raise IngestError("connect.too_many_bytes", mb=byte_cap // 2**20)
        batch = max(1, min(1_000, int((byte_cap - size) / largest / 4)))


def read_query(
    raw_url: str,
    query: str,
    *,
    row_cap: int = ROW_CAP,
    byte_cap: int = BYTE_CAP,
    timeout: float = TIMEOUT_SECONDS,
    data_dir: Path | None = None,
) -> pd.DataFrame:
    """The result of one SELECT as a table of cells (the first row holds the column names).

    SQLite files are accepted only inside ``data_dir`` (default: the app's data/connect folder).
    """
    data_dir = data_dir or CONNECT_DIR
    url = parse_url(raw_url)
    backend = backend_of(url)
    url = check_params(url, backend)
    sql = check_query(query, backend)
    started = time.monotonic()
    try:
        engine = _engine(url, backend, timeout, data_dir)
    except NoSuchModuleError:
        raise IngestError("connect.driver", driver=url.drivername) from None
    try:
        with engine.connect() as connection:
            if backend != "sqlite":
                _refuse_superuser(connection, backend)
            if backend == "mysql":
                connection.execute(text("SET SESSION TRANSACTION READ ONLY"))
                flavour = connection.execute(text("SELECT VERSION()")).scalar() or ""
                if "mariadb" in flavour.lower():
                    connection.execute(text(f"SET SESSION max_statement_time = {float(timeout)}"))
                else:
                    connection.execute(text(f"SET SESSION max_execution_time = {int(timeout * 1000)}"))
                connection.commit()  # the session settings apply to the transaction that follows
            with connection.begin():
                if backend == "postgresql":
                    connection.execute(text("SET TRANSACTION READ ONLY"))
                # every colon escaped: ":day" in a string literal is text, not a bind parameter
                streamed = connection.execution_options(stream_results=True, max_row_buffer=1_000)
                result = streamed.execute(text(sql.replace(":", "\\:")))
                columns = list(result.keys())
                try:
                    rows = _read_rows(result, row_cap, byte_cap, started + timeout, backend)
                except IngestError:
                    result.close()  # the rest of a refused result is thrown away as it is read
                    raise
    except IngestError:
        raise
    except DBAPIError as error:
        reason = "timeout" if _is_timeout(error) else ("read_only" if _is_read_only(error) else "failed")
        raise IngestError(f"connect.{reason}", database=backend) from None
    except SQLAlchemyError:
        raise IngestError("connect.failed", database=backend) from None
    finally:
        engine.dispose()
    return pd.DataFrame([columns, *rows], dtype=object)


def _message(error: DBAPIError) -> str:
    return str(getattr(error, "orig", error)).lower()


def _is_timeout(error: DBAPIError) -> bool:
    message = _message(error)
    return any(
        word in message
        for word in (
            "statement timeout",
            "interrupted",
            "max_statement_time",
            "maximum statement execution time",
            "query execution was interrupted",
        )
    )


def _is_read_only(error: DBAPIError) -> bool:
    message = _message(error)
    # a server-side cursor refuses a writing WITH before the read-only transaction would
    words = ("read-only", "read only", "readonly", "not authorized", "data-modifying")
    return any(word in message for word in words)
