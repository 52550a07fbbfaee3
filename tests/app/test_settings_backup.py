"""Settings: back up the workspace and restore a backup beside it, in Russian; a damaged backup gets
one sentence in the reader's language and changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

import exports
from db.engine import make_engine, unit_of_work
from db.models import Workspace
from tests.app.conftest import new_app, no_exception

PAGE = "app_pages/settings.py"


def backup_of(db_url: str, workspace_id: int) -> bytes:
    engine = make_engine(db_url)
    with unit_of_work(engine) as s:
        data = exports.backup_workspace(s, workspace_id)
    engine.dispose()
    return data


def names(db_url: str) -> set[str]:
    engine = make_engine(db_url)
    with unit_of_work(engine) as s:
        found = set(s.scalars(select(Workspace.name)))
        assert s.scalar(select(func.count()).select_from(Workspace)) == len(found)
    engine.dispose()
    return found


def open_settings(lang: str = "ru"):
    at = new_app(lang).run()
    at.switch_page(PAGE).run()
    no_exception(at)
    return at


def restore(at, data: bytes, name: str):
    at.file_uploader(key="restore_file").set_value(("копия.zip", data, "application/zip"))
    at.text_input(key="restore_as").input(name)
    at.button(key="restore_go").click().run()
    no_exception(at)
    return at


def test_a_backup_restores_beside_the_workspace_and_opens(demo_db, db_url):
    at = open_settings()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Сделать копию (zip)"]  # the zip is built when it is clicked
    at = restore(at, backup_of(db_url, demo_db), "Копия магазина")
    assert [s.value for s in at.success] == ["Пространство «Копия магазина» восстановлено и открыто."]
    assert names(db_url) == {"Demo shop", "Копия магазина"}
    assert at.session_state["workspace_id"] != demo_db  # the restored one is open


def test_a_changed_backup_gets_one_russian_sentence_and_changes_nothing(demo_db, db_url):
    data = backup_of(db_url, demo_db)
    cut = data[: len(data) // 3]
    at = restore(open_settings(), cut, "Другая")
    assert [e.value for e in at.error] == ["Файл — не целая копия (zip повреждён или обрезан): сделайте копию заново."]
    at = restore(at, data, "")  # no name: the backup's own, which is taken
    assert [e.value for e in at.error] == ["Пространство «Demo shop» уже есть: восстановите копию под другим именем."]
    assert names(db_url) == {"Demo shop"}
