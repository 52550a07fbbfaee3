"""A small, safe formula language over measures: numbers, measure ids, + - * / and parentheses.

Formulas are parsed into a tree of plain tuples and evaluated over a table of period sums.
Nothing is ever executed: the parser accepts only the node kinds listed below and rejects
everything else (calls, attributes, subscripts, names that are not measures).

>>> parse_formula("revenue / orders", {"revenue", "orders"})
('/', ('m', 'revenue'), ('m', 'orders'))
"""

from __future__ import annotations

import ast
import math
from collections.abc import Collection

import numpy as np
import pandas as pd

Node = tuple

_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
MAX_FORMULA_LENGTH = 300


class FormulaError(ValueError):
    """A formula that cannot be used; ``message(lang)`` says what to fix (``str()`` is English)."""

    def __init__(self, key: str, **params: object) -> None:
        from kpi_core.i18n.formatting import t

        self.key, self.params = key, params
        super().__init__(t(key, "en", **params))

    def message(self, lang: str) -> str:
        from kpi_core.i18n.formatting import t

        return t(self.key, lang, **self.params)


def parse_formula(text: str, measures: Collection[str]) -> Node:
    """Parse ``text`` into a formula tree, accepting only names listed in ``measures``."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError("formula.empty")
    if len(text) > MAX_FORMULA_LENGTH:
        raise FormulaError("formula.too_long", limit=MAX_FORMULA_LENGTH)
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        raise FormulaError("formula.syntax") from None
    return _convert(tree.body, frozenset(measures))


def _convert(node: ast.AST, measures: frozenset[str]) -> Node:
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        return (_BINOPS[type(node.op)], _convert(node.left, measures), _convert(node.right, measures))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return ("neg", _convert(node.operand, measures))
    # int or float but not bool (ast.parse gives no other int or float subclasses)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return ("n", float(node.value))
    if isinstance(node, ast.Name):
        if node.id not in measures:
            raise FormulaError("formula.unknown_name", name=node.id, measures=", ".join(sorted(measures)))
        return ("m", node.id)
    raise FormulaError("formula.forbidden")


def formula_measures(tree: Node) -> set[str]:
    """The measure ids a parsed formula reads."""
    kind = tree[0]
    if kind == "m":
        return {tree[1]}
    if kind == "n":
        return set()
    return set().union(*(formula_measures(child) for child in tree[1:]))


def evaluate_formula(tree: Node, sums: pd.DataFrame) -> pd.Series:
    """Evaluate a parsed formula row by row over ``sums`` (one column per measure).

    Division by zero gives NaN ("no value"), never infinity. A measure missing from ``sums``
    is missing in every row. In a sum (``+``) a missing part counts as zero as long as another
    part has a value, so "likes + comments + shares" works when a network reports no shares.
    """
    result = _evaluate(tree, sums)
    if not isinstance(result, pd.Series):
        result = pd.Series(result, index=sums.index, dtype="float64")
    return result.astype("float64").replace([np.inf, -np.inf], np.nan)


def _evaluate(tree: Node, sums: pd.DataFrame) -> pd.Series | float:
    kind = tree[0]
    if kind == "n":
        return tree[1]
    if kind == "m":
        if tree[1] in sums.columns:
            return sums[tree[1]].astype("float64")
        return pd.Series(np.nan, index=sums.index, dtype="float64")
    if kind == "neg":
        return -_evaluate(tree[1], sums)
    left, right = _evaluate(tree[1], sums), _evaluate(tree[2], sums)
    if kind == "+":
        if isinstance(left, pd.Series) and isinstance(right, pd.Series):
            return left.add(right, fill_value=0)
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    if isinstance(right, pd.Series):
        right = right.where(right != 0)
    elif right == 0:
        right = np.nan
    return left / right


def evaluate_scalar(tree: Node, values: dict[str, float]) -> float:
    """``evaluate_formula`` for one row given as {measure: value}: the same rules, without pandas.

    >>> evaluate_scalar(parse_formula("likes + shares", {"likes", "shares"}), {"likes": 3.0})
    3.0
    """
    result = _scalar(tree, values)
    return result if math.isfinite(result) else math.nan


def _scalar(tree: Node, values: dict[str, float]) -> float:
    kind = tree[0]
    if kind == "n":
        return tree[1]
    if kind == "m":
        return values.get(tree[1], math.nan)
    if kind == "neg":
        return -_scalar(tree[1], values)
    left, right = _scalar(tree[1], values), _scalar(tree[2], values)
    if kind == "+":
        if math.isnan(left) and math.isnan(right):
            return math.nan
        return (0.0 if math.isnan(left) else left) + (0.0 if math.isnan(right) else right)
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    return math.nan if right == 0 or math.isnan(right) else left / right
