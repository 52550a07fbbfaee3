"""Declared sizes of a spreadsheet checked against a cell budget before any frame is built.

A reader lays a sheet out as a dense grid from its first to its last filled cell, so one cell at
XFD1048576 in a 2 KB file asks for 16 384 × 1 048 576 cells, and an ODS row repeated a million
times asks for a million rows. The grid's size is read from the file itself — the cell references
of an XLSX sheet, the repeat counts of ODS rows and cells, the rows × widest row of an HTML table
— and a sheet over ``MAX_CELLS`` is refused with one sentence before it is read.

Only cells that hold something count: the reader skips a styled but empty cell (tested), and a
sheet's ``<dimension>`` alone is not trusted either way (a stale one is harmless; a lying one
would hide far cells), so the cells themselves are scanned.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator

from defusedxml.ElementTree import iterparse

from kpi_core.i18n.formatting import Count
from kpi_core.ingest.errors import IngestError

MAX_CELLS = 10_000_000  # rows × columns of one sheet's grid; ~1 GB to lay out in the reader
_CHUNK = 4 * 1024 * 1024
_OVERLAP = 2048  # longer than a cell's opening tag and the start of its value
# an XLSX cell with a reference and something inside: a value, an inline string or a formula
_XLSX_CELL = re.compile(
    rb"<(?:\w{1,20}:)?c\s[^>]{0,500}?\br\s{0,10}=\s{0,10}[\x22\x27]([A-Z]{1,3})([0-9]{1,7})[\x22\x27][^>]{0,500}?(?<!/)>\s{0,100}<(?:\w{1,20}:)?(?:v|is|f)\b"
)
# a formula cell closed right after its formula (or an empty result): no result was saved, it
# reads empty; group 1 is its row
_UNCACHED = re.compile(
    rb"<(?:\w{1,20}:)?c\s[^>]{0,500}?\br\s{0,10}=\s{0,10}[\x22\x27][A-Z]{1,3}([0-9]{1,7})[\x22\x27][^>]{0,500}?(?<!/)>\s{0,100}"
    rb"<(?:\w{1,20}:)?f\b[^>]{0,500}?(?:/>|>[^<]{0,100000}</(?:\w{1,20}:)?f>)"
    rb"(?:\s{0,100}<(?:\w{1,20}:)?v\s{0,10}/>|\s{0,100}<(?:\w{1,20}:)?v>\s{0,100}</(?:\w{1,20}:)?v>)?"
    rb"\s{0,100}</(?:\w{1,20}:)?c>"
)
_ODS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODS_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def refuse_if_too_big(rows: int, columns: int) -> None:
    """IngestError when a grid of ``rows`` × ``columns`` is over the budget."""
    if rows * columns > MAX_CELLS:
        raise IngestError(
            "ingest.too_many_cells",
            rows=Count(rows),
            columns=Count(columns),
            limit=Count(MAX_CELLS),
        )


def check_spreadsheet(data: bytes) -> set[int]:
    """Refuse an XLSX or ODS (a checked zip) whose sheets declare more cells than the budget;
    return the rows (1-based, any sheet) of XLSX formula cells that hold no saved result."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        is_ods = "mimetype" in names and archive.read("mimetype")[:80].startswith(b"application/vnd.oasis")
        if is_ods and "content.xml" in names:
            with archive.open("content.xml") as stream:
                for rows, columns in ods_grids(stream):
                    refuse_if_too_big(rows, columns)
            return set()
        uncached: set[int] = set()
        for name in names:  # every XML part: a sheet may be stored under any name the package maps
            if name.lower().endswith(".xml"):
                with archive.open(name) as stream:
                    rows, columns, without_result = xlsx_grid(_chunks(stream))
                refuse_if_too_big(rows, columns)
                uncached |= without_result
        return uncached


def _chunks(stream) -> Iterator[bytes]:
    while chunk := stream.read(_CHUNK):
        yield chunk


def column_number(letters: bytes) -> int:
    """A1-style column letters as a 1-based number: A → 1, Z → 26, AA → 27, XFD → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def xlsx_grid(chunks: Iterable[bytes]) -> tuple[int, int, set[int]]:
    """The last row and column holding a value in a worksheet's XML (read in chunks), and the rows
    of formula cells that hold no saved result."""
    last_row = last_column = 0
    uncached: set[int] = set()
    tail = b""
    for chunk in chunks:
        # the previous chunk's end is read again, so a cell cut in two is found whole; one found
        # twice changes no maximum
        text = tail + chunk
        for match in _XLSX_CELL.finditer(text):
            last_column = max(last_column, column_number(match.group(1)))
            last_row = max(last_row, int(match.group(2)))
        uncached.update(int(m.group(1)) for m in _UNCACHED.finditer(text))
        tail = text[-_OVERLAP:]
    return last_row, last_column, uncached


def _repeat(element, name: str) -> int:
    try:
        return max(1, int(element.get(f"{{{_ODS}}}{name}", "1")))
    except ValueError:
        return 1


def _has_content(cell) -> bool:
    return cell.get(f"{{{_ODS_OFFICE}}}value-type") is not None or cell.find(f"{{{_ODS_TEXT}}}p") is not None


def ods_grids(stream) -> Iterator[tuple[int, int]]:
    """Each ODS table's last row and last column holding something, repeats counted."""
    table_tag, row_tag = f"{{{_ODS}}}table", f"{{{_ODS}}}table-row"
    cell_tags = (f"{{{_ODS}}}table-cell", f"{{{_ODS}}}covered-table-cell")
    row_index = last_row = last_column = 0
    for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
        if event == "start":
            if element.tag == table_tag:
                row_index = last_row = last_column = 0
            continue
        if element.tag == row_tag:
            repeat, column, filled = _repeat(element, "number-rows-repeated"), 0, 0
            for cell in element:
                if cell.tag in cell_tags:
                    column += _repeat(cell, "number-columns-repeated")
                    if _has_content(cell):
                        filled = column
            if filled:
                last_row, last_column = row_index + repeat, max(last_column, filled)
            row_index += repeat
            element.clear()
        elif element.tag == table_tag:
            yield last_row, last_column
            element.clear()
