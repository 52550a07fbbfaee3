"""What reading an upload in a worker process costs, against reading it in the caller; prints JSON.

* ``small_csv``: a 1,000-row daily CSV (date, channel, sessions, orders, revenue) — the file most
  users upload. ``in_process`` calls the parser directly (the baseline, same run); ``worker`` goes
  through ``workflows.parse_upload`` (the app's path: pipe to a warm worker and back).
* ``first_upload``: the first parse of a process, which starts the fork server and a worker.
* ``far_cell``: a 5 KB XLSX with one value at XFD1048576, refused from its declared size.

Each figure is the best of ``REPEAT`` runs, in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPEAT = 20


def small_csv(rows: int = 1_000) -> bytes:
    start = dt.date(2024, 1, 1)
    lines = ["date,channel,sessions,orders,revenue"]
    for i in range(rows):
        day = start + dt.timedelta(days=i // 3)
        lines.append(
            f"{day.isoformat()},{('search', 'social', 'email')[i % 3]},{100 + i % 37},{i % 9},{(i % 9) * 1490.5}"
        )
    return ("\n".join(lines) + "\n").encode()


def best_ms(work, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return round(min(times) * 1000, 1)


def main() -> None:
    import workflows
    from kpi_core.ingest import IngestError
    from kpi_core.ingest.pipeline import parse_file
    from tests.upload.bombs import far_cell_xlsx

    data, today = small_csv(), dt.date(2026, 12, 1)
    started = time.perf_counter()
    workflows.parse_upload(data, "first.csv")
    first = round((time.perf_counter() - started) * 1000, 1)
    in_process = best_ms(lambda: parse_file(data, "sales.csv", today=today))
    worker = best_ms(lambda: workflows.parse_upload(data, "sales.csv"))
    bomb = far_cell_xlsx()

    def refuse() -> None:
        try:
            workflows.parse_upload(bomb, "far.xlsx")
        except IngestError:
            return
        raise AssertionError("the far cell was read")

    result = {
        "small_csv_rows": 1_000,
        "small_csv_in_process_ms": in_process,
        "small_csv_worker_ms": worker,
        "worker_overhead_ms": round(worker - in_process, 1),
        "first_upload_ms": first,
        "far_cell_refused_ms": best_ms(refuse, 5),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
