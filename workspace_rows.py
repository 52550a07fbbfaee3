"""Typed rows the pages read from a workspace: plain values, never ORM objects (docs/ARCHITECTURE.md
§2). Each reader takes the session of the caller's unit of work; ``workflows`` re-exports them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db import repository as repo


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


def import_history(session: Session, workspace_id: int) -> list[BatchRow]:
    """The workspace's imports, newest first."""
    return [
        BatchRow(
            b.id, b.source_id, b.file_name, b.created_at, b.observations_written, b.date_min, b.date_max, b.undone_at
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
