"""Docs as tests: the README and the catalog keep up with the code."""

import re
from pathlib import Path

import pytest

from cli import build_parser
from kpi_core.catalog.registry import KPI_LIST, MEASURE_LIST

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def cli_commands() -> list[str]:
    """Every command and sub-command of the command line, e.g. 'goals export'."""
    found = []
    parser = build_parser()
    for action in parser._subparsers._group_actions:
        for name, sub in action.choices.items():
            nested = [a for a in sub._actions if a.__class__.__name__ == "_SubParsersAction"]
            if nested:
                found += [f"{name} {child}" for child in nested[0].choices]
            else:
                found.append(name)
    return found


@pytest.mark.parametrize("kpi", KPI_LIST, ids=lambda k: k.id)
def test_every_kpi_has_names_and_definitions_in_both_languages(kpi):
    assert kpi.name_en.strip() and kpi.definition_en.strip()
    assert CYRILLIC.search(kpi.name_ru) or kpi.name_ru in ("ROMI", "ROAS", "CTR"), kpi.name_ru
    assert CYRILLIC.search(kpi.definition_ru)
    assert f"`{kpi.id}`" in README, f"{kpi.id} is missing from the README's KPI catalog"


@pytest.mark.parametrize("measure", MEASURE_LIST, ids=lambda m: m.id)
def test_every_measure_has_names_and_synonyms_in_both_languages(measure):
    assert measure.name_en and CYRILLIC.search(measure.name_ru)
    assert any(CYRILLIC.search(s) for s in measure.synonyms) and any(s.isascii() for s in measure.synonyms)


def test_every_cli_command_is_in_the_readme():
    commands = cli_commands()
    assert {"demo", "import", "series", "goals import", "goals export", "kpis"} <= set(commands)
    missing = [c for c in commands if f"python -m kpi_core {c}" not in README]
    assert missing == []


def test_readme_starts_with_the_two_commands():
    head = README[:400]
    assert "make run" in head and "make test" in head


def test_pyproject_lists_the_requirements_and_the_lock_pins_them():
    """pyproject.toml, requirements*.txt and the lock files agree: nothing installed that is not declared."""
    import tomllib

    root = Path(__file__).resolve().parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def listed(name: str) -> list[str]:
        lines = (root / name).read_text(encoding="utf-8").splitlines()
        return [
            line.split("#")[0].strip() for line in lines if line.split("#")[0].strip() and not line.startswith("-r")
        ]

    assert project["dependencies"] == listed("requirements.txt")
    assert project["optional-dependencies"]["dev"] == listed("requirements-dev.txt")
    pinned = {line.split("==")[0].lower() for line in listed("requirements-dev.lock")}
    for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]:
        name = requirement.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip().lower()
        assert name in pinned, f"{name} is not pinned in requirements-dev.lock; run make lock"


def _layout_block(text: str) -> str:
    section = text.split("## Project layout", 1)[1]
    return section.split("```", 2)[1]


def test_readme_layout_names_every_top_level_part():
    """The layout section lists each folder and top-level module of the project, and nothing gone."""
    root = Path(__file__).resolve().parents[1]
    block = _layout_block(README)
    listed = {line.split()[0].rstrip("/") for line in block.splitlines() if line and not line.startswith(" ")}
    tracked = {
        p.name.removesuffix(".py")
        for p in root.iterdir()
        if not p.name.startswith(".") and (p.is_dir() or p.suffix == ".py") and p.name not in {"data", "__pycache__"}
    }
    assert tracked <= {name.removesuffix(".py") for name in listed}
    assert all((root / name).exists() for name in listed)
    kpi_core_parts = {line.split()[0].rstrip("/") for line in block.splitlines() if line.startswith("  ")}
    on_disk = {p.name for p in (root / "kpi_core").iterdir() if not p.name.startswith("_") and p.name != "__pycache__"}
    assert kpi_core_parts == on_disk


def test_architecture_page_names_only_modules_that_exist():
    """Every ``kpi_core/…`` path the architecture page names is in the repository."""
    root = Path(__file__).resolve().parents[1]
    text = (root / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"\b((?:kpi_core|db|ui|app_pages|connectors|tests)/[\w/]+\.py)\b", text))
    assert len(paths) > 20
    missing = sorted(p for p in paths if not (root / p).exists())
    assert missing == []
