"""Every setting of the app, in one place: what it reads from its environment, and the caps and
timeouts the server parts (database, connectors) work within. The README lists them.

``KPI_TODAY`` pins the app's "today" (an ISO date) for recorded demos and tests; without it
the real date is used. Nothing else in the code may read the clock for "today".

The pure domain (kpi_core) reads no settings: its own limits (file size, rows, formula length)
are constants beside the code they guard, and everything else is passed in.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA_DIR = ROOT / "data"  # the SQLite store
DEFAULT_DB_PATH = DATA_DIR / "kpi.db"
SQLITE_BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for another before "database is locked"
SQL_ROW_CAP = 500_000  # rows a connected database query may return
SQL_TIMEOUT_SECONDS = 30  # connecting to, and one query on, a user's database
SQL_BYTE_CAP = 100 * 1024 * 1024  # what a connected query may return, its values counted as they arrive
LINK_MAX_BYTES = 50 * 1024 * 1024  # a CSV / Google Sheets link's download
LINK_TIMEOUT_SECONDS = 20  # one whole fetch, every redirect and the download included
CONNECT_DIR = DATA_DIR / "connect"  # the only folder a SQLite connection may open
PARSE_MEMORY_MB = 2048  # address space of the process that reads an upload (KPI_PARSE_MEMORY_MB)
PARSE_SECONDS = 60  # how long reading one upload may take (KPI_PARSE_SECONDS)


class SettingError(ValueError):
    """A setting in the environment cannot be used; the message says which and how to fix it."""


def today() -> dt.date:
    """The app's today: ``KPI_TODAY`` when set (YYYY-MM-DD), else the real date.

    >>> import os; os.environ["KPI_TODAY"] = "2027-02-28"; today()
    datetime.date(2027, 2, 28)
    >>> del os.environ["KPI_TODAY"]
    """
    pinned = os.environ.get("KPI_TODAY", "").strip()
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise SettingError(f"KPI_TODAY must be a date like 2026-12-01, not {pinned!r}") from None
    return dt.date.today()  # the real clock is read here and in utc_now only


def utc_now() -> dt.datetime:
    """When a row is written (UTC, naive): a record's timestamp, not the app's "today"."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def database_url_setting() -> str | None:
    """``KPI_DB_URL``: the database to use instead of the SQLite file under data/."""
    return os.environ.get("KPI_DB_URL") or None


def _whole_number(name: str, default: int, low: int, high: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise SettingError(f"{name} must be a whole number from {low} to {high}, not {raw[:40]!r}")
    return int(raw)


def parse_memory_mb() -> int:
    """``KPI_PARSE_MEMORY_MB``: megabytes of address space the upload reader may use (default 2048)."""
    return _whole_number("KPI_PARSE_MEMORY_MB", PARSE_MEMORY_MB, 512, 1_048_576)


def parse_seconds() -> int:
    """``KPI_PARSE_SECONDS``: seconds reading one upload may take (default 60)."""
    return _whole_number("KPI_PARSE_SECONDS", PARSE_SECONDS, 1, 86_400)


def connect_allow() -> tuple[frozenset[str], tuple]:
    """``KPI_CONNECT_ALLOW``: the internal hosts, unix socket paths and CIDR ranges a connector may
    reach (comma-separated, e.g. ``db.internal, 10.0.0.0/8, /var/run/postgresql``); none by default."""
    import ipaddress

    names, networks = set(), []
    for item in os.environ.get("KPI_CONNECT_ALLOW", "").split(","):
        item = item.strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item.strip("[]"), strict=False))
        except ValueError:
            if item.startswith("/") or all(part.isalnum() or part == "" for part in item.replace("-", ".").split(".")):
                names.add(item.lower().rstrip("."))
            else:
                raise SettingError(
                    f"KPI_CONNECT_ALLOW holds {item[:60]!r}: list host names, socket paths or ranges like 10.0.0.0/8"
                ) from None
    return frozenset(names), tuple(networks)


LOGGER = "kpi_pilot"  # every part logs under kpi_pilot.<part>
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _AppHandler(logging.StreamHandler):
    """The app's own stderr handler (told apart from handlers a test harness adds)."""


def configure_logging(default_level: str = "INFO") -> None:
    """Send the app's log to stderr, once per process (later calls change nothing).

    ``KPI_LOG_LEVEL`` (DEBUG, INFO, WARNING, ERROR) overrides the default: INFO for the app, where
    imports, undos and migrations are worth a line; WARNING for the command line, whose stderr is
    for its one ``error:`` line.
    """
    logger = logging.getLogger(LOGGER)
    if any(isinstance(h, _AppHandler) for h in logger.handlers):
        return
    wanted = os.environ.get("KPI_LOG_LEVEL", "").strip().upper() or default_level
    if wanted not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise SettingError(f"KPI_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {wanted!r}")
    handler = _AppHandler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(wanted)
    logger.propagate = False
