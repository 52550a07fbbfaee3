"""A new owner's first session: workspace → goal → 3 KPIs → upload → the right number on Monitor."""

import datetime as dt

import config
from tests.app.conftest import new_app, no_exception, scorecard


def shop_csv(days: int) -> bytes:
    today = config.today()
    lines = ["Дата;Визиты;Заказы;Выручка, руб."]
    for i in range(days):
        day = today - dt.timedelta(days=days - 1 - i)
        lines.append(f"{day:%d.%m.%Y};100;2;2 000,00")
    lines.append("Итого;;;")
    return "\n".join(lines).encode("cp1251")


def test_new_business_journey(db_url):
    at = new_app("en").run()
    at.text_input(key="home_name").input("Flower shop")
    at.button[0].click().run()  # the form's submit: "Start with my business"
    no_exception(at)
    assert at.title[0].value == "Step 3. Data"  # the owner's export first
    at.switch_page("app_pages/goals.py").run()

    start = config.today() - dt.timedelta(days=13)
    at.text_input(key="new_goal_title").input("Sell more bouquets")
    at.date_input(key="new_goal_start").set_value(start)
    at.date_input(key="new_goal_deadline").set_value(start + dt.timedelta(days=89))
    at.selectbox(key="new_goal_kpi").set_value("orders").run()
    at.selectbox(key="new_goal_kind").set_value("total")
    at.number_input(key="new_goal_target").set_value(200)
    at.button(key="create_goal").click().run()
    no_exception(at)
    assert at.success[0].value.startswith("Goal saved")

    at.switch_page("app_pages/metrics.py").run()
    assert at.warning[0].value.startswith("1 of 3–5 metrics")
    for kpi, kind, target in (("conversion_rate", "level", 2.5), ("average_order_value", "level", 1200)):
        at.selectbox(key="add_kpi_id").set_value(kpi).run()
        at.selectbox(key=f"add_kpi_kind_{kpi}").set_value(kind)
        at.number_input(key=f"add_kpi_target_{kpi}").set_value(target)
        at.button(key="add_kpi").click().run()
        no_exception(at)
    assert at.success[0].value == "3 metrics — just right."

    at.switch_page("app_pages/data.py").run()
    at.file_uploader(key="upload").set_value(("shop.csv", shop_csv(14), "text/csv")).run()
    no_exception(at)
    assert any("Rows in the file: 15, with a date: 14, skipped: 1 ·" in m.value for m in at.markdown)
    at.button(key="do_import").click().run()
    no_exception(at)
    assert [m.value for m in at.success if m.value.startswith("“shop.csv” → source “shop”: imported 42 values")]

    at.switch_page("app_pages/monitor.py").run()
    no_exception(at)
    values = {m.label: m.value for m in at.metric}
    assert values["Orders · total so far"] == "28"  # 14 days × 2 orders since the goal's start
    assert values["Conversion rate · level"] == "2.0%"  # 2 orders per 100 sessions
    assert values["Average order value · level"] == "₽1,000"


def test_bad_upload_shows_one_sentence(db_url):
    at = new_app("ru").run()
    at.text_input(key="home_name").input("Магазин")
    at.button[0].click().run()
    at.switch_page("app_pages/data.py").run()
    at.file_uploader(key="upload").set_value(("report.xlsx", b"not a zip at all", "application/vnd.ms-excel")).run()
    no_exception(at)
    assert [e.value for e in at.error] == [
        "Файл Excel повреждён или это не Excel: откройте его в Excel, сохраните заново и загрузите ещё раз."
    ]


def test_an_owner_with_an_export_reaches_a_status_in_few_clicks(db_url):
    """Create the business → Data → drop the export → import → "Next: set a goal" (a sentence suggested
    from the file, the form filled) → save → Monitor shows a status, not «Нет данных»."""
    clicks = 0
    at = new_app("ru").run()
    at.text_input(key="home_name").input("Цветочная лавка")
    at.button[0].click().run()
    clicks += 1
    assert at.title[0].value == "Шаг 3. Данные"
    at.file_uploader(key="upload").set_value(("metrica.csv", shop_csv(120), "text/csv")).run()
    at.button(key="do_import").click().run()
    clicks += 2  # the drop and the import
    no_exception(at)
    [next_goal] = [b for b in at.button if b.key == "next_goal"]
    assert next_goal.label.startswith("Дальше: поставить цель «Увеличить онлайн-продажи")
    next_goal.click().run()
    clicks += 1
    no_exception(at)
    assert at.title[0].value.startswith("Шаг 1.")
    assert at.text_input(key="new_goal_title").value.startswith("Увеличить онлайн-продажи")
    at.button(key="create_goal").click().run()
    clicks += 1
    no_exception(at)
    at.switch_page("app_pages/monitor.py").run()
    clicks += 1
    no_exception(at)
    statuses = scorecard(at)["Статус"]
    assert "Нет данных" not in set(statuses), statuses
    assert clicks <= 8
