"""Small hostile spreadsheets that ask a reader for a huge grid (issue 12, findings 2 and 7)."""

from __future__ import annotations

import io
import zipfile

import openpyxl

ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def far_cell_xlsx(cell: str = "XFD1048576") -> bytes:
    """A real little daily table, plus one value in a far cell."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["date", "sessions"])
    sheet.append(["2026-01-01", 5])
    sheet.append(["2026-01-02", 7])
    sheet[cell] = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods(rows_xml: str) -> bytes:
    """An ODS whose one table holds ``rows_xml`` (table-row elements)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        f"{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def ods_cell(value: str | float) -> str:
    if isinstance(value, str):
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    return ods_number(value)


def ods_number(value: float, repeat: int = 1) -> str:
    return (
        f'<table:table-cell table:number-columns-repeated="{repeat}" office:value-type="float" '
        f'office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    )


def repeated_ods(rows: int = 1_000_000, columns: int = 50) -> bytes:
    """A header and one row of ``columns`` numbers claimed ``rows`` times by number-rows-repeated."""
    header = "<table:table-row>" + ods_cell("date") + ods_cell("sessions") + "</table:table-row>"
    cells = ods_cell("2026-01-01") + ods_number(1, columns - 1)
    return ods(header + f'<table:table-row table:number-rows-repeated="{rows}">{cells}</table:table-row>')


def padded_html(rows: int = 20_000, width: int = 20_000) -> bytes:
    """An HTML table saved as .xls: one very wide row, then many one-cell rows (~580 KB)."""
    wide = "<tr>" + "<td>1</td>" * width + "</tr>"
    narrow = "<tr><td>1</td></tr>" * rows
    return f"<html><body><table><tr><td>date</td><td>sessions</td></tr>{wide}{narrow}</table></body></html>".encode()
