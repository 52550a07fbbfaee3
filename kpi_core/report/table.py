"""The workspace's data as a table a person opens in a spreadsheet: one row per day and channel, the
measures as columns, names in the reader's language (Russian: ``;``-separated, decimal commas,
dd.mm.yyyy dates; English: commas, decimal points, ISO dates; both with a BOM so Excel reads UTF-8).
A total over a period (an export with no day breakdown) is a row of its own with its last day in
the «По» / "To" column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kpi_core.catalog.measures import MEASURE_LIST, MEASURES
from kpi_core.i18n.formatting import t
from kpi_core.i18n.strings import STRINGS
from kpi_core.report.cells import csv_text

END = "end"


def channel_name(channel: str, lang: str) -> str:
    """A channel's name in ``lang``; a channel the catalog does not know keeps its imported name."""
    key = f"channel.{channel}"
    return t(key, lang) if key in STRINGS else channel


def measure_name(measure: str, lang: str) -> str:
    found = MEASURES.get(measure)
    if found is None:
        return measure
    return found.name_ru if lang == "ru" else found.name_en


def wide_table(obs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per day (or period) and channel, a column per measure in the catalog's order; dates as
    dates, channel names in ``lang``, whole numbers as integers.

    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-02", "2026-03-03"]),
    ...                     "measure": ["spend", "clicks", "spend"], "channel": "paid_search",
    ...                     "value": [1500.5, 40.0, 900.0]})
    >>> wide_table(obs, "en").to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'Date': datetime.date(2026, 3, 2), 'Channel': 'Paid search', 'Spend': 1500.5, 'Clicks': 40},
     {'Date': datetime.date(2026, 3, 3), 'Channel': 'Paid search', 'Spend': 900.0, 'Clicks': None}]
    """
    date, to, channel = t("table.date", lang), t("table.to", lang), t("table.channel", lang)
    if obs.empty:
        return pd.DataFrame(columns=[date, channel])
    frame = obs.copy()
    spans = END in frame.columns and frame[END].notna().any()
    frame["__end"] = frame[END] if spans else pd.NaT
    table = frame.pivot_table(
        index=["date", "__end", "channel"], columns="measure", values="value", aggfunc="sum", dropna=False
    ).dropna(how="all")
    order = [m.id for m in MEASURE_LIST if m.id in table.columns] + sorted(set(table.columns) - set(MEASURES))
    table = table[order].reset_index().sort_values(["date", "__end", "channel"], kind="stable", na_position="first")
    out = pd.DataFrame({date: table["date"].dt.date})
    if spans:
        out[to] = [None if pd.isna(day) else day.date() for day in table["__end"]]
    out[channel] = [channel_name(c, lang) for c in table["channel"]]
    for measure in order:
        values = table[measure].round(2)
        whole = values.dropna()
        out[measure_name(measure, lang)] = values.astype("Int64") if (whole == np.floor(whole)).all() else values
    return out.reset_index(drop=True)


def people_csv(obs: pd.DataFrame, lang: str) -> bytes:
    """The wide table as CSV bytes for a spreadsheet in ``lang``'s conventions; imported text (channel
    names) that could read as a formula is marked as text.

    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"]), "measure": ["spend"],
    ...                     "channel": ["=1+1"], "value": [1500.5]})
    >>> people_csv(obs, "ru").decode("utf-8-sig").splitlines()
    ['Дата;Канал;Расход', "02.03.2026;'=1+1;1500,5"]
    """
    table = wide_table(obs, lang)
    channel = t("table.channel", lang)
    table[channel] = table[channel].map(csv_text)
    pattern = "%d.%m.%Y" if lang == "ru" else "%Y-%m-%d"
    for column in (t("table.date", lang), t("table.to", lang)):
        if column in table.columns:
            table[column] = [None if day is None else day.strftime(pattern) for day in table[column]]
    sep, decimal = (";", ",") if lang == "ru" else (",", ".")
    return table.to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\r\n").encode("utf-8-sig")
