"""The layer rule as a test: which part of the project may import which (docs/ARCHITECTURE.md).

Every import statement of every module is read from its syntax tree, including imports inside
functions, so a lazy import cannot hide a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP_PARTS = (
    "app",
    "app_pages",
    "ui",
    "workflows",
    "cli",
    "config",
    "db",
    "connectors",
    "kpi_core",
    "sandbox",
    "workspace_rows",
    "exports",
)

# part -> top-level names it must never import
FORBIDDEN = {
    "kpi_core": {"streamlit", "sqlalchemy", "alembic", *APP_PARTS} - {"kpi_core"},
    "db": {"streamlit", "app", "app_pages", "ui", "workflows", "cli", "connectors"},
    "connectors": {"streamlit", "app", "app_pages", "ui", "workflows", "cli", "db"},
    "workflows": {"streamlit", "app", "app_pages", "ui", "cli"},
    "ui": {"app", "app_pages", "cli"},
    "app_pages": {"sqlalchemy", "app", "cli"},
    "cli": {"streamlit", "sqlalchemy", "app", "app_pages", "ui"},
    "config": {*APP_PARTS} - {"config"},
    "app": {"sqlalchemy", "cli"},
    "workspace_rows": {"streamlit", "app", "app_pages", "ui", "workflows", "cli", "connectors", "sandbox"},
    "exports": {"streamlit", "app", "app_pages", "ui", "cli"},
    "sandbox": {"streamlit", "sqlalchemy", "app", "app_pages", "ui", "workflows", "cli", "db"},
}
# the one way out of kpi_core: ``python -m kpi_core`` runs the command line
ALLOWED = {("kpi_core/__main__.py", "cli")}


def part_of(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0].removesuffix(".py")


def imported(path: Path) -> set[str]:
    """The top-level module names a file imports (absolute imports; relative ones stay inside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def sources() -> list[Path]:
    files = [ROOT / "app.py", ROOT / "workflows.py", ROOT / "cli.py", ROOT / "config.py", ROOT / "sandbox.py"]
    files += [ROOT / "workspace_rows.py", ROOT / "exports.py"]
    for folder in ("app_pages", "ui", "db", "connectors", "kpi_core"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return [f for f in files if "migrations" not in f.parts]


def test_every_part_keeps_to_its_layer():
    broken = []
    for path in sources():
        part = part_of(path)
        rel = str(path.relative_to(ROOT))
        for name in sorted(imported(path) & FORBIDDEN[part]):
            if (rel, name) not in ALLOWED:
                broken.append(f"{rel} imports {name}")
    assert broken == [], "layer rule broken:\n" + "\n".join(broken)


@pytest.mark.parametrize(
    ("code", "part", "name"),
    [
        ("import streamlit as st", "kpi_core", "streamlit"),
        ("def f():\n    from db import repository\n", "kpi_core", "db"),
        ("from sqlalchemy.orm import Session", "app_pages", "sqlalchemy"),
        ("import app_pages.data", "db", "app_pages"),
    ],
)
def test_the_check_sees_imports_anywhere_in_a_module(tmp_path, code, part, name):
    """The reader finds module-level and function-level imports alike (the check is not empty)."""
    module = tmp_path / "module.py"
    module.write_text(code, encoding="utf-8")
    assert name in imported(module) & FORBIDDEN[part]


def test_every_source_file_is_checked():
    checked = {str(p.relative_to(ROOT)) for p in sources()}
    assert {"kpi_core/compute/series.py", "db/repository.py", "app_pages/monitor.py", "cli.py"} <= checked
    assert not any("migrations/versions" in p for p in checked)


def test_the_house_stays_easy_to_walk():
    """kpi_core has a handful of parts at its top; no module of the app grows past ~400 lines."""
    top = sorted(p.name for p in (ROOT / "kpi_core").iterdir() if not p.name.startswith(("_", ".")))
    assert top == [
        "adjust", "analysis", "catalog", "compute", "demo.py", "goals", "i18n", "ingest", "monitor", "report"
    ]  # fmt: skip
    long = [f"{p.relative_to(ROOT)}: {n}" for p in sources() if (n := len(p.read_text().splitlines())) > 420]
    assert long == []
