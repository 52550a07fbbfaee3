"""Step 6. Adjust: where the budget should go (or why the data cannot say), a what-if simulator
showing the effect on every goal, the action log with each action's measured effect, and target
revisions with who, when and why."""

import pandas as pd
import streamlit as st

import workflows
from db import repository as repo
from db.engine import database_url
from kpi_core.adjust.effect import measure_logged_action
from kpi_core.adjust.reallocate import Reallocation, recommend
from kpi_core.catalog.registry import CHANNELS, all_kpis, get_kpi
from kpi_core.i18n.formatting import fmt_date
from ui import state
from ui.budget import ADDED, advice_section, apply_section, goals_section, whatif_section
from ui.state import tr
from ui.widgets import (
    channel_label,
    gap_text,
    kpi_label,
    kpi_labeler,
    plain,
    require_workspace,
    target_format,
    value_text,
)

st.title(tr("adjust.title"))
st.caption(tr("adjust.intro"))
workspace = require_workspace()
lang = state.lang()
money = workspace.currency
obs = state.workspace_observations(workspace)


@st.cache_data(show_spinner=False, max_entries=8)
def _advice(url: str, workspace_id: int, data_version: int) -> Reallocation:
    return recommend(state.observations(url, workspace_id, data_version))


st.subheader(tr("advice.title"))
if obs.empty:
    st.info(tr("monitor.no_data"))
else:
    advice = _advice(database_url(), workspace.id, workspace.data_version)
    advice_section(advice, workspace)
    if advice.curves:
        whatif = whatif_section(advice, money)
        goals_section(whatif, workspace, state.workspace_totals(workspace), state.workspace_goals(workspace.id))
        apply_section(advice, whatif, workspace)


# --- the action log and target revisions (one read of goals, revisions and actions) ------------

with state.session() as s:
    logged = workflows.action_log(s, workspace.id)
goal_titles, goal_kpis, revisions, actions = logged.goal_titles, logged.goal_kpis, logged.revisions, logged.actions

st.subheader(tr("adjust.log"))
with st.expander(tr("adjust.add")), st.form("add_action", clear_on_submit=True, enter_to_submit=False):
    c1, c2 = st.columns([1, 3])
    day = c1.date_input(tr("adjust.date"), state.today(), format=state.date_format())
    what = c2.text_input(tr("adjust.what"), max_chars=500, key="action_what")
    c3, c4, c5 = st.columns(3)
    goal_names = {None: tr("adjust.no_goal"), **goal_titles}
    goal_id = c3.selectbox(tr("adjust.goal"), list(goal_names), format_func=goal_names.get, key="action_goal")
    kpi = c4.selectbox(tr("adjust.kpi"), [None, *all_kpis()], format_func=kpi_labeler(), key="action_kpi")
    effect = c5.text_input(tr("adjust.expected"), max_chars=200)
    present = sorted(set(obs["channel"]) - {"all"}) if not obs.empty else []
    touched = st.multiselect(
        tr("adjust.channels"),
        present or [c for c in CHANNELS if c != "all"],
        format_func=channel_label,
        key="action_channels",
        placeholder=tr("common.choose"),
        select_all=False,  # Streamlit writes its "Select all" in English only
    )
    if st.form_submit_button(tr("adjust.add"), type="primary", key="action_add"):
        if not what.strip():
            st.error(tr("adjust.err_what"))
        else:
            with state.session() as s:
                repo.add_action(
                    s, workspace.id, day, what, goal_id=goal_id, kpi=kpi, expected_effect=effect, channels=touched
                )
            st.session_state[ADDED] = "adjust.added"
            st.rerun()
if added := st.session_state.pop(ADDED, None):
    st.success(tr(added))


@st.cache_data(show_spinner=False, max_entries=256)
def _measured(url: str, workspace_id: int, data_version: int, kpi_id: str, day, channels: str | None, margin):
    """A logged action's measured effect, computed once per data version."""
    obs = state.observations(url, workspace_id, data_version)
    return measure_logged_action(obs, kpi_id, day, channels.split(",") if channels else None, margin)


def measured_text(kpi_id: str | None, day, channels: str | None) -> str:
    """What the data says about one logged action so far, in a sentence."""
    if not kpi_id or kpi_id not in all_kpis() or obs.empty:
        return tr("effect.none")
    found = _measured(database_url(), workspace.id, workspace.data_version, kpi_id, day, channels, workspace.margin_pct)
    if found.wait_days:
        return tr("effect.wait", days=found.wait_days)
    its = found.its
    if its is None or its.effect_total is None:
        return tr("effect.none") + (f" ({tr('effect.short_pre')})" if its is not None else "")

    def fmt(value: float) -> str:  # a rate's shift in percentage points
        return gap_text(value, kpi_id, "level", money)

    days = found.days_after
    if found.additive:
        text = tr(
            "effect.measured",
            total=fmt(its.effect_total),
            days=days,
            per_day=fmt(its.effect_per_day),
            low=fmt(its.low),
            high=fmt(its.high),
        )
    else:  # a rate or an average: its days do not add up, so say how far it shifted on average
        low, high = found.per_day_interval() or (float("nan"), float("nan"))
        text = tr("effect.measured_level", per_day=fmt(its.effect_per_day), days=days, low=fmt(low), high=fmt(high))
    if found.did is not None:
        text += " · " + tr("effect.did", per_day=fmt(found.did[0]))
    if its.refusals:
        text += " — " + tr("effect.untrusted") + "; ".join(tr(r) for r in its.refusals)
    return text


if not actions:
    st.info(tr("adjust.none"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                tr("adjust.date"): [fmt_date(a.day, lang) for a in actions],
                tr("adjust.what"): [a.description for a in actions],
                tr("adjust.goal"): [a.goal for a in actions],
                tr("adjust.kpi"): [kpi_label(a.kpi) if a.kpi in all_kpis() else "" for a in actions],
                tr("adjust.expected"): [a.expected_effect for a in actions],
            }
        ),
        hide_index=True,
        width="stretch",
        key="action_log",
    )
    st.markdown(f"**{tr('effect.title')}**")
    for a in actions:
        label = f" ({plain(kpi_label(a.kpi))})" if a.kpi in all_kpis() else ""
        st.markdown(
            f"- **{fmt_date(a.day, lang)} · {plain(a.description)}**{label}: "
            + plain(measured_text(a.kpi, a.day, a.channels))
        )
    with st.expander(tr("effect.method")):
        st.caption(tr("effect.note"))


# --- target revisions ---------------------------------------------------------------------

st.subheader(tr("revision.title"))
st.caption(tr("revision.intro"))
if goal_kpis:
    revision_labels = {i: f"{row.goal} — {get_kpi(row.kpi).name(lang)}" for i, row in goal_kpis.items()}
    # the KPI is picked outside the form, so the target field takes its unit's format at once
    chosen = st.selectbox(
        tr("revision.kpi"),
        list(goal_kpis),
        format_func=revision_labels.__getitem__,
        key="revision_kpi",
    )
    with st.form("revise_target", enter_to_submit=False):
        r1, r2 = st.columns([1, 1])
        new_target = r1.number_input(
            tr("revision.new_target"),
            value=None,
            format=target_format(goal_kpis[chosen].kpi, goal_kpis[chosen].kind),
            key="revision_target",
        )
        who = r2.text_input(tr("revision.who"), max_chars=120, key="revision_who")
        why = st.text_area(tr("revision.why"), max_chars=1000, key="revision_why")
        if st.form_submit_button(tr("revision.save"), key="revision_save"):
            old = goal_kpis[chosen].target
            if not who.strip() or not why.strip() or new_target is None:
                st.error(tr("revision.err_why"))
            elif float(new_target) == old:
                st.error(tr("revision.err_same"))
            else:
                with state.session() as s:
                    repo.revise_target(s, chosen, float(new_target), who, why)
                st.session_state["revision_saved"] = True
                st.rerun()
else:
    st.info(tr("common.need_goal"))
if st.session_state.pop("revision_saved", False):
    st.success(tr("revision.saved"))
if revisions:
    st.dataframe(
        pd.DataFrame(
            {
                tr("revision.col_when"): [fmt_date(r.changed_at.date(), lang) for r in revisions],
                tr("whatif.col_goal"): [r.goal for r in revisions],
                tr("whatif.col_kpi"): [kpi_label(r.kpi) for r in revisions],
                tr("revision.col_change"): [
                    value_text(r.old_target, r.kpi, r.kind, money)
                    + " → "
                    + value_text(r.new_target, r.kpi, r.kind, money)
                    for r in revisions
                ],
                tr("revision.who"): [r.who for r in revisions],
                tr("revision.why"): [r.why for r in revisions],
            }
        ),
        hide_index=True,
        width="stretch",
        key="revisions",
    )
else:
    st.caption(tr("revision.none"))
