"""Every page renders on an empty database and on the demo, in both languages."""

import datetime as dt
import re

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

import config
from kpi_core.analysis.causes import cause_hints
from kpi_core.analysis.channels import channel_table, channel_verdict
from kpi_core.analysis.explain import parse_period
from kpi_core.catalog.registry import PAID_CHANNELS
from kpi_core.demo import demo_observations
from tests.app.conftest import PAGES, new_app, no_exception, shown_table


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_page_on_an_empty_database(db_url, lang):
    at = new_app(lang).run()
    no_exception(at)
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at)
    assert at.title[0].value  # the last page drew its title


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_page_on_the_demo(demo_db, lang):
    at = new_app(lang).run()
    no_exception(at)
    assert at.session_state["workspace_id"] == demo_db
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at)
        assert not at.error, [e.value for e in at.error]


def test_load_demo_button(db_url):
    at = new_app("en").run()
    at.button(key="load_demo").click().run()
    no_exception(at)
    assert at.success[0].value.startswith("Demo loaded")
    assert at.sidebar.selectbox(key="workspace_id").value is not None
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    captions = " ".join(c.value for c in at.caption)
    assert ":green-badge[On track]" in captions and ":orange-badge[At risk]" in captions
    assert ":red-badge[Off track]" in captions


def test_the_russian_demo_is_russian_through_and_through(db_url):
    """The Russian demo's brand was "Demo shop" and its data source "demo" («Свежесть данных: demo»)."""
    from db import repository as repo
    from db.engine import make_engine, unit_of_work

    at = new_app("ru").run()
    at.button(key="load_demo").click().run()
    no_exception(at)
    with unit_of_work(make_engine(db_url)) as s:
        [workspace] = repo.list_workspaces(s)
        assert (workspace.name, workspace.brand_name) == ("Демо-магазин", "Демо-магазин")
        titles = [goal.title for goal in repo.list_goals(s, workspace.id)]
    assert titles and all(re.search("[а-яё]", title) and not re.search("[a-z]{3}", title) for title in titles)
    at.switch_page("app_pages/monitor.py").run()
    freshness = [c.value for c in at.caption if c.value.startswith("Свежесть данных")]
    assert freshness and "Демо-данные" in freshness[0] and "demo" not in freshness[0]
    at.switch_page("app_pages/data.py").run()  # the import history named it «demo · 7 дек. 2026»
    history = [m.value for m in at.markdown if " · " in m.value and m.value.split(" · ")[0] in ("demo", "Демо-данные")]
    assert history and history[0].startswith("Демо-данные · ")


def test_analyse_lists_every_goal_kpi(demo_db):
    at = new_app("en").run()
    at.switch_page("app_pages/analyse.py").run()
    no_exception(at)
    table = shown_table(at, "Variance, %")  # a static table: long goal names wrap, nothing is cut off
    assert len(table) == 9
    assert list(table.columns) == [
        "Goal",
        "KPI",
        "Status",  # right after the KPI: the Russian table cut the status off at the right edge
        "Target",
        "Plan to date",
        "Actual",
        "Variance",
        "Variance, %",
    ]
    # a change's variance is signed once («+18.3%», it read «++18,3 %»)
    assert not [v for v in table["Variance"] if v.startswith("++")]
    # a gap between two percents is in percentage points, not a percent (+46.0% against a plan of
    # +28.6% is 17.4 points ahead, and conversion 2.2% against 2.1% is 0.1 point)
    by_kpi = table.set_index("KPI")
    for kpi in ("Revenue", "Conversion rate", "Organic traffic"):
        assert by_kpi.loc[kpi, "Variance"].endswith(" pp"), by_kpi.loc[kpi, "Variance"]
    assert not by_kpi.loc["Revenue", "Variance"].endswith("%") and by_kpi.loc["New customers", "Variance"][-1].isdigit()


def test_user_text_is_shown_as_typed(demo_db, db_url):

    from db import repository as repo
    from db.engine import make_engine, unit_of_work
    from kpi_core.goals.spec import GoalKPISpec, GoalSpec
    from ui.widgets import plain

    title = "<img src=x onerror=alert(1)> **Sale** [now](javascript:alert(1))"
    with unit_of_work(make_engine(db_url)) as s:
        repo.add_goal(
            s,
            demo_db,
            GoalSpec(
                title,
                "sales",
                config.today(),
                config.today() + dt.timedelta(days=30),
                None,
                [GoalKPISpec("orders", "total", 10.0)],
            ),
        )
    at = new_app("en").run()
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    shown = [h.value for h in at.subheader]
    assert plain(title) in shown and title not in shown


def test_unexpected_failure_shows_one_sentence_with_a_reference(demo_db, monkeypatch, caplog):
    import kpi_core.analysis

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(kpi_core.analysis, "plan_vs_actual", broken)
    at = new_app("en").run()
    at.switch_page("app_pages/analyse.py").run()
    assert not at.exception
    [message] = [e.value for e in at.error]
    assert message.startswith("Something went wrong. Quote the code ")
    reference = message.split("code ")[1].split(" ")[0]
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)
    assert "disk on fire" not in message


def month_with_a_wrong_channel() -> tuple[str, str]:
    """A recent month of today's demo in which the worst channel holds the largest budget share."""
    obs = demo_observations(config.today())
    first = config.today().replace(day=1)
    for back in range(1, 13):
        later = (pd.Timestamp(first) - pd.DateOffset(months=back)).strftime("%Y-%m")
        earlier = (pd.Timestamp(first) - pd.DateOffset(months=back + 1)).strftime("%Y-%m")
        start, end = parse_period(later)
        rows = channel_table(obs, start, end)
        hints = cause_hints(obs, later, earlier, rows, channel_verdict(rows, obs, start, end), list(PAID_CHANNELS))
        if any(h["cause"] == "wrong_channel" for h in hints):
            return later, earlier
    raise AssertionError("the demo should show a wrong channel in some month of the last year")


def test_analyse_explains_the_change_with_a_waterfall_and_channels(demo_db):
    at = new_app("en").run()
    at.switch_page("app_pages/analyse.py").run()
    no_exception(at)
    sentence = next(m.value for m in at.markdown if m.value.startswith("**Revenue** "))
    assert ("rose by" in sentence or "fell by" in sentence) and "traffic" in sentence and "order value" in sentence
    assert len(at.get("vega_lite_chart")) == 1
    channels = shown_table(at, "Channel")
    assert {c.split(" · ")[0] for c in channels["Channel"]} == {
        "Organic search",
        "Direct",
        "Paid search",
        "Paid social",
        "Social",
        "Email",
        "Referral",
    }
    assert {"Paid search · best", "Paid social · worst", "Email"} <= set(channels["Channel"])
    assert at.success[0].value.startswith("“Paid search” acquires customers more cheaply than “Paid social”")
    roas = dict(zip(channels["Channel"], channels["ROAS (95 % interval)"], strict=True))
    assert roas["Email"] == "—" and roas["Paid search · best"].count("(") == 1
    later, earlier = month_with_a_wrong_channel()
    at.selectbox(key="explain_later_month").select(later).run()
    compare = at.selectbox(key=f"explain_earlier_month_{later}")
    assert compare.value == earlier  # "compare with" follows the chosen month: the one before it
    no_exception(at)
    hints = [m.value for m in at.markdown if m.value.startswith("- **")]
    assert hints and hints[0].startswith("- **Wrong channel.** “Paid social” takes")
    assert hints[0].endswith("[→ channel table](#channels)")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_analyse_periods_are_chosen_by_name_not_typed(demo_db, lang):
    """Periods were free text fields showing "2026-11" and "2026-11-23"; they are month and week
    pickers with names, and the comparison follows the chosen period."""
    months = {
        "ru": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split(),
        "en": "January February March April May June July August September October November December".split(),
    }[lang]
    genitive = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
    at = new_app(lang).run()
    at.switch_page("app_pages/analyse.py").run()
    later = at.selectbox(key="explain_later_month")
    assert not at.main.text_input and later.options
    assert all(not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", o) for o in later.options)  # names, not ids
    year, month = map(int, later.value.split("-"))
    assert later.options[0] == f"{months[month - 1]} {year}"
    before = f"{year - (month == 1)}-{(month - 2) % 12 + 1:02d}"
    assert at.selectbox(key=f"explain_earlier_month_{later.value}").value == before
    at.radio(key="explain_grain").set_value("week").run()
    week = at.selectbox(key="explain_later_week")
    monday = dt.date.fromisoformat(week.value)
    sunday = monday + dt.timedelta(days=6)
    if monday.month == sunday.month:
        name = genitive[monday.month - 1] if lang == "ru" else f"{monday:%b}"
        assert week.options[0] == f"{monday.day}–{sunday.day} {name} {monday.year}"
    second = monday - dt.timedelta(weeks=1)
    at.selectbox(key="explain_later_week").select(second.isoformat()).run()
    no_exception(at)
    compared = at.selectbox(key=f"explain_earlier_week_{second.isoformat()}")
    assert compared.value == (second - dt.timedelta(weeks=1)).isoformat()
    heading = "Каналы за " if lang == "ru" else "Channels in "
    assert any(h.value.startswith(heading) and str(second.day) in h.value for h in at.subheader)


def test_a_database_busy_through_every_retry_asks_to_try_again():
    """No reference code for a lock held elsewhere: one sentence in the user's language."""

    def page():
        import streamlit as st

        from db.engine import DatabaseBusyError
        from ui import state

        st.session_state["lang"] = "ru"
        state.show_unexpected(DatabaseBusyError())

    at = AppTest.from_function(page).run()
    assert not at.exception and not at.error
    assert [w.value for w in at.warning] == [
        "База данных сейчас занята другими пользователями — повторите через минуту, ничего не потеряно."
    ]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_explained_kpi_shows_drivers_that_add_up_to_the_change(demo_db, lang):
    """New customers from unpaid channels used to be a driver the page had no name for (a crash); the
    sentence and the waterfall now show whole units that add up to the change."""
    from kpi_core.analysis.explain import IDENTITIES

    at = new_app(lang).run()
    at.switch_page("app_pages/analyse.py").run()
    for kpi_id in IDENTITIES:
        at.selectbox(key="explain_kpi").select(kpi_id).run()
        no_exception(at)
        chart = at.get("vega_lite_chart")[0].proto
        bars = pa.ipc.open_stream(chart.datasets[0].data.data).read_pandas().to_dict("records")
        drivers = [b for b in bars if b["step"] not in ("before", "after")]
        before, after = bars[0]["end"], bars[-1]["end"]
        assert drivers[0]["start"] == before and drivers[-1]["end"] == after
        assert all(b["end"] == int(b["end"]) for b in bars)  # whole customers and roubles
        sentence = next(m.value for m in at.markdown if m.value.startswith("**"))
        assert all(d["value"] in sentence for d in drivers)  # the sentence and the bars say the same
        if kpi_id == "new_customers":
            unpaid = "клиенты из бесплатных каналов" if lang == "ru" else "customers from unpaid channels"
            assert unpaid in sentence and [d["step"] for d in drivers] == ["spend", "cac", "unpaid"]


def test_analyse_with_less_than_two_periods_of_data_says_what_it_needs(db_url):
    import workflows
    from db import repository as repo
    from db.engine import make_engine, unit_of_work, upgrade

    days = [config.today() - dt.timedelta(days=i) for i in range(1, 21)]
    csv = "date,sessions,orders,revenue\n" + "".join(f"{d.isoformat()},100,3,4500\n" for d in days)
    engine = make_engine(db_url)
    upgrade(engine)
    with unit_of_work(engine) as s:
        workspace = repo.create_workspace(s, "Shop")
        workflows.import_file(s, workspace.id, csv.encode(), "metrica.csv")
    at = new_app("ru").run()
    at.switch_page("app_pages/analyse.py").run()
    no_exception(at)
    assert any(i.value.startswith("Для сравнения нужны данные хотя бы за два полных периода") for i in at.info)
