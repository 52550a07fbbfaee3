"""Team & reports: who owns which KPI and where it stands; data and goals to download."""

import json

import pandas as pd
import streamlit as st

import workflows
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
c1, c2 = st.columns(2)
c1.download_button(
    tr("team.download_data"),
    obs.drop(columns=["source_id"], errors="ignore")
    .assign(date=obs["date"].dt.date)
    .to_csv(index=False)
    .encode("utf-8-sig"),
    file_name=f"{workspace.name}-data.csv",
    mime="text/csv",
    disabled=obs.empty,
)
c2.download_button(
    tr("team.download_goals"),
    json.dumps(goal_file, ensure_ascii=False, indent=2).encode("utf-8"),
    file_name=f"{workspace.name}-goals.json",
    mime="application/json",
    disabled=not goal_file,
)
