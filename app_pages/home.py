"""Home: what the app does, start with my business, or load the demo."""

import streamlit as st

import workflows
from db import repository as repo
from ui import state
from ui.state import tr
from ui.widgets import plain

st.title(tr("home.title"))
st.write(tr("home.pitch"))
st.caption(plain(tr("home.step_list")))  # «1. Цели…» is text, not the start of a numbered list

workspace = state.current_workspace()
if workspace is not None:
    st.info(tr("home.current", name=plain(workspace.name)))

start_col, demo_col = st.columns(2)
with start_col, st.form("start_business", enter_to_submit=False):
    st.subheader(tr("home.start"))
    name = st.text_input(tr("sidebar.workspace_name"), max_chars=120, key="home_name")
    currency = st.selectbox(tr("settings.currency"), ["RUB", "USD", "EUR", "KZT", "BYN"], key="home_currency")
    if st.form_submit_button(tr("home.start"), type="primary"):
        if not name.strip():
            st.error(tr("home.name_empty"))
        else:
            try:
                with state.session() as s:
                    created = repo.create_workspace(s, name, currency=currency, locale=state.lang())
                    state.select_workspace(created.id)
                st.switch_page("app_pages/data.py")  # an owner's own export first: goals then start from it
            except ValueError:
                st.error(tr("home.name_taken", name=plain(name.strip())))

with demo_col:
    st.subheader(tr("home.demo"))
    st.write(tr("home.demo_help"))
    if st.button(tr("home.demo"), key="load_demo"):
        with st.spinner(tr("home.demo_loading")):
            with state.session() as s:
                demo = workflows.seed_demo(s, tr("home.demo_name"), state.today(), state.lang())
                state.select_workspace(demo.id)
        st.session_state["demo_loaded"] = True
        st.rerun()
    if st.session_state.pop("demo_loaded", False):
        st.success(tr("home.demo_loaded"))
    if workspace is not None and workspace.is_demo:
        st.page_link("app_pages/monitor.py", label=tr("home.open_monitor"), icon=":material/monitoring:")
