"""A Russian-speaking owner's first session in Chromium, from an empty database: their own
Yandex.Metrica export (120 days ending yesterday, the real layout) → a goal status in at most 8
clicks. The clicks and the seconds each step took are printed (``-s``) for the closing note."""

from __future__ import annotations

import datetime as dt
import json
import random
import time

import pytest

from kpi_core.i18n.formatting import t
from tests.browser.conftest import assert_no_exception, wait_idle
from tests.conftest import TODAY

pytestmark = pytest.mark.browser
SOURCES = {"Переходы из поисковых систем": 60, "Прямые заходы": 25, "Переходы из социальных сетей": 15}


def metrica_export(days: int, last: dt.date) -> bytes:
    """Metrica's «Источники, сводка» by day: BOM, every field quoted, «Итого и средние» on row 2,
    rates as fractions, time on site as 00:01:42, CRLF."""
    rng = random.Random(7)
    rows = []
    for i in range(days):
        day = last - dt.timedelta(days=days - 1 - i)
        for source, base in SOURCES.items():
            visits = base + rng.randint(0, 10) + i // 10
            rows.append([day.isoformat(), source, visits, int(visits * 0.8), round(rng.uniform(0.15, 0.35), 6)])
    total = sum(r[2] for r in rows)
    header = ["Дата визита", "Источник трафика", "Визиты", "Посетители", "Отказы", "Время на сайте"]
    lines = [header, ["Итого и средние", "", total, int(total * 0.8), "0.25", "00:01:42"]]
    lines += [[*r, "00:01:40"] for r in rows]
    text = "\r\n".join(",".join(json.dumps(str(v), ensure_ascii=False) for v in line) for line in lines) + "\r\n"
    return "\ufeff".encode() + text.encode("utf-8")


def test_an_owner_with_a_metrica_export_reaches_a_status_in_eight_clicks(app_url, browser, shots, tmp_path):
    export = tmp_path / "Источники, сводка.csv"
    export.write_bytes(metrica_export(120, TODAY - dt.timedelta(days=1)))
    context = browser.new_context(locale="ru-RU", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    clicks, timings = 0, {}
    began = time.monotonic()

    def step(name: str) -> None:
        wait_idle(page)
        assert_no_exception(page, shots, f"journey-{len(timings) + 1}-{name}")
        timings[name] = round(time.monotonic() - began, 1)

    page.goto(app_url)
    wait_idle(page)
    page.get_by_label(t("sidebar.workspace_name", "ru")).last.fill("Цветочная лавка")  # the one entry
    page.get_by_role("button", name=t("home.start", "ru")).last.click()
    clicks += 1
    step("business")
    assert "Шаг 3. Данные" in page.inner_text("h1")  # straight to the owner's export
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(export))
    clicks += 1  # the drop
    step("dropped")
    page.get_by_role("button", name="Загрузить в пространство: 1 файл").click()
    clicks += 1
    step("imported")
    next_goal = page.get_by_role("button", name="Дальше: поставить цель")
    assert "посещаемость" in next_goal.inner_text()  # a goal suggested from what the file holds: visits
    next_goal.click()
    clicks += 1
    step("goal-proposed")
    page.get_by_role("button", name="Сохранить цель").click()
    clicks += 1
    step("goal-saved")
    page.get_by_role("link", name="2. Метрики").last.click()
    clicks += 1
    step("metrics")
    page.get_by_role("button", name="Добавить эти KPI").click()
    clicks += 1
    step("kpis-added")
    page.locator("[data-testid=stSidebarNavLink]", has_text="4. Мониторинг").first.click()
    clicks += 1
    step("monitor")
    body = page.inner_text("[data-testid=stMain]")
    assert any(status in body for status in ("В графике", "Под угрозой", "Отстаём")), body[:2000]
    assert "Нет данных" not in body
    print(json.dumps({"clicks": clicks, "entries": 1, "seconds_at_each_step": timings}, ensure_ascii=False))
    assert clicks <= 8
    context.close()
