"""Steps 5 and 6 in a real headless Chromium, in both languages: the waterfall and channel table,
then the budget advice, a slider moved to its end, and the move applied to the action log."""

import pytest

from tests.browser.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser

TEXT = {
    "en": {
        "demo": "Load demo",
        "analyse": "5. Analyse",
        "adjust": "6. Adjust",
        "why": "Why the KPI moved",
        "advice": "Advice: “Paid search”",
        "outside": "the history never had this spend",
        "apply": "Apply and log it",
        "applied": "The budget move is in the action log.",
        "logged": "Budget move: “Paid search”",
    },
    "ru": {
        "demo": "Загрузить демо",
        "analyse": "5. Анализ",
        "adjust": "6. Корректировка",
        "why": "Почему метрика изменилась",
        "advice": "Совет: «Поисковая реклама»",
        "outside": "такого расхода в истории не было",
        "apply": "Применить и записать в журнал",
        "applied": "Изменение бюджета записано в журнал.",
        "logged": "Перенос бюджета: «Поисковая реклама»",
    },
}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_analyse_and_adjust(app_url, browser, shots, lang):
    text = TEXT[lang]
    context = browser.new_context(locale="ru-RU" if lang == "ru" else "en-US", viewport={"width": 1400, "height": 3200})
    page = context.new_page()
    page.goto(app_url)
    wait_idle(page)
    page.get_by_role("button", name=text["demo"]).click()
    wait_idle(page)

    page.locator("[data-testid=stSidebarNavLink]", has_text=text["analyse"]).first.click()
    wait_idle(page)
    assert_no_exception(page, shots, f"{lang}-analyse-full")
    assert text["why"] in page.inner_text("body")
    assert page.locator("[data-testid=stVegaLiteChart]").count() >= 1  # the waterfall
    assert page.locator("[data-testid=stTable]").count() >= 2  # plan vs actual, channels

    page.locator("[data-testid=stSidebarNavLink]", has_text=text["adjust"]).first.click()
    wait_idle(page)
    assert_no_exception(page, shots, f"{lang}-adjust-advice")
    body = page.inner_text("body")
    assert text["advice"] in body
    assert page.locator("[data-testid=stVegaLiteChart]").count() == 1  # the response curves

    shown = page.locator("[data-testid=stSliderThumbValue]").first
    before = shown.inner_text()
    page.locator("[data-testid=stSlider] input[type=range]").first.focus()
    page.keyboard.press("End")
    wait_idle(page)
    assert shown.inner_text() != before
    assert text["outside"] in page.inner_text("body")
    assert_no_exception(page, shots, f"{lang}-adjust-moved")

    page.get_by_role("button", name=text["apply"]).click()
    # apply logs and reruns the page: the idle state between the two runs is not the end yet
    page.get_by_text(text["applied"]).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page, shots, f"{lang}-adjust-applied")
    context.close()
