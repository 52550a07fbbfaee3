"""Step 3. Data: upload exports (several at once), check what was found, correct the mapping, import."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import workflows
from db import repository as repo
from kpi_core.catalog.registry import MEASURE_LIST
from kpi_core.goals.text import suggested_goal
from kpi_core.i18n.formatting import Quantity, fmt_date, fmt_moment, fmt_number, fmt_span
from kpi_core.ingest import IngestError
from kpi_core.ingest.currency import currency_problem
from kpi_core.ingest.presets import PRESETS
from kpi_core.ingest.rules import mapping_differs
from kpi_core.monitor.steps import is_stale
from ui import state
from ui.data_card import NEEDS_PERIOD, answers, measure_labels, period_field, report, workspace_quality
from ui.state import tr
from ui.widgets import error_text, plain, require_workspace

NEXT_GOAL = "next_goal_sentence"
st.title(tr("data.title"))
st.caption(tr("data.intro"))
workspace = require_workspace()
lang = state.lang()
SKIP = ""
workflows.warm_up_parsing()  # the reader's worker process starts while the user picks a file
Payload = bytes | workflows.QueryResult | workflows.FetchedLink


@st.cache_data(
    show_spinner=False,
    max_entries=16,
    hash_funcs={workflows.QueryResult: lambda q: q.digest, workflows.FetchedLink: lambda f: f.digest},
)
def preview(data: Payload, name: str, sheet: str | None, mapping: tuple | None, period: str | None = None):
    """Parse without storing (cached per file, link or query result, sheet and mapping); an
    IngestError comes back as a value. A query's cells are read as cells, never written out and
    re-detected; a query's and a link's cache key is its digest (a DataFrame's own key samples
    large frames, and a link's bytes are unpacked only when they must be read)."""
    chosen = dict(mapping) if mapping is not None else None
    try:
        if isinstance(data, workflows.QueryResult):
            return workflows.parse_query_result(data.cells, name, chosen), None
        raw = data.data if isinstance(data, workflows.FetchedLink) else data
        return workflows.parse_upload(raw, name, sheet, chosen, period), None
    except IngestError as error:
        return None, error


ALL_SHEETS = "\x00all"  # the sheet picker's first choice when sheets with the same columns are read together


def describe(inspection) -> str:
    """What was detected, in words."""
    source = PRESETS[inspection.source].title if inspection.source in PRESETS else tr("data.generic")
    parts = [tr("data.export_of", source=source)]
    if inspection.sheet:
        parts.append(tr("data.sheet", sheet=plain(inspection.sheet)))
    if inspection.encoding:
        parts.append(inspection.encoding)
    if inspection.delimiter:
        parts.append(
            tr("data.delimiter." + {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe"}[inspection.delimiter])
        )
        parts.append(tr("data.decimal." + ("comma" if inspection.decimal == "," else "point")))
    parts.append(tr("data.header_at", row=inspection.header_row + 1))
    if inspection.period:
        span = fmt_span(
            dt.date.fromisoformat(inspection.period["start"]), dt.date.fromisoformat(inspection.period["end"]), lang
        )
        parts.append(tr("data.no_days", span=span))
    else:
        parts.append(tr("data.grain." + inspection.grain))
    return " · ".join(parts)


def mapping_editor(key: str, parsed) -> dict[str, str | None]:
    """The column → measure table the user can correct; returns the override for the parser."""
    inspection = parsed.inspection
    columns = list(inspection.mapping) + inspection.unmapped
    table = pd.DataFrame(
        {
            "column": columns,
            "measure": [inspection.mapping.get(c, SKIP) for c in columns],
            "confidence": [inspection.confidence.get(c, 0.0) * 100 for c in columns],
        }
    )
    options = [SKIP, *[m.id for m in MEASURE_LIST]]
    edited = st.data_editor(
        table,
        placeholder="—",  # an empty cell, not the word "None"
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["column", "confidence"],
        column_config={
            "column": st.column_config.TextColumn(tr("data.col_column")),
            "measure": st.column_config.SelectboxColumn(
                tr("data.col_measure"), options=options, format_func=measure_labels()
            ),
            "confidence": st.column_config.ProgressColumn(
                tr("data.col_confidence"), min_value=0, max_value=100, format="%.0f%%"
            ),
        },
    )
    return {row.column: (row.measure or None) for row in edited.itertuples(index=False)}


def import_one(item_key: str, file_name: str, data, parsed, source_name: str, replace: bool = False):
    """Store one previewed file; a replacement that removes much more than it brings is asked about
    (kept in the session, shown on the file's card) instead of done."""
    file_hash = workflows.content_hash(data)  # once, when it is stored
    try:
        stored = state.write(
            lambda s: workflows.import_parsed(
                s, workspace.id, parsed, file_name, file_hash, source_name, replace=replace
            )
        )
        st.session_state.setdefault("imported", set()).add(item_key)
        return stored
    except repo.LargeReplacementError as error:
        st.session_state.setdefault("replace_asked", {})[item_key] = (error.removes, error.brings)
        return None


def remembered_source(signature: str):
    with state.session() as s:
        source = repo.find_source_by_signature(s, workspace.id, signature)
        return (source.name, repo.source_mapping(source)) if source else None


def keep_connected(name: str, payload: workflows.QueryResult | workflows.FetchedLink) -> None:
    """Keep a fetched link or query result for its preview: once, however often it is fetched."""
    kept = st.session_state.setdefault("connected", [])
    if all(item.digest != payload.digest for _, item in kept):
        kept.append((name, payload))


def connect_section() -> None:
    """Data by connection: one SELECT from a database, or a CSV / Google Sheets link."""
    with st.expander(tr("connect.title")):
        database, link = st.tabs([tr("connect.database"), tr("connect.link")])
        with database:
            url = st.text_input(tr("connect.db_url"), type="password", key="connect_url", help=tr("connect.db_help"))
            query = st.text_area(
                tr("connect.query"), key="connect_query", placeholder="SELECT day AS date, orders, revenue FROM sales"
            )
            if st.button(tr("connect.run"), key="connect_run"):
                try:
                    with st.spinner(tr("connect.running")):
                        keep_connected(tr("connect.query_name"), workflows.run_query(url, query))
                except IngestError as error:
                    st.error(error_text(error))
        with link:
            address = st.text_input(tr("connect.url"), key="connect_link", placeholder="https://…/report.csv")
            if st.button(tr("connect.fetch"), key="connect_fetch"):
                try:
                    with st.spinner(tr("connect.fetching")):
                        fetched = workflows.fetch_link(address)
                    keep_connected(fetched.name, fetched)
                except IngestError as error:
                    st.error(error_text(error))


uploads = st.file_uploader(
    tr("data.upload"), type=["csv", "tsv", "txt", "xlsx", "xls", "ods"], key="upload", accept_multiple_files=True
)
connect_section()
items = [(f"u{upload.file_id}", upload.name, upload.getvalue()) for upload in uploads or []]
# a connected link or query is keyed by its content, never by its place in the list (which shifts)
items += [(f"c{data.digest}", name, data) for name, data in st.session_state.get("connected", [])]
if st.session_state.get("connected") and st.button(tr("connect.clear"), key="connect_clear"):
    st.session_state["connected"] = []
    st.rerun()
plans = []
imported = st.session_state.setdefault("imported", set())  # the uploads stored since they were dropped here
for item_key, file_name, data in items:
    with st.container(border=True):
        st.markdown(f"**{plain(file_name)}**")
        if item_key in imported:  # stored already: not offered again (remove it from the list above)
            st.caption(tr("data.done_card"))
            continue
        parsed, problem = preview(data, file_name, None, None)
        needs_period = problem is not None and problem.key.startswith(NEEDS_PERIOD)
        period = (st.session_state.get(f"period_{item_key}") or "").strip() or None if needs_period else None
        if period is not None:
            parsed, problem = preview(data, file_name, None, None, period)
        if problem is not None:
            st.error(error_text(problem))
            if needs_period:
                period_field(item_key)
            continue
        if needs_period:
            period_field(item_key)
        sheet = None
        if len(parsed.inspection.sheets) > 1:
            joined = parsed.inspection.joined
            options = ([ALL_SHEETS] if joined else []) + parsed.inspection.sheets
            every = tr("data.sheets_all", sheets=", ".join(joined))  # bound now: format_func may run elsewhere
            picked = st.selectbox(
                tr("data.sheet_pick"),
                options,
                index=0 if joined else options.index(parsed.inspection.sheet),
                format_func=lambda o, every=every: every if o == ALL_SHEETS else o,
                key=f"sheet_{item_key}",
            )
            sheet = None if picked == ALL_SHEETS else picked
            parsed, problem = preview(data, file_name, sheet, None, period)
            if problem is not None:
                st.error(error_text(problem))
                continue
        st.caption(describe(parsed.inspection))
        other_money = currency_problem(parsed.inspection.currencies, workspace.currency)
        if other_money is not None:
            st.error(error_text(other_money))
            continue
        remembered = remembered_source(parsed.inspection.signature)
        source_name = (
            remembered[0]
            if remembered
            else (
                PRESETS[parsed.inspection.source].title
                if parsed.inspection.source in PRESETS
                else file_name.rsplit(".", 1)[0]
            )
        )
        override = None
        is_records = parsed.inspection.grain == "record"
        if remembered and not st.toggle(tr("data.change_mapping"), key=f"edit_{item_key}"):
            st.success(tr("data.remembered", source=plain(remembered[0])))
            columns = list(parsed.inspection.mapping) + parsed.inspection.unmapped
            override = {c: remembered[1].get(c) for c in columns}
        elif is_records:
            st.info(tr("data.records"))
        else:
            st.markdown(f"**{tr('data.mapping')}**")
            override = mapping_editor(f"mapping_{item_key}", parsed)
        override = answers(item_key, parsed, override)
        if override is not None:
            if mapping_differs(parsed.inspection.mapping, override):
                parsed, problem = preview(data, file_name, sheet, tuple(sorted(override.items())), period)
                if problem is not None:
                    st.error(error_text(problem))
                    continue
        report(parsed)
        name = st.text_input(tr("data.source_name"), source_name, max_chars=200, key=f"source_{item_key}")
        chosen_name = name.strip() or source_name
        asked = st.session_state.get("replace_asked", {}).get(item_key)
        if asked is not None:
            removes, brings = asked
            st.warning(
                tr(
                    "data.replace_confirm",
                    name=plain(chosen_name),
                    removes=fmt_number(removes, lang, 0),
                    brings=fmt_number(brings, lang, 0),
                )
            )
            if st.button(tr("data.replace_button"), key=f"replace_{item_key}"):
                del st.session_state["replace_asked"][item_key]
                stored = import_one(item_key, file_name, data, parsed, chosen_name, replace=True)
                st.session_state["import_results"] = [(file_name, stored)] if stored is not None else []
                if item_key.startswith("c") and stored is not None:  # a connected link or query: done with it
                    st.session_state["connected"] = [
                        kept for kept in st.session_state["connected"] if f"c{kept[1].digest}" != item_key
                    ]
                st.session_state.pop("replace_asked", None)  # the other cards' keys shift with the list
                st.rerun()
            continue  # imported only once confirmed
        plans.append((item_key, file_name, data, parsed, chosen_name))

if plans and st.button(tr("data.import", n=Quantity(len(plans), "noun.files")), type="primary", key="do_import"):
    progress = st.progress(0.0, text=tr("data.importing"))
    results = []
    for done, (item_key, file_name, data, parsed, source_name) in enumerate(plans, start=1):
        stored = import_one(item_key, file_name, data, parsed, source_name)
        if stored is not None:
            results.append((file_name, stored))
        progress.progress(done / len(plans), text=tr("data.importing_file", name=plain(file_name)))
    st.session_state["import_results"] = results
    if not st.session_state.get("replace_asked"):
        st.session_state["connected"] = []  # what is still asked about keeps its data
    st.rerun()


imported = st.session_state.pop("import_results", [])
next_goal = f"{NEXT_GOAL}_{workspace.id}"  # proposed for this workspace, not the one opened next
if not state.workspace_goals(workspace.id):  # the method's next step, one click away
    if imported:
        measures = set(state.workspace_observations(workspace)["measure"])
        st.session_state[next_goal] = suggested_goal(measures, lang)
    if next_goal in st.session_state and st.button(
        tr("data.next_goal", sentence=st.session_state[next_goal]), type="primary", key="next_goal"
    ):
        st.session_state["goal_sentence"] = st.session_state.pop(next_goal)
        st.session_state["goal_prefill"] = True  # the Goals page fills its form from the sentence
        st.switch_page("app_pages/goals.py")
for file_name, result in imported:
    st.success(
        tr(
            "data.imported",
            file=plain(file_name),
            source=plain(result.source),
            written=result.observations_written,
            replaced=result.observations_replaced,
            first=fmt_date(result.date_min, lang),
            last=fmt_date(result.date_max, lang),
        )
    )

st.subheader(tr("data.sources"))
with state.session() as s:
    held = workflows.sources_with_data(s, workspace.id)
    batches = workflows.import_history(s, workspace.id)
if removed := st.session_state.pop("source_removed", None):
    st.info(tr("data.source_removed", name=plain(removed)))
if not held:
    st.info(tr("data.no_data"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                tr("data.col_source"): [name for _, name, _ in held],
                tr("data.col_last"): [fmt_date(last, lang) for _, _, last in held],
            }
        ),
        hide_index=True,
    )
    stale = [(name, last) for _, name, last in held if is_stale(last, state.today(), workspace.review_period)]
    if stale:  # one box for all of them
        sources = "; ".join(tr("data.stale_source", source=plain(n), date=fmt_date(d, lang)) for n, d in stale)
        st.warning(tr("data.stale", sources=sources))
    workspace_quality(state.data_quality(workspace))
    with st.expander(tr("data.remove_source")):  # a wrong file's source goes, with its data; undoable below
        ids = {name: source_id for source_id, name, _ in held}  # a workspace's source names are unique
        doomed = st.selectbox(tr("data.col_source"), list(ids), key="remove_source_name")
        sure = st.checkbox(tr("data.remove_sure"), key="remove_source_sure")
        if st.button(tr("common.delete"), key="remove_source", disabled=not sure) and doomed in ids:
            with state.session() as s:
                workflows.remove_source(s, workspace.id, ids[doomed])
            st.session_state["source_removed"] = doomed
            st.session_state.pop("remove_source_sure", None)
            st.rerun()

if batches:
    st.subheader(tr("data.history"))
    undoable = workflows.undoable_batches(batches)
    for batch in batches[:20]:
        c1, c2, c3 = st.columns([4, 3, 1])
        what = tr("data.removal", name=plain(batch.file_name)) if batch.removal else plain(batch.file_name)
        c1.write(f"{what} · {fmt_moment(batch.created_at, lang, st.context.timezone)}")
        if batch.removal:
            line = tr("data.removal_line")
        elif batch.period and batch.first and batch.last:
            line = tr(
                "data.batch_period",
                written=Quantity(batch.written, "noun.values"),
                span=fmt_span(batch.first, batch.last, lang),
            )
        else:
            line = tr(
                "data.batch_line",
                written=Quantity(batch.written, "noun.values"),
                first=fmt_date(batch.first, lang),
                last=fmt_date(batch.last, lang),
            )
        c2.caption(line + (f" · {tr('data.undone')}" if batch.undone_at else ""))
        if batch.id in undoable:
            if c3.button(tr("data.undo"), key=f"undo_{batch.id}", help=tr("data.undo_help")):
                with state.session() as s:
                    workflows.undo_import(s, batch.id)
                st.session_state["undone"] = (batch.file_name, batch.removal)
                st.rerun()
    if undone := st.session_state.pop("undone", None):
        st.info(tr("data.source_back" if undone[1] else "data.undone_done", name=plain(undone[0])))
