"""Settings: currency, review cadence, margin and VAT, alert threshold; which source provides each
measure; back up and restore; delete the workspace."""

import streamlit as st

import exports
from db import repository as repo
from db.backup import BackupError
from kpi_core.catalog.measures import MEASURES
from kpi_core.i18n.formatting import fmt_date, fmt_span, fmt_value
from kpi_core.i18n.strings import STRINGS
from ui import state
from ui.data_card import measure_name
from ui.state import labels, tr
from ui.widgets import plain, require_workspace
from workspace_rows import MeasureSourceRow, SourceTotal

st.title(tr("settings.title"))
workspace = require_workspace()
CURRENCIES = ["RUB", "USD", "EUR", "KZT", "BYN", "UAH"]

with st.form("settings", enter_to_submit=False):
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
        format="%.1f",
    )
    alert = c4.number_input(
        tr("settings.alert"), min_value=1.0, max_value=500.0, value=float(workspace.alert_change_pct), format="%.0f"
    )
    c5, c6 = st.columns(2)
    vat = c5.checkbox(tr("settings.vat"), workspace.spend_includes_vat, help=tr("settings.vat_help"))
    vat_pct = c6.number_input(
        tr("settings.vat_pct"),
        min_value=0.0,
        max_value=50.0,
        value=float(workspace.vat_pct),
        key="vat_pct",
        format="%.0f",
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


def source_kind(source: SourceTotal) -> str:
    """What the source is: the export's name (in Russian where it has one), else a plain table."""
    preset_key, kind_key = f"settings.preset.{source.preset}", f"settings.kind.{source.kind}"
    if preset_key in STRINGS:
        return tr(preset_key)
    return source.preset_title or tr(kind_key if kind_key in STRINGS else "settings.kind.file")


def source_label(row: MeasureSourceRow, source: SourceTotal) -> str:
    """A source as the user tells it apart: its name, what it is, its dates and its total."""
    lang = state.lang()
    period = fmt_date(source.first, lang) if source.first == source.last else fmt_span(source.first, source.last, lang)
    measure = MEASURES.get(row.measure)
    total = fmt_value(source.total, measure.unit if measure else "count", lang, workspace.currency)
    if measure is not None and measure.semi_additive:
        total += f" ({tr('settings.source_uniques')})"
    kind = plain(source_kind(source))
    label = tr("settings.source_option", name=plain(source.name), kind=kind, period=period, total=total)
    return label + (f" · {tr('settings.source_first')}" if source.id == row.sources[0].id else "")


def save_sources(picks: dict[str, int], firsts: dict[str, int]) -> None:
    """Store each measure's source in one unit of work: the first that provided it is the default, so
    picking it forgets the choice. Each change bumps the data version, so cached data is read again."""

    def work(s) -> None:
        stored = repo.preferred_sources(s, workspace.id)
        for measure, wanted in picks.items():
            if wanted == firsts[measure]:
                if measure in stored:
                    repo.clear_measure_source(s, workspace.id, measure)
            elif stored.get(measure) != wanted:
                repo.choose_measure_source(s, workspace.id, measure, wanted)

    state.write(work)


st.divider()
st.subheader(tr("settings.sources"))
source_rows = state.measure_sources(workspace)
if not source_rows:
    st.caption(tr("settings.sources_one_each"))
else:
    st.caption(tr("settings.sources_intro"))
    with st.form("measure_sources", enter_to_submit=False):
        picks: dict[str, int] = {}
        for row in source_rows:
            options = {source.id: source_label(row, source) for source in row.sources}  # bound in this run
            ids = list(options)
            picks[row.measure] = st.radio(
                measure_name(row.measure),
                ids,
                index=ids.index(row.in_use),
                format_func=options.__getitem__,
                help=tr("settings.sources_help"),
                key=f"measure_source_{workspace.id}_{row.measure}",
            )
        if st.form_submit_button(tr("common.save"), type="primary", key="save_sources"):
            try:
                save_sources(picks, {row.measure: row.sources[0].id for row in source_rows})
                st.session_state["sources_saved"] = True
            except ValueError:  # a source was undone or deleted since the page was drawn
                st.session_state["sources_changed"] = True
            st.rerun()
if st.session_state.pop("sources_saved", False):
    st.success(tr("common.saved"))
if st.session_state.pop("sources_changed", False):
    st.warning(tr("settings.sources_changed"))

st.subheader(tr("backup.title"))
st.caption(tr("backup.intro"))
b1, b2 = st.columns(2)
b1.download_button(
    tr("backup.download"),
    state.on_click(exports.backup_workspace, workspace.id),
    file_name=f"{workspace.name}-{state.today().isoformat()}.zip",
    mime="application/zip",
    on_click="ignore",
)
with b2.form("restore", clear_on_submit=True, enter_to_submit=False):
    upload = st.file_uploader(tr("backup.file"), type=["zip"], key="restore_file")
    restore_as = st.text_input(tr("backup.as"), max_chars=120, key="restore_as", help=tr("backup.as_help"))
    if st.form_submit_button(tr("backup.restore"), key="restore_go"):
        if upload is None:
            st.session_state["restore_error"] = tr("backup.choose")
        else:
            try:
                with state.session() as s:
                    restored = exports.restore_workspace(s, upload.getvalue(), restore_as.strip() or None)
            except BackupError as error:
                st.session_state["restore_error"] = error.text(state.lang())
            else:
                st.session_state["restored"] = restored["workspace"]
                state.select_workspace(restored["workspace_id"])
            st.rerun()
if error := st.session_state.pop("restore_error", None):
    st.error(error)
if restored_name := st.session_state.pop("restored", None):
    st.success(tr("backup.restored", name=restored_name))

st.divider()
confirm = st.checkbox(tr("settings.delete_confirm"), key="confirm_delete_workspace")
if st.button(tr("settings.delete"), disabled=not confirm, key="delete_workspace"):
    with state.session() as s:
        repo.delete_workspace(s, workspace.id)
    state.select_workspace(None)
    st.switch_page("app_pages/home.py")
