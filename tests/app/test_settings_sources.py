"""Settings: which source provides each measure (DESIGN §2, "one source per measure"), in both languages."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

import workflows
from db import repository as repo
from db.engine import make_engine, unit_of_work, upgrade
from db.models import Workspace
from kpi_core.i18n.formatting import t
from tests.app.conftest import new_app, no_exception
from ui import state

MARCH = [dt.date(2026, 3, day) for day in range(1, 32)]
# the totals worked out by hand: Metrica 100 + day on 1–10 March (1 055) and direct 50 a day (500);
# the analytics counter 90 a day on 5–20 March
METRICA, ANALYTICS = 1555.0, 1440.0
SHOWN = {
    "ru": ("Визиты", "1–10 марта 2026", "всего 1\xa0555", "5–20 марта 2026", "всего 1\xa0440"),
    "en": ("Sessions", "1–10 Mar 2026", "1,555 in all", "5–20 Mar 2026", "1,440 in all"),
}


def _store(session, ws: int, source: str, rows: list[tuple], preset: str) -> None:
    frame = pd.DataFrame(rows, columns=["date", "measure", "channel", "value"])
    repo.store_observations(
        session, ws, source, frame, file_name=f"{source}.csv", file_hash=source, rows_read=len(rows), preset=preset
    )


@pytest.fixture
def shop(db_url) -> dict[str, int]:
    """A shop whose visits come from Metrica and from a second analytics counter, orders from Metrica only."""
    engine = make_engine(db_url)
    upgrade(engine)
    with unit_of_work(engine) as s:
        ws = repo.create_workspace(s, "Магазин").id
        metrica = [(d, "sessions", "organic", 100.0 + d.day) for d in MARCH[:10]]
        metrica += [(d, "sessions", "direct", 50.0) for d in MARCH[:10]]
        metrica += [(d, "orders", "all", 3.0) for d in MARCH[:10]]
        _store(s, ws, "Метрика", metrica, "yandex_metrica")
        _store(s, ws, "Аналитика", [(d, "sessions", "all", 90.0) for d in MARCH[4:20]], "ga4")
        ids = {name: repo.get_or_create_source(s, ws, name).id for name in ("Метрика", "Аналитика")}
    engine.dispose()
    return {"ws": ws, **ids}


def _read(db_url: str, ws: int) -> tuple[dict[str, int], float, int]:
    """The stored choice, the visits the workspace shows and its data version."""
    engine = make_engine(db_url)
    with unit_of_work(engine) as s:
        frame = workflows.workspace_observations(s, ws)
        found = (
            repo.preferred_sources(s, ws),
            float(frame.loc[frame["measure"] == "sessions", "value"].sum()),
            s.get(Workspace, ws).data_version,
        )
    engine.dispose()
    return found


def _sessions_cached(db_url: str, ws: int, version: int) -> float:
    """The visits the pages read through the cache keyed on the data version."""
    frame = state.observations(db_url, ws, version)
    return float(frame.loc[frame["measure"] == "sessions", "value"].sum())


def _settings(lang: str):
    at = new_app(lang).run()
    no_exception(at)
    at.switch_page("app_pages/settings.py").run()
    no_exception(at)
    return at


def _section_texts(at, ws: int) -> list[str]:
    """Every text the section shows: heading, explanation, the measure, its sources, help and button."""
    radio = at.radio(key=f"measure_source_{ws}_sessions")
    texts = [h.value for h in at.main.subheader if h.value == t("settings.sources", at.session_state["lang"])]
    texts += [c.value for c in at.main.caption] + [radio.label, radio.help, *radio.options]
    texts += [at.button(key="save_sources").label] + [m.value for m in at.main.success]
    return texts


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_choosing_the_second_source_changes_the_choice_and_the_totals(shop, db_url, lang):
    at = _settings(lang)
    assert [h.value for h in at.main.subheader] == [t("settings.sources", lang), t("backup.title", lang)]
    radio = at.radio(key=f"measure_source_{shop['ws']}_sessions")  # orders have one source: not listed
    assert len(at.main.radio) == 1
    measure, metrica_days, metrica_total, other_days, other_total = SHOWN[lang]
    assert radio.label == measure
    first, second = radio.options
    assert "Метрика" in first and metrica_days in first and metrica_total in first
    assert first.endswith(t("settings.source_first", lang))
    assert "Аналитика" in second and other_days in second and other_total in second
    assert radio.value == shop["Метрика"]  # the first that provided it
    _, shown, version = _read(db_url, shop["ws"])
    assert shown == METRICA == _sessions_cached(db_url, shop["ws"], version)

    radio.set_value(shop["Аналитика"])
    at.button(key="save_sources").click().run()
    no_exception(at)
    assert [m.value for m in at.main.success] == [t("common.saved", lang)]
    assert at.radio(key=f"measure_source_{shop['ws']}_sessions").value == shop["Аналитика"]
    chosen, shown, new_version = _read(db_url, shop["ws"])
    assert chosen == {"sessions": shop["Аналитика"]}
    assert shown == ANALYTICS
    assert new_version > version  # so the cached observations are read again
    assert _sessions_cached(db_url, shop["ws"], new_version) == ANALYTICS

    if lang == "ru":  # the section's own words are Russian: only the exports' brand names stay as written
        words = " ".join(_section_texts(at, shop["ws"]))
        words = words.replace("Метрика", "").replace("Аналитика", "").replace("Google Analytics 4", "")
        assert re.findall(r"[A-Za-z]+", words) == [], words

    # back to the first: the choice is forgotten, the first source is read again
    at.radio(key=f"measure_source_{shop['ws']}_sessions").set_value(shop["Метрика"])
    at.button(key="save_sources").click().run()
    no_exception(at)
    chosen, shown, _ = _read(db_url, shop["ws"])
    assert (chosen, shown) == ({}, METRICA)


def test_saving_without_a_change_writes_nothing(shop, db_url):
    at = _settings("en")
    _, _, version = _read(db_url, shop["ws"])
    at.button(key="save_sources").click().run()
    no_exception(at)
    assert _read(db_url, shop["ws"]) == ({}, METRICA, version)


def _undo_counter(db_url: str, ws: int, source_id: int) -> None:
    engine = make_engine(db_url)
    with unit_of_work(engine) as s:
        batch = next(b for b in repo.list_batches(s, ws) if b.source_id == source_id)
        workflows.undo_import(s, batch.id)
    engine.dispose()


def test_a_source_undone_before_saving_leaves_nothing_to_choose(shop, db_url):
    at = _settings("ru")
    at.radio(key=f"measure_source_{shop['ws']}_sessions").set_value(shop["Аналитика"])
    _undo_counter(db_url, shop["ws"], shop["Аналитика"])  # meanwhile someone undoes the counter's import
    at.button(key="save_sources").click().run()
    no_exception(at)
    assert not at.main.radio  # the page is drawn again from the data: one source is left
    assert t("settings.sources_one_each", "ru") in [c.value for c in at.main.caption]
    assert _read(db_url, shop["ws"])[:2] == ({}, METRICA)


def test_a_source_undone_while_saving_is_refused_in_words(shop, db_url, monkeypatch):
    real, undone = repo.choose_measure_source, []

    def racing(session, ws, measure, source_id):
        if not undone:  # the undo lands between the page's read and this write
            _undo_counter(db_url, ws, source_id)
            undone.append(source_id)
        return real(session, ws, measure, source_id)

    at = _settings("ru")
    monkeypatch.setattr(repo, "choose_measure_source", racing)
    at.radio(key=f"measure_source_{shop['ws']}_sessions").set_value(shop["Аналитика"])
    at.button(key="save_sources").click().run()
    no_exception(at)
    assert undone
    assert [w.value for w in at.main.warning] == [t("settings.sources_changed", "ru")]
    assert not at.main.success
    assert _read(db_url, shop["ws"])[:2] == ({}, METRICA)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_one_source_per_measure_shows_one_line(db_url, lang):
    engine = make_engine(db_url)
    upgrade(engine)
    with unit_of_work(engine) as s:
        ws = repo.create_workspace(s, "Shop").id
        _store(s, ws, "metrica", [(d, "sessions", "all", 10.0) for d in MARCH], "yandex_metrica")
    engine.dispose()
    at = _settings(lang)
    assert not at.main.radio
    assert t("settings.sources_one_each", lang) in [c.value for c in at.main.caption]
