"""The Data page with reports that carry no day rows: the period in words, the period field for a
report that states none, the "orders or leads?" question asked once per source, the quality line."""

from __future__ import annotations

from db import repository as repo
from db.engine import make_engine, unit_of_work
from tests.app.conftest import new_app, no_exception
from tests.fixtures.layouts import all_cases

CASES = {case.name: case for case in all_cases()}


def start(lang: str):
    at = new_app(lang).run()
    at.text_input(key="home_name").input("Цветочная лавка" if lang == "ru" else "Flower shop")
    at.button[0].click().run()
    at.switch_page("app_pages/data.py").run()
    return at


def upload(at, name: str):
    case = CASES[name]
    at.file_uploader(key="upload").set_value([(case.file_name, case.data, "text/csv")]).run()
    no_exception(at)
    return at


def counts_in(db_url: str, currency: str) -> None:
    """The business counts in ``currency`` (as chosen in Settings)."""
    with unit_of_work(make_engine(db_url)) as s:
        [workspace] = repo.list_workspaces(s)
        repo.update_workspace(s, workspace.id, currency=currency)


def stored(db_url: str) -> dict[str, float]:
    with unit_of_work(make_engine(db_url)) as s:
        [workspace] = repo.list_workspaces(s)
        frame = repo.load_observations(s, workspace.id)
    return frame.groupby("measure")["value"].sum().round(6).to_dict()


def test_a_report_without_its_period_asks_for_it_in_russian(db_url):
    at = upload(start("ru"), "direct_wizard_block_deleted")
    [error] = at.error
    assert "нет ни столбца с датами, ни периода" in error.value and "Мастере отчётов" in error.value
    field = at.text_input(key=next(k for k in at.session_state if str(k).startswith("period_")))
    field.input("01.03.2026 - 31.03.2026").run()
    no_exception(at)
    assert not at.error
    captions = [c.value for c in at.caption]
    assert any("1–31 марта 2026, без разбивки по дням" in c for c in captions), captions
    assert any(m.value.startswith("**Качество данных: 100 из 100**") for m in at.markdown)
    at.button(key="do_import").click().run()
    no_exception(at)
    assert stored(db_url) == {"impressions": 36000, "clicks": 900, "spend": 27450.75, "leads": 45}


def test_conversions_are_asked_once_per_source(db_url):
    at = start("en")
    counts_in(db_url, "USD")  # the report's money is in dollars
    at = upload(at, "google_ads_campaigns_utf16")
    [radio] = [r for r in at.radio if r.label.startswith("What does “Conversions” count")]
    assert radio.options == ["Orders (purchases)", "Leads (applications)"] and radio.value is None
    assert any("Data quality: 100 of 100" in m.value and "total rows dropped: 4" in m.value for m in at.markdown)
    radio.set_value("orders").run()
    no_exception(at)
    at.button(key="do_import").click().run()
    no_exception(at)
    assert stored(db_url)["orders"] == 50
    # the same export again: the answer is remembered with the source, nothing is asked
    at.file_uploader(key="upload").set_value([]).run()
    upload(at, "google_ads_campaigns_utf16")
    assert not [r for r in at.radio if r.label.startswith("What does")]
    assert any("1–31 Jan 2026, no day breakdown" in c.value for c in at.caption)


def test_the_workspace_quality_and_the_period_import_are_in_words(db_url):
    at = upload(start("ru"), "direct_wizard_month_xlsx")
    at.button(key="do_import").click().run()
    no_exception(at)
    at.file_uploader(key="upload").set_value([]).run()
    upload(at, "amocrm_repeated_row_without_id")
    at.button(key="do_import").click().run()
    no_exception(at)
    [summary] = [m.value for m in at.markdown if "Качество данных в пространстве" in m.value]
    # (80 × 5 rows + 100 × 4 rows) / 9 = 88.9: the amoCRM file's repeated deal and its deal without a source
    assert summary.startswith("**Качество данных в пространстве: 89 из 100 (загрузок: 2)**")
    assert "повторы сделок отброшены: 1" in summary and "сделок без источника: 1" in summary
    assert "строк итогов самого файла отброшено: 1" in summary
    captions = [c.value for c in at.caption]
    assert any(
        c.startswith("«Лиды» есть в нескольких источниках") and "берём из «Yandex.Direct»" in c for c in captions
    )
    assert any("1–31 марта 2026, без разбивки по дням" in c for c in captions), captions


def test_the_remarks_about_a_file_are_in_russian(db_url):
    at = start("ru")
    counts_in(db_url, "USD")
    at = upload(at, "google_ads_campaigns_utf16")
    remarks = [c.value for c in at.caption if c.value.startswith("⚠")]
    assert any("Итог самого файла не равен сумме его строк" in r and "итог 4\u00a0300" in r for r in remarks), remarks
    assert any("«Conversions» может означать заказы или лиды" in r for r in remarks), remarks
    assert not any("the file" in r or "rows" in r for r in remarks), remarks


def test_a_workbook_of_a_sheet_per_month_imports_every_month(db_url):
    at = upload(start("ru"), "handmade_workbook_a_sheet_per_month")
    [picker] = [s for s in at.selectbox if s.label == "Лист"]
    assert picker.value == "\x00all" and picker.options[0] == "Все листы с этими столбцами: Январь, Февраль"
    assert any("Листы Январь, Февраль с одинаковыми столбцами загружены вместе" in c.value for c in at.caption)
    at.button(key="do_import").click().run()
    no_exception(at)
    assert stored(db_url) == {"sessions": 1200, "orders": 12, "revenue": 12000}


def test_dollars_are_not_added_to_roubles(db_url):
    at = upload(start("ru"), "google_ads_campaigns_utf16")
    [error] = at.error
    assert error.value.startswith("Деньги в файле в USD, а это пространство считает в RUB")
    assert not [b for b in at.button if b.key == "do_import"]  # nothing to import: the file is held back
    assert stored(db_url) == {}


def test_monitor_dates_the_data_by_a_reports_last_day(db_url):
    at = upload(start("en"), "direct_wizard_month_xlsx")
    at.button(key="do_import").click().run()
    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    assert any("Mar 31, 2026" in c.value for c in at.caption), [c.value for c in at.caption]
