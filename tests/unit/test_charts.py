"""Chart builders: the break-even line and the response curves carry the numbers they are given."""

import datetime as dt

import pandas as pd

from ui.charts import goal_kpi_chart, response_chart

LABELS = {
    "actual": "Actual",
    "expected": "Expected",
    "projected": "Projected",
    "target": "Target",
    "band": "Band",
    "action": "Action",
    "day": "Week",
    "value": "Value",
}


def _layers(chart) -> list[dict]:
    return chart.to_dict()["layer"]


def test_break_even_line_at_the_margin():
    path = pd.DataFrame(
        {"day": pd.to_datetime(["2026-03-02", "2026-03-09"]), "actual": [35.0, 38.0], "expected": [36.0, 36.0]}
    )
    plain = goal_kpi_chart(path, 30.0, 40.0, dt.date(2026, 3, 31), LABELS)
    with_line = goal_kpi_chart(path, 30.0, 40.0, dt.date(2026, 3, 31), LABELS, reference=(40.0, "break-even"))
    assert len(_layers(with_line)) == len(_layers(plain)) + 1
    rule = _layers(with_line)[-1]
    datasets = with_line.to_dict()["datasets"]
    assert rule["mark"]["type"] == "rule" and rule["mark"]["color"] == "#dc2626"
    assert {"value": 40.0, "label": "break-even"} in [row for rows in datasets.values() for row in rows]


def test_response_chart_has_band_line_and_points():
    curves = pd.DataFrame(
        {"channel": "Search", "spend": [0.0, 100.0], "revenue": [0.0, 50.0], "low": [0, 40.0], "high": [0, 60.0]}
    )
    points = pd.DataFrame({"channel": ["Search"], "spend": [100.0], "revenue": [50.0], "point": ["now"]})
    labels = {"spend": "Spend", "revenue": "Revenue", "channel": "Channel", "now": "now", "plan": "plan"}
    layers = _layers(response_chart(curves, points, labels))
    assert layers[2]["encoding"]["shape"]["scale"] == {"domain": ["now", "plan"], "range": ["circle", "square"]}
    assert [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in layers] == [
        "area",
        "line",
        "point",
    ]


def test_russian_charts_put_the_day_before_the_month():
    from ui.charts import localised

    path = pd.DataFrame({"day": pd.to_datetime(["2026-03-02"]), "actual": [1.0], "expected": [1.0]})
    chart = goal_kpi_chart(path, 2.0, None, dt.date(2026, 3, 31), LABELS)
    config = localised(chart, "ru").to_dict()["config"]
    assert config["axisTemporal"]["format"] == "%-d %b" and config["locale"]["number"]["decimal"] == ","
    assert (
        "config" not in localised(chart, "en").to_dict()
        or "axisTemporal" not in localised(chart, "en").to_dict()["config"]
    )


def test_the_goal_chart_legend_wraps_to_fit_a_card():
    """Three legend entries in a row ran past a Monitor card's chart: «Факт · План · Прогно»."""
    path = pd.DataFrame(
        {"day": pd.to_datetime(["2026-03-01", "2026-03-08"]), "actual": [1.0, 2.0], "expected": [1.0, 1.5]}
    )
    spec = goal_kpi_chart(path, 3.0, 3.5, dt.date(2026, 3, 31), LABELS).to_dict()
    legends = [
        layer["encoding"]["color"]["legend"]
        for layer in spec["layer"]
        if "color" in layer.get("encoding", {}) and layer["encoding"]["color"].get("legend")
    ]
    assert legends and all(legend["columns"] == 2 and legend["orient"] == "bottom" for legend in legends)
