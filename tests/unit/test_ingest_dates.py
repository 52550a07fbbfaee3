"""The far-date rule (kpi_core/ingest/dates.py): hand-computed cases, then through parse_file."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kpi_core.ingest.dates import date_runs, far_dates
from kpi_core.ingest.pipeline import parse_file

TODAY = dt.date(2026, 12, 1)


def days(*texts: str) -> pd.Series:
    """One date per source row."""
    return pd.Series(pd.to_datetime(list(texts)))


def stamps(*texts: str) -> list[pd.Timestamp]:
    return [pd.Timestamp(t) for t in texts]


@pytest.mark.parametrize(
    ("rows", "far"),
    [
        ((), ()),
        (("2025-01-01",), ()),  # one date: nothing to be far from
        (("2025-01-01",) * 5, ()),
        (("2025-01-01", "2025-12-31"), ()),  # two dates within a year: one run
        (("2025-01-01", "1900-01-01"), ("1900-01-01",)),  # the issue's file: a tie, 2025 is nearer today
        (("2020-01-01", "2020-01-01", "2020-01-01", "2025-01-01"), ("2025-01-01",)),  # more rows win over newer
        (("2024-01-01", "2024-01-02", "2025-01-02"), ()),  # 2 January a year on: exactly a year, not over
        (("2024-01-01", "2024-01-02", "2025-01-03"), ("2025-01-03",)),  # one day over the year
        (("2023-02-28", "2024-02-28", "2024-02-29"), ()),  # a leap day inside: still a year
        (("2020-01-01", "2020-01-02", "2023-01-01", "2023-01-02"), ()),  # two runs of two dates: both kept
        (("2020-01-01", "2022-01-01", "2024-01-01"), ("2020-01-01", "2022-01-01")),  # all years apart: the nearest
        (("2026-03-01",) * 10 + ("2020-01-01", "2020-01-02", "1900-01-01"), ("1900-01-01",)),
    ],
)
def test_far_dates_by_hand(rows, far):
    assert far_dates(days(*rows), TODAY) == stamps(*far)


def test_the_main_run_can_be_older_than_the_far_date():
    # ten days of March 2020 and a mistyped 2024-06-01: the main run is older, the stray one goes
    march = [f"2020-03-{d:02d}" for d in range(1, 11)]
    assert far_dates(days(*march, "2024-06-01"), TODAY) == stamps("2024-06-01")
    assert far_dates(days("1900-01-01", *march, "2024-06-01"), TODAY) == stamps("1900-01-01", "2024-06-01")


def test_a_date_after_today_is_left_to_the_future_check():
    # 2099 is never far (the future check lists it); 2025 ties with 2205 and is nearer today
    assert far_dates(days("2026-03-01", "2099-01-01"), TODAY) == []
    assert far_dates(days(*[f"2024-05-{d:02d}" for d in range(1, 20)], "2099-01-01"), TODAY) == []
    assert far_dates(days("2025-01-01", "2205-01-01", "1900-01-01"), TODAY) == stamps("1900-01-01")
    # without a day to compare with, the rows decide, then the latest run
    assert far_dates(days("2025-01-01", "1900-01-01")) == stamps("1900-01-01")
    assert far_dates(days("2026-03-01", "2099-01-01")) == stamps("2026-03-01")


def test_runs_count_rows_and_skip_missing_dates():
    runs = date_runs(
        pd.Series([pd.Timestamp("2024-01-01"), pd.NaT, pd.Timestamp("2024-01-01"), pd.Timestamp("1990-05-05")])
    )
    assert [(r.first, r.last, r.rows) for r in runs] == [
        (pd.Timestamp("1990-05-05"), pd.Timestamp("1990-05-05"), 1),
        (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-01"), 2),
    ]


def test_a_generic_daily_csv_with_a_stray_row():
    lines = ["date,sessions,orders"] + [f"2024-01-{d:02d},{100 + d},{d}" for d in range(1, 11)]
    lines.insert(5, "1900-01-01,999,99")  # the 5th data row: line 6 of the file
    parsed = parse_file(("\n".join(lines) + "\n").encode(), "shop.csv", today=TODAY)
    assert parsed.suspicious == [(6, "date 1900-01-01 is over a year from the other dates: not imported")]
    assert parsed.skipped == []
    inspection = parsed.inspection
    assert (inspection.date_min, inspection.date_max, inspection.rows) == ("2024-01-01", "2024-01-10", 10)
    assert inspection.totals == {"orders": 55.0, "sessions": 1055.0}
    assert (
        "1 row dated 1900-01-01 (a date over a year from the rest of the file) was not imported" in inspection.warnings
    )
    assert pd.Timestamp("1900-01-01") not in set(parsed.observations["date"])
    assert parsed.rows_read == 11


def test_the_issues_two_row_file():
    parsed = parse_file("Дата;Визиты;Заказы\n01.01.2025;120;4\n01.01.1900;7;1\n".encode(), "shop.csv", today=TODAY)
    assert parsed.suspicious == [(3, "date 1900-01-01 is over a year from the other dates: not imported")]
    assert parsed.inspection.totals == {"orders": 4.0, "sessions": 120.0}
    assert parsed.inspection.rows == 1


def test_one_date_and_two_close_dates_import_whole():
    one = parse_file(b"date,orders\n2025-01-01,3\n2025-01-01,4\n", "one.csv", today=TODAY)
    two = parse_file(b"date,orders\n2025-01-01,3\n2025-11-30,4\n", "two.csv", today=TODAY)
    for parsed in (one, two):
        assert parsed.suspicious == [] and parsed.inspection.totals == {"orders": 7.0}
        assert not [w for w in parsed.inspection.warnings if "over a year" in w]


def test_several_far_rows_are_counted_in_one_warning():
    lines = ["date,channel,orders"] + [f"2024-03-{d:02d},Direct,1" for d in range(1, 29)]
    lines += ["1900-01-01,Direct,5", "1900-01-01,Organic Search,5", "1970-01-01,Direct,5"]
    parsed = parse_file(("\n".join(lines) + "\n").encode(), "shop.csv", today=TODAY)
    assert [line for line, _ in parsed.suspicious] == [30, 31, 32]
    assert parsed.inspection.totals == {"orders": 28.0}
    assert "3 rows dated 1900-01-01, 1970-01-01 (2 dates over a year from the rest of the file) were not imported" in (
        parsed.inspection.warnings
    )


def test_weekly_file_keeps_its_grain_without_the_stray_date():
    mondays = pd.date_range("2025-01-06", periods=8, freq="7D")
    lines = ["date,sessions"] + [f"{d.date()},{70}" for d in mondays] + ["1901-01-02,70"]  # a Wednesday
    parsed = parse_file(("\n".join(lines) + "\n").encode(), "weekly.csv", today=TODAY)
    assert parsed.inspection.grain == "week"
    assert parsed.inspection.totals == {"sessions": 560.0}


def test_deal_list_rows_with_a_far_creation_or_closing_date():
    # amoCRM layout (FORMATS.md): deal 3 was created in 1900 (a blank date saved as a date), deal 4 was
    # won on a mistyped 2016: its lead counts in March, its sale and revenue are not imported
    text = (
        "ID,Название сделки,Бюджет,Дата создания сделки,Дата закрытия,Этап сделки\n"
        "1,Кухня,100,01.03.2026 10:00:00,05.03.2026 12:00:00,Успешно реализовано\n"
        "2,Шкаф,50,02.03.2026 11:00:00,,Переговоры\n"
        "3,Стол,20,01.01.1900 00:00:00,,Первичный контакт\n"
        "4,Полка,30,03.03.2026 09:00:00,04.03.2016 18:00:00,Успешно реализовано\n"
    )
    parsed = parse_file(text.encode(), "deals.csv", today=TODAY)
    assert parsed.inspection.source == "amocrm"
    assert parsed.suspicious == [
        (4, "date 1900-01-01 is over a year from the other dates: not imported"),
        (5, "date 2016-03-04 is over a year from the other dates: not imported"),
    ]
    assert parsed.inspection.totals == {"deals_won": 1.0, "leads": 3.0, "revenue": 100.0}
    assert parsed.inspection.rows == 3  # deal 3 is out; deal 4 still counts as a lead
