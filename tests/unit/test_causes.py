"""Cause hints in the method's words, each from hand-computed evidence."""

from dataclasses import fields, replace

import pytest

from kpi_core.analysis.causes import cause_hints, too_little_budget, weak_strategy, wrong_channel
from kpi_core.analysis.channels import ChannelRow, ChannelVerdict
from kpi_core.analysis.explain import parse_period
from tests.conftest import make_obs


def row(channel: str, spend: float | None, cac: float | None, roas: float | None) -> ChannelRow:
    """A channel row with only what the hints read; every other measure absent."""
    absent = dict.fromkeys(f.name for f in fields(ChannelRow))
    return ChannelRow(**{**absent, "channel": channel, "spend": spend, "cac": cac, "roas": roas})


ROWS = [
    row("paid_search", 1000.0, cac=25.0, roas=4.0),
    row("paid_social", 3000.0, cac=100.0, roas=1.0),
    row("organic", None, cac=None, roas=None),
]
OK = ChannelVerdict(metric="cac", best="paid_search", worst="paid_social", p=None, interval=None, status="ok")


def test_wrong_channel_when_the_worst_holds_the_largest_share():
    hint = wrong_channel(ROWS, OK)
    assert hint["cause"] == "wrong_channel" and hint["chart"] == "channels"
    assert hint["evidence"] == {
        "channel": "paid_social",
        "best": "paid_search",
        "share": 75.0,  # 3000 of 4000
        "metric": "cac",
        "value": 100.0,
        "best_value": 25.0,
    }


def test_no_wrong_channel_without_evidence_or_when_the_best_holds_the_budget():
    assert wrong_channel(ROWS, replace(OK, status="no_evidence")) is None
    swapped = [replace(ROWS[0], spend=5000.0), ROWS[1]]
    assert wrong_channel(swapped, OK) is None


def months(before: dict, after: dict, channel: str = "paid_search") -> list[tuple]:
    return [("2026-01-15", m, channel, v) for m, v in before.items()] + [
        ("2026-02-15", m, channel, v) for m, v in after.items()
    ]


def test_too_little_budget_when_spend_fell_and_cac_held():
    obs = make_obs(months({"spend": 1000, "new_customers": 10}, {"spend": 800, "new_customers": 8.4}))
    hint = too_little_budget(obs, ["paid_search"], parse_period("2026-02"), parse_period("2026-01"))
    assert hint["evidence"]["spend_change"] == pytest.approx(-20.0)
    assert hint["evidence"]["metric"] == "cac"
    assert hint["evidence"]["efficiency_change"] == pytest.approx((800 / 8.4 / 100 - 1) * 100)  # −4.76 %
    worse = make_obs(months({"spend": 1000, "new_customers": 10}, {"spend": 800, "new_customers": 4}))
    assert too_little_budget(worse, ["paid_search"], parse_period("2026-02"), parse_period("2026-01")) is None
    roas = make_obs(months({"spend": 1000, "revenue": 3000}, {"spend": 700, "revenue": 2200}))
    hint = too_little_budget(roas, ["paid_search"], parse_period("2026-02"), parse_period("2026-01"))
    assert hint["evidence"]["metric"] == "roas"
    assert hint["evidence"]["efficiency_change"] == pytest.approx((2200 / 700 / 3 - 1) * 100)  # +4.76 %


def test_weak_strategy_when_traffic_held_and_conversion_fell():
    obs = make_obs(
        months(
            {"sessions": 10000, "orders": 200, "revenue": 10000},
            {"sessions": 10000, "orders": 150, "revenue": 7500},
            channel="all",
        )
    )
    hint = weak_strategy(obs, "2026-02", "2026-01")
    assert hint["chart"] == "why"
    assert hint["evidence"] == {"traffic_change": 0.0, "factor": "conversion", "effect": pytest.approx(-2500.0)}
    fewer_visits = make_obs(
        months(
            {"sessions": 10000, "orders": 200, "revenue": 10000},
            {"sessions": 8000, "orders": 120, "revenue": 6000},
            channel="all",
        )
    )
    assert weak_strategy(fewer_visits, "2026-02", "2026-01") is None


def test_all_hints_together():
    obs = make_obs(
        months({"spend": 1000, "new_customers": 10}, {"spend": 800, "new_customers": 8.4})
        + months(
            {"sessions": 10000, "orders": 200, "revenue": 10000},
            {"sessions": 10000, "orders": 150, "revenue": 7500},
            channel="organic",
        )
    )
    hints = cause_hints(obs, "2026-02", "2026-01", ROWS, OK, ["paid_search"])
    assert [h["cause"] for h in hints] == ["wrong_channel", "too_little_budget", "weak_strategy"]
    assert cause_hints(obs, "2026-02", "2026-01", ROWS, replace(OK, status="too_few"), []) == [hints[2]]
