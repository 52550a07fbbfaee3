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
import zipfile
from collections.abc import Iterable

from sqlalchemy import Date, DateTime, Table, insert, select
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
MAX_MEMBER_BYTES = 2 * 1024**3  # a member that would unpack to more is not a backup of ours
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
    """The manifest and every table's rows of a backup, checked whole; BackupError otherwise."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist()}
        if any(info.file_size > MAX_MEMBER_BYTES for info in members.values()):
            raise BackupError("backup.too_big")
        manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError("backup.not_ours")
        revision = manifest.get("schema_revision")
        if revision not in set(known_revisions):
            raise BackupError("backup.newer")
        tables: dict[str, list[dict]] = {}
        listed = manifest.get("tables")
        if not isinstance(listed, dict):
            raise BackupError("backup.no_tables")
        for model in ORDER:
            name = _table(model).name
            entry = listed.get(name)
            member = f"tables/{name}.jsonl"
            if not isinstance(entry, dict) or member not in members:
                raise BackupError("backup.missing", table=name)
            payload = archive.read(member)
            if hashlib.sha256(payload).hexdigest() != entry.get("sha256"):
                raise BackupError("backup.tampered", table=name)
            rows = [json.loads(line) for line in payload.decode("utf-8").splitlines() if line.strip()]
            if len(rows) != entry.get("rows") or not all(isinstance(r, dict) for r in rows):
                raise BackupError("backup.count", table=name)
            tables[name] = rows
    except BackupError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError, OSError):
        raise BackupError("backup.broken_zip") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise BackupError("backup.damaged") from None
    if len(tables["workspaces"]) != 1:
        raise BackupError("backup.no_workspace")
    return manifest, tables


def _decode(table: Table, row: dict) -> dict:
    """A stored row's values as the table's columns take them (dates back to dates); unknown keys refused."""
    out = {}
    for key, value in row.items():
        if key not in table.c:
            raise BackupError("backup.newer")
        kind = table.c[key].type
        if value is not None and isinstance(kind, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, Date):
            value = dt.date.fromisoformat(value)
        out[key] = value
    return out


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
            row = _decode(table, raw)
            old_id = row.pop("id", None)
            for column, target in foreign[model].items():
                if row.get(column) is not None:
                    mapped = new_ids.get(target, {}).get(row[column])
                    if mapped is None and column not in REFERENCES:
                        raise BackupError("backup.dangling", table=table.name)
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
