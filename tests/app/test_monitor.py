"""Monitor on the demo: the scorecard's statuses and the alerts, counted the same in the sidebar."""

import json
import re

from tests.app.conftest import new_app, no_exception, scorecard


def test_demo_scorecard_statuses_and_alert_count(demo_db):
    at = new_app("en").run()
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    table = scorecard(at)
    by_goal = table.groupby("Goal", sort=False)["Status"].agg(set).to_dict()
    assert by_goal == {
        "Grow online sales": {"On track"},
        "Win new customers this quarter": {"At risk"},
        "Raise site traffic": {"Off track"},
    }
    # each status cell is one coloured badge, not an emoji a font may lack
    [raw] = [t.value for t in at.table if "Why this status" in t.value.columns]
    colours = {re.fullmatch(r":(\w+)-badge\[(.+)\]", cell).groups()[::-1] for cell in raw["Status"]}
    assert len(dict(colours)) == 3 and len({colour for _, colour in colours}) == 3
    [alerts] = [e for e in at.expander if e.label.startswith("Alerts (")]
    shown = int(re.search(r"\((\d+)\)", alerts.label).group(1))
    lines = [m.value for m in alerts.markdown]
    # six KPIs are off track or at risk; sharp weekly changes may add more
    assert sum("off track" in line or "at risk" in line for line in lines) == 6
    assert shown == len(lines)
    sidebar_link = next(p for p in at.sidebar.get("page_link"))
    assert sidebar_link.proto.label == f"Alerts: {shown}"


def test_alerts_in_russian(demo_db):
    at = new_app("ru").run()
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    [alerts] = [e for e in at.expander if e.label.startswith("Сигналы (")]
    assert any("отстаёт от плана" in m.value for m in alerts.markdown)
    helps = " ".join(m.proto.help for m in at.metric)  # «Визиты [organic]» in the Russian help
    assert "Поиск (органика)" in helps and not re.search(r"\[|organic|sessions|revenue", helps)


def test_the_week_month_switch_changes_the_charts_not_the_statuses(demo_db):
    """A goal KPI has one status, at the workspace's review period: the cards said On/Off track in
    Month view while the scorecard and the alerts above said At risk/On track."""
    at = new_app("en").run()
    at.switch_page("app_pages/monitor.py").run()

    def seen() -> tuple[list[str], list[str], list[str]]:
        table = scorecard(at)
        statuses = list(table["Status"])
        projected = list(table["Why this status"])  # the reason names the projection
        badges = [re.fullmatch(r":\w+-badge\[(.+)\]", m.value) for m in at.markdown]
        return statuses, projected, [b.group(1) for b in badges if b and b.group(1) in statuses]

    weekly = seen()
    at.radio(key="monitor_period").set_value("month").run()
    no_exception(at)
    monthly = seen()
    assert weekly == monthly
    statuses, _, cards = monthly
    assert cards == statuses and len(cards) == len(statuses) >= 6


def test_every_status_says_why_on_the_scorecard_and_the_card(demo_db):
    """'Above target yet At risk' with no reason: the status compares the projection with the target,
    so the reason names the projection, its day and the side of the target it falls on."""
    at = new_app("en").run()
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    table = scorecard(at)
    assert "Target" not in table.columns and "Projected" not in table.columns  # the reason says them
    paced = {(r.goal, r.kpi): r for r in workflows_rows(demo_db)}
    names = {"Revenue": "revenue", "New customers": "new_customers", "Sessions": "sessions"}
    for _, row in table.iterrows():
        reason = row["Why this status"]
        side = {"On track": "is reached", "At risk": "just ", "Off track": "well "}[row["Status"]]
        assert reason.startswith("Projected ") and " by " in reason and side in reason
        kpi = names.get(row["KPI"])
        if kpi is not None:  # the figures are the pace's own
            r = paced[(row["Goal"], kpi)]
            assert f"{r.target:,.0f}" in reason or r.kind == "change"
    assert len(paced) == len(table)
    captions = [c.value for c in at.caption]
    assert all(any(reason == c for c in captions) for reason in table["Why this status"])


def test_a_goal_after_the_data_says_when_the_data_ends(db_url):
    """«Нет данных» with no reason: a goal that starts after the data's last day says so, with the fix."""
    import datetime as dt

    import config
    import workflows
    from db import repository as repo
    from db.engine import make_engine, unit_of_work, upgrade
    from kpi_core.goals.spec import GoalKPISpec, GoalSpec

    today = config.today()
    days = [today - dt.timedelta(days=60 + i) for i in range(30)]  # the export ended two months ago
    csv = "date,sessions,orders\n" + "".join(f"{d.isoformat()},100,3\n" for d in days)
    engine = make_engine(db_url)
    upgrade(engine)
    with unit_of_work(engine) as s:
        workspace = repo.create_workspace(s, "Shop")
        workspace_id = workspace.id
        workflows.import_file(s, workspace.id, csv.encode(), "metrica.csv")
        start = today - dt.timedelta(days=10)
        kpis = [GoalKPISpec("orders", "total", 500.0)]
        repo.add_goal(
            s, workspace.id, GoalSpec("More orders", "sales", start, start + dt.timedelta(days=90), None, kpis)
        )
    at = new_app("ru").run()
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    last = max(days)
    [reason] = scorecard(at)["Почему такой статус"]
    assert reason.startswith("Данные заканчиваются ") and "загрузите свежую выгрузку" in reason
    assert str(last.day) in reason and str(start.day) in reason
    assert reason in [c.value for c in at.caption]  # on the card too
    # the fix in one click: the goal moved onto the data, its length kept
    at.button(key=next(b.key for b in at.button if b.key and b.key.startswith("move_goal_"))).click().run()
    no_exception(at)
    assert scorecard(at)["Статус"].iloc[0] != "Нет данных"
    with unit_of_work(engine) as s:
        [goal] = repo.list_goals(s, workspace_id)
        assert goal.start == (last.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        assert (goal.deadline - goal.start).days == 90


def workflows_rows(workspace_id: int):
    """The `kpis` command's rows for the demo: the pace the scorecard shows."""
    import config
    import workflows
    from db.engine import database_url, make_engine, unit_of_work

    with unit_of_work(make_engine(database_url())) as s:
        return workflows.pace_workspace(s, workspace_id, config.today())


def test_a_change_against_a_baseline_partly_covered_by_data_says_so(db_url):
    """The data starts 20 days before a 90-day goal: its baseline (the 90 days before) is mostly empty.
    The change was computed against the few days there were (+300 %) with no warning."""
    import datetime as dt

    import config
    import workflows
    from db import repository as repo
    from db.engine import make_engine, unit_of_work, upgrade
    from kpi_core.goals.spec import GoalKPISpec, GoalSpec

    today = config.today()
    start = today - dt.timedelta(days=30)
    first = start - dt.timedelta(days=20)
    days = [first + dt.timedelta(days=i) for i in range((today - first).days)]
    csv = "date,sessions,orders\n" + "".join(f"{d.isoformat()},100,{4 if d >= start else 3}\n" for d in days)
    engine = make_engine(db_url)
    upgrade(engine)
    with unit_of_work(engine) as s:
        workspace_id = repo.create_workspace(s, "Shop").id
        workflows.import_file(s, workspace_id, csv.encode(), "metrica.csv")
        kpis = [GoalKPISpec("orders", "change", 20.0)]
        goal = GoalSpec("More orders", "sales", start, start + dt.timedelta(days=89), None, kpis)
        repo.add_goal(s, workspace_id, goal)
    at = new_app("ru").run()
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    [warning] = [w.value for w in at.warning if "Данные перед целью начинаются только" in w.value]
    assert "средний день сейчас против среднего дня до цели" in warning
    [card] = [m for m in at.metric if m.label.startswith("Заказы ·")]
    assert card.value == "+33,3\xa0%"  # 4 orders a day against 3: per day of data, not 120 against 60


def test_a_fall_points_down(demo_db):
    """«↑ −11,3 %» in green for revenue that fell: Streamlit reads a delta's side from a leading hyphen,
    and the numbers carry a true minus. Every card's arrow and colour follow the number's sign and the
    KPI's good direction."""
    from streamlit.proto.Metric_pb2 import Metric

    from kpi_core.catalog.registry import all_kpis

    good_way = {kpi.name("ru"): kpi.good for kpi in all_kpis().values()}
    at = new_app("ru").run()
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    seen = {"\u2212": 0, "+": 0}
    for metric in at.metric:
        delta = metric.proto.delta
        if not delta or not any(c in "123456789" for c in delta):
            continue
        falls = delta.startswith("\u2212")
        seen["\u2212" if falls else "+"] += 1
        assert metric.proto.direction == (Metric.MetricDirection.DOWN if falls else Metric.MetricDirection.UP), delta
        should_fall = good_way[metric.proto.label.split(" · ")[0]] == "down"  # bounce rate, CAC
        colour = Metric.MetricColor.GREEN if falls == should_fall else Metric.MetricColor.RED
        assert metric.proto.color == colour, (metric.proto.label, delta)
    assert seen["\u2212"] and seen["+"]


def test_a_change_keeps_its_sign_beside_its_headline(demo_db):
    """The revenue card's headline read «+46,0 %» and the line under it «Сейчас: 46,0 %»."""
    at = new_app("ru").run()
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    # the two change goals' lines (revenue, organic traffic): each figure signed, as its headline is
    lines = [c.value for c in at.caption if re.match(r"Цель: \+\d+,\d\xa0%", c.value)]
    assert len(lines) == 2, lines
    for line in lines:
        assert re.search(r"Сейчас: ([+−]\d|0,0)", line) and re.search(r"Прогноз: ([+−]\d|0,0)", line), line
    charts = [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("vega_lite_chart")]
    # the value axis has a short title: «С начала цели» was cut off on a card a third of the page wide
    assert charts and not any("С начала цели" in spec for spec in charts)
    assert any('"Итого"' in spec for spec in charts) and any('"Изменение"' in spec for spec in charts)
