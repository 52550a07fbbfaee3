"""Best and worst channels only where the evidence holds; ROAS intervals by a paired bootstrap."""

import datetime as dt

import pytest

from kpi_core.analysis.channels import channel_table, channel_verdict, resampling_grain
from kpi_core.analysis.intervals import ratio_interval, ratio_of_ratios_interval
from tests.conftest import make_obs

START, END = dt.date(2026, 3, 1), dt.date(2026, 3, 28)


def daily(channel: str, days: int = 28, **per_day: float) -> list[tuple]:
    out = []
    for i in range(days):
        day = (START + dt.timedelta(days=i)).isoformat()
        out += [(day, measure, channel, value) for measure, value in per_day.items()]
    return out


def test_ratio_interval_of_constant_weeks_is_the_ratio():
    assert ratio_interval([100, 200, 300, 400], [50, 100, 150, 200]) == (2.0, 2.0)
    assert ratio_interval([1, 2], [1, 2]) is None  # too few periods
    assert ratio_interval([1, 2, 3], [0, 0, 0]) is None  # no spend
    low, high = ratio_interval([100, 260, 300, 380], [50, 100, 150, 200])
    assert low <= 1040 / 500 <= high and low < high


def test_ratio_of_ratios_interval():
    weeks = [100.0, 150.0, 120.0, 90.0]
    assert ratio_of_ratios_interval([3 * w for w in weeks], weeks, [2 * w for w in weeks], weeks) == (
        pytest.approx(1.5),
        pytest.approx(1.5),
    )


def test_e3_cac_gap_within_the_noise_names_no_channel():
    # E3: A spends 1000 for 10 customers, B 1000 for 20 → exact p = 0.0987
    obs = make_obs(
        [
            ("2026-03-02", "spend", "paid_social", 1000.0),
            ("2026-03-02", "new_customers", "paid_social", 10.0),
            ("2026-03-02", "spend", "paid_search", 1000.0),
            ("2026-03-02", "new_customers", "paid_search", 20.0),
        ]
    )
    verdict = channel_verdict(channel_table(obs, START, END), obs, START, END)
    assert (verdict.metric, verdict.best, verdict.worst, verdict.status) == (
        "cac",
        "paid_search",
        "paid_social",
        "no_evidence",
    )
    assert verdict.p == pytest.approx(0.0987, abs=1e-4)


def test_clear_cac_gap_names_best_and_worst():
    obs = make_obs(
        [
            ("2026-03-02", "spend", "paid_social", 1000.0),
            ("2026-03-02", "new_customers", "paid_social", 10.0),
            ("2026-03-02", "spend", "paid_search", 1000.0),
            ("2026-03-02", "new_customers", "paid_search", 40.0),
            ("2026-03-02", "spend", "display", 0.0),
        ]
    )
    verdict = channel_verdict(channel_table(obs, START, END), obs, START, END)
    assert verdict.status == "ok" and verdict.p < 0.05
    assert (verdict.best, verdict.worst) == ("paid_search", "paid_social")


def test_too_few_customers_is_said():
    obs = make_obs(
        [
            ("2026-03-02", "spend", "paid_social", 1000.0),
            ("2026-03-02", "new_customers", "paid_social", 2.0),
            ("2026-03-02", "spend", "paid_search", 1000.0),
            ("2026-03-02", "new_customers", "paid_search", 9.0),
        ]
    )
    assert channel_verdict(channel_table(obs, START, END), obs, START, END).status == "too_few"


def test_roas_verdict_by_paired_days_when_no_customers_are_reported():
    obs = make_obs(daily("paid_search", spend=100.0, revenue=300.0) + daily("paid_social", spend=100.0, revenue=200.0))
    assert resampling_grain(START, END) == "day"  # four weeks: days are resampled
    rows = channel_table(obs, START, END)
    search = next(r for r in rows if r.channel == "paid_search")
    assert (search.roas, search.roas_low, search.roas_high) == (3.0, pytest.approx(3.0), pytest.approx(3.0))
    verdict = channel_verdict(rows, obs, START, END)
    assert (verdict.metric, verdict.best, verdict.worst, verdict.status) == (
        "roas",
        "paid_search",
        "paid_social",
        "ok",
    )
    assert verdict.interval == (pytest.approx(1.5), pytest.approx(1.5))
    same = make_obs(daily("paid_search", spend=100.0, revenue=300.0) + daily("paid_social", spend=50.0, revenue=150.0))
    assert channel_verdict(channel_table(same, START, END), same, START, END).status == "no_evidence"


def test_one_paid_channel_gives_no_verdict():
    obs = make_obs(daily("paid_search", spend=100.0, revenue=300.0) + daily("organic", revenue=50.0))
    assert channel_verdict(channel_table(obs, START, END), obs, START, END).status == "none"
    assert resampling_grain(dt.date(2026, 1, 1), dt.date(2026, 2, 25)) == "week"
