"""One-row-per-deal files (CRM exports) → daily leads, won and lost deals and revenue, with their report."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kpi_core.i18n.formatting import Count
from kpi_core.ingest.convert import skipped_rows
from kpi_core.ingest.dates import drop_far_dates
from kpi_core.ingest.errors import IngestError, Note
from kpi_core.ingest.inspection import ParsedFile, make_inspection
from kpi_core.ingest.presets import Preset
from kpi_core.ingest.quality import file_quality
from kpi_core.ingest.records import aggregate_deals
from kpi_core.ingest.table import Table
from kpi_core.ingest.values import parse_date_column, parse_number_column

ID_HEADERS = ("id", "ид", "id сделки", "номер сделки")
SOURCE_HEADERS = ("источник", "utm_source", "source", "источник сделки")


def repeated_deals(body: pd.DataFrame, id_column: int | None) -> np.ndarray:
    """Rows that repeat a deal: a deal ID seen on an earlier row, or a row without an ID equal in
    every other cell to another row (with or without an ID). Without an ID column the whole row is the key.

    >>> body = pd.DataFrame({0: ["1", "2", None, "2"], 1: ["a", "b", "a", "c"]})
    >>> repeated_deals(body, 0).tolist()
    [False, False, True, True]
    """
    if id_column is None:
        return body.duplicated(keep="first").to_numpy()
    ids = body[id_column].astype(object).map(lambda v: "" if pd.isna(v) else str(v).strip())
    has_id = (ids != "").to_numpy()
    again = has_id & ids.duplicated(keep="first").to_numpy()
    others = [c for c in body.columns if c != id_column]
    order = np.argsort(~has_id, kind="stable")  # rows with an ID first, so an ID-less copy is the one dropped
    copies = np.zeros(len(body), dtype=bool)
    copies[order] = body[others].iloc[order].astype(object).duplicated(keep="first").to_numpy()
    return again | (copies & ~has_id)


def leads_without_source(body: pd.DataFrame, headers: list[str]) -> int:
    """Deals in which every source column (Источник, utm_source …) is empty; 0 without such columns."""
    columns = [i for i, h in enumerate(headers) if h.split(" (")[0].strip().lower() in SOURCE_HEADERS]
    if not columns:
        return 0
    filled = body[columns].astype(object).map(lambda v: not pd.isna(v) and str(v).strip() != "")
    return int((~filled.any(axis=1)).sum())


def parse_records(table: Table, preset: Preset, source: str, warnings: list[str], today) -> ParsedFile:
    spec = preset.records
    assert spec is not None  # only record presets (CRM deal lists) come here
    headers = table.headers
    created_i = preset.find(headers, spec.created)
    stage_i = preset.find(headers, spec.stage)
    if created_i is None:
        raise IngestError("ingest.no_date")
    closed_i = preset.find(headers, spec.closed)
    amount_i = preset.find(headers, spec.amount)
    everything = list(range(len(headers)))  # every column: a repeated deal is a repeated row
    table.materialise(everything, [i for i in everything if i != amount_i])
    body = table.body
    repeated = repeated_deals(body, preset.find(headers, ID_HEADERS))
    duplicates = [int(line) for line in np.asarray(table.line_numbers)[repeated]]
    if duplicates:
        warnings.append(Note("ingest.note.repeated_deals", rows=Count(len(duplicates))))
    created = parse_date_column(body[created_i]).values
    keep = created.notna().to_numpy() & ~repeated
    skipped = skipped_rows(body, keep | repeated, table.line_numbers)
    unsourced = leads_without_source(body.loc[keep], headers)
    if not keep.any() and any(reason == "no date" for _, reason in skipped):
        raise IngestError("ingest.bad_dates", column=table.headers[created_i])
    kept = body.loc[keep]
    created = created[keep]
    closed = parse_date_column(kept[closed_i]).values if closed_i is not None else pd.Series(pd.NaT, index=kept.index)
    outcome = kept[stage_i].map(spec.outcome) if stage_i is not None else pd.Series(None, index=kept.index)
    amount = (
        parse_number_column(kept[amount_i], preset.decimal_hint)
        if amount_i is not None
        else parse_number_column(pd.Series(0.0, index=kept.index))
    )
    if amount.too_large.any():  # a deal whose amount cannot be real is refused, with its line
        large = amount.too_large.to_numpy()
        lines = np.asarray(table.line_numbers)[keep][large]
        skipped = sorted(skipped + [(int(line), "number too large") for line in lines])
        warnings.append(Note("ingest.note.deal_too_large", rows=Count(len(lines))))
        keep = keep.copy()
        keep[np.flatnonzero(keep)[large]] = False
        created, closed, outcome = created[~large], closed[~large], outcome[~large]
        kept = kept[~large]
    amount = amount.values[~amount.too_large]
    if stage_i is None:
        warnings.append(Note("ingest.note.no_stage"))
    observations = aggregate_deals(created, closed, outcome, amount)
    closing = closed.where(outcome.isin(("won", "lost")))  # the days a deal's outcome is counted on
    far = drop_far_dates(observations, np.asarray(table.line_numbers)[keep], [created, closing], warnings, today)
    observations = far.observations
    mapping = {headers[created_i]: "leads"}
    if stage_i is not None:
        mapping[headers[stage_i]] = "deals_won"
    if amount_i is not None:
        mapping[headers[amount_i]] = "revenue"
    suspicious = []
    if amount_i is not None:
        kept_lines = np.asarray(table.line_numbers)[keep]  # positions in ``amount`` are positions among kept rows
        suspicious += [(int(kept_lines[i]), "negative amount") for i in np.flatnonzero((amount < 0).to_numpy())]
    suspicious = sorted(suspicious + far.suspicious)
    inspection = make_inspection(
        table,
        source,
        "record",
        int(far.kept.sum()),
        created_i,
        None,
        mapping,
        observations,
        warnings,
        dict.fromkeys(mapping, 1.0),
    )
    inspection.quality = file_quality(
        len(body.dropna(how="all")), skipped, suspicious, 0, [], duplicates, leads_without_source=unsourced
    )
    return ParsedFile(inspection, observations, len(body.dropna(how="all")), skipped, suspicious)
