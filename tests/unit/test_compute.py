import datetime as dt
import math

import pandas as pd
import pytest

from kpi_core.compute.series import (
    compare_last_periods,
    complete_periods,
    kpi_by_channel,
    kpi_series,
    kpi_value,
    period_start,
    select_measure_sources,
)
from tests.conftest import make_obs

# Monday 2 March 2026 and Tuesday 3 March: a small day with a high conversion and a big day with
# a low one, so the mean of daily ratios (5.5 %) differs from the ratio of sums (1.9 %).
WEEK = make_obs(
    [
        ("2026-03-02", "sessions", 100),
        ("2026-03-02", "orders", 10),
        ("2026-03-02", "revenue", 1000),
        ("2026-03-03", "sessions", 900),
        ("2026-03-03", "orders", 9),
        ("2026-03-03", "revenue", 9000),
    ]
)


def test_weekly_conversion_rate_is_ratio_of_sums():
    series = kpi_series(WEEK, "conversion_rate", "week")
    assert series.index.tolist() == [pd.Timestamp("2026-03-02")]
    assert series.iloc[0] == pytest.approx(19 / 1000 * 100)  # 1.9 %, not (10 % + 1 %) / 2 = 5.5 %


def test_weekly_average_order_value_is_ratio_of_sums():
    series = kpi_series(WEEK, "average_order_value", "week")
    assert series.iloc[0] == pytest.approx(10000 / 19)  # 526.32, not (100 + 1000) / 2 = 550


def test_daily_series_keeps_each_day():
    series = kpi_series(WEEK, "conversion_rate", "day")
    assert series.round(6).tolist() == [10.0, 1.0]


def test_zero_denominator_gives_no_value():
    obs = make_obs([("2026-03-02", "sessions", 0), ("2026-03-02", "orders", 0), ("2026-03-02", "revenue", 0)])
    assert math.isnan(kpi_series(obs, "conversion_rate", "week").iloc[0])
    assert math.isnan(kpi_series(obs, "average_order_value", "week").iloc[0])
    assert kpi_value(obs, "average_order_value", dt.date(2026, 3, 2), dt.date(2026, 3, 2)) is None


@pytest.mark.parametrize(
    ("day", "week_start"),
    [
        ("2026-03-02", "2026-03-02"),  # Monday starts its own week
        ("2026-03-08", "2026-03-02"),  # Sunday belongs to the week that began on Monday
        ("2026-03-09", "2026-03-09"),
        ("2026-01-01", "2025-12-29"),  # a week crossing the new year starts in December
    ],
)
def test_weeks_start_on_monday(day, week_start):
    assert period_start(pd.Series([pd.Timestamp(day)]), "week").iloc[0] == pd.Timestamp(week_start)


def test_sunday_and_monday_fall_in_different_weeks():
    obs = make_obs([("2026-03-08", "sessions", 5), ("2026-03-09", "sessions", 7)])
    series = kpi_series(obs, "sessions", "week")
    assert series.to_dict() == {pd.Timestamp("2026-03-02"): 5.0, pd.Timestamp("2026-03-09"): 7.0}


def test_monthly_sum_and_empty_months_have_no_value():
    obs = make_obs([("2026-01-10", "orders", 3), ("2026-01-31", "orders", 4), ("2026-03-01", "orders", 5)])
    series = kpi_series(obs, "orders", "month")
    assert series.index.tolist() == [pd.Timestamp("2026-01-01"), pd.Timestamp("2026-02-01"), pd.Timestamp("2026-03-01")]
    assert series.iloc[0] == 7.0 and math.isnan(series.iloc[1]) and series.iloc[2] == 5.0


def test_channel_kpis_read_only_their_channels():
    obs = make_obs(
        [
            ("2026-03-02", "sessions", "organic", 40),
            ("2026-03-02", "sessions", "social", 10),
            ("2026-03-02", "sessions", "paid_social", 5),
            ("2026-03-02", "sessions", "direct", 45),
        ]
    )
    assert kpi_series(obs, "organic_traffic", "week").iloc[0] == 40
    assert kpi_series(obs, "social_referrals", "week").iloc[0] == 15
    assert kpi_series(obs, "sessions", "week").iloc[0] == 100
    assert kpi_series(obs, "sessions", "week", channel="direct").iloc[0] == 45
    assert kpi_series(obs, "organic_traffic", "week", channel="direct").isna().all()


def test_organic_growth_against_previous_period():
    obs = make_obs([("2026-03-02", "sessions", "organic", 200), ("2026-03-09", "sessions", "organic", 250)])
    series = kpi_series(obs, "organic_traffic_growth", "week")
    assert math.isnan(series.iloc[0])
    assert series.iloc[1] == pytest.approx(25.0)
    assert kpi_value(obs, "organic_traffic_growth", dt.date(2026, 3, 9), dt.date(2026, 3, 15)) == pytest.approx(25.0)


def test_conversion_uses_buyers_per_visitor_when_exported():
    obs = make_obs(
        [
            ("2026-03-02", "buyers", 6),
            ("2026-03-02", "visitors", 300),
            ("2026-03-02", "orders", 9),
            ("2026-03-02", "sessions", 400),
        ]
    )
    assert kpi_series(obs, "conversion_rate", "week").iloc[0] == pytest.approx(2.0)


def test_romi_on_revenue_or_on_margin():
    obs = make_obs([("2026-03-02", "revenue", 5000), ("2026-03-02", "spend", 1000)])
    assert kpi_series(obs, "romi", "week").iloc[0] == pytest.approx(400.0)  # (5000 - 1000) / 1000
    assert kpi_series(obs, "romi", "week", margin_pct=30).iloc[0] == pytest.approx(50.0)  # (1500 - 1000) / 1000
    assert kpi_series(obs, "drr", "week").iloc[0] == pytest.approx(20.0)
    assert kpi_series(obs, "roas", "week").iloc[0] == pytest.approx(5.0)


def test_engagements_count_missing_parts_as_zero_and_nps():
    obs = make_obs(
        [
            ("2026-03-02", "likes", 30),
            ("2026-03-02", "comments", 5),
            ("2026-03-02", "reach", 700),
            ("2026-03-02", "nps_promoters", 50),
            ("2026-03-02", "nps_passives", 30),
            ("2026-03-02", "nps_detractors", 20),
        ]
    )
    assert kpi_series(obs, "engagements", "week").iloc[0] == 35.0
    assert kpi_series(obs, "engagement_rate", "week").iloc[0] == pytest.approx(5.0)
    assert kpi_series(obs, "nps", "week").iloc[0] == pytest.approx(30.0)


def test_durations_are_total_seconds_over_counts():
    obs = make_obs(
        [
            ("2026-03-02", "session_duration_s", 1200),
            ("2026-03-02", "sessions", 10),
            ("2026-03-03", "session_duration_s", 100),
            ("2026-03-03", "sessions", 10),
        ]
    )
    assert kpi_series(obs, "avg_session_duration", "week").iloc[0] == pytest.approx(65.0)


def test_one_source_per_measure():
    obs = make_obs([("2026-03-02", "sessions", 100), ("2026-03-02", "sessions", 90), ("2026-03-02", "orders", 4)])
    obs["source_id"] = [1, 2, 2]
    chosen = select_measure_sources(obs)
    assert sorted(zip(chosen["measure"], chosen["value"])) == [("orders", 4.0), ("sessions", 100.0)]
    preferred = select_measure_sources(obs, {"sessions": 2})
    assert sorted(zip(preferred["measure"], preferred["value"])) == [("orders", 4.0), ("sessions", 90.0)]


def test_kpi_by_channel_and_input_unchanged():
    obs = make_obs(
        [
            ("2026-03-02", "spend", "paid_search", 1000),
            ("2026-03-02", "new_customers", "paid_search", 4),
            ("2026-03-02", "spend", "paid_social", 600),
            ("2026-03-02", "new_customers", "paid_social", 0),
        ]
    )
    before = obs.copy()
    cac = kpi_by_channel(obs, "cac", dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert cac["paid_search"] == 250.0 and math.isnan(cac["paid_social"])
    pd.testing.assert_frame_equal(obs, before)


def test_compare_last_periods():
    assert compare_last_periods(pd.Series([80.0, 100.0])) == {"current": 100.0, "previous": 80.0, "change_pct": 25.0}
    assert compare_last_periods(pd.Series([0.0, 5.0]))["change_pct"] is None
    assert compare_last_periods(pd.Series([], dtype=float)) == {"current": None, "previous": None, "change_pct": None}


def test_missing_columns_are_refused():
    with pytest.raises(ValueError, match="lack the columns"):
        kpi_series(pd.DataFrame({"date": []}), "sessions")


@pytest.mark.parametrize(
    ("last_day", "period", "kept"),
    [
        ("2026-03-15", "week", ["2026-03-02", "2026-03-09"]),  # Sunday 15 March ends the second week
        ("2026-03-14", "week", ["2026-03-02"]),
        ("2026-03-31", "month", ["2026-03-01"]),
    ],
)
def test_complete_periods_drop_a_partial_last_period(last_day, period, kept):
    index = pd.to_datetime(["2026-03-02", "2026-03-09"] if period == "week" else ["2026-03-01"])
    series = pd.Series(1.0, index=index)
    result = complete_periods(series, dt.date.fromisoformat(last_day), period)
    assert [d.isoformat() for d in result.index.date] == kept


def test_formulas_in_plain_words():
    from kpi_core.catalog.registry import get_kpi

    assert get_kpi("average_order_value").formula_words("ru") == "Выручка / Заказы"
    assert get_kpi("bounce_rate").formula_words("en") == "(Bounces / Sessions) × 100"
    assert (
        get_kpi("organic_traffic_growth").formula_words("ru")
        == "(Визиты / прошлый период − 1) × 100, канал: Поиск (органика)"
    )
    assert (
        get_kpi("organic_traffic_growth").formula_words("en")
        == "(Sessions / previous period − 1) × 100, channel: Organic search"
    )


def test_same_period_last_year():
    from kpi_core.compute.series import compare_with_last_year

    weekly = pd.Series([40.0, 41.0, 50.0], index=pd.to_datetime(["2025-03-03", "2025-03-10", "2026-03-02"]))
    assert compare_with_last_year(weekly, "week") == {"current": 50.0, "last_year": 40.0, "change_pct": 25.0}
    monthly = pd.Series([100.0, 90.0], index=pd.to_datetime(["2025-02-01", "2026-02-01"]))
    assert compare_with_last_year(monthly, "month")["change_pct"] == pytest.approx(-10.0)
    assert compare_with_last_year(pd.Series([5.0], index=pd.to_datetime(["2026-03-02"])), "week")["last_year"] is None
