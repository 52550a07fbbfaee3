"""Session state, the process-wide engine and cached readers. Nothing here runs at import time."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import config
import workflows
from db import repository as repo
from db.engine import DatabaseBusyError, database_url, make_engine, unit_of_work, upgrade, with_retries
from db.models import Workspace
from kpi_core.catalog.registry import use_custom_kpis
from kpi_core.compute.cube import DailyTotals
from kpi_core.goals.spec import GoalSpec
from kpi_core.i18n.formatting import lang_from_locale, t

log = logging.getLogger("kpi_pilot.ui")
PENDING_WORKSPACE = "_pending_workspace"


@dataclass(frozen=True)
class WorkspaceInfo:
    """The current workspace as plain values (never an ORM object in session state)."""

    id: int
    name: str
    currency: str
    locale: str
    review_period: str
    margin_pct: float | None
    spend_includes_vat: bool
    vat_pct: float
    alert_change_pct: float
    brand_name: str | None
    is_demo: bool
    data_version: int


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    return engine


def engine() -> Engine:
    """The process's engine for the configured database, migrated to head on first use."""
    return _engine(database_url())


@contextmanager
def session() -> Iterator[Session]:
    """One unit of work: committed at the end of the block, rolled back on error."""
    with unit_of_work(engine()) as s:
        yield s


T = TypeVar("T")


def on_click(build: Callable[..., bytes], *args: object) -> Callable[[], bytes]:
    """A download's contents built when its button is clicked, not on every rerun: ``build(session,
    *args)`` in a unit of work of its own (Streamlit runs it in another thread, so the database is
    bound now)."""
    url = database_url()

    def contents() -> bytes:
        with unit_of_work(_engine(url)) as s:
            return build(s, *args)

    return contents


def write(work: Callable[[Session], T]) -> T:
    """One unit of work that writes, run again when another user holds the database or won a race
    to create the same source (db.engine.with_retries)."""
    return with_retries(engine(), work)


def init_session() -> None:
    """Session defaults, set once by app.py."""
    config.configure_logging("INFO")
    if "lang" not in st.session_state:
        st.session_state["lang"] = lang_from_locale(getattr(st.context, "locale", None))
    if PENDING_WORKSPACE in st.session_state:
        st.session_state["workspace_id"] = st.session_state.pop(PENDING_WORKSPACE)


def lang() -> str:
    return st.session_state.get("lang", "en")


# Choices shown through a translated label. Streamlit matches a kept choice by its label, so after a
# language switch such a widget showed the old language's label or nothing chosen; setting each value
# again when the language changes makes it send the choice itself with the new labels.
TRANSLATED_CHOICES = (
    "monitor_period",
    "explain_kpi",
    "explain_grain",
    "explain_later_",
    "explain_earlier_",
    "add_kpi_id",
    "add_kpi_kind_",
    "custom_unit",
    "custom_good",
    "metrics_goal",
    "new_goal_",
    "plan_method_",
    "revision_kpi",
    "action_goal",
    "action_kpi",
    "action_channels",
    "sheet_",
    "measure_source_",
    "ask_",
)


def language_changed() -> None:
    """The language radio's callback: every translated choice keeps its value in the new language."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(TRANSLATED_CHOICES)]:
        st.session_state[key] = st.session_state[key]


def tr(key: str, **values: object) -> str:
    """A UI string in the current language."""
    return t(key, lang(), **values)


def select_workspace(workspace_id: int | None) -> None:
    """Make a workspace current from the next run on (the selector widget is already drawn)."""
    st.session_state[PENDING_WORKSPACE] = workspace_id


def list_workspaces() -> list[tuple[int, str]]:
    with session() as s:
        return [(w.id, w.name) for w in repo.list_workspaces(s)]


def use_workspace_kpis(workspace_id: int | None) -> None:
    """Make the workspace's own KPIs known for this script run (app.py calls it every run)."""
    if workspace_id is None:
        use_custom_kpis([])
        return
    with session() as s:
        workflows.use_workspace_kpis(s, workspace_id)


def current_workspace() -> WorkspaceInfo | None:
    """The selected workspace's settings, or None when there is none."""
    workspace_id = st.session_state.get("workspace_id")
    if workspace_id is None:
        return None
    with session() as s:
        w = s.get(Workspace, workspace_id)
        if w is None:
            return None
        return WorkspaceInfo(**{f.name: getattr(w, f.name) for f in fields(WorkspaceInfo)})


@st.cache_data(show_spinner=False, max_entries=16)
def observations(url: str, workspace_id: int, data_version: int) -> pd.DataFrame:
    """The workspace's observations, cached per data version."""
    with unit_of_work(_engine(url)) as s:
        return workflows.workspace_observations(s, workspace_id)


def workspace_observations(workspace: WorkspaceInfo) -> pd.DataFrame:
    return observations(database_url(), workspace.id, workspace.data_version)


@st.cache_data(show_spinner=False, max_entries=64)
def _freshness(url: str, workspace_id: int, data_version: int) -> list[tuple[str, dt.date | None]]:
    with unit_of_work(_engine(url)) as s:
        return repo.source_freshness(s, workspace_id)


def source_freshness(workspace: WorkspaceInfo) -> list[tuple[str, dt.date | None]]:
    """Each source holding data and its last day, cached per data version (the sidebar, the alerts and
    Monitor ask for it on every rerun; only an import, an undo or a removal changes it)."""
    return _freshness(database_url(), workspace.id, workspace.data_version)


@st.cache_data(show_spinner=False, max_entries=16)
def _sources_and_quality(url: str, workspace_id: int, data_version: int) -> tuple[list, dict]:
    with unit_of_work(_engine(url)) as s:
        rows = workflows.measure_source_rows(s, workspace_id)
        return rows, workflows.data_quality(s, workspace_id, rows)


def measure_sources(workspace: WorkspaceInfo) -> list:
    """The measures of which a source is left out, with every source (Settings), per data version."""
    return _sources_and_quality(database_url(), workspace.id, workspace.data_version)[0]


def data_quality(workspace: WorkspaceInfo) -> dict:
    """The workspace's data quality (the Data page), read once per data version: it aggregates
    every observation, which no rerun of a page should pay for again."""
    return _sources_and_quality(database_url(), workspace.id, workspace.data_version)[1]


@st.cache_resource(show_spinner=False, max_entries=8)
def _totals(url: str, workspace_id: int, data_version: int) -> DailyTotals:
    return DailyTotals(observations(url, workspace_id, data_version))


def workspace_totals(workspace: WorkspaceInfo) -> DailyTotals:
    """The observations' running sums, built once per data version (read-only, shared)."""
    return _totals(database_url(), workspace.id, workspace.data_version)


def today() -> dt.date:
    """The app's today (``KPI_TODAY`` when set): the one clock, see config.today."""
    return config.today()


def show_unexpected(error: BaseException) -> None:
    """Log an unexpected failure with a reference and show the user one sentence quoting it; a
    database that stayed busy through every retry is not unexpected: the user is asked to try again."""
    if isinstance(error, DatabaseBusyError):
        st.warning(tr("common.busy"))
        return
    ref = uuid.uuid4().hex[:8]
    log.error("unexpected error %s", ref, exc_info=error)
    st.error(tr("common.error_ref", ref=ref))


def labels(prefix: str) -> Callable[[str], str]:
    """A widget ``format_func`` translating ``prefix + value`` in the language of this run.

    The language is bound now: test harnesses call format functions outside the script run.
    """
    bound = lang()
    return lambda value: t(prefix + str(value), bound)


def date_format() -> str:
    """How date pickers show dates in the current language."""
    return "DD.MM.YYYY" if lang() == "ru" else "YYYY-MM-DD"


def workspace_goals(workspace_id: int) -> list[tuple[int, GoalSpec]]:
    """The workspace's active goals as (id, plain goal) pairs, in creation order."""
    with session() as s:
        return [(g.id, repo.goal_spec(g)) for g in repo.list_goals(s, workspace_id)]
