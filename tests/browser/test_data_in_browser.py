"""The Data page in Chromium: real exports uploaded, mapping confirmed, KPIs on Monitor, a bad file."""

from pathlib import Path

import pytest

from kpi_core.i18n.formatting import t
from tests.browser.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser
EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"


def new_business_on_data_page(browser, app_url: str, lang: str, business: str):
    """A visitor in ``lang`` starts their own business and opens the Data page: (context, page)."""
    context = browser.new_context(locale=f"{lang}-{lang.upper()}", viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    page.goto(app_url)
    wait_idle(page)
    page.get_by_label(t("sidebar.workspace_name", lang)).last.fill(business)
    page.get_by_role("button", name=t("home.start", lang)).last.click()
    wait_idle(page)
    page.locator("[data-testid=stSidebarNavLink]", has_text=t("page.data", lang)).first.click()
    wait_idle(page)
    return context, page


def test_upload_exports_then_monitor(app_url, browser, shots):
    context, page = new_business_on_data_page(browser, app_url, "ru", "Мебельный магазин")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        [str(EXPORTS / "yandex_metrica_sources.csv"), str(EXPORTS / "amocrm_deals.csv")]
    )
    wait_idle(page)
    assert_no_exception(page, shots, "ru-data-review")
    body = page.inner_text("body")
    assert "Выгрузка: Yandex.Metrica" in body and "Выгрузка: amoCRM" in body
    assert page.get_by_text("Столбцы и показатели").count() == 1  # the mapping to review (amoCRM has none)
    page.get_by_role("button", name="Загрузить в пространство: 2 файла").click()
    wait_idle(page)
    assert "загружено значений — 70" in page.inner_text("body")
    assert_no_exception(page, shots, "ru-data-imported")

    # Monitor shows the imported KPIs even before any goal is set
    page.locator("[data-testid=stSidebarNavLink]", has_text="4. Мониторинг").first.click()
    wait_idle(page)
    assert_no_exception(page, shots, "ru-monitor-data")
    labels = page.locator("[data-testid=stMetricLabel]").all_inner_texts()
    assert {"Визиты", "Показатель отказов", "Заявки (лиды)", "Успешные сделки"} <= set(labels)
    page.locator("[data-testid=stSidebarNavLink]", has_text="3. Данные").first.click()
    wait_idle(page)

    # the same export again: recognised, no mapping step
    page.reload()
    wait_idle(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        str(EXPORTS / "yandex_metrica_sources.csv")
    )
    wait_idle(page)
    assert_no_exception(page, shots, "ru-data-remembered")
    assert "соответствие столбцов запомнено" in page.inner_text("body")
    assert page.get_by_text("Столбцы и показатели").count() == 0  # no mapping step
    assert page.get_by_text("Изменить соответствие столбцов").count() == 1

    # a bad file: one sentence, no exception
    page.reload()
    wait_idle(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(EXPORTS / "bad" / "truncated.xlsx"))
    wait_idle(page)
    errors = page.locator("[data-testid=stAlertContentError]")
    assert errors.count() == 1
    assert errors.first.inner_text().startswith("Файл Excel повреждён")
    assert_no_exception(page, shots, "ru-data-bad-file")
    context.close()


def test_hostile_spreadsheets_get_one_sentence_and_the_app_keeps_serving(app_url, browser, shots, tmp_path):
    """A far cell, a repeated ODS row and a padded HTML table, uploaded together: one sentence each,
    and the server answers the next page (before, the far cell aborted the whole server)."""
    from tests.upload.bombs import far_cell_xlsx, padded_html, repeated_ods

    files = {"far.xlsx": far_cell_xlsx(), "repeated.ods": repeated_ods(), "padded.xls": padded_html()}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    context, page = new_business_on_data_page(browser, app_url, "en", "Hostile uploads")
    from playwright.sync_api import expect

    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files([str(tmp_path / n) for n in files])
    # the three files upload before the script reruns: on a busy machine the page can still look idle
    # when the upload has not finished, so wait for the three sentences themselves
    expect(page.locator("[data-testid=stAlertContentError]")).to_have_count(3, timeout=90_000)
    wait_idle(page)
    errors = page.locator("[data-testid=stAlertContentError]").all_inner_texts()
    assert len(errors) == 3, errors
    assert all(e.startswith("A sheet of this file spans") for e in errors), errors
    assert_no_exception(page, shots, "en-data-hostile-sheets")
    # a second visitor opens the app: the server is alive and serves them
    other = browser.new_context(locale="en-US").new_page()
    other.goto(app_url)
    wait_idle(other)
    assert other.get_by_role("button", name="Start with my business").count() >= 1
    page.locator("[data-testid=stSidebarNavLink]", has_text="4. Monitor").first.click()
    wait_idle(page)
    assert_no_exception(page, shots, "en-monitor-after-hostile")
    context.close()
    other.context.close()
