"""What leaves the app, gathered from a workspace: the Excel report's contents (``kpi_core.report``
builds the bytes). Each function takes the session of the caller's unit of work.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import text
from sqlalchemy.exc import OperationalError, StatementError
from sqlalchemy.orm import Session

import workflows
from db import repository as repo
from db.backup import BackupError, known_revisions, make_backup, read_backup, restore_rows
from kpi_core.analysis.channels import channel_table
from kpi_core.catalog.formula import FormulaError
from kpi_core.catalog.registry import all_kpis, custom_kpis_in_use, get_kpi
from kpi_core.compute.cube import DailyTotals
from kpi_core.compute.periods import period_bounds
from kpi_core.compute.spans import data_range, last_data_day
from kpi_core.goals.spec import GoalError, goals_from_json
from kpi_core.i18n.formatting import fmt_period, settings_note, t
from kpi_core.monitor.pacing import STATUS_ORDER
from kpi_core.monitor.path import progress_path
from kpi_core.monitor.reasons import reason_sentence
from kpi_core.report.table import channel_name, wide_table
from kpi_core.report.workbook import GoalPart, ReportData, ScoreRow, build_workbook


def report_data(session: Session, workspace_id: int, as_of: dt.date, lang: str) -> ReportData:
    """Everything the Excel report shows, as of ``as_of``, in ``lang``."""
    workspace = repo.get_workspace(session, workspace_id)
    with custom_kpis_in_use(workflows.workspace_custom_kpis(session, workspace_id)):
        obs = workflows.workspace_observations(session, workspace_id)
        totals = DailyTotals(obs)
        paced = {(row.goal_id, row.kpi): row for row in workflows.pace_workspace(session, workspace_id, as_of)}
        data_end = last_data_day(obs)
        parts, scorecard, used = [], [], set()
        for goal in repo.list_goals(session, workspace_id):
            spec = repo.goal_spec(goal)
            rows, paths = [], []
            for kpi_spec in spec.kpis:
                row = paced[(goal.id, kpi_spec.kpi)]
                kpi = get_kpi(kpi_spec.kpi)
                score = ScoreRow(
                    goal=goal.title,
                    kpi=kpi.name(lang),
                    unit="percent" if kpi_spec.kind == "change" else kpi.unit,
                    target=row.target,
                    actual=row.actual,
                    expected=row.expected,
                    projected=row.projected,
                    status=row.status,
                    reason=reason_sentence(
                        row,
                        kpi_spec.kpi,
                        kpi_spec.kind,
                        spec.start,
                        spec.deadline,
                        data_end,
                        as_of,
                        lang,
                        workspace.currency,
                    ),
                    owner=kpi_spec.owner or spec.owner or "",
                )
                rows.append(score)
                used.add(kpi_spec.kpi)
                paths.append(
                    progress_path(totals, kpi_spec, spec.start, spec.deadline, as_of, "month", workspace.margin_pct)
                )
            scorecard += rows
            parts.append(GoalPart(goal.title, spec.owner or "", spec.start, spec.deadline, rows, paths))
        definitions = [
            (kpi.name(lang), kpi.definition(lang), kpi.formula_words(lang))
            for kpi_id, kpi in all_kpis().items()
            if kpi_id in used or not used
        ]
    window = channel_window(data_end or as_of)
    channels = channel_table(obs, *window, workspace.margin_pct) if not obs.empty else []
    notes = [
        t("report.ch_window", lang, period=fmt_period(*window, lang)),
        settings_note(workspace.spend_includes_vat, workspace.vat_pct, workspace.margin_pct, lang),
    ]
    return ReportData(
        title=workspace.brand_name or workspace.name,
        lang=lang,
        currency=workspace.currency,
        as_of=as_of,
        period=data_range(obs) if not obs.empty else None,
        scorecard=scorecard,
        goals=parts,
        channels=channels,
        channel_names={row.channel: channel_name(row.channel, lang) for row in channels},
        notes=notes,
        data=wide_table(obs, lang),
        definitions=definitions,
        status_words={status: t(f"status.{status}", lang) for status in STATUS_ORDER},
    )


def channel_window(last_day: dt.date) -> tuple[dt.date, dt.date]:
    """The month the channels sheet covers: the last day's month when that day ends it, else the month
    before (a month half over would compare with nothing).

    >>> channel_window(dt.date(2026, 11, 30)), channel_window(dt.date(2026, 12, 7))[0]
    ((datetime.date(2026, 11, 1), datetime.date(2026, 11, 30)), datetime.date(2026, 11, 1))
    """
    first, last = period_bounds(last_day, "month")
    if last_day == last:
        return first, last
    return period_bounds(first - dt.timedelta(days=1), "month")


def backup_workspace(session: Session, workspace_id: int) -> bytes:
    """The workspace's backup (a zip with a manifest and every row; ``db.backup``)."""
    return make_backup(session, workspace_id, session.execute(text("SELECT version_num FROM alembic_version")).scalar())


def restore_workspace(session: Session, data: bytes, name: str | None = None) -> dict:
    """A backup restored as a new workspace, all or nothing: ``{"workspace", "workspace_id", "rows"}``.
    Its own name unless ``name`` is given; a name already taken is refused with a sentence."""
    manifest, tables = read_backup(data, known_revisions())
    wanted = (name if name is not None else str(manifest.get("workspace") or "")).strip()
    if not wanted:
        raise BackupError("backup.no_name")
    if len(wanted) > 120:
        raise BackupError("backup.long_name")
    if repo.find_workspace(session, wanted) is not None:
        raise BackupError("backup.name_taken", name=wanted)
    try:
        workspace_id = restore_rows(session, tables, wanted)
        session.flush()
        # the workspace's own KPIs and its goals must read as the app reads them, or every page fails
        with custom_kpis_in_use(workflows.workspace_custom_kpis(session, workspace_id)):
            goals_from_json(workflows.export_goals(session, workspace_id))
        # a fresh data version: caches keyed by an id a deleted workspace had must not serve its rows
        repo.get_workspace(session, workspace_id).data_version = secrets.randbelow(2**30)
    except BackupError:
        raise
    except OperationalError:  # the database itself: said as such by the caller
        raise
    except (StatementError, GoalError, FormulaError, ValueError, TypeError, KeyError, OverflowError):
        raise BackupError("backup.damaged") from None
    return {"workspace": wanted, "workspace_id": workspace_id, "rows": {t: len(r) for t, r in tables.items()}}


def excel_report(session: Session, workspace_id: int, as_of: dt.date, lang: str) -> bytes:
    """The workspace's Excel report as bytes."""
    return build_workbook(report_data(session, workspace_id, as_of, lang))
