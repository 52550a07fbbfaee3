"""Time weekly series of every catalog KPI on the demo shop against one bare pandas groupby-sum.

Prints one JSON object. The baseline is measured in the same run, so the ratio is what matters.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kpi_core.catalog.registry import KPI_LIST
from kpi_core.compute.periods import period_start
from kpi_core.compute.series import kpi_series
from kpi_core.demo import demo_observations


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    obs = demo_observations(dt.date(2026, 11, 27))

    def baseline():
        obs.groupby([period_start(obs["date"], "week"), "measure"])["value"].sum()

    def every_kpi():
        for kpi in KPI_LIST:
            kpi_series(obs, kpi, "week")

    base = best_of(5, baseline)
    ours = best_of(5, every_kpi)
    print(
        json.dumps(
            {
                "observations": len(obs),
                "kpis": len(KPI_LIST),
                "baseline_groupby_s": round(base, 4),
                "all_kpi_series_s": round(ours, 4),
                "per_kpi_vs_baseline": round(ours / len(KPI_LIST) / base, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
