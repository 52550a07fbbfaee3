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
    if isinstance(values.dtype, pd.CategoricalDtype):  # read as categories: look at the names first
        names = [name for name in values.cat.categories if _unknown(name)]
        if not names:
            return {}
        values = values[values.isin(names)]
    counts = values.astype(object).value_counts(dropna=True)
    found = {}
    for name, rows in counts.items():
        if _unknown(name):
            found[str(name).strip()[:60]] = int(rows)
    return dict(sorted(found.items(), key=lambda item: -item[1])[:LISTED_NAMES])


def _unknown(name: object) -> bool:
    text = str(name).strip()
    return bool(text) and normalise_channel(text) == "other" and not _named_other(text)


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
    duplicate, a suspicious value); the file's own total rows and notes under the table are not
    remarks, they are dropped.

    >>> file_quality(10, [(3, "totals row"), (7, "no date")], [(5, "negative Cost")], 1, [])["score"]
    80
    """
    duplicates = duplicates or []
    remarks = {line for line, why in skipped if why not in ("totals row", "note")} | {line for line, _ in suspicious}
    remarks |= set(duplicates)
    score = 100 if rows_read <= 0 else round(100 * (1 - min(len(remarks), rows_read) / rows_read))
    return {
        "score": score,
        "rows_read": rows_read,
        "summary_rows": summary_rows,
        "duplicates": len(duplicates),
        "duplicate_lines": duplicates[:LISTED_LINES],
        "skipped": len([1 for _, why in skipped if why not in ("totals row", "note")]),
        "suspicious": [[line, why] for line, why in suspicious[:LISTED_LINES]],
        "suspicious_rows": len(suspicious),
        "uniques_summed": uniques_summed,
        "unmapped_channels": dict(sorted((unmapped_channels or {}).items())),
        "leads_without_source": leads_without_source,
    }


def workspace_quality(imports: list[dict], shared_measures: list[dict] | None = None) -> dict:
    """The workspace's data quality: the quality reports of the imports whose rows it holds now,
    added up, and the measures two or more sources provide (``shared_measures``: each
    ``{"measure", "sources", "in_use"}``, one read, the others kept — DESIGN §2).

    The score is the imports' scores weighted by the rows each read (imports stored before quality
    was kept have no report and are left out); 100 without any report.

    >>> first = file_quality(100, [(3, "no date")], [(5, "negative Cost")], 1, [])
    >>> first["score"], workspace_quality([first, file_quality(300, [], [], 0, [])])["score"]
    (98, 100)
    """
    reports = [q for q in imports if q]
    rows = sum(q.get("rows_read", 0) for q in reports)
    score = 100 if rows <= 0 else round(sum(q["score"] * q.get("rows_read", 0) for q in reports) / rows)
    channels: dict[str, int] = {}
    for report in reports:
        for name, count in report.get("unmapped_channels", {}).items():
            channels[name] = channels.get(name, 0) + int(count)
    return {
        "score": score,
        "imports": len(reports),
        "rows_read": rows,
        "summary_rows": sum(q.get("summary_rows", 0) for q in reports),
        "duplicates": sum(q.get("duplicates", 0) for q in reports),
        "skipped": sum(q.get("skipped", 0) for q in reports),
        "suspicious": sum(q.get("suspicious_rows", len(q.get("suspicious", []))) for q in reports),
        "uniques_summed": sorted({m for q in reports for m in q.get("uniques_summed", [])}),
        "unmapped_channels": dict(sorted(channels.items(), key=lambda item: (-item[1], item[0]))[:LISTED_NAMES]),
        "leads_without_source": sum(q.get("leads_without_source", 0) for q in reports),
        "shared_measures": list(shared_measures or []),
    }
