"""What an import found: the inspection (the fields of the `inspect` command) and the parsed file."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import pandas as pd

from kpi_core.ingest.rules import norm_header


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
    period: dict[str, str] | None = None  # a report without day rows: the period its totals cover
    quality: dict = field(default_factory=dict)  # see kpi_core.ingest.quality.file_quality
    questions: dict[str, list[str]] = field(default_factory=dict)  # columns to ask about: header → choices
    joined: list[str] = field(default_factory=list)  # sheets read together (a sheet per month)
    currencies: list[str] = field(default_factory=list)  # the currencies the file names for its money

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
            "period",
            "quality",
            "questions",
            "currencies",
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


_ACCOUNT = re.compile(r"^\s*(?:клиент|client|account|аккаунт|логин|login)\s*[:：]\s*(.{1,120})$", re.IGNORECASE)


def account_line(preamble: list[str]) -> str:
    """The account a report names above its table («Клиент: Цветочная лавка (flower-shop)»), or "".

    >>> account_line(["Клиент: Цветочная лавка (flower-shop)", "Отчет: Мастер отчетов"])
    'цветочная лавка (flower-shop)'
    """
    for line in preamble[:10]:
        found = _ACCOUNT.match(line[:200].strip().strip('"'))
        if found:
            return " ".join(found.group(1).lower().split())
    return ""


def _signature(source: str, headers: list[str], account: str = "") -> str:
    """The export's kind: its format and columns, and the account it names (a second ad account's
    report is not the first one's next report)."""
    key = source + "|" + "|".join(norm_header(h) for h in headers) + ("|" + account if account else "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def make_inspection(table, source, grain, rows, date_index, dimension, mapping, observations, warnings, confidence):
    used = set(mapping) | {table.headers[i] for i in (date_index, dimension) if i is not None}
    totals = (
        {m: round(float(v), 6) for m, v in observations.groupby("measure")["value"].sum().items()}
        if not observations.empty
        else {}
    )
    dates = observations["date"] if not observations.empty else pd.Series(dtype="datetime64[ns]")
    last = observations["end"].fillna(dates) if "end" in observations.columns else dates
    period = None
    if "end" in observations.columns and observations["end"].notna().any():
        period = {"start": dates.min().date().isoformat(), "end": last.max().date().isoformat()}
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
        date_max=last.max().date().isoformat() if len(dates) else None,
        dimension_column=table.headers[dimension] if dimension is not None else None,
        mapping=mapping,
        unmapped=[h for h in table.headers if h and h not in used],
        totals=totals,
        warnings=warnings,
        sheets=table.sheets,
        joined=table.joined,
        confidence=confidence,
        signature=_signature(source, table.headers, account_line(table.preamble)),
        period=period,
    )
