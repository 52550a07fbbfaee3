"""Repository functions: each takes the session it works in; the caller owns the transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from db.errors import LargeReplacementError, NotFoundError
from db.models import (
    Action,
    CustomKPI,
    DataSource,
    Goal,
    GoalKPI,
    GoalKPIPlan,
    MeasureSource,
    Observation,
    TargetRevision,
    Workspace,
)
from db.observations import (
    ImportResult,
    bump_data_version,
    get_or_create_source,
    list_batches,
    load_observations,
    observation_count,
    store_observations,
    undo_batch,
)
from db.sources import (
    find_source_by_signature,
    preferred_sources,
    source_freshness,
    source_mapping,
    source_of_file,
    source_presets,
)
from kpi_core.goals.spec import GoalKPISpec, GoalSpec

__all__ = [
    "ImportResult",
    "LargeReplacementError",
    "NotFoundError",
    "find_source_by_signature",
    "get_or_create_source",
    "list_batches",
    "load_observations",
    "observation_count",
    "preferred_sources",
    "source_freshness",
    "source_mapping",
    "source_of_file",
    "source_presets",
    "store_observations",
    "undo_batch",
]

WORKSPACE_SETTINGS = (
    "currency",
    "locale",
    "brand_name",
    "brand_color",
    "review_period",
    "margin_pct",
    "vat_pct",
    "spend_includes_vat",
    "alert_change_pct",
)


# --- workspaces ---------------------------------------------------------------------------


def list_workspaces(session: Session) -> list[Workspace]:
    return list(session.scalars(select(Workspace).order_by(Workspace.name)))


def get_workspace(session: Session, workspace_id: int) -> Workspace:
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFoundError(f"workspace {workspace_id} does not exist")
    return workspace


def find_workspace(session: Session, name: str) -> Workspace | None:
    return session.scalar(select(Workspace).where(Workspace.name == name))


def require_workspace(session: Session, name: str) -> Workspace:
    workspace = find_workspace(session, name)
    if workspace is None:
        raise NotFoundError(f"workspace '{name}' does not exist")
    return workspace


def create_workspace(session: Session, name: str, **settings: object) -> Workspace:
    """A new workspace; ``ValueError`` when the name is empty or taken."""
    name = name.strip()
    if not name:
        raise ValueError("Give the workspace a name.")
    if find_workspace(session, name) is not None:
        raise ValueError(f"A workspace named '{name}' already exists; pick another name.")
    workspace = Workspace(
        name=name,
        currency="RUB",
        locale="ru",
        review_period="week",
        spend_includes_vat=False,
        alert_change_pct=20.0,
        is_demo=False,
        data_version=0,
    )
    for key, value in settings.items():
        if key not in WORKSPACE_SETTINGS and key != "is_demo":
            raise ValueError(f"unknown workspace setting '{key}'")
        setattr(workspace, key, value)
    session.add(workspace)
    session.flush()
    return workspace


def get_or_create_workspace(session: Session, name: str) -> Workspace:
    return find_workspace(session, name) or create_workspace(session, name)


def update_workspace(session: Session, workspace_id: int, **settings: object) -> Workspace:
    workspace = get_workspace(session, workspace_id)
    for key, value in settings.items():
        if key not in WORKSPACE_SETTINGS:
            raise ValueError(f"unknown workspace setting '{key}'")
        setattr(workspace, key, value)
    bump_data_version(session, workspace_id)
    return workspace


def delete_workspace(session: Session, workspace_id: int) -> None:
    session.delete(get_workspace(session, workspace_id))


# --- which source provides each measure (DESIGN §2, "one source per measure") ---------------


def choose_measure_source(session: Session, workspace_id: int, measure: str, source_id: int) -> MeasureSource:
    """Read ``measure`` from ``source_id`` from now on (Settings); the other sources stay stored.

    ``ValueError`` when the source is not the workspace's or holds no value of that measure.
    Bumps the data version, so the cached observations (``select_measure_sources``) are read again.
    """
    source = session.get(DataSource, source_id)
    if source is None or source.workspace_id != workspace_id:
        raise ValueError(f"source {source_id} is not in this workspace")
    provides = session.scalar(
        select(Observation.id)
        .where(
            Observation.workspace_id == workspace_id,
            Observation.source_id == source_id,
            Observation.measure == measure,
        )
        .limit(1)
    )
    if provides is None:
        raise ValueError(f"source '{source.name}' has no '{measure}' data")
    row = session.scalar(
        select(MeasureSource).where(MeasureSource.workspace_id == workspace_id, MeasureSource.measure == measure)
    )
    if row is None:  # a concurrent insert loses on the unique key, and ui.state.write runs it again
        row = MeasureSource(workspace_id=workspace_id, measure=measure, source_id=source_id)
        session.add(row)
    else:
        row.source_id = source_id
    session.flush()
    bump_data_version(session, workspace_id)
    return row


def clear_measure_source(session: Session, workspace_id: int, measure: str) -> None:
    """Read ``measure`` from the first source that provided it again (the choice is forgotten)."""
    session.execute(
        delete(MeasureSource).where(MeasureSource.workspace_id == workspace_id, MeasureSource.measure == measure)
    )
    bump_data_version(session, workspace_id)


# --- goals --------------------------------------------------------------------------------


def goals_query(workspace_id: int, include_archived: bool = False):
    query = (
        select(Goal)
        .where(Goal.workspace_id == workspace_id)
        .options(selectinload(Goal.kpis).selectinload(GoalKPI.plan))
        .order_by(Goal.id)
    )
    return query if include_archived else query.where(Goal.archived.is_(False))


def list_goals(session: Session, workspace_id: int, include_archived: bool = False) -> list[Goal]:
    return list(session.scalars(goals_query(workspace_id, include_archived)))


def get_goal(session: Session, goal_id: int) -> Goal:
    goal = session.get(Goal, goal_id)
    if goal is None:
        raise NotFoundError(f"goal {goal_id} does not exist")
    return goal


def _kpi_rows(specs: list[GoalKPISpec]) -> list[GoalKPI]:
    return [
        GoalKPI(
            position=position,
            kpi=spec.kpi,
            kind=spec.kind,
            target=spec.target,
            minimum=spec.minimum,
            stretch=spec.stretch,
            baseline=spec.baseline,
            owner=spec.owner,
            plan=[GoalKPIPlan(month=m, value=v) for m, v in sorted(spec.plan.items())],
        )
        for position, spec in enumerate(specs)
    ]


def add_goal(session: Session, workspace_id: int, spec: GoalSpec) -> Goal:
    goal = Goal(
        workspace_id=workspace_id,
        title=spec.title,
        objective=spec.objective,
        start=spec.start,
        deadline=spec.deadline,
        owner=spec.owner,
        archived=False,
        kpis=_kpi_rows(spec.kpis),
    )
    session.add(goal)
    session.flush()
    return goal


def update_goal(session: Session, goal_id: int, spec: GoalSpec, who: str | None = None, why: str | None = None) -> Goal:
    """Change a goal's fields and KPIs in place, so each KPI keeps its row and its target history.

    A KPI that stays is updated where it is; a new one is added, a dropped one removed. A changed
    target needs ``who`` and ``why`` (ValueError otherwise) and is kept as a revision.
    """
    goal = get_goal(session, goal_id)
    rows = {row.kpi: row for row in goal.kpis}
    changed = [k for k in spec.kpis if k.kpi in rows and rows[k.kpi].target != float(k.target)]
    if changed and (not (who or "").strip() or not (why or "").strip()):
        raise ValueError("Say who changes the target and why.")
    goal.title, goal.objective, goal.owner = spec.title, spec.objective, spec.owner
    goal.start, goal.deadline = spec.start, spec.deadline
    wanted = {k.kpi for k in spec.kpis}
    for kpi_id, dropped in rows.items():
        if kpi_id not in wanted:
            goal.kpis.remove(dropped)
    session.flush()
    for position, (kpi_spec, fresh) in enumerate(zip(spec.kpis, _kpi_rows(spec.kpis), strict=True)):
        row = rows.get(kpi_spec.kpi)
        if row is None:
            fresh.position = position
            goal.kpis.append(fresh)
            continue
        old_target = row.target
        row.position, row.kind, row.target = position, fresh.kind, fresh.target
        row.minimum, row.stretch, row.baseline, row.owner = fresh.minimum, fresh.stretch, fresh.baseline, fresh.owner
        if {(p.month, p.value) for p in row.plan} != {(p.month, p.value) for p in fresh.plan}:
            row.plan.clear()
            session.flush()
            row.plan.extend(GoalKPIPlan(month=p.month, value=p.value) for p in fresh.plan)
        if old_target != row.target:
            session.add(
                TargetRevision(
                    goal_kpi_id=row.id,
                    who=(who or "").strip(),
                    why=(why or "").strip(),
                    old_target=old_target,
                    new_target=row.target,
                )
            )
    session.flush()
    goal.kpis.sort(key=lambda row: row.position)
    return goal


def set_goal_archived(session: Session, goal_id: int, archived: bool) -> Goal:
    """Archive a goal (kept, but off the pages) or bring it back."""
    goal = get_goal(session, goal_id)
    goal.archived = archived
    return goal


def duplicate_goal(session: Session, goal_id: int, title: str) -> Goal:
    """A copy of a goal with its KPIs, targets and plans under a new title."""
    original = get_goal(session, goal_id)
    spec = goal_spec(original)
    spec.title = title
    return add_goal(session, original.workspace_id, spec)


def delete_goal(session: Session, goal_id: int) -> None:
    session.delete(get_goal(session, goal_id))


def goal_spec(goal: Goal) -> GoalSpec:
    """The plain-data goal (for kpi_core) from a stored goal."""
    return GoalSpec(
        title=goal.title,
        objective=goal.objective,
        start=goal.start,
        deadline=goal.deadline,
        owner=goal.owner,
        kpis=[
            GoalKPISpec(
                kpi=k.kpi,
                kind=k.kind,
                target=k.target,
                minimum=k.minimum,
                stretch=k.stretch,
                baseline=k.baseline,
                owner=k.owner,
                plan={p.month: p.value for p in k.plan},
            )
            for k in goal.kpis
        ],
    )


# --- custom KPIs ---------------------------------------------------------------------------


def list_custom_kpis(session: Session, workspace_id: int) -> list[CustomKPI]:
    return list(session.scalars(select(CustomKPI).where(CustomKPI.workspace_id == workspace_id).order_by(CustomKPI.id)))


def add_custom_kpi(
    session: Session, workspace_id: int, key: str, name: str, formula: str, unit: str, good: str
) -> CustomKPI:
    """Store a workspace's own KPI (validate it with kpi_core first); a taken key is a ValueError."""
    if session.scalar(select(CustomKPI).where(CustomKPI.workspace_id == workspace_id, CustomKPI.key == key)):
        raise ValueError(f"A KPI named '{name}' already exists.")
    row = CustomKPI(workspace_id=workspace_id, key=key, name=name, formula=formula, unit=unit, good=good)
    session.add(row)
    bump_data_version(session, workspace_id)
    session.flush()
    return row


# --- actions ------------------------------------------------------------------------------


def add_action(
    session: Session,
    workspace_id: int,
    day: dt.date,
    description: str,
    goal_id: int | None = None,
    kpi: str | None = None,
    expected_effect: str | None = None,
    channels: list[str] | None = None,
) -> Action:
    if not description.strip():
        raise ValueError("Describe what was changed.")
    action = Action(
        workspace_id=workspace_id,
        date=day,
        description=description.strip(),
        goal_id=goal_id,
        kpi=kpi,
        expected_effect=(expected_effect or "").strip() or None,
        channels=",".join(channels) if channels else None,
    )
    session.add(action)
    session.flush()
    return action


def list_actions(session: Session, workspace_id: int) -> list[Action]:
    return list(
        session.scalars(
            select(Action).where(Action.workspace_id == workspace_id).order_by(Action.date.desc(), Action.id.desc())
        )
    )


# --- target revisions ---------------------------------------------------------------------


def revise_target(session: Session, goal_kpi_id: int, new_target: float, who: str, why: str) -> TargetRevision:
    """Change one goal KPI's target and keep the revision (who, when, why)."""
    row = session.get(GoalKPI, goal_kpi_id)
    if row is None:
        raise NotFoundError("That goal KPI no longer exists.")
    if not who.strip() or not why.strip():
        raise ValueError("Say who changes the target and why.")
    revision = TargetRevision(
        goal_kpi_id=row.id, who=who.strip(), why=why.strip(), old_target=row.target, new_target=float(new_target)
    )
    row.target = float(new_target)
    session.add(revision)
    session.flush()
    return revision


def list_revisions(session: Session, workspace_id: int) -> list[tuple[TargetRevision, GoalKPI, Goal]]:
    """Every target revision of the workspace's goals, newest first."""
    query = (
        select(TargetRevision, GoalKPI, Goal)
        .join(GoalKPI, TargetRevision.goal_kpi_id == GoalKPI.id)
        .join(Goal, GoalKPI.goal_id == Goal.id)
        .where(Goal.workspace_id == workspace_id)
        .order_by(TargetRevision.changed_at.desc(), TargetRevision.id.desc())
    )
    return [(revision, goal_kpi, goal) for revision, goal_kpi, goal in session.execute(query)]
