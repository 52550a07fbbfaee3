"""Where a file's rows come from: a text file's sample and its fast full read, or a sheet's cells."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

import numpy as np
import pandas as pd

from kpi_core.i18n.formatting import Count
from kpi_core.ingest import fastread, reader
from kpi_core.ingest.errors import IngestError, Note
from kpi_core.ingest.layout import Layout, duplicate_free, find_layout
from kpi_core.ingest.rules import generic_match, is_date_header, norm_header
from kpi_core.ingest.values import decide_decimal, parse_date_column

LAYOUT_ROWS = 300
SAMPLE_ROWS = 1000  # rows of a text file's start that decide its number format
ENCODING_NAMES = {"cp1251": "windows-1251", "utf-16-le": "utf-16"}


@dataclass
class Table:
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
    notes: list[str] = field(default_factory=list)  # what the reader noticed (a mixed encoding), as warnings
    uncached_rows: frozenset[int] = frozenset()  # sheet rows with formulas saved without a result
    preamble: list[str] = field(default_factory=list)  # the lines above the header (a stated period)
    joined: list[str] = field(default_factory=list)  # sheets read together (same columns, each row dated)

    def materialise(self, columns: list[int], text_columns: list[int]) -> None:
        """Load the whole table, only the columns the import uses (the other columns are never parsed).

        ``text_columns`` (dates, channels, stages) are read as categories.
        """
        if self.read_columns is None:
            self.body = self.body[columns]
            return
        self.body = self.read_columns(columns, [c for c in text_columns if c in columns])
        self.line_numbers = np.arange(len(self.body)) + self.first_line


def cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def decimal_from_sample(rows: list[list[str]], columns: list[int], hint: str) -> tuple[str, str | None]:
    """The file's decimal mark and thousands separator, decided from the sample's number columns."""
    texts = [row[c] for row in rows for c in columns if c < len(row) and row[c].strip()]
    decimal = decide_decimal(texts, hint)
    groups: Counter[str] = Counter()
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


def text_table(data: reader.Buffer, file_name: str) -> Table:
    encoding = shown = reader.detect_encoding(data)
    sample = reader.sample_text(data, encoding)
    if "\r" in sample.replace("\r\n", ""):
        # a line ending of a lone CR (old Mac files, "\r\r\n" from a CRLF text written out twice): the
        # sample splits lines there, and so must the full read, or the header row it finds is not the one read
        data = str(data, encoding, "replace").replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
        encoding = "utf-8"
        sample = reader.sample_text(data, encoding)
    lines = sample.splitlines()
    delimiter = reader.sniff_delimiter(lines)
    rows = reader.read_text_rows(lines, delimiter)
    # find_layout only reads the rows; its list[list[object]] parameter is invariant, so str rows need the cast
    layout = find_layout(cast(list[list[object]], rows))
    if layout is None:
        raise IngestError("ingest.no_header")
    headers = duplicate_free(layout.headers)
    preset = layout.preset
    hint = preset.decimal_hint if preset else ("," if delimiter == ";" else ".")
    end = layout.end_index
    skip = layout.header_index + 1
    while skip < len(rows) - 1 and (end is None or skip < end) and not any(c.strip() for c in rows[skip]):
        skip += 1  # blank lines under the header: the full read must start at the first row, or it sees no columns
    sample_body = rows[skip:end][:SAMPLE_ROWS]
    number_cols = [i for i, h in enumerate(headers) if (preset and preset.rule_for(h)) or generic_match(h)]
    decimal, thousands = decimal_from_sample(sample_body, number_cols, hint)
    if thousands == delimiter:
        thousands = None
    nrows = (end - skip) if end is not None else None
    width = len(headers)
    sample = pd.DataFrame([(r + [""] * width)[:width] for r in sample_body], columns=range(width), dtype=object)
    sample = sample.replace("", None)

    def read_columns(columns: list[int], text_columns: list[int]) -> pd.DataFrame:
        body = fastread.read_text_table(
            data, encoding, delimiter, skip, nrows, columns, decimal, thousands, text_columns, max_rows=reader.MAX_ROWS
        )
        return body.reindex(columns=columns)

    return Table(
        headers,
        sample,
        np.arange(len(sample)) + skip + 1,
        layout,
        ENCODING_NAMES.get(shown, shown),
        delimiter,
        None,
        [],
        decimal,
        read_columns,
        skip + 1,
        reader.encoding_notes(data, encoding) + _other_tables(layout, skip),
        preamble=[delimiter.join(row) for row in rows[: layout.header_index]],
    )


def sheet_table(data: bytes, ext: str, sheet: str | None) -> Table:
    return frames_table(reader.read_workbook(data, ext), sheet)


def frames_table(workbook: reader.Workbook, sheet: str | None) -> Table:
    if sheet is not None and sheet not in workbook.frames:
        raise IngestError("ingest.no_sheet", sheet=sheet, sheets=", ".join(workbook.names))
    candidates = [sheet] if sheet is not None else workbook.names
    best: tuple[Layout, str] | None = None
    found: dict[str, Layout] = {}
    for name in candidates:
        frame = workbook.frames[name]
        rows = [list(r) for r in frame.head(LAYOUT_ROWS).itertuples(index=False, name=None)]
        layout = find_layout(rows)
        if layout is not None:
            found[name] = layout
            if best is None or layout.score > best[0].score:
                best = (layout, name)
    if best is None:
        if all(workbook.frames[n].empty for n in candidates):
            raise IngestError("ingest.no_rows")
        raise IngestError("ingest.no_header")
    layout, name = best
    frame = workbook.frames[name]
    headers = duplicate_free(layout.headers)
    alike = _same_columns(found, layout) if sheet is None else [name]
    date_column = next((i for i, h in enumerate(layout.headers) if is_date_header(h)), None)
    bodies = {n: _sheet_body(workbook.frames[n], found[n], len(headers)) for n in alike}
    joined = [name] if date_column is None else _apart_in_time(bodies, name, date_column, alike)
    notes: list[str] = [Note("ingest.note.sheets_joined", sheets=", ".join(joined))] if len(joined) > 1 else []
    if len(alike) > len(joined):  # a sheet per period's report, a summary sheet, a copy: one at a time
        notes.append(
            Note("ingest.note.sheets_apart", sheet=name, others=", ".join(n for n in alike if n not in joined))
        )
    parts = [bodies[n] for n in joined]
    body = pd.concat([b for b, _ in parts], ignore_index=True) if len(parts) > 1 else parts[0][0]
    line_numbers = np.concatenate([lines for _, lines in parts])
    hint = layout.preset.decimal_hint if layout.preset else "."
    return Table(
        headers,
        body,
        line_numbers,
        layout,
        None,
        None,
        name,
        workbook.names,
        hint,
        notes=notes,
        uncached_rows=workbook.uncached_rows,
        preamble=[" ".join(_cells(row)) for row in frame.head(layout.header_index).itertuples(index=False, name=None)],
        joined=joined if len(joined) > 1 else [],
    )


def _sheet_body(frame: pd.DataFrame, layout: Layout, width: int) -> tuple[pd.DataFrame, np.ndarray]:
    """A sheet's rows under its header (columns by position) and each one's row number."""
    end = layout.end_index if layout.end_index is not None else len(frame)
    body = frame.iloc[layout.header_index + 1 : end].copy()
    line_numbers = body.index.to_numpy() + 1
    body.columns = range(body.shape[1])
    return body.reset_index(drop=True).reindex(columns=range(width)), line_numbers


def _apart_in_time(parts: dict, best: str, date_column: int, names: list[str]) -> list[str]:
    """The sheets to read with ``best``: those whose dates are of its grain and whose days overlap no
    other's — a sheet per month. A summary sheet by month beside daily sheets, or a copy of a sheet,
    would count the same sales twice: read apart, one at a time."""
    spans: dict[str, tuple[str, pd.Timestamp, pd.Timestamp]] = {}
    for name in names:
        dates = parse_date_column(parts[name][0][date_column])
        days = dates.values.dropna()
        if not days.empty:
            spans[name] = (dates.grain, days.min(), days.max())
    if best not in spans:
        return [best]
    chosen = [best]
    for name in names:
        if name == best or name not in spans or spans[name][0] != spans[best][0]:
            continue
        first, last = spans[name][1:]
        if all(last < spans[other][1] or first > spans[other][2] for other in chosen):
            chosen.append(name)
    return [name for name in names if name in chosen]  # in workbook order


def _same_columns(found: dict[str, Layout], best: Layout) -> list[str]:
    """The sheets with the same columns as the best one (a workbook of a sheet per month or year), in
    workbook order. They are read together only when every row has its date: sheets of reports per
    period, each stating its own period above its table, are read one at a time."""
    key = [norm_header(h) for h in best.headers]
    return [name for name, layout in found.items() if [norm_header(h) for h in layout.headers] == key]


def _other_tables(layout: Layout, header_line: int) -> list[str]:
    if layout.tables < 2:
        return []
    return [Note("ingest.note.other_tables", tables=Count(layout.tables), line=header_line)]


def _cells(row: tuple) -> list[str]:
    return [text for text in (cell_text(c) for c in row) if text]
