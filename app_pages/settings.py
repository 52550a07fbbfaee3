"""Settings: currency, review cadence, margin and VAT, alert threshold; delete the workspace."""

import streamlit as st

from db import repository as repo
from ui import state
from ui.state import labels, tr
from ui.widgets import require_workspace

st.title(tr("settings.title"))
workspace = require_workspace()
CURRENCIES = ["RUB", "USD", "EUR", "KZT", "BYN", "UAH"]

with st.form("settings"):
    brand = st.text_input(tr("settings.brand"), workspace.brand_name or "", max_chars=120)
    c1, c2 = st.columns(2)
    currency = c1.selectbox(
        tr("settings.currency"),
        CURRENCIES,
        index=CURRENCIES.index(workspace.currency) if workspace.currency in CURRENCIES else 0,
    )
    review = c2.selectbox(
        tr("settings.review"),
        ["week", "month"],
        index=0 if workspace.review_period == "week" else 1,
        format_func=labels("period."),
    )
    c3, c4 = st.columns(2)
    margin = c3.number_input(
        tr("settings.margin"),
        min_value=0.0,
        max_value=100.0,
        value=float(workspace.margin_pct or 0.0),
        help=tr("settings.margin_help"),
    )
    alert = c4.number_input(
        tr("settings.alert"), min_value=1.0, max_value=500.0, value=float(workspace.alert_change_pct)
    )
    c5, c6 = st.columns(2)
    vat = c5.checkbox(tr("settings.vat"), workspace.spend_includes_vat, help=tr("settings.vat_help"))
    vat_pct = c6.number_input(
        tr("settings.vat_pct"), min_value=0.0, max_value=50.0, value=float(workspace.vat_pct), key="vat_pct"
    )
    if st.form_submit_button(tr("common.save"), type="primary"):
        with state.session() as s:
            repo.update_workspace(
                s,
                workspace.id,
                brand_name=brand.strip() or None,
                currency=currency,
                review_period=review,
                margin_pct=margin or None,
                alert_change_pct=alert,
                spend_includes_vat=vat,
                vat_pct=vat_pct,
            )
        st.session_state["settings_saved"] = True
        st.rerun()
if st.session_state.pop("settings_saved", False):
    st.success(tr("common.saved"))

st.divider()
confirm = st.checkbox(tr("settings.delete_confirm"), key="confirm_delete_workspace")
if st.button(tr("settings.delete"), disabled=not confirm, key="delete_workspace"):
    with state.session() as s:
        repo.delete_workspace(s, workspace.id)
    state.select_workspace(None)
    st.switch_page("app_pages/home.py")
