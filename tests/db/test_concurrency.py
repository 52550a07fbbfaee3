"""Twelve real processes importing at once into a new database: every one succeeds, nothing doubles.

Migrations run once under a lock, creating a workspace, a source or a measure's source is retried
when another process wins the race, and a lock held elsewhere is waited out. Processes, not
threads: the races are between interpreters that each migrate and create on their own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from db.engine import make_engine, upgrade
from db.models import DataSource, Observation, Workspace

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("KPI_TEST_PG_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
PROCESSES = 12
DAYS = 45

pytestmark = pytest.mark.slow


def _export(path: Path, scale: int) -> dict[str, float]:
    """A daily table with exact totals: sessions 100·scale + day, orders scale + day % 3."""
    lines = ["date,sessions,orders"]
    totals = {"sessions": 0.0, "orders": 0.0}
    for day in range(DAYS):
        sessions, orders = 100 * scale + day, scale + day % 3
        lines.append(
            f"2026-10-{day % 31 + 1:02d},{sessions},{orders}"
            if day < 31
            else f"2026-11-{day - 30:02d},{sessions},{orders}"
        )
        totals["sessions"] += sessions
        totals["orders"] += orders
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return totals


@pytest.fixture(params=BACKENDS)
def fresh_url(request, tmp_path):
    """The URL of a database nobody has created tables in: a new SQLite file or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/race.db"
        return
    name = f"kpi_race_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_URL.rsplit("/", 1)[0] + "/" + name
    yield url
    with admin.connect() as connection:
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"), {"name": name}
        )
        connection.execute(text(f'DROP DATABASE "{name}"'))
    admin.dispose()


def _jobs(tmp_path: Path) -> tuple[list[list[str]], dict[tuple[str, str], dict[str, float]]]:
    """Four processes on one workspace and one source, four on one workspace with sources of their own,
    four on workspaces of their own; the totals each (workspace, source) must end with."""
    same = _export(tmp_path / "same.csv", 1)
    jobs, expected = [], {("Shop", "metrica"): same}
    for _ in range(4):
        jobs.append(["import", str(tmp_path / "same.csv"), "--workspace", "Shop", "--source", "metrica"])
    for i in range(4):
        expected[("Shop", f"sheet{i}")] = _export(tmp_path / f"sheet{i}.csv", 2 + i)
        jobs.append(["import", str(tmp_path / f"sheet{i}.csv"), "--workspace", "Shop", "--source", f"sheet{i}"])
    for i in range(4):
        expected[(f"Client {i}", "metrica")] = _export(tmp_path / f"client{i}.csv", 10 + i)
        jobs.append(["import", str(tmp_path / f"client{i}.csv"), "--workspace", f"Client {i}", "--source", "metrica"])
    return jobs, expected


def _race(url: str, jobs: list[list[str]]) -> list[tuple[int, str]]:
    env = {**os.environ, "KPI_DB_URL": url}
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "kpi_core", *job], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for job in jobs
    ]
    results = []
    for process in started:
        _, err = process.communicate(timeout=300)
        results.append((process.returncode, err.decode("utf-8", "replace")))
    return results


def _stored(url: str) -> dict[tuple[str, str], dict[str, float]]:
    engine = make_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(Workspace.name, DataSource.name, Observation.measure, func.sum(Observation.value), func.count())
            .join(DataSource, Observation.source_id == DataSource.id)
            .join(Workspace, Observation.workspace_id == Workspace.id)
            .group_by(Workspace.name, DataSource.name, Observation.measure)
        ).all()
        workspaces = connection.execute(select(func.count()).select_from(Workspace)).scalar_one()
    engine.dispose()
    out: dict[tuple[str, str], dict[str, float]] = {}
    for workspace, source, measure, total, count in rows:
        assert count == DAYS, (workspace, source, measure, count)  # one row per day: nothing doubled
        out.setdefault((workspace, source), {})[measure] = float(total)
    assert workspaces == 5
    return out


@pytest.mark.parametrize("migrated", [False, True], ids=["fresh", "migrated"])
def test_twelve_imports_at_once(fresh_url, tmp_path, migrated):
    if migrated:
        engine = make_engine(fresh_url)
        upgrade(engine)
        engine.dispose()
    jobs, expected = _jobs(tmp_path)
    assert len(jobs) == PROCESSES
    results = _race(fresh_url, jobs)
    assert [code for code, _ in results] == [0] * PROCESSES, [err for code, err in results if code]
    assert not any("Traceback" in err for _, err in results)
    assert _stored(fresh_url) == expected
