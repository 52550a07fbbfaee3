"""Step 1. Goals: create, edit, delete goals with a main KPI and its target."""

import datetime as dt

import pandas as pd
import streamlit as st

from db import repository as repo
from kpi_core.catalog.registry import OBJECTIVES, get_kpi
from kpi_core.compute.spans import last_data_day
from kpi_core.goals.plans import level_after_points
from kpi_core.goals.smart import smart_check
from kpi_core.goals.spec import GoalKPISpec, GoalSpec
from kpi_core.goals.text import TEMPLATES, GoalDateError, GoalParseError, closest_example, parse_goal
from kpi_core.i18n.formatting import fmt_date, fmt_number
from kpi_core.monitor.reasons import start_on_the_data
from ui import state
from ui.state import labels, tr
from ui.widgets import (
    kinds_for,
    kpi_label,
    kpi_labeler,
    kpi_options,
    plain,
    require_workspace,
    target_format,
    value_text,
)

st.title(tr("goals.title"))
st.caption(tr("goals.intro"))
workspace = require_workspace()
lang = state.lang()

goals = state.workspace_goals(workspace.id)


SMART_ICONS = {
    "pass": ":green[:material/check_circle:]",
    "warn": ":orange[:material/warning:]",
    "fail": ":red[:material/cancel:]",
}


def goal_errors(title: str, start: dt.date, deadline: dt.date) -> list[str]:
    errors = []
    if not title.strip():
        errors.append(tr("goals.err_title"))
    if deadline <= start:
        errors.append(tr("goals.err_dates"))
    return errors


if not goals:
    st.info(tr("goals.none"))

for goal_id, goal in goals:
    with st.expander(plain(goal.title), expanded=len(goals) == 1, icon=":material/flag:"):
        st.caption(
            f"{tr('objective.' + goal.objective)} · "
            f"{tr('goals.period', start=fmt_date(goal.start, lang), deadline=fmt_date(goal.deadline, lang))}"
            + (f" · {plain(goal.owner)}" if goal.owner else "")
        )
        with st.form(f"edit_goal_{goal_id}", enter_to_submit=False):
            title = st.text_input(tr("goals.field_title"), goal.title, max_chars=200)
            c1, c2, c3 = st.columns(3)
            start = c1.date_input(tr("goals.field_start"), goal.start, format=state.date_format())
            deadline = c2.date_input(tr("goals.field_deadline"), goal.deadline, format=state.date_format())
            owner = c3.text_input(tr("goals.field_owner"), goal.owner or "", max_chars=120)
            table = pd.DataFrame(
                {
                    "kpi": [kpi_label(k.kpi) for k in goal.kpis],
                    "kind": [k.kind for k in goal.kpis],
                    "target": [k.target for k in goal.kpis],
                    "minimum": [k.minimum for k in goal.kpis],
                    "stretch": [k.stretch for k in goal.kpis],
                }
            )
            edited = st.data_editor(
                table,
                placeholder="—",  # an empty cell, not the word "None"
                hide_index=True,
                width="stretch",
                disabled=["kpi"],
                key=f"kpis_{goal_id}",
                column_config={
                    "kpi": st.column_config.TextColumn(tr("metrics.col_name")),
                    "kind": st.column_config.SelectboxColumn(
                        tr("goals.field_kind"),
                        options=["total", "level", "change"],
                        format_func=labels("kind."),
                        width=210,  # «Сумма за период (итого)» whole
                    ),
                    "target": st.column_config.NumberColumn(tr("goals.field_target"), format="localized"),
                    "minimum": st.column_config.NumberColumn(tr("goals.field_minimum")),
                    "stretch": st.column_config.NumberColumn(tr("goals.field_stretch")),
                },
            )
            w1, w2 = st.columns([1, 2])
            who = w1.text_input(tr("revision.who"), goal.owner or "", max_chars=120, key=f"edit_who_{goal_id}")
            why = w2.text_input(tr("goals.field_why"), max_chars=300, key=f"edit_why_{goal_id}")
            if st.form_submit_button(tr("common.save")):
                errors = goal_errors(title, start, deadline)
                kpis = []
                for spec, (_, row) in zip(goal.kpis, edited.iterrows(), strict=True):
                    kind = row["kind"] if row["kind"] in kinds_for(spec.kpi) else spec.kind
                    if pd.isna(row["target"]):
                        errors.append(tr("goals.err_target", kpi=plain(kpi_label(spec.kpi))))
                        continue
                    kpis.append(
                        GoalKPISpec(
                            spec.kpi,
                            kind,
                            float(row["target"]),
                            None if pd.isna(row["minimum"]) else float(row["minimum"]),
                            None if pd.isna(row["stretch"]) else float(row["stretch"]),
                            spec.baseline,
                            spec.owner,
                            spec.plan,
                        )
                    )
                if errors:
                    for error in errors:
                        st.error(error)
                else:
                    updated = GoalSpec(title.strip(), goal.objective, start, deadline, owner.strip() or None, kpis)
                    retargeted = any(new.target != old.target for new, old in zip(kpis, goal.kpis, strict=True))
                    if retargeted and (not who.strip() or not why.strip()):
                        st.error(tr("goals.err_why"))
                    else:
                        with state.session() as s:
                            repo.update_goal(s, goal_id, updated, who=who, why=why)
                        st.toast(tr("common.saved"))
                        st.rerun()
        b1, b2 = st.columns(2)
        if b1.button(tr("goals.duplicate"), key=f"duplicate_goal_{goal_id}"):
            with state.session() as s:
                repo.duplicate_goal(s, goal_id, tr("goals.copy_of", title=goal.title))
            st.toast(tr("goals.duplicated"))
            st.rerun()
        if b2.button(tr("goals.archive"), key=f"archive_goal_{goal_id}"):
            with state.session() as s:
                repo.set_goal_archived(s, goal_id, True)
            st.toast(tr("goals.archived"))
            st.rerun()
        confirm = st.checkbox(tr("goals.confirm_delete"), key=f"confirm_delete_{goal_id}")
        if st.button(tr("common.delete"), key=f"delete_goal_{goal_id}", disabled=not confirm):
            with state.session() as s:
                repo.delete_goal(s, goal_id)
            st.toast(tr("goals.deleted"))
            st.rerun()

st.subheader(tr("goals.new"))


def prefill(sentence: str) -> None:
    """Fill the form below from a sentence (a button callback, before the widgets are drawn)."""
    try:
        goal = parse_goal(sentence, today=state.today())
    except GoalDateError as error:
        st.session_state["goal_bad_date"] = error.written
        return
    except GoalParseError:
        st.session_state["goal_parse_failed"] = True
        return
    st.session_state.update(
        new_goal_title=sentence.strip(),
        new_goal_objective=goal["objective"],
        new_goal_kpi=goal["kpi"],
        new_goal_kind=goal["kind"],
        new_goal_target=goal["target"],
        new_goal_start=dt.date.fromisoformat(goal["start"]),
    )
    if goal["deadline"]:
        st.session_state["new_goal_deadline"] = dt.date.fromisoformat(goal["deadline"])
        obs = state.workspace_observations(workspace)
        moved = start_on_the_data(
            st.session_state["new_goal_start"],
            st.session_state["new_goal_deadline"],
            None if obs.empty else last_data_day(obs),
        )
        if moved is not None:  # the data ends before the sentence's start: the goal is put on the data
            st.session_state.update(new_goal_start=moved[0], new_goal_deadline=moved[1])
            st.session_state["goal_moved_onto_data"] = last_data_day(obs).isoformat()
    if goal["points"]:  # "+1.5 п.п.": a level of today's value plus the points, not a change in percent
        levels = level_after_points(
            state.workspace_observations(workspace),
            goal["kpi"],
            goal["target"],
            st.session_state["new_goal_start"],
            st.session_state.get("new_goal_deadline") or st.session_state["new_goal_start"] + dt.timedelta(days=90),
        )
        st.session_state.update(new_goal_kind="level", new_goal_target=None if levels is None else round(levels[1], 2))
        st.session_state["goal_points"] = (goal["kpi"], goal["target"], levels)
    elif goal["per"] and goal["kind"] == "level" and goal["per"] != workspace.review_period:
        st.session_state["goal_per"] = goal["per"]


def draft_from_form() -> GoalSpec:
    """The goal as the form holds it now (read from the widgets' state, so callbacks see the latest)."""
    value = st.session_state.get
    target = value("new_goal_target")
    kpi_id = value("new_goal_kpi")
    kpis = [GoalKPISpec(kpi_id, value("new_goal_kind"), float(target))] if target is not None and kpi_id else []
    return GoalSpec(
        (value("new_goal_title") or "").strip(),
        value("new_goal_objective") or OBJECTIVES[0],
        value("new_goal_start") or state.today(),
        value("new_goal_deadline") or state.today() + dt.timedelta(days=90),
        (value("new_goal_owner") or "").strip() or None,
        kpis,
    )


if st.session_state.pop("goal_prefill", False):  # a sentence proposed on the Data page after an import
    prefill(st.session_state.get("goal_sentence", ""))
sentence = st.text_input(tr("goals.sentence"), key="goal_sentence", placeholder=TEMPLATES["sales"][lang == "en"])
st.button(tr("goals.read"), key="read_sentence", on_click=lambda: prefill(st.session_state.get("goal_sentence", "")))
if moved_for := st.session_state.pop("goal_moved_onto_data", None):
    st.info(
        tr(
            "goals.moved_onto_data",
            data_end=fmt_date(dt.date.fromisoformat(moved_for), lang),
            start=fmt_date(st.session_state["new_goal_start"], lang),
        )
    )
if points := st.session_state.pop("goal_points", None):
    kpi_id, added, levels = points
    if levels is None:
        st.warning(tr("goals.points_no_data", points=fmt_number(added, lang, 1), kpi=plain(kpi_label(kpi_id))))
    else:
        st.info(
            tr(
                "goals.points_level",
                points=fmt_number(added, lang, 1),
                now=value_text(levels[0], kpi_id, "level", workspace.currency),
                target=value_text(levels[1], kpi_id, "level", workspace.currency),
            )
        )
if per := st.session_state.pop("goal_per", None):
    st.warning(
        tr(
            "goals.per_other_period",
            per=tr("per." + per),
            review=tr("period." + workspace.review_period).lower(),
        )
    )
if bad_date := st.session_state.pop("goal_bad_date", None):
    st.warning(tr("goals.bad_date", date=plain(bad_date)))
if st.session_state.pop("goal_parse_failed", False):
    st.warning(tr("goals.unreadable", example=closest_example(sentence, lang)))
st.caption(tr("goals.templates"))
template_columns = st.columns(len(TEMPLATES))
for column, (name, sentences) in zip(template_columns, TEMPLATES.items(), strict=True):
    column.button(
        tr("goals.template." + name),
        key=f"template_{name}",
        on_click=prefill,
        args=(sentences[lang == "en"],),
        width="stretch",
    )

with st.container(border=True):
    title = st.text_input(
        tr("goals.field_title"), key="new_goal_title", max_chars=200, placeholder=tr("goals.placeholder")
    )
    c1, c2 = st.columns(2)
    objective = c1.selectbox(
        tr("goals.field_objective"), OBJECTIVES, key="new_goal_objective", format_func=labels("objective.")
    )
    owner = c2.text_input(tr("goals.field_owner"), key="new_goal_owner", max_chars=120)
    c3, c4 = st.columns(2)
    start = c3.date_input(tr("goals.field_start"), state.today(), key="new_goal_start", format=state.date_format())
    deadline = c4.date_input(
        tr("goals.field_deadline"),
        state.today() + dt.timedelta(days=90),
        key="new_goal_deadline",
        format=state.date_format(),
    )
    c5, c6, c7 = st.columns(3)
    kpi_id = c5.selectbox(tr("goals.field_kpi"), kpi_options(objective), key="new_goal_kpi", format_func=kpi_labeler())
    if st.session_state.get("new_goal_kind") not in kinds_for(kpi_id):
        st.session_state.pop("new_goal_kind", None)
    kind = c6.selectbox(tr("goals.field_kind"), kinds_for(kpi_id), key="new_goal_kind", format_func=labels("kind."))
    target = c7.number_input(
        tr("goals.field_target"),
        value=None,
        key="new_goal_target",
        help=tr("goals.target_help"),
        format=target_format(kpi_id, kind),
    )
    st.caption(plain(get_kpi(kpi_id).definition(lang)))

    draft = GoalSpec(
        title.strip(),
        objective,
        start,
        deadline,
        owner.strip() or None,
        [GoalKPISpec(kpi_id, kind, float(target))] if target is not None else [],
    )
    st.markdown(f"**{tr('goals.smart')}**")
    if not title.strip() and target is None:
        st.caption(tr("goals.smart_empty"))
    else:
        for check in smart_check(draft, state.workspace_observations(workspace)):
            icon = SMART_ICONS[check.verdict]
            st.markdown(f"{icon} **{check.letter}** — {plain(check.message(lang))}")


def save_new_goal() -> None:
    """Save the drafted goal and empty the form (a button callback, so the fields can be reset)."""
    draft = draft_from_form()
    errors = goal_errors(draft.title, draft.start, draft.deadline)
    if not draft.kpis:
        errors.append(tr("goals.err_target", kpi=plain(kpi_label(st.session_state["new_goal_kpi"]))))
    if errors:
        st.session_state["goal_errors"] = errors
        return
    with state.session() as s:
        repo.add_goal(s, workspace.id, draft)
    st.session_state.update(new_goal_title="", new_goal_target=None, goal_sentence="", goal_created=True)


st.button(tr("goals.create"), type="primary", key="create_goal", on_click=save_new_goal)
for error in st.session_state.pop("goal_errors", []):
    st.error(error)
if st.session_state.pop("goal_created", False):
    st.success(tr("goals.created"))
    st.page_link("app_pages/metrics.py", label=tr("page.metrics"), icon=":material/checklist:")

with state.session() as s:
    archived = [(g.id, g.title) for g in repo.list_goals(s, workspace.id, include_archived=True) if g.archived]
if archived:
    with st.expander(tr("goals.archived_list")):
        for goal_id, goal_title in archived:
            a1, a2 = st.columns([4, 1])
            a1.write(plain(goal_title))
            if a2.button(tr("goals.restore"), key=f"restore_goal_{goal_id}"):
                with state.session() as s:
                    repo.set_goal_archived(s, goal_id, False)
                st.rerun()
