"""Step 3. Data: upload a CSV or Excel export, check what was found, import it atomically."""

import hashlib

import pandas as pd
import streamlit as st

import workflows
from db import repository as repo
from kpi_core.catalog import MEASURES
from kpi_core.i18n import fmt_date
from kpi_core.ingest import IngestError
from kpi_core.progress import is_stale
from ui import state
from ui.state import tr
from ui.widgets import plain, require_workspace

st.title(tr("data.title"))
st.caption(tr("data.intro"))
workspace = require_workspace()
lang = state.lang()

upload = st.file_uploader(tr("data.upload"), type=["csv", "tsv", "txt", "xlsx", "xls", "ods"], key="upload")


@st.cache_data(show_spinner=False, max_entries=8)
def preview(data: bytes, name: str):
    """Parse without storing; IngestError messages are cached as results, not raised."""
    try:
        return workflows.parse_upload(data, name), None
    except IngestError as error:
        return None, error


if upload is not None:
    data = upload.getvalue()
    parsed, problem = preview(data, upload.name)
    if problem:
        st.error(problem.message(lang))
    elif parsed is not None:
        st.subheader(tr("data.preview"))
        obs = parsed.observations
        first = fmt_date(obs["date"].min().date(), lang) if not obs.empty else "—"
        last = fmt_date(obs["date"].max().date(), lang) if not obs.empty else "—"
        st.write(
            tr(
                "data.found",
                rows=parsed.rows_read,
                skipped=len(parsed.skipped),
                first=first,
                last=last,
                date_column=plain(parsed.date_column),
            )
        )
        st.dataframe(
            pd.DataFrame(
                {
                    tr("data.col_column"): list(parsed.mapping),
                    tr("data.col_measure"): [
                        MEASURES[m].name_ru if lang == "ru" else MEASURES[m].name_en for m in parsed.mapping.values()
                    ],
                }
            ),
            hide_index=True,
        )
        if parsed.unmapped:
            st.caption(tr("data.unmapped", columns=plain(", ".join(parsed.unmapped))))
        if parsed.skipped:
            with st.expander(tr("data.skipped_rows")):
                st.dataframe(pd.DataFrame(parsed.skipped, columns=["#", "—"]), hide_index=True)
        source_name = st.text_input(
            tr("data.source_name"), upload.name.rsplit(".", 1)[0], max_chars=200, key="source_name"
        )
        if st.button(tr("data.import"), type="primary", key="do_import"):
            try:
                with state.session() as s:
                    result = workflows.import_file(s, workspace.id, data, upload.name, source_name.strip() or None)
                st.session_state["import_result"] = result.as_dict()
                st.session_state["imported_hash"] = hashlib.sha256(data).hexdigest()
                st.rerun()
            except IngestError as error:
                st.error(error.message(lang))

result = st.session_state.pop("import_result", None)
if result:
    st.success(
        tr(
            "data.imported",
            written=result["observations_written"],
            replaced=result["observations_replaced"],
            first=result["date_min"] or "—",
            last=result["date_max"] or "—",
        )
    )

st.subheader(tr("data.sources"))
with state.session() as s:
    freshness = repo.source_freshness(s, workspace.id)
    batches = [
        (b.file_name, b.created_at, b.observations_written, b.date_min, b.date_max)
        for b in repo.list_batches(s, workspace.id)
    ]
if not freshness:
    st.info(tr("data.no_data"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                tr("data.col_source"): [n for n, _ in freshness],
                tr("data.col_last"): [fmt_date(d, lang) for _, d in freshness],
            }
        ),
        hide_index=True,
    )
    for name, last_day in freshness:
        if is_stale(last_day, state.today(), workspace.review_period):
            st.warning(tr("data.stale", source=plain(name), date=fmt_date(last_day, lang)))
    st.subheader(tr("data.history"))
    st.dataframe(
        pd.DataFrame(
            {
                tr("data.col_file"): [b[0] for b in batches],
                tr("data.col_when"): [b[1] for b in batches],
                tr("data.col_written"): [b[2] for b in batches],
                tr("data.col_range"): [f"{fmt_date(b[3], lang)} — {fmt_date(b[4], lang)}" for b in batches],
            }
        ),
        hide_index=True,
    )
