"""The currency a file's money is in, where the file says it: a currency-code column (Google Ads'
``Currency code``, Bitrix24's «Валюта»), a unit in a money column's header (``Amount spent (USD)``,
«Расход (руб.)», «Выручка, ₽») or a sign beside the numbers (``$174.59``). Money in another
currency than the workspace's would be added to it as if it were the same: the import refuses it.
"""

from __future__ import annotations

import re

import pandas as pd

from kpi_core.ingest.errors import IngestError
from kpi_core.ingest.rules import ColumnRule, norm_header

CODE_HEADERS = frozenset({"currency code", "currency", "валюта", "код валюты", "валюта счета", "валюта счёта"})
MONEY_MEASURES = frozenset({"spend", "revenue"})
_NAMES = {
    "rub": "RUB", "rur": "RUB", "руб": "RUB", "руб.": "RUB", "рублей": "RUB", "₽": "RUB", "р.": "RUB",
    "usd": "USD", "$": "USD", "us$": "USD", "eur": "EUR", "€": "EUR", "kzt": "KZT", "₸": "KZT", "тенге": "KZT",
    "byn": "BYN", "бел. руб.": "BYN", "uah": "UAH", "грн": "UAH", "₴": "UAH", "gbp": "GBP", "£": "GBP",
    "try": "TRY", "₺": "TRY", "amd": "AMD", "֏": "AMD", "uzs": "UZS", "cny": "CNY", "¥": "CNY",
}  # fmt: skip
_UNIT = re.compile(r"(?:\(([^)]{1,12})\)|,\s*([^,]{1,12}))\s*$")
_SIGNS = re.compile(r"[$€₽£₸₴₺֏¥]")


def currency_name(text: object) -> str | None:
    """The ISO code a currency word or sign names, or None.

    >>> [currency_name(t) for t in ("USD", "руб.", "₽", "$", "грн", "штук")]
    ['USD', 'RUB', 'RUB', 'USD', 'UAH', None]
    """
    key = " ".join(str(text).strip().lower().split())
    if key.upper() in _NAMES.values():
        return key.upper()
    return _NAMES.get(key)


def header_currency(header: str) -> str | None:
    """The currency in a header's unit: 'Amount spent (USD)' → USD, «Расход (руб.)» → RUB."""
    found = _UNIT.search(norm_header(header))
    return currency_name(found.group(1) or found.group(2)) if found else None


def code_column(headers: list[str]) -> int | None:
    """The position of a currency-code column («Валюта», 'Currency code'), if the file has one."""
    return next((i for i, h in enumerate(headers) if norm_header(h) in CODE_HEADERS), None)


def file_currencies(
    headers: list[str], rules: dict[int, ColumnRule], sample: pd.DataFrame, body: pd.DataFrame | None = None
) -> set[str]:
    """Every currency the file names for its money: in its code column (every row of ``body``, else
    of ``sample``), in a money column's header, or as a sign beside the numbers (``sample``: the
    table's first rows as text)."""
    found: set[str] = set()
    code = code_column(headers)
    rows = body if body is not None and code in body.columns else sample
    if code is not None and code in rows.columns:
        column = rows[code]
        values = column.cat.categories if isinstance(column.dtype, pd.CategoricalDtype) else column.dropna().unique()
        found |= {c for c in (currency_name(v) for v in values if str(v).strip()) if c}
    for index, rule in rules.items():
        if rule.measure not in MONEY_MEASURES or index >= len(headers):
            continue
        named = header_currency(headers[index])
        if named:
            found.add(named)
        elif index in sample.columns:
            signs = {currency_name(m) for v in sample[index].dropna() for m in _SIGNS.findall(str(v))}
            found |= {c for c in signs if c}
    return found


def currency_problem(currencies: list[str], workspace_currency: str) -> IngestError | None:
    """Why a file's money cannot go into a workspace counting in ``workspace_currency``, or None.

    >>> currency_problem(["USD"], "RUB").key, currency_problem(["RUB"], "RUB"), currency_problem([], "RUB")
    ('ingest.other_currency', None, None)
    """
    if len(currencies) > 1:
        return IngestError("ingest.currencies", currencies=", ".join(currencies))
    if currencies and currencies[0] != workspace_currency.upper():
        return IngestError("ingest.other_currency", currency=currencies[0], workspace=workspace_currency.upper())
    return None
