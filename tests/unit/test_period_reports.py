"""Stated periods, summary rows and mixed result columns, piece by piece (the whole files are in
tests/fixtures/layouts and tests/test_layouts.py)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from kpi_core.ingest.errors import IngestError
from kpi_core.ingest.period import ALL_TIME, Period, stated_period, typed_period
from kpi_core.ingest.pipeline import parse_file
from kpi_core.ingest.results import result_kind
from kpi_core.ingest.summary import find_summary_rows, is_total_label

D = dt.date


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Campaign report", "January 1, 2026 - January 31, 2026"], Period(D(2026, 1, 1), D(2026, 1, 31))),
        (["Отчёт", "1 января 2026 г. - 31 января 2026 г."], Period(D(2026, 1, 1), D(2026, 1, 31))),
        (["Campaign report", "9 mei 2020 - 7 juni 2020"], Period(D(2020, 5, 9), D(2020, 6, 7))),
        (
            ["Клиент: Лавка (shop)", "Отчет: Мастер отчетов", "Период: 01.03.2026 - 31.03.2026"],
            Period(D(2026, 3, 1), D(2026, 3, 31)),
        ),
        (["# Start date: 20251204", "# End date: 20251231"], Period(D(2025, 12, 4), D(2025, 12, 31))),
        (["Campaign report", "All time"], ALL_TIME),
        (["Продажи 2025 - 2026", "Заметки"], None),
        (["Отчет: Мастер отчетов"], None),
        ([], None),
    ],
)
def test_stated_periods(lines, expected):
    assert stated_period(lines) == expected


def test_period_grains():
    assert Period(D(2026, 2, 1), D(2026, 2, 28)).grain == "month"
    assert Period(D(2026, 3, 2), D(2026, 3, 8)).grain == "week"  # Monday to Sunday
    assert Period(D(2026, 3, 1), D(2026, 3, 7)).grain == "span"  # Sunday to Saturday
    assert Period(D(2026, 1, 1), D(2026, 3, 31)).grain == "span"


def test_typed_periods():
    assert typed_period("2026-03-01..2026-03-31") == Period(D(2026, 3, 1), D(2026, 3, 31))
    assert typed_period("01.03.2026 - 15.03.2026") == Period(D(2026, 3, 1), D(2026, 3, 15))
    assert typed_period("2024-02") == Period(D(2024, 2, 1), D(2024, 2, 29))
    assert typed_period("март 2026") == typed_period("03.2026") == Period(D(2026, 3, 1), D(2026, 3, 31))
    for bad in ("March", "2020-01-01..2026-01-01", "2026-13"):
        with pytest.raises(IngestError, match="could not be read"):
            typed_period(bad)
    with pytest.raises(IngestError, match="ends before it starts"):
        typed_period("2026-03-31..2026-03-01")


def test_total_labels():
    assert [is_total_label(v) for v in ("Итого", "ИТОГО", "Всего", "Итого: аккаунт", "Totaal: Account")] == [True] * 5
    assert [is_total_label(v) for v in ("Total Sale", "Итоговая распродажа", "", None, "Total users")] == [False] * 5


def _summary(labels, numbers):
    frame = pd.DataFrame({0: labels})
    columns = {i + 1: pd.Series(column, dtype="float64") for i, column in enumerate(numbers)}
    return find_summary_rows(frame, columns, np.zeros(len(labels), dtype=int), 0)


def test_an_empty_label_is_a_total_only_when_its_numbers_are_the_sum():
    # Meta's account row (the sum) is dropped; Direct's autotargeting row (not the sum) stays
    found = _summary([None, "A", "B", None], [[60.0, 30.0, 20.0, 10.0], [6.0, 3.0, 2.0, 1.0]])
    assert found.rows.tolist() == [True, False, False, False] and found.disagreements == []


def test_labelled_totals_go_and_the_largest_is_checked():
    # "Total: Account" counts a removed campaign: dropped, and both figures reported
    found = _summary(["A", "B", "Total: Account", "Total: Search"], [[10.0, 20.0, 35.0, 10.0]])
    assert found.rows.tolist() == [False, False, True, True]
    assert found.disagreements == [(1, 35.0, 30.0)]
    # within rounding of two decimals over the rows: the same
    assert _summary(["A", "B", "Итого"], [[10.004, 20.004, 30.0]]).disagreements == []


def test_a_days_total_between_its_channels_is_not_a_channel():
    text = (
        "date,channel,sessions\n2026-03-01,organic,10\n2026-03-01,direct,5\n2026-03-01,Итого,15\n2026-03-02,organic,7\n"
    )
    parsed = parse_file(text.encode(), "days.csv")
    assert parsed.inspection.totals == {"sessions": 22.0}
    assert parsed.skipped == [(4, "totals row")]


def test_an_undated_row_equal_to_the_sum_is_a_total():
    text = (
        "Day,Campaign name,Amount spent (RUB),Impressions,Reach\n,,30.00,300,90\n"
        "2026-04-01,A,10.00,100,50\n2026-04-02,A,20.00,200,60\n"
    )
    parsed = parse_file(text.encode(), "meta.csv")
    assert parsed.skipped == [(2, "totals row")] and parsed.inspection.quality["score"] == 100


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("actions:offsite_conversion.fb_pixel_purchase", "orders"),
        ("Website purchases", "orders"),
        ("Покупки на сайте", "orders"),
        ("actions:lead", "leads"),
        ("leadgen.other", "leads"),
        ("Лиды (форма)", "leads"),
        ("Kundeemner (skjema)", "leads"),
        ("Registrations completed", "leads"),
        ("actions:mobile_app_install", None),
        ("Link clicks", None),
        ("", None),
    ],
)
def test_result_kinds(text, kind):
    assert result_kind(text) == kind


def test_vk_results_without_the_objective_are_asked():
    text = "Дата;Название объявления;Показы;Клики;Потрачено, ₽;Результат\n01.03.2026;Весна;1000;10;500,00;3\n"
    parsed = parse_file(text.encode(), "vk.csv")
    assert parsed.inspection.source == "vk_ads" and parsed.inspection.questions == {"Результат": ["orders", "leads"]}
    assert "orders" not in parsed.inspection.totals and "leads" not in parsed.inspection.totals
    answered = parse_file(text.encode(), "vk.csv", mapping={"Результат": "leads"})
    assert answered.inspection.totals["leads"] == 3 and answered.inspection.questions == {}


def test_vk_results_with_the_objective_are_split():
    text = (
        "Дата;Название объявления;Цель;Показы;Потрачено, ₽;Результат\n"
        "01.03.2026;Весна;Покупки на сайте;1000;500,00;3\n01.03.2026;Анкета;Лиды;800;300,00;7\n"
    )
    parsed = parse_file(text.encode(), "vk.csv")
    assert parsed.inspection.totals == {"impressions": 1800, "spend": 800.0, "orders": 3, "leads": 7}


def test_a_period_report_keeps_its_span_on_every_observation():
    case = (
        "Отчет: Мастер отчетов\nПериод: 10.03.2026 - 23.03.2026\n\nКампания;Показы;Клики;Расход (руб.)\n"
        "Бренд;1 000;10;500,00\nОбщие;2 000;20;700,00\nРСЯ;3 000;5;100,00\n"
    )
    obs = parse_file(case.encode(), "direct.csv").observations
    assert obs["date"].unique().tolist() == [pd.Timestamp("2026-03-10")]
    assert obs["end"].unique().tolist() == [pd.Timestamp("2026-03-23")]


def test_a_note_under_the_table_is_no_remark_but_a_row_without_its_date_is():
    text = (
        "Дата;Визиты;Заказы\n01.03.2026;100;2\n02.03.2026;120;3\nвчера;50;1\nИтого;270;6\n\n"
        "Примечание: визиты по Метрике, заказы по CRM\n"
    )
    parsed = parse_file(text.encode(), "sales.csv")
    assert parsed.skipped == [(4, "no date"), (5, "totals row"), (7, "note")]
    assert parsed.inspection.totals == {"sessions": 220.0, "orders": 5.0}
    quality = parsed.inspection.quality
    # five rows read (the blank line is not), one with a remark: 100 × (1 − 1/5) = 80
    assert (quality["rows_read"], quality["skipped"], quality["score"]) == (5, 1, 80)
