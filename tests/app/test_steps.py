"""Behaviour of the step pages: edit and delete goals, the 3–5 rule, actions, settings, periods."""

import pytest

from db import repository as repo
from db.engine import make_engine, unit_of_work
from tests.app.conftest import new_app, no_exception, shown_table


def goals_in(db_url, workspace_id):
    with unit_of_work(make_engine(db_url)) as s:
        return [repo.goal_spec(g) for g in repo.list_goals(s, workspace_id)]


def test_edit_a_goal_title(demo_db, db_url):
    at = new_app("en").run()
    at.switch_page("app_pages/goals.py").run()
    first_form = at.text_input[0]
    first_form.input("Grow online sales faster")
    at.button[0].click().run()  # the first goal's Save
    no_exception(at)
    assert goals_in(db_url, demo_db)[0].title == "Grow online sales faster"


def test_delete_a_goal_needs_confirmation(demo_db, db_url):
    at = new_app("en").run()
    at.switch_page("app_pages/goals.py").run()
    goal_id = int(next(b.key for b in at.button if b.key and b.key.startswith("delete_goal_")).rsplit("_", 1)[1])
    assert at.button(key=f"delete_goal_{goal_id}").disabled
    at.checkbox(key=f"confirm_delete_{goal_id}").check().run()
    at.button(key=f"delete_goal_{goal_id}").click().run()
    no_exception(at)
    assert len(goals_in(db_url, demo_db)) == 2


def test_sixth_metric_is_refused_with_the_reason(demo_db, db_url):
    at = new_app("en").run()
    at.switch_page("app_pages/metrics.py").run()
    for kpi in ("orders", "cac"):
        at.selectbox(key="add_kpi_id").set_value(kpi).run()
        at.number_input(key=f"add_kpi_target_{kpi}").set_value(5).run()
        at.button(key="add_kpi").click().run()
        no_exception(at)
    assert len(goals_in(db_url, demo_db)[0].kpis) == 5
    at.selectbox(key="add_kpi_id").set_value("cpo").run()
    at.number_input(key="add_kpi_target_cpo").set_value(5).run()
    at.button(key="add_kpi").click().run()
    assert at.error[0].value.startswith("This goal already has 5 metrics, the maximum: more metrics scatter attention")
    assert len(goals_in(db_url, demo_db)[0].kpis) == 5


def test_remove_a_metric_warns_below_three(demo_db, db_url):
    at = new_app("ru").run()
    at.switch_page("app_pages/metrics.py").run()
    remove = next(b for b in at.button if b.key and b.key.startswith("remove_kpi_"))
    remove.click().run()
    no_exception(at)
    assert at.warning[0].value.startswith("Выбрано 2 из 3–5 метрик")
    assert len(goals_in(db_url, demo_db)[0].kpis) == 2


def test_log_an_action(demo_db, db_url):
    at = new_app("en").run()
    at.switch_page("app_pages/adjust.py").run()
    before = len(next(d.value for d in at.dataframe if "Expected effect" in d.value.columns))
    at.text_input(key="action_what").input("Raised the search budget by 10 %")
    at.button(key="action_add").click().run()
    no_exception(at)
    assert "Action logged." in [m.value for m in at.success]
    log = next(d.value for d in at.dataframe if "Expected effect" in d.value.columns)
    assert len(log) == before + 1 and "Raised the search budget by 10 %" in log["What changed"].tolist()


def test_empty_action_is_refused(demo_db):
    at = new_app("en").run()
    at.switch_page("app_pages/adjust.py").run()
    at.button(key="action_add").click().run()
    assert at.error[0].value == "Describe what was changed."


def test_settings_margin_changes_romi(demo_db, db_url):
    at = new_app("en").run()
    at.switch_page("app_pages/settings.py").run()
    at.number_input[0].set_value(30.0)
    at.button[0].click().run()
    no_exception(at)
    assert at.success[0].value == "Saved."
    with unit_of_work(make_engine(db_url)) as s:
        assert repo.get_workspace(s, demo_db).margin_pct == 30.0


def test_monitor_month_switch(demo_db):
    at = new_app("en").run()
    at.switch_page("app_pages/monitor.py").run()
    weekly = len(at.get("vega_lite_chart"))
    at.radio(key="monitor_period").set_value("month").run()
    no_exception(at)
    assert weekly == 9 and len(at.get("vega_lite_chart")) == 9
    assert "Revenue · change vs baseline" in [m.label for m in at.metric]


def test_create_workspace_from_sidebar(db_url):
    at = new_app("en").run()
    at.sidebar.text_input[0].input("Bakery")
    at.sidebar.button[0].click().run()
    no_exception(at)
    assert at.sidebar.selectbox(key="workspace_id").format_func(at.session_state["workspace_id"]) == "Bakery"
    at.sidebar.text_input[0].input("Bakery")
    at.sidebar.button[0].click().run()
    assert at.error[0].value.startswith("A workspace named “Bakery” already exists")


def test_monthly_plan_saved_and_exported(demo_db, db_url):
    import pytest

    import workflows
    from cli import main

    at = new_app("en").run()
    at.switch_page("app_pages/metrics.py").run()
    at.selectbox(key="metrics_goal").select_index(1).run()  # "Win new customers this quarter": totals
    goal = goals_in(db_url, demo_db)[1]
    key = f"{at.selectbox(key='metrics_goal').value}_new_customers"
    at.radio(key=f"plan_method_{key}").set_value("even").run()
    at.number_input(key=f"min_{key}").set_value(500).run()
    at.button(key=f"save_details_{key}").click().run()
    no_exception(at)
    saved = goals_in(db_url, demo_db)[1].kpis[0]
    assert saved.minimum == 500
    assert sum(saved.plan.values()) == pytest.approx(goal.kpis[0].target)
    assert list(saved.plan) == sorted(saved.plan) and len(saved.plan) >= 3  # one entry per month of the window
    with unit_of_work(make_engine(db_url)) as s:
        exported = workflows.export_goals(s, demo_db)
    assert exported[1]["kpis"][0]["plan"] == saved.plan and exported[1]["kpis"][0]["minimum"] == 500
    assert main(["goals", "export", "--workspace", "Demo shop", "--db", db_url]) == 0


def test_vat_and_margin_settings_change_the_channel_table(demo_db, db_url):
    at = new_app("en").run()
    at.switch_page("app_pages/analyse.py").run()

    def channels():
        return shown_table(at, "ACoS").set_index("Channel")

    gross_spend = channels().loc["Paid search · best", "Spend"]
    assert "No margin set" in " ".join(c.value for c in at.caption)
    at.switch_page("app_pages/settings.py").run()
    at.number_input[0].set_value(40.0)  # margin
    at.checkbox[0].check()  # spend includes VAT
    at.number_input(key="vat_pct").set_value(20.0)
    at.button[0].click().run()
    no_exception(at)
    with unit_of_work(make_engine(db_url)) as s:
        workspace = repo.get_workspace(s, demo_db)
        assert (workspace.margin_pct, workspace.spend_includes_vat, workspace.vat_pct) == (40.0, True, 20.0)
    at.switch_page("app_pages/analyse.py").run()
    no_exception(at)
    table = channels()

    def rubles(text: str) -> float:
        return float(text.replace("₽", "").replace(",", ""))

    assert rubles(table.loc["Paid search · best", "Spend"]) == pytest.approx(rubles(gross_spend) / 1.2, abs=1)
    captions = " ".join(c.value for c in at.caption)
    assert "Spend without VAT (imported with VAT 20%)" in captions and "break-even ACoS = 40%" in captions
    # ДРР above the margin is marked: paid social spends more on ads than its sales earn
    assert table.loc["Paid social · worst", "ACoS"].endswith(" · above break-even")
    assert "above break-even" not in table.loc["Paid search · best", "ACoS"]
    # ROMI is on gross profit now, as the caption says: revenue × 40 % − spend, over spend
    search = table.loc["Paid search · best"]
    roas = float(search["ROAS (95 % interval)"].split(" ")[0])
    assert float(search["ROMI"].rstrip("%")) == pytest.approx((roas * 0.40 - 1) * 100, abs=0.3)


def test_editing_a_goal_title_keeps_its_target_history(demo_db, db_url):
    engine = make_engine(db_url)
    with unit_of_work(engine) as s:
        row = repo.list_goals(s, demo_db)[0].kpis[0]
        repo.revise_target(s, row.id, row.target + 5, "Anna", "Black Friday")
    at = new_app("en").run()
    at.switch_page("app_pages/goals.py").run()
    at.text_input[0].input("Grow online sales faster")
    at.button[0].click().run()
    no_exception(at)
    with unit_of_work(engine) as s:
        assert [(r.who, r.why) for r, _, _ in repo.list_revisions(s, demo_db)] == [("Anna", "Black Friday")]


def test_the_target_kind_is_chosen_per_kpi_and_targets_say_their_direction(demo_db, db_url):
    """Bounce rate saved as "change +20 %" made the next KPI a change too, and «Цель: 20,0 %» said
    neither «не выше» nor «−20 %»."""
    at = new_app("ru").run()
    at.switch_page("app_pages/metrics.py").run()
    at.selectbox(key="metrics_goal").select_index(2).run()  # the traffic goal has room for more KPIs
    at.selectbox(key="add_kpi_id").set_value("bounce_rate").run()
    at.selectbox(key="add_kpi_kind_bounce_rate").set_value("level").run()
    at.number_input(key="add_kpi_target_bounce_rate").set_value(20.0).run()
    at.button(key="add_kpi").click().run()
    no_exception(at)
    at.selectbox(key="add_kpi_id").set_value("unique_visitors").run()
    at.selectbox(key="add_kpi_kind_unique_visitors").set_value("change").run()
    at.selectbox(key="add_kpi_id").set_value("avg_session_duration").run()
    assert at.selectbox(key="add_kpi_kind_avg_session_duration").value == "level"  # its own first kind
    assert not [o for o in at.selectbox(key="add_kpi_id").options if o.startswith("Визиты")]  # on the goal already
    shown = [m.value for m in at.markdown]
    assert any(v.endswith("не выше 20,0\xa0%") for v in shown)


def test_the_picker_recommends_only_what_the_data_can_compute(db_url):
    """Every KPI was «★ рекомендуем», CTR and CPC too, for a shop whose data has visits only."""
    import datetime as dt

    import config
    import workflows
    from db.engine import upgrade
    from kpi_core.goals.spec import GoalKPISpec, GoalSpec

    today = config.today()
    csv = "date,sessions,orders,revenue\n" + "".join(
        f"{(today - dt.timedelta(days=i)).isoformat()},100,3,4500\n" for i in range(1, 40)
    )
    engine = make_engine(db_url)
    upgrade(engine)
    with unit_of_work(engine) as s:
        workspace = repo.create_workspace(s, "Shop")
        workflows.import_file(s, workspace.id, csv.encode(), "metrica.csv")
        kpis = [GoalKPISpec("orders", "total", 200.0)]
        repo.add_goal(s, workspace.id, GoalSpec("Sales", "sales", today, today + dt.timedelta(days=90), None, kpis))
    at = new_app("ru").run()
    at.switch_page("app_pages/metrics.py").run()
    no_exception(at)
    options = at.selectbox(key="add_kpi_id").options
    ctr = next(o for o in options if o.startswith("CTR"))
    assert "★" not in ctr and "в данных нет:" in ctr
    assert any(o.startswith("Конверсия") and "★" in o for o in options)
    lacking = [i for i, o in enumerate(options) if "в данных нет" in o]
    assert lacking and min(lacking) > max(i for i, o in enumerate(options) if "★" in o)  # computable first


def test_the_home_steps_are_text_and_a_level_promises_no_monthly_plan(demo_db):
    """«1. Цели по SMART · …» was drawn as a numbered list; a level's details said «план по месяцам»
    and had none (a plan per month is for a total)."""
    at = new_app("ru").run()
    [steps] = [c.value for c in at.caption if "Цели по SMART" in c.value]
    assert steps.startswith("1\\. Цели по SMART")
    at.switch_page("app_pages/metrics.py").run()
    labels = [e.label for e in at.expander if e.label.startswith("«")]
    assert len(labels) == 3 and all(label.endswith("ответственный") for label in labels)  # a change, two levels
    at.selectbox(key="metrics_goal").select_index(1).run()  # new customers, leads, deals: totals
    labels = [e.label for e in at.expander if e.label.startswith("«")]
    assert len(labels) == 3 and all(label.endswith("план по месяцам") for label in labels)
