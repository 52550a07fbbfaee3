"""Monitor speed: every goal KPI of a workspace (5 goals × 5 KPIs, 3 years of daily data in 12 channels).

Prints one JSON object with two comparisons, each measured in the same run:

* compute: pacing all 25 goal KPIs from the observations in memory, against one bare pandas
  groupby-sum of the same observations (goal: ≤ 3×);
* scale: loading and pacing the workspace from a SQLite file that holds only it, against the
  same file holding 100 such workspaces (goal: ≤ 1.2× — the cost follows the workspace's own data).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import workflows
from db import repository as repo
from db.engine import make_engine, unit_of_work, upgrade
from kpi_core.compute.cube import DailyTotals
from kpi_core.goals.spec import GoalKPISpec, GoalSpec
from kpi_core.monitor.pacing import pace_goal_kpi

AS_OF = dt.date(2026, 11, 27)
DAYS = 3 * 365
CHANNELS = (
    "organic",
    "direct",
    "paid_search",
    "paid_social",
    "social",
    "email",
    "referral",
    "display",
    "messenger",
    "internal",
    "other",
    "all",
)
MEASURES = (
    "sessions",
    "visitors",
    "orders",
    "revenue",
    "new_customers",
    "spend",
    "leads",
    "deals_won",
    "bounces",
    "session_duration_s",
)
WORKSPACES = 100


def observations(seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.date_range(end=pd.Timestamp(AS_OF), periods=DAYS, freq="D")
    n = len(dates) * len(CHANNELS) * len(MEASURES)
    return pd.DataFrame(
        {
            "date": np.repeat(dates.to_numpy(), len(CHANNELS) * len(MEASURES)),
            "measure": np.tile(np.repeat(MEASURES, len(CHANNELS)), len(dates)),
            "channel": np.tile(CHANNELS, len(dates) * len(MEASURES)),
            "value": rng.gamma(2.0, 50.0, n).round(2),
        }
    )


def goals() -> list[GoalSpec]:
    start = AS_OF - dt.timedelta(days=60)
    deadline = AS_OF + dt.timedelta(days=120)
    sets = [
        [
            ("revenue", "change"),
            ("orders", "total"),
            ("conversion_rate", "level"),
            ("average_order_value", "level"),
            ("romi", "level"),
        ],
        [("new_customers", "total"), ("cac", "level"), ("leads", "total"), ("cpl", "level"), ("deals_won", "total")],
        [
            ("sessions", "change"),
            ("organic_traffic", "total"),
            ("bounce_rate", "level"),
            ("avg_session_duration", "level"),
            ("social_referrals", "total"),
        ],
        [("revenue", "total"), ("drr", "level"), ("roas", "level"), ("cpo", "level"), ("lead_to_customer", "level")],
        [
            ("unique_visitors", "level"),
            ("lead_conversion", "level"),
            ("orders", "change"),
            ("leads", "change"),
            ("new_customers", "change"),
        ],
    ]
    return [
        GoalSpec(
            f"Goal {i + 1}",
            "sales",
            start,
            deadline,
            None,
            [
                GoalKPISpec(kpi, kind, 10.0, baseline="last_year" if kind == "change" else "previous")
                for kpi, kind in kpis
            ],
        )
        for i, kpis in enumerate(sets)
    ]


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def compute_all(obs: pd.DataFrame, specs: list[GoalSpec]) -> list:
    totals = DailyTotals(obs)
    return [pace_goal_kpi(totals, kpi, g.start, g.deadline, AS_OF) for g in specs for kpi in g.kpis]


def seed_database(path: Path, obs: pd.DataFrame, specs: list[GoalSpec], copies: int) -> int:
    """A SQLite file with ``copies`` workspaces holding the same data; returns the first one's id."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with unit_of_work(engine) as s:
        first = repo.create_workspace(s, "Bench 1")
        repo.store_observations(s, first.id, "bench", obs, file_name="bench", file_hash="bench", rows_read=len(obs))
        for spec in specs:
            repo.add_goal(s, first.id, spec)
        first_id = first.id
        for copy in range(2, copies + 1):
            other = repo.create_workspace(s, f"Bench {copy}")
            source = repo.get_or_create_source(s, other.id, "bench")
            s.connection().exec_driver_sql(
                "INSERT INTO observations (workspace_id, source_id, batch_id, date, measure, channel, value) "
                "SELECT ?, ?, NULL, date, measure, channel, value FROM observations WHERE workspace_id = ?",
                (other.id, source.id, first_id),
            )
    engine.dispose()
    return first_id


def pace_from_database(path: Path, workspace_id: int) -> float:
    engine = make_engine(f"sqlite:///{path}")

    def work():
        with unit_of_work(engine) as s:
            workflows.pace_workspace(s, workspace_id, AS_OF)

    work()  # warm the connection and the page cache
    seconds = best_of(3, work)
    engine.dispose()
    return seconds


def main() -> None:
    obs = observations()
    specs = goals()
    baseline = best_of(5, lambda: obs.groupby(["date", "measure"])["value"].sum())
    compute = best_of(5, lambda: compute_all(obs, specs))
    with tempfile.TemporaryDirectory() as folder:
        alone = seed_database(Path(folder) / "one.db", obs, specs, 1)
        crowded = seed_database(Path(folder) / "hundred.db", obs, specs, WORKSPACES)
        one = pace_from_database(Path(folder) / "one.db", alone)
        hundred = pace_from_database(Path(folder) / "hundred.db", crowded)
    print(
        json.dumps(
            {
                "observations_per_workspace": len(obs),
                "goal_kpis": sum(len(g.kpis) for g in specs),
                "groupby_baseline_s": round(baseline, 4),
                "compute_all_goal_kpis_s": round(compute, 4),
                "compute_ratio": round(compute / baseline, 2),
                "workspaces_in_db": WORKSPACES,
                "load_and_pace_1_workspace_db_s": round(one, 3),
                "load_and_pace_100_workspace_db_s": round(hundred, 3),
                "scale_ratio": round(hundred / one, 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
