"""`import-url`, `import-sql` and `import --replace` on the command line (issue 12): the Data
page's code path and refusals, internal addresses refused by default, real servers on loopback."""

from __future__ import annotations

import datetime as dt
import http.server
import os
import sqlite3
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

import pytest

from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("KPI_TEST_PG_URL")


def daily_csv(first: dt.date, days: int, step: int = 1) -> bytes:
    lines = ["date,orders"] + [f"{first + dt.timedelta(days=d)},{1 + d % 3}" for d in range(0, days, step)]
    return ("\n".join(lines) + "\n").encode()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "orders.csv").write_bytes(daily_csv(dt.date(2026, 3, 1), 10))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/orders.csv"
    httpd.shutdown()


def test_import_url_refuses_loopback_by_default(tmp_path, site):
    """A real process, as cron would run it: exit 2, one line, nothing written."""
    env = {k: v for k, v in os.environ.items() if k != "KPI_CONNECT_ALLOW"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kpi_core",
            "import-url",
            site,
            "--workspace",
            "Shop",
            "--db",
            f"sqlite:///{tmp_path}/a.db",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: '127.0.0.1' is an address inside the server's own network")
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "a.db").exists()  # refused before the database was opened


def test_import_url_when_the_operator_allows_the_host(capsys, db, site, monkeypatch):
    monkeypatch.setenv("KPI_CONNECT_ALLOW", "127.0.0.1")
    code, out, err = run(capsys, "import-url", site, "--workspace", "Shop", "--db", db)
    assert code == 0, err
    # orders 1 + d % 3 over 10 days: 1+2+3 three times, then 1
    assert out["source"] == "orders" and out["observations_written"] == 10
    code, series, _ = run(capsys, "series", "--workspace", "Shop", "--kpi", "orders", "--period", "month", "--db", db)
    assert series == [{"period": "2026-03-01", "value": 19.0}]


def test_import_sql_from_a_sqlite_file_in_the_connect_folder(capsys, db, tmp_path, monkeypatch):
    from connectors import sql

    monkeypatch.setattr(sql, "CONNECT_DIR", tmp_path)
    with sqlite3.connect(tmp_path / "crm.db") as conn:
        conn.execute("create table daily (day text, leads integer)")
        conn.executemany("insert into daily values (?, ?)", [("2026-03-01", 4), ("2026-03-02", 6)])
    url = f"sqlite:///{tmp_path}/crm.db"
    code, out, err = run(
        capsys,
        "import-sql",
        "--url",
        url,
        "--query",
        "SELECT day AS date, leads FROM daily",
        "--workspace",
        "CRM",
        "--db",
        db,
    )
    assert code == 0, err
    assert out["source"] == "query" and out["observations_written"] == 2
    code, _, err = run(
        capsys, "import-sql", "--url", url, "--query", "DELETE FROM daily", "--workspace", "CRM", "--db", db
    )
    assert code == 2 and err == "error: Only a SELECT that reads data is allowed: remove changes, INTO and locks.\n"


def test_import_sql_refuses_loopback_by_default(capsys, db, monkeypatch):
    monkeypatch.delenv("KPI_CONNECT_ALLOW", raising=False)
    code, _, err = run(
        capsys,
        "import-sql",
        "--url",
        "postgresql://reader:pw@127.0.0.1/test",
        "--query",
        "SELECT 1",
        "--workspace",
        "W",
        "--db",
        db,
    )
    assert code == 2 and "inside the server's own network" in err and "pw" not in err


@pytest.mark.skipif(not PG_URL, reason="KPI_TEST_PG_URL is not set (CI sets it when PostgreSQL answers)")
def test_import_sql_from_postgresql_with_a_read_only_account(capsys, db, monkeypatch):
    from sqlalchemy import create_engine, text

    from tests.db.readers import pg_reader_url

    monkeypatch.setenv("KPI_CONNECT_ALLOW", "127.0.0.1")
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS kpi_cli_daily"))
        conn.execute(text("CREATE TABLE kpi_cli_daily (day date, orders int)"))
        conn.execute(text("INSERT INTO kpi_cli_daily VALUES ('2026-03-01', 3), ('2026-03-02', 4)"))
    try:
        query = "SELECT day AS date, orders FROM kpi_cli_daily"
        code, out, err = run(
            capsys, "import-sql", "--url", pg_reader_url(), "--query", query, "--workspace", "PG", "--db", db
        )
        assert code == 0, err
        assert out["observations_written"] == 2
        code, _, err = run(capsys, "import-sql", "--url", PG_URL, "--query", query, "--workspace", "PG", "--db", db)
        assert code == 2 and "use a read-only account" in err
    finally:
        with admin.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS kpi_cli_daily"))
        admin.dispose()


def test_import_needs_replace_to_remove_much_more_than_it_brings(capsys, db, tmp_path):
    year = tmp_path / "shop.csv"
    year.write_bytes(daily_csv(dt.date(2024, 1, 1), 366))
    assert run(capsys, "import", str(year), "--workspace", "Shop", "--db", db)[0] == 0
    year.write_bytes(daily_csv(dt.date(2024, 1, 1), 31, step=10))  # 4 days of January, same source
    code, _, err = run(capsys, "import", str(year), "--workspace", "Shop", "--db", db)
    assert code == 2
    assert err == (
        "error: This import would remove 31 stored values and bring only 4: "
        "re-run it with --replace (or confirm on the Data page) to replace them.\n"
    )
    code, out, _ = run(capsys, "import", str(year), "--workspace", "Shop", "--db", db, "--replace")
    assert code == 0 and out["observations_replaced"] == 31 and out["observations_written"] == 4
