"""The catalog's face: every KPI (``kpi_list``) and the workspace's own, found by id.

Every KPI is a formula over one period's *summed* measures (see ``compute``), so ratio KPIs are
ratios of sums. Percent KPIs are in percent points (2.5 means 2.5 %), durations in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace

from kpi_core.catalog.kpi import KPI
from kpi_core.catalog.kpi_list import KPI_LIST
from kpi_core.catalog.measures import FORMULA_ALIASES, MEASURE_IDS, MEASURE_LIST, MEASURES, Measure, measure_for_header

OBJECTIVES = ("sales", "traffic", "awareness", "customer")
CHANNELS = (
    "all",
    "organic",
    "paid_search",
    "paid_social",
    "social",
    "direct",
    "referral",
    "email",
    "messenger",
    "display",
    "internal",
    "other",
)
PAID_CHANNELS = ("paid_search", "paid_social", "display")


KPIS: dict[str, KPI] = {k.id: k for k in KPI_LIST}


# A workspace's own KPIs, for the current unit of work (a script run, a command): see use_custom_kpis.
_CUSTOM: ContextVar[dict[str, KPI]] = ContextVar("custom_kpis", default={})  # noqa: B039 - never mutated
CUSTOM_PREFIX = "c_"


def use_custom_kpis(kpis: Iterable[KPI]) -> None:
    """Make a workspace's own KPIs known (to ``get_kpi`` and ``all_kpis``) in this thread or task.

    Set in one place per unit of work: app.py on every script run once the workspace is known
    (``ui.state.use_workspace_kpis``), cli.py before a command. The value lives in the thread that
    set it: widget format functions, which Streamlit may call from another thread, bind KPI names
    while the script runs (``ui.widgets.kpi_labeler``). Code that needs a workspace's KPIs for a
    moment, such as a cached reader, uses ``custom_kpis_in_use``.
    """
    _CUSTOM.set({kpi.id: kpi for kpi in kpis})


@contextmanager
def custom_kpis_in_use(kpis: Iterable[KPI]) -> Iterator[None]:
    """A workspace's own KPIs known inside the block only; what was in use before comes back after."""
    token = _CUSTOM.set({kpi.id: kpi for kpi in kpis})
    try:
        yield
    finally:
        _CUSTOM.reset(token)


def all_kpis() -> dict[str, KPI]:
    """The catalog plus the current workspace's own KPIs."""
    return {**KPIS, **_CUSTOM.get()}


def get_kpi(kpi_id: str) -> KPI:
    """The KPI ``kpi_id`` (catalog or the workspace's own); ``KeyError`` names the unknown id."""
    found = _CUSTOM.get().get(kpi_id) or KPIS.get(kpi_id)
    if found is None:
        raise KeyError(f"unknown KPI '{kpi_id}'")
    return found


def custom_kpi_id(name: str) -> str:
    """A stable id for a workspace's own KPI from its name: 'c_' and a slug."""
    slug = re.sub(r"[^a-z0-9а-я]+", "_", name.strip().lower().replace("ё", "е")).strip("_")[:50]
    return CUSTOM_PREFIX + (slug or "kpi")


def make_custom_kpi(kpi_id: str, name: str, formula: str, unit: str, good: str) -> KPI:
    """A KPI of the workspace's own from a formula over measures; FormulaError says what is wrong.

    >>> make_custom_kpi("c_profit", "Profit", "revenue - spend", "money", "up").additive
    False
    """
    if good not in ("up", "down"):
        raise ValueError("good must be 'up' or 'down'")
    kpi = KPI(kpi_id, name, name, "", "", canonical_formula(formula), unit, good, OBJECTIVES)
    return replace(
        kpi,
        definition_ru=f"Своя метрика: {kpi.formula_words('ru')}.",
        definition_en=f"Custom KPI: {kpi.formula_words('en')}.",
    )


def canonical_formula(text: str) -> str:
    """A formula typed with the measures' Russian names, written with their ids (as it is stored):

    >>> canonical_formula("(Выручка - расход) / расход * 100")
    '(revenue - spend) / spend * 100'
    """
    return re.sub(r"\w+", lambda word: FORMULA_ALIASES.get(word.group().lower(), word.group()), text)


def kpis_for_objective(objective: str) -> list[KPI]:
    """Catalog KPIs tagged with ``objective``, in catalog order."""
    return [k for k in KPI_LIST if objective in k.objectives]


__all__ = [
    "CHANNELS",
    "KPI",
    "KPIS",
    "KPI_LIST",
    "MEASURES",
    "MEASURE_IDS",
    "MEASURE_LIST",
    "OBJECTIVES",
    "PAID_CHANNELS",
    "Measure",
    "get_kpi",
    "kpis_for_objective",
    "measure_for_header",
]
