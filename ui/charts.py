"""Altair chart builders, one per chart kind; labels come in already translated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import altair as alt
import pandas as pd

ACTUAL_COLOR, EXPECTED_COLOR, TARGET_COLOR, PROJECTION_COLOR = "#2563eb", "#94a3b8", "#16a34a", "#f59e0b"
ACTION_COLOR = "#7c3aed"
BREAK_EVEN_COLOR = "#dc2626"
CHANNEL_COLORS = ["#2563eb", "#f59e0b", "#16a34a", "#db2777", "#7c3aed", "#0891b2"]


RU_TIME_LOCALE = {
    "dateTime": "%A, %e %B %Y г. %X",
    "date": "%d.%m.%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"],
    "shortDays": ["вс", "пн", "вт", "ср", "чт", "пт", "сб"],
    "months": [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ],
    "shortMonths": ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
}
RU_NUMBER_LOCALE = {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0₽"]}


ChartT = TypeVar("ChartT", bound=alt.TopLevelMixin)


def localised(chart: ChartT, lang: str) -> ChartT:
    """Axis dates and numbers in the UI language (Vega's time and number locales)."""
    if lang != "ru":
        return chart
    # Russian puts the day before the month ("2 мар"); Vega's own axis format is "Mar 02" order
    return chart.configure(locale={"time": RU_TIME_LOCALE, "number": RU_NUMBER_LOCALE}).configure_axisTemporal(
        format="%-d %b"
    )


def goal_kpi_chart(
    path: pd.DataFrame,
    target: float,
    projected: float | None,
    deadline: dt.date,
    labels: dict[str, str],
    value_format: str = ",.2f",
    band: tuple[float, float] | None = None,
    actions: list[tuple] | None = None,
    reference: tuple[float, str] | None = None,
) -> alt.LayerChart | alt.FacetChart:
    """Actual vs expected pace per period, the target line and the dashed projection to the deadline.

    ``labels`` holds translated names for: actual, expected, target, projected, day, value.
    ``reference`` is a labelled level drawn dotted in red (the break-even ДРР at the margin).
    """
    series = pd.concat(
        [
            path[["day", "actual"]].rename(columns={"actual": "value"}).assign(series=labels["actual"]),
            path[["day", "expected"]].rename(columns={"expected": "value"}).assign(series=labels["expected"]),
        ],
        ignore_index=True,
    ).dropna(subset=["value"])
    if projected is not None and not path["actual"].dropna().empty:
        last = path.dropna(subset=["actual"]).iloc[-1]
        series = pd.concat(
            [
                series,
                pd.DataFrame(
                    {
                        "day": [last["day"], pd.Timestamp(deadline)],
                        "value": [last["actual"], projected],
                        "series": labels["projected"],
                    }
                ),
            ],
            ignore_index=True,
        )
    colors = alt.Scale(
        domain=[labels["actual"], labels["expected"], labels["projected"]],
        range=[ACTUAL_COLOR, EXPECTED_COLOR, PROJECTION_COLOR],
    )
    x = alt.X("day:T", title=labels["day"])
    lines = (
        alt.Chart(series)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=labels["value"], scale=alt.Scale(zero=False)),
            # two entries a row: three in a row ran past a card's narrow chart («Прогно»)
            color=alt.Color("series:N", scale=colors, title=None, legend=alt.Legend(orient="bottom", columns=2)),
            strokeDash=alt.condition(alt.datum.series == labels["actual"], alt.value([1, 0]), alt.value([6, 4])),
            tooltip=[
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("day:T", title=labels["day"]),
                alt.Tooltip("value:Q", title=labels["value"], format=value_format),
            ],
        )
    )
    target_rule = (
        alt.Chart(pd.DataFrame({"value": [target], "label": [labels["target"]]}))
        .mark_rule(color=TARGET_COLOR, strokeWidth=2)
        .encode(y="value:Q", tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("value:Q", format=value_format)])
    )
    layers = [lines, target_rule]
    if band is not None:
        low, high = sorted(band)
        layers.insert(
            0,
            alt.Chart(pd.DataFrame({"low": [low], "high": [high], "label": [labels["band"]]}))
            .mark_rect(color=TARGET_COLOR, opacity=0.12)
            .encode(y="low:Q", y2="high:Q", tooltip=[alt.Tooltip("label:N", title=" "), "low:Q", "high:Q"]),
        )
    if actions:
        notes = pd.DataFrame({"day": [pd.Timestamp(d) for d, _ in actions], "note": [t for _, t in actions]})
        layers.append(
            alt.Chart(notes)
            .mark_rule(color=ACTION_COLOR, strokeDash=[2, 2])
            .encode(x="day:T", tooltip=[alt.Tooltip("day:T", title=labels["action"]), alt.Tooltip("note:N", title=" ")])
        )
    if reference is not None:
        level, name = reference
        layers.append(
            alt.Chart(pd.DataFrame({"value": [level], "label": [name]}))
            .mark_rule(color=BREAK_EVEN_COLOR, strokeDash=[1, 3], strokeWidth=2)
            .encode(
                y="value:Q", tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("value:Q", format=value_format)]
            )
        )
    return alt.layer(*layers).properties(height=220)


def waterfall_chart(
    bars: list[dict], names: dict[str, str], value_title: str, text: Callable[[float], str]
) -> alt.LayerChart | alt.FacetChart:
    """Start, one bar per driver (green up, red down), end, each with its value written on it.

    ``names`` translates the steps and ``text`` writes a value. The axis is zoomed onto the levels
    the bars pass through (the totals stand on its floor), so a driver of a few percent is not a
    sliver; the step names stay horizontal, one word per line.
    """
    frame = pd.DataFrame(bars)
    levels = pd.concat([frame["start"][1:-1], frame["end"]])
    low, high = float(levels.min()), float(levels.max())
    pad = (high - low) * 0.25 or abs(high) * 0.1 or 1.0
    floor = max(0.0, low - pad) if low >= 0 else low - pad
    totals = frame["step"].isin(["before", "after"])
    frame.loc[totals, "start"] = floor
    frame["label"] = [names.get(step, step) for step in frame["step"]]
    frame["order"] = range(len(frame))
    frame["kind"] = [
        "total" if total else ("up" if end >= start else "down")
        for total, start, end in zip(totals, frame["start"], frame["end"], strict=True)
    ]
    frame["value"] = [
        text(end) if total else ("+" if end >= start else "") + text(end - start)
        for total, start, end in zip(totals, frame["start"], frame["end"], strict=True)
    ]
    frame["top"] = frame[["start", "end"]].max(axis=1)
    colors = alt.Scale(domain=["total", "up", "down"], range=[ACTUAL_COLOR, TARGET_COLOR, "#dc2626"])
    x = alt.X(
        "label:N",
        sort=alt.SortField("order"),
        title=None,
        axis=alt.Axis(labelAngle=0, labelExpr="split(datum.label, ' ')", labelLimit=140),
    )
    base = alt.Chart(frame).encode(x=x)
    scale = alt.Scale(domain=[floor, high + pad * 0.6], zero=False, nice=False)
    bar = base.mark_bar(clip=True).encode(
        y=alt.Y("start:Q", title=value_title, scale=scale),
        y2="end:Q",
        color=alt.Color("kind:N", scale=colors, legend=None),
        tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("value:N", title=" ")],
    )
    values = base.mark_text(dy=-8, fontSize=12).encode(y=alt.Y("top:Q", scale=scale), text="value:N")
    return alt.layer(bar, values).properties(height=280)


def response_chart(curves: pd.DataFrame, points: pd.DataFrame, labels: dict[str, str]) -> alt.Chart:
    """Each channel's weekly response curve with its bootstrap band, today's spend and the plan.

    ``curves``: channel, spend, revenue, low, high; ``points``: channel, spend, revenue, point
    (already-translated "now" / "plan"). ``labels`` names the axes (spend, revenue, channel) and the
    two points (now, plan): "now" is always a circle and the plan a square, in either language.
    """
    x = alt.X("spend:Q", title=labels["spend"])
    color = alt.Color("channel:N", title=labels["channel"], scale=alt.Scale(range=CHANNEL_COLORS))
    base = alt.Chart(curves)
    band = base.mark_area(opacity=0.18).encode(x=x, y="low:Q", y2="high:Q", color=color)
    line = base.mark_line().encode(
        x=x,
        y=alt.Y("revenue:Q", title=labels["revenue"]),
        color=color,
        tooltip=[alt.Tooltip("channel:N", title=labels["channel"]), "spend:Q", "revenue:Q"],
    )
    marks = (
        alt.Chart(points)
        .mark_point(size=110, filled=True)
        .encode(
            x=x,
            y="revenue:Q",
            color=color,
            shape=alt.Shape(
                "point:N", title="", scale=alt.Scale(domain=[labels["now"], labels["plan"]], range=["circle", "square"])
            ),
            tooltip=["point:N", alt.Tooltip("channel:N", title=labels["channel"]), "spend:Q", "revenue:Q"],
        )
    )
    return (band + line + marks).properties(height=320)


def goal_kpi_spec(
    lang: str,
    path: pd.DataFrame,
    target: float,
    projected: float | None,
    deadline: dt.date,
    labels: dict[str, str],
    band: tuple[float, float] | None = None,
    actions: list[tuple] | None = None,
    reference: tuple[float, str] | None = None,
) -> dict:
    """``goal_kpi_chart`` as the Vega-Lite spec ``st.vega_lite_chart`` draws, for a caller to cache:
    building and validating nine Altair charts was most of a Monitor rerun (the Week/Month switch).

    Each layer carries its own rows (``data.values``), so Streamlit passes the spec on untouched; named
    datasets would be converted to Arrow on every rerun. Without the default theme's fixed 300 px
    view, which st.altair_chart leaves out too: the chart takes the card's width."""
    chart = goal_kpi_chart(path, target, projected, deadline, labels, band=band, actions=actions, reference=reference)
    spec = localised(chart, lang).to_dict()
    spec.get("config", {}).pop("view", None)
    datasets = spec.pop("datasets", {})
    for layer in spec.get("layer", []):
        named = layer.get("data", {}).get("name")
        if named in datasets:
            layer["data"] = {"values": datasets[named]}
    return spec
