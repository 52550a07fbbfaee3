"""What the workspace knows about its sources: which one was chosen per measure, how fresh each
is, and which one an export belongs to (by its columns, or by being the very same file)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db.errors import NotFoundError
from db.models import DataSource, ImportBatch, MeasureSource, Observation, utc_now
from db.observations import bump_data_version, set_aside


def preferred_sources(session: Session, workspace_id: int) -> dict[str, int]:
    """The source chosen in Settings for each measure that has one."""
    return dict(
        session.execute(
            select(MeasureSource.measure, MeasureSource.source_id).where(MeasureSource.workspace_id == workspace_id)
        ).all()
    )


def source_freshness(session: Session, workspace_id: int) -> list[tuple[str, dt.date | None]]:
    """Each source that holds data: its name and its last day of data (a span's last day counts as a
    day with data). A removed source holds none and is not listed."""
    return [(name, last) for _, name, last in sources_with_data(session, workspace_id)]


def sources_with_data(session: Session, workspace_id: int) -> list[tuple[int, str, dt.date]]:
    """Each source that holds data: its id, name and last day of data, oldest source first."""
    return list(
        session.execute(
            select(DataSource.id, DataSource.name, func.max(func.coalesce(Observation.end_date, Observation.date)))
            .join(Observation, Observation.source_id == DataSource.id)
            .where(DataSource.workspace_id == workspace_id)
            .group_by(DataSource.id, DataSource.name)
            .order_by(DataSource.id)
        ).all()
    )


def remove_source(session: Session, workspace_id: int, source_id: int) -> ImportBatch:
    """Take a source out of the workspace: its observations are set aside under a removal batch, which
    the import history lists and can undo like an import (the rows come back as they were). The
    measures read from it in Settings go back to their default source."""
    source = session.get(DataSource, source_id)
    if source is None or source.workspace_id != workspace_id:
        raise NotFoundError(f"source {source_id} does not exist in this workspace")
    batch = ImportBatch(
        workspace_id=workspace_id,
        source_id=source_id,
        file_name=source.name,
        file_hash="",
        created_at=utc_now(),
        removal=True,
    )
    session.add(batch)
    session.flush()
    batch.observations_replaced = set_aside(
        session, batch.id, Observation.workspace_id == workspace_id, Observation.source_id == source_id
    )
    session.execute(delete(MeasureSource).where(MeasureSource.source_id == source_id))
    bump_data_version(session, workspace_id)
    return batch


def find_source_by_signature(session: Session, workspace_id: int, signature: str) -> DataSource | None:
    """The workspace's source that was last imported from an export with these headers."""
    return session.scalar(
        select(DataSource)
        .where(DataSource.workspace_id == workspace_id, DataSource.signature == signature)
        .order_by(DataSource.id.desc())
    )


def source_of_file(session: Session, workspace_id: int, file_hash: str) -> str | None:
    """The name of the source that last imported the file with this hash (not undone), or None."""
    return session.scalar(
        select(DataSource.name)
        .join(ImportBatch, ImportBatch.source_id == DataSource.id)
        .where(
            ImportBatch.workspace_id == workspace_id,
            ImportBatch.file_hash == file_hash,
            ImportBatch.undone_at.is_(None),
        )
        .order_by(ImportBatch.id.desc())
        .limit(1)
    )


def source_mapping(source: DataSource) -> dict[str, str]:
    """The column → measure mapping confirmed for a source."""
    return json.loads(source.mapping_json) if source.mapping_json else {}


def source_presets(session: Session, workspace_id: int) -> dict[int, str]:
    """Each source's export format (its preset id, "generic" for a plain table), by source id."""
    return dict(
        session.execute(select(DataSource.id, DataSource.preset).where(DataSource.workspace_id == workspace_id)).all()
    )
