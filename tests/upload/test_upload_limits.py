"""Uploads that ask for huge grids, or need more memory or time than allowed (issue 12, findings 2, 7).

Each gets one sentence; the process that reads uploads survives the declared-size refusals, and
one that dies or overruns is replaced, so the next upload reads as usual.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import sandbox
import workflows
from kpi_core.ingest import IngestError
from kpi_core.ingest.sizes import MAX_CELLS, check_spreadsheet, column_number, ods_grids, xlsx_grid
from tests.upload.bombs import far_cell_xlsx, ods, ods_cell, padded_html, repeated_ods

ROOT = Path(__file__).resolve().parents[2]
SMALL_CSV = b"date,sessions\n2026-01-01,5\n2026-01-02,7\n"


def test_column_letters():
    assert [column_number(c) for c in (b"A", b"Z", b"AA", b"AZ", b"ZZ", b"XFD")] == [1, 26, 27, 52, 702, 16384]


def test_xlsx_grid_counts_only_cells_holding_something_even_across_chunk_ends():
    xml = (
        b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><f>A1</f></c></row>'
        b'<row r="7"><c r="B7" t="inlineStr"><is><t>x</t></is></c><c r="ZZ60000" s="3"/><c r="Q9"></c></row>'
    )
    assert xlsx_grid([xml]) == (7, 3, {1})  # the styled and the empty far cells do not count; C1 has no result
    for cut in range(1, len(xml)):
        assert xlsx_grid([xml[:cut], xml[cut:]]) == (7, 3, {1}), cut


def test_ods_grid_counts_repeats_of_rows_and_cells_with_content():
    rows = (
        "<table:table-row>" + ods_cell("date") + ods_cell("orders") + "</table:table-row>"
        '<table:table-row table:number-rows-repeated="3">'
        + ods_cell(1)
        + '<table:table-cell table:number-columns-repeated="4"/>'
        + ods_cell(2)
        + "</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/>'
        "</table:table-row>"
    )
    with zipfile.ZipFile(io.BytesIO(ods(rows))) as archive, archive.open("content.xml") as stream:
        # 1 header row + 3 repeated rows; the last filled cell is the 6th; the empty tail rows do not count
        assert list(ods_grids(stream)) == [(4, 6)]


@pytest.mark.parametrize(
    ("name", "data", "rows", "columns"),
    [
        ("far.xlsx", far_cell_xlsx("XFD1048576"), "1,048,576", "16,384"),
        ("zz.xlsx", far_cell_xlsx("ZZ60000"), "60,000", "702"),
        ("repeated.ods", repeated_ods(1_000_000, 50), "1,000,001", "50"),
        ("padded.xls", padded_html(20_000, 20_000), "20,002", "20,000"),
    ],
)
def test_declared_grid_over_the_budget_is_one_sentence_and_the_reader_survives(name, data, rows, columns):
    assert len(data) < 600_000  # small files: the danger is what they declare
    with pytest.raises(IngestError) as caught:
        workflows.parse_upload(data, name)
    assert caught.value.key == "ingest.too_many_cells"
    assert f"spans {rows} rows × {columns} columns" in str(caught.value)
    assert f"{MAX_CELLS:,} cells" in str(caught.value)
    # Russian groups digits its own way (a no-break space), not with the English comma
    assert f"{rows.replace(',', chr(0xA0))} строк × {columns.replace(',', chr(0xA0))} столбцов" in caught.value.message(
        "ru"
    )
    # refused before any grid was built: the worker that read it is alive, well under 2 GB, and reads on
    peaks = worker_peaks_mb()
    assert peaks and max(peaks) < 1024, peaks
    assert workflows.parse_upload(SMALL_CSV, "small.csv").inspection.totals == {"sessions": 12.0}


def worker_peaks_mb() -> list[float]:
    """Peak resident memory (VmHWM) of every live upload worker, in MB."""
    peaks = []
    for pid in sandbox.idle_workers():
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(status.split("VmHWM:")[1].split()[0]) / 1024)
    return peaks


def test_memory_cap_ends_only_the_worker(monkeypatch):
    """A grid within the budget that needs more memory than allowed: the worker dies (a native
    allocation failure aborts it) or raises MemoryError; the user gets one sentence."""
    monkeypatch.setenv("KPI_PARSE_MEMORY_MB", "600")
    with pytest.raises(IngestError) as caught:
        workflows.parse_upload(far_cell_xlsx("J900000"), "big.xlsx")
    assert caught.value.key == "ingest.parse_memory"
    assert "600 MB" in str(caught.value)
    assert workflows.parse_upload(SMALL_CSV, "small.csv").inspection.rows == 2


def test_time_limit_stops_a_slow_read(monkeypatch):
    monkeypatch.setenv("KPI_PARSE_SECONDS", "1")
    with pytest.raises(IngestError) as caught:
        workflows.parse_upload(far_cell_xlsx("J900000"), "slow.xlsx")
    assert caught.value.key == "ingest.parse_timeout"
    assert "within 1 s" in str(caught.value)
    monkeypatch.delenv("KPI_PARSE_SECONDS")
    assert workflows.parse_upload(SMALL_CSV, "small.csv").inspection.rows == 2


def test_bad_limits_are_one_sentence(monkeypatch):
    monkeypatch.setenv("KPI_PARSE_MEMORY_MB", "lots")
    with pytest.raises(ValueError, match="KPI_PARSE_MEMORY_MB must be a whole number from 512"):
        workflows.parse_upload(SMALL_CSV, "small.csv")


@pytest.mark.parametrize("cell", ["XFD1048576", "ZZ60000"])
def test_cli_inspect_of_a_far_cell_is_exit_2_with_one_line(tmp_path, cell):
    """Before: the reader's allocation of the dense range aborted the process (exit 134)."""
    path = tmp_path / "far.xlsx"
    path.write_bytes(far_cell_xlsx(cell))
    done = subprocess.run(
        [sys.executable, "-m", "kpi_core", "inspect", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2, done.stderr[-500:]
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: A sheet of this file spans")


def test_far_cells_are_found_however_the_package_writes_them():
    """Single quotes, spaces around '=', a sheet stored under another name (review findings)."""
    assert xlsx_grid([b"<c r='XFD1048576'><v>1</v></c>"])[:2] == (1_048_576, 16_384)
    assert xlsx_grid([b'<c  r = "ZZ60000" t="n"><v>1</v></c>'])[:2] == (60_000, 702)
    source = zipfile.ZipFile(io.BytesIO(far_cell_xlsx("ZZ60000")))
    moved = io.BytesIO()
    with zipfile.ZipFile(moved, "w") as archive:
        for item in source.infolist():
            name = "xl/sheets/SHEET1.XML" if item.filename == "xl/worksheets/sheet1.xml" else item.filename
            archive.writestr(name, source.read(item.filename))
    with pytest.raises(IngestError) as caught:
        check_spreadsheet(moved.getvalue())
    assert caught.value.key == "ingest.too_many_cells"


def test_uploads_waiting_behind_crashed_workers_are_read(monkeypatch):
    """Before: a worker that died freed its place without waking the uploads waiting for one, so
    they waited out their whole time limit and failed."""
    import threading

    monkeypatch.setenv("KPI_PARSE_MEMORY_MB", "600")
    monkeypatch.setenv("KPI_PARSE_SECONDS", "20")
    outcomes: dict[str, object] = {}

    def upload(name: str, data: bytes) -> None:
        try:
            outcomes[name] = workflows.parse_upload(data, name).inspection.rows
        except IngestError as error:
            outcomes[name] = error.key

    crashing = [threading.Thread(target=upload, args=(f"big{i}.xlsx", far_cell_xlsx("J900000"))) for i in range(2)]
    small = [threading.Thread(target=upload, args=(f"small{i}.csv", SMALL_CSV)) for i in range(3)]
    for thread in crashing + small:
        thread.start()
    for thread in crashing + small:
        thread.join(60)
    assert outcomes == {
        "big0.xlsx": "ingest.parse_memory",
        "big1.xlsx": "ingest.parse_memory",
        "small0.csv": 2,
        "small1.csv": 2,
        "small2.csv": 2,
    }


def _large_csv() -> bytes:
    """About 1.6 MB of daily visits: 120 000 rows of 3 visits each (360 000 in all)."""
    rows = "".join(f"2026-01-{1 + i % 28:02d},3\n" for i in range(120_000))
    return b"date,sessions\n" + rows.encode()


@pytest.mark.parametrize("handover", ["tmpfs", "pipe"])
def test_a_large_upload_reaches_the_worker_whole_and_leaves_no_file_behind(monkeypatch, tmp_path, handover):
    data = _large_csv()
    assert len(data) > sandbox.RAW_BYTES
    monkeypatch.setattr(sandbox, "_HANDOVER_DIR", str(tmp_path) if handover == "tmpfs" else None)
    parsed = workflows.parse_upload(data, "visits.csv")
    assert parsed.inspection.totals == {"sessions": 360_000.0} and parsed.rows_read == 120_000
    assert list(tmp_path.iterdir()) == []  # the handover file is removed once the worker answered
    with pytest.raises(IngestError):  # and after a refusal too
        workflows.parse_upload(data.replace(b"date,sessions", b"what,ever"), "visits.csv")
    assert list(tmp_path.iterdir()) == []


def test_a_large_windows_1251_export_reads_in_the_worker_as_in_the_app(monkeypatch, tmp_path):
    """Over 8 MB, read in two halves from the mapped handover file: the same as from the bytes."""
    from kpi_core.ingest import fastread
    from kpi_core.ingest.pipeline import parse_file

    lines = [
        '"Статистика по кампаниям"',
        '"Период: 01.03.2026 - 28.03.2026"',
        "Дата;Тип площадки;Кампания;Клики;Расход",
    ]
    lines += [
        f"{1 + i % 28:02d}.03.2026;{'поиск' if i % 2 else 'сети'};МЁД—{i % 9};{i % 5};{i % 4},5" for i in range(300_000)
    ]
    data = ("\r\n".join([*lines, "Итого;;;0;0"]) + "\r\n").encode("cp1251")
    assert len(data) > fastread.PARALLEL_MIN_BYTES
    monkeypatch.setattr(sandbox, "_HANDOVER_DIR", str(tmp_path))
    in_worker, here = workflows.parse_upload(data, "direct.csv"), parse_file(data, "direct.csv")
    pd.testing.assert_frame_equal(in_worker.observations, here.observations)
    assert in_worker.inspection == here.inspection
    assert in_worker.inspection.totals["clicks"] == sum(i % 5 for i in range(300_000))
    assert list(tmp_path.iterdir()) == []


def test_handover_files_a_dead_server_left_are_removed_when_old(monkeypatch, tmp_path):
    import datetime as dt
    import os

    import config

    monkeypatch.setattr(sandbox, "_HANDOVER_DIR", str(tmp_path))
    now = config.utc_now().replace(tzinfo=dt.UTC).timestamp()  # the clock the sweep reads
    ages = {"kpi-upload-old": 3600, "kpi-upload-fresh": 0, "someone-else": 3600}
    for name, age in ages.items():
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (now - age, now - age))
    assert sandbox.remove_stale_handovers(600) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kpi-upload-fresh", "someone-else"]
