"""Step 5. Analyse: plan vs actual for every goal KPI, with the variance in units and percent."""

import pandas as pd
import streamlit as st

from kpi_core.analysis import furthest_behind, plan_vs_actual
from kpi_core.analysis.channels import channel_table
from kpi_core.analysis.explain import IDENTITIES, default_periods, explain_change, parse_period, waterfall
from kpi_core.catalog import get_kpi
from kpi_core.i18n import fmt_money, fmt_number, fmt_percent
from ui import state
from ui.charts import localised, waterfall_chart
from ui.pacing import paced_rows
from ui.state import labels, tr
from ui.widgets import channel_label, kpi_label, kpi_labeler, plain, require_workspace, value_text

st.title(tr("analyse.title"))
st.caption(tr("analyse.intro"))
workspace = require_workspace()
lang = state.lang()

goals = [goal for _, goal in state.workspace_goals(workspace.id)]


def plan_section(goals: list) -> None:
    """Plan vs actual of every goal KPI, and the one furthest behind."""
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


if goals:
    plan_section(goals)
else:
    st.info(tr("common.need_goal"))

st.subheader(tr("explain.title"))
obs = state.workspace_observations(workspace)
if obs.empty:
    st.info(tr("monitor.no_data"))
    st.stop()
last_day = obs["date"].max().date()
e1, e2, e3, e4 = st.columns([2, 1, 1, 1])
kpi_id = e1.selectbox(tr("explain.kpi"), list(IDENTITIES), key="explain_kpi", format_func=kpi_labeler())
grain = e2.radio(tr("monitor.period"), ["month", "week"], key="explain_grain", format_func=labels("period."))
later_default, earlier_default = default_periods(last_day, grain)
later = e3.text_input(tr("explain.period"), later_default, key=f"explain_later_{grain}")
earlier = e4.text_input(tr("explain.versus"), earlier_default, key=f"explain_earlier_{grain}")
try:
    result = explain_change(obs, kpi_id, later.strip(), earlier.strip())
except ValueError:
    st.error(tr("explain.bad_period"))
    st.stop()
kpi = get_kpi(kpi_id)
factor_names = {
    "before": earlier,
    "after": later,
    **{f: tr("explain.factor." + f) for f in ("sessions", "conversion", "aov", "spend", "cac", "cr1", "leads", "cr2")},
}
change_text = value_text(result["change"], kpi_id, "level", workspace.currency)


def driver_text(driver: dict) -> str:
    sign = "+" if driver["effect"] >= 0 else ""
    return f"{factor_names[driver['factor']]} {sign}{value_text(driver['effect'], kpi_id, 'level', workspace.currency)}"


parts = ", ".join(driver_text(d) for d in result["drivers"])
direction = "up" if result["change"] > 0 else ("down" if result["change"] < 0 else "flat")
st.markdown(tr("explain.sentence." + direction, kpi=kpi.name(lang), change=change_text.lstrip("−-"), drivers=parts))
st.altair_chart(
    localised(waterfall_chart(waterfall(result), factor_names, kpi.name(lang)), lang),
    width="stretch",
    key="explain_waterfall",
)

st.subheader(tr("channels.title", period=later))
start, end = parse_period(later.strip())
rows = channel_table(obs, start, end)
money = workspace.currency
st.dataframe(
    pd.DataFrame(
        {
            tr("channels.channel"): [channel_label(r["channel"]) for r in rows],
            tr("channels.spend"): [fmt_money(r["spend"], money, lang, 0) for r in rows],
            tr("channels.revenue"): [fmt_money(r["revenue"], money, lang, 0) for r in rows],
            tr("channels.new_customers"): [fmt_number(r["new_customers"], lang) for r in rows],
            tr("channels.cac"): [
                f"{fmt_money(r['cac'], money, lang, 0)} ({fmt_money(r['cac_low'], money, lang, 0)}–"
                f"{fmt_money(r['cac_high'], money, lang, 0)})"
                if r["cac"] is not None
                else "—"
                for r in rows
            ],
            tr("channels.conversion"): [
                f"{fmt_percent(r['conversion_rate'], lang)} ({fmt_percent(r['conversion_low'], lang)}–"
                f"{fmt_percent(r['conversion_high'], lang)})"
                if r["conversion_rate"] is not None
                else "—"
                for r in rows
            ],
            tr("channels.romi"): [fmt_percent(r["romi"], lang) for r in rows],
            tr("channels.drr"): [fmt_percent(r["drr"], lang) for r in rows],
        }
    ),
    hide_index=True,
    width="stretch",
)
st.caption(tr("channels.note"))
