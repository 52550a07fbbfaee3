"""The Adjust page's budget part: the advice (or the refusal), the what-if simulator, its effect
on every goal, and "apply" — which writes the move to the action log."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from db import repository as repo
from kpi_core.adjust.allocate import hill_response
from kpi_core.adjust.carry import weeks_of_effect
from kpi_core.adjust.reallocate import BOOTSTRAP_RUNS, Reallocation
from kpi_core.adjust.whatif import GoalEffect, WhatIf, curve_table, goal_effects, rebalance
from kpi_core.compute.cube import DailyTotals
from kpi_core.goals.spec import GoalSpec
from kpi_core.i18n.formatting import Quantity, fmt_chance, fmt_date, fmt_money, fmt_number, t
from kpi_core.monitor.pacing import STATUS_ORDER
from ui import state
from ui.charts import localised, response_chart
from ui.state import WorkspaceInfo, tr
from ui.widgets import (
    arithmetic_note,
    channel_label,
    delta_args,
    figure_text,
    kpi_label,
    plain,
    static_table,
    status_badge,
    target_text,
    value_text,
)

ADDED = "action_added"  # session key: the success message to show after the rerun


def money_text(value: float | None, currency: str, signed: bool = False) -> str:
    text = fmt_money(value, currency, state.lang(), 0)
    if not (signed and value is not None and value > 0):
        return text
    return "+" + ("" if text[:1].isdigit() else "\u2060") + text  # "+₽1,200" must not break after the plus


def moved(before: dict[str, float], after: dict[str, float], tolerance: float = 0.5) -> list[str]:
    """Channels whose weekly spend changed by more than ``tolerance`` (slider rounding is no move)."""
    return [c for c in before if abs(after[c] - before[c]) > tolerance]


def moves_text(
    before: dict[str, float], after: dict[str, float], currency: str, tolerance: float = 0.5, markdown: bool = False
) -> str:
    """The channels moved, "“Search” 10 000 ₽ → 12 000 ₽ a week; …": escaped for Markdown when
    ``markdown`` (shown on the page), as typed when not (stored in the action log)."""
    return "; ".join(
        tr(
            "advice.move",
            channel=plain(channel_label(c)) if markdown else channel_label(c),
            before=money_text(before[c], currency),
            after=money_text(after[c], currency),
        )
        for c in moved(before, after, tolerance)
    )


def _reason_line(key: str, values: dict, currency: str) -> str:
    """A refusal's reason with its values as the reader reads them: channels by name, a chance in
    percent, money grouped with its currency, a variation coefficient with the locale's comma."""
    lang = state.lang()
    shown = {}
    for name, value in values.items():
        if name in ("channel", "gainer", "loser"):  # channel ids, shown by their names
            shown[name] = plain(channel_label(value))
        elif name == "p_gain":
            shown[name] = fmt_chance(value, lang)
        elif name in ("low", "high"):
            shown[name] = money_text(value, currency)
        elif name == "cv":
            shown[name] = fmt_number(value, lang, 2)
        else:
            shown[name] = value
    return t(key, lang, **shown)


def advice_section(advice: Reallocation, workspace: WorkspaceInfo) -> None:
    """The recommendation, or the refusal with its reasons and how to get evidence."""
    lang, currency = state.lang(), workspace.currency
    if advice.status == "ok":
        st.success(
            tr(
                "advice.ok",
                moves=moves_text(advice.current, advice.proposed, currency, markdown=True),
                gain=money_text(advice.expected_change["revenue"], currency, signed=True),
                low=money_text(advice.gain_low or 0.0, currency, signed=True),
                p_gain=fmt_chance(advice.p_gain, lang),
            )
        )
    else:
        lines = "\n".join(f"- {_reason_line(k, v, currency)}" for k, v in advice.reasons)
        st.warning(tr("advice.refused") + "\n\n" + lines)
        plan = advice.holdout()
        st.info(
            tr(
                "advice.holdout_plan",
                weeks=Quantity(plan["weeks"], "noun.weeks_about"),
                block=Quantity(plan["block_weeks"], "noun.weeks_each"),
                move=money_text(plan["move"], currency),
                threshold=money_text(plan["threshold"], currency),
                loser=plain(channel_label(plan["from"])),
                gainer=plain(channel_label(plan["to"])),
            )
            if plan
            else tr("advice.holdout")
        )
    for channel, theta in advice.decay.items():  # how long a rouble keeps working, as the fit found it
        name = plain(channel_label(channel))
        more = weeks_of_effect(theta) - 1  # the weeks after the one of the spend
        st.caption(
            tr("advice.carry", channel=name, weeks=Quantity(more, "noun.weeks_about"))
            if more
            else tr("advice.same_week", channel=name)
        )
    if advice.curves:
        assumptions = tr(
            "advice.assumptions",
            weeks=advice.week_count,
            blended=fmt_money(advice.blended_roi, currency, lang, 2),
            runs=BOOTSTRAP_RUNS,
            recent=" – ".join(fmt_date(day, lang) for day in advice.current_weeks or ()),
        )
        with st.expander(tr("advice.method")):  # the method for whoever wants it, after the plain advice
            st.caption(assumptions)
            st.caption(tr("advice.checks", runs=BOOTSTRAP_RUNS))
            st.caption(arithmetic_note(workspace))


def slider_step(advice: Reallocation) -> float:
    """A round step about 1 % of the largest channel's weekly spend."""
    biggest = max(advice.current.values())
    return float(10 ** max(0, math.floor(math.log10(max(biggest, 1.0) / 100))))


def _slider_max(advice: Reallocation, channel: str, step: float) -> float:
    top = max(2 * advice.current[channel], 1.2 * advice.observed.get(channel, (0.0, 0.0))[1])
    return math.ceil(top / step) * step


def _keys(advice: Reallocation) -> dict[str, str]:
    return {c: f"whatif_{c}" for c in advice.curves}


def _remember(keys: dict[str, str]) -> None:
    st.session_state["whatif_prev"] = {c: st.session_state[k] for c, k in keys.items()}


def _set_plan(plan: dict[str, float], keys: dict[str, str], step: float) -> None:
    for c, key in keys.items():
        st.session_state[key] = float(round(plan[c] / step) * step)
    _remember(keys)


def _snapped(value: float, channel: str, advice: Reallocation, step: float) -> float:
    """A slider's value, or today's or the advised spend when the slider stands at its nearest step."""
    for exact in (advice.current[channel], advice.proposed[channel]):
        if abs(value - round(exact / step) * step) < step / 1000:
            return exact
    return value


def _on_slide(changed: str, keys: dict[str, str], limits: dict[str, float]) -> None:
    previous = st.session_state.get("whatif_prev")
    if st.session_state.get("whatif_keep_total", True) and previous:
        spread = rebalance(previous, changed, st.session_state[keys[changed]], limits)
        for c, key in keys.items():
            st.session_state[key] = spread[c]
    _remember(keys)


def _curves_chart(advice: Reallocation, plan: dict[str, float], limits: dict[str, float]) -> None:
    curves, points = [], []
    for channel, limit in limits.items():
        name = channel_label(channel)
        table = curve_table(advice.curves[channel], advice.draws[channel], np.linspace(0.0, limit, 60))
        curves.append(pd.DataFrame({"channel": name, **table}))
        for label, x in ((tr("whatif.point_now"), advice.current[channel]), (tr("whatif.point_plan"), plan[channel])):
            points.append(
                {"channel": name, "spend": x, "revenue": hill_response(*advice.curves[channel], x), "point": label}
            )
    labels = {
        "spend": tr("whatif.axis_spend"),
        "revenue": tr("whatif.axis_revenue"),
        "channel": tr("channels.channel"),
        "now": tr("whatif.point_now"),
        "plan": tr("whatif.point_plan"),
    }
    st.markdown(f"**{tr('whatif.curves')}**")
    st.altair_chart(
        localised(response_chart(pd.concat(curves), pd.DataFrame(points), labels), state.lang()),
        width="stretch",
        key="whatif_curves",
    )


def whatif_section(advice: Reallocation, currency: str) -> WhatIf:
    """Sliders per channel, the revenue they buy with its band, and the response curves."""
    st.subheader(tr("whatif.title"))
    st.caption(tr("whatif.intro"))
    keys = _keys(advice)
    step = slider_step(advice)
    limits = {c: _slider_max(advice, c, step) for c in keys}
    # slider values belong to one advice: another workspace, an import or a new fit starts afresh
    owner = tuple(sorted((c, round(advice.current[c], 2), round(advice.proposed[c], 2)) for c in keys))
    if st.session_state.get("whatif_for") != owner or any(k not in st.session_state for k in keys.values()):
        st.session_state["whatif_for"] = owner
        _set_plan(advice.proposed, keys, step)
    b1, b2, b3 = st.columns([2, 1, 1])
    b1.toggle(tr("whatif.keep_total"), value=True, key="whatif_keep_total")
    b2.button(tr("whatif.reset_advice"), on_click=_set_plan, args=(advice.proposed, keys, step), key="whatif_advice")
    b3.button(tr("whatif.reset_current"), on_click=_set_plan, args=(advice.current, keys, step), key="whatif_now")
    for column, (channel, key) in zip(st.columns(len(keys)), keys.items(), strict=True):
        column.slider(
            tr("whatif.spend", channel=plain(channel_label(channel))),
            min_value=0.0,
            max_value=limits[channel],
            step=step,
            format="localized",  # grouped as the reader's browser groups numbers: «12 500», "12,500"
            key=key,
            on_change=_on_slide,
            args=(channel, keys, limits),
        )
    # a slider at the step nearest to today's or the advised spend means that spend exactly: "as now"
    # reported −453 ₽ for the owner's own budget, "as advised" +30 543 ₽ beside the advice's +30 947 ₽
    plan = {c: _snapped(float(st.session_state[k]), c, advice, step) for c, k in keys.items()}
    result = advice.what_if(plan)

    m1, m2, m3 = st.columns(3)
    spend_change = result.spend_change if abs(result.spend_change) >= step else 0.0  # slider rounding is no change
    m1.metric(
        tr("whatif.total"),
        money_text(sum(plan.values()), currency),
        **delta_args(spend_change, money_text(spend_change, currency, signed=True) if spend_change else None),
    )
    m2.metric(tr("whatif.revenue"), money_text(result.revenue_change, currency, signed=True))
    if result.low is not None:
        m2.caption(
            tr("whatif.band", low=money_text(result.low, currency, True), high=money_text(result.high, currency, True))
        )
    unchanged = all(plan[c] == advice.current[c] for c in keys)  # no move: no chance of a gain to state
    p_gain = "—" if unchanged else fmt_chance(result.p_gain, state.lang())
    m3.metric(tr("whatif.p_gain"), p_gain)
    for channel in result.outside:
        st.warning(tr("whatif.outside", channel=plain(channel_label(channel))))
    _curves_chart(advice, plan, limits)
    st.caption(tr("whatif.followers"))
    return result


def goals_section(
    result: WhatIf, workspace: WorkspaceInfo, totals: DailyTotals, goals: list[tuple[int, GoalSpec]]
) -> None:
    """Each goal KPI's projection and status now and with the move; a sentence per status changed."""
    st.markdown(f"**{tr('whatif.goals')}**")
    if not goals:
        st.info(tr("whatif.no_goals"))
        return
    rows = goal_effects(
        totals,
        [(goal.title, goal) for _, goal in goals],
        state.today(),
        result.daily_deltas(),
        workspace.review_period,
        workspace.margin_pct,
    )

    def fmt(row: GoalEffect, value: float | None) -> str:
        return value_text(value, row.kpi, row.kind, workspace.currency)

    def signed(row: GoalEffect, value: float | None) -> str:  # a change with its sign: «+49,7 %»
        return figure_text(value, row.kpi, row.kind, workspace.currency)

    changed = [r for r in rows if r.status_after != r.status]
    improved = [r for r in changed if STATUS_ORDER.index(r.status_after) > STATUS_ORDER.index(r.status)]
    if improved and result.revenue_change < 0:  # a status that looks better must not hide a loss
        st.error(tr("whatif.better_yet_less", revenue=money_text(-result.revenue_change, workspace.currency)))
    for r in changed:
        better = STATUS_ORDER.index(r.status_after) > STATUS_ORDER.index(r.status)
        (st.success if better else st.warning)(
            tr(
                "whatif.status_change",
                kpi=plain(kpi_label(r.kpi)),
                goal=plain(r.goal),
                before=fmt(r, r.projected),
                after=fmt(r, r.projected_after),
                status_before=tr("status." + r.status),
                status_after=tr("status." + r.status_after),
            )
        )
    if not changed:
        st.caption(tr("whatif.no_status_change"))
    now, after = tr("whatif.col_status"), tr("whatif.col_status_after")
    static_table(  # long goal names and both statuses are read whole: the cells wrap
        {
            tr("whatif.col_goal"): [r.goal for r in rows],
            tr("whatif.col_kpi"): [kpi_label(r.kpi) for r in rows],
            tr("whatif.col_target"): [target_text(r.target, r.kpi, r.kind, workspace.currency) for r in rows],
            tr("whatif.col_projection"): [f"{signed(r, r.projected)} → {signed(r, r.projected_after)}" for r in rows],
            now: [status_badge(r.status) for r in rows],
            after: [status_badge(r.status_after) for r in rows],
        },
        markdown=(now, after),
    )


CONFIRMING = "whatif_confirming"  # the plan waiting for a second yes (a move expected to lose)


def apply_section(advice: Reallocation, result: WhatIf, workspace: WorkspaceInfo) -> None:
    """Log the move with its expected effect (the owner changes the budgets in the ad accounts).

    A move expected to lose revenue, or to gain less often than not, is logged only after a second
    click under a warning that gives its numbers; moving a slider withdraws that question."""
    currency = workspace.currency
    gain = money_text(result.revenue_change, currency, signed=True)
    p_gain = fmt_chance(result.p_gain, state.lang())
    plan = repr(sorted(result.spend.items()))
    if st.session_state.get(CONFIRMING) not in (None, plan):
        del st.session_state[CONFIRMING]
    confirmed = False
    if st.session_state.get(CONFIRMING) == plan:
        st.warning(tr("whatif.confirm", gain=gain, p_gain=p_gain))
        yes, no = st.columns(2)
        if no.button(tr("whatif.confirm_no"), key="whatif_confirm_no", width="stretch", type="primary"):  # the safe one
            del st.session_state[CONFIRMING]
            st.rerun()
        if not yes.button(tr("whatif.confirm_yes"), key="whatif_confirm_yes", width="stretch"):
            return
        del st.session_state[CONFIRMING]
        confirmed = True
    elif not st.button(tr("whatif.apply"), type="primary", help=tr("whatif.apply_help"), key="whatif_apply"):
        return
    tolerance = slider_step(advice) / 2
    moves = moves_text(advice.current, result.spend, currency, tolerance)
    if not moves:
        st.info(tr("whatif.nothing"))
        return
    if not confirmed and result.risky():
        st.session_state[CONFIRMING] = plan
        st.rerun()
    expected = tr(
        "whatif.action_effect",
        gain=gain,
        low=money_text(result.low, currency, True),
        high=money_text(result.high, currency, True),
        p_gain=p_gain,
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
    st.session_state[ADDED] = "whatif.applied"
    st.rerun()
