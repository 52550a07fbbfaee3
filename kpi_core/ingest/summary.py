"""Summary rows: a file's own totals, which are never data (DESIGN §7).

A row is a total when a label cell says so (``Итого``, ``Всего``, ``Total: Account``,
``Totaal: Search``, «Итого и средние» — any position, any number of them) or when its label is
empty and its additive numbers equal the sum of the other rows of its group (Meta's account
summary row). A row with an empty label whose numbers do not add up is a real row (Direct's
autotargeting). Labelled totals of a part of the file (Google Ads ``Total: Search``) are dropped
for their word alone; the largest labelled total is compared with the rows: when it disagrees by
more than rounding, the rows are kept and both figures are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kpi_core.catalog.registry import MEASURES
from kpi_core.ingest.convert import column_values
from kpi_core.ingest.errors import Note
from kpi_core.ingest.rules import ColumnRule
from kpi_core.ingest.table import Table, cell_text

_TOTAL_WORDS = (
    r"^(итого|всего|итог|промежуточный итог|total|totals|grand total|subtotal|totaal|gesamt|gesamtsumme|summe)"
)
TOTAL_LABEL = re.compile(_TOTAL_WORDS + r"(\s*[:：].*|\s+и\s+средние.*|\s+and\s+averages.*|\s*\(.*\))?$", re.IGNORECASE)
# «Итого по кампании …», «Итого за неделю»: a total of a part — or an ad's headline («Всего за 990 рублей»),
# so such a row is a total only when its numbers prove it (``find_summary_rows``)
PART_TOTAL_LABEL = re.compile(_TOTAL_WORDS + r"\s+(по|за|для|for|of)\s.*$", re.IGNORECASE)


def is_total_label(value: object) -> bool:
    """Whether a label cell names a total (a part's total included: its numbers are checked apart).

    >>> [is_total_label(v) for v in ("Итого и средние", "Total: Search", "Totaal: Account", "Total Sale")]
    [True, True, True, False]
    >>> [is_total_label(v) for v in ("Итого по кампании Бренд", "Итого за неделю", "Итоговая распродажа")]
    [True, True, False]
    """
    text = cell_text(value)
    return bool(TOTAL_LABEL.match(text) or PART_TOTAL_LABEL.match(text))


@dataclass
class Summary:
    """Which rows are totals, and what the file's own total said where it disagrees with its rows."""

    rows: np.ndarray  # bool mask over the rows given: True for a summary row
    unnamed: np.ndarray | None = None  # the summary rows found by their numbers alone (no Total word)
    disagreements: list[tuple[int, float, float]] = field(default_factory=list)  # (column, file's total, rows' sum)
    unique_totals: dict[int, float] = field(default_factory=dict)  # unique-count column → the file's own total


def _subtotal(values: np.ndarray, filled: np.ndarray, row: int, block: np.ndarray) -> bool:
    """Whether the total on position ``row`` is the sum of the rows ``block`` (those just above it,
    since the total before it): a subtotal of part of the file, not a disagreement."""
    own = filled[row]
    return bool(len(block)) and _close(values[row][own], values[block].sum(axis=0)[own], len(block))


def _prove_part_totals(members, labelled, part, values, filled) -> None:
    """Mark as totals (in ``labelled``) the rows of ``members`` whose label names a part's total and
    whose numbers are the sum of the rows just above them or of every row; the others stay data."""
    rows = members[~labelled[members] & ~part[members]]
    everything = values[rows].sum(axis=0)
    for row in members[part[members]]:
        earlier = members[(members < row) & (labelled[members] | part[members])]
        block = rows[(rows < row) & (rows > earlier.max(initial=-1))]
        own = filled[row]
        if _subtotal(values, filled, row, block) or _close(values[row][own], everything[own], len(rows)):
            labelled[row] = True
        else:
            part[row] = False  # a row of data whose name begins like a total («Всего за 990 рублей»)


def _close(a: np.ndarray, b: np.ndarray, rows: int) -> bool:
    """Equal within the rounding of ``rows`` values of two decimals (and 0.05 % of the amount)."""
    tolerance = np.maximum(0.006 * (rows + 1), 0.0005 * np.abs(b))
    return bool((np.abs(a - b) <= tolerance).all())


def find_summary_rows(
    labels: pd.DataFrame,
    numbers: dict[int, pd.Series],
    groups: np.ndarray,
    main_label: int | None,
    empty_rows: bool = True,
) -> Summary:
    """Summary rows among rows with their label cells (``labels``), additive numbers and groups.

    ``numbers`` are the additive columns (counts and money, not unique counts); rows are compared
    within a group (a day, or the whole file for a period report). ``main_label`` is the column
    whose emptiness makes a row a candidate (the campaign, the channel); None: every label empty.
    ``empty_rows=False`` looks at labelled totals only (a daily file's rows by channel).
    """
    n = len(labels)
    mask = np.zeros(n, dtype=bool)
    if n == 0 or not numbers:
        return Summary(mask)
    texts = labels.apply(lambda column: column.map(cell_text))
    # the row's first label says it: a total's word stands first, a headline further right is not one
    first = texts.replace("", np.nan).bfill(axis=1).iloc[:, 0].fillna("")
    labelled = np.array(first.map(lambda s: bool(TOTAL_LABEL.match(s))), dtype=bool)  # a copy we may mark
    part = np.array(first.map(lambda s: bool(PART_TOTAL_LABEL.match(s))), dtype=bool) & ~labelled
    if main_label is not None and main_label in texts.columns:
        empty = (texts[main_label] == "").to_numpy()
    else:
        empty = (texts == "").all(axis=1).to_numpy()
    if not empty_rows:
        empty = np.zeros(n, dtype=bool)
    columns = sorted(numbers)
    values = np.column_stack([numbers[c].to_numpy(dtype="float64") for c in columns])
    filled = ~np.isnan(values)
    values = np.nan_to_num(values)
    unnamed = np.zeros(n, dtype=bool)
    summary = Summary(mask, unnamed=unnamed)
    for group in pd.unique(groups):
        members = np.flatnonzero(groups == group)
        _prove_part_totals(members, labelled, part, values, filled)
        named = members[labelled[members]]
        base = members[~labelled[members]]
        total = values[base].sum(axis=0)
        count = len(base)
        candidates = members[empty[members] & ~labelled[members]]
        if len(named) and len(candidates):  # the file's own total counts its rows without a name: real rows
            largest = named[np.argmax(values[named].sum(axis=1))]
            if _close(values[largest][filled[largest]], total[filled[largest]], count):
                candidates = candidates[:0]
        for row in sorted(candidates, key=lambda r: -values[r].sum()):
            rest = total - values[row]
            own = filled[row]  # the columns the row fills (a row's results of another kind are empty)
            if own.any() and values[row].any() and _close(values[row][own], rest[own], count - 1):
                mask[row] = unnamed[row] = True
                total, count = rest, count - 1
        mask[named] = True
        if len(named):
            largest = named[np.argmax(values[named].sum(axis=1))]
            above = base[(base < largest) & (base > (named[named < largest].max(initial=-1)))]
            if _subtotal(values, filled, largest, above[~mask[above]]):
                continue
            for i in np.flatnonzero(filled[largest]):
                if not _close(values[largest, i : i + 1], total[i : i + 1], count):
                    summary.disagreements.append((int(columns[i]), float(values[largest, i]), float(total[i])))
    return summary


def own_totals(
    kept: pd.DataFrame,
    day: pd.Series,
    ends: pd.Series | None,
    rules: dict[int, ColumnRule],
    labels: list[int],
    main_label: int | None,
    table: Table,
    period_rows: bool,
) -> Summary:
    """The summary rows among a table's kept rows (a mask over them), compared per day and period.

    For a period report every row is a candidate; for a daily file only rows whose channel cell
    names a total (a day's «Итого» between its channels), and only those days are looked at.
    """
    none = Summary(np.zeros(len(kept), dtype=bool))
    if not labels or kept.empty:
        return none
    rows = np.ones(len(kept), dtype=bool)
    if not period_rows:
        column = kept[labels[0]]
        names = column.cat.categories if isinstance(column.dtype, pd.CategoricalDtype) else column.dropna().unique()
        if not any(is_total_label(name) for name in names):
            return none
        named = column.map(is_total_label).fillna(False).to_numpy(dtype=bool)
        rows = day.isin(day[named]).to_numpy()
    part = kept.loc[rows]
    additive = {
        i: column_values(part, i, rule, table.decimal_hint)[0]
        for i, rule in rules.items()
        if rule.how == "sum" and not MEASURES[rule.measure].semi_additive
    }
    key = day[rows].dt.strftime("%Y%m%d")
    if ends is not None:
        key = key + ends[rows].dt.strftime("-%Y%m%d").fillna("")
    found = find_summary_rows(part[labels], additive, key.to_numpy(), main_label, empty_rows=period_rows)
    mask, unnamed = np.zeros(len(kept), dtype=bool), np.zeros(len(kept), dtype=bool)
    mask[np.flatnonzero(rows)] = found.rows
    if found.unnamed is not None:
        unnamed[np.flatnonzero(rows)] = found.unnamed
    found.rows, found.unnamed = mask, unnamed
    if mask.any():
        first = kept.loc[mask].iloc[[0]]
        for i, rule in rules.items():
            if rule.how == "sum" and MEASURES[rule.measure].semi_additive:
                value = column_values(first, i, rule, table.decimal_hint)[0].iloc[0]
                if not np.isnan(value):
                    found.unique_totals[i] = float(value)
    return found


def unique_counts(
    observations: pd.DataFrame,
    rules: dict[int, ColumnRule],
    kept: pd.DataFrame,
    day: pd.Series,
    channel: pd.Series,
    summary: Summary,
    table: Table,
    warnings: list[str],
) -> list[str]:
    """Unique counts (reach, users) that several rows of one day and channel add up, which counts a
    person once per row: taken from the file's own total row when it has one for a single total,
    else kept summed and named (the measures returned, for the quality report)."""
    summed: list[str] = []
    for index, rule in rules.items():
        measure = rule.measure
        if rule.how != "sum" or not MEASURES[measure].semi_additive:
            continue
        filled = kept[index].notna().to_numpy()
        keys = pd.DataFrame({"day": day.to_numpy()[filled], "channel": np.asarray(channel)[filled]})
        if not keys.duplicated().any():
            continue
        rows = (observations["measure"] == measure).to_numpy()
        if index in summary.unique_totals and rows.sum() == 1:
            observations.loc[rows, "value"] = summary.unique_totals[index]
            warnings.append(Note("ingest.note.unique_total", column=table.headers[index]))
            continue
        summed.append(measure)
        warnings.append(Note("ingest.note.uniques_summed", column=table.headers[index]))
    return summed


def undated_totals(
    body: pd.DataFrame,
    dropped: np.ndarray,
    labelled: np.ndarray,
    rules: dict[int, ColumnRule],
    observations: pd.DataFrame,
    table: Table,
) -> tuple[np.ndarray, list[tuple[int, float, float]]]:
    """A daily file's rows without a date that are its own totals, and where the largest disagrees.

    ``dropped`` are the positions of the rows left out for having no date, ``labelled`` whether
    each says Total/Итого. A row without a word is a total when its numbers equal the sum of the
    imported rows (Meta's account row, whose day cell is empty); sums come from ``observations``.
    Returns a mask over ``dropped`` and the (column, file's total, rows' sum) that disagree.
    """
    found = labelled.copy()
    columns = [
        i
        for i, rule in rules.items()
        if rule.how == "sum" and not MEASURES[rule.measure].semi_additive and i in body.columns  # not split results
    ]
    if not len(dropped) or not columns or observations.empty:
        return found, []
    sums = observations.groupby("measure")["value"].sum()
    rows_total = np.array([float(sums.get(rules[i].measure, 0.0)) for i in columns])
    part = body.iloc[dropped]
    values = np.column_stack([column_values(part, i, rules[i], table.decimal_hint)[0].to_numpy() for i in columns])
    filled = ~np.isnan(values)
    count = int(observations["value"].notna().sum())
    for row in np.flatnonzero(~labelled):
        own = filled[row]
        if own.any() and np.nan_to_num(values[row]).any() and _close(values[row][own], rows_total[own], count):
            found[row] = True
    disagreements: list[tuple[int, float, float]] = []
    if labelled.any():
        named = np.flatnonzero(labelled)
        largest = named[np.argmax(np.nan_to_num(values[named]).sum(axis=1))]
        for k in np.flatnonzero(filled[largest]):
            if not _close(values[largest, k : k + 1], rows_total[k : k + 1], count):
                disagreements.append((columns[k], float(values[largest, k]), float(rows_total[k])))
        if disagreements and _dated_subtotal(body, dropped, named, largest, values, rules, columns, table):
            disagreements = []
    return found, disagreements


def _dated_subtotal(body, dropped, named, largest, values, rules, columns, table) -> bool:
    """Whether the undated total ``largest`` (an index into ``dropped``) is the sum of the rows
    between the total before it and itself: a week's «Всего» among the days, not a disagreement."""
    earlier = named[named < largest]
    position = int(dropped[largest])
    if not len(earlier) and len(body) - 1 - position == int((dropped > position).sum()):
        return False  # nothing dated below it: the rows above it are every dated row, already compared
    first = int(dropped[earlier.max()]) + 1 if len(earlier) else 0
    inside = np.arange(first, int(dropped[largest]))
    block = body.iloc[inside[~np.isin(inside, dropped)]]
    if block.empty:
        return False
    sums = np.array([np.nansum(column_values(block, i, rules[i], table.decimal_hint)[0].to_numpy()) for i in columns])
    own = ~np.isnan(values[largest])
    return _close(values[largest][own], sums[own], len(block))
