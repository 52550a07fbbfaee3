"""The Excel report: a cover with the scorecard, a sheet per goal with native Excel charts, the
channels, the data and the KPI definitions (pure: a ``ReportData`` in, the workbook's bytes out).

Numbers go in as numbers with Excel number formats (money with the currency, percents as fractions
under a ``%`` format, dates as dates); text from users and files goes in as typed strings, so a goal
titled ``=HYPERLINK(…)`` stays the words it is. Charts are openpyxl's own (Excel draws them), so
the owner can restyle or copy them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kpi_core.analysis.channels import ChannelRow
from kpi_core.i18n.formatting import currency_symbol, t

HEADER = Font(bold=True)
TITLE = Font(bold=True, size=16)
FILL = PatternFill("solid", fgColor="E8EEF7")
STATUS_FILL = {
    "on_track": "D8F0DF",
    "achieved": "D8F0DF",
    "at_risk": "FCEBC8",
    "off_track": "F8D7D5",
    "missed": "F8D7D5",
}
SHEET_NAME = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in a sheet's name


@dataclass(frozen=True)
class ScoreRow:
    """One goal KPI on the scorecard: figures in the KPI's unit (``unit``: catalog.kpi.UNITS)."""

    goal: str
    kpi: str  # the KPI's name in the report's language
    unit: str
    target: float | None
    actual: float | None
    expected: float | None
    projected: float | None
    status: str  # the status id
    reason: str
    owner: str = ""


@dataclass(frozen=True)
class GoalPart:
    """A goal's sheet: its KPIs and, per KPI, actual and plan at each month's end."""

    title: str
    owner: str
    start: dt.date
    deadline: dt.date
    rows: list[ScoreRow]
    paths: list[pd.DataFrame]  # per row: day, actual, expected


@dataclass(frozen=True)
class ReportData:
    title: str  # the brand name, else the workspace's
    lang: str
    currency: str
    as_of: dt.date
    period: tuple[dt.date, dt.date] | None  # the data's first and last day
    scorecard: list[ScoreRow]
    goals: list[GoalPart]
    channels: list[ChannelRow]
    channel_names: dict[str, str]
    notes: list[str]
    data: pd.DataFrame  # report.table.wide_table
    definitions: list[tuple[str, str, str]]  # name, definition, formula in words
    status_words: dict[str, str] = field(default_factory=dict)


def build_workbook(report: ReportData) -> bytes:
    book = Workbook()
    formats = Formats(report.lang, report.currency)
    _cover(book.active, report, formats)
    used = {book.active.title}
    for part in report.goals:
        _goal_sheet(book.create_sheet(_sheet_name(part.title, used)), part, report, formats)
    _channels_sheet(book.create_sheet(_sheet_name(t("report.sheet_channels", report.lang), used)), report, formats)
    _data_sheet(book.create_sheet(_sheet_name(t("report.sheet_data", report.lang), used)), report, formats)
    _definitions_sheet(book.create_sheet(_sheet_name(t("report.sheet_definitions", report.lang), used)), report)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class Formats:
    """Excel number formats in the report's language; percents are written as fractions."""

    def __init__(self, lang: str, currency: str) -> None:
        symbol = currency_symbol(currency, lang).replace('"', "")
        self.money = f'#,##0" {symbol}"' if lang == "ru" else f'"{symbol}"#,##0'
        self.small_money = f'#,##0.00" {symbol}"' if lang == "ru" else f'"{symbol}"#,##0.00'
        self.date = "DD.MM.YYYY" if lang == "ru" else "YYYY-MM-DD"

    def of(self, unit: str) -> str:
        return {
            "money": self.money,
            "percent": "0.0%",
            "ratio": "0.00",
            "score": "0.0",
            "count": "#,##0",
            "duration": "#,##0",
        }.get(unit, "#,##0.00")


def _number(cell: Cell, value: float | None, unit: str, formats: Formats) -> None:
    """A figure in its unit as a number cell (a percent as a fraction), or an empty cell."""
    if value is None or pd.isna(value):
        return
    cell.value = float(value) / 100.0 if unit == "percent" else float(value)
    # money in whole units, and with kopecks where they still matter (under 100: a cost per click)
    cell.number_format = formats.small_money if unit == "money" and abs(float(value)) < 100 else formats.of(unit)


def _text(cell: Cell, value: object) -> None:
    """Text as a typed string: a user's or a file's words never become a formula; control characters a
    workbook cannot hold (a vertical tab pasted into a goal's title) are dropped."""
    cell.value = None if value is None else ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.data_type = "s"


def _sheet_name(title: str, used: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique in the workbook."""
    base = SHEET_NAME.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", title)).strip().strip("'") or "—"
    if len(base) > 31:  # cut at a word, with an ellipsis
        base = base[:30].rsplit(" ", 1)[0].rstrip(" ,.;:-") + "…"
    name, n = base, 2
    while name.lower() in {u.lower() for u in used} | {"history"}:  # Excel keeps "History" for itself
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def _headers(sheet: Worksheet, row: int, names: list[str]) -> None:
    """A header row; tall enough for a name that wraps onto a second line (printing does not grow it)."""
    sheet.row_dimensions[row].height = 30
    for column, name in enumerate(names, start=1):
        cell = sheet.cell(row, column)
        _text(cell, name)
        cell.font, cell.fill = HEADER, FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    """Column widths, and a printout one page wide in landscape (a PDF of the report reads like it)."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _score_table(sheet: Worksheet, top: int, rows: list[ScoreRow], report: ReportData, formats: Formats) -> int:
    """The scorecard's rows from ``top``; the next free row."""
    lang = report.lang
    keys = ("goal", "kpi", "owner", "target", "actual", "expected", "projected", "status", "reason")
    _headers(sheet, top, [t(f"report.col_{key}", lang) for key in keys])
    for offset, row in enumerate(rows, start=1):
        r = top + offset
        _text(sheet.cell(r, 1), row.goal)
        _text(sheet.cell(r, 2), row.kpi)
        for column in (1, 2):
            sheet.cell(r, column).alignment = Alignment(wrap_text=True, vertical="top")
        _text(sheet.cell(r, 3), row.owner)
        for column, value in zip((4, 5, 6, 7), (row.target, row.actual, row.expected, row.projected), strict=True):
            _number(sheet.cell(r, column), value, row.unit, formats)
        status = sheet.cell(r, 8)
        _text(status, report.status_words.get(row.status, row.status))
        if row.status in STATUS_FILL:
            status.fill = PatternFill("solid", fgColor=STATUS_FILL[row.status])
        _text(sheet.cell(r, 9), row.reason)
        sheet.cell(r, 9).alignment = Alignment(wrap_text=True, vertical="top")
    return top + len(rows) + 2


def _cover(sheet: Worksheet, report: ReportData, formats: Formats) -> None:
    lang = report.lang
    sheet.title = t("report.sheet_cover", lang)[:31]
    _text(sheet.cell(1, 1), report.title)
    sheet.cell(1, 1).font = TITLE
    _text(sheet.cell(2, 1), t("report.as_of", lang))
    sheet.cell(2, 2).value = report.as_of
    sheet.cell(2, 2).number_format = formats.date
    if report.period:
        _text(sheet.cell(3, 1), t("report.period", lang))
        for column, day in ((2, report.period[0]), (3, report.period[1])):
            sheet.cell(3, column).value = day
            sheet.cell(3, column).number_format = formats.date
    _text(sheet.cell(5, 1), t("report.scorecard", lang))
    sheet.cell(5, 1).font = HEADER
    if report.scorecard:
        after = _score_table(sheet, 6, report.scorecard, report, formats)
    else:
        _text(sheet.cell(6, 1), t("report.no_goals", lang))
        after = 8
    _text(sheet.cell(after, 1), report.notes[-1] if report.notes else None)  # the settings behind the numbers
    _widths(sheet, [30, 24, 16, 16, 16, 16, 16, 14, 70])


def _goal_sheet(sheet: Worksheet, part: GoalPart, report: ReportData, formats: Formats) -> None:
    lang = report.lang
    _text(sheet.cell(1, 1), part.title)
    sheet.cell(1, 1).font = TITLE
    _text(sheet.cell(2, 1), t("report.window", lang))
    for column, day in ((2, part.start), (3, part.deadline)):
        sheet.cell(2, column).value = day
        sheet.cell(2, column).number_format = formats.date
    if part.owner:
        _text(sheet.cell(3, 1), t("report.col_owner", lang))
        _text(sheet.cell(3, 2), part.owner)
    row = _score_table(sheet, 5, part.rows, report, formats)
    for score, path in zip(part.rows, part.paths, strict=True):
        if path.empty or path["actual"].isna().all():  # no data yet: no table, no empty chart
            continue
        _text(sheet.cell(row, 1), t("report.by_month", lang, kpi=score.kpi))
        sheet.cell(row, 1).font = HEADER
        _headers(
            sheet,
            row + 1,
            [
                t("report.col_month_end", lang),
                t("report.col_actual", lang),
                t("report.col_plan", lang),
                t("report.col_target", lang),
            ],
        )
        first = row + 2
        for offset, point in enumerate(path.itertuples(index=False)):
            r = first + offset
            sheet.cell(r, 1).value = point.day.date()
            sheet.cell(r, 1).number_format = formats.date
            _number(sheet.cell(r, 2), point.actual, score.unit, formats)
            _number(sheet.cell(r, 3), point.expected, score.unit, formats)
            _number(sheet.cell(r, 4), score.target, score.unit, formats)
        last = first + len(path) - 1
        chart = LineChart()
        chart.title = ILLEGAL_CHARACTERS_RE.sub("", score.kpi)
        chart.height, chart.width = 7.5, 16
        chart.y_axis.number_format = formats.of(score.unit)
        chart.x_axis.number_format = formats.date
        chart.add_data(Reference(sheet, min_col=2, max_col=4, min_row=first - 1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        for series in chart.series:
            series.smooth = False  # the months' values joined by straight lines, not curves that overshoot
        sheet.add_chart(chart, f"F{row}")
        row = max(last + 2, row + 16)  # the next table below this chart
    _widths(sheet, [30, 24, 16, 16, 16, 16, 16, 14, 70])


def _channels_sheet(sheet: Worksheet, report: ReportData, formats: Formats) -> None:
    lang = report.lang
    columns = [
        ("channel", None),
        ("spend", "money"),
        ("revenue", "money"),
        ("new_customers", "count"),
        ("cac", "money"),
        ("cac_low", "money"),
        ("cac_high", "money"),
        ("romi", "percent"),
        ("drr", "percent"),
        ("roas", "ratio"),
        ("roas_low", "ratio"),
        ("roas_high", "ratio"),
    ]
    _headers(sheet, 1, [t(f"report.ch_{name}", lang) for name, _ in columns])
    for r, channel in enumerate(report.channels, start=2):
        _text(sheet.cell(r, 1), report.channel_names.get(channel.channel, channel.channel))
        for column, (name, unit) in enumerate(columns[1:], start=2):
            _number(sheet.cell(r, column), getattr(channel, name, None), unit or "count", formats)
    for offset, note in enumerate(report.notes, start=len(report.channels) + 3):  # the window, the settings
        _text(sheet.cell(offset, 1), note)
    _widths(sheet, [26] + [15] * (len(columns) - 1))


def _data_sheet(sheet: Worksheet, report: ReportData, formats: Formats) -> None:
    data = report.data
    _headers(sheet, 1, [str(c) for c in data.columns])
    dated = {t("table.date", report.lang), t("table.to", report.lang)}
    channel = t("table.channel", report.lang)
    # whole counts without decimals, amounts with two (Excel prints "#,##0.##" as "346." for 346)
    whole = {name for name in data.columns if str(data[name].dtype) == "Int64"}
    for r, values in enumerate(data.itertuples(index=False), start=2):
        for column, (name, value) in enumerate(zip(data.columns, values, strict=True), start=1):
            cell = sheet.cell(r, column)
            if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
                continue
            if name in dated:
                cell.value, cell.number_format = value, formats.date
            elif name == channel:
                _text(cell, value)
            else:
                cell.value = float(value)
                cell.number_format = "#,##0" if name in whole else "#,##0.00"
    sheet.freeze_panes = "A2"
    _widths(sheet, [12] * len(data.columns))


def _definitions_sheet(sheet: Worksheet, report: ReportData) -> None:
    lang = report.lang
    _headers(sheet, 1, [t("report.col_kpi", lang), t("report.col_definition", lang), t("report.col_formula", lang)])
    for r, (name, definition, formula) in enumerate(report.definitions, start=2):
        for column, value in enumerate((name, definition, formula), start=1):
            _text(sheet.cell(r, column), value)
            sheet.cell(r, column).alignment = Alignment(wrap_text=True, vertical="top")
    _widths(sheet, [28, 70, 50])
