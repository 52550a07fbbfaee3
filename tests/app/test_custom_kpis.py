"""A workspace's own KPI: created from a formula on the Metrics page, then used like a catalog KPI."""

import pytest

import config
import workflows
from db import repository as repo
from db.engine import make_engine, unit_of_work
from kpi_core.catalog.registry import get_kpi, use_custom_kpis
from kpi_core.compute.series import kpi_series
from tests.app.conftest import new_app, no_exception
from tests.conftest import make_obs


def test_custom_formula_computes_from_period_sums():
    kpi = workflows.make_custom_kpi(
        "c_profit_share", "Profit share", "(revenue - spend) / revenue * 100", "percent", "up"
    )
    obs = make_obs(
        [
            ("2026-03-02", "revenue", 1000),
            ("2026-03-02", "spend", 200),
            ("2026-03-03", "revenue", 3000),
            ("2026-03-03", "spend", 1800),
        ]
    )
    # the week: (4000 − 2000) / 4000 = 50 %, not the mean of the days' 80 % and 40 % (60 %)
    assert kpi_series(obs, kpi, "week").iloc[0] == pytest.approx(50.0)


def test_create_on_metrics_page_and_monitor_it(demo_db, db_url):
    at = new_app("en").run()
    at.switch_page("app_pages/metrics.py").run()
    at.text_input(key="custom_name").input("Net ad return")
    at.text_input(key="custom_formula").input("__import__('os').system('x')")
    at.button(key="create_custom_kpi").click().run()
    assert at.error[0].value == "Only measures, numbers, + - * / and parentheses are allowed in a formula."
    at.text_input(key="custom_formula").input("(revenue - spend) / spend * 100")
    at.selectbox(key="custom_unit").set_value("percent")
    at.button(key="create_custom_kpi").click().run()
    no_exception(at)
    assert at.success[-1].value.startswith("“Net ad return” was created")
    # chosen in the KPI picker like a catalog KPI (its label is formatted outside the script run)
    picker = at.selectbox(key="add_kpi_id")
    assert "Net ad return" in picker.options
    picker.set_value("c_net_ad_return").run()
    at.selectbox(key="add_kpi_kind_c_net_ad_return").set_value("level")
    at.number_input(key="add_kpi_target_c_net_ad_return").set_value(100.0)
    at.button(key="add_kpi").click().run()
    no_exception(at)
    with unit_of_work(make_engine(db_url)) as s:
        first = repo.list_goals(s, demo_db)[0]
        assert [k.kpi for k in first.kpis][-1] == "c_net_ad_return"
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    assert "Net ad return · level" in [m.label for m in at.metric]
    with unit_of_work(make_engine(db_url)) as s:
        rows = workflows.pace_workspace(s, demo_db, config.today())
    assert next(r.status for r in rows if r.kpi == "c_net_ad_return") != "no_data"
    use_custom_kpis([])
    with pytest.raises(KeyError):
        get_kpi("c_net_ad_return")  # known only while the workspace's own KPIs are in use


def test_a_formula_in_russian_words(demo_db, db_url):
    """The Russian page showed ids: the placeholder «(revenue - spend) / spend * 100» and a list of
    measures like new_customers. A Russian owner types the measures' Russian names as one word."""
    at = new_app("ru").run()
    at.switch_page("app_pages/metrics.py").run()
    formula = at.text_input(key="custom_formula")
    assert formula.placeholder == "(выручка - расход) / расход * 100"
    assert "новые_клиенты" in formula.help and "new_customers" not in formula.help
    at.text_input(key="custom_name").input("Окупаемость рекламы")
    formula.input("(выручка - расходы) / расход * 100")  # a typo: «расходы»
    at.button(key="create_custom_kpi").click().run()
    [error] = [e.value for e in at.error]
    assert error.startswith("«расходы» — не показатель; используйте: ") and "spend" not in error
    at.text_input(key="custom_formula").input("(Выручка - расход) / расход * 100")
    at.selectbox(key="custom_unit").set_value("percent")
    at.button(key="create_custom_kpi").click().run()
    no_exception(at)
    with unit_of_work(make_engine(db_url)) as s:
        formulas = [c.formula for c in repo.list_custom_kpis(s, demo_db)]
    assert formulas == ["(revenue - spend) / spend * 100"]  # stored with the ids, shown in words
