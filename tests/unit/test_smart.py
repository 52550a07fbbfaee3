"""Every SMART letter's pass, warn and fail, with the achievability figures worked by hand."""

import datetime as dt

import pandas as pd
import pytest

from kpi_core.compute.periods import months_between
from kpi_core.goals.smart import (
    check_achievable,
    check_measurable,
    check_relevant,
    check_specific,
    check_time_bound,
    smart_check,
)
from kpi_core.goals.spec import GoalKPISpec, GoalSpec
from tests.conftest import make_obs

START, DEADLINE = dt.date(2026, 6, 1), dt.date(2026, 11, 30)  # June to November: six calendar months
MONTHS = 6.0
# sessions grow 10 % a month from January to May: every month-to-month change is +10 %
HISTORY = make_obs([(f"2026-{m:02d}-01", "sessions", 1000 * 1.1 ** (m - 1)) for m in range(1, 6)])


def goal(*kpis, title="Grow site traffic this summer", objective="traffic", start=START, deadline=DEADLINE):
    return GoalSpec(title, objective, start, deadline, None, list(kpis))


@pytest.mark.parametrize(
    ("spec", "verdict", "needed"),
    [
        (GoalKPISpec("sessions", "change", 20), "pass", (1.2 ** (1 / MONTHS) - 1) * 100),  # 3.09 % a month
        (GoalKPISpec("sessions", "level", 3000), "warn", ((3000 / 1464.1) ** (1 / MONTHS) - 1) * 100),  # 12.70 %
        (GoalKPISpec("sessions", "total", 20000), "fail", (20000 / MONTHS / 1464.1 - 1) * 100),  # +127 %
    ],
)
def test_achievable_against_the_90th_percentile(spec, verdict, needed):
    check, details = check_achievable(goal(spec), HISTORY)
    assert check.verdict == verdict
    assert details[0]["needed"] == pytest.approx(needed, rel=1e-6)
    assert details[0]["p90"] == pytest.approx(10.0)
    assert "10.0%" in check.message("en") and "10,0" in check.message("ru")


def test_achievable_quotes_the_historical_figure():
    check, _ = check_achievable(goal(GoalKPISpec("sessions", "total", 20000)), HISTORY)
    assert check.message("en") == (
        "Unrealistic: “Sessions” needs +127.7% a month — over twice the 10.0% of its best months in the past (1 in 10)."
    )
    # no verb agrees with the KPI's name: «Заказы менялась» read wrong for every KPI but a feminine one
    assert check.message("ru") == (
        "Нереалистично: метрике «Визиты» нужно меняться на +127,7\xa0% в месяц — больше чем вдвое от 10,0\xa0% "
        "в лучшие месяцы прошлого (1 из 10)."
    )


def test_achievable_without_history_cannot_judge():
    short = HISTORY[HISTORY["date"] >= pd.Timestamp("2026-03-01")]  # 3 months: 2 changes only
    check, _ = check_achievable(goal(GoalKPISpec("sessions", "change", 20)), short)
    assert (check.verdict, check.key) == ("warn", "smart.a_no_history")
    assert check.message("en").startswith("Cannot judge yet: import data")


def test_down_is_good_kpis_need_a_fall():
    history = make_obs(
        [(f"2026-{m:02d}-01", "spend", 1000.0) for m in range(1, 6)]
        + [(f"2026-{m:02d}-01", "new_customers", 10 * 1.05 ** (m - 1)) for m in range(1, 6)]
    )
    # CAC falls about 4.8 % a month in the past; a 10 % cut over 6 months needs ~1.7 % a month: realistic
    check, details = check_achievable(goal(GoalKPISpec("cac", "change", -10), objective="sales"), history)
    assert check.verdict == "pass" and details[0]["needed"] < 0


@pytest.mark.parametrize(
    ("title", "kpis", "verdict"),
    [
        ("Grow site traffic this summer", [GoalKPISpec("sessions", "change", 20)], "pass"),
        ("Traffic", [GoalKPISpec("sessions", "change", 20)], "warn"),
        ("", [GoalKPISpec("sessions", "change", 20)], "fail"),
        ("Grow site traffic this summer", [], "fail"),
    ],
)
def test_specific(title, kpis, verdict):
    assert check_specific(goal(*kpis, title=title)).verdict == verdict


@pytest.mark.parametrize(
    ("kpis", "verdict"),
    [
        ([GoalKPISpec("sessions", "change", 20)], "pass"),
        ([GoalKPISpec("sessions", "change", 0)], "warn"),
        ([GoalKPISpec("sessions", "change", float("nan"))], "fail"),
    ],
)
def test_measurable(kpis, verdict):
    assert check_measurable(goal(*kpis)).verdict == verdict


@pytest.mark.parametrize(
    ("objective", "kpis", "verdict"),
    [
        ("traffic", ["sessions", "bounce_rate"], "pass"),
        ("traffic", ["sessions", "cac"], "warn"),
        ("customer", ["sessions", "cac"], "fail"),
    ],
)
def test_relevant(objective, kpis, verdict):
    check = check_relevant(goal(*[GoalKPISpec(k, "level", 1) for k in kpis], objective=objective))
    assert check.verdict == verdict
    if verdict == "warn":
        assert (
            check.message("en")
            == "KPIs outside the goal's objective: Customer acquisition cost (CAC). Check that they belong."
        )


@pytest.mark.parametrize(
    ("deadline", "verdict"),
    [(dt.date(2026, 11, 30), "pass"), (dt.date(2028, 12, 31), "warn"), (dt.date(2026, 5, 1), "fail")],
)
def test_time_bound(deadline, verdict):
    assert check_time_bound(goal(GoalKPISpec("sessions", "change", 20), deadline=deadline)).verdict == verdict


def test_all_five_letters_in_order():
    checks = smart_check(goal(GoalKPISpec("sessions", "change", 20)), HISTORY)
    assert [(c.letter, c.verdict) for c in checks] == [
        ("S", "pass"),
        ("M", "pass"),
        ("A", "pass"),
        ("R", "pass"),
        ("T", "pass"),
    ]


@pytest.mark.parametrize(
    ("start", "deadline", "months"),
    [
        (dt.date(2026, 12, 1), dt.date(2026, 12, 31), 1.0),  # "in 1 month" from the 1st of a 31-day month
        (dt.date(2027, 2, 1), dt.date(2027, 2, 28), 1.0),
        (dt.date(2026, 1, 15), dt.date(2026, 4, 14), 3.0),
        (dt.date(2026, 1, 31), dt.date(2026, 2, 27), 1.0),  # a month from the 31st ends on the 28th
        (dt.date(2026, 4, 1), dt.date(2026, 4, 15), 0.5),  # half of April
    ],
)
def test_months_are_calendar_months(start, deadline, months):
    assert months_between(start, deadline) == pytest.approx(months)


def test_a_target_below_what_the_business_already_does_is_too_easy():
    """«Привлечь 300 новых клиентов за 2 месяца» in a shop winning 1 200 a month was «Реалистично:
    нужно −91,2 % в месяц»: a target that needs a fall of a growing KPI is no goal at all."""
    check, details = check_achievable(goal(GoalKPISpec("sessions", "total", 1000)), HISTORY)
    assert details[0]["needed"] == pytest.approx((1000 / MONTHS / 1464.1 - 1) * 100)  # −88.6 % a month
    assert (check.verdict, check.key) == ("warn", "smart.a_easy")
    assert check.message("ru").startswith("Слишком легко: цель «Визиты» ниже того, что уже есть (−88,6")
    # a small rise against the history is still realistic
    assert check_achievable(goal(GoalKPISpec("sessions", "change", 1)), HISTORY)[0].verdict == "pass"
