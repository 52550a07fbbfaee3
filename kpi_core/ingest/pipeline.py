"""A file → what it is (inspection) and its daily observations: detect, parse, map, validate, normalise."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kpi_core.catalog import MEASURES
from kpi_core.ingest import reader
from kpi_core.ingest.channels import normalise_channels
from kpi_core.ingest.errors import IngestError
from kpi_core.ingest.layout import Layout, duplicate_free, find_layout
from kpi_core.ingest.presets import Preset
from kpi_core.ingest.records import SURVEY_HEADERS, aggregate_deals, aggregate_survey
from kpi_core.ingest.rules import ColumnRule, bare_header, generic_match, is_date_header, norm_header
from kpi_core.ingest.values import (
    date_share,
    decide_decimal,
    parse_date_column,
    parse_duration_column,
    parse_number_column,
    rate_to_fraction,
)

LAYOUT_ROWS = 300
SAMPLE_ROWS = 1000  # rows of a text file's start that decide its number format
CHANNEL_HEADERS = frozenset(
    {"channel", "канал", "источник трафика", "traffic source", "default channel group", "канал трафика"}
)
TOTALS_WORDS = ("итого", "всего", "total", "totals", "totaal", "gesamt", "сумма")
OBS_COLUMNS = ["date", "measure", "channel", "value"]
ENCODING_NAMES = {"cp1251": "windows-1251", "utf-16-le": "utf-16"}


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


@dataclass
class _Table:
    headers: list[str]
    body: pd.DataFrame  # columns are header positions; a text file's sample until materialised
    line_numbers: np.ndarray  # 1-based line (text) or row (sheet) number of each body row
    layout: Layout
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    sheets: list[str]
    decimal_hint: str
    read_columns: Callable[[list[int], list[int]], pd.DataFrame] | None = None
    first_line: int = 0

    def materialise(self, columns: list[int], text_columns: list[int]) -> None:
        """Load the whole table, only the columns the import uses (the other columns are never parsed).

        ``text_columns`` (dates, channels, stages) are read as categories.
        """
        if self.read_columns is None:
            self.body = self.body[columns]
            return
        self.body = self.read_columns(columns, [c for c in text_columns if c in columns])
        self.line_numbers = np.arange(len(self.body)) + self.first_line


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def _decimal_from_sample(rows: list[list[str]], columns: list[int], hint: str) -> tuple[str, str | None]:
    """The file's decimal mark and thousands separator, decided from the sample's number columns."""
    texts = [row[c] for row in rows for c in columns if c < len(row) and row[c].strip()]
    decimal = decide_decimal(texts, hint)
    groups = Counter()
    for text in texts:
        for char in (" ", "\u00a0", "\u202f", "'"):
            if char in text.strip():
                groups[char] += 1
        other = "," if decimal == "." else "."
        digits = text.strip()
        if other in digits and digits.count(other) >= 1 and decide_decimal([digits], decimal) == decimal:
            groups[other] += 1
    thousands = groups.most_common(1)[0][0] if groups else None
    return decimal, thousands


def _text_table(data: bytes, file_name: str) -> _Table:
    encoding = reader.detect_encoding(data)
    sample = reader.sample_text(data, encoding)
    lines = sample.splitlines()
    delimiter = reader.sniff_delimiter(lines)
    rows = reader.read_text_rows(lines, delimiter)
    layout = find_layout(rows)
    if layout is None:
        raise IngestError("ingest.no_header")
    headers = duplicate_free(layout.headers)
    preset = layout.preset
    hint = preset.decimal_hint if preset else ("," if delimiter == ";" else ".")
    end = layout.end_index
    sample_body = rows[layout.header_index + 1 : end][:SAMPLE_ROWS]
    number_cols = [i for i, h in enumerate(headers) if _rule(preset, h) is not None]
    decimal, thousands = _decimal_from_sample(sample_body, number_cols, hint)
    if thousands == delimiter:
        thousands = None
    skip = layout.header_index + 1
    nrows = (end - skip) if end is not None else None
    width = len(headers)
    sample = pd.DataFrame([(r + [""] * width)[:width] for r in sample_body], columns=range(width), dtype=object)
    sample = sample.replace("", None)

    def read_columns(columns: list[int], text_columns: list[int]) -> pd.DataFrame:
        body = reader.read_text_table(data, encoding, delimiter, skip, nrows, columns, decimal, thousands, text_columns)
        return body.reindex(columns=columns)

    return _Table(
        headers,
        sample,
        np.arange(len(sample)) + skip + 1,
        layout,
        ENCODING_NAMES.get(encoding, encoding),
        delimiter,
        None,
        [],
        decimal,
        read_columns,
        skip + 1,
    )


def _sheet_table(data: bytes, ext: str, sheet: str | None) -> _Table:
    return _frames_table(reader.read_workbook(data, ext), sheet)


def _frames_table(workbook: reader.Workbook, sheet: str | None) -> _Table:
    if sheet is not None and sheet not in workbook.frames:
        raise IngestError("ingest.no_sheet", sheet=sheet, sheets=", ".join(workbook.names))
    candidates = [sheet] if sheet is not None else workbook.names
    best: tuple[Layout, str] | None = None
    for name in candidates:
        frame = workbook.frames[name]
        rows = [list(r) for r in frame.head(LAYOUT_ROWS).itertuples(index=False, name=None)]
        layout = find_layout(rows)
        if layout is not None and (best is None or layout.score > best[0].score):
            best = (layout, name)
    if best is None:
        if all(workbook.frames[n].empty for n in candidates):
            raise IngestError("ingest.no_rows")
        raise IngestError("ingest.no_header")
    layout, name = best
    frame = workbook.frames[name]
    end = layout.end_index if layout.end_index is not None else len(frame)
    body = frame.iloc[layout.header_index + 1 : end].copy()
    line_numbers = body.index.to_numpy() + 1
    body.columns = range(body.shape[1])
    body = body.reset_index(drop=True)
    headers = duplicate_free(layout.headers)
    body = body.reindex(columns=range(len(headers)))
    hint = layout.preset.decimal_hint if layout.preset else "."
    return _Table(headers, body, line_numbers, layout, None, None, name, workbook.names, hint)


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


def _date_column(table: _Table, preset: Preset | None, taken: set[int]) -> int | None:
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


def _dimension_column(table: _Table, preset: Preset | None) -> int | None:
    if preset is not None and preset.dimension_headers:
        return preset.find(table.headers, preset.dimension_headers)
    for index, header in enumerate(table.headers):
        if norm_header(header) in CHANNEL_HEADERS or bare_header(header) in CHANNEL_HEADERS:
            return index
    return None


def _grain(dates: pd.Series, implied: str) -> str:
    unique = pd.Series(dates.dropna().unique()).sort_values()
    if implied in ("week", "month"):
        return implied
    if len(unique) < 2:
        return "day"
    if (unique.dt.day == 1).all() and unique.diff().dropna().dt.days.between(28, 31).all():
        return "month"
    if (unique.dt.day_of_week == 0).all() and (unique.diff().dropna().dt.days % 7 == 0).all():
        return "week"
    return "day"


def skipped_rows(body: pd.DataFrame, keep: np.ndarray, line_numbers: np.ndarray) -> list[tuple[int, str]]:
    """Rows left out for having no readable date, with their line numbers and why (totals or no date).

    Wholly empty rows are not listed.
    """
    dropped = body.loc[~keep]
    dropped = dropped[dropped.notna().to_numpy().any(axis=1)]
    if dropped.empty:
        return []
    first = dropped.bfill(axis=1).iloc[:, 0].map(_cell_text).str.lower()
    totals = first.str.startswith(TOTALS_WORDS)
    position = pd.Series(np.arange(len(body)), index=body.index)
    lines = line_numbers[position[dropped.index].to_numpy()]
    return [(int(line), "totals row" if total else "no date") for line, total in zip(lines, totals, strict=True)]


def _signature(source: str, headers: list[str]) -> str:
    key = source + "|" + "|".join(norm_header(h) for h in headers)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _column_values(body: pd.DataFrame, index: int, rule: ColumnRule, hint: str) -> tuple[pd.Series, pd.Series, bool]:
    """Numbers of one column per its rule (durations in seconds, rates as fractions), bad cells, percent flag."""
    raw = body[index]
    if rule.how == "duration":
        values = parse_duration_column(raw)
        bad = values.isna() & raw.notna() & (raw.astype(str).str.strip() != "")
        return values, bad, False
    parsed = parse_number_column(raw, hint)
    if rule.how == "rate":
        return rate_to_fraction(parsed), parsed.bad, parsed.percent
    return parsed.values, parsed.bad, parsed.percent


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
    # Parsing allocates few long-lived objects; the cyclic collector would only rescan big frames.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_file(data, file_name, sheet, mapping, today)
    finally:
        if enabled:
            gc.enable()


def parse_cells(
    cells: pd.DataFrame, name: str, mapping: dict[str, str | None] | None = None, today: dt.date | None = None
) -> ParsedFile:
    """A table of cells (the result of a database query, first row = column names) into observations."""
    if len(cells) > reader.MAX_ROWS:
        raise IngestError("ingest.too_many_rows", rows=f"{reader.MAX_ROWS:,}")
    table = _frames_table(reader.Workbook([name], {name: cells}), name)
    table.sheets = []
    return _parse_table(table, mapping, today)


def _parse_file(data, file_name, sheet, mapping, today) -> ParsedFile:
    reader.check_size(data)
    ext = reader.extension(file_name)
    if ext not in reader.TEXT_EXTENSIONS + reader.SHEET_EXTENSIONS and ext:
        raise IngestError("ingest.bad_type", ext=ext)
    if ext in reader.SHEET_EXTENSIONS and reader.sheet_kind(data, ext) != "text":
        table = _sheet_table(data, ext, sheet)
    else:
        table = _text_table(data, file_name)
    return _parse_table(table, mapping, today)


def _parse_table(table: _Table, mapping, today) -> ParsedFile:
    preset = table.layout.preset
    warnings: list[str] = []
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
        observations, rules_used, column_values = _to_long(kept, day, channel, rules, confidence, table, warnings)

    mapping_out = {table.headers[i]: r.measure for i, r in rules_used.items()}
    if survey is not None and not rules:
        mapping_out[table.headers[survey]] = "nps"
    suspicious = _suspicious(day, rules_used, column_values, table, today or dt.date.today(), warnings)
    grain = _grain(day, dates.grain)
    inspection = _inspection(
        table,
        source,
        grain,
        len(kept),
        date_index,
        dimension,
        mapping_out,
        observations,
        warnings,
        {h: c for h, c in confidence.items() if h in mapping_out},
    )
    return ParsedFile(inspection, observations, len(body.dropna(how="all")), skipped, suspicious)


def _to_long(kept, day, channel, rules, confidence, table, warnings):
    """Every mapped column as additive totals (rates and averages times their weight), in long form.

    Returns the observations, the rules actually used, and each used column's parsed values.
    """
    sums: dict[str, pd.Series] = {}
    used: dict[int, ColumnRule] = {}
    parsed: dict[int, pd.Series] = {}
    pending = []
    for index, rule in rules.items():
        values, bad, _ = _column_values(kept, index, rule, table.decimal_hint)
        parsed[index] = values
        if bad.any():
            filled = kept[index].notna() & (kept[index].astype(str).str.strip() != "")
            if bad[filled].mean() > 0.5:
                if confidence.get(table.headers[index], 1.0) < 1.0:  # a guessed name: drop the guess
                    warnings.append(f"'{table.headers[index]}' holds text, so it was not read as {rule.measure}")
                    continue
                raise IngestError("ingest.text_in_numbers", column=table.headers[index])
            warnings.append(f"{int(bad.sum())} cells of '{table.headers[index]}' are not numbers and were left out")
        if rule.how == "sum":
            if rule.measure in sums:
                warnings.append(f"'{table.headers[index]}' repeats {rule.measure} and was left out")
                continue
            sums[rule.measure] = values
            used[index] = rule
        else:
            pending.append((index, rule, values))
    derived: dict[str, pd.Series] = {}
    for index, rule, values in pending:
        weight = sums.get(rule.weight) if rule.weight in sums else derived.get(rule.weight)
        if weight is None:
            warnings.append(f"'{table.headers[index]}' needs {rule.weight} in the file to become a total; left out")
            continue
        if rule.measure in sums or rule.measure in derived:
            continue
        derived[rule.measure] = values * weight
        used[index] = rule
    totals = {**sums, **derived}
    if not totals:
        return pd.DataFrame(columns=OBS_COLUMNS), used, parsed
    return sum_by_day_and_channel(day, channel, totals), used, {i: parsed[i] for i in used}


def sum_by_day_and_channel(day: pd.Series, channel: pd.Series, totals: dict[str, pd.Series]) -> pd.DataFrame:
    """Long observations: each measure summed per (date, channel); cells without a value are left out.

    Works on integer codes with ``numpy.bincount``, so a million rows cost milliseconds.
    """
    day_numbers = day.to_numpy(dtype="datetime64[ns]").view(np.int64) // 86_400_000_000_000
    first = int(day_numbers.min()) if len(day_numbers) else 0
    day_codes = day_numbers - first
    days = (np.arange(int(day_codes.max()) + 1 if len(day_codes) else 0) + first).astype("datetime64[D]")
    days = days.astype("datetime64[ns]")
    if isinstance(channel.dtype, pd.CategoricalDtype):
        channel_codes, channels = channel.cat.codes.to_numpy(), channel.cat.categories
    else:
        channel_codes, channels = pd.factorize(channel, sort=True)
    keys = day_codes * len(channels) + channel_codes.astype(np.int64)
    size = len(days) * len(channels)
    frames = []
    every_row = np.bincount(keys, minlength=size)
    for measure in sorted(totals):
        values = totals[measure].to_numpy(dtype="float64")
        present = ~np.isnan(values)
        if present.all():
            counts = every_row
            sums = np.bincount(keys, weights=values, minlength=size)
        else:
            counts = np.bincount(keys[present], minlength=size)
            sums = np.bincount(keys[present], weights=values[present], minlength=size)
        cells = np.flatnonzero(counts)
        frames.append(
            pd.DataFrame(
                {
                    "date": np.asarray(days)[cells // len(channels)],
                    "measure": measure,
                    "channel": np.asarray(channels, dtype=object)[cells % len(channels)],
                    "value": sums[cells],
                }
            )
        )
    long = pd.concat(frames, ignore_index=True)
    return long.sort_values(["date", "measure", "channel"], kind="stable").reset_index(drop=True)


def _parse_records(table: _Table, preset: Preset, source: str, warnings: list[str], today) -> ParsedFile:
    spec = preset.records
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
        parse_number_column(kept[amount_i], preset.decimal_hint).values
        if amount_i is not None
        else pd.Series(0.0, index=kept.index)
    )
    if stage_i is None:
        warnings.append("no deal stage column: only leads are counted")
    observations = aggregate_deals(created, closed, outcome, amount)
    mapping = {headers[created_i]: "leads"}
    if stage_i is not None:
        mapping[headers[stage_i]] = "deals_won"
    if amount_i is not None:
        mapping[headers[amount_i]] = "revenue"
    suspicious = []
    if amount_i is not None:
        suspicious += [(int(table.line_numbers[i]), "negative amount") for i in np.flatnonzero((amount < 0).to_numpy())]
    inspection = _inspection(
        table,
        source,
        "record",
        len(kept),
        created_i,
        None,
        mapping,
        observations,
        warnings,
        dict.fromkeys(mapping, 1.0),
    )
    return ParsedFile(inspection, observations, len(body.dropna(how="all")), skipped, suspicious)


def _suspicious(day, rules, column_values, table, today, warnings) -> list[tuple[int, str]]:
    """Rows a person should look at: negative counts or money, shares above 100 %, future dates."""
    found: list[tuple[int, str]] = []
    position = pd.Series(np.arange(len(table.body)), index=table.body.index)
    for index, rule in rules.items():
        values = column_values[index]
        for label in values.index[(values < 0).to_numpy()]:
            found.append((int(table.line_numbers[position[label]]), f"negative {table.headers[index]}"))
        if rule.how == "rate" and (values > 1.0).any():
            warnings.append(f"'{table.headers[index]}' has shares above 100 %")
    negative = sum(1 for _, reason in found if reason.startswith("negative"))
    if negative:
        warnings.append(f"{negative} rows have negative values; check them before relying on the totals")
    future = day > pd.Timestamp(today)
    if future.any():
        warnings.append(f"{int(future.sum())} rows are dated after today")
        for label in day.index[future.to_numpy()][:50]:
            found.append((int(table.line_numbers[position[label]]), "date in the future"))
    return sorted(found)


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


def inspect_file(data: bytes, file_name: str, sheet: str | None = None) -> Inspection:
    """Detection only: what the file is, how it maps, its totals after conversion."""
    return parse_file(data, file_name, sheet).inspection
