"""The full read of a text file's body: pandas' C parser on the raw bytes, two halves at once when large.

The parser reads UTF-8 bytes natively; any other encoding would go through a Python text decoder
that costs a third of the read. So a one-byte file (Windows-1251) is read *as UTF-8*, each byte
that is not UTF-8 kept as an escape (``\\xCA``), and only the distinct text values are turned
into their real letters afterwards. Where the file has a backslash of its own (an escape could
not be told from it) it is read as latin-1, decoded byte for byte, which is slower but as exact.
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
from pandas.api.types import union_categoricals

from kpi_core.i18n.formatting import Count
from kpi_core.ingest.errors import IngestError
from kpi_core.ingest.reader import Buffer

PARALLEL_MIN_BYTES = 8 * 1024 * 1024
NA_VALUES = ["", "--", " --", "-", "—", "(not set)", "н/д", "n/a"]
ONE_BYTE = ("cp1251", "windows-1251")


class _Span:
    """A part of a buffer as a binary file: the parser takes it in chunks, nothing is copied whole.
    ``lines`` counts the line ends handed out so far."""

    def __init__(self, view: memoryview) -> None:
        self._view, self._at, self.lines = view, 0, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(len(self._view), self._at + size)
        chunk = self._view[self._at : end].tobytes()
        self._at = end
        self.lines += chunk.count(b"\n")
        return chunk


def read_text_table(
    data: Buffer,
    encoding: str,
    delimiter: str,
    skip_lines: int,
    nrows: int | None,
    usecols: list[int],
    decimal: str,
    thousands: str | None,
    text_columns: list[int] | None = None,
    *,
    max_rows: int,
) -> pd.DataFrame:
    """The data rows below a header line with pandas' C parser, only the columns needed.

    Numbers are read with the column-wide decimal mark decided from the sample; cells that
    still do not read as numbers stay text for the slower, careful parser. ``text_columns``
    (dates, channels) are read as categories: each distinct value becomes one string.
    A large file is read as two halves on two threads when its lines are plain records.
    """
    one_byte = encoding in ONE_BYTE
    escaped = one_byte and data.find(b"\\") < 0
    native = escaped or encoding in ("utf-8", "utf-8-sig")  # the header line holds any byte-order mark
    options = {
        "encoding": "utf-8" if native else "latin-1" if one_byte else encoding,
        "encoding_errors": "backslashreplace" if escaped else "replace",
        "sep": delimiter,
        "header": None,
        "usecols": usecols,
        "decimal": decimal,
        "thousands": thousands,
        "skip_blank_lines": False,
        "on_bad_lines": "skip",
        "low_memory": False,
        "dtype": dict.fromkeys(text_columns or [], "category"),
        "quotechar": '"',
        "keep_default_na": False,
        "na_values": NA_VALUES,
    }
    try:
        frame = None
        if nrows is None and len(data) >= PARALLEL_MIN_BYTES and not encoding.startswith("utf-16"):
            frame = _read_in_halves(data, skip_lines, options, native)
        if frame is None:
            whole = _Span(memoryview(data)) if native else io.BytesIO(data[:])
            frame = pd.read_csv(whole, skiprows=skip_lines, nrows=nrows, **options)
    except pd.errors.EmptyDataError:
        return pd.DataFrame(columns=usecols, dtype=object)  # a header with no rows: a valid empty import
    except (pd.errors.ParserError, UnicodeError, ValueError):
        raise IngestError("ingest.unreadable_text") from None
    if len(frame) > max_rows:
        raise IngestError("ingest.too_many_rows", rows=Count(max_rows))
    return _redecode(frame, encoding, escaped) if one_byte else frame


def _read_in_halves(data: Buffer, skip_lines: int, options: dict, native: bool) -> pd.DataFrame | None:
    """Both halves of the body parsed at once (the parser releases the GIL), or None to read it whole.

    The halves are cut at a line end; the result is kept only when it has exactly one row per
    line, so a quoted field running over lines or a malformed line makes the caller read whole.
    """
    start = 0
    for _ in range(skip_lines):
        start = data.find(b"\n", start) + 1
        if not start:
            return None
    cut = data.find(b"\n", start + (len(data) - start) // 2)
    if cut < 0:
        return None
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(_read_half, data, start, cut + 1, options, native)
        second = _read_half(data, cut + 1, len(data), options, native)
        halves = [first.result(), second]
    if any(len(frame) != lines for frame, lines in halves):
        return None
    return _joined([frame for frame, _ in halves])


def _read_half(data: Buffer, start: int, end: int, options: dict, native: bool) -> tuple[pd.DataFrame, int]:
    """The rows of ``data[start:end]``, and how many lines it has."""
    unended = 0 if end == start or data[end - 1 : end] == b"\n" else 1
    if not native:
        text = data[start:end]
        return _parsed(io.BytesIO(text), options), text.count(b"\n") + unended
    half = _Span(memoryview(data)[start:end])
    frame = _parsed(half, options)
    half.read()  # the parser stops at the last row: the rest (blank lines) is counted too
    return frame, half.lines + unended


def _parsed(half: _Span | io.BytesIO, options: dict) -> pd.DataFrame:
    try:
        return pd.read_csv(half, **options)
    except pd.errors.EmptyDataError:
        return pd.DataFrame(columns=options["usecols"])


def _joined(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Two halves' frames as one: numbers concatenated block by block, categories united."""
    first, second = frames
    columns = list(first.columns)
    united = [
        c
        for c in columns
        if isinstance(first[c].dtype, pd.CategoricalDtype) and isinstance(second[c].dtype, pd.CategoricalDtype)
    ]
    rest = [c for c in columns if c not in united]
    joined = pd.concat([first[rest], second[rest]], ignore_index=True)
    for column in united:
        joined[column] = union_categoricals([first[column].array, second[column].array])
    return joined[columns]


def _letters(encoding: str, escaped: bool):
    """Text as the parser gave it → the file's real letters."""
    if escaped:  # UTF-8 with escapes: the original bytes are the UTF-8 text with its escapes undone
        return lambda text: (
            text.encode("utf-8").decode("unicode_escape").encode("latin-1").decode(encoding, errors="replace")
            if isinstance(text, str) and ("\\" in text or not text.isascii())
            else text
        )
    return lambda text: text.encode("latin-1").decode(encoding, errors="replace") if isinstance(text, str) else text


def _redecode(frame: pd.DataFrame, encoding: str, escaped: bool) -> pd.DataFrame:
    """Text cells of a one-byte file back into ``encoding`` (each distinct value once)."""
    fix = _letters(encoding, escaped)
    for column in frame.columns:
        series = frame[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            categories = [fix(c) for c in series.cat.categories]
            if len(set(categories)) == len(categories):
                frame[column] = series.cat.rename_categories(categories)
            else:
                frame[column] = series.astype(object).map(fix)
        elif not pd.api.types.is_numeric_dtype(series):
            codes, uniques = pd.factorize(series, use_na_sentinel=True)
            fixed = pd.array([fix(u) for u in uniques] + [None], dtype=object)
            frame[column] = pd.Series(fixed[codes], index=series.index, dtype=object)
    return frame
