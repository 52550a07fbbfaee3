"""A workspace's backup and its exact restore.

The backup is a zip: ``manifest.json`` (format, schema revision, app version, the workspace's
name, per table its row count and the SHA-256 of its file) and ``tables/<table>.jsonl``, one JSON
object per row of every table that holds the workspace's data (observations, sources and their
mappings, import batches and the rows they set aside for an undo, goals, their KPIs, plans and
target revisions, actions, the workspace's own KPIs, its settings and brand).

A restore checks the whole file first — a zip that opens, every file its manifest lists, every
checksum, a schema this version knows — then inserts every row in the caller's one transaction,
with new ids and every reference to an id mapped to the new one. Whatever goes wrong, it raises
``BackupError`` with one sentence and the caller's transaction writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import math
import zipfile
import zlib
from collections.abc import Iterable

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Float, Integer, String, Table, Text, insert, select
from sqlalchemy.orm import Session

from db.models import (
    Action,
    CustomKPI,
    DataSource,
    Goal,
    GoalKPI,
    GoalKPIPlan,
    ImportBatch,
    MeasureSource,
    Observation,
    ReplacedObservation,
    TargetRevision,
    Workspace,
)

FORMAT = "kpi-pilot-backup/1"
APP_VERSION = "0.1.0"
MAX_TOTAL_BYTES = 4 * 1024**3  # a backup that would unpack to more is not one of ours
MAX_LINE_BYTES = 1024**2  # one row, or the manifest
MAX_RATIO = 200  # how many times a member may outgrow its compressed size (rows of JSON inflate ~10×)
# the tables in the order a restore inserts them (a row's references exist before it)
ORDER = (
    Workspace,
    DataSource,
    MeasureSource,
    ImportBatch,
    Observation,
    ReplacedObservation,
    Goal,
    GoalKPI,
    GoalKPIPlan,
    TargetRevision,
    Action,
    CustomKPI,
)
# columns holding another row's id, by the table that row lives in (foreign keys, and one plain id)
REFERENCES = {"original_batch_id": "import_batches"}


class BackupError(ValueError):
    """A backup that cannot be restored, said in one sentence: ``key`` names it among the strings
    (``backup.*``), ``str()`` says it in English (the command line)."""

    def __init__(self, key: str, **values: object) -> None:
        from kpi_core.i18n.formatting import t

        super().__init__(t(key, "en", **values))
        self.key, self.values = key, values

    def text(self, lang: str) -> str:
        from kpi_core.i18n.formatting import t

        return t(self.key, lang, **self.values)


def _table(model) -> Table:
    return model.__table__


def _rows_of(session: Session, model, workspace_id: int) -> list[dict]:
    table = _table(model)
    if model is Workspace:
        query = select(table).where(table.c.id == workspace_id)
    elif "workspace_id" in table.c:
        query = select(table).where(table.c.workspace_id == workspace_id)
    elif model is GoalKPI:
        query = select(table).join(Goal.__table__).where(Goal.workspace_id == workspace_id)
    else:  # plans and revisions hang off a goal's KPI
        goal_kpis = GoalKPI.__table__
        query = (
            select(table)
            .join(goal_kpis, table.c.goal_kpi_id == goal_kpis.c.id)
            .join(Goal.__table__, goal_kpis.c.goal_id == Goal.id)
            .where(Goal.workspace_id == workspace_id)
        )
    return [dict(row._mapping) for row in session.execute(query.order_by(table.c.id))]


def _encode(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def make_backup(session: Session, workspace_id: int, revision: str | None) -> bytes:
    """The workspace's backup as zip bytes."""
    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for model in ORDER:
        rows = _rows_of(session, model, workspace_id)
        name = _table(model).name
        counts[name] = len(rows)
        lines = (json.dumps({k: _encode(v) for k, v in row.items()}, ensure_ascii=False) for row in rows)
        files[f"tables/{name}.jsonl"] = "".join(line + "\n" for line in lines).encode("utf-8")
    workspace = session.get(Workspace, workspace_id)
    manifest = {
        "format": FORMAT,
        "app_version": APP_VERSION,
        "schema_revision": revision,
        "workspace": workspace.name if workspace else None,
        "tables": {
            name.split("/")[1].removesuffix(".jsonl"): {
                "rows": counts[name.split("/")[1].removesuffix(".jsonl")],
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            for name, data in files.items()
        },
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def known_revisions() -> set[str]:
    """Every schema revision this version of the app knows (a backup from any of them restores)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from db.engine import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def read_backup(data: bytes, known_revisions: Iterable[str]) -> tuple[dict, dict[str, list[dict]]]:
    """The manifest and every table's rows of a backup, checked whole; BackupError otherwise.

    Nothing is unpacked at once: each member is read line by line, hashed as it goes and counted
    against its manifest, within caps on the whole (MAX_TOTAL_BYTES), on a line (MAX_LINE_BYTES)
    and on how far a member may inflate (MAX_RATIO), so a small zip cannot fill the server's memory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist()}
        if sum(info.file_size for info in members.values()) > MAX_TOTAL_BYTES or any(
            info.file_size > MAX_RATIO * max(info.compress_size, 1) + 4096 for info in members.values()
        ):
            raise BackupError("backup.too_big")
        manifest = json.loads(_read_small(archive, "manifest.json"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError("backup.not_ours")
        if manifest.get("schema_revision") not in set(known_revisions):
            raise BackupError("backup.newer")
        listed = manifest.get("tables")
        if not isinstance(listed, dict):
            raise BackupError("backup.no_tables")
        tables = {
            _table(model).name: _read_rows(archive, members, listed.get(_table(model).name), _table(model))
            for model in ORDER
        }
    except BackupError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError, OSError, zlib.error):
        raise BackupError("backup.broken_zip") from None
    except (NotImplementedError, RuntimeError):  # a compression method or an encryption this zip reader lacks
        raise BackupError("backup.broken_zip") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError, TypeError):
        raise BackupError("backup.damaged") from None
    if len(tables["workspaces"]) != 1:
        raise BackupError("backup.no_workspace")
    return manifest, tables


def _read_small(archive: zipfile.ZipFile, member: str) -> str:
    with archive.open(member) as handle:
        text = handle.read(MAX_LINE_BYTES + 1)
    if len(text) > MAX_LINE_BYTES:
        raise BackupError("backup.damaged")
    return text.decode("utf-8")


def _read_rows(archive: zipfile.ZipFile, members: dict, entry: object, table: Table) -> list[dict]:
    """A table's rows: read line by line, hashed and counted against the manifest, each row checked."""
    member = f"tables/{table.name}.jsonl"
    if not isinstance(entry, dict) or member not in members or not isinstance(entry.get("rows"), int):
        raise BackupError("backup.missing")
    digest, rows = hashlib.sha256(), list[dict]()
    with archive.open(member) as handle:
        while line := handle.readline(MAX_LINE_BYTES + 1):
            if len(line) > MAX_LINE_BYTES or not line.endswith(b"\n") or not line.strip():
                raise BackupError("backup.damaged")
            digest.update(line)
            if len(rows) >= entry["rows"]:
                raise BackupError("backup.count")
            rows.append(_checked(table, json.loads(line)))
    if digest.hexdigest() != entry.get("sha256"):
        raise BackupError("backup.tampered")
    if len(rows) != entry["rows"]:
        raise BackupError("backup.count")
    return rows


def _checked(table: Table, row: object) -> dict:
    """A stored row as its table's columns take it: exactly the table's columns, each of its type, within
    its length, nothing missing that may not be; dates back to dates."""
    if not isinstance(row, dict) or set(row) != set(table.c.keys()):
        raise BackupError("backup.damaged")
    out = {}
    for key, value in row.items():
        column = table.c[key]
        kind = column.type
        if value is None:
            if not column.nullable and not column.primary_key:
                raise BackupError("backup.damaged")
        elif isinstance(kind, DateTime):
            value = dt.datetime.fromisoformat(_text(value))
        elif isinstance(kind, Date):
            value = dt.date.fromisoformat(_text(value))
        elif isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise BackupError("backup.damaged")
        elif isinstance(kind, Integer | BigInteger):
            if isinstance(value, bool) or not isinstance(value, int) or not -(2**63) <= value < 2**63:
                raise BackupError("backup.damaged")
        elif isinstance(kind, Float):
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise BackupError("backup.damaged")
            value = float(value)
        elif isinstance(kind, String | Text):
            length = getattr(kind, "length", None)
            if not isinstance(value, str) or (length is not None and len(value) > length):
                raise BackupError("backup.damaged")
        out[key] = value
    return out


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise BackupError("backup.damaged")
    return value


def restore_rows(session: Session, tables: dict[str, list[dict]], name: str) -> int:
    """Insert a checked backup's rows as a new workspace called ``name``; its id. Every id is new and
    every reference follows its row."""
    new_ids: dict[str, dict[int, int]] = {}
    foreign = {
        model: {
            column.name: next(iter(column.foreign_keys)).column.table.name
            for column in _table(model).c
            if column.foreign_keys
        }
        | {key: target for key, target in REFERENCES.items() if key in _table(model).c}
        for model in ORDER
    }
    referenced = {fk for links in foreign.values() for fk in links.values()}
    workspace_id = 0
    for model in ORDER:
        table = _table(model)
        rows = []
        for raw in tables[table.name]:
            row = dict(raw)
            old_id = row.pop("id", None)
            for column, target in foreign[model].items():
                if row.get(column) is not None:
                    mapped = new_ids.get(target, {}).get(row[column])
                    if mapped is None and column not in REFERENCES:
                        raise BackupError("backup.dangling")
                    row[column] = mapped
            if model is Workspace:
                row["name"] = name
            rows.append((old_id, row))
        if table.name in referenced:  # ids others point at: one row at a time, to learn each new id
            mapping = new_ids.setdefault(table.name, {})
            for old_id, row in rows:
                key = session.connection().execute(insert(table).values(**row)).inserted_primary_key
                mapping[old_id] = int(key[0]) if key else 0
        elif rows:
            session.execute(insert(table), [row for _, row in rows])
        if model is Workspace:
            workspace_id = new_ids["workspaces"][rows[0][0]]
    return workspace_id
