"""Bytes of an uploaded file → a table of text cells (no header decided yet)."""

from __future__ import annotations

import csv
import io
import itertools
import zipfile

import pandas as pd

from kpi_core.ingest.errors import IngestError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ROWS = 2_000_000
MAX_ZIP_MEMBERS = 2_000
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024
MAX_ZIP_RATIO = 200
TEXT_EXTENSIONS = ("csv", "tsv", "txt")
SHEET_EXTENSIONS = ("xlsx", "xlsm", "xls", "ods")


def extension(file_name: str) -> str:
    return file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: BOMs first, then UTF-8, then windows-1251."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise IngestError("ingest.binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace"), "windows-1251"


def sniff_delimiter(text: str) -> str:
    """The delimiter among ; tab , | that splits the first lines into the most, most regular fields.

    Quoting is respected, so "1 000,00" inside a ;-separated file does not vote for the comma.
    """
    lines = [line for line in text.splitlines()[:50] if line.strip() and not line.startswith("#")]
    best, best_score = ",", (0.0, 0)
    for delimiter in (";", "\t", ",", "|"):
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        if mode < 2:
            continue
        score = (round(counts.count(mode) / len(counts), 1), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def check_zip(data: bytes) -> None:
    """Refuse a spreadsheet whose zip is broken or would unpack to something huge."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise IngestError("ingest.damaged_excel") from None
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if len(members) > MAX_ZIP_MEMBERS or total > MAX_UNZIPPED_BYTES or total / packed > MAX_ZIP_RATIO:
        raise IngestError("ingest.zip_bomb")


def read_cells(data: bytes, file_name: str) -> tuple[pd.DataFrame, dict]:
    """Every cell of the file's first table as text (or a number from a spreadsheet), and what was detected."""
    if not data:
        raise IngestError("ingest.empty")
    if len(data) > MAX_FILE_BYTES:
        raise IngestError("ingest.too_big", mb=MAX_FILE_BYTES // 2**20)
    ext = extension(file_name)
    if ext in SHEET_EXTENSIONS:
        if ext in ("xlsx", "xlsm", "ods"):
            check_zip(data)
        try:
            cells = pd.read_excel(io.BytesIO(data), header=None, dtype=object, engine="calamine", nrows=MAX_ROWS + 1)
        except Exception:  # noqa: BLE001 - any reader failure means the same thing to the user
            raise IngestError("ingest.unreadable_sheet") from None
        detected = {"encoding": None, "delimiter": None}
    elif ext in TEXT_EXTENSIONS or not ext:
        text, encoding = decode_text(data)
        delimiter = sniff_delimiter(text)
        try:
            rows = list(itertools.islice(csv.reader(io.StringIO(text), delimiter=delimiter), MAX_ROWS + 2))
        except csv.Error:
            raise IngestError("ingest.unreadable_text") from None
        # Title lines above the header have fewer fields: pad every row to the widest.
        width = max((len(row) for row in rows), default=0)
        cells = pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=object)
        detected = {"encoding": encoding, "delimiter": delimiter}
    else:
        raise IngestError("ingest.bad_type", ext=ext)
    if len(cells) > MAX_ROWS:
        raise IngestError("ingest.too_many_rows", rows=f"{MAX_ROWS:,}")
    cells = cells.map(lambda v: None if isinstance(v, str) and not v.strip() else v)
    cells = cells.dropna(how="all").dropna(axis=1, how="all")
    return cells, detected  # the index keeps each row's 0-based position in the file
