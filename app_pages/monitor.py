"""Step 4. Monitor: per goal, KPI cards (actual, target, change vs previous period) and a chart each."""

import dataclasses
import json

import pandas as pd
import streamlit as st

import workflows
from db import repository as repo
from db.engine import database_url
from kpi_core.catalog.registry import get_kpi
from kpi_core.compute.series import compare_last_periods, compare_with_last_year, complete_kpi_series, kpi_by_channel
from kpi_core.compute.spans import last_data_day
from kpi_core.goals.spec import GoalKPISpec
from kpi_core.i18n.formatting import fmt_date, fmt_percent, fmt_value, t
from kpi_core.monitor.cards import (
    actions_on_chart,
    break_even_line,
    days_left,
    spend_note_needed,
    sums_uniques,
    target_band,
)
from kpi_core.monitor.pacing import goal_status, pace_goal_kpi
from kpi_core.monitor.path import available_kpis, progress_path
from kpi_core.monitor.reasons import start_on_the_data
from ui import state
from ui.alerts import alert_text, workspace_alerts
from ui.charts import goal_kpi_spec
from ui.pacing import paced_rows, status_reason
from ui.state import labels, tr
from ui.widgets import (
    arithmetic_note,
    channel_label,
    delta_args,
    figure_text,
    kpi_label,
    plain,
    require_workspace,
    static_table,
    status_badge,
    target_text,
    value_text,
)

st.title(tr("monitor.title"))
workspace = require_workspace()
lang = state.lang()
as_of = state.today()

period = st.radio(
    tr("monitor.period"),
    ["week", "month"],
    index=0 if workspace.review_period == "week" else 1,
    horizontal=True,
    key="monitor_period",
    format_func=labels("period."),
)


@st.cache_data(show_spinner=False, max_entries=256)
def kpi_panel(url, workspace_id, data_version, spec_json, start, deadline, as_of, period, review, margin_pct):
    """Pace, chart path and last-period comparison of one goal KPI (cached per data version).

    The pace (status, projection) is the workspace's, at its review period, as on the scorecard and in
    the alerts; ``period``, the page's Week/Month switch, sets only the chart's and the comparison's grain."""
    obs = state.observations(url, workspace_id, data_version)
    spec = GoalKPISpec(**json.loads(spec_json))
    pace = pace_goal_kpi(obs, spec, start, deadline, as_of, review, margin_pct)
    path = progress_path(obs, spec, start, deadline, as_of, period, margin_pct)
    series = complete_kpi_series(obs, spec.kpi, period, as_of, margin_pct)
    return {
        "pace": pace,
        "path": path,
        "previous": compare_last_periods(series),
        "last_year": compare_with_last_year(series, period),
        "spark": [None if pd.isna(v) else float(v) for v in series.tail(12)],
    }


@st.cache_data(show_spinner=False, max_entries=512)
def kpi_chart(*panel_args, lang: str, shown: tuple) -> dict:
    """The card's chart as a Vega-Lite spec, built once per data version, grain, language and logged
    actions: ``panel_args`` are ``kpi_panel``'s, cheap to hash, where the chart's data was not (hashing
    each card's data on every rerun was a third of the Week/Month switch)."""
    panel = kpi_panel(*panel_args)
    spec, margin_pct = GoalKPISpec(**json.loads(panel_args[3])), panel_args[9]
    words = {
        "actual": "monitor.series_actual",
        "expected": "monitor.series_expected",
        "projected": "monitor.series_projected",
        "target": "monitor.chart_target",
        "band": "monitor.band",
        "action": "monitor.action",
        "day": "monitor.chart_period",
        # short: a long axis title is cut off on a card a third of the page wide
        "value": {"total": "monitor.cumulative", "change": "monitor.chart_change"}.get(
            spec.kind, "monitor.chart_value"
        ),
    }
    break_even = break_even_line(spec, margin_pct)
    reference = None if break_even is None else (break_even, t("note.break_even", lang))
    pace = panel["pace"]
    return goal_kpi_spec(
        lang,
        panel["path"],
        pace.target,
        pace.projected,
        panel_args[5],  # the deadline
        {name: t(key, lang) for name, key in words.items()},
        target_band(spec),
        list(shown),
        reference,
    )


@st.cache_data(show_spinner=False, max_entries=64)
def by_channel(url, workspace_id, data_version, kpi_ids, start, end, margin_pct) -> pd.DataFrame:
    """Each goal KPI over the goal's window so far, per channel present in the data."""
    obs = state.observations(url, workspace_id, data_version)
    return pd.DataFrame({kpi_id: kpi_by_channel(obs, kpi_id, start, end, margin_pct) for kpi_id in kpi_ids})


obs = state.workspace_observations(workspace)
if obs.empty:
    st.info(tr("monitor.no_data"))
    st.page_link("app_pages/data.py", label=tr("page.data"), icon=":material/upload_file:")
else:
    st.caption(tr("monitor.as_of", date=fmt_date(last_data_day(obs) or state.today(), lang)))  # spans' ends count


@st.cache_data(show_spinner=False, max_entries=64)
def overview(url, workspace_id, data_version, period, as_of, margin_pct):
    """The latest complete period of each KPI the data can show, with the change to the one before."""
    obs = state.observations(url, workspace_id, data_version)
    return [
        (kpi_id, compare_last_periods(complete_kpi_series(obs, kpi_id, period, as_of, margin_pct)))
        for kpi_id in available_kpis(obs)
    ]


goals = state.workspace_goals(workspace.id)
goal_specs = [goal for _, goal in goals]
alerts = workspace_alerts(workspace, goal_specs)
with st.expander(tr("monitor.alerts", n=len(alerts)), expanded=bool(alerts)):
    for alert in alerts:
        st.markdown(alert_text(alert, workspace.review_period))
    freshness = state.source_freshness(workspace)
    if freshness:
        st.caption(
            tr(
                "monitor.freshness",
                sources=", ".join(f"{plain(name)} — {fmt_date(day, lang)}" for name, day in freshness),
            )
        )

data_end = last_data_day(obs)
if goals:
    rows = paced_rows(workspace, goal_specs)
    by_id = dict(goals)
    st.subheader(tr("monitor.scorecard"))
    status = tr("analyse.col_status")
    static_table(  # the reason names the projection, its day and the target: read whole, it wraps
        {
            tr("analyse.col_goal"): [r.goal for r in rows],
            tr("analyse.col_kpi"): [kpi_label(r.kpi) for r in rows],
            status: [status_badge(r.status) for r in rows],
            tr("monitor.col_progress"): [
                fmt_percent(None if r.progress is None else max(0.0, min(100.0, r.progress)), lang, 0) for r in rows
            ],
            tr("analyse.col_actual"): [figure_text(r.actual, r.kpi, r.kind, workspace.currency) for r in rows],
            tr("monitor.col_reason"): [
                status_reason(r, r.kpi, r.kind, by_id[r.goal_id], data_end, workspace.currency) for r in rows
            ],
        },
        markdown=(status,),
    )

if not obs.empty:
    with st.expander(tr("monitor.overview", period=tr("period." + period).lower()), expanded=not goals):
        cards = overview(database_url(), workspace.id, workspace.data_version, period, as_of, workspace.margin_pct)
        columns = st.columns(4)
        for index, (kpi_id, comparison) in enumerate(cards):
            kpi = get_kpi(kpi_id)
            delta = comparison["change_pct"]
            columns[index % 4].metric(
                plain(kpi.name(lang)),
                fmt_value(comparison["current"], kpi.unit, lang, workspace.currency),
                **delta_args(delta, None if delta is None else fmt_percent(delta, lang), kpi.good),
                help=plain(f"{kpi.definition(lang)} {kpi.formula_words(lang)}"),
            )
if not goals:
    st.info(tr("monitor.no_goals"))
    st.stop()


def kpi_card(goal_id: int, goal, spec: GoalKPISpec, panel: dict, panel_args: tuple, shown: list[tuple]) -> None:
    """One goal KPI: the number with its sparkline and change, status, pace, and the chart to the deadline."""
    kpi, pace, path = get_kpi(spec.kpi), panel["pace"], panel["path"]
    delta = panel["previous"]["change_pct"]
    semi = sums_uniques(spec.kpi)
    spark = [v for v in panel["spark"] if v is not None]
    st.metric(
        f"{plain(kpi.name(lang))} · {tr('kind_short.' + spec.kind)}"
        + (f" ({tr('monitor.sum_uniques')})" if semi else ""),
        figure_text(pace.actual, spec.kpi, spec.kind, workspace.currency),
        **delta_args(delta, None if delta is None else fmt_percent(delta, lang), kpi.good),
        delta_description=tr("monitor.vs_previous", period=tr("period." + period).lower()),
        chart_data=spark if len(spark) > 1 else None,
        help=tr(
            "monitor.card_help",
            definition=plain(kpi.definition(lang)),
            formula=plain(kpi.formula_words(lang)),
            previous=tr("period." + period).lower(),
        ),
    )
    year = panel["last_year"]["change_pct"]
    st.markdown(status_badge(pace.status))
    st.caption(status_reason(pace, spec.kpi, spec.kind, goal, data_end, workspace.currency))
    if pace.baseline_from is not None:  # the baseline window is only partly covered by data
        st.warning(tr("monitor.baseline_partial", day=fmt_date(pace.baseline_from, lang)))
    st.caption(
        tr(
            "monitor.target_line",
            target=target_text(pace.target, spec.kpi, spec.kind, workspace.currency),
            actual=figure_text(pace.actual, spec.kpi, spec.kind, workspace.currency),  # a change keeps its sign
            expected=figure_text(pace.expected, spec.kpi, spec.kind, workspace.currency),
            projected=figure_text(pace.projected, spec.kpi, spec.kind, workspace.currency),
        )
        + (
            " · " + tr("monitor.vs_last_year", change=("+" if year > 0 else "") + fmt_percent(year, lang))
            if year is not None
            else ""
        )
    )
    if path["actual"].dropna().empty:
        return
    chart = kpi_chart(*panel_args, lang=lang, shown=tuple(shown))
    if spend_note_needed(spec.kpi):
        st.caption(arithmetic_note(workspace))
    st.vega_lite_chart(spec=chart, width="stretch", key=f"chart_{goal_id}_{spec.kpi}")


with state.session() as s:
    actions = [(a.day, a.description, a.goal_id) for a in workflows.action_rows(s, workspace.id)]

for goal_id, goal in goals:
    panel_args = [
        (
            database_url(),
            workspace.id,
            workspace.data_version,
            json.dumps(dataclasses.asdict(spec), sort_keys=True),
            goal.start,
            goal.deadline,
            as_of,
            period,
            workspace.review_period,
            workspace.margin_pct,
        )
        for spec in goal.kpis
    ]
    panels = [(spec, kpi_panel(*args)) for spec, args in zip(goal.kpis, panel_args, strict=True)]
    status = goal_status([panel["pace"].status for _, panel in panels])
    st.subheader(plain(goal.title))
    st.caption(
        f"{status_badge(status)} · {fmt_date(goal.start, lang)} — {fmt_date(goal.deadline, lang)} · "
        + tr("monitor.days_left", days=days_left(goal.deadline, as_of))
    )
    if not panels:
        st.info(tr("monitor.no_kpis"))
        continue
    moved = start_on_the_data(goal.start, goal.deadline, data_end) if status == "no_data" else None
    if moved is not None and st.button(
        tr("monitor.move_goal", start=fmt_date(moved[0], lang)), key=f"move_goal_{goal_id}", type="primary"
    ):  # the fix the reason names, in one click: the goal's window onto the data, its length kept
        goal.start, goal.deadline = moved
        with state.session() as s:
            repo.update_goal(s, goal_id, goal)
        st.rerun()
    shown = actions_on_chart(actions, goal_id, goal.start, goal.deadline)
    columns = st.columns(min(len(panels), 3))
    for index, ((spec, panel), args) in enumerate(zip(panels, panel_args, strict=True)):
        with columns[index % len(columns)], st.container(border=True):
            kpi_card(goal_id, goal, spec, panel, args, shown)
    if not obs.empty:
        with st.expander(tr("monitor.by_channel")):
            table = by_channel(
                database_url(),
                workspace.id,
                workspace.data_version,
                [k.kpi for k in goal.kpis],
                goal.start,
                min(as_of, goal.deadline),
                workspace.margin_pct,
            )
            st.dataframe(
                pd.DataFrame(
                    {kpi_label(k): [value_text(v, k, "level", workspace.currency) for v in table[k]] for k in table},
                    index=[channel_label(c) for c in table.index],
                ),
                width="stretch",
            )
