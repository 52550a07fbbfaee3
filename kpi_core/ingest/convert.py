"""Parsed columns → additive daily totals in long form, and the validation report's rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kpi_core.i18n.formatting import Count
from kpi_core.ingest.errors import IngestError, Note
from kpi_core.ingest.rules import ColumnRule
from kpi_core.ingest.table import cell_text
from kpi_core.ingest.values import parse_duration_column, parse_number_column, rate_to_fraction

TOTALS_WORDS = ("итого", "всего", "total", "totals", "totaal", "gesamt", "сумма")
OBS_COLUMNS = ["date", "measure", "channel", "value"]


def grain_of(dates: pd.Series, implied: str) -> str:
    unique = pd.Series(dates.dropna().unique()).sort_values()
    if implied in ("week", "month"):
        return implied
    if len(unique) < 2:
        return "day"
    if (unique.dt.day == 1).all() and unique.diff().dropna().dt.days.between(28, 31).all():
        return "month"
    if (unique.dt.day_of_week == 0).all() and (unique.diff().dropna().dt.days % 7 == 0).all():
        return "week"
    return "day"


def skipped_rows(body: pd.DataFrame, keep: np.ndarray, line_numbers: np.ndarray) -> list[tuple[int, str]]:
    """Rows left out for having no readable date, with their line numbers and why: a totals row, a
    note (one cell of text and no figures, as people write under a table), or no date.

    Wholly empty rows are not listed.
    """
    dropped = body.loc[~keep]
    filled = dropped.notna().to_numpy()
    dropped, filled = dropped[filled.any(axis=1)], filled[filled.any(axis=1)]
    if dropped.empty:
        return []
    first = dropped.bfill(axis=1).iloc[:, 0].map(cell_text)
    totals = first.str.lower().str.startswith(TOTALS_WORDS).to_numpy()
    notes = (filled.sum(axis=1) == 1) & ~first.str.fullmatch(r"[-+\d\s.,%]+").to_numpy(dtype=bool)
    position = pd.Series(np.arange(len(body)), index=body.index)
    lines = line_numbers[position[dropped.index].to_numpy()]
    reasons = np.where(totals, "totals row", np.where(notes, "note", "no date"))
    return [(int(line), str(why)) for line, why in zip(lines, reasons, strict=True)]


def column_values(
    body: pd.DataFrame, index: int, rule: ColumnRule, hint: str
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Numbers of one column per its rule (durations in seconds, rates as fractions), its bad cells,
    and its numbers too large to be real (infinite or beyond ±1e15)."""
    raw = body[index]
    if rule.how == "duration":
        values = parse_duration_column(raw)
        bad = values.isna() & raw.notna() & (raw.astype(str).str.strip() != "")
        return values, bad, pd.Series(False, index=raw.index)
    parsed = parse_number_column(raw, hint)
    if rule.how == "rate":
        return rate_to_fraction(parsed), parsed.bad, parsed.too_large
    return parsed.values, parsed.bad, parsed.too_large


def to_long(kept, day, channel, rules, confidence, table, warnings, ends=None):
    """Every mapped column as additive totals (rates and averages times their weight), in long form.

    Returns the observations, the rules actually used, each used column's parsed values, and the
    rows left out for a number too large to be real (a mask over ``kept``; the values returned
    are those of the other rows). ``ends`` (NaT for a daily row) makes a row a period's total
    from its day to its end: such rows come out with an ``end`` column.
    """
    read = {index: column_values(kept, index, rule, table.decimal_hint) for index, rule in rules.items()}
    too_large = np.zeros(len(kept), dtype=bool)
    for _values, _bad, large in read.values():
        too_large |= large.to_numpy()
    if too_large.any():
        read = {i: (v[~too_large], b[~too_large], t[~too_large]) for i, (v, b, t) in read.items()}
        kept, day, channel = kept[~too_large], day[~too_large], channel[~too_large]
        ends = ends[~too_large] if ends is not None else None
    sums: dict[str, pd.Series] = {}
    used: dict[int, ColumnRule] = {}
    parsed: dict[int, pd.Series] = {}
    pending = []
    for index, rule in rules.items():
        values, bad, _ = read[index]
        parsed[index] = values
        if bad.any():
            filled = kept[index].notna() & (kept[index].astype(str).str.strip() != "")
            if bad[filled].mean() > 0.5:
                if confidence.get(table.headers[index], 1.0) < 1.0:  # a guessed name: drop the guess
                    warnings.append(Note("ingest.note.text_column", column=table.headers[index], measure=rule.measure))
                    continue
                raise IngestError("ingest.text_in_numbers", column=table.headers[index])
            warnings.append(Note("ingest.note.not_numbers", cells=Count(int(bad.sum())), column=table.headers[index]))
        if rule.how == "sum":
            if rule.measure in sums:
                warnings.append(Note("ingest.note.repeats_measure", column=table.headers[index], measure=rule.measure))
                continue
            sums[rule.measure] = values
            used[index] = rule
        else:
            pending.append((index, rule, values))
    derived: dict[str, pd.Series] = {}
    for index, rule, values in pending:
        weight = sums.get(rule.weight) if rule.weight in sums else derived.get(rule.weight)
        if weight is None:
            warnings.append(Note("ingest.note.needs_weight", column=table.headers[index], weight=rule.weight))
            continue
        if rule.measure in sums or rule.measure in derived:
            continue
        derived[rule.measure] = values * weight
        used[index] = rule
    totals = {**sums, **derived}
    if not totals:
        return pd.DataFrame(columns=OBS_COLUMNS), used, parsed, too_large
    return sum_with_spans(day, ends, channel, totals), used, {i: parsed[i] for i in used}, too_large


def sum_with_spans(day: pd.Series, ends: pd.Series | None, channel: pd.Series, totals: dict[str, pd.Series]):
    """``sum_by_day_and_channel``, kept apart per period end for rows that are a period's totals."""
    if ends is None or not ends.notna().any():
        return sum_by_day_and_channel(day, channel, totals)
    frames = []
    for end in pd.unique(ends.to_numpy()):
        rows = (ends.isna() if pd.isna(end) else ends == end).to_numpy()
        part = sum_by_day_and_channel(day[rows], channel[rows], {m: v[rows] for m, v in totals.items()})
        frames.append(part.assign(end=pd.Timestamp(end) if not pd.isna(end) else pd.NaT))
    long = pd.concat(frames, ignore_index=True)
    long["end"] = pd.to_datetime(long["end"])
    return long.sort_values(["date", "end", "measure", "channel"], kind="stable").reset_index(drop=True)


def sum_by_day_and_channel(day: pd.Series, channel: pd.Series, totals: dict[str, pd.Series]) -> pd.DataFrame:
    """Long observations: each measure summed per (date, channel); cells without a value are left out.

    Works on integer codes with ``numpy.bincount``, so a million rows cost milliseconds.
    """
    day_numbers = day.to_numpy(dtype="datetime64[ns]").view(np.int64) // 86_400_000_000_000
    first = int(day_numbers.min()) if len(day_numbers) else 0
    day_codes = day_numbers - first
    days = (np.arange(int(day_codes.max()) + 1 if len(day_codes) else 0) + first).astype("datetime64[D]")
    days = days.astype("datetime64[ns]")
    if isinstance(channel.dtype, pd.CategoricalDtype):
        channel_codes, channels = channel.cat.codes.to_numpy(), channel.cat.categories
    else:
        channel_codes, channels = pd.factorize(channel, sort=True)
    keys = day_codes * len(channels) + channel_codes.astype(np.int64)
    size = len(days) * len(channels)
    frames = []
    every_row = np.bincount(keys, minlength=size)
    for measure in sorted(totals):
        values = totals[measure].to_numpy(dtype="float64")
        present = ~np.isnan(values)
        if present.all():
            counts = every_row
            sums = np.bincount(keys, weights=values, minlength=size)
        else:
            counts = np.bincount(keys[present], minlength=size)
            sums = np.bincount(keys[present], weights=values[present], minlength=size)
        cells = np.flatnonzero(counts)
        frames.append(
            pd.DataFrame(
                {
                    "date": np.asarray(days)[cells // len(channels)],
                    "measure": measure,
                    "channel": np.asarray(channels, dtype=object)[cells % len(channels)],
                    "value": sums[cells],
                }
            )
        )
    long = pd.concat(frames, ignore_index=True)
    return long.sort_values(["date", "measure", "channel"], kind="stable").reset_index(drop=True)


def suspicious_rows(day, rules, column_values, table, today, warnings) -> list[tuple[int, str]]:
    """Rows a person should look at: negative counts or money, shares above 100 %, dates after ``today``
    (not checked when the caller gives no day)."""
    found: list[tuple[int, str]] = []
    position = pd.Series(np.arange(len(table.body)), index=table.body.index)
    for index, rule in rules.items():
        values = column_values[index]
        for label in values.index[(values < 0).to_numpy()]:
            found.append((int(table.line_numbers[position[label]]), f"negative {table.headers[index]}"))
        if rule.how == "rate" and (values > 1.0).any():
            warnings.append(Note("ingest.note.share_above_100", column=table.headers[index]))
    negative = sum(1 for _, reason in found if reason.startswith("negative"))
    if negative:
        warnings.append(Note("ingest.note.negative", rows=Count(negative)))
    future = day > pd.Timestamp(today) if today is not None else pd.Series(False, index=day.index)
    if future.any():
        warnings.append(Note("ingest.note.future", rows=Count(int(future.sum()))))
        for label in day.index[future.to_numpy()][:50]:
            found.append((int(table.line_numbers[position[label]]), "date in the future"))
    return sorted(found)
