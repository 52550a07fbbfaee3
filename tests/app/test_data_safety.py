"""The Data page's guards (issue 12): a re-import that would remove much more than it brings is
asked about, not done; a link fetched again and again is kept once, packed; errors quote user text
escaped."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from functools import partial

import pytest

from db import repository as repo
from db.engine import make_engine, unit_of_work
from tests.app.conftest import no_exception
from tests.app.test_data_page import start, workspace_id


def daily_csv(first: dt.date, days: int, step: int = 1) -> bytes:
    lines = ["date,sessions"] + [f"{first + dt.timedelta(days=d)},{10 + d % 5}" for d in range(0, days, step)]
    return ("\n".join(lines) + "\n").encode()


def stored(db_url) -> list[tuple]:
    with unit_of_work(make_engine(db_url)) as s:
        frame = repo.load_observations(s, workspace_id(db_url))
    return sorted(zip(frame["date"].astype(str), frame["measure"], frame["value"], strict=True))


def test_a_re_import_that_removes_much_more_than_it_brings_is_asked_about(db_url):
    at = start(db_url)
    at.file_uploader(key="upload").set_value([("shop.csv", daily_csv(dt.date(2024, 1, 1), 366), "text/csv")]).run()
    at.button(key="do_import").click().run()
    no_exception(at)
    before = stored(db_url)
    assert len(before) == 366
    # the same source again, but a file holding only a few days of January
    thin = daily_csv(dt.date(2024, 1, 1), 31, step=10)
    at.file_uploader(key="upload").set_value([("shop.csv", thin, "text/csv")]).run()
    at.button(key="do_import").click().run()
    no_exception(at)
    assert stored(db_url) == before  # nothing changed
    [asked] = [w.value for w in at.warning if "would replace" in w.value]
    assert "would replace 31 stored values and bring only 4" in asked
    confirm = [b for b in at.button if b.label == "Replace the data"]
    assert len(confirm) == 1
    confirm[0].click().run()
    no_exception(at)
    after = stored(db_url)
    assert len(after) == 366 - 31 + 4
    assert any(": imported 4 values" in m.value and "(31 earlier values replaced)" in m.value for m in at.success)


class Site(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def site(tmp_path, monkeypatch):
    (tmp_path / "report.csv").write_bytes(daily_csv(dt.date(2025, 1, 1), 2_000) * 1)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Site, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setenv("KPI_CONNECT_ALLOW", "127.0.0.1")
    yield f"http://127.0.0.1:{httpd.server_address[1]}/report.csv"
    httpd.shutdown()


def test_a_link_fetched_four_times_is_kept_once_and_packed(db_url, site):
    """Before: every fetch appended the whole download to the session (45 MB × 4, never released)."""
    at = start(db_url)
    for _ in range(4):
        at.text_input(key="connect_link").input(site)
        at.button(key="connect_fetch").click().run()
        no_exception(at)
    [(name, kept)] = at.session_state["connected"]
    raw = daily_csv(dt.date(2025, 1, 1), 2_000)
    assert name == "report.csv" and kept.data == raw
    assert len(kept.packed) < len(raw) / 3
    at.button(key="do_import").click().run()
    no_exception(at)
    assert len(stored(db_url)) == 2_000
    assert at.session_state["connected"] == []


def test_a_link_into_the_servers_network_is_one_sentence(db_url, site, monkeypatch):
    monkeypatch.delenv("KPI_CONNECT_ALLOW")
    at = start(db_url, "ru")
    at.text_input(key="connect_link").input(site)
    at.button(key="connect_fetch").click().run()
    no_exception(at)
    [error] = [e.value for e in at.error]
    assert error.startswith("«127.0.0.1» — адрес внутренней сети сервера")
    assert "connected" not in at.session_state or at.session_state["connected"] == []


def test_a_far_cell_spreadsheet_is_one_russian_sentence_with_russian_numbers(db_url):
    from tests.upload.bombs import far_cell_xlsx

    at = start(db_url, "ru")
    at.file_uploader(key="upload").set_value([("far.xlsx", far_cell_xlsx(), "application/octet-stream")]).run()
    no_exception(at)
    [error] = [e.value for e in at.error]
    assert error.startswith("Один из листов файла растянут на 1\xa0048\xa0576 строк × 16\xa0384 столбцов")
    assert "10\xa0000\xa0000 ячеек" in error


def test_a_link_fetched_after_an_import_is_offered_for_import(db_url, tmp_path, monkeypatch):
    """Before: connected items were keyed by their place in the list, so the next link fetched took
    the key of the one just imported and showed as 'Imported ✓' with nothing to click."""
    for name, day, visits in (("march.csv", "2026-03-01", 10), ("april.csv", "2026-04-01", 20)):
        (tmp_path / name).write_text(f"Дата,Визиты\n{day},{visits}\n", encoding="utf-8")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Site, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setenv("KPI_CONNECT_ALLOW", "127.0.0.1")
    at = start(db_url)
    try:
        for name in ("march.csv", "april.csv"):
            at.text_input(key="connect_link").input(f"http://127.0.0.1:{httpd.server_address[1]}/{name}")
            at.button(key="connect_fetch").click().run()
            no_exception(at)
            at.button(key="do_import").click().run()
            no_exception(at)
    finally:
        httpd.shutdown()
    assert stored(db_url) == [("2026-03-01", "sessions", 10.0), ("2026-04-01", "sessions", 20.0)]
