"""Bytes of an uploaded file → text or sheets: encoding, delimiter, size and zip checks, fast full reads."""

from __future__ import annotations

import csv
import io
import mmap
import re
import zipfile
from dataclasses import dataclass

import pandas as pd

from kpi_core.i18n.formatting import Count
from kpi_core.ingest.errors import IngestError, Note
from kpi_core.ingest.sizes import check_spreadsheet, refuse_if_too_big

# A text file's bytes: in memory, or a file mapped read-only (how a large upload reaches the
# parsing worker, with no copy). The text path uses what both have: len, slices (bytes), find.
Buffer = bytes | mmap.mmap

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ROWS = 2_000_000
MAX_ZIP_MEMBERS = 2_000
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024
MAX_ZIP_RATIO = 200
SAMPLE_BYTES = 256 * 1024
TEXT_EXTENSIONS = ("csv", "tsv", "txt")
SHEET_EXTENSIONS = ("xlsx", "xlsm", "xls", "ods")
DELIMITERS = (";", "\t", ",", "|")
# A field may be as long as a whole file may be (a note, a JSON blob): Python's csv module stops at
# 128 KiB by default. The limit is the module's, process-wide; raising it changes no other reader.
csv.field_size_limit(MAX_FILE_BYTES)


def extension(file_name: str) -> str:
    return file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""


def check_size(data: Buffer) -> None:
    if not data:
        raise IngestError("ingest.empty")
    if len(data) > MAX_FILE_BYTES:
        raise IngestError("ingest.too_big", mb=MAX_FILE_BYTES // 2**20)


def detect_encoding(data: Buffer) -> str:
    """The file's encoding: a BOM decides; else UTF-8 when the start decodes, else windows-1251."""
    head = data[:SAMPLE_BYTES]
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head:
        if _looks_utf16_le(head):
            return "utf-16-le"
        raise IngestError("ingest.binary")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut at the sample's end
            return "cp1251"
    return "utf-8"


def encoding_notes(data: Buffer, encoding: str) -> list[str]:
    """A warning when a UTF-8 file (decided from its start) holds bytes further on that are not
    UTF-8 — a part saved as Windows-1251, say: those cells are read with replacement marks."""
    if encoding not in ("utf-8", "utf-8-sig") or len(data) <= SAMPLE_BYTES:
        return []
    try:
        str(data, "utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return [Note("ingest.note.mixed_encoding", line=line)]
    return []


def _looks_utf16_le(head: bytes) -> bool:
    """UTF-16 without a BOM: text whose every second byte is zero (Latin and digits)."""
    pairs = head[: len(head) - len(head) % 2]
    if len(pairs) < 8:
        return False
    odd_zeros = pairs[1::2].count(0) / (len(pairs) / 2)
    even_zeros = pairs[0::2].count(0) / (len(pairs) / 2)
    return odd_zeros > 0.3 and even_zeros < 0.05


def sample_text(data: Buffer, encoding: str) -> str:
    """The first ~256 KB as text, cut at a line end (the whole text when the file is small)."""
    head = data[:SAMPLE_BYTES]
    if encoding.startswith("utf-16") and len(head) % 2:
        head = head[:-1]
    text = head.decode(encoding, errors="replace")
    if len(head) < len(data) and "\n" in text:
        text = text[: text.rfind("\n") + 1]
    return text


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter among ; tab , | that splits the lines into the most, most regular fields.

    Quoting is respected, so "1 000,00" inside a ;-separated file does not vote for the comma.
    Lines it does not split (a report's title lines above a short table) do not vote.

    >>> sniff_delimiter(["Клиент: X", "Отчет: Мастер отчетов", "Период: 01.03.2026 - 31.03.2026",
    ...                  "Кампания;Показы;Расход", "Акция;1000;500,00", "Поиск;2000;1000,00"])
    ';'
    """
    lines = [line for line in lines[:200] if line.strip() and not line.lstrip().startswith("#")]
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # this delimiter leaves a broken quote: it is not the file's
            continue
        if not counts:
            continue
        split = [count for count in counts if count > 1]
        if not split:
            continue
        mode = max(set(split), key=lambda n: (split.count(n), n))
        score = (round(counts.count(mode) / len(counts), 1), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def check_zip(data: bytes) -> None:
    """Refuse a spreadsheet whose zip is broken or would unpack to something huge (before parsing)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise IngestError("ingest.damaged_excel") from None
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if len(members) > MAX_ZIP_MEMBERS or total > MAX_UNZIPPED_BYTES or total / packed > MAX_ZIP_RATIO:
        raise IngestError("ingest.zip_bomb")


_HTML = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!doctype html|<html|<table|<meta)", re.IGNORECASE)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sheet_kind(data: bytes, ext: str) -> str:
    """What a spreadsheet really is: 'zip' (xlsx/ods), 'ole' (old .xls), 'html' (a table saved as .xls)."""
    if data.startswith(b"PK"):
        return "zip"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if _HTML.match(data[:2048]):
        return "html"
    if _is_text(data[:4096]):
        return "text"  # a CSV saved under a spreadsheet's name reads as the CSV it is
    raise IngestError("ingest.damaged_excel" if ext in ("xlsx", "xlsm", "ods") else "ingest.unreadable_sheet")


def _is_text(head: bytes) -> bool:
    if not head or b"\x00" in head or b"\n" not in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head.decode("cp1251")
        except UnicodeDecodeError:
            return False
    return sum(1 for b in head if b < 9 or 13 < b < 32) < len(head) * 0.01


@dataclass
class Workbook:
    """The sheets of a spreadsheet, each read as raw cells (no header decided yet)."""

    names: list[str]
    frames: dict[str, pd.DataFrame]
    uncached_rows: frozenset[int] = frozenset()  # rows of formula cells saved without a result (XLSX)


def read_workbook(data: bytes, ext: str) -> Workbook:
    """Every sheet of an XLSX/XLS/ODS (or an HTML table saved as .xls) as raw cells; formulas as cached values."""
    kind = sheet_kind(data, ext)
    uncached: set[int] = set()
    if kind == "zip":
        check_zip(data)
        try:
            uncached = check_spreadsheet(data)  # before the reader lays a sheet out as a grid
        except (IngestError, MemoryError):
            raise
        except Exception:  # noqa: BLE001 - a sheet's XML the check cannot read, the reader cannot either
            raise IngestError("ingest.unreadable_sheet") from None
    try:
        if kind == "html":
            tables = _html_tables(data)
            frames = {f"Table {i + 1}": t.astype(object) for i, t in enumerate(tables)}
        else:
            sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, engine="calamine")
            frames = {str(name): frame for name, frame in sheets.items()}
    except (IngestError, MemoryError):  # out of memory is said as such by the process reading uploads
        raise
    except Exception:  # noqa: BLE001 - any reader failure means the same thing to the user
        raise IngestError("ingest.unreadable_sheet") from None
    for name, frame in frames.items():
        if len(frame) > MAX_ROWS:
            raise IngestError("ingest.too_many_rows", rows=Count(MAX_ROWS))
        frames[name] = frame.dropna(how="all").dropna(axis=1, how="all")
    return Workbook(list(frames), frames, frozenset(uncached))


def _html_tables(data: bytes) -> list[pd.DataFrame]:
    """Tables of an HTML page with the standard library parser (no lxml needed)."""
    from html.parser import HTMLParser

    class Tables(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tables: list[list[list[str]]] = []
            self.row: list[str] | None = None
            self.cell: list[str] | None = None

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                self.tables.append([])
            elif tag == "tr" and self.tables:
                self.row = []
            elif tag in ("td", "th") and self.row is not None:
                self.cell = []

        def handle_endtag(self, tag):
            if tag in ("td", "th") and self.cell is not None and self.row is not None:
                self.row.append(" ".join("".join(self.cell).split()))
                self.cell = None
            elif tag == "tr" and self.row is not None and self.tables:
                self.tables[-1].append(self.row)
                self.row = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

    encoding = "utf-8"
    head = data[:2048].decode("ascii", errors="ignore").lower()
    if "windows-1251" in head or "cp1251" in head:
        encoding = "cp1251"
    parser = Tables()
    parser.feed(data.decode(encoding, errors="replace"))
    frames = []
    for rows in parser.tables:
        width = max((len(r) for r in rows), default=0)
        refuse_if_too_big(len(rows), width)  # before padding every row to the widest
        if width:
            frames.append(pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object))
    if not frames:
        raise IngestError("ingest.unreadable_sheet")
    return frames


def read_text_rows(lines: list[str], delimiter: str) -> list[list[str]]:
    """Lines split into fields (used on the sample to find the layout)."""
    try:
        return list(csv.reader(lines, delimiter=delimiter))
    except csv.Error:
        raise IngestError("ingest.unreadable_text") from None
