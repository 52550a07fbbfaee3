"""Step 2. Metrics: 3–5 KPIs per goal, chosen from the catalog with their definitions."""

import pandas as pd
import streamlit as st

import workflows
from db import repository as repo
from kpi_core.catalog.formula import FormulaError
from kpi_core.catalog.kpi import UNITS
from kpi_core.catalog.measures import MEASURE_LIST, formula_name
from kpi_core.catalog.registry import KPI_LIST, get_kpi
from kpi_core.compute.periods import window_months
from kpi_core.goals.plans import DEFAULT_UPLIFT, shape_like_last_year, spread_evenly, starter_kpis, suggested_target
from kpi_core.goals.spec import MAX_KPIS, MIN_KPIS, GoalKPISpec
from kpi_core.i18n.formatting import fmt_number
from kpi_core.monitor.path import missing_measures
from ui import state
from ui.data_card import measure_name
from ui.state import labels, tr
from ui.widgets import (
    error_text,
    kinds_for,
    kpi_label,
    kpi_labeler,
    kpi_options,
    plain,
    require_workspace,
    static_table,
    target_format,
    target_text,
    value_text,
)

st.title(tr("metrics.title"))
st.caption(tr("metrics.intro"))
workspace = require_workspace()
lang = state.lang()

goals = state.workspace_goals(workspace.id)
if not goals:
    st.info(tr("common.need_goal"))
    st.page_link("app_pages/goals.py", label=tr("page.goals"), icon=":material/flag:")
    st.stop()

PLAN_METHODS = ["none", "even", "last_year", "typed"]
titles = dict(goals)
goal_id = st.selectbox(tr("metrics.goal"), list(titles), key="metrics_goal", format_func=lambda g: titles[g].title)
goal = titles[goal_id]
count = len(goal.kpis)


def save(kpis: list[GoalKPISpec]) -> None:
    goal.kpis = kpis
    with state.session() as s:
        repo.update_goal(s, goal_id, goal)


def edit_details(index: int, spec: GoalKPISpec) -> None:
    """Minimum, stretch, owner and — for a total — a plan per month (even, like last year, or typed)."""
    key = f"{goal_id}_{spec.kpi}"
    d1, d2, d3 = st.columns(3)
    shown = target_format(spec.kpi, spec.kind)
    minimum = d1.number_input(tr("goals.field_minimum"), value=spec.minimum, key=f"min_{key}", format=shown)
    stretch = d2.number_input(tr("goals.field_stretch"), value=spec.stretch, key=f"stretch_{key}", format=shown)
    owner = d3.text_input(tr("goals.field_owner"), spec.owner or "", max_chars=120, key=f"owner_{key}")
    plan = dict(spec.plan)
    if spec.kind == "total":
        method = st.radio(
            tr("metrics.plan"),
            PLAN_METHODS,
            key=f"plan_method_{key}",
            horizontal=True,
            format_func=labels("metrics.plan."),
            index=PLAN_METHODS.index("typed" if plan else "none"),
        )
        if method == "even":
            plan = spread_evenly(spec.target, goal.start, goal.deadline)
        elif method == "last_year":
            shaped = shape_like_last_year(
                spec.target, goal.start, goal.deadline, state.workspace_observations(workspace), spec.kpi
            )
            if shaped is None:
                st.info(tr("metrics.plan_no_history"))
            plan = shaped or {}
        elif method == "none":
            plan = {}
        months = [m for m, _ in window_months(goal.start, goal.deadline)]
        if method != "none":
            table = pd.DataFrame({"month": months, "plan": [plan.get(m) for m in months]})
            edited = st.data_editor(
                table,
                placeholder="—",  # an empty cell, not the word "None"
                key=f"plan_table_{key}_{method}",
                hide_index=True,
                disabled=["month"],
                column_config={
                    "month": st.column_config.TextColumn(tr("metrics.plan_month")),
                    "plan": st.column_config.NumberColumn(tr("metrics.plan_value"), format="localized"),
                },
            )
            plan = {row.month: float(row.plan) for row in edited.itertuples(index=False) if pd.notna(row.plan)}
            st.caption(
                tr("metrics.plan_total", total=value_text(sum(plan.values()), spec.kpi, "total", workspace.currency))
            )
    if st.button(tr("common.save"), key=f"save_details_{key}"):
        kpis = list(goal.kpis)
        kpis[index] = GoalKPISpec(
            spec.kpi, spec.kind, spec.target, minimum, stretch, spec.baseline, owner.strip() or None, plan
        )
        save(kpis)
        st.toast(tr("common.saved"))
        st.rerun()


st.subheader(tr("metrics.chosen"))
if count < MIN_KPIS:
    st.warning(tr("metrics.too_few", n=count))
elif count >= MAX_KPIS:
    st.warning(tr("metrics.too_many"))
else:
    st.success(tr("metrics.ok", n=count))

for index, spec in enumerate(goal.kpis):
    kpi = get_kpi(spec.kpi)
    name_col, target_col, remove_col = st.columns([4, 3, 1])
    name_col.markdown(f"**{plain(kpi.name(lang))}**")
    name_col.caption(plain(kpi.definition(lang)))
    target_col.write(f"{tr('kind.' + spec.kind)}: {target_text(spec.target, spec.kpi, spec.kind, workspace.currency)}")
    if remove_col.button(tr("metrics.remove"), key=f"remove_kpi_{goal_id}_{spec.kpi}"):
        save([k for i, k in enumerate(goal.kpis) if i != index])
        st.toast(tr("metrics.removed"))
        st.rerun()
    # a plan per month is for a total only: the label promises it only there
    details = "metrics.details_plan" if spec.kind == "total" else "metrics.details"
    with st.expander(tr(details, kpi=plain(kpi.name(lang)))):
        edit_details(index, spec)

obs = state.workspace_observations(workspace)
present = set(obs["measure"])
# with data: recommended only what the data can compute, the rest last with what it lacks
lacking = {k: missing_measures(k, present) for k in kpi_options(goal.objective)} if present else {}


def starter_section() -> None:
    """The goal's first KPIs in one click: the objective's starters the data can compute, each with a
    target from the days before the goal (as much better as the goal's own change, else 10 %)."""
    starters = starter_kpis(goal.objective, [k.kpi for k in goal.kpis], lambda k: not lacking.get(k))
    if not starters:
        return
    stated = next((k.target for k in goal.kpis if k.kind == "change"), None)
    uplift = abs(stated) if stated else DEFAULT_UPLIFT
    proposals = [
        (k, *suggested_target(obs, k, goal.start, goal.deadline, uplift, workspace.review_period)) for k in starters
    ]
    with st.container(border=True):
        st.markdown(f"**{tr('metrics.starters', n=len(starters))}**")
        st.caption(tr("metrics.starters_how", uplift=fmt_number(uplift, lang, 0)))
        table = pd.DataFrame(
            {
                "kpi": [kpi_label(k) for k, *_ in proposals],
                "kind": [tr("kind." + kind) for _, kind, _, _ in proposals],
                "now": [value_text(base, k, kind, workspace.currency) for k, kind, _, base in proposals],
                "target": [target for _, _, target, _ in proposals],
            }
        )
        edited = st.data_editor(
            table,
            key=f"starters_{goal_id}",
            hide_index=True,
            disabled=["kpi", "kind", "now"],
            column_config={
                "kpi": st.column_config.TextColumn(tr("metrics.kpi"), width=220),
                "kind": st.column_config.TextColumn(tr("goals.field_kind"), width=160),
                "now": st.column_config.TextColumn(tr("metrics.starters_now"), width=140),
                "target": st.column_config.NumberColumn(tr("goals.field_target"), format="localized", required=True),
            },
        )
        if st.button(tr("metrics.starters_add", n=len(starters)), type="primary", key="add_starters"):
            targets = list(edited["target"])
            if any(pd.isna(t) for t in targets):
                st.error(tr("metrics.starters_fill"))
                return
            added = [GoalKPISpec(k, kind, float(t)) for (k, kind, _, _), t in zip(proposals, targets, strict=True)]
            save([*goal.kpis, *added])
            st.toast(tr("metrics.added"))
            st.rerun()


starter_section()
st.subheader(tr("metrics.add"))
recommended = {k.id for k in KPI_LIST if goal.objective in k.objectives and not lacking.get(k.id)}
chosen = {k.kpi for k in goal.kpis}  # a KPI already on the goal is not offered again
options = sorted((k for k in kpi_options(goal.objective) if k not in chosen), key=lambda k: bool(lacking.get(k)))
notes = {
    k: tr("metrics.lacks", measures=", ".join(sorted(measure_name(m) for m in missing)))
    for k, missing in lacking.items()
    if missing
}
marked = kpi_labeler(recommended, f" ★ {tr('metrics.recommended')}")
c1, c2, c3 = st.columns([3, 2, 2])
kpi_id = c1.selectbox(
    tr("metrics.kpi"),
    options,
    key="add_kpi_id",
    format_func=lambda k, names=marked, notes=notes: names(k) + (f" — {notes[k]}" if k in notes else ""),
)
# kind and target are keyed by the KPI: the kind chosen for a bounce rate does not carry over to the next KPI
kind = c2.selectbox(
    tr("goals.field_kind"), kinds_for(kpi_id), key=f"add_kpi_kind_{kpi_id}", format_func=labels("kind.")
)
target = c3.number_input(
    tr("goals.field_target"),
    value=None,
    key=f"add_kpi_target_{kpi_id}",
    help=tr("goals.target_help"),
    format=target_format(kpi_id, kind),
)
kpi = get_kpi(kpi_id)
good = f"{tr('metrics.col_good')} {tr('good.' + kpi.good)}"
st.caption(f"{plain(kpi.definition(lang))} {tr('metrics.col_formula')}: {plain(kpi.formula_words(lang))} · {good}")
if st.button(tr("metrics.add"), type="primary", key="add_kpi"):
    if count >= MAX_KPIS:
        st.error(tr("metrics.too_many"))
    elif any(k.kpi == kpi_id for k in goal.kpis):
        st.error(tr("metrics.already"))
    elif target is None:
        st.error(tr("goals.err_target", kpi=plain(kpi_label(kpi_id))))
    else:
        save([*goal.kpis, GoalKPISpec(kpi_id, kind, float(target))])
        st.session_state.pop(f"add_kpi_target_{kpi_id}", None)
        st.toast(tr("metrics.added"))
        st.rerun()

# in a formula a measure is written as one word: its Russian name in Russian («новые_клиенты»), its id in English
formula_names = ", ".join(sorted(formula_name(m, lang) for m in MEASURE_LIST))
with st.expander(tr("custom.title")):
    n1, n2 = st.columns([2, 3])
    custom_name = n1.text_input(tr("custom.name"), key="custom_name", max_chars=120)
    custom_formula = n2.text_input(
        tr("custom.formula"),
        key="custom_formula",
        max_chars=300,
        help=tr("custom.formula_help", measures=formula_names),
        placeholder=tr("custom.formula_example"),
    )
    u1, u2 = st.columns(2)
    custom_unit = u1.selectbox(tr("custom.unit"), list(UNITS), key="custom_unit", format_func=labels("unit."))
    custom_good = u2.selectbox(tr("custom.good"), ["up", "down"], key="custom_good", format_func=labels("good."))
    if st.button(tr("custom.create"), key="create_custom_kpi"):
        if not custom_name.strip():
            st.error(tr("custom.name_empty"))
        else:
            try:
                with state.session() as s:
                    created = workflows.add_custom_kpi(
                        s, workspace.id, custom_name, custom_formula, custom_unit, custom_good
                    )
                st.session_state["custom_created"] = created.name_en
                st.rerun()
            except FormulaError as error:
                if error.key == "formula.unknown_name":  # the names the reader can type, in their language
                    error.params["measures"] = formula_names
                st.error(error_text(error))
            except ValueError:
                st.error(tr("home.name_taken", name=plain(custom_name.strip())))
    if st.session_state.get("custom_created"):
        st.success(tr("custom.created", name=plain(st.session_state.pop("custom_created"))))

with st.expander(tr("metrics.catalog")):
    static_table(
        {
            tr("metrics.col_name"): [k.name(lang) for k in KPI_LIST],
            tr("metrics.col_definition"): [k.definition(lang) for k in KPI_LIST],
            tr("metrics.col_formula"): [k.formula_words(lang) for k in KPI_LIST],
            tr("metrics.col_good"): [tr("good." + k.good) for k in KPI_LIST],
        }
    )
