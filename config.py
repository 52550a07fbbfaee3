"""Every setting the app reads from its environment, in one place (DESIGN §12).

``KPI_TODAY`` pins the app's "today" (an ISO date) for recorded demos and tests; without it
the real date is used. Nothing else in the code may read the clock for "today".
"""

from __future__ import annotations

import datetime as dt
import os


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
