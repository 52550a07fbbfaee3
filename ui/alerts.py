"""The workspace's alerts, cached per data version, goals and day; their sentences for the UI."""

from __future__ import annotations

import streamlit as st

from db.engine import database_url
from kpi_core.catalog.registry import get_kpi
from kpi_core.goals.spec import GoalSpec
from kpi_core.i18n.formatting import fmt_date, fmt_percent
from kpi_core.monitor.alerts import Alert, change_alerts, sort_alerts, stale_alerts, status_alerts
from ui import state
from ui.pacing import paced_rows
from ui.state import WorkspaceInfo, tr
from ui.widgets import plain, status_badge


@st.cache_data(show_spinner=False, max_entries=32)
def _change_alerts(url, workspace_id, data_version, kpi_ids, period, threshold, as_of, margin) -> list[Alert]:
    obs = state.observations(url, workspace_id, data_version)
    return change_alerts(obs, list(kpi_ids), period, threshold, as_of, margin)


def workspace_alerts(workspace: WorkspaceInfo, goals: list[GoalSpec]) -> list[Alert]:
    """Off-track and at-risk goal KPIs, changes beyond the workspace's threshold, stale sources."""
    rows = paced_rows(workspace, goals) if goals else []
    kpi_ids = tuple(dict.fromkeys(k.kpi for goal in goals for k in goal.kpis))
    changes = _change_alerts(
        database_url(),
        workspace.id,
        workspace.data_version,
        kpi_ids,
        workspace.review_period,
        workspace.alert_change_pct,
        state.today(),
        workspace.margin_pct,
    )
    stale = stale_alerts(state.source_freshness(workspace), state.today(), workspace.review_period)
    return sort_alerts(status_alerts(rows) + changes + stale)


def alert_text(alert: Alert, period: str) -> str:
    """One alert as a sentence in the UI language (user text escaped for Markdown)."""
    lang = state.lang()
    kpi = plain(get_kpi(alert.kpi).name(lang)) if alert.kpi else ""
    if alert.kind in ("off_track", "at_risk"):
        return f"{status_badge(alert.kind)} " + tr(f"alert.{alert.kind}", kpi=kpi, goal=plain(alert.goal))
    if alert.kind == "change" and alert.change_pct is not None:
        sign = "+" if alert.change_pct > 0 else ""
        return tr(
            "alert.change",
            kpi=kpi,
            change=sign + fmt_percent(alert.change_pct, lang),
            period=tr("period." + period).lower(),
        )
    stale = tr("alert.stale", source=plain(alert.source), date=fmt_date(alert.last_day, lang))
    return f":gray-badge[{tr('alert.badge_stale')}] {stale}"
