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
