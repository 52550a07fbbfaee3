"""One clock: "today" comes from config.today (KPI_TODAY), and nothing else reads the real date."""

import datetime as dt
import re
from pathlib import Path

import pytest

import config

ROOT = Path(__file__).resolve().parents[1]
REAL_CLOCK = re.compile(r"\b(?:date|datetime)\.today\(|\bdatetime\.now\(|\btime\.time\(|\btime\.localtime\(")
# config.py alone reads the clock: today() and the stamp of when a row was written
ALLOWED = {"config.py": 2}


def _sources() -> list[Path]:
    folders = ["kpi_core", "db", "ui", "app_pages", "connectors", "tests", "bench"]
    files = [ROOT / "app.py", ROOT / "workflows.py", ROOT / "config.py"]
    for folder in folders:
        files += sorted((ROOT / folder).rglob("*.py"))
    return [f for f in files if "migrations" not in f.parts]


def test_nothing_but_config_reads_the_real_clock():
    found = {}
    for path in _sources():
        hits = REAL_CLOCK.findall(path.read_text(encoding="utf-8"))
        name = path.relative_to(ROOT).as_posix()
        if name == "tests/test_clock.py":
            continue
        if len(hits) != ALLOWED.get(name, 0):
            found[name] = len(hits)
    assert found == {}


def test_today_is_pinned_for_every_test(pinned_today):
    assert config.today() == pinned_today


def test_a_bad_pinned_day_is_one_sentence(monkeypatch):
    monkeypatch.setenv("KPI_TODAY", "31.02.2027")
    with pytest.raises(config.SettingError, match="KPI_TODAY must be a date like 2026-12-01"):
        config.today()


def test_no_pinned_day_is_the_real_date(monkeypatch):
    monkeypatch.delenv("KPI_TODAY")
    assert isinstance(config.today(), dt.date)
