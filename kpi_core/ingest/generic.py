"""Generic tables: a date column plus measure columns named by their RU/EN synonyms.

>>> import pandas as pd
>>> cells = pd.DataFrame([["Дата", "Визиты", "Заказы"], ["01.03.2026", "1 200", "24"]])
>>> parsed = parse_generic(cells)
>>> parsed.observations[["measure", "value"]].values.tolist()
[['orders', 24.0], ['sessions', 1200.0]]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kpi_core.catalog import measure_for_header
from kpi_core.ingest.errors import IngestError

DATE_HEADERS = {"date", "day", "дата", "день", "дата визита", "period", "период", "date visit"}
CHANNEL_HEADERS = {"channel", "канал", "источник трафика", "traffic source", "default channel group"}
CHANNEL_NAMES = {
    "organic": "organic",
    "organic search": "organic",
    "поиск": "organic",
    "seo": "organic",
    "переходы из поисковых систем": "organic",
    "paid_search": "paid_search",
    "paid search": "paid_search",
    "cpc": "paid_search",
    "контекстная реклама": "paid_search",
    "переходы по рекламе": "paid_search",
    "paid_social": "paid_social",
    "paid social": "paid_social",
    "таргет": "paid_social",
    "social": "social",
    "organic social": "social",
    "соцсети": "social",
    "переходы из социальных сетей": "social",
    "direct": "direct",
    "прямые заходы": "direct",
    "referral": "referral",
    "переходы по ссылкам на сайтах": "referral",
    "email": "email",
    "e-mail": "email",
    "рассылка": "email",
    "переходы из почтовых рассылок": "email",
    "messenger": "messenger",
    "переходы из мессенджеров": "messenger",
    "display": "display",
    "внутренние переходы": "internal",
    "internal": "internal",
}
HEADER_SEARCH_ROWS = 30
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_CURRENCY = re.compile(r"[₽$€£]|руб\.?|rub|usd|eur", re.IGNORECASE)


@dataclass
class Parsed:
    """A file turned into long observations, with what was found on the way."""

    observations: pd.DataFrame
    # header_row is the header's 0-based row in the file; skipped rows are 1-based line numbers.
    mapping: dict[str, str]
    unmapped: list[str]
    date_column: str
    channel_column: str | None
    header_row: int
    rows_read: int
    skipped: list[tuple[int, str]] = field(default_factory=list)


def _norm(header: object) -> str:
    return " ".join(str(header).strip().lower().replace("ё", "е").split())


def find_header_row(cells: pd.DataFrame) -> int:
    """Position of the first row (of the first 30) that names a date column and at least one measure."""
    for index in range(min(HEADER_SEARCH_ROWS, len(cells))):
        names = [_norm(v) for v in cells.iloc[index].tolist() if v is not None and not pd.isna(v)]
        if any(n in DATE_HEADERS for n in names) and any(measure_for_header(n) for n in names):
            return index
    raise IngestError("ingest.no_header")


def parse_numbers(values: pd.Series) -> pd.Series:
    """Numbers written with spaces, NBSP, currency signs, decimal comma or point; bad cells → NaN.

    The decimal mark is decided for the whole column: a comma is decimal unless points also appear.
    """
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("float64")
    text = values.map(lambda v: v if isinstance(v, str) else ("" if v is None or pd.isna(v) else repr(v)))
    text = text.str.replace(_CURRENCY, "", regex=True).str.replace(_SPACES, "", regex=True).str.rstrip("%")
    has_comma, has_point = text.str.contains(",").any(), text.str.contains(r"\.").any()
    if has_comma and has_point:
        text = text.str.replace(",", "", regex=False)
    elif has_comma:
        text = text.str.replace(",", ".", regex=False)
    text = text.replace({"": None, "--": None, "-": None})
    return pd.to_numeric(text, errors="coerce").astype("float64")


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates as ISO, DD.MM.YYYY (time allowed), YYYYMMDD, or spreadsheet dates; unparsable → NaT."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return pd.to_datetime(values).dt.normalize()
    text = values.map(lambda v: v.isoformat() if hasattr(v, "isoformat") else ("" if v is None else str(v)))
    text = text.str.strip().str.split(" ").str[0]
    best = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%Y%m%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S"):
        parsed = pd.to_datetime(text, format=fmt, errors="coerce")
        best = best.fillna(parsed)
    return best.dt.normalize()


def parse_generic(cells: pd.DataFrame) -> Parsed:
    """Map a generic table to long observations (date, measure, channel, value)."""
    position = find_header_row(cells)
    header_row = int(cells.index[position])
    headers = [str(v).strip() if v is not None and not pd.isna(v) else "" for v in cells.iloc[position]]
    body = cells.iloc[position + 1 :]
    body.columns = range(len(headers))
    date_col = next(i for i, h in enumerate(headers) if _norm(h) in DATE_HEADERS)
    channel_col = next((i for i, h in enumerate(headers) if _norm(h) in CHANNEL_HEADERS), None)
    mapping: dict[str, str] = {}
    columns: dict[str, int] = {}
    for i, header in enumerate(headers):
        measure = measure_for_header(header) if i not in (date_col, channel_col) else None
        if measure and measure not in columns:
            mapping[header] = measure
            columns[measure] = i
    unmapped = [
        h for i, h in enumerate(headers) if h and i not in columns.values() and i not in (date_col, channel_col)
    ]

    dates = parse_dates(body[date_col])
    skipped = [(int(i) + 1, "no date (a totals or notes row)") for i in body.index[dates.isna()]]
    keep = dates.notna()
    channel = (
        body.loc[keep, channel_col].map(lambda v: CHANNEL_NAMES.get(_norm(v), "other") if v else "other")
        if channel_col is not None
        else pd.Series("all", index=body.index[keep])
    )
    frames = []
    for measure, col in columns.items():
        raw = body.loc[keep, col]
        values = parse_numbers(raw)
        filled = raw.notna() & (raw.astype(str).str.strip() != "")
        if filled.sum() and values[filled].isna().mean() > 0.5:
            raise IngestError("ingest.text_in_numbers", column=headers[col])
        frames.append(pd.DataFrame({"date": dates[keep], "measure": measure, "channel": channel, "value": values}))
    long = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["date", "measure", "channel", "value"])
    )
    long = long.dropna(subset=["value"])
    if not long.empty and not np.isfinite(long["value"]).all():
        raise IngestError("ingest.too_large_numbers")
    long = long.groupby(["date", "measure", "channel"], as_index=False, sort=True)["value"].sum()
    return Parsed(
        observations=long,
        mapping=mapping,
        unmapped=unmapped,
        date_column=headers[date_col],
        channel_column=headers[channel_col] if channel_col is not None else None,
        header_row=header_row,
        rows_read=len(body),
        skipped=skipped,
    )


def read_generic(data: bytes, file_name: str) -> Parsed:
    """Read and map an uploaded generic file."""
    from kpi_core.ingest.reader import read_cells

    cells, _ = read_cells(data, file_name)
    if cells.empty:
        raise IngestError("ingest.no_rows")
    return parse_generic(cells)
