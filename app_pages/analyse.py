"""Step 5. Analyse: plan vs actual for every goal KPI, with the variance in units and percent."""

import pandas as pd
import streamlit as st

from kpi_core.analysis import furthest_behind, plan_vs_actual
from kpi_core.i18n import fmt_percent
from ui import state
from ui.pacing import paced_rows
from ui.state import tr
from ui.widgets import kpi_label, plain, require_workspace, value_text

st.title(tr("analyse.title"))
st.caption(tr("analyse.intro"))
workspace = require_workspace()
lang = state.lang()

goals = [goal for _, goal in state.workspace_goals(workspace.id)]
if not goals:
    st.info(tr("common.need_goal"))
    st.stop()

table = plan_vs_actual(paced_rows(workspace, goals))


def fmt(row: pd.Series, column: str) -> str:
    return value_text(row[column], row["kpi"], row["kind"], workspace.currency)


shown = pd.DataFrame(
    {
        tr("analyse.col_goal"): table["goal"],
        tr("analyse.col_kpi"): [kpi_label(k) for k in table["kpi"]],
        tr("analyse.col_target"): [fmt(r, "target") for _, r in table.iterrows()],
        tr("analyse.col_plan"): [fmt(r, "expected") for _, r in table.iterrows()],
        tr("analyse.col_actual"): [fmt(r, "actual") for _, r in table.iterrows()],
        tr("analyse.col_variance"): [
            ("" if pd.isna(r["variance"]) or r["variance"] < 0 else "+") + fmt(r, "variance")
            for _, r in table.iterrows()
        ],
        tr("analyse.col_variance_pct"): [fmt_percent(v, lang) for v in table["variance_pct"]],
        tr("analyse.col_status"): [tr("status." + s) for s in table["status"]],
    }
)
st.dataframe(shown, hide_index=True, width="stretch")

worst = furthest_behind(table)
if worst is not None:
    st.warning(
        tr(
            "analyse.worst",
            kpi=kpi_label(worst["kpi"]),
            goal=plain(worst["goal"]),
            variance=fmt_percent(worst["variance_pct"], lang),
        )
    )
