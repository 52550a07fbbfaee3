"""Read one SELECT from a user's database: allow-listed drivers, read-only, a timeout and a row cap.

The URL may carry only the settings listed in ``ALLOWED_PARAMS`` (a MySQL URL's query part would
otherwise reach the driver: ``init_command``, ``local_infile``, ``client_flag``…); the driver is
always the installed one, with its dangerous options forced off.

The query is checked with a SQL parser (sqlglot), not a regular expression: exactly one
statement, a SELECT (or UNION / WITH … SELECT), no SELECT … INTO, no row locks, no MySQL
executable comment (``/*! … */``) and no function with a side effect or file access
(``DENIED_FUNCTIONS``). The database is then opened read-only as well, so a function that
writes fails there too. Credentials never appear in a message: errors name the database kind.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import sqlglot
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlglot import exp

import config
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
)
ROW_CAP = config.SQL_ROW_CAP
TIMEOUT_SECONDS = config.SQL_TIMEOUT_SECONDS
DATA_DIR = config.DATA_DIR


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
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", connect_args={"check_same_thread": False})

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
    if backend == "postgresql":
        return create_engine(
            url,
            connect_args={
                "connect_timeout": connect_timeout,
                "options": f"-c statement_timeout={int(timeout * 1000)} -c default_transaction_read_only=on",
            },
        )
    # PyMySQL: no LOAD DATA LOCAL (the app's own files), no multi-statements, no start-up SQL
    forced = {"local_infile": False, "client_flag": 0, "init_command": None, "read_default_file": None}
    return create_engine(
        url, connect_args={"connect_timeout": connect_timeout, "read_timeout": int(timeout) + 5, **forced}
    )


def read_query(
    raw_url: str,
    query: str,
    *,
    row_cap: int = ROW_CAP,
    timeout: float = TIMEOUT_SECONDS,
    data_dir: Path | None = None,
) -> pd.DataFrame:
    """The result of one SELECT as a table of cells (the first row holds the column names).

    SQLite files are accepted only inside ``data_dir`` (default: the app's data folder).
    """
    data_dir = data_dir or DATA_DIR
    url = parse_url(raw_url)
    backend = backend_of(url)
    url = check_params(url, backend)
    sql = check_query(query, backend)
    try:
        engine = _engine(url, backend, timeout, data_dir)
    except NoSuchModuleError:
        raise IngestError("connect.driver", driver=url.drivername) from None
    try:
        with engine.connect() as connection:
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
                result = connection.execute(text(sql.replace(":", "\\:")))
                columns = list(result.keys())
                rows = result.fetchmany(row_cap + 1)
                if len(rows) > row_cap:
                    raise IngestError("connect.too_many_rows", rows=f"{row_cap:,}")
    except IngestError:
        raise
    except DBAPIError as error:
        reason = "timeout" if _is_timeout(error) else ("read_only" if _is_read_only(error) else "failed")
        raise IngestError(f"connect.{reason}", database=backend) from None
    except SQLAlchemyError:
        raise IngestError("connect.failed", database=backend) from None
    finally:
        engine.dispose()
    return pd.DataFrame([columns, *[list(r) for r in rows]], dtype=object)


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
    return "read-only" in message or "read only" in message or "readonly" in message or "not authorized" in message
