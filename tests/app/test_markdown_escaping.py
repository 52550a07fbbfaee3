"""User and file text reaches every Markdown-rendering element escaped, once, on every page.

A workspace's own KPI, a goal, its owner, a logged action, the workspace, a source and a channel
all carry Markdown and autolink bait. Every rendered Markdown source on the pages that show them
(markdown, captions, alerts, headings, metric and widget labels and tooltips, expander and tab
labels, radio options) must hold the name only in ``plain()``'s form. Data frames, select box
options and text input values are not Markdown and are not checked here.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import update

import config
import workflows
from db import repository as repo
from db.engine import make_engine, unit_of_work, upgrade
from db.models import DataSource, Observation
from kpi_core.goals.spec import GoalKPISpec, GoalSpec
from tests.app.conftest import new_app, no_exception
from ui.widgets import plain

# marker word (plain text, survives escaping) → the hostile value it sits in
KPI_NAME = "**Bold** :red[Red] [Session expired - sign in again](http://evil.example) www.evil.example"
HOSTILE = {
    "Session expired": KPI_NAME,
    "Qwertygoal": "Qwertygoal **G** :blue[b] [x](http://evil.example) user@evil.example",
    "Owneroo": "Owneroo _o_ www.owner.example",
    "Actionzz": "Actionzz **a** http://evil.example/x :material/home:",
    "Spacey": "Spacey **ws** www.ws.example",
    "Sourcey": "Sourcey **s** :red[r] www.src.example",
    "Chanzo": "Chanzo **c** www.ch.example",
}
MARKDOWN_TYPES = {"markdown", "caption", "title", "header", "subheader", "info", "success", "warning", "error", "toast"}
PAGES = [
    "app_pages/home.py",
    "app_pages/goals.py",
    "app_pages/metrics.py",
    "app_pages/monitor.py",
    "app_pages/analyse.py",
    "app_pages/adjust.py",
    "app_pages/team.py",
    "app_pages/settings.py",
]


def seed_hostile(db_url: str) -> tuple[str, int]:
    """The demo shop under a hostile name, with a hostile custom KPI, goal, owner, action, source
    and channel; returns the custom KPI's id and the hostile goal's id (the browser test uses it too)."""
    engine = make_engine(db_url)
    upgrade(engine)
    today = config.today()
    with unit_of_work(engine) as s:
        workspace = workflows.seed_demo(s, HOSTILE["Spacey"], today, "en")
        kpi = workflows.add_custom_kpi(s, workspace.id, KPI_NAME, "(revenue - spend) / spend * 100", "percent", "up")
        goal = repo.add_goal(
            s,
            workspace.id,
            GoalSpec(
                HOSTILE["Qwertygoal"],
                "sales",
                today - dt.timedelta(days=60),
                today + dt.timedelta(days=30),
                HOSTILE["Owneroo"],
                [GoalKPISpec(kpi.id, "level", 10_000.0), GoalKPISpec("orders", "total", 10_000_000.0)],
            ),
        )
        day = today - dt.timedelta(days=20)
        repo.add_action(s, workspace.id, day, HOSTILE["Actionzz"], goal_id=goal.id, kpi=kpi.id)
        s.execute(update(DataSource).where(DataSource.workspace_id == workspace.id).values(name=HOSTILE["Sourcey"]))
        s.execute(update(Observation).where(Observation.channel == "email").values(channel=HOSTILE["Chanzo"]))
        ids = kpi.id, goal.id
    engine.dispose()
    return ids


@pytest.fixture
def hostile_db(db_url):
    return seed_hostile(db_url)


def _nodes(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _nodes(child)


def markdown_sources(at) -> list[str]:
    """Every string the page hands to Streamlit's Markdown renderer."""
    out: list[str] = []
    for node in _nodes(at._tree):
        kind = getattr(node, "type", "")
        if kind in MARKDOWN_TYPES:
            out.append(node.value)
        for attribute in ("label", "help"):
            try:
                value = getattr(node, attribute, None)
            except (AttributeError, TypeError, ValueError):
                continue
            if isinstance(value, str):
                out.append(value)
        if kind == "radio":
            out.extend(str(option) for option in node.options)
    return out


def test_the_escaped_forms_hold_no_markdown():
    for raw in HOSTILE.values():
        for bait in ("**", ":red[", ":blue[", "www.", "://", "@e", ":material/", "_o_"):
            assert bait not in plain(raw), (bait, raw)
        assert not re.search(r"(?<!\\)\]\(", plain(raw)), raw  # no link: its "]" is escaped


def check_escaped(sources: list[str], seen: set[str]) -> None:
    """Each source naming a hostile value holds it only escaped, and escaped once."""
    for source in sources:
        for marker, raw in HOSTILE.items():
            if marker not in source:
                continue
            seen.add(marker)
            assert plain(raw) in source, (marker, source)
            assert marker not in source.replace(plain(raw), ""), ("unescaped", source)
            assert "\\\\" not in source, ("escaped twice", source)


def test_every_page_shows_user_text_escaped(hostile_db):
    _, goal_id = hostile_db
    at = new_app("en").run()
    no_exception(at)
    seen: set[str] = set()
    check_escaped(markdown_sources(at), seen)
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at)
        if page == "app_pages/metrics.py":  # the hostile goal, whose first KPI is the custom one
            at.selectbox(key="metrics_goal").set_value(goal_id).run()
            no_exception(at)
        check_escaped(markdown_sources(at), seen)
    # each of these was on some page in a Markdown element: the check above really looked at it
    assert {"Session expired", "Qwertygoal", "Owneroo", "Actionzz", "Spacey", "Sourcey"} <= seen, seen


def test_errors_quote_typed_text_escaped(hostile_db):
    """A formula's unknown name and a KPI without a target come back in the error escaped."""
    kpi_id, _ = hostile_db
    at = new_app("en").run()
    at.switch_page("app_pages/metrics.py").run()
    at.text_input(key="custom_name").input("Another")
    at.text_input(key="custom_formula").input("__init__ + revenue")
    at.button(key="create_custom_kpi").click().run()
    no_exception(at)
    assert at.error[0].value.startswith("'\\_\\_init\\_\\_' is not a measure")
    at.selectbox(key="add_kpi_id").set_value(kpi_id).run()
    at.button(key="add_kpi").click().run()
    no_exception(at)
    errors = [e.value for e in at.error]
    assert any(plain(KPI_NAME) in e for e in errors), errors
    check_escaped(errors, set())
