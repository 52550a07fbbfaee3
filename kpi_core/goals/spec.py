"""Goals and their KPIs as plain data, and the goal file format (docs/ARCHITECTURE.md, R-goals).

A goal file is a JSON list of goals::

    [{"title": "Grow online sales", "objective": "sales", "start": "2026-01-01",
      "deadline": "2026-03-31", "owner": "marketing lead",
      "kpis": [{"kpi": "new_customers", "kind": "total", "target": 100}]}]
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from kpi_core.catalog.registry import OBJECTIVES, all_kpis

KINDS = ("total", "level", "change")
BASELINES = ("previous", "last_year")
MIN_KPIS, MAX_KPIS = 3, 5
TITLE_MAX, OWNER_MAX = 200, 120  # the lengths the database keeps
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2200, 12, 31)  # the dates the app computes with


class GoalError(ValueError):
    """A goal or goal file that cannot be used; the message says what to fix."""


@dataclass
class GoalKPISpec:
    """One KPI of a goal with its target."""

    kpi: str
    kind: str
    target: float
    minimum: float | None = None
    stretch: float | None = None
    baseline: str = "previous"
    owner: str | None = None
    plan: dict[str, float] = field(default_factory=dict)


@dataclass
class GoalSpec:
    """A goal: what, by when, who, and its 3–5 KPIs."""

    title: str
    objective: str
    start: dt.date
    deadline: dt.date
    owner: str | None = None
    kpis: list[GoalKPISpec] = field(default_factory=list)


def _number(value: object, what: str) -> float:
    try:
        number = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else math.nan
    except OverflowError:  # an integer like 10**400
        number = math.nan
    if not math.isfinite(number) or abs(number) > 1e15:
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise GoalError(f"{what} must be a number no larger than 10^15, not {shown}.")
    return number


def _text(value: object, what: str, limit: int) -> str | None:
    """An optional short text field (a title, an owner): a string of at most ``limit`` characters."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise GoalError(f"{what} must be text, not {type(value).__name__}.")
    if len(value.strip()) > limit:
        raise GoalError(f"{what} is longer than {limit} characters; shorten it.")
    return value.strip() or None


def _optional_number(value: object, what: str) -> float | None:
    return None if value is None else _number(value, what)


def _date(value: object, what: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(str(value)[:40])
    except ValueError:
        raise GoalError(f"{what} must be a date written YYYY-MM-DD, not {str(value)[:40]!r}.") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise GoalError(f"{what} must lie between {FIRST_DAY.year} and {LAST_DAY.year}, not {day.isoformat()}.")
    return day


def check_kpi_target(kpi_id: str, kind: str) -> None:
    """Refuse a KPI that is not in the catalog or a kind that does not fit it."""
    known = all_kpis()
    if kpi_id not in known:
        raise GoalError(f"'{kpi_id}' is not a KPI id of the catalog; the README lists them.")
    if kind not in KINDS:
        raise GoalError(f"Target kind must be one of {', '.join(KINDS)}, not '{kind}'.")
    if kind == "total" and not known[kpi_id].additive:
        raise GoalError(f"'{kpi_id}' cannot have a total target: it is not a sum over days; use level or change.")


def check_kpi_count(count: int) -> None:
    """More than five KPIs is refused: too many metrics hide what matters."""
    if count > MAX_KPIS:
        raise GoalError(f"A goal can have at most {MAX_KPIS} KPIs: with more, nobody watches any of them closely.")


def kpi_spec_from_dict(raw: dict) -> GoalKPISpec:
    """Read one KPI entry of a goal file, checking every field."""
    if not isinstance(raw, dict):
        raise GoalError("Each KPI of a goal must be an object with kpi, kind and target.")
    kpi_id, kind = raw.get("kpi"), raw.get("kind", "level")
    check_kpi_target(str(kpi_id), str(kind))
    baseline = raw.get("baseline", "previous")
    if baseline not in BASELINES:
        raise GoalError(f"baseline must be 'previous' or 'last_year', not {baseline!r}.")
    plan_raw = raw.get("plan") or {}
    if not isinstance(plan_raw, dict):
        raise GoalError("plan must map months written YYYY-MM to numbers.")
    plan = {}
    for month, value in plan_raw.items():
        _date(f"{month}-01", f"plan month {month!r}")
        plan[str(month)] = _number(value, f"plan value for {month}")
    return GoalKPISpec(
        kpi=str(kpi_id),
        kind=str(kind),
        target=_number(raw.get("target"), f"target of {kpi_id}"),
        minimum=_optional_number(raw.get("minimum"), f"minimum of {kpi_id}"),
        stretch=_optional_number(raw.get("stretch"), f"stretch of {kpi_id}"),
        baseline=baseline,
        owner=_text(raw.get("owner"), f"owner of {kpi_id}", OWNER_MAX),
        plan=plan,
    )


def goal_from_dict(raw: dict) -> GoalSpec:
    """Read one goal of a goal file, checking every field; ``GoalError`` says what is wrong."""
    if not isinstance(raw, dict):
        raise GoalError("A goal file must be a JSON list of goal objects.")
    title = _text(raw.get("title"), "title", TITLE_MAX)
    if not title:
        raise GoalError("Every goal needs a title.")
    objective = raw.get("objective", "sales")
    if objective not in OBJECTIVES:
        raise GoalError(f"objective must be one of {', '.join(OBJECTIVES)}, not {objective!r}.")
    start = _date(raw.get("start"), f"start of '{title}'")
    deadline = _date(raw.get("deadline"), f"deadline of '{title}'")
    if deadline < start:
        raise GoalError(f"The deadline of '{title}' is before its start.")
    kpis_raw = raw.get("kpis") or []
    if not isinstance(kpis_raw, list):
        raise GoalError(f"kpis of '{title}' must be a list.")
    check_kpi_count(len(kpis_raw))
    kpis = [kpi_spec_from_dict(k) for k in kpis_raw]
    if len({k.kpi for k in kpis}) != len(kpis):
        raise GoalError(f"A KPI appears twice in '{title}'.")
    return GoalSpec(title, objective, start, deadline, _text(raw.get("owner"), f"owner of '{title}'", OWNER_MAX), kpis)


def goals_from_json(data: object) -> list[GoalSpec]:
    """Read a whole goal file (already parsed JSON)."""
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise GoalError("A goal file must be a JSON list of goal objects.")
    return [goal_from_dict(item) for item in data]


def goal_to_dict(goal: GoalSpec) -> dict:
    """A goal in the goal file format; optional fields appear only when set."""
    kpis: list[dict[str, object]] = []
    for k in goal.kpis:
        entry: dict[str, object] = {"kpi": k.kpi, "kind": k.kind, "target": k.target}
        for name in ("minimum", "stretch", "owner"):
            if getattr(k, name) is not None:
                entry[name] = getattr(k, name)
        if k.kind == "change":
            entry["baseline"] = k.baseline
        if k.plan:
            entry["plan"] = dict(sorted(k.plan.items()))
        kpis.append(entry)
    out: dict[str, object] = {
        "title": goal.title,
        "objective": goal.objective,
        "start": goal.start.isoformat(),
        "deadline": goal.deadline.isoformat(),
    }
    if goal.owner:
        out["owner"] = goal.owner
    out["kpis"] = kpis
    return out
