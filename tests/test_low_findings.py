"""Issue 12's low findings in files: numbers too large to be real, days no report holds, a UTF-8
file with a part in Windows-1251, XLSX formulas saved without results. Each is a row refused with
its line, or a warning — never a silent change, an infinite total or a traceback."""

from __future__ import annotations

import io
import math

import openpyxl
import pytest

import workflows
from cli import main
from kpi_core.ingest.pipeline import parse_file


def test_numbers_too_large_to_be_real_are_refused_row_by_row():
    """Before: 1e308 + 1e308 was stored as an infinite revenue (KPIs went null; MariaDB refused it)."""
    data = (
        b"date,orders,revenue\n2026-01-01,5,1e308\n2026-01-02,3,1e308\n2026-01-03,2,-5e15\n"
        b"2026-01-04,3,10\n2026-01-05,1,inf\n"
    )
    parsed = parse_file(data, "shop.csv")
    assert parsed.inspection.totals == {"orders": 3.0, "revenue": 10.0}
    assert [line for line, why in parsed.skipped if why == "number too large"] == [2, 3, 4, 6]  # "inf" too
    assert parsed.inspection.rows == 1
    assert any("too large to be real" in w for w in parsed.inspection.warnings)
    assert all(math.isfinite(v) for v in parsed.observations["value"])


def test_a_deal_amount_too_large_to_be_real_is_refused_with_its_line():
    data = (
        "ID,Название сделки,Этап сделки,Бюджет,Дата создания,Дата закрытия\n"
        "1,A,Успешно реализовано,1e300,01.03.2026,02.03.2026\n"
        "2,B,Успешно реализовано,1500,01.03.2026,03.03.2026\n"
    ).encode()
    parsed = parse_file(data, "amocrm.csv")
    assert parsed.inspection.source == "amocrm"
    assert (2, "number too large") in parsed.skipped
    assert parsed.inspection.totals.get("revenue") == 1500.0


@pytest.mark.parametrize("day", ["01.01.2300", "31.12.9999", "01.01.1066"])
def test_days_no_report_holds_are_rows_without_a_date_not_a_crash(capsys, tmp_path, day):
    """Before: a day outside pandas' range raised OutOfBoundsDatetime (a traceback on the CLI)."""
    path = tmp_path / "orders.csv"
    path.write_text(f"date,orders\n{day},5\n02.01.2026,3\n", encoding="utf-8")
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert '"rows": 1' in out and '"orders": 3.0' in out


def test_a_utf8_file_with_a_part_in_windows_1251_is_warned_about():
    """Before: the 1251 part's channel names were read as replacement marks and silently went to 'other'."""
    head = "".join(f"2026-01-{1 + i % 28:02d},Реклама,{i % 7}\n" for i in range(20_000)).encode("utf-8")
    tail = "2026-01-29,Рассылка,4\n".encode("cp1251")
    parsed = parse_file(b"date,channel,orders\n" + head + tail, "mixed.csv")
    [warning] = [w for w in parsed.inspection.warnings if "not UTF-8" in w]
    assert warning.startswith("from line 20002 on, the file is not UTF-8 text")


def test_xlsx_formulas_without_saved_results_are_warned_about():
    """Before: such cells (written by a program that does not calculate) were dropped without a word."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["date", "orders"])
    sheet.append(["2026-01-01", 4])
    sheet.append(["2026-01-02", "=B2*2"])  # openpyxl saves the formula, no result
    out = io.BytesIO()
    book.save(out)
    parsed = workflows.parse_upload(out.getvalue(), "report.xlsx")
    assert parsed.inspection.totals == {"orders": 4.0}
    warnings = parsed.inspection.warnings
    assert any(w.startswith("formulas in 1 row(s) were saved without their results") for w in warnings)
