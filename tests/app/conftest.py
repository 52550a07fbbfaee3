"""AppTest fixtures: a real SQLite file per test and clean Streamlit caches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import config
import workflows
from db.engine import make_engine, unit_of_work, upgrade

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = [
    "app_pages/home.py",
    "app_pages/goals.py",
    "app_pages/metrics.py",
    "app_pages/data.py",
    "app_pages/monitor.py",
    "app_pages/analyse.py",
    "app_pages/adjust.py",
    "app_pages/team.py",
    "app_pages/settings.py",
]


@pytest.fixture(autouse=True)
def _clear_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/app.db"
    monkeypatch.setenv("KPI_DB_URL", url)
    return url


@pytest.fixture
def demo_db(db_url):
    """A database holding the demo shop as of today; returns its workspace id."""
    engine = make_engine(db_url)
    upgrade(engine)
    with unit_of_work(engine) as s:
        workspace_id = workflows.seed_demo(s, "Demo shop", config.today(), "en").id
    engine.dispose()
    return workspace_id


def new_app(lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = lang
    return at


def no_exception(at: AppTest) -> None:
    """No exception reached the page, and no unexpected error was turned into a reference message."""
    assert not at.exception, [e.value for e in at.exception]
    references = [e.value for e in at.error if "Quote the code" in e.value or "Сообщите нам код" in e.value]
    assert not references, references


_ESCAPED = re.compile(r"\\(.)")
_BADGE = re.compile(r":\w+-badge\[(.+)\]")


def shown_text(cell: str) -> str:
    """A Markdown table cell as the reader sees it: escapes resolved, a badge as its word."""
    text = _ESCAPED.sub(r"\1", cell).replace("\u2060", "")
    badge = _BADGE.fullmatch(text)
    return badge.group(1) if badge else text


def shown_table(at: AppTest, column: str):
    """The static Markdown table holding ``column``, as the reader sees it (escapes resolved, badges
    as their words)."""
    [table] = [t.value for t in at.table if column in t.value.columns]
    return table.map(shown_text)


def scorecard(at: AppTest):
    """Monitor's scorecard as the reader sees it (found by its reason column)."""
    [table] = [t.value for t in at.table if {"Why this status", "Почему такой статус"} & set(t.value.columns)]
    return table.map(shown_text)
