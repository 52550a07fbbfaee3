"""explain and channels with hand-computed numbers."""

import pytest

from kpi_core.analysis.channels import channel_table
from kpi_core.analysis.explain import Driver, explain_change, parse_period
from tests.conftest import make_obs


def month(day: str, values: dict, channel: str = "all") -> list[tuple]:
    return [(day, measure, channel, value) for measure, value in values.items()]


def test_explain_revenue_is_case_d1_summed_over_the_month():
    obs = make_obs(
        month("2026-01-15", {"sessions": 10000, "orders": 200, "revenue": 10000})
        + month("2026-02-15", {"sessions": 12000, "orders": 300, "revenue": 12000})
    )
    result = explain_change(obs, "revenue", "2026-02", "2026-01")
    assert (result.before, result.after, result.change, result.method) == (10000, 12000, 2000, "lmdi")
    assert [(d.factor, round(d.effect, 2)) for d in result.drivers] == [
        ("sessions", 2000.00),
        ("conversion", 2447.80),
        ("aov", -2447.80),
    ]
    assert sum(d.effect for d in result.drivers) == pytest.approx(result.change)


def test_explain_sums_channel_terms():
    obs = make_obs(
        month("2026-01-15", {"spend": 1000, "new_customers": 20}, "paid_search")
        + month("2026-02-15", {"spend": 1500, "new_customers": 25}, "paid_search")
        + month("2026-01-15", {"spend": 500, "new_customers": 10}, "paid_social")
        + month("2026-02-15", {"spend": 500, "new_customers": 10}, "paid_social")
    )
    result = explain_change(obs, "new_customers", "2026-02", "2026-01")
    # paid search is case D2 (spend +9.0853, CAC −4.0853); paid social did not move
    assert [round(d.effect, 4) for d in result.drivers] == [9.0853, -4.0853]
    assert result.change == 5


def test_weeks_are_named_by_their_monday():
    assert parse_period("2026-03-02")[1].isoformat() == "2026-03-08"
    with pytest.raises(ValueError, match="Monday"):
        parse_period("2026-03-03")


def test_channel_table():
    obs = make_obs(
        month(
            "2026-03-02",
            {"spend": 1000, "new_customers": 10, "sessions": 100, "orders": 10, "revenue": 5000},
            "paid_search",
        )
        + month("2026-03-02", {"sessions": 50, "orders": 0}, "organic")
    )
    import datetime as dt

    rows = {r.channel: r for r in channel_table(obs, dt.date(2026, 3, 1), dt.date(2026, 3, 31))}
    search = rows["paid_search"]
    assert (search.cac, round(search.cac_low, 2), round(search.cac_high, 2)) == (100.0, 54.38, 208.53)
    assert (search.conversion_rate, round(search.conversion_low, 3), round(search.conversion_high, 3)) == (
        10.0,
        5.523,
        17.437,
    )
    assert (search.romi, search.drr) == (400.0, 20.0)
    organic = rows["organic"]
    assert organic.cac is None and organic.romi is None and organic.conversion_rate == 0.0


def test_explain_counts_data_without_a_channel_beside_channel_data():
    """Revenue kept under 'all' (a shop's own sheet) and sessions by channel from the analytics."""
    obs = make_obs(
        [
            ("2026-01-05", "revenue", "all", 1000),
            ("2026-01-12", "revenue", "all", 1500),
            ("2026-01-05", "sessions", "organic", 400),
            ("2026-01-12", "sessions", "organic", 500),
        ]
    )
    result = explain_change(obs, "revenue", "2026-01-12", "2026-01-05")
    assert (result.before, result.after, result.change) == (1000.0, 1500.0, 500.0)
    assert result.drivers[-1] == Driver("other", 500.0)
    assert sum(d.effect for d in result.drivers) == pytest.approx(500.0)


def test_the_commands_print_the_results_as_plain_dicts_in_a_fixed_order():
    """`explain` and `channels` print ``as_dict()``: the keys and their order are the command line's output."""
    import datetime as dt

    obs = make_obs(
        month("2026-01-15", {"sessions": 10000, "orders": 200, "revenue": 10000})
        + month("2026-02-15", {"sessions": 12000, "orders": 300, "revenue": 12000})
    )
    explained = explain_change(obs, "revenue", "2026-02", "2026-01").as_dict()
    assert list(explained) == ["kpi", "before", "after", "change", "method", "drivers"]
    assert [list(d) for d in explained["drivers"]] == [["factor", "effect"]] * 3
    [row] = channel_table(obs, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert list(row.as_dict()) == [
        "channel",
        "spend",
        "sessions",
        "orders",
        "revenue",
        "new_customers",
        "leads",
        "cac",
        "cac_low",
        "cac_high",
        "conversion_rate",
        "conversion_low",
        "conversion_high",
        "romi",
        "drr",
        "roas",
        "roas_low",
        "roas_high",
    ]
    assert row.as_dict()["revenue"] == 12000.0 and row.as_dict()["spend"] is None


def test_new_customers_from_unpaid_channels_are_a_driver_of_their_own():
    """Organic customers have no spend and no CAC: their change is one bar, so the drivers add up."""
    obs = make_obs(
        month("2026-01-15", {"spend": 1000, "new_customers": 20}, "paid_search")
        + month("2026-02-15", {"spend": 1500, "new_customers": 25}, "paid_search")
        + month("2026-01-15", {"new_customers": 30}, "organic")
        + month("2026-02-15", {"new_customers": 48}, "organic")
    )
    result = explain_change(obs, "new_customers", "2026-02", "2026-01")
    assert result.change == 23
    assert [(d.factor, round(d.effect, 4)) for d in result.drivers] == [
        ("spend", 9.0853),
        ("cac", -4.0853),
        ("unpaid", 18.0),
    ]


def test_drivers_shown_in_whole_units_add_up_to_the_change_shown_on_the_demo():
    """Every explained KPI, every month and week of the demo: whole customers and roubles that add up."""
    import datetime as dt

    from kpi_core.analysis.explain import IDENTITIES, in_whole_units
    from kpi_core.demo import demo_observations

    obs = demo_observations(dt.date(2026, 12, 7))
    periods = [(f"2026-{m:02d}", f"2026-{m - 1:02d}") for m in range(2, 12)]
    periods += [((dt.date(2026, 11, 2) + dt.timedelta(weeks=w)).isoformat(), None) for w in range(1, 4)]
    checked = 0
    for kpi_id in IDENTITIES:
        for later, earlier in periods:
            earlier = earlier or (dt.date.fromisoformat(later) - dt.timedelta(weeks=1)).isoformat()
            exact = explain_change(obs, kpi_id, later, earlier)
            assert sum(d.effect for d in exact.drivers) == pytest.approx(exact.change, abs=1e-6)
            shown = in_whole_units(exact)
            assert all(d.effect == int(d.effect) for d in shown.drivers)
            assert sum(d.effect for d in shown.drivers) == shown.change == shown.after - shown.before
            assert all(abs(s.effect - e.effect) < 1.5 for s, e in zip(shown.drivers, exact.drivers, strict=True))
            checked += 1
    assert checked == len(IDENTITIES) * 13


def test_romi_in_the_channel_table_is_on_gross_profit_when_a_margin_is_set():
    """The issue's case: revenue 292 920, spend 65 403, margin 35 % → ROMI (102 522 − 65 403) / 65 403."""
    import datetime as dt

    obs = make_obs(month("2026-03-02", {"spend": 65403, "revenue": 292920}, "paid_search"))
    window = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    [plain_row] = channel_table(obs, *window)
    [margin_row] = channel_table(obs, *window, margin_pct=35.0)
    assert round(plain_row.romi, 1) == 347.9
    assert round(margin_row.romi, 2) == round((292920 * 0.35 - 65403) / 65403 * 100, 2) == 56.75
    assert margin_row.drr == plain_row.drr  # ДРР is a share of revenue either way
