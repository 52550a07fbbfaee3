"""The command line: ``python -m kpi_core COMMAND …`` (or ``python cli.py …``).

JSON on stdout; ``error: …`` on stderr and exit 2 on bad input. A face like the pages: it parses
the arguments and calls workflows and kpi_core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import sys
from pathlib import Path

import config
from kpi_core.catalog.registry import all_kpis
from kpi_core.compute.periods import PERIODS
from kpi_core.compute.series import kpi_series
from kpi_core.goals.spec import GoalError
from kpi_core.i18n.formatting import t
from kpi_core.ingest import IngestError


class UsageError(ValueError):
    """Bad input from the command line."""


def _reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--period", default=None, help="the period a report without day rows covers: 2026-03-01..2026-03-31"
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=MEASURE",
        help="read a column as a measure (Conversions=orders), or skip it (Notes=); repeatable",
    )


def _mapping(pairs: list[str]) -> dict[str, str | None] | None:
    """``--map`` answers: {column: measure, or None to skip}."""
    if not pairs:
        return None
    mapping: dict[str, str | None] = {}
    for pair in pairs:
        column, sep, measure = pair.partition("=")
        if not sep or not column.strip():
            raise UsageError(f"--map takes COLUMN=MEASURE, not '{pair}'")
        mapping[column.strip()] = measure.strip() or None
    return mapping


def _date(text: str) -> dt.date:
    from kpi_core.goals.spec import FIRST_DAY, LAST_DAY

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a date written YYYY-MM-DD") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(f"'{text}' lies outside the years {FIRST_DAY.year}–{LAST_DAY.year}")
    return day


def _bounded(convert: type, low: float, high: float, what: str):
    """An argparse type: ``convert(text)`` within ``low``–``high``, else one sentence naming ``what``."""

    def parse(text: str):
        try:
            value = convert(text)
            fits = math.isfinite(value) and low <= value <= high
        except (ValueError, OverflowError):  # not a number, or an integer too large for a float
            fits = False
        if not fits:
            raise argparse.ArgumentTypeError(f"'{text[:40]}' is not {what}")
        return value

    return parse


_positive_int = _bounded(int, 1, math.inf, "a whole number of 1 or more")
_money = _bounded(float, 0, 1e15, "an amount of money from 0 to 10^15")


def _clean(value: object) -> object:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _print(payload: object) -> None:
    print(json.dumps(_clean(payload), ensure_ascii=False, indent=2))


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database URL (default: KPI_DB_URL, else data/kpi.db)")
    parser = argparse.ArgumentParser(prog="python -m kpi_core", description="KPI Pilot command line")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", parents=[common], help="seed the demo workspace")
    demo.add_argument("--workspace", help="default: the demo's name in --lang (Demo shop, Демо-магазин)")
    demo.add_argument("--lang", choices=("ru", "en"), default="en")
    demo.add_argument("--as-of", type=_date, default=None, help="last day of demo data (default: today)")

    inspect = commands.add_parser("inspect", parents=[common], help="detect a file's source, format and mapping")
    inspect.add_argument("file")
    inspect.add_argument("--sheet", default=None)
    _reading_options(inspect)

    imp = commands.add_parser("import", parents=[common], help="import a CSV/XLSX file")
    imp.add_argument("file")
    imp.add_argument("--workspace", required=True)
    imp.add_argument("--source", default=None)
    imp.add_argument("--sheet", default=None)
    imp.add_argument("--replace", action="store_true", help="confirm a re-import that removes much more than it brings")
    _reading_options(imp)

    imp_url = commands.add_parser("import-url", parents=[common], help="fetch a CSV / Google Sheets link and import it")
    imp_url.add_argument("url")
    imp_url.add_argument("--workspace", required=True)
    imp_url.add_argument("--source", default=None)
    imp_url.add_argument(
        "--replace", action="store_true", help="confirm a re-import that removes much more than it brings"
    )
    _reading_options(imp_url)

    imp_sql = commands.add_parser("import-sql", parents=[common], help="import the result of one read-only SELECT")
    imp_sql.add_argument("--url", required=True, help="the database's SQLAlchemy URL (a read-only account)")
    imp_sql.add_argument("--query", required=True, help="one SELECT with a date column")
    imp_sql.add_argument("--workspace", required=True)
    imp_sql.add_argument("--source", default="query")
    imp_sql.add_argument(
        "--replace", action="store_true", help="confirm a re-import that removes much more than it brings"
    )

    series = commands.add_parser("series", parents=[common], help="a KPI per period")
    series.add_argument("--workspace", required=True)
    series.add_argument("--kpi", required=True)
    series.add_argument("--period", choices=PERIODS, default="week")
    series.add_argument("--channel", default=None)

    goals = commands.add_parser("goals", help="import or export goal files")
    goal_commands = goals.add_subparsers(dest="goals_command", required=True)
    goals_import = goal_commands.add_parser("import", parents=[common])
    goals_import.add_argument("file")
    goals_import.add_argument("--workspace", required=True)
    goals_export = goal_commands.add_parser("export", parents=[common])
    goals_export.add_argument("--workspace", required=True)

    parse_goal_cmd = commands.add_parser("parse-goal", parents=[common], help="read a goal written as one sentence")
    parse_goal_cmd.add_argument("text")
    parse_goal_cmd.add_argument("--today", type=_date, default=None, help="the day the sentence is read on")

    explain = commands.add_parser("explain", parents=[common], help="why a KPI moved between two periods")
    explain.add_argument("--workspace", required=True)
    explain.add_argument("--kpi", required=True)
    explain.add_argument("--period", required=True, help="YYYY-MM or the Monday YYYY-MM-DD of a week")
    explain.add_argument("--vs", required=True, help="the earlier period, written the same way")

    channels = commands.add_parser("channels", parents=[common], help="per-channel totals with intervals")
    channels.add_argument("--workspace", required=True)
    channels.add_argument("--from", dest="date_from", type=_date, required=True)
    channels.add_argument("--to", dest="date_to", type=_date, required=True)

    reallocate = commands.add_parser("reallocate", parents=[common], help="advise where the weekly budget goes")
    reallocate.add_argument("--workspace", required=True)
    reallocate.add_argument("--budget", type=_money, default=None, help="weekly budget (default: today's)")
    reallocate.add_argument("--weeks", type=_positive_int, default=None, help="use only the latest N complete weeks")

    kpis = commands.add_parser("kpis", parents=[common], help="every goal KPI paced as of a date")
    kpis.add_argument("--workspace", required=True)
    kpis.add_argument("--as-of", type=_date, default=None)

    report = commands.add_parser("report", parents=[common], help="write the Excel report")
    report.add_argument("--workspace", required=True)
    report.add_argument("--out", required=True, help="the file to write: F.xlsx")
    report.add_argument("--as-of", type=_date, default=None, help="the report's day (default: today)")
    report.add_argument("--lang", choices=("ru", "en"), default=None, help="default: the workspace's language")

    backup = commands.add_parser("backup", parents=[common], help="write a workspace's backup (a zip)")
    backup.add_argument("--workspace", required=True)
    backup.add_argument("--out", required=True, help="the file to write: F.zip")

    restore = commands.add_parser("restore", parents=[common], help="restore a backup as a new workspace")
    restore.add_argument("file")
    restore.add_argument("--as", dest="as_name", default=None, help="the restored workspace's name (default: its own)")
    return parser


def _read_file(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"file '{path}' does not exist")
    return file.read_bytes()


def _out_file(path: str, suffixes: tuple[str, ...]) -> Path:
    """Where a command writes: a file with one of ``suffixes`` in a folder that exists."""
    out = Path(path)
    if out.suffix.lower() not in suffixes:
        raise UsageError(f"--out must end in {' or '.join(suffixes)}, not '{out.name[:60]}'")
    if not out.parent.is_dir():
        raise UsageError(f"the folder '{str(out.parent)[:80]}' does not exist")
    if out.is_dir():
        raise UsageError(f"'{path[:80]}' is a folder, not a file")
    return out


def _write_file(out: Path, data: bytes) -> None:
    """Write whole or not at all: a reader never opens half a file, a failure leaves the old one."""
    partial = out.with_name(f".{out.name}.partial")
    try:
        partial.write_bytes(data)
        partial.replace(out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UsageError(f"could not write '{out.name[:60]}': {error.strerror or error}") from None


def run(args: argparse.Namespace) -> object:
    """Execute a parsed command and return what to print."""
    if args.command == "parse-goal":
        from kpi_core.goals.text import parse_goal

        return parse_goal(args.text, today=args.today or config.today())
    if args.command == "inspect":
        import workflows

        data = _read_file(args.file)
        return workflows.inspect_upload(
            data, Path(args.file).name, args.sheet, _mapping(args.map), args.period
        ).as_dict()

    import workflows
    from db.engine import make_engine, upgrade, with_retries

    # a link or a query is read once, before the unit of work (which may run again on a busy database)
    fetched: workflows.FetchedLink | workflows.QueryResult | None = None
    if args.command == "import-url":
        fetched = workflows.fetch_link(args.url)
    elif args.command == "import-sql":
        fetched = workflows.run_query(args.url, args.query)
    engine = make_engine(args.db)
    try:
        upgrade(engine)
        # one unit of work, run again when another process holds the database or won a race
        return with_retries(engine, lambda session: _run_in_session(args, session, fetched))
    finally:
        engine.dispose()


def _run_in_session(args: argparse.Namespace, session, fetched: object = None) -> object:
    """The commands that read or write the database, inside one unit of work."""
    import workflows
    from db import repository as repo

    if args.command == "demo":
        as_of = args.as_of or config.today()
        name = args.workspace or t("home.demo_name", args.lang)  # the Russian demo is «Демо-магазин»
        workspace = workflows.seed_demo(session, name, as_of, args.lang)
        return {"workspace": workspace.name, "workspace_id": workspace.id, "as_of": as_of.isoformat()}
    if args.command == "import":
        data = _read_file(args.file)
        workspace = repo.get_or_create_workspace(session, args.workspace)
        result = workflows.import_file(
            session,
            workspace.id,
            data,
            Path(args.file).name,
            args.source,
            sheet=args.sheet,
            mapping=_mapping(args.map),
            replace=args.replace,
            period=args.period,
        )
        return {"workspace": workspace.name, **result.as_dict()}
    if args.command == "import-url" and isinstance(fetched, workflows.FetchedLink):
        workspace = repo.get_or_create_workspace(session, args.workspace)
        result = workflows.import_file(
            session,
            workspace.id,
            fetched.data,
            fetched.name,
            args.source,
            mapping=_mapping(args.map),
            replace=args.replace,
            period=args.period,
        )
        return {"workspace": workspace.name, **result.as_dict()}
    if args.command == "import-sql" and isinstance(fetched, workflows.QueryResult):
        workspace = repo.get_or_create_workspace(session, args.workspace)
        result = workflows.import_query(session, workspace.id, fetched, args.source, replace=args.replace)
        return {"workspace": workspace.name, **result.as_dict()}
    if args.command == "restore":
        import exports

        return exports.restore_workspace(session, _read_file(args.file), args.as_name)
    workspace = repo.require_workspace(session, args.workspace)
    workflows.use_workspace_kpis(session, workspace.id)
    if args.command == "series":
        if args.kpi not in all_kpis():
            raise UsageError(f"unknown KPI '{args.kpi}'; known: {', '.join(all_kpis())}")
        obs = workflows.workspace_observations(session, workspace.id)
        values = kpi_series(obs, args.kpi, args.period, args.channel, workspace.margin_pct)
        return [
            {"period": period.date().isoformat(), "value": None if math.isnan(v) else float(v)}
            for period, v in values.items()
        ]
    if args.command == "goals":
        if args.goals_command == "export":
            return workflows.export_goals(session, workspace.id)
        try:
            data = json.loads(_read_file(args.file).decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise UsageError(f"'{args.file}' is not a JSON goal file") from None
        return {"workspace": workspace.name, "goals_added": workflows.import_goals(session, workspace.id, data)}
    if args.command == "explain":
        from kpi_core.analysis.explain import explain_change

        if args.kpi not in all_kpis():
            raise UsageError(f"unknown KPI '{args.kpi}'; known: {', '.join(all_kpis())}")
        obs = workflows.workspace_observations(session, workspace.id)
        return explain_change(obs, args.kpi, args.period, args.vs).as_dict()
    if args.command == "channels":
        from kpi_core.analysis.channels import channel_table

        if args.date_to < args.date_from:
            raise UsageError("--to is before --from")
        return [
            row.as_dict()
            for row in channel_table(
                workflows.workspace_observations(session, workspace.id),
                args.date_from,
                args.date_to,
                workspace.margin_pct,
            )
        ]
    if args.command == "reallocate":
        from kpi_core.adjust.reallocate import recommend

        obs = workflows.workspace_observations(session, workspace.id)
        return recommend(obs, args.budget, args.weeks).as_dict()
    if args.command == "kpis":
        return [row.as_dict() for row in workflows.pace_workspace(session, workspace.id, args.as_of or config.today())]
    if args.command == "report":
        import exports

        out = _out_file(args.out, (".xlsx",))
        lang = args.lang or (workspace.locale if workspace.locale in ("ru", "en") else "en")
        data = exports.excel_report(session, workspace.id, args.as_of or config.today(), lang)
        _write_file(out, data)
        return {"workspace": workspace.name, "out": str(out), "bytes": len(data)}
    if args.command == "backup":
        import exports

        out = _out_file(args.out, (".zip",))
        data = exports.backup_workspace(session, workspace.id)
        _write_file(out, data)
        return {"workspace": workspace.name, "out": str(out), "bytes": len(data)}
    raise UsageError(f"unknown command '{args.command}'")


def main(argv: list[str] | None = None) -> int:
    """Run one command; bad input or an unusable database is one ``error: …`` line and exit 2."""
    from db.engine import DATABASE_ERRORS, DatabaseBusyError, database_problem
    from db.repository import NotFoundError
    from kpi_core.goals.text import GoalParseError

    args = build_parser().parse_args(argv)
    try:
        config.configure_logging("WARNING")  # a bad KPI_LOG_LEVEL is a SettingError: one line, exit 2
        _print(run(args))
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader (| head) closed the pipe; what the command did is done and committed
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print("error: the output was closed before it was all written", file=sys.stderr)
        return 2
    except DatabaseBusyError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (UsageError, IngestError, GoalError, GoalParseError, NotFoundError, ValueError, KeyError) as error:
        message = error.args[0] if error.args else str(error)
        print(f"error: {message}", file=sys.stderr)
        return 2
    except DATABASE_ERRORS as error:
        print(f"error: {database_problem(error, args.db)}", file=sys.stderr)
        return 2
    except (OverflowError, RecursionError, MemoryError):
        print("error: the input holds a number or a nesting too large to use", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
