"""Which written date format a column uses ("01.03.2026", "2026-03-01", "Mar 1, 2026", …), and
reading its texts with it: pandas' C reader for numeric formats, strptime for month names."""

from __future__ import annotations

import datetime as dt

import pandas as pd

DATE_FORMATS = (
    "%Y-%m-%d",
    "%d.%m.%Y",
    "%Y%m%d",
    "%d.%m.%y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%d-%m-%Y",
    "%a, %b %d, %Y",
    "%b %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%B %d, %Y",
    "%Y-%m",
    "%m.%Y",
)


def parse_with(texts: list[str], fmt: str) -> list[pd.Timestamp | None]:
    if "%a" not in fmt and "%b" not in fmt and "%B" not in fmt:  # pandas parses these formats in C
        parsed = pd.to_datetime(pd.Series(texts, dtype=object), format=fmt, errors="coerce")
        return [None if pd.isna(p) else p for p in parsed]
    out = []
    for text in texts:
        try:
            out.append(pd.Timestamp(dt.datetime.strptime(text, fmt)))
        except ValueError:
            out.append(None)
    return out


def best_format(texts: list[str]) -> str | None:
    """The listed format that reads the most of ``texts`` (day-first wins a tie, as in Russian files).

    The first format that reads all of a small probe of the values is taken at once when it
    also reads all the rest; otherwise every format is scored on all of them.
    """
    probe = texts[:20]
    for fmt in DATE_FORMATS:
        if _reads_all(probe, fmt):
            if len(texts) == len(probe) or all(p is not None for p in parse_with(texts, fmt)):
                if not _ambiguous_slash(fmt, texts):
                    return fmt
            break
    best, best_count = None, 0
    for fmt in DATE_FORMATS:
        count = sum(p is not None for p in parse_with(texts, fmt))
        if count > best_count:
            best, best_count = fmt, count
    return best


def _reads_all(texts: list[str], fmt: str) -> bool:
    """Whether ``fmt`` reads every one of a few values (stops at the first miss)."""
    for text in texts:
        try:
            dt.datetime.strptime(text, fmt)
        except ValueError:
            return False
    return True


def _ambiguous_slash(fmt: str, texts: list[str]) -> bool:
    """Day-first slashes that month-first slashes would read just as well need the full scoring."""
    return fmt == "%d/%m/%Y" and all(p is not None for p in parse_with(texts, "%m/%d/%Y"))
