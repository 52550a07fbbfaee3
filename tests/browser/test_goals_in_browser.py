"""The goal wizard in Chromium, in Russian: a sentence fills the form, the SMART card, saving."""

import pytest

from tests.browser.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser


def test_goal_wizard_in_russian(app_url, browser, shots):
    context = browser.new_context(locale="ru-RU", viewport={"width": 1400, "height": 1400})
    page = context.new_page()
    page.goto(app_url)
    wait_idle(page)
    page.get_by_role("button", name="Загрузить демо").click()
    wait_idle(page)
    page.locator("[data-testid=stSidebarNavLink]", has_text="1. Цели").first.click()
    wait_idle(page)
    page.get_by_label("Напишите цель одной фразой — мы заполним форму").fill("Привлечь 100 новых клиентов за 3 месяца")
    page.get_by_role("button", name="Разобрать фразу").click()
    wait_idle(page)
    assert_no_exception(page, shots, "ru-goal-wizard")
    body = page.inner_text("body")
    assert "Проверка по SMART" in body
    # judged on history (100 customers in 3 months is below what the demo shop already wins: "too easy")
    assert any(verdict in body for verdict in ("Реалистично", "Амбициозно", "Нереалистично", "Слишком легко"))
    assert page.get_by_label("Формулировка цели").last.input_value() == "Привлечь 100 новых клиентов за 3 месяца"
    page.get_by_role("button", name="Сохранить цель").click()
    wait_idle(page)
    assert "Цель сохранена" in page.inner_text("body")
    assert_no_exception(page, shots, "ru-goal-saved")
    context.close()


def test_the_new_goal_form_survives_switching_the_language_twice(app_url, browser, shots):
    """RU → EN → RU on Goals: «Что-то пошло не так… код …», KeyError: unknown KPI 'Конверсия в
    покупку' — the KPI picker came back with its Russian label as the value."""
    context = browser.new_context(locale="ru-RU", viewport={"width": 1400, "height": 1400})
    page = context.new_page()
    page.goto(app_url)
    wait_idle(page)
    if page.get_by_role("button", name="Загрузить демо").count():
        page.get_by_role("button", name="Загрузить демо").click()
        wait_idle(page)
    page.locator("[data-testid=stSidebarNavLink]", has_text="1. Цели").first.click()
    wait_idle(page)
    page.get_by_label("Напишите цель одной фразой — мы заполним форму").fill("Поднять конверсию до 2,5% к июню")
    page.get_by_role("button", name="Разобрать фразу").click()
    wait_idle(page)
    for lang, kpi in (("EN", "Conversion rate"), ("RU", "Конверсия в покупку"), ("EN", "Conversion rate")):
        page.locator("[data-testid=stSidebar] label").filter(has_text=lang).first.click()
        wait_idle(page)
        assert_no_exception(page, shots, f"goals-after-switch-{lang}")
        body = page.inner_text("[data-testid=stMain]")
        assert "Something went wrong" not in body and "Что-то пошло не так" not in body
        pickers = page.locator("[data-testid=stSelectbox] input[role=combobox]")
        assert kpi in [pickers.nth(i).input_value() for i in range(pickers.count())]
    context.close()
