"""KPI Pilot: page config, navigation grouped by the method's steps, and the sidebar."""

import streamlit as st

from db import repository as repo
from kpi_core.i18n.formatting import LANGS
from kpi_core.monitor.steps import STEPS, method_progress
from ui import state
from ui.alerts import workspace_alerts
from ui.state import tr
from ui.widgets import plain

st.set_page_config(page_title="KPI Pilot", page_icon=":material/flag:", layout="wide")
state.init_session()

PAGES = {
    "nav.start": [("app_pages/home.py", "page.home", ":material/home:")],
    "nav.method": [
        ("app_pages/goals.py", "page.goals", ":material/flag:"),
        ("app_pages/metrics.py", "page.metrics", ":material/checklist:"),
        ("app_pages/data.py", "page.data", ":material/upload_file:"),
        ("app_pages/monitor.py", "page.monitor", ":material/monitoring:"),
        ("app_pages/analyse.py", "page.analyse", ":material/query_stats:"),
        ("app_pages/adjust.py", "page.adjust", ":material/tune:"),
    ],
    "nav.workspace": [
        ("app_pages/team.py", "page.team", ":material/groups:"),
        ("app_pages/settings.py", "page.settings", ":material/settings:"),
    ],
}


def sidebar() -> None:
    with st.sidebar:
        st.radio(
            tr("sidebar.language"),
            LANGS,
            key="lang",
            horizontal=True,
            format_func=lambda code: code.upper(),
            on_change=state.language_changed,
        )
        workspaces = state.list_workspaces()
        ids = [wid for wid, _ in workspaces]
        names = dict(workspaces)
        if st.session_state.get("workspace_id") not in ids:
            st.session_state["workspace_id"] = ids[0] if ids else None
        if ids:
            st.selectbox(tr("sidebar.workspace"), ids, key="workspace_id", format_func=names.get)
        else:
            st.caption(tr("sidebar.no_workspace"))
        with st.expander(tr("sidebar.new_workspace")), st.form("new_workspace", clear_on_submit=True):
            name = st.text_input(tr("sidebar.workspace_name"), max_chars=120)
            if st.form_submit_button(tr("sidebar.create")):
                if not name.strip():
                    st.error(tr("home.name_empty"))
                else:
                    try:
                        with state.session() as s:
                            state.select_workspace(repo.create_workspace(s, name, locale=state.lang()).id)
                        st.rerun()
                    except ValueError:
                        st.error(tr("home.name_taken", name=plain(name.strip())))
        workspace = state.current_workspace()
        state.use_workspace_kpis(workspace.id if workspace else None)
        if workspace is not None:
            with state.session() as s:
                goals = repo.list_goals(s, workspace.id)
                counts = [len(g.kpis) for g in goals]
                actions = len(repo.list_actions(s, workspace.id))
            last_days = [day for _, day in state.source_freshness(workspace) if day is not None]
            done = method_progress(
                counts, max(last_days, default=None), actions, state.today(), workspace.review_period
            )
            goals = [goal for _, goal in state.workspace_goals(workspace.id)]
            count = len(workspace_alerts(workspace, goals))
            st.page_link(
                "app_pages/monitor.py",
                label=tr("sidebar.alerts", n=count) if count else tr("sidebar.no_alerts"),
                icon=":material/notifications_active:" if count else ":material/notifications:",
            )
            st.caption(tr("sidebar.progress"))
            for step in STEPS:
                icon = ":material/check_circle:" if done[step] else ":material/radio_button_unchecked:"
                st.markdown(f"{icon} {tr('step.' + step)}")


navigation = st.navigation(
    {
        tr(section): [
            st.Page(path, title=tr(title), icon=icon, default=(path == "app_pages/home.py"))
            for path, title, icon in pages
        ]
        for section, pages in PAGES.items()
    }
)
try:
    sidebar()  # after st.navigation, so the sidebar can link to its pages
except Exception as error:  # noqa: BLE001 - the page still opens; the log gets the traceback
    state.show_unexpected(error)
try:
    navigation.run()
except Exception as error:  # noqa: BLE001 - users get one sentence with a reference, the log the traceback
    state.show_unexpected(error)
