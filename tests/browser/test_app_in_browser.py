"""The app in a real headless Chromium: load the demo, open every page, in both languages."""

import pytest

from tests.browser.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser

NAV = {
    "en": [
        "Home",
        "1. Goals",
        "2. Metrics",
        "3. Data",
        "4. Monitor",
        "5. Analyse",
        "6. Adjust",
        "Team & reports",
        "Settings",
    ],
    "ru": [
        "Главная",
        "1. Цели",
        "2. Метрики",
        "3. Данные",
        "4. Мониторинг",
        "5. Анализ",
        "6. Корректировка",
        "Команда и отчёты",
        "Настройки",
    ],
}
DEMO_BUTTON = {"en": "Load demo", "ru": "Загрузить демо"}
HEADING = {"en": "KPI Pilot — marketing by the numbers", "ru": "KPI Pilot — маркетинг по цифрам"}
STATUSES = {"en": ("On track", "At risk", "Off track"), "ru": ("В графике", "Под угрозой", "Отстаём")}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_demo_and_every_page(app_url, browser, shots, lang):
    context = browser.new_context(locale="ru-RU" if lang == "ru" else "en-US", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(app_url)
    wait_idle(page)
    # the language comes from the browser's locale
    assert page.locator("h1").first.inner_text() == HEADING[lang]
    page.get_by_role("button", name=DEMO_BUTTON[lang]).click()
    wait_idle(page)
    assert_no_exception(page, shots, f"{lang}-home")
    for title in NAV[lang]:
        page.locator("[data-testid=stSidebarNavLink]", has_text=title).first.click()
        wait_idle(page)
        assert_no_exception(page, shots, f"{lang}-{title.split()[-1].lower()}")
        if title.startswith("4."):
            body = page.inner_text("body")
            assert all(status in body for status in STATUSES[lang])  # the demo's three goals, on any day
            assert page.locator("[data-testid=stVegaLiteChart]").count() == 9
    context.close()


def test_choices_keep_their_value_in_the_new_language(app_url, browser, shots):
    """After a language switch the KPI picker said "Revenue", the periods "November 2026" and the
    Month/Week radio had nothing chosen (Streamlit matches a kept choice by its label)."""
    context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(app_url)
    wait_idle(page)
    if page.get_by_role("button", name=DEMO_BUTTON["en"]).count():
        page.get_by_role("button", name=DEMO_BUTTON["en"]).click()
        wait_idle(page)
    page.locator("[data-testid=stSidebarNavLink]", has_text="5. Analyse").first.click()
    wait_idle(page)
    page.locator("[data-testid=stSidebar] label").filter(has_text="RU").first.click()
    wait_idle(page)
    assert_no_exception(page, shots, "ru-after-switch-analyse")
    pickers = page.locator("[data-testid=stSelectbox] input[role=combobox]")
    chosen = {pickers.nth(i).get_attribute("aria-label"): pickers.nth(i).input_value() for i in range(pickers.count())}
    assert chosen["Метрика"] == "Выручка", chosen
    assert chosen["Период"].endswith("2026") and chosen["Период"].split()[0].islower(), chosen  # «ноябрь 2026»
    checked = page.locator("[data-testid=stRadio] input:checked")
    assert checked.count() >= 2  # the language and the Month/Week choice
    context.close()
