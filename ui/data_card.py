"""A file's card on the Data page: its report (rows, skipped, suspicious, quality, warnings), the
period field of a report without day rows, and the questions a file asks."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import streamlit as st

from kpi_core.catalog.registry import MEASURES
from kpi_core.i18n.formatting import fmt_date, fmt_value
from kpi_core.ingest.errors import Note
from kpi_core.report.table import measure_name as measure_in
from ui import state
from ui.state import tr
from ui.widgets import plain


def measure_name(measure: str) -> str:
    return measure_labels()(measure)


def measure_labels():
    """A format function for the measure picker, bound to this run's language."""
    bound, skip = state.lang(), tr("data.skip")

    def label(measure: str) -> str:
        return measure_in(measure, bound) if measure else skip

    return label


NEEDS_PERIOD = ("ingest.no_period.", "ingest.all_time.", "ingest.bad_period", "ingest.bad_stated_period")


def period_field(item_key: str) -> None:
    """The period field of a report without day rows that states none (its value is read on the next run)."""
    st.text_input(tr("data.period_label"), key=f"period_{item_key}", placeholder="01.03.2026 - 31.03.2026")
    st.caption(tr("data.period_help"))


def answers(item_key: str, parsed, override: dict[str, str | None] | None) -> dict[str, str | None] | None:
    """The questions a file asks ("Conversions: orders or leads?"), answered on its card."""
    chosen = dict(override) if override is not None else None
    for column, choices in parsed.inspection.questions.items():
        if chosen is not None and chosen.get(column) in choices:  # answered before, remembered with the source
            continue
        answer = st.radio(
            tr("data.question", column=plain(column)),
            choices,
            index=None,
            format_func=lambda c: tr(f"data.answer.{c}"),
            key=f"ask_{item_key}_{column}",
            horizontal=True,
            help=tr("data.question_help"),
        )
        if answer is not None:
            chosen = {**(chosen or parsed.inspection.mapping), column: answer}
    return chosen


def _remarks(found: dict, suspicious: int) -> list[str]:
    """A quality report's remarks in words: what was dropped, skipped, doubtful or not recognised."""
    counts = {
        "summary_rows": found.get("summary_rows", 0),
        "duplicates": found.get("duplicates", 0),
        "skipped": found.get("skipped", 0),
        "suspicious": suspicious,
        "unsourced": found.get("leads_without_source", 0),
    }
    items = [tr(f"data.quality.{key}", n=n) for key, n in counts.items() if n]
    if found.get("unmapped_channels"):
        items.append(tr("data.quality.channels", names=plain(", ".join(found["unmapped_channels"]))))
    if found.get("uniques_summed"):
        items.append(tr("data.quality.uniques", measures=", ".join(measure_name(m) for m in found["uniques_summed"])))
    return items


def quality(inspection) -> None:
    """The file's data quality as a score and a short list."""
    found = inspection.quality
    if not found:
        return
    items = _remarks(found, found.get("suspicious_rows", len(found.get("suspicious", []))))
    st.markdown(f"**{tr('data.quality', score=found['score'])}**: " + ("; ".join(items) or tr("data.quality.clean")))


def workspace_quality(found: dict) -> None:
    """The workspace's data quality (``workflows.data_quality``): a score over the imports it holds,
    a short list of remarks, and each measure two sources provide with the one in use."""
    if not found["imports"] and not found["shared_measures"]:
        return
    items = _remarks(found, found["suspicious"])
    headline = tr("data.quality_workspace", score=found["score"], n=found["imports"])
    st.markdown(f"**{headline}**: " + ("; ".join(items) or tr("data.quality.clean")))
    if not found["shared_measures"]:
        return
    with st.expander(tr("data.quality.shared_title", n=len(found["shared_measures"]))):
        for shared in found["shared_measures"]:
            st.caption(
                tr(
                    "data.quality.shared",
                    measure=measure_name(shared["measure"]),
                    sources=plain(", ".join(f"«{name}»" for name in shared["sources"])),
                    in_use=plain(shared["in_use"]),
                )
            )


def report(parsed) -> None:
    """Rows read and skipped (with reasons and row numbers), suspicious values, warnings."""
    inspection = parsed.inspection
    first = fmt_date(pd.Timestamp(inspection.date_min).date(), state.lang()) if inspection.date_min else "—"
    last = fmt_date(pd.Timestamp(inspection.date_max).date(), state.lang()) if inspection.date_max else "—"
    dropped = len(parsed.skipped) + inspection.quality.get("duplicates", 0)  # repeated deals are left out too
    if inspection.period:  # no dates on the rows: the period is said in words above
        st.write(tr("data.found_period", rows=parsed.rows_read, kept=inspection.rows, skipped=dropped))
    else:
        st.write(
            tr(
                "data.found",
                rows=parsed.rows_read,
                kept=inspection.rows,
                skipped=dropped,
                first=first,
                last=last,
                date_column=plain(inspection.date_column or "—"),
            )
        )
    if inspection.totals:  # each in its unit: a count is whole (3 884 bounces, not 3 884,46), money to the rouble
        workspace, lang = state.current_workspace(), state.lang()
        currency = workspace.currency if workspace else "RUB"
        units = {m: MEASURES[m].unit if m in MEASURES else "count" for m in inspection.totals}
        st.caption(
            " · ".join(
                f"{measure_name(m)}: {fmt_value(v, units[m], lang, currency)}" for m, v in inspection.totals.items()
            )
        )
    if parsed.skipped:
        with st.expander(tr("data.skipped_rows", n=len(parsed.skipped))):
            st.dataframe(
                pd.DataFrame(
                    {
                        tr("data.col_row"): [r for r, _ in parsed.skipped],
                        tr("data.col_reason"): [
                            tr("data.reason." + why.replace(" ", "_")) for _, why in parsed.skipped
                        ],
                    }
                ),
                hide_index=True,
            )
    if parsed.suspicious:
        st.warning(tr("data.suspicious", n=len(parsed.suspicious)))
        st.dataframe(
            pd.DataFrame(
                {
                    tr("data.col_row"): [r for r, _ in parsed.suspicious],
                    tr("data.col_reason"): [reason_text(why) for _, why in parsed.suspicious],
                }
            ),
            hide_index=True,
        )
    quality(inspection)
    for warning in inspection.warnings:
        st.caption(f"⚠ {plain(note_text(warning))}")


def note_text(warning: str) -> str:
    """A remark about the file in the UI language (a ``Note``; measures named as the UI names them)."""
    if not isinstance(warning, Note):
        return warning
    names = {k: measure_name(str(v)) for k, v in warning.params.items() if k in ("measure", "weight")}
    return tr(warning.key, **{**warning.params, **names})


def reason_text(why: str) -> str:
    """A suspicious row's reason (kpi_core.ingest writes it in English) in the UI language."""
    if why == "date in the future":
        return tr("data.why.future")
    if why.startswith("negative "):
        return tr("data.why.negative", column=plain(why.removeprefix("negative ")))
    far = re.fullmatch(r"date (\d{4}-\d{2}-\d{2}) is over a year from the other dates: not imported", why)
    if far:
        return tr("data.why.far", date=fmt_date(dt.date.fromisoformat(far.group(1)), state.lang()))
    return plain(why)
