"""A file → what it is (inspection) and its daily observations: detect, parse, map, validate, normalise."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kpi_core.catalog.registry import MEASURES
from kpi_core.i18n.formatting import Count
from kpi_core.ingest import reader
from kpi_core.ingest.channels import normalise_channels
from kpi_core.ingest.convert import (
    grain_of,
    skipped_rows,
    suspicious_rows,
    to_long,
)
from kpi_core.ingest.dates import drop_far_dates
from kpi_core.ingest.errors import IngestError
from kpi_core.ingest.presets import Preset
from kpi_core.ingest.records import SURVEY_HEADERS, aggregate_deals, aggregate_survey
from kpi_core.ingest.rules import ColumnRule, bare_header, generic_match, is_date_header, norm_header
from kpi_core.ingest.table import Table, frames_table, sheet_table, text_table
from kpi_core.ingest.values import (
    date_share,
    parse_date_column,
    parse_number_column,
)

CHANNEL_HEADERS = frozenset(
    {"channel", "канал", "источник трафика", "traffic source", "default channel group", "канал трафика"}
)


@dataclass
class Inspection:
    """What a file is and how it maps (the fields of the `inspect` command)."""

    source: str
    encoding: str | None
    delimiter: str | None
    decimal: str
    sheet: str | None
    header_row: int
    grain: str
    rows: int
    date_column: str | None
    date_min: str | None
    date_max: str | None
    dimension_column: str | None
    mapping: dict[str, str]
    unmapped: list[str]
    totals: dict[str, float]
    warnings: list[str]
    sheets: list[str] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)
    signature: str = ""

    def as_dict(self) -> dict:
        keys = (
            "source",
            "encoding",
            "delimiter",
            "decimal",
            "sheet",
            "header_row",
            "grain",
            "rows",
            "date_column",
            "date_min",
            "date_max",
            "dimension_column",
            "mapping",
            "unmapped",
            "totals",
            "warnings",
        )
        return {key: getattr(self, key) for key in keys}


@dataclass
class ParsedFile:
    """A file's observations with the inspection and the validation report."""

    inspection: Inspection
    observations: pd.DataFrame
    rows_read: int
    skipped: list[tuple[int, str]]
    suspicious: list[tuple[int, str]]

    # the names the Data page and older callers use
    @property
    def mapping(self) -> dict[str, str]:
        return self.inspection.mapping


def _rule(preset: Preset | None, header: str) -> ColumnRule | None:
    if preset is not None:
        rule = preset.rule_for(header)
        if rule is not None:
            return rule
        if preset.records is not None:
            return None
    match = generic_match(header)
    return match.rule if match else None


def _confidence(preset: Preset | None, header: str) -> float:
    if preset is not None and preset.rule_for(header) is not None:
        return 1.0
    match = generic_match(header)
    return match.confidence if match else 0.0


def _date_column(table: Table, preset: Preset | None, taken: set[int]) -> int | None:
    if preset is not None and preset.date_headers:
        found = preset.find(table.headers, preset.date_headers)
        if found is not None:
            return found
    for index, header in enumerate(table.headers):
        if index not in taken and is_date_header(header):
            return index
    shares = [(date_share(table.body[i]), i) for i in range(len(table.headers)) if i not in taken]
    shares = [s for s in shares if s[0] >= 0.8]
    return max(shares)[1] if shares else None


def _dimension_column(table: Table, preset: Preset | None) -> int | None:
    if preset is not None and preset.dimension_headers:
        return preset.find(table.headers, preset.dimension_headers)
    for index, header in enumerate(table.headers):
        if norm_header(header) in CHANNEL_HEADERS or bare_header(header) in CHANNEL_HEADERS:
            return index
    return None


def _signature(source: str, headers: list[str]) -> str:
    key = source + "|" + "|".join(norm_header(h) for h in headers)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def parse_file(
    data: bytes,
    file_name: str,
    sheet: str | None = None,
    mapping: dict[str, str | None] | None = None,
    today: dt.date | None = None,
) -> ParsedFile:
    """Read a file into daily observations (date, measure, channel, value) with its inspection.

    ``mapping`` overrides the detected measure of a column ({header: measure id, or None to skip}).
    Raises ``IngestError`` with one sentence for a file that cannot be used.
    """
    return _parse_file(data, file_name, sheet, mapping, today)


def parse_cells(
    cells: pd.DataFrame, name: str, mapping: dict[str, str | None] | None = None, today: dt.date | None = None
) -> ParsedFile:
    """A table of cells (the result of a database query, first row = column names) into observations."""
    if len(cells) > reader.MAX_ROWS:
        raise IngestError("ingest.too_many_rows", rows=Count(reader.MAX_ROWS))
    table = frames_table(reader.Workbook([name], {name: cells}), name)
    table.sheet, table.sheets = None, []  # a query result is one table, not a workbook's sheet
    return _parse_table(table, mapping, today)


def _parse_file(data, file_name, sheet, mapping, today) -> ParsedFile:
    reader.check_size(data)
    ext = reader.extension(file_name)
    if ext not in reader.TEXT_EXTENSIONS + reader.SHEET_EXTENSIONS and ext:
        raise IngestError("ingest.bad_type", ext=ext)
    if ext in reader.SHEET_EXTENSIONS and reader.sheet_kind(data, ext) != "text":
        table = sheet_table(data, ext, sheet)
    else:
        table = text_table(data, file_name)
    return _parse_table(table, mapping, today)


def _parse_table(table: Table, mapping, today) -> ParsedFile:
    preset = table.layout.preset
    warnings: list[str] = list(table.notes)
    source = preset.id if preset else "generic"

    if preset is not None and preset.records is not None:
        return _parse_records(table, preset, source, warnings, today)

    overrides = {norm_header(k): v for k, v in (mapping or {}).items()}
    dimension = _dimension_column(table, preset)
    rules: dict[int, ColumnRule] = {}
    confidence: dict[str, float] = {}
    for index, header in enumerate(table.headers):
        if index == dimension or not header:
            continue
        key = norm_header(header)
        if key in overrides:
            measure = overrides[key]
            if measure:
                if measure not in MEASURES:
                    raise IngestError("ingest.unknown_measure", measure=measure)
                known = _rule(preset, header)
                rules[index] = known if known and known.measure == measure else ColumnRule(measure)
                confidence[header] = 1.0
            continue
        rule = _rule(preset, header)
        if rule is not None and not is_date_header(header):
            rules[index] = rule
            confidence[header] = _confidence(preset, header)
    date_index = _date_column(table, preset, set(rules) | ({dimension} if dimension is not None else set()))
    if date_index is not None:
        rules.pop(date_index, None)
    survey = next((i for i, h in enumerate(table.headers) if norm_header(h) in SURVEY_HEADERS), None)
    if date_index is None:
        raise IngestError("ingest.no_date")
    if not rules and survey is None:
        raise IngestError("ingest.no_measures")
    needed = {0, date_index, *rules} | {i for i in (dimension, survey) if i is not None}
    table.materialise(sorted(needed), [i for i in (0, date_index, dimension) if i is not None and i not in rules])

    body = table.body
    dates = parse_date_column(body[date_index])
    keep = dates.values.notna().to_numpy()
    skipped = skipped_rows(body, keep, table.line_numbers)
    if not keep.any() and any(reason == "no date" for _, reason in skipped):
        raise IngestError("ingest.bad_dates", column=table.headers[date_index])
    kept = body if keep.all() else body.loc[keep]
    day = dates.values if keep.all() else dates.values[keep]
    blank = table.uncached_rows & set(np.asarray(table.line_numbers)[keep].tolist())
    if blank:  # a program that does not calculate wrote the file: those cells read as empty
        warnings.append(
            f"formulas in {len(blank)} row(s) were saved without their results and read as empty: open the file in "
            "Excel or LibreOffice, save it, and upload it again"
        )
    channel = (
        normalise_channels(kept[dimension])
        if dimension is not None
        else pd.Series(preset.default_channel if preset else "all", index=kept.index)
    )

    if survey is not None and not rules:
        scores = parse_number_column(kept[survey]).values
        observations = aggregate_survey(day, scores)
        rules_used: dict[int, ColumnRule] = {}
        column_values: dict[int, pd.Series] = {}
    else:
        observations, rules_used, column_values, too_large = to_long(
            kept, day, channel, rules, confidence, table, warnings
        )
        if too_large.any():  # refused row by row, each listed with its line
            lines = np.asarray(table.line_numbers)[keep][too_large]
            skipped = sorted(skipped + [(int(line), "number too large") for line in lines])
            warnings.append(f"{len(lines)} rows hold a number too large to be real (over 10^15) and were left out")
            keep = keep.copy()
            keep[np.flatnonzero(keep)[too_large]] = False
            day = day[~too_large]

    mapping_out = {table.headers[i]: r.measure for i, r in rules_used.items()}
    if survey is not None and not rules:
        mapping_out[table.headers[survey]] = "nps"
    far = drop_far_dates(observations, np.asarray(table.line_numbers)[keep], [day], warnings, today)
    observations, day = far.observations, day[far.kept]
    suspicious = sorted(suspicious_rows(day, rules_used, column_values, table, today, warnings) + far.suspicious)
    grain = grain_of(day, dates.grain)
    inspection = _inspection(
        table,
        source,
        grain,
        len(day),
        date_index,
        dimension,
        mapping_out,
        observations,
        warnings,
        {h: c for h, c in confidence.items() if h in mapping_out},
    )
    return ParsedFile(inspection, observations, len(body.dropna(how="all")), skipped, suspicious)


def _parse_records(table: Table, preset: Preset, source: str, warnings: list[str], today) -> ParsedFile:
    spec = preset.records
    assert spec is not None  # only record presets (CRM deal lists) come here
    headers = table.headers
    created_i = preset.find(headers, spec.created)
    stage_i = preset.find(headers, spec.stage)
    if created_i is None:
        raise IngestError("ingest.no_date")
    closed_i = preset.find(headers, spec.closed)
    amount_i = preset.find(headers, spec.amount)
    table.materialise(
        sorted({0} | {i for i in (created_i, stage_i, closed_i, amount_i) if i is not None}),
        [i for i in (created_i, stage_i, closed_i) if i is not None],
    )
    body = table.body
    created = parse_date_column(body[created_i]).values
    keep = created.notna().to_numpy()
    skipped = skipped_rows(body, keep, table.line_numbers)
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
        warnings.append(f"{len(lines)} deals hold an amount too large to be real (over 10^15) and were left out")
        keep = keep.copy()
        keep[np.flatnonzero(keep)[large]] = False
        created, closed, outcome = created[~large], closed[~large], outcome[~large]
        kept = kept[~large]
    amount = amount.values[~amount.too_large]
    if stage_i is None:
        warnings.append("no deal stage column: only leads are counted")
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
    inspection = _inspection(
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
    return ParsedFile(inspection, observations, len(body.dropna(how="all")), skipped, suspicious)


def _inspection(table, source, grain, rows, date_index, dimension, mapping, observations, warnings, confidence):
    used = set(mapping) | {table.headers[i] for i in (date_index, dimension) if i is not None}
    totals = (
        {m: round(float(v), 6) for m, v in observations.groupby("measure")["value"].sum().items()}
        if not observations.empty
        else {}
    )
    dates = observations["date"] if not observations.empty else pd.Series(dtype="datetime64[ns]")
    return Inspection(
        source=source,
        encoding=table.encoding,
        delimiter=table.delimiter,
        decimal=table.decimal_hint,
        sheet=table.sheet,
        header_row=int(table.line_numbers[0] - 2) if len(table.line_numbers) else table.layout.header_index,
        grain=grain,
        rows=rows,
        date_column=table.headers[date_index] if date_index is not None else None,
        date_min=dates.min().date().isoformat() if len(dates) else None,
        date_max=dates.max().date().isoformat() if len(dates) else None,
        dimension_column=table.headers[dimension] if dimension is not None else None,
        mapping=mapping,
        unmapped=[h for h in table.headers if h and h not in used],
        totals=totals,
        warnings=warnings,
        sheets=table.sheets,
        confidence=confidence,
        signature=_signature(source, table.headers),
    )


def inspect_file(data: bytes, file_name: str, sheet: str | None = None, today: dt.date | None = None) -> Inspection:
    """Detection only: what the file is, how it maps, its totals after conversion."""
    return parse_file(data, file_name, sheet, today=today).inspection
