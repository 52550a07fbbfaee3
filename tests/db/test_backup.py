"""Backup and restore: the demo round-trips exactly into another database (SQLite, PostgreSQL); a cut,
damaged, changed or newer backup and a taken name get one sentence and change nothing."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from sqlalchemy import func, select

from cli import main
from db.engine import make_engine, unit_of_work, upgrade
from db.models import Observation, Workspace

AS_OF = "2026-11-27"
COMMANDS = (
    ["goals", "export"],
    ["kpis", "--as-of", AS_OF],
    ["series", "--kpi", "revenue", "--period", "month"],
    ["series", "--kpi", "cac", "--period", "week"],
    ["channels", "--from", "2026-09-01", "--to", "2026-11-27"],
)


def run(capsys, *args) -> tuple[int, object, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 and out.strip() else None), err


@pytest.fixture
def backup_file(tmp_path, capsys):
    """The demo shop's backup, made from a SQLite file; the source database's URL."""
    source = f"sqlite:///{tmp_path}/source.db"
    assert run(capsys, "demo", "--db", source, "--as-of", AS_OF)[0] == 0
    out = tmp_path / "demo.zip"
    code, printed, _ = run(capsys, "backup", "--db", source, "--workspace", "Demo shop", "--out", str(out))
    assert code == 0 and printed["bytes"] == out.stat().st_size
    return out, source


def url_of(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_a_restore_gives_the_same_numbers_in_another_database(engine, backup_file, capsys):
    out, source = backup_file
    target = url_of(engine)
    code, restored, _ = run(capsys, "restore", str(out), "--db", target)
    assert code == 0 and restored["workspace"] == "Demo shop" and restored["rows"]["observations"] > 40_000
    for command in COMMANDS:
        _, before, _ = run(capsys, *command[:1], *command[1:], "--db", source, "--workspace", "Demo shop")
        _, after, _ = run(capsys, *command[:1], *command[1:], "--db", target, "--workspace", "Demo shop")
        assert after == before, command
    # a second copy beside it, under another name, with ids of its own
    code, again, _ = run(capsys, "restore", str(out), "--db", target, "--as", "Demo shop (copy)")
    assert code == 0 and again["workspace_id"] != restored["workspace_id"]
    with unit_of_work(engine) as s:  # each its own data version: no cache keyed by an old id serves it
        versions = set(s.scalars(select(Workspace.data_version)))
    assert len(versions) == 2
    with unit_of_work(engine) as s:
        names = set(s.scalars(select(Workspace.name)))
        rows = s.scalar(select(func.count()).select_from(Observation))
    assert names == {"Demo shop", "Demo shop (copy)"} and rows == 2 * restored["rows"]["observations"]


def _changed(path, change) -> bytes:
    """The backup at ``path`` with one member rewritten by ``change(name, data)``."""
    source = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            archive.writestr(info.filename, change(info.filename, source.read(info.filename)))
    return out.getvalue()


def _newer(name: str, data: bytes) -> bytes:
    if name != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest["schema_revision"] = "9999_from_the_future"
    return json.dumps(manifest).encode()


def _tampered(name: str, data: bytes) -> bytes:
    return data.replace(b'"target": 40.0', b'"target": 99.0') if name == "tables/goal_kpis.jsonl" else data


BROKEN = {
    "cut off": (lambda path: path.read_bytes()[: path.stat().st_size // 2], "not a whole backup"),
    "not a zip": (lambda path: b"PK\x03\x04 not really a zip", "not a whole backup"),
    "another zip": (lambda path: _zip_of({"notes.txt": b"hello"}), "not a whole backup"),
    "changed": (lambda path: _changed(path, _tampered), "was changed after it was made"),
    "newer": (lambda path: _changed(path, _newer), "made by a newer version"),
    "flipped bytes": (lambda path: _flipped(path), "not a whole backup"),
    "a zip bomb": (lambda path: _bomb(path), "too big for a KPI Pilot backup"),
    "a word for a number": (lambda path: _resigned(path, "goal_kpis", lambda r: {**r, "target": "yes"}), "damaged"),
    "a column missing": (
        lambda path: _resigned(path, "observations", lambda r: {k: v for k, v in r.items() if k != "channel"}),
        "damaged",
    ),
    "an unknown KPI": (lambda path: _resigned(path, "goal_kpis", lambda r: {**r, "kpi": "no_such_kpi"}), "damaged"),
    "an endless number": (lambda path: _resigned(path, "observations", lambda r: {**r, "value": 1e400}), "damaged"),
}


def _flipped(path) -> bytes:
    """Bytes flipped inside the observations' compressed data: the zip opens, the member does not inflate."""
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo("tables/observations.jsonl")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 100
    data[start : start + 64] = bytes(b ^ 0x5A for b in data[start : start + 64])
    return bytes(data)


def _bomb(path) -> bytes:
    """64 MB of blank lines packed into a few kilobytes, in place of the goals."""
    source = zipfile.ZipFile(path)
    members = {info.filename: source.read(info.filename) for info in source.infolist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, b"\n" * (64 * 1024**2) if name == "tables/goals.jsonl" else data)
    return out.getvalue()


def _zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_backup_gets_one_sentence_and_changes_nothing(kind, backup_file, tmp_path, capsys):
    out, _ = backup_file
    target = f"sqlite:///{tmp_path}/target.db"
    assert run(capsys, "demo", "--db", target, "--as-of", AS_OF, "--workspace", "Kept")[0] == 0
    make, said = BROKEN[kind]
    bad = tmp_path / "bad.zip"
    bad.write_bytes(make(out))
    engine = make_engine(target)
    upgrade(engine)
    with unit_of_work(engine) as s:
        before = (
            s.scalar(select(func.count()).select_from(Workspace)),
            s.scalar(select(func.count()).select_from(Observation)),
        )
    code, _, err = run(capsys, "restore", str(bad), "--db", target, "--as", "New")
    assert code == 2 and said in err and err.count("\n") == 1 and "Traceback" not in err
    with unit_of_work(engine) as s:
        after = (
            s.scalar(select(func.count()).select_from(Workspace)),
            s.scalar(select(func.count()).select_from(Observation)),
        )
    engine.dispose()
    assert after == before


def _resigned(path, table: str, change) -> bytes:
    """The backup with one table's rows changed by ``change(row)`` and its checksum made to match."""
    import hashlib

    source = zipfile.ZipFile(path)
    member = f"tables/{table}.jsonl"
    rows = [change(json.loads(line)) for line in source.read(member).decode().splitlines()]
    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
    manifest = json.loads(source.read("manifest.json"))
    manifest["tables"][table]["sha256"] = hashlib.sha256(data).hexdigest()
    members = {info.filename: source.read(info.filename) for info in source.infolist()}
    return _zip_of({**members, member: data, "manifest.json": json.dumps(manifest).encode()})


def test_a_taken_name_is_refused_and_a_restore_failing_halfway_leaves_nothing(backup_file, tmp_path, capsys):
    out, source = backup_file
    code, _, err = run(capsys, "restore", str(out), "--db", source)
    assert code == 2 and "A workspace named “Demo shop” already exists" in err
    # checksums that match, but a goal's KPI pointing at a goal the backup does not hold: the
    # workspace, its sources and 41 000 observations are in before it fails, and none of it stays
    bad = tmp_path / "dangling.zip"
    bad.write_bytes(_resigned(out, "goal_kpis", lambda row: {**row, "goal_id": 999_999}))
    code, _, err = run(capsys, "restore", str(bad), "--db", source, "--as", "Half")
    assert code == 2 and "points at a record it does not hold" in err
    engine = make_engine(source)
    with unit_of_work(engine) as s:
        names = set(s.scalars(select(Workspace.name)))
        rows = s.scalar(select(func.count()).select_from(Observation))
    engine.dispose()
    assert names == {"Demo shop"}
    assert rows == json.loads(zipfile.ZipFile(out).read("manifest.json"))["tables"]["observations"]["rows"]


def test_the_russian_sentence(backup_file):
    from db.backup import BackupError
    from exports import restore_workspace

    out, source = backup_file
    engine = make_engine(source)
    with pytest.raises(BackupError) as raised, unit_of_work(engine) as s:
        restore_workspace(s, out.read_bytes())
    engine.dispose()
    assert raised.value.text("ru") == "Пространство «Demo shop» уже есть: восстановите копию под другим именем."
