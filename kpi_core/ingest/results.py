"""Columns whose meaning the file does not settle: mixed result columns and columns to ask about.

* Meta's ``Results`` counts whatever each campaign optimises for; ``Result indicator``
  (``actions:offsite_conversion.fb_pixel_purchase``, ``actions:lead``, ``leadgen.other`` …) or
  ``Result type`` (in the account's language) says which, row by row. VK Реклама's «Результат»
  depends on the campaign's objective («Цель»). Such a column is split row by row into orders
  (purchases) and leads (leads, forms, registrations); other kinds (installs, clicks, views)
  are left out with a warning.
* Google Ads ``Conversions`` are purchases on a shop and leads on a services account; a results
  column without its kind (VK without the objective) is the same: the user is asked once per
  source (the answer is remembered with the source's mapping) and, until then, it is left out.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import numpy as np
import pandas as pd

from kpi_core.i18n.formatting import Count
from kpi_core.ingest.errors import Note
from kpi_core.ingest.rules import ColumnRule, norm_header
from kpi_core.ingest.table import Table, cell_text
from kpi_core.ingest.values import parse_number_column

RESULT_HEADERS = frozenset({"results", "результаты", "результат"})
KIND_HEADERS = (
    "result indicator",
    "индикатор результата",
    "result type",
    "тип результата",
    "objective",
    "цель",
    "цель кампании",
)
# headers that mean orders or leads depending on the account: asked, never guessed
ASKED = {
    "google_ads": frozenset({"conversions", "конверсии", "all conv.", "все конверсии"}),
    "vk_ads": RESULT_HEADERS,
    "meta_ads": RESULT_HEADERS,
}
CHOICES = ("orders", "leads")
_ORDERS = re.compile(r"purchase|покупк|заказ|kjøp|kauf|compra|achat|acquist|sale|продаж|conversions? on site", re.I)
_LEADS = re.compile(r"lead|лид|заявк|form|форм|registration|регистрац|kundeemne|skjema|contact|контакт|submit", re.I)


def result_kind(text: object) -> str | None:
    """``orders``, ``leads`` or None (installs, clicks, views…) for a result indicator or type.

    >>> [result_kind(t) for t in ("actions:offsite_conversion.fb_pixel_purchase", "Лиды (форма)",
    ...                           "leadgen.other", "actions:mobile_app_install", "Kundeemner (skjema)")]
    ['orders', 'leads', 'leads', None, 'leads']
    """
    value = cell_text(text)
    if _ORDERS.search(value):
        return "orders"
    if _LEADS.search(value):
        return "leads"
    return None


def questions(
    table: Table, source: str, rules: dict[int, ColumnRule], overrides: Collection[str]
) -> dict[str, list[str]]:
    """Columns to ask about ({header: the measures to choose from}), taken out of ``rules``.

    A column the user has answered for (``overrides``, the remembered mapping) is not asked;
    a results column with its kind beside it is split instead (``split_results``).
    """
    asked = ASKED.get(source, frozenset())
    kind = _kind_column(table)
    found: dict[str, list[str]] = {}
    for index, header in enumerate(table.headers):
        key = norm_header(header)
        if key not in asked or key in overrides:
            continue
        if key in RESULT_HEADERS and kind is not None:
            continue
        rules.pop(index, None)
        found[header] = list(CHOICES)
    return found


def _kind_column(table: Table) -> int | None:
    keys = [norm_header(h) for h in table.headers]
    return next((keys.index(name) for name in KIND_HEADERS if name in keys), None)


def results_columns(table: Table, rules: dict[int, ColumnRule], overrides: Collection[str]) -> tuple[int, int] | None:
    """The results column and its kind column, when a results column is to be split row by row."""
    kind = _kind_column(table)
    if kind is None:
        return None
    for index, header in enumerate(table.headers):
        key = norm_header(header)
        if key in RESULT_HEADERS and key not in overrides and index not in rules:
            return index, kind
    return None


def split_results(
    kept: pd.DataFrame, table: Table, columns: tuple[int, int], rules: dict[int, ColumnRule]
) -> tuple[pd.DataFrame, np.ndarray]:
    """``kept`` with the results column split into an orders column and a leads column (new
    positions past the headers, added to ``rules`` and named in ``table.headers``), and which rows
    count other results (for ``other_results``, once the file's own totals are left out)."""
    results, kind = columns
    values = parse_number_column(kept[results], table.decimal_hint).values
    kinds = kept[kind].map(result_kind).astype(object)
    header = table.headers[results]
    extra = {}
    for measure in CHOICES:
        rows = (kinds == measure).to_numpy()
        if not rows.any():
            continue
        position = len(table.headers)
        table.headers.append(f"{header} → {measure}")
        extra[position] = values.where(rows)
        rules[position] = ColumnRule(measure)
    other = kinds.isna().to_numpy() & (values.fillna(0) != 0).to_numpy()
    if not extra:
        return kept, other
    return kept.assign(**{str(k): v for k, v in extra.items()}).rename(columns={str(k): k for k in extra}), other


def other_results(kept: pd.DataFrame, table: Table, columns: tuple[int, int], other: np.ndarray) -> list[str]:
    """The remark for the rows whose results are neither orders nor leads (installs, clicks…)."""
    if not other.any():
        return []
    names = sorted({cell_text(v) for v in kept.loc[other, columns[1]]} - {""})[:3]
    header = table.headers[columns[0]]
    return [Note("ingest.note.other_results", rows=Count(int(other.sum())), column=header, kinds=", ".join(names))]
