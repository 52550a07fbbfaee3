"""Use cases shared by the pages and the command line: kpi_core computes, db stores.

Each function takes the session of the caller's unit of work (``with Session(engine) as s,
s.begin():``), so a failure anywhere rolls the whole use case back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields

import pandas as pd
from sqlalchemy.orm import Session

import config
import sandbox
from connectors import sql as sql_connector
from connectors.http import fetch_csv
from db import repository as repo
from db import sources
from db.models import Workspace
from db.sources import sources_with_data as sources_with_data  # the Data page's list of sources
from kpi_core.catalog.registry import KPI, custom_kpi_id, custom_kpis_in_use, make_custom_kpi, use_custom_kpis
from kpi_core.compute.cube import DailyTotals
from kpi_core.compute.series import select_measure_sources, spend_without_vat
from kpi_core.demo import build_demo
from kpi_core.goals.spec import goal_to_dict, goals_from_json
from kpi_core.i18n.formatting import t
from kpi_core.ingest.currency import currency_problem
from kpi_core.ingest.pipeline import Inspection, ParsedFile, parse_cells
from kpi_core.ingest.presets import AD_PLATFORMS
from kpi_core.monitor.pacing import PacedKPI, goal_status, pace_goal_kpi
from workspace_rows import ActionLog as ActionLog  # the rows the pages read, as workflows.*
from workspace_rows import ActionRow as ActionRow
from workspace_rows import BatchRow as BatchRow
from workspace_rows import GoalKPIRow as GoalKPIRow
from workspace_rows import RevisionRow as RevisionRow
from workspace_rows import action_log as action_log
from workspace_rows import action_rows as action_rows
from workspace_rows import data_quality as data_quality
from workspace_rows import import_history as import_history
from workspace_rows import measure_source_rows as measure_source_rows
from workspace_rows import undoable_batches as undoable_batches

log = logging.getLogger("kpi_pilot.workflows")


def workspace_custom_kpis(session: Session, workspace_id: int) -> list[KPI]:
    """The workspace's own KPIs as KPI objects."""
    return [
        make_custom_kpi(row.key, row.name, row.formula, row.unit, row.good)
        for row in repo.list_custom_kpis(session, workspace_id)
    ]


def use_workspace_kpis(session: Session, workspace_id: int) -> None:
    """Make the workspace's own KPIs known for this unit of work: app.py calls it (through
    ui.state) on every script run once the workspace is known, cli.py before a command."""
    use_custom_kpis(workspace_custom_kpis(session, workspace_id))


def add_custom_kpi(session: Session, workspace_id: int, name: str, formula: str, unit: str, good: str) -> KPI:
    """Check and store a workspace's own KPI; FormulaError or ValueError say what is wrong."""
    kpi = make_custom_kpi(custom_kpi_id(name), name.strip(), formula.strip(), unit, good)
    repo.add_custom_kpi(session, workspace_id, kpi.id, kpi.name_en, kpi.formula, unit, good)
    return kpi


def workspace_observations(session: Session, workspace_id: int) -> pd.DataFrame:
    """The workspace's observations with one source per measure (never two exports added), ad spend
    without VAT when the workspace says its imports include it (one convention for every KPI)."""
    frame = repo.load_observations(session, workspace_id)
    platforms = {
        sid: preset for sid, preset in repo.source_presets(session, workspace_id).items() if preset in AD_PLATFORMS
    }
    preferred = repo.preferred_sources(session, workspace_id)
    chosen = select_measure_sources(frame, preferred, platforms).reset_index(drop=True)
    workspace = repo.get_workspace(session, workspace_id)
    return spend_without_vat(chosen, workspace.vat_pct) if workspace.spend_includes_vat else chosen


def seed_demo(session: Session, name: str, as_of: dt.date, lang: str = "en") -> Workspace:
    """Create (or refresh) the demo workspace ``name`` with data, goals and actions as of a day."""
    existing = repo.find_workspace(session, name)
    if existing is not None:
        if not existing.is_demo:
            raise ValueError(f"'{name}' is a real workspace; choose another name for the demo.")
        repo.delete_workspace(session, existing.id)
        session.flush()
    demo = build_demo(as_of, lang)
    workspace = repo.create_workspace(session, name, is_demo=True, locale=lang, currency="RUB", brand_name=name)
    source = t("home.demo_source", lang)
    repo.store_observations(  # the source and its import are named in the demo's language (the pages show them)
        session,
        workspace.id,
        source,
        demo.observations,
        file_name=source,
        file_hash="demo",
        rows_read=len(demo.observations),
        kind="demo",
    )
    goal_ids = [repo.add_goal(session, workspace.id, goal).id for goal in demo.goals]
    for action in demo.actions:
        repo.add_action(
            session,
            workspace.id,
            action.day,
            action.description,
            goal_id=goal_ids[action.goal_index] if action.goal_index is not None else None,
            kpi=action.kpi,
            expected_effect=action.expected_effect,
            channels=action.channels,
        )
    return workspace


def parse_upload(
    data: bytes,
    file_name: str,
    sheet: str | None = None,
    mapping: dict[str, str | None] | None = None,
    period: str | None = None,
) -> ParsedFile:
    """Read an uploaded file without storing anything (preview), in a worker process with memory
    and time limits (``sandbox``): whatever the file does, the caller gets a result or one IngestError.

    ``period`` is the period typed for a report without day rows that states none."""
    return sandbox.parse_file(data, file_name, sheet, mapping, today=config.today(), period=period)


def inspect_upload(
    data: bytes,
    file_name: str,
    sheet: str | None = None,
    mapping: dict[str, str | None] | None = None,
    period: str | None = None,
) -> Inspection:
    """What a file is and how it maps (the `inspect` command), read like an upload."""
    return parse_upload(data, file_name, sheet, mapping, period).inspection


def answered_mapping(session: Session, workspace_id: int, parsed: ParsedFile) -> dict[str, str | None] | None:
    """The remembered mapping of the source this export was imported as before, when it answers
    the file's questions ("Conversions: orders or leads?" is asked once per source)."""
    questions = parsed.inspection.questions
    if not questions:
        return None
    source = repo.find_source_by_signature(session, workspace_id, parsed.inspection.signature)
    remembered = repo.source_mapping(source) if source is not None else {}
    answers = {header: remembered[header] for header in questions if remembered.get(header) in questions[header]}
    return {**parsed.inspection.mapping, **answers} if answers else None


@dataclass(frozen=True)
class QueryResult:
    """The cells a database query returned (first row = column names) with their digest, which
    identifies them as an import and keys the page's preview cache."""

    cells: pd.DataFrame = field(compare=False)
    digest: str

    @classmethod
    def of(cls, cells: pd.DataFrame) -> QueryResult:
        return cls(cells, hashlib.sha256(cells.to_csv(index=False, header=False).encode("utf-8")).hexdigest())


def parse_query_result(cells: pd.DataFrame, name: str, mapping: dict[str, str | None] | None = None) -> ParsedFile:
    """Read the cells a database query returned (first row = column names) without storing anything."""
    return parse_cells(cells, name, mapping, today=config.today())


def run_query(url: str, query: str) -> QueryResult:
    """One read-only SELECT on a user's database (``connectors.sql``: allowed drivers and settings,
    public hosts, no superuser, row/byte caps, a timeout); IngestError with one sentence otherwise.
    The Data page and ``import-sql`` both come through here."""
    # in a worker process: a result of huge values, or a query that never ends, costs the worker
    return QueryResult.of(sandbox.read_query(url, query, data_dir=sql_connector.CONNECT_DIR))


@dataclass(frozen=True)
class FetchedLink:
    """A CSV / Google Sheets link's data, kept compressed while a page shows its preview (a 45 MB
    export is a few MB packed); ``digest`` identifies it and keys the preview cache."""

    name: str
    digest: str
    packed: bytes = field(repr=False)

    @property
    def data(self) -> bytes:
        return zlib.decompress(self.packed)


def fetch_link(url: str) -> FetchedLink:
    """The data behind a link (``connectors.http``: http(s), public hosts on every hop, a size cap,
    one deadline); IngestError with one sentence otherwise. The Data page and ``import-url`` both
    come through here."""
    data, name = fetch_csv(url)
    return FetchedLink(name, content_hash(data), zlib.compress(data, 1))


def content_hash(payload: bytes | QueryResult | FetchedLink) -> str:
    """What identifies an import's content: the file's bytes, a link's bytes, or a query result's cells."""
    return hashlib.sha256(payload).hexdigest() if isinstance(payload, bytes) else payload.digest


@dataclass
class FileImport(repo.ImportResult):
    """What an import did, with what the file said about itself: its stated period, its data
    quality, its warnings and the questions it left open (the ``import`` command's output)."""

    period: dict[str, str] | None = None
    quality: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    questions: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        extra = {"period": self.period, "quality": self.quality, "warnings": self.warnings}
        return {**super().as_dict(), **extra, "questions": self.questions}


def import_parsed(
    session: Session,
    workspace_id: int,
    parsed: ParsedFile,
    file_name: str,
    file_hash: str,
    source_name: str | None = None,
    *,
    replace: bool = False,
) -> repo.ImportResult:
    """Store an already parsed file; the source's rows for the dates the file covers are replaced.

    ``repo.LargeReplacementError`` (nothing changed) when that would remove more than twice the
    values the file brings, unless ``replace`` confirms it; ``IngestError`` for money in another
    currency than the workspace's."""
    inspection = parsed.inspection
    problem = currency_problem(inspection.currencies, repo.get_workspace(session, workspace_id).currency)
    if problem is not None:
        raise problem
    result = repo.store_observations(
        session,
        workspace_id,
        source_name or file_name.rsplit(".", 1)[0],
        parsed.observations,
        file_name=file_name,
        file_hash=file_hash,
        rows_read=parsed.rows_read,
        rows_skipped=len(parsed.skipped),
        preset=inspection.source,
        grain=inspection.grain,
        signature=inspection.signature,
        mapping=inspection.mapping,
        replace=replace,
        quality=inspection.quality,
    )
    log.info(
        "import into workspace %s: %s as source %r, %d observations written, %d replaced",
        workspace_id,
        file_name,
        result.source,
        result.observations_written,
        result.observations_replaced,
    )
    stored = {f.name: getattr(result, f.name) for f in fields(repo.ImportResult)}
    return FileImport(
        **stored,
        period=inspection.period,
        quality=inspection.quality,
        warnings=list(inspection.warnings),
        questions=dict(inspection.questions),
    )


def remove_source(session: Session, workspace_id: int, source_id: int) -> None:
    """Take a source and its observations out of the workspace; the import history can undo it."""
    batch = sources.remove_source(session, workspace_id, source_id)
    log.info("source %s (%s) removed from workspace %s", source_id, batch.file_name, workspace_id)


def undo_import(session: Session, batch_id: int) -> None:
    """Take an import back (its rows go, the rows it replaced return)."""
    batch = repo.undo_batch(session, batch_id)
    log.info("import %s (%s) undone in workspace %s", batch.id, batch.file_name, batch.workspace_id)


def import_file(
    session: Session,
    workspace_id: int,
    data: bytes,
    file_name: str,
    source_name: str | None = None,
    sheet: str | None = None,
    mapping: dict[str, str | None] | None = None,
    *,
    replace: bool = False,
    period: str | None = None,
) -> repo.ImportResult:
    """Parse and store a file in one transaction (the caller's); a question the file asks that
    the source's remembered mapping answers is answered by it."""
    # hashing a large file runs beside the parsing (hashlib releases the GIL)
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(content_hash, data)
        parsed = parse_upload(data, file_name, sheet, mapping, period)
        file_hash = digest.result()
    remembered = answered_mapping(session, workspace_id, parsed) if mapping is None else None
    if remembered is not None:
        parsed = parse_upload(data, file_name, sheet, remembered, period)
    if source_name is None:
        source_name = default_source(session, workspace_id, parsed, file_hash)
    return import_parsed(session, workspace_id, parsed, file_name, file_hash, source_name, replace=replace)


def default_source(session: Session, workspace_id: int, parsed: ParsedFile, file_hash: str) -> str | None:
    """The source a file goes to when none is named: the one that holds this very file (a second
    download of it, "report (1).csv", replaces instead of doubling), else the one last imported from
    an export with the same columns (next month's report of the same kind), else None (the file's
    own name). The Data page proposes the same by the columns."""
    same_file = repo.source_of_file(session, workspace_id, file_hash)
    if same_file is not None:
        return same_file
    source = repo.find_source_by_signature(session, workspace_id, parsed.inspection.signature)
    return source.name if source is not None else None


def import_query(
    session: Session,
    workspace_id: int,
    result: QueryResult,
    source_name: str,
    *,
    replace: bool = False,
) -> repo.ImportResult:
    """Store a query's result (``run_query``) as the source ``source_name`` (``import-sql``)."""
    parsed = parse_query_result(result.cells, source_name)
    return import_parsed(session, workspace_id, parsed, source_name, result.digest, source_name, replace=replace)


def warm_up_parsing() -> None:
    """Start the upload reader's worker in the background (the Data page calls it as it opens)."""
    global _warming
    if _warming is None:
        _warming = threading.Thread(target=sandbox.warm_up, name="kpi-parse-warm-up", daemon=True)
        _warming.start()


_warming: threading.Thread | None = None


def pace_workspace(session: Session, workspace_id: int, as_of: dt.date) -> list[PacedKPI]:
    """Every goal KPI of the workspace paced as of a day (the `kpis` command's rows)."""
    workspace = repo.get_workspace(session, workspace_id)
    with custom_kpis_in_use(workspace_custom_kpis(session, workspace_id)):
        return _pace_goals(session, workspace, as_of)


def _pace_goals(session: Session, workspace: Workspace, as_of: dt.date) -> list[PacedKPI]:
    workspace_id = workspace.id
    obs = DailyTotals(workspace_observations(session, workspace_id))  # summed once for every window
    rows = []
    for goal in repo.list_goals(session, workspace_id):
        spec = repo.goal_spec(goal)
        for kpi_spec in spec.kpis:
            pace = pace_goal_kpi(
                obs,
                kpi_spec,
                spec.start,
                spec.deadline,
                as_of,
                period=workspace.review_period,
                margin_pct=workspace.margin_pct,
            )
            rows.append(
                PacedKPI(
                    goal=goal.title,
                    goal_id=goal.id,
                    kpi=kpi_spec.kpi,
                    kind=kpi_spec.kind,
                    target=pace.target,
                    actual=pace.actual,
                    expected=pace.expected,
                    status=pace.status,
                    projected=pace.projected,
                    progress=pace.progress,
                    baseline=pace.baseline,
                )
            )
    return rows


def goal_statuses(rows: list[PacedKPI]) -> dict[int, str]:
    """Each goal's overall status (its worst KPI) from ``pace_workspace`` rows."""
    by_goal: dict[int, list[str]] = {}
    for row in rows:
        by_goal.setdefault(row.goal_id, []).append(row.status)
    return {goal_id: goal_status(statuses) for goal_id, statuses in by_goal.items()}


def export_goals(session: Session, workspace_id: int) -> list[dict]:
    """The workspace's goals in the goal file format."""
    return [goal_to_dict(repo.goal_spec(goal)) for goal in repo.list_goals(session, workspace_id)]


def import_goals(session: Session, workspace_id: int, data: object) -> int:
    """Add the goals of a parsed goal file; all or nothing. Returns how many were added."""
    specs = goals_from_json(data)
    for spec in specs:
        repo.add_goal(session, workspace_id, spec)
    return len(specs)
