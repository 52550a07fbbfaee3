"""The numbered analysis cases (docs/ARCHITECTURE.md §5), to the printed precision, and the decomposition property."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_core.adjust.allocate import bounds_around, hill_allocation, hill_response, log_allocation
from kpi_core.adjust.effect import action_effect
from kpi_core.adjust.refusals import allocation_refusals
from kpi_core.analysis.decompose import lmdi, shapley
from kpi_core.analysis.intervals import cac_interval, compare_cac, poisson_interval, wilson


def product(values):
    return math.prod(values)


def test_d1_revenue_sessions_conversion_aov():
    before, after = [10000, 0.02, 50], [12000, 0.025, 40]
    assert [round(e, 2) for e in lmdi(before, after)] == [2000.00, 2447.80, -2447.80]
    assert [round(e, 2) for e in shapley(product, before, after)] == [2016.67, 2466.67, -2483.33]
    assert sum(lmdi(before, after)) == pytest.approx(2000) and sum(shapley(product, before, after)) == pytest.approx(
        2000
    )


def test_d2_new_customers_spend_over_cac():
    # new customers = spend × (1 / CAC): the CAC factor enters as its inverse
    effects = lmdi([1000, 1 / 50], [1500, 1 / 60])
    assert [round(e, 4) for e in effects] == [9.0853, -4.0853]


def test_d3_from_zero():
    before, after = [1000, 0.0, 50], [1200, 0.01, 50]
    assert lmdi(before, after) == [0.0, pytest.approx(600.0), 0.0]
    assert [round(e, 6) for e in shapley(product, before, after)] == [50.0, 550.0, 0.0]


def test_d4_no_change():
    assert lmdi([10, 2, 3], [10, 2, 3]) == [0.0, 0.0, 0.0]
    assert shapley(product, [10, 2, 3], [10, 2, 3]) == [0.0, 0.0, 0.0]


def test_undefined_ratio_holds_the_other_period():
    # AOV undefined with 0 orders before: held at the later value, contributing 0
    assert lmdi([1000, 0.0, None], [1000, 0.01, 50])[2] == 0.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0.01, 1e6), st.floats(0.01, 1e6)), min_size=1, max_size=4))
def test_drivers_always_sum_to_the_change(pairs):
    before, after = [p[0] for p in pairs], [p[1] for p in pairs]
    change = math.prod(after) - math.prod(before)
    # exact up to float rounding at the size of the largest product formed on the way (mixed factors)
    scale = max(math.prod(max(abs(a), abs(b)) for a, b in pairs), 1.0)
    assert sum(lmdi(before, after)) == pytest.approx(change, abs=1e-9 * scale)
    assert sum(shapley(product, before, after)) == pytest.approx(change, abs=1e-9 * scale)


def test_shapley_handles_differences_with_sign_changes():
    def profit(x):
        return x[0] - x[1]

    effects = shapley(profit, [1000, 1200], [1500, 900])  # −200 → +600
    assert effects == [500.0, 300.0] and sum(effects) == 800.0


def test_e1_wilson():
    assert [round(v, 5) for v in wilson(10, 100)] == [0.05523, 0.17437]
    assert [round(v, 5) for v in wilson(0, 20)] == [0.0, 0.16113]


def test_e2_cac_interval():
    assert [round(v, 4) for v in poisson_interval(10)] == [4.7954, 18.3904]
    assert [round(v, 2) for v in cac_interval(1000, 10)] == [54.38, 208.53]
    assert cac_interval(1000, 0)[1] == math.inf


def test_e3_no_recommendation_on_thin_evidence():
    assert round(compare_cac(1000, 10, 1000, 20), 4) == 0.0987  # B's CAC is half of A's, yet p > 0.05


def test_t1_hill_unbounded():
    x, lam = hill_allocation([100, 400], [100, 100], 300)
    assert [round(v, 2) for v in x] == [66.67, 233.33] and round(lam, 2) == 0.36
    assert round(hill_response(100, 100, x[0]) + hill_response(400, 100, x[1]), 2) == 320.0
    assert hill_response(100, 100, 150) + hill_response(400, 100, 150) == pytest.approx(300.0)


def test_t2_hill_with_bounds_around_history():
    lower, upper = bounds_around([150, 150])
    x, _ = hill_allocation([100, 400], [100, 100], 300, lower, upper)
    assert [round(v, 2) for v in x] == [105.0, 195.0]
    assert round(hill_response(100, 100, x[0]) + hill_response(400, 100, x[1]), 2) == 315.63


def test_t3_log_form():
    x, lam = log_allocation([100, 200], [50, 50], 300)
    assert [round(v, 2) for v in x] == [83.33, 216.67] and lam == pytest.approx(0.75)


def test_t4_a_channel_worth_nothing_at_the_margin_gets_nothing():
    x, lam = log_allocation([10, 200], [50, 50], 300)
    assert [round(v, 2) for v in x] == [0.0, 300.0] and round(lam, 3) == 0.571  # 10/50 = 0.2 < λ


def test_t6_constant_spend_is_refused():
    reasons = allocation_refusals(
        {"paid_search": [1000.0] * 30, "paid_social": [500.0 + 200 * (i % 3) for i in range(30)]}
    )
    assert [key for key, _ in reasons] == ["refuse.flat_spend"]
    assert reasons[0][1] == {"channel": "paid_search", "cv": 0.0}
    assert [k for k, _ in allocation_refusals({"display": [100.0] * 10})] == ["refuse.few_weeks"]
    assert [k for k, _ in allocation_refusals({"x": [100.0 + i * 30 for i in range(30)]}, p_gain=0.6)] == [
        "refuse.unlikely_gain"
    ]


def test_f1_step_of_ten_a_day():
    t = np.arange(42)
    y = 100 + 2.0 * t + np.where(t >= 28, 10.0, 0.0)
    result = action_effect(y, t % 7, 28)
    assert result.effect_per_day == pytest.approx(10.0) and result.effect_total == pytest.approx(140.0)
    # 28 days before a 14-day window is short of 3 × 14 by R-effect's rule: the estimate comes with that reason
    assert result.refusals == ["effect.short_pre"]


def test_f3_two_points_before_are_refused():
    y = np.array([100.0, 101.0, 150.0, 151.0, 152.0])
    result = action_effect(y, np.arange(5) % 7, 2)
    assert result.status == "refused" and result.effect_total is None
