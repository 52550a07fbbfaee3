"""Text that goes into a spreadsheet stays text: a cell a user or a file wrote never runs as a formula.

Spreadsheets read a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or a
carriage return) as a formula: a goal titled ``=HYPERLINK("http://x","y")`` or a campaign named
``+cmd|' /C calc'!A0`` would run when the file is opened. Such text is written with a leading
apostrophe in a CSV (Excel's own mark for "this is text"), and as a typed string in a workbook.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """Text for a CSV cell that a spreadsheet shows as written, never evaluates.

    >>> csv_text("=HYPERLINK(\\"http://x\\",\\"y\\")"), csv_text("+cmd|' /C calc'!A0"), csv_text("Яндекс")
    ('\\'=HYPERLINK("http://x","y")', "'+cmd|' /C calc'!A0", 'Яндекс')
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value
