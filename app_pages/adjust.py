"""Step 6. Adjust: where the budget should go (or why the data cannot say), a what-if simulator
showing the effect on every goal, the action log with each action's measured effect, and target
revisions with who, when and why."""

import math

import numpy as np
import pandas as pd
import streamlit as st

from db import repository as repo
from db.engine import database_url
from kpi_core.adjust.allocate import hill_response
from kpi_core.adjust.effect import measure_logged_action
from kpi_core.adjust.reallocate import BOOTSTRAP_RUNS, Reallocation, recommend
from kpi_core.adjust.whatif import WhatIf, curve_band, follow_ratios, goal_effects, simulate
from kpi_core.catalog import CHANNELS, all_kpis, get_kpi
from kpi_core.cube import DailyTotals
from kpi_core.i18n import fmt_date, fmt_money, fmt_number, fmt_percent, t
from kpi_core.pacing import STATUS_ORDER
from ui import state
from ui.charts import localised, response_chart
from ui.state import tr
from ui.widgets import arithmetic_note, channel_label, kpi_label, kpi_labeler, plain, require_workspace, value_text

st.title(tr("adjust.title"))
st.caption(tr("adjust.intro"))
workspace = require_workspace()
lang = state.lang()
money = workspace.currency
obs = state.workspace_observations(workspace)
ADDITIVE_UNITS = ("count", "money")
goals = state.workspace_goals(workspace.id)


@st.cache_data(show_spinner=False, max_entries=8)
def _advice(url: str, workspace_id: int, data_version: int) -> Reallocation:
    return recommend(state.observations(url, workspace_id, data_version))


def money_text(value: float | None, signed: bool = False) -> str:
    text = fmt_money(value, money, lang, 0)
    return ("+" + text) if signed and value is not None and value > 0 else text


def reason_line(key: str, values: dict) -> str:
    shown = {**values, "channel": channel_label(values["channel"])} if "channel" in values else values
    return t(key, lang, **shown)


def moved(before: dict[str, float], after: dict[str, float], tolerance: float = 0.5) -> list[str]:
    """Channels whose weekly spend changed by more than ``tolerance`` (slider rounding is no move)."""
    return [c for c in before if abs(after[c] - before[c]) > tolerance]


def moves_text(before: dict[str, float], after: dict[str, float], tolerance: float = 0.5) -> str:
    return "; ".join(
        tr("advice.move", channel=channel_label(c), before=money_text(before[c]), after=money_text(after[c]))
        for c in moved(before, after, tolerance)
    )


def advice_section(advice: Reallocation) -> None:
    """The recommendation, or the refusal with its reasons and how to get evidence."""
    if advice.status == "ok":
        st.success(
            tr(
                "advice.ok",
                moves=moves_text(advice.current, advice.proposed),
                gain=money_text(advice.expected_change["revenue"], signed=True),
                p_gain=fmt_percent(advice.p_gain * 100, lang, 0),
            )
        )
    else:
        st.warning(tr("advice.refused") + "\n\n" + "\n".join(f"- {reason_line(k, v)}" for k, v in advice.reasons))
        st.info(tr("advice.holdout"))
    if advice.curves:
        spend = sum(advice.current.values())
        blended = (
            sum(hill_response(*advice.curves[c], advice.current[c]) for c in advice.curves) / spend if spend else 0
        )
        weeks = 0 if advice.weeks is None else ((advice.weeks[1] - advice.weeks[0]).days + 1) // 7
        assumptions = tr("advice.assumptions", weeks=weeks, blended=fmt_number(blended, lang, 2), runs=BOOTSTRAP_RUNS)
        st.caption(f"{assumptions} {arithmetic_note(workspace)}")


def _step(advice: Reallocation) -> float:
    biggest = max(advice.current.values())
    return float(10 ** max(0, math.floor(math.log10(max(biggest, 1.0) / 100))))


def _slider_max(advice: Reallocation, channel: str, step: float) -> float:
    top = max(2 * advice.current[channel], 1.2 * advice.observed.get(channel, (0.0, 0.0))[1])
    return math.ceil(top / step) * step


def _keys(advice: Reallocation) -> dict[str, str]:
    return {c: f"whatif_{c}" for c in advice.curves}


def _set_plan(plan: dict[str, float], keys: dict[str, str], step: float) -> None:
    for c, key in keys.items():
        st.session_state[key] = float(round(plan[c] / step) * step)
    st.session_state["whatif_prev"] = {c: st.session_state[k] for c, k in keys.items()}


def _rebalance(changed: str, keys: dict[str, str], limits: dict[str, float]) -> None:
    """Keep the total: spread the changed slider's difference over the others, by their size."""
    prev = st.session_state.get("whatif_prev", {})
    if st.session_state.get("whatif_keep_total", True) and prev:
        diff = st.session_state[keys[changed]] - prev[changed]
        others = [c for c in keys if c != changed]
        pool = sum(prev[c] for c in others)
        for c in others:
            share = prev[c] / pool if pool else 1 / len(others)
            st.session_state[keys[c]] = float(min(max(prev[c] - diff * share, 0.0), limits[c]))
    st.session_state["whatif_prev"] = {c: st.session_state[k] for c, k in keys.items()}


def whatif_section(advice: Reallocation) -> WhatIf:
    """Sliders per channel, the revenue they buy with its band, and the response curves."""
    st.subheader(tr("whatif.title"))
    st.caption(tr("whatif.intro"))
    keys = _keys(advice)
    step = _step(advice)
    limits = {c: _slider_max(advice, c, step) for c in keys}
    if any(k not in st.session_state for k in keys.values()):
        _set_plan(advice.proposed, keys, step)
    b1, b2, b3 = st.columns([2, 1, 1])
    b1.toggle(tr("whatif.keep_total"), value=True, key="whatif_keep_total")
    b2.button(tr("whatif.reset_advice"), on_click=_set_plan, args=(advice.proposed, keys, step), key="whatif_advice")
    b3.button(tr("whatif.reset_current"), on_click=_set_plan, args=(advice.current, keys, step), key="whatif_now")
    columns = st.columns(len(keys))
    for column, (channel, key) in zip(columns, keys.items(), strict=True):
        column.slider(
            tr("whatif.spend", channel=channel_label(channel)),
            min_value=0.0,
            max_value=limits[channel],
            step=step,
            format="%d",
            key=key,
            on_change=_rebalance,
            args=(channel, keys, limits),
        )
    plan = {c: float(st.session_state[k]) for c, k in keys.items()}
    ratios = follow_ratios(DailyTotals(obs), list(keys), *advice.weeks)
    result = simulate(advice.curves, advice.draws, advice.current, plan, ratios, advice.observed)

    m1, m2, m3 = st.columns(3)
    spend_change = result.spend_change if abs(result.spend_change) >= step else 0.0  # slider rounding is no change
    m1.metric(
        tr("whatif.total"),
        money_text(sum(plan.values())),
        money_text(spend_change, signed=True) if spend_change else None,
    )
    m2.metric(
        tr("whatif.revenue"),
        money_text(result.revenue_change, signed=True),
        help=None
        if result.low is None
        else tr("whatif.band", low=money_text(result.low, True), high=money_text(result.high, True)),
    )
    if result.low is not None:
        m2.caption(tr("whatif.band", low=money_text(result.low, True), high=money_text(result.high, True)))
    m3.metric(tr("whatif.p_gain"), "—" if result.p_gain is None else fmt_percent(result.p_gain * 100, lang, 0))
    for channel in result.outside:
        st.warning(tr("whatif.outside", channel=channel_label(channel)))

    curves, points = [], []
    for channel in keys:
        spends = np.linspace(0.0, limits[channel], 60)
        low, high = curve_band(advice.draws[channel], spends)
        name = channel_label(channel)
        curves.append(
            pd.DataFrame(
                {
                    "channel": name,
                    "spend": spends,
                    "revenue": [hill_response(*advice.curves[channel], x) for x in spends],
                    "low": low,
                    "high": high,
                }
            )
        )
        for label, x in ((tr("whatif.point_now"), advice.current[channel]), (tr("whatif.point_plan"), plan[channel])):
            points.append(
                {"channel": name, "spend": x, "revenue": hill_response(*advice.curves[channel], x), "point": label}
            )
    labels = {"spend": tr("whatif.axis_spend"), "revenue": tr("whatif.axis_revenue"), "channel": tr("channels.channel")}
    st.markdown(f"**{tr('whatif.curves')}**")
    st.altair_chart(
        localised(response_chart(pd.concat(curves), pd.DataFrame(points), labels), lang),
        width="stretch",
        key="whatif_curves",
    )
    st.caption(tr("whatif.followers"))
    return result


def goals_section(result: WhatIf) -> None:
    """Each goal KPI's projection and status now and with the move."""
    st.markdown(f"**{tr('whatif.goals')}**")
    if not goals:
        st.info(tr("whatif.no_goals"))
        return
    titles = [(goal.title, goal) for _, goal in goals]
    rows = goal_effects(
        DailyTotals(obs),
        titles,
        state.today(),
        result.daily_deltas(),
        workspace.review_period,
        workspace.margin_pct,
    )

    def fmt(row: dict, column: str) -> str:
        return value_text(row[column], row["kpi"], row["kind"], money)

    changed = [r for r in rows if r["status_after"] != r["status"]]
    for r in changed:
        better = STATUS_ORDER.index(r["status_after"]) > STATUS_ORDER.index(r["status"])
        (st.success if better else st.warning)(
            tr(
                "whatif.status_change",
                kpi=kpi_label(r["kpi"]),
                goal=plain(r["goal"]),
                before=fmt(r, "projected"),
                after=fmt(r, "projected_after"),
                status_before=tr("status." + r["status"]),
                status_after=tr("status." + r["status_after"]),
            )
        )
    if not changed:
        st.caption(tr("whatif.no_status_change"))
    st.dataframe(
        pd.DataFrame(
            {
                tr("whatif.col_goal"): [r["goal"] for r in rows],
                tr("whatif.col_kpi"): [kpi_label(r["kpi"]) for r in rows],
                tr("whatif.col_target"): [fmt(r, "target") for r in rows],
                tr("whatif.col_projection"): [f"{fmt(r, 'projected')} → {fmt(r, 'projected_after')}" for r in rows],
                tr("whatif.col_status"): [
                    f"{tr('status.' + r['status'])} → {tr('status.' + r['status_after'])}" for r in rows
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key="whatif_goals",
    )


def apply_section(advice: Reallocation, result: WhatIf) -> None:
    """Log the move with its expected effect (the owner changes the budgets in the ad accounts)."""
    if not st.button(tr("whatif.apply"), type="primary", help=tr("whatif.apply_help"), key="whatif_apply"):
        return
    tolerance = _step(advice) / 2
    moves = moves_text(advice.current, result.spend, tolerance)
    if not moves:
        st.info(tr("whatif.nothing"))
        return
    expected = tr(
        "whatif.action_effect",
        gain=money_text(result.revenue_change, signed=True),
        low=money_text(result.low, True),
        high=money_text(result.high, True),
        p_gain="—" if result.p_gain is None else fmt_percent(result.p_gain * 100, lang, 0),
    )
    with state.session() as s:
        repo.add_action(
            s,
            workspace.id,
            state.today(),
            tr("whatif.action", moves=moves),
            kpi="revenue",
            expected_effect=expected,
            channels=moved(advice.current, result.spend, tolerance),
        )
    st.session_state["action_added"] = "whatif.applied"
    st.rerun()


st.subheader(tr("advice.title"))
if obs.empty:
    st.info(tr("monitor.no_data"))
else:
    advice = _advice(database_url(), workspace.id, workspace.data_version)
    advice_section(advice)
    if advice.curves:
        whatif = whatif_section(advice)
        goals_section(whatif)
        apply_section(advice, whatif)


# --- the action log -----------------------------------------------------------------------

with state.session() as s:
    goal_titles = {g.id: g.title for g in repo.list_goals(s, workspace.id)}
    actions = [
        (a.date, a.description, goal_titles.get(a.goal_id, ""), a.kpi, a.expected_effect or "", a.channels)
        for a in repo.list_actions(s, workspace.id)
    ]

st.subheader(tr("adjust.log"))
with st.expander(tr("adjust.add")), st.form("add_action", clear_on_submit=True):
    c1, c2 = st.columns([1, 3])
    day = c1.date_input(tr("adjust.date"), state.today(), format=state.date_format())
    what = c2.text_input(tr("adjust.what"), max_chars=500, key="action_what")
    c3, c4, c5 = st.columns(3)
    goal_names = {None: tr("adjust.no_goal"), **goal_titles}
    goal_id = c3.selectbox(tr("adjust.goal"), list(goal_names), format_func=goal_names.get)
    kpi = c4.selectbox(tr("adjust.kpi"), [None, *all_kpis()], format_func=kpi_labeler())
    effect = c5.text_input(tr("adjust.expected"), max_chars=200)
    present = sorted(set(obs["channel"]) - {"all"}) if not obs.empty else []
    touched = st.multiselect(
        tr("adjust.channels"), present or [c for c in CHANNELS if c != "all"], format_func=channel_label
    )
    if st.form_submit_button(tr("adjust.add"), type="primary", key="action_add"):
        if not what.strip():
            st.error(tr("adjust.err_what"))
        else:
            with state.session() as s:
                repo.add_action(
                    s, workspace.id, day, what, goal_id=goal_id, kpi=kpi, expected_effect=effect, channels=touched
                )
            st.session_state["action_added"] = "adjust.added"
            st.rerun()
if added := st.session_state.pop("action_added", None):
    st.success(tr(added))


def measured_text(kpi_id: str | None, day, channels: str | None) -> str:
    """What the data says about one logged action so far, in a sentence."""
    if not kpi_id or kpi_id not in all_kpis() or obs.empty:
        return tr("effect.none")
    found = measure_logged_action(obs, kpi_id, day, channels.split(",") if channels else None, workspace.margin_pct)
    if found.wait_days:
        return tr("effect.wait", days=found.wait_days)
    its = found.its
    if its is None or its.effect_total is None:
        return tr("effect.none") + (f" ({tr('effect.short_pre')})" if its is not None else "")

    def fmt(value: float) -> str:
        text = value_text(value, kpi_id, "level", money)
        return ("+" + text) if value > 0 else text

    days = found.days_after
    if get_kpi(kpi_id).unit in ADDITIVE_UNITS:
        text = tr(
            "effect.measured",
            total=fmt(its.effect_total),
            days=days,
            per_day=fmt(its.effect_per_day),
            low=fmt(its.low),
            high=fmt(its.high),
        )
    else:  # a rate or an average: its days do not add up, so say how far it shifted on average
        text = tr(
            "effect.measured_level",
            per_day=fmt(its.effect_per_day),
            days=days,
            low=fmt(its.low / days),
            high=fmt(its.high / days),
        )
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
                tr("adjust.date"): [fmt_date(a[0], lang) for a in actions],
                tr("adjust.what"): [a[1] for a in actions],
                tr("adjust.goal"): [a[2] for a in actions],
                tr("adjust.kpi"): [kpi_label(a[3]) if a[3] in all_kpis() else "" for a in actions],
                tr("adjust.expected"): [a[4] for a in actions],
            }
        ),
        hide_index=True,
        width="stretch",
        key="action_log",
    )
    st.markdown(f"**{tr('effect.title')}**")
    for day, what, _, kpi_id, _, channels in actions:
        label = f" ({kpi_label(kpi_id)})" if kpi_id in all_kpis() else ""
        st.markdown(
            f"- **{fmt_date(day, lang)} · {plain(what)}**{label}: {plain(measured_text(kpi_id, day, channels))}"
        )
    st.caption(tr("effect.note"))


# --- target revisions ---------------------------------------------------------------------

st.subheader(tr("revision.title"))
st.caption(tr("revision.intro"))
with state.session() as s:
    goal_kpis = {
        row.id: (goal.title, row.kpi, row.kind, row.target)
        for goal in repo.list_goals(s, workspace.id)
        for row in goal.kpis
    }
    revisions = [
        (rev.changed_at, goal.title, row.kpi, row.kind, rev.old_target, rev.new_target, rev.who or "", rev.why or "")
        for rev, row, goal in repo.list_revisions(s, workspace.id)
    ]
if goal_kpis:
    with st.form("revise_target"):
        chosen = st.selectbox(
            tr("revision.kpi"),
            list(goal_kpis),
            format_func=lambda i: f"{goal_kpis[i][0]} — {get_kpi(goal_kpis[i][1]).name(lang)}",
            key="revision_kpi",
        )
        r1, r2 = st.columns([1, 1])
        new_target = r1.number_input(tr("revision.new_target"), value=None, format="%.2f", key="revision_target")
        who = r2.text_input(tr("revision.who"), max_chars=120, key="revision_who")
        why = st.text_area(tr("revision.why"), max_chars=1000, key="revision_why")
        if st.form_submit_button(tr("revision.save"), key="revision_save"):
            title, kpi_id, kind, old = goal_kpis[chosen]
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
                tr("revision.col_when"): [fmt_date(r[0].date(), lang) for r in revisions],
                tr("whatif.col_goal"): [r[1] for r in revisions],
                tr("whatif.col_kpi"): [kpi_label(r[2]) for r in revisions],
                tr("revision.col_change"): [
                    f"{value_text(r[4], r[2], r[3], money)} → {value_text(r[5], r[2], r[3], money)}" for r in revisions
                ],
                tr("revision.who"): [r[6] for r in revisions],
                tr("revision.why"): [r[7] for r in revisions],
            }
        ),
        hide_index=True,
        width="stretch",
        key="revisions",
    )
else:
    st.caption(tr("revision.none"))
