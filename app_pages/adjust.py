"""Step 6. Adjust: the action log — what was changed, when, for which goal, and the expected effect."""

import pandas as pd
import streamlit as st

from db import repository as repo
from kpi_core.catalog import all_kpis
from kpi_core.i18n import fmt_date
from ui import state
from ui.state import tr
from ui.widgets import kpi_label, kpi_labeler, require_workspace

st.title(tr("adjust.title"))
st.caption(tr("adjust.intro"))
workspace = require_workspace()
lang = state.lang()

with state.session() as s:
    goals = {g.id: g.title for g in repo.list_goals(s, workspace.id)}
    actions = [
        (a.date, a.description, goals.get(a.goal_id, ""), a.kpi, a.expected_effect or "")
        for a in repo.list_actions(s, workspace.id)
    ]

st.subheader(tr("adjust.add"))
with st.form("add_action", clear_on_submit=True):
    c1, c2 = st.columns([1, 3])
    day = c1.date_input(tr("adjust.date"), state.today(), format=state.date_format())
    what = c2.text_input(tr("adjust.what"), max_chars=500)
    c3, c4, c5 = st.columns(3)
    goal_names = {None: tr("adjust.no_goal"), **goals}
    goal_id = c3.selectbox(tr("adjust.goal"), list(goal_names), format_func=goal_names.get)
    kpi = c4.selectbox(tr("adjust.kpi"), [None, *all_kpis()], format_func=kpi_labeler())
    effect = c5.text_input(tr("adjust.expected"), max_chars=200)
    if st.form_submit_button(tr("adjust.add"), type="primary"):
        if not what.strip():
            st.error(tr("adjust.err_what"))
        else:
            with state.session() as s:
                repo.add_action(s, workspace.id, day, what, goal_id=goal_id, kpi=kpi, expected_effect=effect)
            st.session_state["action_added"] = True
            st.rerun()
if st.session_state.pop("action_added", False):
    st.success(tr("adjust.added"))

st.subheader(tr("adjust.log"))
if not actions:
    st.info(tr("adjust.none"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                tr("adjust.date"): [fmt_date(a[0], lang) for a in actions],
                tr("adjust.what"): [a[1] for a in actions],
                tr("adjust.goal"): [a[2] for a in actions],
                tr("adjust.kpi"): [kpi_label(a[3]) if a[3] in all_kpis() else "" for a in actions],
                tr("adjust.expected"): [a[4] for a in actions],
            }
        ),
        hide_index=True,
        width="stretch",
    )
