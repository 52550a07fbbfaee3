"""Every choice widget whose options are shown through a translated label keeps its value when the
language changes: Streamlit matches a kept choice by its label, so after RU → EN → RU the Goals
page's KPI picker sent back «Конверсия в покупку» as the KPI and the form broke with an error code.
``ui.state.language_changed`` re-sets the keys listed in ``TRANSLATED_CHOICES``; this test finds
every selectbox, radio and multiselect drawn with a ``format_func`` and checks that it has a key and
that the key is listed."""

from __future__ import annotations

import ast
from pathlib import Path

from ui.state import TRANSLATED_CHOICES

ROOT = Path(__file__).resolve().parents[1]
WIDGETS = {"selectbox", "radio", "multiselect", "pills", "segmented_control", "select_slider"}
# choices whose labels are the user's own names, the same in every language
UNTRANSLATED = {"lang", "workspace_id", "remove_source_name"}


def _key_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)  # the constant start of an f-string key
    return None


def choice_widgets() -> list[tuple[str, int, str | None]]:
    found = []
    for path in [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            # an unkeyed widget given its ``index`` from stored data (Settings) starts from it again
            # in the new language: a label change makes it a new widget
            if (
                node.func.attr in WIDGETS
                and "format_func" in keywords
                and ("key" in keywords or "index" not in keywords)
            ):
                key = _key_text(keywords["key"]) if "key" in keywords else None
                found.append((path.name, node.lineno, key))
    return found


def test_every_translated_choice_keeps_its_value_across_a_language_switch():
    widgets = choice_widgets()
    assert len(widgets) >= 15
    unkeyed = [(f, line) for f, line, key in widgets if key is None]
    assert not unkeyed, f"give these choice widgets a key listed in TRANSLATED_CHOICES: {unkeyed}"
    missing = [
        (f, line, key) for f, line, key in widgets if key not in UNTRANSLATED and not key.startswith(TRANSLATED_CHOICES)
    ]
    assert not missing, f"add these keys to ui.state.TRANSLATED_CHOICES: {missing}"
