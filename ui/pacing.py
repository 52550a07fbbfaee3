"""Cached pacing of every goal KPI of the current workspace, shared by Analyse and Team pages."""

from __future__ import annotations

import streamlit as st

import workflows
from db.engine import database_url, unit_of_work
from kpi_core.goals.spec import GoalSpec
from kpi_core.monitor.pacing import PacedKPI
from kpi_core.monitor.reasons import reason_sentence
from ui import state
from ui.state import WorkspaceInfo


@st.cache_data(show_spinner=False, max_entries=32)
def _paced(url: str, workspace_id: int, data_version: int, goals_key: str, as_of) -> list[PacedKPI]:
    with unit_of_work(state._engine(url)) as s:
        return workflows.pace_workspace(s, workspace_id, as_of)


def paced_rows(workspace: WorkspaceInfo, goals: list[GoalSpec]) -> list[PacedKPI]:
    """``workflows.pace_workspace`` rows as of today, cached until the data or the goals change."""
    goals_key = repr(goals)
    return _paced(database_url(), workspace.id, workspace.data_version, goals_key, state.today())


def status_reason(row, kpi_id: str, kind: str, goal: GoalSpec, data_end, currency: str) -> str:
    """The one-line reason of a paced KPI's status (``row``: a Pace or a PacedKPI), in this run's language."""
    return reason_sentence(
        row, kpi_id, kind, goal.start, goal.deadline, data_end, state.today(), state.lang(), currency
    )
