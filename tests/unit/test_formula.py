import pandas as pd
import pytest

from kpi_core.catalog.formula import FormulaError, evaluate_formula, parse_formula
from kpi_core.catalog.registry import MEASURE_IDS


def test_custom_romi_formula_over_sums():
    tree = parse_formula("(revenue - spend) / spend * 100", MEASURE_IDS)
    sums = pd.DataFrame({"revenue": [3000.0, 100.0], "spend": [1000.0, 0.0]})
    assert evaluate_formula(tree, sums).tolist()[0] == 200.0
    assert pd.isna(evaluate_formula(tree, sums).tolist()[1])  # zero spend: no value, not infinity


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "revenue.real",
        "revenue[0]",
        "abs(revenue)",
        "profit / spend",
        "revenue ** 2",
        "lambda: 1",
        "revenue if spend else 0",
        "'text'",
        "",
    ],
)
def test_unsafe_or_unknown_formulas_are_refused(text):
    with pytest.raises(FormulaError):
        parse_formula(text, MEASURE_IDS)


def test_unknown_name_message_names_it():
    with pytest.raises(FormulaError, match="'profit' is not a measure"):
        parse_formula("profit / spend", MEASURE_IDS)
