"""Where the table is: '#' comment blocks, title rows above the header, the header found by content."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from kpi_core.ingest.presets import Preset, recognise
from kpi_core.ingest.records import SURVEY_HEADERS
from kpi_core.ingest.rules import generic_match, is_date_header, norm_header

HEADER_SEARCH_ROWS = 40


@dataclass(frozen=True)
class Layout:
    """The chosen table: its header row (position in the rows given), where it ends, its preset."""

    header_index: int
    headers: list[str]
    end_index: int | None  # exclusive; None when the table runs to the end
    preset: Preset | None
    score: int
    tables: int = 1  # how many '#'-separated blocks hold a header (a GA4 snapshot holds several)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]")


def _text(cell: object) -> str:
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return ""
    return _CONTROL.sub("", str(cell)).strip()


def is_comment(row: list[object]) -> bool:
    for cell in row:
        text = _text(cell)
        if text:
            return text.startswith("#")
    return False


def is_blank(row: list[object]) -> bool:
    return not any(_text(c) for c in row)


def _numeric(cell: str) -> bool:
    return cell.replace(".", "").replace(",", "").replace("-", "").replace(" ", "").isdigit()


def header_score(cells: list[str]) -> tuple[int, Preset | None]:
    """How much a row looks like a header: known columns, a date column, a recognised export.

    A row of two or more known measures without a date column is a header too (a period report),
    scored below any header that has its dates.
    """
    names = [c for c in cells if c]
    # numbers in a "header" mean a data row (checked first: matching names is the costly part)
    if len(names) < 2 or sum(1 for c in names if _numeric(c)) > len(names) // 2:
        return 0, None
    preset = recognise(names)
    known = sum(
        1
        for c in names
        if (preset and preset.rule_for(c)) or norm_header(c) in SURVEY_HEADERS or generic_match(c) is not None
    )
    dated = any(is_date_header(c) for c in names) or (preset is not None and preset.records is not None)
    if known == 0 and not (preset and preset.records):
        return 0, preset
    if not dated:  # a period report's header (totals over a stated period), or a table that lacks its dates
        return (known + (preset.score(names) if preset else 0), preset) if known >= 2 else (0, preset)
    return known + 2 + (preset.score(names) if preset else 0), preset


def _names_a_measure(cells: list[str]) -> bool:
    """A row of names with at least one measure among them (a table's header, dated or not)."""
    names = [c for c in cells if c]
    return len(names) >= 2 and not any(_numeric(c) for c in names) and any(generic_match(c) for c in names)


def find_layout(rows: list[list[object]]) -> Layout | None:
    """The best table among the '#'-separated blocks of ``rows``, or None when no header is found."""
    blocks: list[tuple[int, int]] = []
    start = None
    for index, row in enumerate(rows):
        if is_comment(row):
            if start is not None:
                blocks.append((start, index))
                start = None
        elif start is None and not is_blank(row):
            start = index
    if start is not None:
        blocks.append((start, len(rows)))
    best: Layout | None = None
    tables = 0
    for first, end in blocks:
        found = False
        for index in range(first, min(end, first + HEADER_SEARCH_ROWS)):
            cells = [_text(c) for c in rows[index]]
            score, preset = header_score(cells)
            found = found or bool(score) or _names_a_measure(cells)
            if score and (best is None or score > best.score):
                best = Layout(index, cells, end if end < len(rows) else None, preset, score)
        tables += found
    return replace(best, tables=tables) if best is not None else None


def duplicate_free(headers: list[str]) -> list[str]:
    """Headers made unique for display (amoCRM repeats 'Источник'): the second becomes 'Источник (2)'."""
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        key = norm_header(header)
        seen[key] = seen.get(key, 0) + 1
        out.append(header if seen[key] == 1 else f"{header} ({seen[key]})")
    return out
