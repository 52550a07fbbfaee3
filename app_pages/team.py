"""Team & reports: who owns which KPI and where it stands; data and goals to download."""

import json

import pandas as pd
import streamlit as st

import exports
import workflows
from kpi_core.report.table import people_csv
from ui import state
from ui.pacing import paced_rows
from ui.state import tr
from ui.widgets import figure_text, kpi_label, require_workspace, status_cells, status_column, target_text

st.title(tr("team.title"))
st.caption(tr("team.intro"))
workspace = require_workspace()

goals = dict(state.workspace_goals(workspace.id))
with state.session() as s:
    goal_file = workflows.export_goals(s, workspace.id)
if not goals:
    st.info(tr("common.need_goal"))
else:
    rows = paced_rows(workspace, list(goals.values()))
    owners = []
    for row in rows:
        goal = goals[row.goal_id]
        spec = next(k for k in goal.kpis if k.kpi == row.kpi)
        owners.append(spec.owner or goal.owner or tr("team.unassigned"))
    st.dataframe(
        pd.DataFrame(
            {
                tr("team.col_owner"): owners,
                tr("analyse.col_goal"): [r.goal for r in rows],
                tr("analyse.col_kpi"): [kpi_label(r.kpi) for r in rows],
                tr("analyse.col_target"): [target_text(r.target, r.kpi, r.kind, workspace.currency) for r in rows],
                tr("analyse.col_actual"): [figure_text(r.actual, r.kpi, r.kind, workspace.currency) for r in rows],
                tr("analyse.col_status"): status_cells(r.status for r in rows),
            }
        ).sort_values(tr("team.col_owner"), kind="stable"),
        hide_index=True,
        width="stretch",
        column_config={tr("analyse.col_status"): status_column()},
    )

obs = state.workspace_observations(workspace)
lang, today = state.lang(), state.today()
c0, c1, c2 = st.columns(3)
c0.download_button(
    tr("report.download"),
    state.on_click(exports.excel_report, workspace.id, today, lang),  # a couple of seconds: built on click
    file_name=f"{workspace.name}-{today.isoformat()}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    type="primary",
    on_click="ignore",
)
c1.download_button(
    tr("team.download_data"),
    lambda: people_csv(obs, lang),
    file_name=f"{workspace.name}-data.csv",
    mime="text/csv",
    disabled=obs.empty,
    on_click="ignore",
)
c2.download_button(
    tr("team.download_goals"),
    json.dumps(goal_file, ensure_ascii=False, indent=2).encode("utf-8"),
    file_name=f"{workspace.name}-goals.json",
    mime="application/json",
    disabled=not goal_file,
    on_click="ignore",
)
