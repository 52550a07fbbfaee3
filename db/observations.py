"""Repository functions for sources, observations and imports; each takes the caller's session."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, String, and_, cast, delete, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session

from db.errors import LargeReplacementError, NotFoundError
from db.models import (
    Base,
    DataSource,
    ImportBatch,
    Observation,
    ReplacedObservation,
    Workspace,
    utc_now,
)

# The widest gap between two of a file's dates that still counts as one covered range, per grain:
# a month of days, five weeks of weekly rows, two months of monthly rows (one missing month).
RUN_GAP_DAYS = {"day": 31, "week": 35, "month": 62}
RUNS_PER_STATEMENT = 100  # date ranges OR-ed into one statement, well under every driver's parameter limit
LARGE_REPLACEMENT = 2  # a re-import may replace at most this many times the values it brings unasked
REPLACED_COLUMNS = ["batch_id", "original_batch_id", "workspace_id", "source_id", "date", "end_date"]
REPLACED_COLUMNS += ["measure", "channel", "value"]


def covered_runs(
    dates: Sequence[dt.date], grain: str = "day", ends: Sequence[dt.date | None] | None = None
) -> list[tuple[dt.date, dt.date]]:
    """The contiguous ranges a file covers: its distinct dates, split where a gap exceeds the grain's.

    A gap wider than ``RUN_GAP_DAYS`` (a month for daily and other files) starts a new range, so
    the stored rows in between stay. With ``ends`` (a span's last day, None for a daily row) a row
    covers its whole span: a period file covers its first date through its last end.

    >>> covered_runs([dt.date(2024, 1, 1), dt.date(2024, 1, 31), dt.date(2024, 3, 3)])
    [(datetime.date(2024, 1, 1), datetime.date(2024, 1, 31)), (datetime.date(2024, 3, 3), datetime.date(2024, 3, 3))]
    >>> covered_runs([dt.date(2025, 12, 4)], "span", [dt.date(2025, 12, 31)])
    [(datetime.date(2025, 12, 4), datetime.date(2025, 12, 31))]
    """
    gap = RUN_GAP_DAYS.get(grain, RUN_GAP_DAYS["day"])
    spans = set(zip(dates, ends, strict=True)) if ends is not None else {(day, None) for day in dates}
    runs: list[tuple[dt.date, dt.date]] = []
    for day, end in sorted(spans, key=lambda span: (span[0], span[1] or span[0])):
        last = max(day, end or day)
        if runs and (day - runs[-1][1]).days <= gap:
            runs[-1] = (runs[-1][0], max(runs[-1][1], last))
        else:
            runs.append((day, last))
    return runs


def _in_runs(runs: list[tuple[dt.date, dt.date]], spans: bool = False) -> list[ColumnElement[bool]]:
    """One condition per statement: the rows dated inside any of its share of the ranges.

    With ``spans`` (the source holds span rows) also the spans that begin before a range (after the
    one before it) and reach into it: a stored row overlapping a covered range is replaced, so an
    old span and the new rows never count the same days twice.
    """
    conditions = [
        or_(*(Observation.date.between(first, last) for first, last in runs[i : i + RUNS_PER_STATEMENT]))
        for i in range(0, len(runs), RUNS_PER_STATEMENT)
    ]
    if spans:
        after = [Observation.date.is_not(None)] + [Observation.date > last for _, last in runs[:-1]]
        reaching = [
            and_(Observation.end_date >= first, Observation.date < first, after[k]) for k, (first, _) in enumerate(runs)
        ]
        conditions += [or_(*reaching[i : i + RUNS_PER_STATEMENT]) for i in range(0, len(runs), RUNS_PER_STATEMENT)]
    return conditions


def _span_ends(observations: pd.DataFrame, dates: pd.Series) -> list[dt.date | None] | None:
    """Each row's last day when it is a span (``end`` after ``date``), None for a daily row; None
    for the whole file when no row is a span (a daily file, with or without an ``end`` column)."""
    if "end" not in observations.columns or observations.empty:
        return None
    ends = [None if pd.isna(end) else end for end in pd.to_datetime(observations["end"]).dt.date]
    if any(end is not None and end < day for day, end in zip(dates, ends, strict=True)):
        raise ValueError("an observation's span ends before it begins")
    spans = [end if end is not None and end > day else None for day, end in zip(dates, ends, strict=True)]
    return spans if any(spans) else None


def _has_stored_spans(session: Session, workspace_id: int, source_id: int | None) -> bool:
    """Whether the source holds any span row (an index lookup: ix_observations_workspace_source_end)."""
    where = (Observation.workspace_id == workspace_id, Observation.source_id == source_id)
    found = source_id is not None and session.scalar(
        select(Observation.id).where(*where, Observation.end_date.is_not(None)).limit(1)
    )
    return found is not None and found is not False


@dataclass
class ImportResult:
    """What an import did."""

    batch_id: int
    source: str
    rows_read: int
    rows_skipped: int
    observations_written: int
    observations_replaced: int
    date_min: dt.date | None
    date_max: dt.date | None

    def as_dict(self) -> dict:
        return {
            "batch_id": self.batch_id,
            "source": self.source,
            "rows_read": self.rows_read,
            "rows_skipped": self.rows_skipped,
            "observations_written": self.observations_written,
            "observations_replaced": self.observations_replaced,
            "date_min": self.date_min.isoformat() if self.date_min else None,
            "date_max": self.date_max.isoformat() if self.date_max else None,
        }


def set_aside(session: Session, batch_id: int, *where) -> int:
    """Move the observations ``where`` selects out of the workspace, kept under ``batch_id`` so that
    undoing that batch puts them back; returns how many moved."""
    session.execute(
        insert(ReplacedObservation).from_select(
            REPLACED_COLUMNS,
            select(
                literal(batch_id),
                Observation.batch_id,
                Observation.workspace_id,
                Observation.source_id,
                Observation.date,
                Observation.end_date,
                Observation.measure,
                Observation.channel,
                Observation.value,
            ).where(*where),
        )
    )
    # a DML statement gives a CursorResult, but Session.execute is typed to return a plain Result
    return session.execute(delete(Observation).where(*where)).rowcount  # type: ignore[attr-defined]


def bump_data_version(session: Session, workspace_id: int) -> None:
    """Mark the workspace's data as changed: every cache keyed by its data version reads it again.

    One atomic ``UPDATE … SET data_version = data_version + 1``, so two writers never lose a bump.
    """
    session.execute(
        update(Workspace).where(Workspace.id == workspace_id).values(data_version=Workspace.data_version + 1)
    )


def get_or_create_source(
    session: Session,
    workspace_id: int,
    name: str,
    kind: str = "file",
    preset: str = "generic",
    grain: str = "day",
    mapping: dict[str, str] | None = None,
) -> DataSource:
    source = session.scalar(select(DataSource).where(DataSource.workspace_id == workspace_id, DataSource.name == name))
    if source is None:
        source = DataSource(workspace_id=workspace_id, name=name, kind=kind, preset=preset, grain=grain)
        session.add(source)
    if mapping is not None:
        source.mapping_json = json.dumps(mapping, ensure_ascii=False, sort_keys=True)
    session.flush()
    return source


def store_observations(
    session: Session,
    workspace_id: int,
    source_name: str,
    observations: pd.DataFrame,
    *,
    file_name: str,
    file_hash: str,
    rows_read: int,
    rows_skipped: int = 0,
    kind: str = "file",
    preset: str = "generic",
    grain: str = "day",
    signature: str | None = None,
    mapping: dict[str, str] | None = None,
    replace: bool = False,
    quality: dict | None = None,
) -> ImportResult:
    """Store long observations for one source, replacing that source's rows for the file's dates.

    Rows of the same source and measures inside the ranges the file covers are replaced
    (``covered_runs`` at the file's ``grain``); the source's rows in a gap between them stay.
    Period data: an optional ``end`` column (a span's last day; NaT, or equal to ``date``, for a
    daily row) is stored as ``end_date``; a span covers its whole range, and a stored span that
    overlaps a covered range is replaced with it.
    ``quality`` (the import's quality report) is kept with the import for the workspace's summary.
    Re-importing the same file therefore never double counts. When the replaced rows would be more
    than twice the rows the file brings, ``LargeReplacementError`` is raised before anything
    changed, unless ``replace`` is true. Runs inside the caller's transaction: if anything fails,
    nothing of the import remains.
    """
    dates = pd.to_datetime(observations["date"]).dt.date if not observations.empty else pd.Series(dtype=object)
    ends = _span_ends(observations, dates)
    measures = sorted(observations["measure"].unique()) if not observations.empty else []
    existing = session.scalar(
        select(DataSource.id).where(DataSource.workspace_id == workspace_id, DataSource.name == source_name)
    )
    runs = covered_runs(dates, grain, ends)
    conditions = _in_runs(runs, spans=bool(runs) and _has_stored_spans(session, workspace_id, existing))
    if existing is not None and conditions and not replace:
        removes = sum(
            session.scalar(
                select(func.count())
                .select_from(Observation)
                .where(
                    Observation.workspace_id == workspace_id,
                    Observation.source_id == existing,
                    Observation.measure.in_(measures),
                    condition,
                )
            )
            or 0
            for condition in conditions
        )
        if removes > LARGE_REPLACEMENT * len(observations):
            raise LargeReplacementError(removes, len(observations))
    source = get_or_create_source(session, workspace_id, source_name, kind, preset, grain, mapping=mapping)
    source.preset, source.grain = preset, grain
    if signature:
        source.signature = signature
    batch = ImportBatch(
        workspace_id=workspace_id,
        source_id=source.id,
        file_name=file_name[:255],
        file_hash=file_hash,
        rows_read=rows_read,
        rows_skipped=rows_skipped,
        quality_json=json.dumps(quality, ensure_ascii=False) if quality else None,
        spans=ends is not None,
    )
    session.add(batch)
    session.flush()
    replaced = 0
    date_min = date_max = None
    if not observations.empty:
        date_min, date_max = dates.min(), runs[-1][1]  # the last day a row covers, a span's end too
        for condition in conditions if existing is not None else []:  # a new source replaces nothing
            replaced_rows = (
                Observation.workspace_id == workspace_id,
                Observation.source_id == source.id,
                Observation.measure.in_(measures),
                condition,
            )
            replaced += set_aside(session, batch.id, *replaced_rows)
        count = len(observations)
        columns = {
            "workspace_id": [workspace_id] * count,
            "source_id": [source.id] * count,
            "batch_id": [batch.id] * count,
            "date": dates.tolist(),
            "measure": observations["measure"].tolist(),
            "channel": observations["channel"].tolist(),
            "value": observations["value"].astype(float).tolist(),
        }
        if ends is not None:  # a daily file leaves end_date NULL without carrying it
            columns["end_date"] = ends
        insert_columns(session, Observation.__tablename__, columns)
    batch.observations_written = len(observations)
    batch.observations_replaced = replaced
    batch.date_min, batch.date_max = date_min, date_max
    bump_data_version(session, workspace_id)
    return ImportResult(batch.id, source_name, rows_read, rows_skipped, len(observations), replaced, date_min, date_max)


def insert_columns(session: Session, table_name: str, columns: dict[str, list]) -> None:
    """Rows given column by column, inserted in one executemany on the driver's cursor.

    SQLAlchemy's executemany turns every row into parameters one by one, which costs more than the
    database's own work for a large import; here each column's values go through their type's
    conversion once per distinct value (dates become text for SQLite) and the rows go to the driver
    as they are, in the statement SQLAlchemy compiled for its dialect.
    """
    connection = session.connection()
    table = Base.metadata.tables[table_name]
    compiled = insert(table).compile(dialect=connection.dialect, column_keys=list(columns))
    values = {}
    for name, column in columns.items():
        convert = table.c[name].type.bind_processor(connection.dialect)
        if convert is None:
            values[name] = column
        else:
            converted: dict[Any, Any] = {}
            values[name] = [converted[v] if v in converted else converted.setdefault(v, convert(v)) for v in column]
    if compiled.positional:
        order = [values[name] for name in compiled.positiontup or []]
        rows: list[Any] = list(zip(*order, strict=True))
    else:
        rows = [dict(zip(values, row, strict=True)) for row in zip(*values.values(), strict=True)]
    if rows:
        connection.exec_driver_sql(str(compiled), rows)


def load_observations(
    session: Session,
    workspace_id: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """A workspace's stored observations (date, measure, channel, value, source_id), every source.

    Period data: when any row read is a span, the frame also has an ``end`` column (datetime64,
    the span's last day; NaT for daily rows); a workspace of daily data gets no ``end`` column.
    ``start``/``end`` keep the daily rows dated between them and the spans lying whole inside.

    Dates travel as ISO text and are parsed in one vectorised step, and rows are turned into
    columns at once: per-row conversion would cost more than the query on large workspaces.
    """
    query = select(
        cast(Observation.date, String),
        Observation.measure,
        Observation.channel,
        Observation.value,
        Observation.source_id,
        cast(Observation.end_date, String),
    ).where(Observation.workspace_id == workspace_id)
    if start is not None:
        query = query.where(Observation.date >= start)
    if end is not None:
        query = query.where(Observation.date <= end, or_(Observation.end_date.is_(None), Observation.end_date <= end))
    rows = session.execute(query).all()
    names = ["date", "measure", "channel", "value", "source_id", "end"]
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [[] for _ in names]
    frame = pd.DataFrame(
        {
            "date": _iso_dates(columns[0]),
            "measure": pd.Series(columns[1], dtype=object),
            "channel": pd.Series(columns[2], dtype=object),
            "value": pd.Series(columns[3], dtype="float64"),
            "source_id": pd.Series(columns[4], dtype="int64"),
        }
    )
    ends = pd.Series(columns[5], dtype=object)
    if ends.notna().any():
        frame.insert(1, "end", _iso_dates(ends))
    return frame


def _iso_dates(texts: Sequence[Any]) -> pd.Series:
    """ISO date texts (NULL allowed) as datetime64[ns], in one vectorised step."""
    return pd.to_datetime(pd.Series(texts, dtype=object).str.slice(0, 10), format="%Y-%m-%d").astype("datetime64[ns]")


def observation_count(session: Session, workspace_id: int) -> int:
    count = session.scalar(
        select(func.count()).select_from(Observation).where(Observation.workspace_id == workspace_id)
    )
    assert count is not None  # an aggregate without GROUP BY always returns one row
    return count


def undo_batch(session: Session, batch_id: int) -> ImportBatch:
    """Take an import back: its rows go, the rows it replaced return.

    Only the newest import of a source can be undone (an older one may have been replaced since).
    """
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.undone_at is not None:
        raise NotFoundError(f"import {batch_id} does not exist or was undone already")
    newer = session.scalar(
        select(func.count())
        .select_from(ImportBatch)
        .where(ImportBatch.source_id == batch.source_id, ImportBatch.id > batch.id, ImportBatch.undone_at.is_(None))
    )
    if newer:
        raise ValueError("Undo the newer import of this source first.")
    session.execute(delete(Observation).where(Observation.batch_id == batch.id))
    session.execute(
        insert(Observation).from_select(
            ["workspace_id", "source_id", "batch_id", "date", "end_date", "measure", "channel", "value"],
            select(
                ReplacedObservation.workspace_id,
                ReplacedObservation.source_id,
                ReplacedObservation.original_batch_id,
                ReplacedObservation.date,
                ReplacedObservation.end_date,
                ReplacedObservation.measure,
                ReplacedObservation.channel,
                ReplacedObservation.value,
            ).where(ReplacedObservation.batch_id == batch.id),
        )
    )
    session.execute(delete(ReplacedObservation).where(ReplacedObservation.batch_id == batch.id))
    batch.undone_at = utc_now()
    bump_data_version(session, batch.workspace_id)
    return batch


def list_batches(session: Session, workspace_id: int) -> list[ImportBatch]:
    return list(
        session.scalars(
            select(ImportBatch).where(ImportBatch.workspace_id == workspace_id).order_by(ImportBatch.id.desc())
        )
    )
