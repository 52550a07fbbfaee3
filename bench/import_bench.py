"""Import speed against bare pandas reads, measured in the same run; prints one JSON object.

* a 1,000,000-row Yandex.Direct-style CSV (windows-1251, ';', decimal comma, DD.MM.YYYY, preamble
  lines and a final "Итого") against ``pandas.read_csv`` given the right options by hand;
* a 100,000-row XLSX against ``pandas.read_excel(engine="calamine")``.

Each measurement runs in a fresh process, so peak memory (max RSS) is the measurement's own, and
reports the best of five warm runs; the bare read and the import take turns three times over.
Import = read the file + detect + parse + map + aggregate + hash + store in a new SQLite database,
in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CSV_ROWS = 1_000_000
XLSX_ROWS = 100_000
PREAMBLE = 3


def make_csv(path: Path, rows: int) -> None:
    """Campaign × day rows with decimal commas, in windows-1251, as the Direct report wizard writes them."""
    start = dt.date(2025, 1, 1)
    dates = [(start + dt.timedelta(days=d)).strftime("%d.%m.%Y") for d in range(365)]
    kinds = ("поиск", "сети")
    with path.open("w", encoding="cp1251", newline="") as out:
        out.write('"Статистика по кампаниям"\r\n"Период: 01.01.2025 - 31.12.2025"\r\n"Логин: shop-login"\r\n')
        out.write(
            "Дата;Кампания;№ Кампании;Тип площадки;Показы;Клики;CTR (%);Расход (руб.);"
            "Ср. цена клика (руб.);Конверсии\r\n"
        )
        lines = []
        for i in range(rows):
            clicks = 10 + i % 90
            cost = clicks * 12 + (i % 100) / 100
            money, per_click = f"{cost:.2f}".replace(".", ","), f"{cost / clicks:.2f}".replace(".", ",")
            lines.append(
                f"{dates[i % 365]};Кампания {i % 2700};M-{100000 + i % 2700};{kinds[i % 2]};{clicks * 20};{clicks};"
                f"5,00;{money};{per_click};{i % 3}\r\n"
            )
            if len(lines) == 50_000:
                out.write("".join(lines))
                lines = []
        out.write("".join(lines))
        out.write("Итого;;;;0;0;0;0;0;0\r\n")


def make_xlsx(path: Path, rows: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Статистика")
    sheet.append(["Дата", "Название объявления", "Показы", "Клики", "Потрачено, ₽", "Охват"])
    start = dt.date(2025, 1, 1)
    for i in range(rows):
        sheet.append(
            [
                start + dt.timedelta(days=i % 365),
                f"Объявление {i % 500}",
                1000 + i % 50,
                10 + i % 7,
                round(150.5 + i % 13, 2),
                800 + i % 40,
            ]
        )
    book.save(path)


def child(kind: str, path: str, repeat: int = 5) -> dict:
    """One measurement in this process: best of ``repeat`` warm runs in seconds, and peak RSS in MB.

    Both the bare read and the import are repeated the same way after one untimed run, so one-off
    start-up costs (pandas' lazy imports, first calls, the import's reader process, which the Data
    page starts as it opens) weigh on neither; the best of five keeps a busy moment of a shared
    machine out of both.
    """
    import pandas as pd

    import workflows
    from db.engine import make_engine, unit_of_work, upgrade
    from db.repository import create_workspace

    data_path = Path(path)
    times, rows = [], 0
    with tempfile.TemporaryDirectory() as folder:
        for run in range(repeat + 1):
            if kind.endswith("_import"):
                engine = make_engine(f"sqlite:///{folder}/bench{run}.db")
                upgrade(engine)  # a new, empty database: the schema is not part of an import
            started = time.perf_counter()
            if kind == "csv_bare":
                rows = len(pd.read_csv(data_path, sep=";", decimal=",", encoding="cp1251", skiprows=PREAMBLE, header=0))
            elif kind == "xlsx_bare":
                rows = len(pd.read_excel(data_path, engine="calamine"))
            else:
                with unit_of_work(engine) as session:
                    workspace = create_workspace(session, "Bench")
                    result = workflows.import_file(session, workspace.id, data_path.read_bytes(), data_path.name)
                rows = result.rows_read
            if run:
                times.append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": round(min(times), 3), "peak_rss_mb": round(peak_mb, 1), "rows": rows}


ROUNDS = 3


def measure(kinds: tuple[str, str], path: Path) -> tuple[dict, dict]:
    """Both measurements, each in a fresh process (so its peak memory is its own), taken in turn
    ``ROUNDS`` times: a busy spell of a shared machine falls on both alike. The best time and the
    highest peak of each."""
    runs: dict[str, list[dict]] = {kind: [] for kind in kinds}
    for _ in range(ROUNDS):
        for kind in kinds:
            out = subprocess.run(
                [sys.executable, __file__, "--child", kind, str(path)], check=True, capture_output=True, text=True
            )
            runs[kind].append(json.loads(out.stdout))
    first, second = (
        {
            "seconds": min(r["seconds"] for r in runs[kind]),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs[kind]),
            "rows": runs[kind][0]["rows"],
        }
        for kind in kinds
    )
    return first, second


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], sys.argv[3])))
        return
    with tempfile.TemporaryDirectory() as folder:
        csv_path, xlsx_path = Path(folder) / "direct.csv", Path(folder) / "vk.xlsx"
        make_csv(csv_path, CSV_ROWS)
        make_xlsx(xlsx_path, XLSX_ROWS)
        csv_bare, csv_import = measure(("csv_bare", "csv_import"), csv_path)
        xlsx_bare, xlsx_import = measure(("xlsx_bare", "xlsx_import"), xlsx_path)
        print(
            json.dumps(
                {
                    "csv_rows": CSV_ROWS,
                    "csv_mb": round(csv_path.stat().st_size / 2**20, 1),
                    "csv_bare_read_s": csv_bare["seconds"],
                    "csv_import_s": csv_import["seconds"],
                    "csv_ratio": round(csv_import["seconds"] / csv_bare["seconds"], 2),
                    "csv_import_peak_rss_mb": csv_import["peak_rss_mb"],
                    "csv_bare_peak_rss_mb": csv_bare["peak_rss_mb"],
                    "xlsx_rows": XLSX_ROWS,
                    "xlsx_bare_read_s": xlsx_bare["seconds"],
                    "xlsx_import_s": xlsx_import["seconds"],
                    "xlsx_ratio": round(xlsx_import["seconds"] / xlsx_bare["seconds"], 2),
                    "xlsx_import_peak_rss_mb": xlsx_import["peak_rss_mb"],
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
