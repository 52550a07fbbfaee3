"""Typed rows the pages read from a workspace: plain values, never ORM objects (docs/ARCHITECTURE.md
§2). Each reader takes the session of the caller's unit of work; ``workflows`` re-exports them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from db import repository as repo
from db.models import DataSource, ImportBatch, MeasureSource, Observation
from kpi_core.catalog.measures import MEASURE_LIST
from kpi_core.compute.series import select_measure_sources
from kpi_core.ingest.presets import AD_PLATFORMS, PRESETS
from kpi_core.ingest.quality import workspace_quality


@dataclass(frozen=True)
class ActionRow:
    """A logged action: what was done, when, for which goal and KPI, on which channels."""

    day: dt.date
    description: str
    goal_id: int | None
    goal: str  # the goal's title, "" when none
    kpi: str | None
    expected_effect: str
    channels: str | None  # comma-separated, as logged


@dataclass(frozen=True)
class GoalKPIRow:
    """One KPI of a goal, for choosing a target to revise."""

    id: int
    goal: str
    kpi: str
    kind: str
    target: float


@dataclass(frozen=True)
class RevisionRow:
    """A changed target: when, of which goal KPI, from what to what, who changed it and why."""

    changed_at: dt.datetime
    goal: str
    kpi: str
    kind: str
    old_target: float
    new_target: float
    who: str
    why: str


@dataclass(frozen=True)
class ActionLog:
    """What the Adjust page lists: the goals, their KPIs, target revisions and logged actions."""

    goal_titles: dict[int, str]
    goal_kpis: dict[int, GoalKPIRow]
    revisions: list[RevisionRow]
    actions: list[ActionRow]


def action_log(session: Session, workspace_id: int) -> ActionLog:
    """The workspace's goals, goal KPIs, target revisions (newest first) and actions, in one read."""
    goals = repo.list_goals(session, workspace_id)
    titles = {g.id: g.title for g in goals}
    goal_kpis = {
        row.id: GoalKPIRow(row.id, goal.title, row.kpi, row.kind, row.target) for goal in goals for row in goal.kpis
    }
    revisions = [
        RevisionRow(
            rev.changed_at, goal.title, row.kpi, row.kind, rev.old_target, rev.new_target, rev.who or "", rev.why or ""
        )
        for rev, row, goal in repo.list_revisions(session, workspace_id)
    ]
    return ActionLog(titles, goal_kpis, revisions, action_rows(session, workspace_id, titles))


def action_rows(session: Session, workspace_id: int, titles: dict[int, str] | None = None) -> list[ActionRow]:
    """The workspace's logged actions, newest first, with their goals' titles."""
    if titles is None:
        titles = {g.id: g.title for g in repo.list_goals(session, workspace_id)}
    return [
        ActionRow(
            a.date,
            a.description,
            a.goal_id,
            "" if a.goal_id is None else titles.get(a.goal_id, ""),
            a.kpi,
            a.expected_effect or "",
            a.channels,
        )
        for a in repo.list_actions(session, workspace_id)
    ]


@dataclass(frozen=True)
class BatchRow:
    """One import: which source, which file, when, how many observations for which dates, undone when."""

    id: int
    source_id: int
    file_name: str
    created_at: dt.datetime
    written: int
    first: dt.date | None
    last: dt.date | None
    undone_at: dt.datetime | None
    period: bool = False  # its rows are totals over a period, with no day breakdown
    removal: bool = False  # the source's removal (its rows set aside), undone like an import


def import_history(session: Session, workspace_id: int) -> list[BatchRow]:
    """The workspace's imports, newest first; ``period`` marks those that stored totals over periods."""
    return [
        BatchRow(
            b.id,
            b.source_id,
            b.file_name,
            b.created_at,
            b.observations_written,
            b.date_min,
            b.date_max,
            b.undone_at,
            b.spans,
            b.removal,
        )
        for b in repo.list_batches(session, workspace_id)
    ]


def undoable_batches(batches: list[BatchRow]) -> set[int]:
    """The imports that can be undone: each source's newest one that is not undone yet."""
    newest: dict[int, int] = {}
    for batch in batches:  # newest first
        if batch.undone_at is None:
            newest.setdefault(batch.source_id, batch.id)
    return set(newest.values())


@dataclass(frozen=True)
class SourceTotal:
    """One source of a measure: which export, the days its data covers and its total over them."""

    id: int
    name: str
    kind: str  # how it came in: "file", "demo"
    preset: str  # the export's format id, "generic" for a plain table
    preset_title: str | None  # the format's name ("Yandex.Metrica"), None for a plain table
    first: dt.date
    last: dt.date  # the last day with data (a span's last day counts)
    total: float  # the sum of all its values of the measure (whole data, every channel)


@dataclass(frozen=True)
class MeasureSourceRow:
    """A measure that two or more sources provide, and the one it is read from."""

    measure: str
    sources: tuple[SourceTotal, ...]  # by id: the first that provided it comes first
    in_use: int  # the source read (the first read, for ad measures of several platforms added)
    chosen: bool  # whether the one in use was chosen in Settings

    def source(self, source_id: int) -> SourceTotal:
        return next(s for s in self.sources if s.id == source_id)


_MEASURE_ORDER = {m.id: i for i, m in enumerate(MEASURE_LIST)}


def measure_source_rows(session: Session, workspace_id: int) -> list[MeasureSourceRow]:
    """The measures of which some source is not read, in catalog order, each with every source's
    dates and total and the source in use — decided by ``select_measure_sources`` itself on one row
    per measure and source, so this list and every number agree. Different ad platforms' spend is
    added, so it is listed only when one of its sources is left out. One aggregate query."""
    last_day = func.max(func.coalesce(Observation.end_date, Observation.date))
    chosen_for = and_(MeasureSource.workspace_id == workspace_id, MeasureSource.measure == Observation.measure)
    group = (Observation.measure, DataSource.id, DataSource.name, DataSource.kind, DataSource.preset)
    query = (
        select(*group, func.min(Observation.date), last_day, func.sum(Observation.value), MeasureSource.source_id)
        .join(DataSource, DataSource.id == Observation.source_id)
        .outerjoin(MeasureSource, chosen_for)
        .where(Observation.workspace_id == workspace_id)
        .group_by(*group, MeasureSource.source_id)
        .order_by(Observation.measure, DataSource.id)
    )
    sources: dict[str, list[SourceTotal]] = {}
    chosen: dict[str, int | None] = {}
    for measure, sid, name, kind, preset, first, last, total, picked in session.execute(query):
        title = PRESETS[preset].title if preset in PRESETS else None
        sources.setdefault(measure, []).append(SourceTotal(sid, name, kind, preset, title, first, last, float(total)))
        chosen[measure] = picked
    pairs = pd.DataFrame(
        [(m, s.id) for m, options in sources.items() for s in options], columns=["measure", "source_id"]
    ).assign(date=pd.Timestamp(0), channel="all", value=0.0)
    preferred = {m: sid for m, sid in chosen.items() if sid is not None}
    platforms = {s.id: s.preset for options in sources.values() for s in options if s.preset in AD_PLATFORMS}
    read = select_measure_sources(pairs, preferred, platforms).groupby("measure")["source_id"].agg(list).to_dict()
    rows = []
    for measure in sorted(sources, key=lambda m: (_MEASURE_ORDER.get(m, len(_MEASURE_ORDER)), m)):
        options, used = sources[measure], read.get(measure, [])
        if len(options) < 2 or len(used) == len(options):
            continue
        rows.append(MeasureSourceRow(measure, tuple(options), used[0], chosen[measure] in used))
    return rows


def data_quality(session: Session, workspace_id: int, rows: list[MeasureSourceRow] | None = None) -> dict:
    """The workspace's data quality (``kpi_core.ingest.quality.workspace_quality``): the reports of
    the imports whose rows the workspace holds now (an import wholly replaced or undone no longer
    counts) and the measures two sources provide, with the one in use (``rows``, when the caller
    has read them already)."""
    holds_rows = exists().where(Observation.batch_id == ImportBatch.id)  # ix on observations.batch_id
    texts = session.scalars(
        select(ImportBatch.quality_json)
        .where(ImportBatch.workspace_id == workspace_id, ImportBatch.quality_json.is_not(None), holds_rows)
        .order_by(ImportBatch.id)
    )
    shared = [
        {"measure": row.measure, "sources": [s.name for s in row.sources], "in_use": row.source(row.in_use).name}
        for row in (measure_source_rows(session, workspace_id) if rows is None else rows)
    ]
    return workspace_quality([json.loads(text) for text in texts if text], shared)
