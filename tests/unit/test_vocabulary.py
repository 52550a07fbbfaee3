"""The names real exports use (../shared/FORMATS.md): Metrica Reports API raw names, GA4's current
metric names, their traffic sources. Each name maps to its measure or channel, and the layout
cases built from them import with the totals worked out by hand."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from kpi_core.catalog.registry import MEASURES
from kpi_core.ingest.channels import normalise_channel
from kpi_core.ingest.pipeline import parse_file
from kpi_core.ingest.presets import PRESETS, recognise
from kpi_core.ingest.presets.base import pattern
from kpi_core.ingest.rules import ColumnRule, generic_match, is_date_header
from kpi_core.ingest.values import parse_duration_column, parse_number_column, rate_to_fraction
from tests.fixtures.layouts import ga4_names, metrica_api

METRICA_API = PRESETS["yandex_metrica_api"]
GA4 = PRESETS["ga4"]

# --- Yandex.Metrica Reports API -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "rule"),
    [
        ("ym:s:visits", ColumnRule("sessions")),
        ("ym:s:users", ColumnRule("visitors")),
        ("ym:s:newUsers", ColumnRule("new_visitors")),
        ("ym:s:percentNewVisitors", ColumnRule("new_visitors", "rate", "visitors", percent=True)),
        ("ym:s:pageviews", ColumnRule("pageviews")),
        ("ym:s:bounceRate", ColumnRule("bounces", "rate", "sessions", percent=True)),
        ("ym:s:pageDepth", ColumnRule("pageviews", "avg", "sessions")),
        ("ym:s:avgVisitDurationSeconds", ColumnRule("session_duration_s", "avg", "sessions")),
        ("ym:s:ecommerceRevenue", ColumnRule("revenue")),
        ("ym:s:ecommercePurchases", ColumnRule("orders")),
        ("ym:pv:pageviews", ColumnRule("pageviews")),
        ("ym:pv:users", ColumnRule("visitors")),
        (" YM:S:VISITS ", ColumnRule("sessions")),  # compared as norm_header sees it
    ],
)
def test_metrica_api_names_map_to_their_rules(header, rule):
    assert METRICA_API.rule_for(header) == rule
    assert METRICA_API.confidence_for(header) == 1.0
    assert recognise(["ym:s:date", header]) is METRICA_API


def test_unique_counts_of_the_api_are_semi_additive():
    for header in ("ym:s:users", "ym:s:newUsers", "ym:pv:users"):
        rule = METRICA_API.rule_for(header)
        assert rule is not None and MEASURES[rule.measure].semi_additive


@pytest.mark.parametrize("header", ["ym:s:goal12345678reaches", "ym:s:goal1reaches", "YM:S:GOAL987654321REACHES"])
def test_goal_reaches_are_leads_to_review(header):
    assert METRICA_API.rule_for(header) == ColumnRule("leads")
    confidence = METRICA_API.confidence_for(header)
    assert confidence is not None and confidence < 1.0
    assert recognise(["ym:s:date", header]) is METRICA_API  # a pattern counts as a marker


@pytest.mark.parametrize(
    "header", ["ym:s:goalreaches", "ym:s:goal12345678conversionrate", "ym:s:goal12345678visits", "goal12reaches"]
)
def test_other_goal_metrics_are_not_leads(header):
    assert METRICA_API.rule_for(header) is None
    assert METRICA_API.confidence_for(header) is None


def test_metrica_api_dates_and_sources_are_found_not_mapped():
    headers = ["ym:s:date", "ym:s:lastSignTrafficSource", "ym:s:visits"]
    assert METRICA_API.find(headers, METRICA_API.date_headers) == 0
    assert METRICA_API.find(headers, METRICA_API.dimension_headers) == 1
    for name in ("ym:s:date", "ym:pv:date", "ym:s:startOfWeek", "ym:s:startOfMonth"):
        assert is_date_header(name) and METRICA_API.rule_for(name) is None
    for name in ("ym:s:lastSignTrafficSource", "ym:s:trafficSource", "ym:s:lastTrafficSource"):
        assert METRICA_API.find(["ym:s:visits", name], METRICA_API.dimension_headers) == 1
        assert METRICA_API.rule_for(name) is None


def test_the_report_export_still_goes_to_the_report_preset():
    assert recognise(["Дата визита", "Визиты", "Посетители", "Отказы"]) is PRESETS["yandex_metrica"]
    assert recognise(["Date", "Sessions", "Orders"]) is not METRICA_API


@pytest.mark.parametrize(
    ("name", "channel"),
    [
        ("Ad traffic", "paid_search"),
        ("Direct traffic", "direct"),
        ("Link traffic", "referral"),
        ("Internal traffic", "internal"),
        ("Search engine traffic", "organic"),
        ("Social network traffic", "social"),
        ("Recommendation system traffic", "referral"),
        ("Messenger traffic", "messenger"),
        ("Mailing traffic", "email"),
        ("Cached page traffic", "direct"),
        ("Undefined", "other"),
        ("Переходы по рекламе", "paid_search"),
        ("Прямые заходы", "direct"),
        ("Переходы по ссылкам на сайтах", "referral"),
        ("Внутренние переходы", "internal"),
        ("Переходы из поисковых систем", "organic"),
        ("Переходы из социальных сетей", "social"),
        ("Переходы из рекомендательных систем", "referral"),
        ("Переходы из мессенджеров", "messenger"),
        ("Переходы из почтовых рассылок", "email"),
        ("Переходы с сохранённых страниц", "direct"),
        ("Не определено", "other"),
        # the Logs API's ids for the same sources
        ("ad", "paid_search"),
        ("direct", "direct"),
        ("referral", "referral"),
        ("internal", "internal"),
        ("organic", "organic"),
        ("social", "social"),
        ("recommend", "referral"),
        ("messenger", "messenger"),
        ("email", "email"),
        ("saved", "direct"),
        ("undefined", "other"),
    ],
)
def test_metrica_traffic_sources_become_channels(name, channel):
    assert normalise_channel(name) == channel
    assert normalise_channel(f"  {name.upper()} ") == channel


# --- GA4 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "measure"),
    [
        ("Key events", "leads"),
        ("Conversions", "leads"),
        ("Total users", "visitors"),
        ("Active users", "visitors"),
        ("New users", "new_visitors"),
    ],
)
def test_ga4_names_map_to_their_measures(header, measure):
    assert GA4.rule_for(header) == ColumnRule(measure)
    # 'Conversions' is Google Ads' word too, so it is no GA4 marker: a second GA4 name decides
    assert recognise(["Date", "Sessions", "Session primary channel group (Default Channel Group)", header]) is GA4


@pytest.mark.parametrize("header", ["Total users", "Active users", "New users"])
def test_ga4_user_counts_are_semi_additive(header):
    rule = GA4.rule_for(header)
    assert rule is not None and MEASURES[rule.measure].semi_additive


def test_active_users_is_a_catalog_synonym():
    match = generic_match("Active users")
    assert match is not None and match.rule == ColumnRule("visitors") and match.confidence == 1.0


@pytest.mark.parametrize("header", ["Event count", "Nth day"])
def test_ga4_markers_that_are_no_measure_stay_unmapped(header):
    assert GA4.rule_for(header) is None
    assert generic_match(header) is None


def test_ga4_user_acquisition_headers_are_recognised():
    headers = [
        "First user primary channel group (Default Channel Group)",
        "Total users",
        "New users",
        "Event count",
        "Key events",
    ]
    assert recognise(headers) is GA4
    assert GA4.find(headers, GA4.dimension_headers) == 0
    assert GA4.find(["Session primary channel group (Default Channel Group)", "Sessions"], GA4.dimension_headers) == 0


def test_nth_day_is_a_date_column_of_the_ga4_preset_only():
    headers = ["Nth day", "Sessions", "Total users"]
    assert recognise(headers) is GA4
    assert GA4.find(headers, GA4.date_headers) == 0
    assert GA4.find(["Date", "Nth day", "Sessions"], GA4.date_headers) == 0  # a real date wins
    assert not is_date_header("Nth day")  # the pipeline turns offsets into days, not the date parser


# --- the pieces the names rely on ----------------------------------------------------------------


def test_a_pattern_matches_the_whole_lower_case_header():
    rule = pattern(r"goal\d+", ColumnRule("leads"), 0.5)
    assert rule.matches("Goal12") and not rule.matches("goal12 reaches") and not rule.matches("my goal12")
    with pytest.raises(ValueError):
        pattern(r"x", ColumnRule("leads"), 0.0)
    assert isinstance(rule.regex, re.Pattern)


def test_a_known_percent_scale_divides_once_even_when_every_value_is_small():
    small = parse_number_column(pd.Series(["0.5", "1.0", "0"]))
    assert rate_to_fraction(small).tolist() == pytest.approx([0.5, 1.0, 0.0])  # guessed: fractions
    assert rate_to_fraction(small, percent=True).tolist() == pytest.approx([0.005, 0.01, 0.0])
    points = parse_number_column(pd.Series(["25.0", "100.0"]))
    assert rate_to_fraction(points).tolist() == pytest.approx([0.25, 1.0])
    assert rate_to_fraction(points, percent=True).tolist() == pytest.approx([0.25, 1.0])  # never twice
    signed = parse_number_column(pd.Series(["8,97%"]))
    assert rate_to_fraction(signed, percent=False).tolist() == pytest.approx([0.0897])
    with pytest.raises(ValueError):
        ColumnRule("sessions", percent=True)


def test_plain_seconds_as_text_are_seconds():
    assert parse_duration_column(pd.Series(["102.5", "0.5", "60"])).tolist() == [102.5, 0.5, 60.0]


def test_plain_seconds_read_as_numbers_stay_seconds_below_one():
    # a CSV's float column (GA4 'Average session duration'): a tiny row's 0.4 s is not 0.4 of a day
    assert parse_duration_column(pd.Series([62.5, 0.4, 90.0])).tolist() == [62.5, 0.4, 90.0]
    # a column of spreadsheet times is still read as fractions of a day
    assert parse_duration_column(pd.Series([0.5, 0.25, 0.0])).tolist() == [43200.0, 21600.0, 0.0]


# --- the layout cases ---------------------------------------------------------------------------

CASES = [*metrica_api.CASES, *ga4_names.CASES]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_layout_cases_import_with_their_totals(case):
    inspection = parse_file(case.data, case.file_name).inspection
    assert {m: round(v, 6) for m, v in inspection.totals.items()} == pytest.approx(case.totals, abs=1e-6)
    assert set(inspection.totals) == set(case.totals)
    assert (inspection.date_min, inspection.date_max, inspection.grain) == (case.date_min, case.date_max, case.grain)


def test_metrica_api_sources_land_in_their_channels():
    case = next(c for c in metrica_api.CASES if c.name == "metrica_api_sources_by_day")
    observations = parse_file(case.data, case.file_name).observations
    sessions = observations[observations["measure"] == "sessions"].groupby("channel", observed=True)["value"].sum()
    assert sessions.to_dict() == {
        "direct": 100.0,
        "internal": 3.0,
        "organic": 350.0,
        "other": 10.0,
        "paid_search": 50.0,
        "referral": 20.0,
        "social": 40.0,
    }


def test_metrica_api_russian_sources_land_in_their_channels():
    case = next(c for c in metrica_api.CASES if c.name == "metrica_api_russian_sources")
    observations = parse_file(case.data, case.file_name).observations
    assert set(observations["channel"]) == {"messenger", "organic", "referral"}
