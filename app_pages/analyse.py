"""Step 5. Analyse: plan vs actual for every goal KPI, with the variance in units and percent."""

import pandas as pd
import streamlit as st

from db.engine import database_url
from kpi_core.analysis import furthest_behind, plan_vs_actual
from kpi_core.analysis.causes import cause_hints
from kpi_core.analysis.channels import ChannelVerdict, above_break_even, channel_table, channel_verdict
from kpi_core.analysis.explain import (
    IDENTITIES,
    Driver,
    complete_periods,
    explain_change,
    in_whole_units,
    parse_period,
    waterfall,
)
from kpi_core.catalog.registry import PAID_CHANNELS, get_kpi
from kpi_core.compute.spans import last_data_day
from kpi_core.i18n.formatting import fmt_money, fmt_number, fmt_p, fmt_percent, fmt_period
from ui import state
from ui.charts import localised, waterfall_chart
from ui.pacing import paced_rows
from ui.state import labels, tr
from ui.widgets import (
    arithmetic_note,
    channel_label,
    figure_text,
    gap_text,
    kpi_label,
    kpi_labeler,
    plain,
    require_workspace,
    static_table,
    status_badge,
)

st.title(tr("analyse.title"))
st.caption(tr("analyse.intro"))
workspace = require_workspace()
lang = state.lang()

goals = [goal for _, goal in state.workspace_goals(workspace.id)]


def plan_section(goals: list) -> None:
    """Plan vs actual of every goal KPI, and the one furthest behind."""
    table = plan_vs_actual(paced_rows(workspace, goals))

    def fmt(row: pd.Series, column: str) -> str:  # a change with its sign: «+46,4 %», not «46,4 %» of revenue
        return figure_text(row[column], row["kpi"], row["kind"], workspace.currency)

    status = tr("analyse.col_status")
    static_table(
        {
            tr("analyse.col_goal"): list(table["goal"]),
            tr("analyse.col_kpi"): [kpi_label(k) for k in table["kpi"]],
            status: [status_badge(s) for s in table["status"]],  # first after the KPI: it is never cut off
            tr("analyse.col_target"): [fmt(r, "target") for _, r in table.iterrows()],
            tr("analyse.col_plan"): [fmt(r, "expected") for _, r in table.iterrows()],
            tr("analyse.col_actual"): [fmt(r, "actual") for _, r in table.iterrows()],
            tr("analyse.col_variance"): [
                gap_text(None if pd.isna(r["variance"]) else r["variance"], r["kpi"], r["kind"], workspace.currency)
                for _, r in table.iterrows()
            ],
            tr("analyse.col_variance_pct"): [fmt_percent(v, lang) for v in table["variance_pct"]],
        },
        markdown=(status,),
    )

    worst = furthest_behind(table)
    if worst is not None:
        st.warning(
            tr(
                "analyse.worst",
                kpi=plain(kpi_label(worst["kpi"])),
                goal=plain(worst["goal"]),
                variance=fmt_percent(worst["variance_pct"], lang),
            )
        )


if goals:
    plan_section(goals)
else:
    st.info(tr("common.need_goal"))

st.subheader(tr("explain.title"), anchor="why")
obs = state.workspace_observations(workspace)
if obs.empty:
    st.info(tr("monitor.no_data"))
    st.stop()
last_day = last_data_day(obs) or state.today()  # a period report's last day counts
e1, e2, e3, e4 = st.columns([2, 1, 1, 1])
kpi_id = e1.selectbox(tr("explain.kpi"), list(IDENTITIES), key="explain_kpi", format_func=kpi_labeler())
grain = e2.radio(tr("explain.grain"), ["month", "week"], key="explain_grain", format_func=labels("period."))
first_day = obs["date"].min().date()
periods = complete_periods(first_day, last_day, grain)  # newest first
if len(periods) < 2:  # a comparison needs two complete periods of data
    st.info(tr("explain.too_short", period=tr("period." + grain).lower()))
    st.stop()


def period_name(name: str, bound: str = lang) -> str:  # the language bound now: format functions run elsewhere
    return fmt_period(*parse_period(name), bound)


later = e3.selectbox(tr("explain.period"), periods[:-1], key=f"explain_later_{grain}", format_func=period_name)
earlier_options = periods[periods.index(later) + 1 :]
earlier = e4.selectbox(  # keyed by the period, so a new period is compared with the one just before it
    tr("explain.versus"), earlier_options, key=f"explain_earlier_{grain}_{later}", format_func=period_name
)


@st.cache_data(show_spinner=False, max_entries=64)
def explained(url: str, workspace_id: int, data_version: int, kpi_id: str, later: str, earlier: str):
    """The change and its drivers in whole units (customers, roubles), adding up to the change as
    shown; pure per data version, so a click on a picker reruns without recomputing it."""
    return in_whole_units(explain_change(state.observations(url, workspace_id, data_version), kpi_id, later, earlier))


@st.cache_data(show_spinner=False, max_entries=64)
def channel_findings(url: str, workspace_id: int, data_version: int, later: str, earlier: str, margin_pct):
    """The channel table of the later period, its verdict and the cause hints (cached per data version)."""
    data = state.observations(url, workspace_id, data_version)
    start, end = parse_period(later)
    rows = channel_table(data, start, end, margin_pct)
    verdict = channel_verdict(rows, data, start, end)
    paid = [c for c in PAID_CHANNELS if c in set(data["channel"])]
    return rows, verdict, cause_hints(data, later, earlier, rows, verdict, paid)


data_key = (database_url(), workspace.id, workspace.data_version)
result = explained(*data_key, kpi_id, later, earlier)
kpi = get_kpi(kpi_id)
factor_names = {
    "before": period_name(earlier),
    "after": period_name(later),
    **{d.factor: tr("explain.factor." + d.factor) for d in result.drivers},
}


def whole_text(value: float) -> str:
    if kpi.unit == "money":
        return fmt_money(value, workspace.currency, lang, digits=0)
    return fmt_number(value, lang)


change_text = whole_text(result.change)


def driver_text(driver: Driver) -> str:
    return f"{factor_names[driver.factor]} {'+' if driver.effect >= 0 else ''}{whole_text(driver.effect)}"


parts = ", ".join(driver_text(d) for d in result.drivers)
direction = "up" if result.change > 0 else ("down" if result.change < 0 else "flat")
st.markdown(
    tr("explain.sentence." + direction, kpi=plain(kpi.name(lang)), change=change_text.lstrip("−-"), drivers=parts)
)
st.altair_chart(
    localised(waterfall_chart(waterfall(result), factor_names, kpi.name(lang), whole_text), lang),
    width="stretch",
    key="explain_waterfall",
)

st.subheader(tr("channels.title", period=period_name(later)), anchor="channels")
rows, verdict, hints = channel_findings(*data_key, later, earlier, workspace.margin_pct)
money = workspace.currency
marks = {verdict.best: tr("channels.best"), verdict.worst: tr("channels.worst")} if verdict.status == "ok" else {}


def interval_text(value, low, high, fmt, bound=None) -> str:
    """A value with its interval in brackets; ``bound`` formats the ends (plain numbers keep it short)."""
    if value is None:
        return "—"
    if low is None or high is None:
        return fmt(value)
    bound = bound or fmt
    return f"{fmt(value)} ({bound(low)}–{bound(high)})"


static_table(
    {
        tr("channels.channel"): [
            channel_label(r.channel) + (f" · {marks[r.channel]}" if r.channel in marks else "") for r in rows
        ],
        tr("channels.spend"): [fmt_money(r.spend, money, lang, 0) for r in rows],
        tr("channels.revenue"): [fmt_money(r.revenue, money, lang, 0) for r in rows],
        tr("channels.new_customers"): [fmt_number(r.new_customers, lang) for r in rows],
        tr("channels.cac"): [
            interval_text(
                r.cac,
                r.cac_low,
                r.cac_high,
                lambda v: fmt_money(v, money, lang, 0),
                lambda v: fmt_number(v, lang),
            )
            for r in rows
        ],
        tr("channels.conversion"): [
            interval_text(
                r.conversion_rate,
                r.conversion_low,
                r.conversion_high,
                lambda v: fmt_percent(v, lang),
                lambda v: fmt_number(v, lang, 1),
            )
            for r in rows
        ],
        tr("channels.roas"): [
            interval_text(r.roas, r.roas_low, r.roas_high, lambda v: fmt_number(v, lang, 2)) for r in rows
        ],
        tr("channels.romi"): [fmt_percent(r.romi, lang) for r in rows],
        tr("channels.drr"): [
            fmt_percent(r.drr, lang)
            + (f" · {tr('channels.above_break_even')}" if above_break_even(r.drr, workspace.margin_pct) else "")
            for r in rows
        ],
    }
)


def metric_value(metric: str, value: float) -> str:
    return fmt_money(value, money, lang, 0) if metric == "cac" else fmt_number(value, lang, 2)


def verdict_text(verdict: ChannelVerdict) -> str | None:
    """The evidence behind naming (or not naming) a best and a worst channel."""
    best, worst = plain(channel_label(verdict.best or "")), plain(channel_label(verdict.worst or ""))
    status = verdict.status
    if status == "none":
        return None
    if status == "too_few":
        return tr("verdict.too_few")
    if verdict.metric == "cac":
        detail = f"p = {fmt_number(verdict.p, lang, 3)}"
        if status == "ok":
            return tr("verdict.ok_cac", best=best, worst=worst, p=fmt_p(verdict.p, lang))
    else:
        low, high = (fmt_number(v, lang, 2) for v in verdict.interval)
        detail = f"{low}–{high}"
        if status == "ok":
            return tr("verdict.ok_roas", best=best, worst=worst, low=low, high=high)
    return tr("verdict.no_evidence", best=best, worst=worst, detail=detail)


if (sentence := verdict_text(verdict)) is not None:
    (st.success if verdict.status == "ok" else st.info)(sentence)
st.caption(tr("channels.note") + " " + arithmetic_note(workspace))


def hint_text(hint: dict) -> str:
    """One cause in the method's words with its evidence and a link to the chart that shows it."""
    e = hint["evidence"]
    metric_names = {"cac": "CAC", "roas": "ROAS"}
    if hint["cause"] == "wrong_channel":
        text = tr(
            "causes.wrong_channel",
            channel=plain(channel_label(e["channel"])),
            best=plain(channel_label(e["best"])),
            share=fmt_percent(e["share"], lang, 0),
            metric=metric_names[e["metric"]],
            value=metric_value(e["metric"], e["value"]),
            best_value=metric_value(e["metric"], e["best_value"]),
        )
    elif hint["cause"] == "too_little_budget":
        text = tr(
            "causes.too_little_budget",
            spend_change=fmt_percent(e["spend_change"], lang, 0),
            versus=period_name(earlier),
            metric=metric_names[e["metric"]],
            efficiency_change=("+" if e["efficiency_change"] > 0 else "")
            + fmt_percent(e["efficiency_change"], lang, 1),
        )
    else:
        text = tr(
            "causes.weak_strategy",
            traffic_change=("+" if e["traffic_change"] > 0 else "") + fmt_percent(e["traffic_change"], lang, 1),
            factor=tr("explain.factor." + e["factor"]),
            effect=fmt_money(-e["effect"], money, lang, 0),
        )
    return f"{text} [→ {tr('causes.link_' + hint['chart'])}](#{hint['chart']})"


st.subheader(tr("causes.title"), anchor="causes")
st.caption(tr("causes.intro"))
for hint in hints:
    st.markdown("- " + hint_text(hint))
if not hints:
    st.info(tr("causes.none"))
