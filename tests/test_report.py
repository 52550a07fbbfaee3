"""The Excel report and the data table for people: numbers stay numbers, text stays text, the
workbook opens in openpyxl and LibreOffice, the command line writes it whole."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

import exports
import workflows
from cli import main
from db import repository as repo
from db.engine import make_engine, unit_of_work, upgrade
from kpi_core.report.table import people_csv, wide_table

AS_OF = dt.date(2026, 11, 27)
HOSTILE_GOAL = '=HYPERLINK("http://x","y")'
HOSTILE_CHANNEL = "+cmd|' /C calc'!A0"


@pytest.fixture
def demo(db):
    """The demo shop, plus a goal whose title is a formula and a channel named like a command."""
    engine = make_engine(db)
    upgrade(engine)
    with unit_of_work(engine) as s:
        workspace_id = workflows.seed_demo(s, "Демо-магазин", AS_OF, "ru").id
        goal = {
            "title": HOSTILE_GOAL,
            "objective": "sales",
            "start": "2026-10-01",
            "deadline": "2026-12-31",
            "owner": "@owner",
            "kpis": [{"kpi": "revenue", "kind": "total", "target": 9_000_000.0}],
        }
        workflows.import_goals(s, workspace_id, [goal])
        days = pd.date_range("2026-11-01", "2026-11-20", freq="D")
        odd = pd.DataFrame({"date": days, "measure": "mentions", "channel": HOSTILE_CHANNEL, "value": 2.0})
        repo.store_observations(s, workspace_id, "csv", odd, file_name="odd.csv", file_hash="odd", rows_read=len(odd))
    yield engine, workspace_id
    engine.dispose()


def report(engine, workspace_id: int, lang: str):
    with unit_of_work(engine) as s:
        return load_workbook(io.BytesIO(exports.excel_report(s, workspace_id, AS_OF, lang)))


def test_the_workbook_has_a_cover_a_sheet_per_goal_channels_data_and_definitions(demo):
    book = report(*demo, "ru")
    assert book.sheetnames[0] == "Сводка" and book.sheetnames[-3:] == ["Каналы", "Данные", "Определения"]
    goals = book.sheetnames[1:-3]
    assert len(goals) == 4 and "Привлечь новых клиентов за…" in goals  # 31 characters at most, cut at a word
    assert '=HYPERLINK("http   x","y")' in goals  # no «:» or «/» in a sheet's name
    cover = book["Сводка"]
    header = [c.value for c in cover[6]]
    assert header == ["Цель", "Метрика", "Ответственный", "Целевое значение", "Факт", "План на сегодня",
                      "Прогноз к сроку", "Статус", "Почему"]  # fmt: skip
    rows = list(cover.iter_rows(min_row=7, max_row=16))
    assert len([r for r in rows if r[0].value]) == 10  # nine demo KPIs and the added goal's
    revenue = next(r for r in rows if r[1].value == "Выручка" and r[0].value == "Увеличить онлайн-продажи")
    target, actual = revenue[3], revenue[4]
    # a +40 % change target is the number 0.4 under a percent format, not the text «+40,0 %»
    assert target.data_type == "n" and target.value == pytest.approx(0.4) and target.number_format == "0.0%"
    assert actual.data_type == "n" and revenue[7].value in ("В графике", "Под угрозой", "Отстаём")
    assert revenue[8].value.startswith("Прогноз на ")
    cac_like = next(r for r in rows if r[1].value == "Средний чек")
    assert cac_like[3].number_format == '#,##0" ₽"' and cac_like[3].data_type == "n" and cac_like[3].value > 1000
    assert cover["B2"].is_date and cover["B2"].value.date() == AS_OF


def test_each_goal_kpi_has_a_native_chart_with_its_target_line(demo):
    book = report(*demo, "en")
    sheet = book["Увеличить онлайн-продажи"]
    charts = sheet._charts
    assert len(charts) == 3  # revenue, conversion rate, average order value
    titles = [c.value for c in sheet[next(r for r in range(1, 60) if sheet.cell(r, 1).value == "As of")]][:4]
    assert titles == ["As of", "Actual", "Plan", "Target"]


def test_a_control_character_in_a_title_is_dropped_not_fatal(demo):
    """A vertical tab pasted into a goal's title stopped the whole report (openpyxl refuses it)."""
    engine, workspace_id = demo
    with unit_of_work(engine) as s:
        goal = {"title": "Продажи\u000b2026", "objective": "sales", "start": "2026-10-01", "deadline": "2026-12-31",
                "kpis": [{"kpi": "orders", "kind": "total", "target": 5000.0}]}  # fmt: skip
        workflows.import_goals(s, workspace_id, [goal])
    book = report(engine, workspace_id, "ru")
    assert "Продажи2026" in book.sheetnames and any(c.value == "Продажи2026" for c in book["Сводка"]["A"])


def test_a_goal_without_data_has_no_empty_chart(demo):
    """A total of engagements, which the shop has no data of: the month-end rows were all empty and drew a
    chart of no lines; the goal keeps its table row and gets no chart."""
    engine, workspace_id = demo
    with unit_of_work(engine) as s:
        goal = {"title": "Звонки", "objective": "customer", "start": "2026-10-01", "deadline": "2026-12-31",
                "kpis": [{"kpi": "engagements", "kind": "total", "target": 500.0}]}  # fmt: skip
        workflows.import_goals(s, workspace_id, [goal])
    sheet = report(engine, workspace_id, "ru")["Звонки"]
    assert sheet._charts == [] and sheet["A6"].value == "Звонки"


def test_user_and_file_text_stays_text(demo):
    """A goal titled like a formula and a channel named like a command come out as the words they are."""
    book = report(*demo, "ru")
    cover = book["Сводка"]
    cells = [c for row in cover.iter_rows() for c in row if c.value == HOSTILE_GOAL]
    assert cells and all(c.data_type == "s" for c in cells)
    assert any(c.value == "@owner" and c.data_type == "s" for row in cover.iter_rows() for c in row)
    data = book["Данные"]
    header = [c.value for c in data[1]]
    sessions, revenue = data.cell(2, header.index("Визиты") + 1), data.cell(2, header.index("Выручка") + 1)
    assert sessions.number_format == "#,##0" and revenue.number_format == "#,##0.00"  # never "346."
    odd = [c for c in data["B"] if c.value == HOSTILE_CHANNEL]
    assert len(odd) == 20 and all(c.data_type == "s" for c in odd)
    # the formula text is never written as a formula element
    with unit_of_work(demo[0]) as s:
        payload = exports.excel_report(s, demo[1], AS_OF, "en")
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        sheets = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in xml for xml in sheets)


def test_the_data_table_for_people():
    obs = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-03-02", "2026-03-02", "2026-03-02", "2026-03-01"]),
            "end": pd.to_datetime([None, None, None, "2026-03-31"]),
            "measure": ["spend", "clicks", "spend", "revenue"],
            "channel": ["paid_search", "paid_search", HOSTILE_CHANNEL, "all"],
            "value": [1500.25, 40.0, 10.0, 250000.0],
        }
    )
    table = wide_table(obs, "ru")
    assert list(table.columns[:3]) == ["Дата", "По", "Канал"]  # a period total states its last day
    lines = people_csv(obs, "ru").decode("utf-8").splitlines()
    assert lines[0].startswith("\ufeffДата;По;Канал;")  # a BOM so Excel reads UTF-8; «;» for decimal commas
    assert lines[1].startswith("01.03.2026;31.03.2026;Все каналы;")
    [search] = [line for line in lines if "Поисковая реклама" in line]
    assert search.startswith("02.03.2026;;Поисковая реклама;") and ";1500,25" in search
    assert any(line.startswith(f"02.03.2026;;'{HOSTILE_CHANNEL};") for line in lines)  # text, never a formula
    english = people_csv(obs, "en").decode("utf-8-sig").splitlines()
    assert english[0].startswith("Date,To,Channel,") and any(
        line.startswith("2026-03-02,,Paid search,") for line in english
    )


def test_the_report_command_writes_the_workbook_whole(demo, db, tmp_path, capsys):
    out = tmp_path / "report.xlsx"
    code = main(["report", "--db", db, "--workspace", "Демо-магазин", "--out", str(out), "--lang", "ru",
                 "--as-of", AS_OF.isoformat()])  # fmt: skip
    printed = json.loads(capsys.readouterr().out)
    assert code == 0 and printed["out"] == str(out) and printed["bytes"] == out.stat().st_size
    assert load_workbook(out).sheetnames[0] == "Сводка"
    assert not list(tmp_path.glob(".*partial"))
    for bad, said in (
        (tmp_path / "r.pdf", "--out must end in .xlsx"),
        (tmp_path / "missing" / "r.xlsx", "does not exist"),
    ):
        code = main(["report", "--db", db, "--workspace", "Демо-магазин", "--out", str(bad)])
        err = capsys.readouterr().err
        assert code == 2 and said in err and err.count("\n") == 1


OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    OFFICE is None and not os.environ.get("KPI_TEST_NEED_OFFICE"), reason="LibreOffice is not installed"
)
def test_libreoffice_opens_the_report_and_prints_every_sheet(demo, tmp_path):
    assert OFFICE, "KPI_TEST_NEED_OFFICE is set but LibreOffice is missing"
    book = tmp_path / "report.xlsx"
    with unit_of_work(demo[0]) as s:
        book.write_bytes(exports.excel_report(s, demo[1], AS_OF, "ru"))
    done = subprocess.run(
        [OFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
        check=False,
    )
    pdf = tmp_path / "report.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stderr.decode(errors="replace")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    pages = text.count("\f")
    assert pages >= len(load_workbook(book).sheetnames)
    # the last data day, 27 November, does not end its month: the channels sheet covers October
    for word in ("Демо-магазин", "Выручка", "Каналы за октябрь 2026", "Расходы — как в выгрузках"):
        assert word in text
