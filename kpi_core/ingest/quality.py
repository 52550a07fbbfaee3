"""An import's data quality: what was dropped, summed or doubtful, in counts and line numbers, with a score."""

from __future__ import annotations

import pandas as pd

from kpi_core.ingest.channels import CHANNEL_NAMES, normalise_channel

LISTED_LINES = 50  # the lines listed per kind; the counts are whole
LISTED_NAMES = 10


def unknown_channels(values: pd.Series) -> dict[str, int]:
    """Channel names the importer does not know (stored as 'other'), each with its rows.

    >>> unknown_channels(pd.Series(["Organic Search", "tg_ads", "tg_ads", "Other", None]))
    {'tg_ads': 2}
    """
    counts = values.astype(object).value_counts(dropna=True)
    found = {}
    for name, rows in counts.items():
        text = str(name).strip()
        if text and normalise_channel(text) == "other" and not _named_other(text):
            found[text[:60]] = int(rows)
    return dict(sorted(found.items(), key=lambda item: -item[1])[:LISTED_NAMES])


def _named_other(text: str) -> bool:
    """A name that means 'other' in the source itself (Other, Прочее, (not set), Не определено)."""
    key = " ".join(text.lower().split())
    return key in CHANNEL_NAMES or key in ("other", "others", "(other)", "(not set)", "прочее", "другое")


def file_quality(
    rows_read: int,
    skipped: list[tuple[int, str]],
    suspicious: list[tuple[int, str]],
    summary_rows: int,
    uniques_summed: list[str],
    duplicates: list[int] | None = None,
    unmapped_channels: dict[str, int] | None = None,
    leads_without_source: int = 0,
) -> dict:
    """The quality report of one file (``quality`` in ``inspect`` and ``import``).

    The score is the share of the file's rows read without a remark (skipped for no date, a
    duplicate, a suspicious value); the file's own total rows are not remarks, they are dropped.

    >>> file_quality(10, [(3, "totals row"), (7, "no date")], [(5, "negative Cost")], 1, [])["score"]
    80
    """
    duplicates = duplicates or []
    remarks = {line for line, why in skipped if why != "totals row"} | {line for line, _ in suspicious}
    remarks |= set(duplicates)
    score = 100 if rows_read <= 0 else round(100 * (1 - min(len(remarks), rows_read) / rows_read))
    return {
        "score": score,
        "rows_read": rows_read,
        "summary_rows": summary_rows,
        "duplicates": len(duplicates),
        "duplicate_lines": duplicates[:LISTED_LINES],
        "skipped": len([1 for _, why in skipped if why != "totals row"]),
        "suspicious": [[line, why] for line, why in suspicious[:LISTED_LINES]],
        "uniques_summed": uniques_summed,
        "unmapped_channels": dict(sorted((unmapped_channels or {}).items())),
        "leads_without_source": leads_without_source,
    }
