"""The SMART check of a goal: each letter pass / warn / fail with a sentence in Russian or English.

* **S**pecific — a title of a few words and at least one KPI (every catalog KPI has a direction);
* **M**easurable — every KPI has a finite numeric target (its unit comes from the KPI);
* **A**chievable — the change each KPI needs per month against the 90th percentile of its past
  month-to-month changes: up to that is realistic, up to twice that is ambitious, beyond is
  unrealistic; without four months of history the app cannot judge yet;
* **R**elevant — the KPIs are tagged for the goal's objective;
* **T**ime-bound — a deadline after the start and within 24 months.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TypedDict

import numpy as np
import pandas as pd

from kpi_core.catalog.registry import get_kpi
from kpi_core.compute.periods import months_between
from kpi_core.compute.series import kpi_series
from kpi_core.compute.spans import rows_within
from kpi_core.goals.spec import GoalKPISpec, GoalSpec
from kpi_core.i18n.formatting import fmt_number, fmt_percent, t

MIN_HISTORY_MONTHS = 4
MAX_MONTHS = 24
UNREALISTIC_FACTOR = 2.0


@dataclass(frozen=True)
class LetterCheck:
    """One letter's verdict with the string key and values of its sentence."""

    letter: str
    verdict: str  # pass | warn | fail
    key: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str) -> str:
        values = {k: (v(lang) if callable(v) else v) for k, v in self.params.items()}
        return t(self.key, lang, **values)


def check_specific(goal: GoalSpec) -> LetterCheck:
    words = len(goal.title.split())
    if not goal.title.strip() or not goal.kpis:
        return LetterCheck("S", "fail", "smart.s_fail")
    if words < 3:
        return LetterCheck("S", "warn", "smart.s_warn")
    return LetterCheck("S", "pass", "smart.s_pass", {"n": len(goal.kpis)})


def check_measurable(goal: GoalSpec) -> LetterCheck:
    if not goal.kpis:
        return LetterCheck("M", "fail", "smart.m_fail")
    bad = [k.kpi for k in goal.kpis if k.target is None or not math.isfinite(float(k.target))]
    if bad:
        return LetterCheck("M", "fail", "smart.m_fail")
    zero = [k for k in goal.kpis if k.kind == "change" and k.target == 0]
    if zero:
        return LetterCheck("M", "warn", "smart.m_warn_zero")
    return LetterCheck("M", "pass", "smart.m_pass")


def check_relevant(goal: GoalSpec) -> LetterCheck:
    if not goal.kpis:
        return LetterCheck("R", "fail", "smart.r_fail")
    off = [k.kpi for k in goal.kpis if goal.objective not in get_kpi(k.kpi).objectives]
    if len(off) == len(goal.kpis):
        return LetterCheck("R", "fail", "smart.r_fail")
    if off:
        return LetterCheck("R", "warn", "smart.r_warn", {"kpis": _names(off)})
    return LetterCheck("R", "pass", "smart.r_pass")


def check_time_bound(goal: GoalSpec) -> LetterCheck:
    if goal.deadline is None or goal.start is None or goal.deadline <= goal.start:
        return LetterCheck("T", "fail", "smart.t_fail")
    months = months_between(goal.start, goal.deadline)
    if months > MAX_MONTHS:
        return LetterCheck("T", "warn", "smart.t_warn", {"months": _months_text(months, 0)})
    return LetterCheck("T", "pass", "smart.t_pass", {"months": _months_text(months, 1)})


def _months_text(months: float, digits: int):
    return lambda lang: fmt_number(months, lang, digits)


def _names(kpi_ids: list[str]):
    return lambda lang: ", ".join(get_kpi(k).name(lang) for k in kpi_ids)


def _before_month(obs: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """The rows that end before the month of ``day`` (a span too: only when it ends before)."""
    return rows_within(obs, None, day.replace(day=1) - dt.timedelta(days=1))


def historical_monthly_changes(obs: pd.DataFrame, kpi_id: str, before: dt.date) -> pd.Series:
    """Month-to-month % changes of a KPI over the complete months before ``before``."""
    if obs.empty:
        return pd.Series(dtype="float64")
    monthly = kpi_series(_before_month(obs, before), kpi_id, "month").dropna()
    previous = monthly.shift(1)
    changes = (monthly / previous.where(previous != 0) - 1.0) * 100.0
    return changes.replace([np.inf, -np.inf], np.nan).dropna()


def required_monthly_change(spec: GoalKPISpec, months: float, current: float | None) -> float | None:
    """The % change per month the target needs (compounded), or None when it cannot be known.

    change: (1 + target)^(1/months) − 1; level: (target / current)^(1/months) − 1;
    total: the monthly amount the target needs against the current monthly amount.
    """
    if spec.kind == "change":
        growth = 1.0 + spec.target / 100.0
        if growth <= 0:
            return -100.0
        return (growth ** (1.0 / months) - 1.0) * 100.0
    if current is None or current <= 0:
        return None
    if spec.kind == "level":
        if spec.target <= 0:
            return -100.0
        return ((spec.target / current) ** (1.0 / months) - 1.0) * 100.0
    return (spec.target / months / current - 1.0) * 100.0


class AchievableDetail(TypedDict):
    """One KPI's row in ``check_achievable``: the % change needed per month against the 90th percentile."""

    kpi: str
    needed: float
    p90: float
    ratio: float


def check_achievable(goal: GoalSpec, obs: pd.DataFrame) -> tuple[LetterCheck, list[AchievableDetail]]:
    """The A letter, and per KPI: the change needed per month and the historical 90th percentile."""
    if not goal.kpis or goal.deadline is None or goal.deadline <= goal.start:
        return LetterCheck("A", "warn", "smart.a_no_history"), []
    months = months_between(goal.start, goal.deadline)
    details: list[AchievableDetail] = []
    worst: AchievableDetail | None = None
    for spec in goal.kpis:
        changes = historical_monthly_changes(obs, spec.kpi, goal.start)
        if len(changes) < MIN_HISTORY_MONTHS - 1:
            continue
        monthly = kpi_series(_before_month(obs, goal.start), spec.kpi, "month").dropna()
        current = float(monthly.iloc[-1]) if len(monthly) else None
        needed = required_monthly_change(spec, months, current)
        if needed is None:
            continue
        good_up = spec.kind == "total" or get_kpi(spec.kpi).good == "up"
        wanted = needed if good_up else -needed
        p90 = float(np.percentile(changes.abs(), 90))
        ratio = wanted / p90 if p90 > 0 else (math.inf if wanted > 0 else 0.0)
        details.append({"kpi": spec.kpi, "needed": needed, "p90": p90, "ratio": ratio})
        if worst is None or ratio > worst["ratio"]:
            worst = details[-1]
    if worst is None:
        return LetterCheck("A", "warn", "smart.a_no_history"), details
    params = {
        "kpi": _names([worst["kpi"]]),
        "needed": _signed_percent(worst["needed"]),
        "p90": _plain_percent(worst["p90"]),
    }
    if worst["ratio"] > UNREALISTIC_FACTOR:
        return LetterCheck("A", "fail", "smart.a_fail", params), details
    if worst["ratio"] > 1.0:
        return LetterCheck("A", "warn", "smart.a_warn", params), details
    easiest = min(details, key=lambda d: d["ratio"])
    if easiest["ratio"] < -1.0:  # the target asks for a move the wrong way, more than the KPI ever moves
        easy = {"kpi": _names([easiest["kpi"]]), "needed": _signed_percent(easiest["needed"])}
        return LetterCheck("A", "warn", "smart.a_easy", easy), details
    return LetterCheck("A", "pass", "smart.a_pass", params), details


def _signed_percent(value: float):
    return lambda lang: ("+" if value > 0 else "") + fmt_percent(value, lang)


def _plain_percent(value: float):
    return lambda lang: fmt_percent(value, lang)


def smart_check(goal: GoalSpec, obs: pd.DataFrame) -> list[LetterCheck]:
    """All five letters, S M A R T, for a goal and the workspace's observations."""
    achievable, _ = check_achievable(goal, obs)
    return [check_specific(goal), check_measurable(goal), achievable, check_relevant(goal), check_time_bound(goal)]
