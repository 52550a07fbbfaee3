"""Period data (a total over a stated span, no day breakdown) in every number that reads observations.

The frame: paid search spend of 10 and revenue of 40 a day through February 2026 (280 and 1 120),
then a March report with no day rows — spend 3 100 and revenue 12 400 over 1–31 March — and a
10–23 March report of 5 200 impressions and 260 clicks. Each expectation below is worked out by
hand from those rows.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from kpi_core.analysis.channels import channel_table
from kpi_core.compute.cube import DailyTotals
from kpi_core.compute.series import complete_kpi_series, kpi_series, kpi_value
from kpi_core.goals.spec import GoalKPISpec
from kpi_core.monitor.pacing import pace_goal_kpi
from kpi_core.monitor.path import progress_path

D = dt.date


def _obs() -> pd.DataFrame:
    february = pd.date_range("2026-02-01", "2026-02-28")
    spend = pd.DataFrame({"date": february, "end": pd.NaT, "measure": "spend", "value": 10.0})
    revenue = pd.DataFrame({"date": february, "end": pd.NaT, "measure": "revenue", "value": 40.0})
    spans = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-03-01", "2026-03-01", "2026-03-10", "2026-03-10"]),
            "end": pd.to_datetime(["2026-03-31", "2026-03-31", "2026-03-23", "2026-03-23"]),
            "measure": ["spend", "revenue", "impressions", "clicks"],
            "value": [3100.0, 12400.0, 5200.0, 260.0],
        }
    )
    return pd.concat([spend, revenue, spans], ignore_index=True).assign(channel="paid_search")


def test_a_month_series_counts_the_span_in_its_month_only():
    series = kpi_series(_obs(), "revenue", "month")
    assert series.to_dict() == {pd.Timestamp("2026-02-01"): 1120.0, pd.Timestamp("2026-03-01"): 12400.0}


def test_a_day_series_never_draws_a_span_as_points():
    series = kpi_series(_obs(), "revenue", "day")
    assert series.loc["2026-02-01":"2026-02-28"].sum() == 1120.0
    assert series.loc["2026-03-01":].isna().all()  # March has no days to draw, only its total


def test_a_week_series_leaves_out_a_span_longer_than_a_week():
    series = kpi_series(_obs(), "ctr", "week")
    assert series.dropna().empty  # 10–23 March is two ISO weeks: no week contains it whole
    assert kpi_value(_obs(), "ctr", D(2026, 3, 9), D(2026, 3, 29)) == pytest.approx(260 / 5200 * 100)


def test_a_ratio_over_a_month_of_spans_is_the_ratio_of_their_sums():
    assert kpi_value(_obs(), "roas", D(2026, 3, 1), D(2026, 3, 31)) == pytest.approx(12400 / 3100)
    assert kpi_value(_obs(), "drr", D(2026, 3, 1), D(2026, 3, 31)) == pytest.approx(3100 / 12400 * 100)
    assert kpi_value(_obs(), "roas", D(2026, 3, 1), D(2026, 3, 30)) is None  # one day short: no value


def test_window_totals_are_the_same_from_the_frame_and_from_the_cube():
    obs, cube = _obs(), DailyTotals(_obs())
    windows = [(D(2026, 2, 1), D(2026, 3, 31)), (D(2026, 2, 15), D(2026, 3, 31)), (D(2026, 3, 5), D(2026, 3, 31))]
    expected = [1120.0 + 12400.0, 14 * 40.0 + 12400.0, None]
    for (a, b), want in zip(windows, expected, strict=True):
        assert kpi_value(obs, "revenue", a, b) == kpi_value(cube, "revenue", a, b) == want


def test_the_latest_complete_month_is_the_span_month():
    series = complete_kpi_series(_obs(), "revenue", "month", D(2026, 4, 15))
    assert series.to_dict() == {pd.Timestamp("2026-02-01"): 1120.0, pd.Timestamp("2026-03-01"): 12400.0}


def test_pacing_counts_a_span_the_goal_window_contains():
    spec = GoalKPISpec(kpi="revenue", kind="total", target=12000)
    pace = pace_goal_kpi(_obs(), spec, D(2026, 3, 1), D(2026, 3, 31), D(2026, 4, 5))
    assert (pace.actual, pace.status) == (12400.0, "achieved")


def test_pacing_leaves_out_a_span_reaching_outside_the_goal_window():
    spec = GoalKPISpec(kpi="revenue", kind="total", target=12000)
    pace = pace_goal_kpi(_obs(), spec, D(2026, 3, 15), D(2026, 4, 30), D(2026, 4, 5))
    assert pace.status == "no_data" and pace.actual is None


def test_a_span_enters_the_running_total_only_once_it_has_ended():
    spec = GoalKPISpec(kpi="revenue", kind="total", target=30000)
    path = progress_path(_obs(), spec, D(2026, 3, 1), D(2026, 5, 31), D(2026, 4, 12), period="week")
    march = path[path["day"] < pd.Timestamp("2026-03-31")]
    after = path[path["day"] >= pd.Timestamp("2026-03-31")]
    assert march["actual"].isna().all()  # no day of March shows a share of the month's total
    assert after["actual"].tolist() == [12400.0] * len(after) and len(after) == 2  # 5 and 12 April


def test_the_channel_table_counts_a_span_only_in_a_window_containing_it():
    whole = {row.channel: row for row in channel_table(_obs(), D(2026, 2, 1), D(2026, 3, 31))}["paid_search"]
    assert (whole.spend, whole.revenue) == (3380.0, 13520.0)
    assert whole.romi == pytest.approx((13520 - 3380) / 3380 * 100)
    assert whole.drr == pytest.approx(3380 / 13520 * 100)
    part = {row.channel: row for row in channel_table(_obs(), D(2026, 2, 1), D(2026, 3, 20))}["paid_search"]
    assert (part.spend, part.revenue) == (280.0, 1120.0)
    assert part.romi == pytest.approx(300.0)


def test_a_span_across_resampling_periods_gives_no_interval_rather_than_a_wrong_one():
    row = channel_table(_obs(), D(2026, 2, 1), D(2026, 3, 31))[0]
    assert row.roas == pytest.approx(13520 / 3380)
    assert row.roas_low is None and row.roas_high is None


def test_spans_cost_nothing_when_a_frame_has_none():
    daily = _obs().iloc[:56].drop(columns="end")
    assert kpi_value(daily, "roas", D(2026, 2, 1), D(2026, 2, 28)) == 4.0
    assert DailyTotals(daily).spans is None
    assert not math.isnan(DailyTotals(daily).window_sums(D(2026, 2, 1), D(2026, 2, 1), ["spend"])["spend"])
