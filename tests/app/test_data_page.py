"""The Data page with real exports: detection in words, mapping, remembered mapping, undo, bad files."""

import re
from pathlib import Path

from db import repository as repo
from db.engine import make_engine, unit_of_work
from tests.app.conftest import new_app, no_exception

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"


def upload(at, *names):
    files = [(name, (EXPORTS / name).read_bytes(), "text/csv") for name in names]
    at.file_uploader(key="upload").set_value(files).run()
    no_exception(at)
    return at


def start(db_url, lang="en"):
    at = new_app(lang).run()
    at.text_input(key="home_name").input("Furniture shop")
    at.button[0].click().run()
    at.switch_page("app_pages/data.py").run()
    return at


def mapping_tables(at):
    return [d.value for d in at.dataframe if list(d.value.columns) == ["column", "measure", "confidence"]]


def workspace_id(db_url):
    with unit_of_work(make_engine(db_url)) as s:
        return repo.find_workspace(s, "Furniture shop").id


def test_metrica_and_amocrm_then_monitor(db_url):
    at = start(db_url)
    upload(at, "yandex_metrica_sources.csv", "amocrm_deals.csv")
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Export: Yandex.Metrica · utf-8-sig · separator “,” · decimal point") for c in captions)
    assert any(c.startswith("Export: amoCRM") and "one row per deal" in c for c in captions)
    [editor] = mapping_tables(at)  # Metrica's mapping is shown for review (amoCRM has none to correct)
    assert dict(zip(editor["column"], editor["measure"], strict=True)) == {
        "Визиты": "sessions",
        "Посетители": "visitors",
        "Отказы": "bounces",
        "Глубина просмотра": "pageviews",
        "Время на сайте": "session_duration_s",
    }
    assert editor["confidence"].tolist() == [100.0] * 5
    at.button(key="do_import").click().run()
    no_exception(at)
    imported = [m.value for m in at.success if ": imported " in m.value]
    assert [m.split(":")[0] for m in imported] == [
        "“yandex\\_metrica\\_sources.csv” → source “Yandex.Metrica”",
        "“amocrm\\_deals.csv” → source “amoCRM”",
    ]
    # stored files are not offered again: the next click cannot import them twice
    assert not [b for b in at.button if b.key == "do_import"]
    assert len([c for c in at.caption if c.value.startswith("Imported ✓")]) == 2
    with unit_of_work(make_engine(db_url)) as s:
        ws = workspace_id(db_url)
        totals = {}
        for row in repo.load_observations(s, ws).itertuples():
            totals[row.measure] = totals.get(row.measure, 0) + row.value
    assert totals["sessions"] == 1050 and totals["bounces"] == 280 and totals["leads"] == 6
    assert totals["revenue"] == 195500


def test_same_export_again_needs_no_mapping(db_url):
    at = start(db_url)
    upload(at, "yandex_metrica_sources.csv")
    at.button(key="do_import").click().run()
    at = new_app("en").run()
    at.switch_page("app_pages/data.py").run()
    upload(at, "yandex_metrica_sources.csv")
    assert at.success[0].value.startswith("Recognised: this is “Yandex.Metrica”, its column mapping is remembered")
    assert mapping_tables(at) == []
    at.button(key="do_import").click().run()
    no_exception(at)
    [imported] = [m.value for m in at.success if ": imported " in m.value]
    assert "imported 70 values" in imported and "(70 earlier values replaced)" in imported  # replaced, not added


def test_bad_file_gets_one_sentence_in_russian(db_url):
    at = start(db_url, "ru")
    at.file_uploader(key="upload").set_value([("отчёт.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "text/csv")]).run()
    no_exception(at)
    assert [e.value for e in at.error] == [
        "Это не таблица, а двоичный файл: выгрузите отчёт в CSV или Excel и загрузите его."
    ]


def test_undo_the_last_import(db_url):
    at = start(db_url)
    upload(at, "yandex_direct_wizard.csv")
    at.button(key="do_import").click().run()
    [line] = [m.value for m in at.markdown if m.value.startswith("yandex\\_direct\\_wizard.csv · ")]
    assert re.fullmatch(r".* · \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC", line)  # not 2026-12-01 10:00
    undo = next(b for b in at.button if b.key and b.key.startswith("undo_"))
    undo.click().run()
    no_exception(at)
    assert at.info[-1].value.startswith("The import of yandex\\_direct\\_wizard.csv was undone")
    with unit_of_work(make_engine(db_url)) as s:
        assert repo.observation_count(s, workspace_id(db_url)) == 0


def test_remove_a_source_and_bring_it_back(db_url):
    """A wrong export's source stayed in every total, with no way to delete it."""
    at = start(db_url, "ru")
    upload(at, "yandex_metrica_sources.csv", "amocrm_deals.csv")
    at.button(key="do_import").click().run()
    with unit_of_work(make_engine(db_url)) as s:
        everything = repo.observation_count(s, workspace_id(db_url))
    picker = at.selectbox(key="remove_source_name")
    crm = next(o for o in picker.options if "amo" in o.lower())
    picker.set_value(crm)
    assert at.button(key="remove_source").disabled  # not before the yes
    at.checkbox(key="remove_source_sure").check().run()
    at.button(key="remove_source").click().run()
    no_exception(at)
    assert at.info[0].value.startswith("Источник «") and "удалён вместе с его данными" in at.info[0].value
    [sources] = [d.value for d in at.dataframe if "Источник" in d.value.columns]
    assert len(sources) == 1 and crm not in set(sources["Источник"])
    [removal] = [m.value for m in at.markdown if m.value.startswith("Удалён источник «")]
    undo = next(b for b in at.button if b.key and b.key.startswith("undo_"))
    undo.click().run()
    no_exception(at)
    assert any(i.value.endswith("возвращён со всеми данными.") for i in at.info)
    with unit_of_work(make_engine(db_url)) as s:
        assert repo.observation_count(s, workspace_id(db_url)) == everything
    assert removal


def test_monitor_shows_the_imported_kpis(db_url):
    import datetime as dt

    from kpi_core.goals.spec import GoalKPISpec, GoalSpec

    at = start(db_url)
    upload(at, "yandex_metrica_sources.csv", "amocrm_deals.csv")
    at.button(key="do_import").click().run()
    with unit_of_work(make_engine(db_url)) as s:
        repo.add_goal(
            s,
            workspace_id(db_url),
            GoalSpec(
                "September traffic",
                "traffic",
                dt.date(2025, 9, 1),
                dt.date(2025, 9, 30),
                None,
                [
                    GoalKPISpec("sessions", "total", 5000),
                    GoalKPISpec("bounce_rate", "level", 20),
                    GoalKPISpec("avg_session_duration", "level", 120),
                ],
            ),
        )
        repo.add_goal(
            s,
            workspace_id(db_url),
            GoalSpec(
                "March deals",
                "sales",
                dt.date(2026, 3, 1),
                dt.date(2026, 3, 31),
                None,
                [
                    GoalKPISpec("leads", "total", 20),
                    GoalKPISpec("deals_won", "total", 5),
                    GoalKPISpec("lead_to_customer", "level", 40),
                ],
            ),
        )
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    values = {m.label: m.value for m in at.metric}
    assert values["Sessions · total so far"] == "1,050"  # 7 days × 150 visits
    assert values["Bounce rate · level"] == "26.7%"  # 280 bounces / 1050 visits, the week of 1–7 Sep
    assert values["Average time on site · level"] == "1:47"  # 112 000 s / 1050 visits = 106.7 s
    assert values["Leads · total so far"] == "6"
    assert values["Deals won · total so far"] == "2"


def test_connect_a_database_query(db_url, tmp_path, monkeypatch):
    import sqlite3

    from connectors import sql

    monkeypatch.setattr(sql, "CONNECT_DIR", tmp_path)
    with sqlite3.connect(tmp_path / "crm.db") as conn:
        conn.execute("create table daily (day text, leads integer)")
        conn.executemany("insert into daily values (?, ?)", [("2026-03-01", 4), ("2026-03-02", 6)])
    at = start(db_url)
    at.text_input(key="connect_url").input(f"sqlite:///{tmp_path}/crm.db")
    at.text_area(key="connect_query").input("SELECT day AS date, leads FROM daily")
    at.button(key="connect_run").click().run()
    no_exception(at)
    assert not at.error
    at.button(key="do_import").click().run()
    no_exception(at)
    with unit_of_work(make_engine(db_url)) as s:
        frame = repo.load_observations(s, workspace_id(db_url))
    assert frame.groupby("measure")["value"].sum().to_dict() == {"leads": 10.0}
    at.text_area(key="connect_query").input("DELETE FROM daily")
    at.button(key="connect_run").click().run()
    assert [e.value for e in at.error] == ["Only a SELECT that reads data is allowed: remove changes, INTO and locks."]


def test_monitor_shows_the_data_before_any_goal(db_url):
    at = start(db_url)
    upload(at, "yandex_direct_wizard.csv")
    at.button(key="do_import").click().run()
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    values = {m.label: m.value for m in at.metric}
    # Direct's file holds 1–5 March 2026 (Sunday to Thursday): the only complete week is 23 Feb – 1 Mar
    assert values["Leads"] == "5"  # 1 March: 4 + 1 conversions
    assert values["Cost per lead (CPL)"] == "₽360"  # (1 500,50 + 300,25) / 5 = 360,15: whole roubles from 100
    assert at.info[-1].value.startswith("No goals to monitor")


def test_a_corrected_query_is_read_again_not_taken_from_the_cache(db_url, tmp_path, monkeypatch):
    """Two large query results that differ in one cell a DataFrame cache key would not sample:
    the second run's numbers are the ones previewed and stored."""
    import datetime as dt
    import sqlite3

    from connectors import sql

    monkeypatch.setattr(sql, "CONNECT_DIR", tmp_path)
    first = dt.date(2000, 1, 1)
    rows = [((first + dt.timedelta(days=i)).isoformat(), 1) for i in range(60_000)]
    with sqlite3.connect(tmp_path / "crm.db") as conn:
        conn.execute("create table daily (day text, leads integer)")
        conn.executemany("insert into daily values (?, ?)", rows)
    at = start(db_url)
    at.text_input(key="connect_url").input(f"sqlite:///{tmp_path}/crm.db")
    at.text_area(key="connect_query").input("SELECT day AS date, leads FROM daily ORDER BY day")
    at.button(key="connect_run").click().run()
    at.button(key="connect_clear").click().run()
    with sqlite3.connect(tmp_path / "crm.db") as conn:  # the user fixes one day in the CRM
        conn.execute(
            "update daily set leads = 1001 where day = (select day from daily order by day limit 1 offset 30017)"
        )
    at.button(key="connect_run").click().run()
    no_exception(at)
    at.button(key="do_import").click().run()
    no_exception(at)
    with unit_of_work(make_engine(db_url)) as s:
        frame = repo.load_observations(s, workspace_id(db_url))
    assert frame["value"].sum() == 60_000 + 1000


def test_a_file_s_totals_are_shown_in_their_units(db_url):
    """«Отказы (визиты): 3 884,46» — a fraction of a visit, from a rate × visits: counts are whole."""
    at = start(db_url, "ru")
    lines = [
        '"Дата визита","Визиты","Отказы"',
        '"Итого и средние","30","0.333333"',
        '"2026-11-01","10","0.333333"',
        '"2026-11-02","10","0.333333"',
        '"2026-11-03","10","0.333333"',
    ]
    at.file_uploader(key="upload").set_value(("metrica.csv", "\r\n".join(lines).encode("utf-8-sig"), "text/csv"))
    at.run()
    no_exception(at)
    [totals] = [c.value for c in at.caption if c.value.startswith(("Визиты", "Отказы"))]
    assert "Отказы (визиты): 10 ·" in totals + " ·" and "," not in totals  # 3 × 3.33333 = 9.99999 → 10
