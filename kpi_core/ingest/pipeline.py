"""A file → what it is (inspection) and its daily observations: detect, parse, map, validate, normalise."""

from __future__ import annotations

import datetime as dt

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
from kpi_core.ingest.currency import code_column, file_currencies
from kpi_core.ingest.dates import drop_far_dates
from kpi_core.ingest.deals import parse_records
from kpi_core.ingest.errors import Figures, IngestError, Note
from kpi_core.ingest.inspection import Inspection, ParsedFile, make_inspection
from kpi_core.ingest.period import file_period, row_ends, span_grain
from kpi_core.ingest.presets import Preset
from kpi_core.ingest.quality import file_quality, unknown_channels
from kpi_core.ingest.records import SURVEY_HEADERS, aggregate_survey
from kpi_core.ingest.results import other_results, questions, results_columns, split_results
from kpi_core.ingest.rules import ColumnRule, bare_header, generic_match, is_date_header, norm_header
from kpi_core.ingest.summary import own_totals, undated_totals, unique_counts
from kpi_core.ingest.table import Table, frames_table, sheet_table, text_table
from kpi_core.ingest.values import (
    DateColumn,
    date_share,
    parse_date_column,
    parse_number_column,
)

DAY_OFFSET_HEADERS = frozenset({"nth day", "n-й день"})
PERIOD_START_HEADERS = frozenset({"reporting starts", "начало отчетности", "дата начала отчетности"})
PERIOD_END_HEADERS = frozenset({"reporting ends", "конец отчетности", "дата окончания отчетности"})
NAME_HEADERS = frozenset(
    {"campaign name", "campaign", "кампания", "название кампании", "ad set name", "ad name", "группа объявлений",
     "название объявления", "объявление", "channel", "канал", "source", "источник"}
)  # fmt: skip
CHANNEL_HEADERS = frozenset(
    {"channel", "канал", "источник трафика", "traffic source", "default channel group", "канал трафика"}
)


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


CONVERSION_VALUE_HEADERS = frozenset({"conv. value", "ценность конв.", "all conv. value", "conversion value"})


def _conversion_value_apart(table: Table, rules: dict[int, ColumnRule], answered: set[str], warnings) -> None:
    """Google Ads' conversion value is not the revenue of a 'Revenue' column beside it: kept out."""
    revenue = [i for i, r in rules.items() if r.measure == "revenue"]
    value = [i for i in revenue if norm_header(table.headers[i]) in CONVERSION_VALUE_HEADERS]
    if len(revenue) > len(value) and value:
        for index in value:
            if norm_header(table.headers[index]) not in answered:
                rules.pop(index)
                source = table.headers[next(i for i in revenue if i not in value)]
                warnings.append(Note("ingest.note.conversion_value", column=table.headers[index], revenue=source))


def _disagreement(found: list[tuple[int, float, float]], headers: list[str], warnings: list[str]) -> None:
    if found:
        figures = [(headers[c], a, b) for c, a, b in found]
        warnings.append(Note("ingest.note.own_total_differs", figures=Figures(figures)))


def _undated_totals(table: Table, skipped, rules, observations, warnings) -> list[tuple[int, str]]:
    """``skipped`` with the undated rows that are the file's own totals marked so (see ``undated_totals``)."""
    reasons = dict(skipped)
    lines = np.asarray(table.line_numbers)
    positions = np.flatnonzero(np.isin(lines, [line for line, why in skipped if why in ("no date", "totals row")]))
    labelled = np.array([reasons[int(line)] == "totals row" for line in lines[positions]], dtype=bool)
    found, disagreements = undated_totals(table.body, positions, labelled, rules, observations, table)
    _disagreement(disagreements, table.headers, warnings)
    totals = {int(line) for line in lines[positions][found]}
    return [(line, "totals row" if line in totals else why) for line, why in skipped]


def _ends_column(table: Table, date_index: int | None) -> int | None:
    """Meta's 'Reporting ends' beside its 'Reporting starts': each row's period."""
    if date_index is None or norm_header(table.headers[date_index]) not in PERIOD_START_HEADERS:
        return None
    return next((i for i, h in enumerate(table.headers) if norm_header(h) in PERIOD_END_HEADERS), None)


def _main_label(table: Table, labels: list[int], dimension: int | None) -> int | None:
    """The label column whose emptiness marks a candidate total row: the channel or the first name column."""
    if dimension is not None:
        return dimension
    return next((i for i in labels if bare_header(table.headers[i]) in NAME_HEADERS), None)


def _dimension_column(table: Table, preset: Preset | None) -> int | None:
    if preset is not None and preset.dimension_headers:
        return preset.find(table.headers, preset.dimension_headers)
    for index, header in enumerate(table.headers):
        if norm_header(header) in CHANNEL_HEADERS or bare_header(header) in CHANNEL_HEADERS:
            return index
    return None


def parse_file(
    data: reader.Buffer,
    file_name: str,
    sheet: str | None = None,
    mapping: dict[str, str | None] | None = None,
    today: dt.date | None = None,
    period: str | None = None,
) -> ParsedFile:
    """Read a file into daily observations (date, measure, channel, value) with its inspection.

    ``mapping`` overrides the detected measure of a column ({header: measure id, or None to skip}).
    ``period`` is the period the user typed for a report without day rows that states none
    ("2026-03-01..2026-03-31"). Raises ``IngestError`` with one sentence for a file that cannot be used.
    """
    reader.check_size(data)
    ext = reader.extension(file_name)
    if ext not in reader.TEXT_EXTENSIONS + reader.SHEET_EXTENSIONS and ext:
        raise IngestError("ingest.bad_type", ext=ext)
    if ext in reader.SHEET_EXTENSIONS:
        data = bytes(data)  # what the spreadsheet readers take (a mapped file is copied, bytes stay as they are)
    if isinstance(data, bytes) and ext in reader.SHEET_EXTENSIONS and reader.sheet_kind(data, ext) != "text":
        table = sheet_table(data, ext, sheet)
    else:
        table = text_table(data, file_name)
    return _parse_table(table, mapping, today, period)


def parse_cells(
    cells: pd.DataFrame, name: str, mapping: dict[str, str | None] | None = None, today: dt.date | None = None
) -> ParsedFile:
    """A table of cells (the result of a database query, first row = column names) into observations."""
    if len(cells) > reader.MAX_ROWS:
        raise IngestError("ingest.too_many_rows", rows=Count(reader.MAX_ROWS))
    table = frames_table(reader.Workbook([name], {name: cells}), name)
    table.sheet, table.sheets = None, []  # a query result is one table, not a workbook's sheet
    return _parse_table(table, mapping, today)


def _column_rules(table: Table, preset: Preset | None, mapping) -> tuple[dict[int, ColumnRule], dict[str, float]]:
    """Each measure column's rule (the user's mapping first, then the preset, then the synonyms)."""
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
    return rules, confidence


def _parse_table(table: Table, mapping, today, typed_period: str | None = None) -> ParsedFile:
    preset = table.layout.preset
    warnings: list[str] = list(table.notes)
    source = preset.id if preset else "generic"

    if preset is not None and preset.records is not None:
        return parse_records(table, preset, source, warnings, today)

    headers = table.headers
    dimension = _dimension_column(table, preset)
    rules, confidence = _column_rules(table, preset, mapping)
    answered = {norm_header(k) for k in (mapping or {})}
    asked = questions(table, source, rules, answered)
    for header in asked:
        warnings.append(Note("ingest.note.orders_or_leads", column=header))
    split = results_columns(table, rules, answered)
    _conversion_value_apart(table, rules, answered, warnings)
    date_index = _date_column(table, preset, set(rules) | ({dimension} if dimension is not None else set()))
    if date_index is not None:
        rules.pop(date_index, None)
    survey = next((i for i, h in enumerate(headers) if norm_header(h) in SURVEY_HEADERS), None)
    if not rules and survey is None:
        raise IngestError("ingest.no_date" if date_index is None else "ingest.no_measures")
    offsets = date_index is not None and norm_header(headers[date_index]) in DAY_OFFSET_HEADERS
    found = [headers[i] for i in sorted(rules)]
    period = file_period(table.preamble, source, typed_period, found) if date_index is None or offsets else None
    if typed_period and period is None and date_index is not None:
        warnings.append(Note("ingest.note.period_unused", column=headers[date_index]))
    known = {norm_header(h) for h in headers}
    unused = [k for k in (mapping or {}) if norm_header(k) not in known]
    if unused:
        warnings.append(Note("ingest.note.mapping_unused", columns=", ".join(unused[:5])))
    ends_index = _ends_column(table, date_index)
    labels = (
        [i for i, h in enumerate(headers) if h and i not in rules and i not in (date_index, ends_index, survey)]
        if date_index is None or ends_index is not None
        else [dimension]
        if dimension is not None
        else []
    )
    kinds = [split[1]] if split is not None and split[1] not in labels else []
    sample = table.body.head(1000)  # the first rows as text: currency signs beside the numbers
    code = code_column(headers)  # a currency-code column is read whole: a currency may change further down
    needed = {0, *rules, *labels, *kinds, *(split or ()), *([code] if code is not None else [])}
    needed |= {i for i in (date_index, ends_index, dimension, survey) if i is not None}
    texts = [
        i for i in (0, date_index, ends_index, dimension, code, *labels, *kinds) if i is not None and i not in rules
    ]
    table.materialise(sorted(needed), texts)
    currencies = sorted(file_currencies(headers, rules, sample, table.body))

    body = table.body
    if body.isna().all(axis=1).all():  # a header and nothing under it: no source is made of it
        raise IngestError("ingest.no_data_rows")
    parsed_ends: pd.Series | None = None
    if period is not None and date_index is None:  # one stated period for every row
        filled = body[sorted(rules)].notna().any(axis=1)
        start = pd.Series(pd.Timestamp(period.start), index=body.index, dtype="datetime64[ns]")
        dates = DateColumn(start.where(filled), period.grain, "period")
    elif period is not None:  # GA4's "Nth day": days counted from the stated start
        numbers = parse_number_column(body[date_index]).values
        inside = numbers.where(numbers.between(0, period.days - 1))
        days = pd.Timestamp(period.start) + pd.to_timedelta(inside, unit="D")
        dates = DateColumn(days.astype("datetime64[ns]"), "day", "offset")
    elif ends_index is not None:  # Meta's starts and ends read with one day/month order (03/01 - 03/31)
        both = parse_date_column(pd.concat([body[date_index], body[ends_index]], ignore_index=True))
        half = len(body)
        dates = DateColumn(pd.Series(both.values.iloc[:half].to_numpy(), index=body.index), both.grain, both.format)
        parsed_ends = pd.Series(both.values.iloc[half:].to_numpy(), index=body.index)
    else:
        dates = parse_date_column(body[date_index])
    keep = dates.values.notna().to_numpy()
    skipped = skipped_rows(body, keep, table.line_numbers) if date_index is not None else []
    if date_index is not None and not keep.any() and any(reason == "no date" for _, reason in skipped):
        raise IngestError("ingest.bad_dates", column=headers[date_index])
    kept = body if keep.all() else body.loc[keep]
    day = dates.values if keep.all() else dates.values[keep]
    ends = row_ends(
        kept, day, None if parsed_ends is None else parsed_ends[keep], period if date_index is None else None
    )
    blank = table.uncached_rows and table.uncached_rows & set(np.asarray(table.line_numbers)[keep].tolist())
    if blank:  # a program that does not calculate wrote the file: those cells read as empty
        warnings.append(Note("ingest.note.formulas_without_results", rows=Count(len(blank))))
    other = None
    if split is not None:
        width = len(table.headers)
        kept, other = split_results(kept, table, split, rules)
        confidence.update({table.headers[i]: 1.0 for i in rules if i >= width})  # split by their kind
    main = _main_label(table, labels, dimension)
    by_period = date_index is None or ends is not None
    summary = own_totals(kept, day, ends, rules, labels, main, table, period_rows=by_period)
    if summary.unnamed is not None and summary.unnamed.any():  # found by its numbers alone: say so
        unnamed = np.asarray(table.line_numbers)[keep][summary.unnamed]
        warnings.append(Note("ingest.note.unnamed_total", lines=", ".join(str(line) for line in unnamed[:10])))
    if summary.rows.any():  # the file's own totals: never data
        lines = np.asarray(table.line_numbers)[keep][summary.rows]
        skipped = sorted(skipped + [(int(line), "totals row") for line in lines])
        keep = keep.copy()
        keep[np.flatnonzero(keep)[summary.rows]] = False
        kept, day = kept.loc[~summary.rows], day[~summary.rows]
        ends = ends[~summary.rows] if ends is not None else None
        other = other[~summary.rows] if other is not None else None
    if split is not None and other is not None:  # after the file's own totals, which count every kind
        warnings.extend(other_results(kept, table, split, other))
    _disagreement(summary.disagreements, headers, warnings)
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
            kept, day, channel, rules, confidence, table, warnings, ends
        )
        if ends is not None and observations.duplicated(["date", "measure", "channel"]).any():
            # 1–31 March and 1–15 March in one file: one of them holds the other's days
            raise IngestError("ingest.nested_periods")
        if too_large.any():  # refused row by row, each listed with its line
            lines = np.asarray(table.line_numbers)[keep][too_large]
            skipped = sorted(skipped + [(int(line), "number too large") for line in lines])
            warnings.append(Note("ingest.note.number_too_large", rows=Count(len(lines))))
            keep = keep.copy()
            keep[np.flatnonzero(keep)[too_large]] = False
            kept, day, channel = kept.loc[~too_large], day[~too_large], channel[~too_large]
            ends = ends[~too_large] if ends is not None else None
    if date_index is not None and not by_period and survey is None:
        skipped = _undated_totals(table, skipped, rules_used, observations, warnings)
    semi = unique_counts(observations, rules_used, kept, day, channel, summary, table, warnings)

    mapping_out = {headers[i]: r.measure for i, r in rules_used.items()}
    if survey is not None and not rules:
        mapping_out[headers[survey]] = "nps"
    far = drop_far_dates(observations, np.asarray(table.line_numbers)[keep], [day], warnings, today)
    observations, day = far.observations, day[far.kept]
    suspicious = sorted(suspicious_rows(day, rules_used, column_values, table, today, warnings) + far.suspicious)
    spans = ends is not None and ends.notna().any()
    grain = span_grain(observations) if spans else grain_of(day, dates.grain)
    inspection = make_inspection(
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
    inspection.questions = asked
    inspection.currencies = currencies
    totals_rows = sum(1 for _, why in skipped if why == "totals row")
    unknown = unknown_channels(kept[dimension]) if dimension is not None else {}
    rows_read = len(body) - int(body.isna().all(axis=1).sum())
    inspection.quality = file_quality(rows_read, skipped, suspicious, totals_rows, semi, unmapped_channels=unknown)
    return ParsedFile(inspection, observations, rows_read, skipped, suspicious)


def inspect_file(data: bytes, file_name: str, sheet: str | None = None, today: dt.date | None = None) -> Inspection:
    """Detection only: what the file is, how it maps, its totals after conversion."""
    return parse_file(data, file_name, sheet, today=today).inspection
