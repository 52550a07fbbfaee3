"""Step 2. Metrics: 3–5 KPIs per goal, chosen from the catalog with their definitions."""

import pandas as pd
import streamlit as st

from db import repository as repo
from kpi_core.catalog import KPI_LIST, KPIS
from kpi_core.goals import MAX_KPIS, MIN_KPIS, GoalKPISpec
from ui import state
from ui.state import labels, tr
from ui.widgets import kinds_for, kpi_label, kpi_labeler, kpi_options, require_workspace, value_text

st.title(tr("metrics.title"))
st.caption(tr("metrics.intro"))
workspace = require_workspace()
lang = state.lang()

goals = state.workspace_goals(workspace.id)
if not goals:
    st.info(tr("common.need_goal"))
    st.page_link("app_pages/goals.py", label=tr("page.goals"), icon=":material/flag:")
    st.stop()

titles = dict(goals)
goal_id = st.selectbox(tr("metrics.goal"), list(titles), key="metrics_goal", format_func=lambda g: titles[g].title)
goal = titles[goal_id]
count = len(goal.kpis)


def save(kpis: list[GoalKPISpec]) -> None:
    goal.kpis = kpis
    with state.session() as s:
        repo.update_goal(s, goal_id, goal)


st.subheader(tr("metrics.chosen"))
if count < MIN_KPIS:
    st.warning(tr("metrics.too_few", n=count))
elif count >= MAX_KPIS:
    st.warning(tr("metrics.too_many"))
else:
    st.success(tr("metrics.ok", n=count))

for index, spec in enumerate(goal.kpis):
    kpi = KPIS[spec.kpi]
    name_col, target_col, remove_col = st.columns([4, 3, 1])
    name_col.markdown(f"**{kpi.name(lang)}**")
    name_col.caption(kpi.definition(lang))
    target_col.write(f"{tr('kind.' + spec.kind)}: {value_text(spec.target, spec.kpi, spec.kind, workspace.currency)}")
    if remove_col.button(tr("metrics.remove"), key=f"remove_kpi_{goal_id}_{spec.kpi}"):
        save([k for i, k in enumerate(goal.kpis) if i != index])
        st.toast(tr("metrics.removed"))
        st.rerun()

st.subheader(tr("metrics.add"))
recommended = {k.id for k in KPI_LIST if goal.objective in k.objectives}
c1, c2, c3 = st.columns([3, 2, 2])
kpi_id = c1.selectbox(
    tr("metrics.kpi"),
    kpi_options(goal.objective),
    key="add_kpi_id",
    format_func=kpi_labeler(recommended, f" ★ {tr('metrics.recommended')}"),
)
kind = c2.selectbox(tr("goals.field_kind"), kinds_for(kpi_id), key="add_kpi_kind", format_func=labels("kind."))
target = c3.number_input(tr("goals.field_target"), value=None, key="add_kpi_target", help=tr("goals.target_help"))
kpi = KPIS[kpi_id]
good = f"{tr('metrics.col_good')} {tr('good.' + kpi.good)}"
st.caption(f"{kpi.definition(lang)} {tr('metrics.col_formula')}: {kpi.formula_text} · {good}")
if st.button(tr("metrics.add"), type="primary", key="add_kpi"):
    if count >= MAX_KPIS:
        st.error(tr("metrics.too_many"))
    elif any(k.kpi == kpi_id for k in goal.kpis):
        st.error(tr("metrics.already"))
    elif target is None:
        st.error(tr("goals.err_target", kpi=kpi_label(kpi_id)))
    else:
        save([*goal.kpis, GoalKPISpec(kpi_id, kind, float(target))])
        st.session_state.pop("add_kpi_target", None)
        st.toast(tr("metrics.added"))
        st.rerun()

with st.expander(tr("metrics.catalog")):
    st.dataframe(
        pd.DataFrame(
            {
                tr("metrics.col_name"): [k.name(lang) for k in KPI_LIST],
                tr("metrics.col_definition"): [k.definition(lang) for k in KPI_LIST],
                tr("metrics.col_formula"): [k.formula_text for k in KPI_LIST],
                tr("metrics.col_good"): [tr("good." + k.good) for k in KPI_LIST],
            }
        ),
        hide_index=True,
        width="stretch",
    )
