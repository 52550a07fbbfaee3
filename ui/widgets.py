"""Small widgets shared by several pages."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from kpi_core.catalog.formula import FormulaError
from kpi_core.catalog.registry import KPI_LIST, all_kpis, get_kpi, kpis_for_objective
from kpi_core.goals.spec import KINDS
from kpi_core.i18n.formatting import Count, fmt_points, fmt_value, settings_note
from kpi_core.ingest import IngestError
from kpi_core.monitor.reasons import goal_figure
from kpi_core.report.table import channel_name
from ui import state
from ui.state import WorkspaceInfo, tr

# "(", ")" and "-" start nothing inside a line once "[", "]" are escaped: they stay as typed
# ("Cost per lead (CPL)", "Email-рассылки"), escaped only where a line starts a list
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|<>~$:=&])")
# a line starting "1. ", "1) ", "- " or "---" is a list or a rule ("31.02.2027", "-5 %" are not)
_LIST_START = re.compile(r"^(\s*(?:\d+(?=[.)](?:\s|$)))?)([.)](?=\s|$)|-(?=[\s\u2060-]|$))")
_LINE_BREAKS = re.compile(r"[ \t\r\n\f\v]+")
# where the renderer's text transforms would start: a colon before a word (":material/…:",
# ":streamlit:", emoji, "http://"), after "@" (e-mail), between "www" and its dot, and inside
# the arrows and signs Streamlit retypes ("->" → "→", "--" → "—", ">=" → "≥", "~=" → "≈")
_TRANSFORM_START = re.compile(r"(?<=:)(?=\S)|(?<=@)|(?<=www)(?=\.)|(?<=[<>~-])(?=[<>=-])", re.IGNORECASE)
WORD_JOINER = "\u2060"  # invisible, zero width, no line break: the reader sees the text as typed


def plain(text: str | None) -> str:
    """User or file text (KPI, goal, source, channel, workspace names, owners, notes) made safe for
    every element that renders Markdown, labels and tooltips included: shown as typed, once.

    Markdown characters get a backslash ("(", ")" and "-" only where a line starts). Some of
    Streamlit's renderer plugins act on the text after escapes are resolved: GFM literal
    autolinks (``www.``, ``http://``, ``a@b.ru``), Material icons, the Streamlit logo, emoji
    shortcodes, arrows ("->" shown as "→"). A word joiner (U+2060) inside the pattern stops them
    and shows nothing. Line breaks become spaces (a blank line or an indented line would start a
    new block). Letters, Cyrillic included, are never touched.
    """
    text = _TRANSFORM_START.sub(WORD_JOINER, _LINE_BREAKS.sub(" ", text or ""))
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LIST_START.sub(r"\1\\\2", escaped, count=1)


def error_text(error: FormulaError | IngestError) -> str:
    """An error's sentence in the UI language, the values it quotes (a typed formula's name, a
    file's column or sheet, a database address's setting) escaped like any user text."""
    return tr(
        error.key,
        **{name: v if isinstance(v, Count) else plain(str(v)) for name, v in error.params.items()},
    )


def require_workspace() -> WorkspaceInfo:
    """The current workspace, or a hint and a stop when there is none."""
    workspace = state.current_workspace()
    if workspace is None:
        st.info(tr("common.need_workspace"))
        st.page_link("app_pages/home.py", label=tr("page.home"), icon=":material/home:")
        st.stop()
    return workspace


def channel_label(channel: str) -> str:
    """A channel's name in the UI language (a channel the catalog does not know shows as imported)."""
    return channel_name(channel, state.lang())


def arithmetic_note(workspace: WorkspaceInfo) -> str:
    """The workspace settings that change the arithmetic, said next to the numbers they change."""
    return settings_note(workspace.spend_includes_vat, workspace.vat_pct, workspace.margin_pct, state.lang())


def kpi_label(kpi_id: str) -> str:
    return get_kpi(kpi_id).name(state.lang())


def kpi_options(objective: str | None) -> list[str]:
    """KPI ids with those recommended for the objective first."""
    first = [k.id for k in kpis_for_objective(objective)] if objective else []
    own = [k for k in all_kpis() if k not in {c.id for c in KPI_LIST}]
    return first + own + [k.id for k in KPI_LIST if k.id not in first]


def kinds_for(kpi_id: str) -> list[str]:
    """Target kinds that fit a KPI: totals only for KPIs that add up over days."""
    return [k for k in KINDS if k != "total" or get_kpi(kpi_id).additive]


def target_format(kpi_id: str, kind: str) -> str:
    """The number field's format for a KPI's target: whole counts, money and seconds, one decimal for
    percents and changes, two for a ratio (not the field's default "50.00" for 50 orders)."""
    unit = "percent" if kind == "change" else get_kpi(kpi_id).unit
    return {"percent": "%.1f", "ratio": "%.2f"}.get(unit, "%.0f")


def value_text(value: float | None, kpi_id: str, kind: str, currency: str) -> str:
    """A goal KPI's figure in its unit: change targets are percent, others the KPI's own unit."""
    unit = "percent" if kind == "change" else get_kpi(kpi_id).unit
    return fmt_value(value, unit, state.lang(), currency)


def figure_text(value: float | None, kpi_id: str, kind: str, currency: str) -> str:
    """A goal KPI's figure as ``value_text``, a change with its sign («+40,0 %»)."""
    return goal_figure(value, kpi_id, kind, state.lang(), currency)


def gap_text(value: float | None, kpi_id: str, kind: str, currency: str) -> str:
    """The signed gap between two of a goal KPI's figures (actual − plan): in percentage points when
    the figures are percents (a change, a rate), else in the KPI's unit («+17,4 п.п.», «−120»)."""
    if kind == "change" or get_kpi(kpi_id).unit == "percent":
        return fmt_points(value, state.lang())
    text = value_text(value, kpi_id, kind, currency)
    shown = any(c in "123456789" for c in text)  # a gap that rounds to zero has no side
    return ("+" + text) if value is not None and value > 0 and shown else text


def delta_args(change: float | None, text: str | None, good: str | None = None) -> dict:
    """``st.metric``'s delta with its arrow and colour set from the number, not from the text: the text
    carries a true minus («−6,2 %»), which Streamlit took for a rise ("↑" in green for a fall).
    ``good`` is the KPI's good direction ("up", "down"); without it the colour stays grey."""
    if change is None or text is None or not any(c in "123456789" for c in text):  # shown as no change
        return {"delta": text, "delta_arrow": "off", "delta_color": "gray"}
    rises = change > 0
    colour = "gray" if good is None else ("green" if rises == (good == "up") else "red")
    return {"delta": text, "delta_arrow": "up" if rises else "down", "delta_color": colour}


def target_text(target: float | None, kpi_id: str, kind: str, currency: str) -> str:
    """A target with its direction: «не выше 20,0 %» for a level that should stay low, «не ниже …» for
    one that should grow, a signed change («−20,0 %»), a total as it is."""
    text = figure_text(target, kpi_id, kind, currency)
    if target is not None and kind == "level":
        return tr("target.at_most" if get_kpi(kpi_id).good == "down" else "target.at_least", value=text)
    return text


def kpi_labeler(marked: set[str] | frozenset[str] = frozenset(), mark: str = "") -> Callable[[str], str]:
    """A ``format_func`` naming KPIs in this run's language, with ``mark`` after those in ``marked``."""
    # names bound now, in the script run: format functions may run in another thread, where the
    # workspace's own KPIs are not in use
    bound = state.lang()
    names = {kpi_id: kpi.name(bound) for kpi_id, kpi in all_kpis().items()}
    return lambda k: (names.get(k, k) + (mark if k in marked else "")) if k else "—"


# a status is a coloured badge, never an emoji (a machine without an emoji font draws empty boxes)
STATUS_COLOURS = {
    "on_track": "green",
    "achieved": "green",
    "at_risk": "orange",
    "off_track": "red",
    "missed": "red",
    "no_data": "gray",
    "not_started": "blue",
}
# the same colours as cell labels in a table (light backgrounds the dark text reads on)
_CELL_COLOURS = {"green": "#c9f0d3", "orange": "#ffe3b3", "red": "#ffcdcd", "gray": "#e4e5ea", "blue": "#cfe3ff"}


def status_badge(status: str) -> str:
    """A status as a Markdown badge in the UI language (``:green-badge[On track]``)."""
    return f":{STATUS_COLOURS[status]}-badge[{tr('status.' + status)}]"


def status_cells(statuses) -> list[list[str]]:
    """A table column of statuses: each cell one label, drawn as a coloured badge by ``status_column``."""
    return [[tr("status." + status)] for status in statuses]


def status_column(width: int | str = 130):
    """The column config that draws ``status_cells`` as coloured labels in a read-only table."""
    return st.column_config.MultiselectColumn(
        options=[tr("status." + status) for status in STATUS_COLOURS],
        color=[_CELL_COLOURS[colour] for colour in STATUS_COLOURS.values()],
        width=width,  # type: ignore[arg-type]
    )


def static_table(columns: dict[str, list], markdown: tuple[str, ...] = ()) -> None:
    """A small read-only table whose cells wrap, so long names and reasons are read whole at any width
    (a data grid cuts them off at its column's edge). Every cell is Markdown: text goes through
    plain(), except in the columns named in ``markdown`` (status badges)."""
    st.table(
        pd.DataFrame(
            {name: cells if name in markdown else [plain(str(c)) for c in cells] for name, cells in columns.items()}
        ),
        hide_index=True,
    )
