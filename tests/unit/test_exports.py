"""Every export fixture: source, layout, mapping and exact totals (numbers from make_exports.py)."""

from pathlib import Path

import pytest

from kpi_core.ingest.pipeline import parse_file

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"

# file: (inspect fields, mapping, totals). Totals are worked out from the rules in make_exports.py.
GOOD = {
    "yandex_metrica_sources.csv": (
        {
            "source": "yandex_metrica",
            "encoding": "utf-8-sig",
            "delimiter": ",",
            "header_row": 0,
            "grain": "day",
            "rows": 14,
            "date_column": "Дата визита",
            "date_min": "2025-09-01",
            "date_max": "2025-09-07",
            "dimension_column": "Источник трафика",
        },
        {
            "Визиты": "sessions",
            "Посетители": "visitors",
            "Отказы": "bounces",
            "Глубина просмотра": "pageviews",
            "Время на сайте": "session_duration_s",
        },
        # 7 × (100 + 50) visits; bounces 7 × (0.2·100 + 0.4·50); pageviews 7 × (2.5·100 + 2·50);
        # seconds 7 × (100·100 + 120·50)
        {"sessions": 1050, "visitors": 840, "bounces": 280, "pageviews": 2450, "session_duration_s": 112000},
    ),
    "ga4_channels.csv": (
        {
            "source": "ga4",
            "encoding": "utf-8",
            "delimiter": ",",
            "decimal": ".",
            "header_row": 8,
            "grain": "day",
            "rows": 10,
            "date_column": "Date",
            "date_min": "2024-01-01",
            "date_max": "2024-01-05",
            "dimension_column": "Session primary channel group (Default Channel Group)",
        },
        {
            "Sessions": "sessions",
            "Total users": "visitors",
            "Transactions": "orders",
            "Total revenue": "revenue",
            "Bounce rate": "bounces",
        },
        # 5 days × (200 + 100) sessions; bounces 5 × (0.5·200 + 0.25·100); revenue 5 × (400.50 + 250)
        {"sessions": 1500, "visitors": 1200, "orders": 30, "revenue": 3252.5, "bounces": 625},
    ),
    "google_ads_report.csv": (
        {
            "source": "google_ads",
            "encoding": "utf-16",
            "delimiter": "\t",
            "header_row": 2,
            "grain": "day",
            "rows": 7,
            "date_column": "Day",
            "date_min": "2026-06-01",
            "date_max": "2026-06-07",
        },
        {"Impr.": "impressions", "Clicks": "clicks", "Cost": "spend"},
        # 7 × 1,000 impressions, 7 × 50 clicks, 7 × 120.50 cost; Conversions wait for "orders or leads?"
        {"impressions": 7000, "clicks": 350, "spend": 843.5},
    ),
    "meta_ads_export.csv": (
        {
            "source": "meta_ads",
            "header_row": 0,
            "rows": 6,
            "date_column": "Day",
            "date_min": "2026-08-01",
            "date_max": "2026-08-03",
        },
        {
            "Reach": "reach",
            "Impressions": "impressions",
            "Amount spent (RUB)": "spend",
            "Link clicks": "clicks",
            "Results → leads": "leads",
        },
        # 3 days × (1,200 + 300) reach, (2,400 + 900) impressions, (1,250.50 + 499.50) spent, 40 clicks;
        # results 5 + 1 a day, each "actions:lead"
        {"reach": 4500, "impressions": 9900, "spend": 5250, "clicks": 120, "leads": 18},
    ),
    "yandex_direct_wizard.csv": (
        {
            "source": "yandex_direct",
            "encoding": "windows-1251",
            "delimiter": ";",
            "decimal": ",",
            "header_row": 3,
            "grain": "day",
            "rows": 10,
            "date_column": "Дата",
            "date_min": "2026-03-01",
            "date_max": "2026-03-05",
            "dimension_column": "Тип площадки",
        },
        {"Показы": "impressions", "Клики": "clicks", "Расход (руб.)": "spend", "Конверсии": "leads"},
        # 5 days × (2 000 + 10 000) impressions, (100 + 50) clicks, (1 500,50 + 300,25) spend, (4 + 1) conversions
        {"impressions": 60000, "clicks": 750, "spend": 9003.75, "leads": 25},
    ),
    "yandex_direct_api.tsv": (
        {
            "source": "yandex_direct",
            "delimiter": "\t",
            "header_row": 1,
            "rows": 6,
            "date_column": "Date",
            "date_min": "2026-03-01",
            "date_max": "2026-03-03",
            "dimension_column": "AdNetworkType",
        },
        {"Impressions": "impressions", "Clicks": "clicks", "Cost": "spend", "Conversions": "leads"},
        {"impressions": 18000, "clicks": 180, "spend": 3001.5, "leads": 6},
    ),
    "vk_ads_stats.xlsx": (
        {
            "source": "vk_ads",
            "sheet": "Статистика",
            "header_row": 0,
            "rows": 4,
            "date_column": "Дата",
            "date_min": "2026-04-01",
            "date_max": "2026-04-04",
        },
        {"Показы": "impressions", "Клики": "clicks", "Потрачено, ₽": "spend", "Охват": "reach"},
        # impressions 5000..5300 step 100; clicks 60..63; spend 700.25..703.25; reach 4 × 3000
        {"impressions": 20600, "clicks": 246, "spend": 2807, "reach": 12000},
    ),
    "amocrm_deals.csv": (
        {
            "source": "amocrm",
            "grain": "record",
            "rows": 6,
            "date_column": "Дата создания сделки",
            "date_min": "2026-03-01",
            "date_max": "2026-03-06",
        },
        {"Дата создания сделки": "leads", "Этап сделки": "deals_won", "Бюджет": "revenue"},
        # 6 deals; won 101 (150 000) and 104 (45 500); lost 103 and 106
        {"leads": 6, "deals_won": 2, "deals_lost": 2, "revenue": 195500},
    ),
    "bitrix24_deals.xls": (
        {"source": "bitrix24", "grain": "record", "rows": 4, "date_min": "2026-03-10", "date_max": "2026-03-13"},
        {"Дата создания": "leads", "Стадия сделки": "deals_won", "Сумма": "revenue"},
        # won: "Сделка успешна" 100 000 and "C14:WON" 55 000,50; lost: "Сделка провалена"
        {"leads": 4, "deals_won": 2, "deals_lost": 1, "revenue": 155000.5},
    ),
    "handmade_months.xlsx": (
        {
            "source": "generic",
            "sheet": "2025",
            "header_row": 2,
            "grain": "month",
            "rows": 3,
            "date_column": "Месяц",
            "date_min": "2025-01-01",
            "date_max": "2025-03-01",
        },
        {"Выручка, ₽": "revenue", "Заказы": "orders", "Расходы, руб.": "spend"},
        # 100 000 + 110 000 + 120 000; 50 + 51 + 52; 3 × "12 500,50 ₽"
        {"revenue": 330000, "orders": 153, "spend": 37501.5},
    ),
    "nps_answers.csv": (
        {"source": "generic", "rows": 6, "date_min": "2026-05-01", "date_max": "2026-05-02"},
        {"Оценка": "nps"},
        # answers 10, 9 | 7, 8 | 3, 0
        {"nps_promoters": 2, "nps_passives": 2, "nps_detractors": 2},
    ),
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_export_fixture(name):
    fields, mapping, totals = GOOD[name]
    parsed = parse_file((EXPORTS / name).read_bytes(), name)
    inspection = parsed.inspection.as_dict()
    assert {key: inspection[key] for key in fields} == fields
    assert inspection["mapping"] == mapping
    assert inspection["totals"] == pytest.approx(totals)
    assert set(parsed.observations["measure"]) == set(totals)
    expected = WARNINGS.get(name, [])
    assert len(inspection["warnings"]) == len(expected)
    assert all(w.startswith(e) for w, e in zip(inspection["warnings"], expected, strict=True))


WARNINGS = {
    # two campaigns a day: their reach is added up, which counts a person reached by both twice
    "meta_ads_export.csv": ["'Reach' counts unique people and was added up"],
    "google_ads_report.csv": ["'Conversions' can be orders or leads and was not imported"],
    # sessions by country below the daily table: the same sessions again, not imported
    "ga4_channels.csv": ["the file holds 2 tables; the one with its header on line 9 was imported"],
}


@pytest.mark.parametrize("answer", ["orders", "leads"])
def test_google_ads_conversions_are_what_the_user_says(answer):
    data = (EXPORTS / "google_ads_report.csv").read_bytes()
    parsed = parse_file(data, "google_ads_report.csv", mapping={"Conversions": answer})
    assert parsed.inspection.totals[answer] == 18  # 6 days × 3.00, the 7th day " --"
    assert parsed.inspection.questions == {} and parsed.inspection.mapping["Conversions"] == answer


def test_totals_rows_are_skipped_with_their_line_numbers():
    assert parse_file((EXPORTS / "yandex_metrica_sources.csv").read_bytes(), "m.csv").skipped == [(2, "totals row")]
    assert parse_file((EXPORTS / "yandex_direct_wizard.csv").read_bytes(), "d.csv").skipped == [(15, "totals row")]
    assert parse_file((EXPORTS / "google_ads_report.csv").read_bytes(), "g.csv").skipped == [(11, "totals row")]
    assert parse_file((EXPORTS / "yandex_direct_api.tsv").read_bytes(), "a.tsv").skipped == [(9, "totals row")]


def test_channels_are_normalised():
    metrica = parse_file((EXPORTS / "yandex_metrica_sources.csv").read_bytes(), "m.csv").observations
    assert sorted(metrica["channel"].unique()) == ["direct", "organic"]
    direct = parse_file((EXPORTS / "yandex_direct_wizard.csv").read_bytes(), "d.csv").observations
    spend = direct[direct["measure"] == "spend"].groupby("channel")["value"].sum().to_dict()
    assert spend == pytest.approx({"paid_search": 7502.5, "display": 1501.25})  # поиск / сети
    meta = parse_file((EXPORTS / "meta_ads_export.csv").read_bytes(), "x.csv").observations
    assert set(meta["channel"]) == {"paid_social"}


def test_deals_count_on_their_days():
    deals = parse_file((EXPORTS / "amocrm_deals.csv").read_bytes(), "a.csv").observations
    won = deals[deals["measure"] == "revenue"].set_index("date")["value"].to_dict()
    assert {d.date().isoformat(): v for d, v in won.items()} == {"2026-03-05": 195500.0}  # both closed on 5 March
