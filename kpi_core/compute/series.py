"""KPI values and series from long observations.

Observations are a DataFrame with columns ``date`` (datetime64), ``measure``, ``channel``,
``value`` (and optionally ``source_id``, and ``end`` for period data: see ``compute/spans.py``;
a span counts in a window or period only when it lies whole inside it). The core rule: a KPI for
a week or a month is its formula applied to the period's *summed* measures, so ratio KPIs are ratios of sums, never
means of daily ratios. Division by zero gives NaN ("no value").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from kpi_core.catalog.formula import evaluate_formula, evaluate_scalar, formula_measures, parse_formula
from kpi_core.catalog.registry import KPI, MEASURE_IDS, get_kpi
from kpi_core.compute.cube import DailyTotals
from kpi_core.compute.periods import period_end, period_range, year_earlier
from kpi_core.compute.periods import period_start as period_start  # re-exported: callers import it from here
from kpi_core.compute.spans import data_range, last_data_day, period_rows, rows_within

OBS_COLUMNS = ("date", "measure", "channel", "value")


def empty_observations() -> pd.DataFrame:
    """An observation frame with the right columns and no rows."""
    return pd.DataFrame(
        {
            "date": pd.Series(dtype="datetime64[ns]"),
            "measure": pd.Series(dtype="object"),
            "channel": pd.Series(dtype="object"),
            "value": pd.Series(dtype="float64"),
        }
    )


def _check_observations(obs: pd.DataFrame) -> None:
    missing = [c for c in OBS_COLUMNS if c not in obs.columns]
    if missing:
        raise ValueError(f"observations lack the columns {missing}")


def _resolve(kpi: KPI | str) -> KPI:
    return get_kpi(kpi) if isinstance(kpi, str) else kpi


def spend_without_vat(obs: pd.DataFrame, vat_pct: float) -> pd.DataFrame:
    """Ad spend imported with VAT brought to the app's convention, spend without VAT: ÷ (1 + VAT).

    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"] * 2), "measure": ["spend", "revenue"],
    ...                     "channel": "paid_search", "value": [1220.0, 5000.0]})
    >>> spend_without_vat(obs, 22.0)["value"].tolist()
    [1000.0, 5000.0]
    """
    if vat_pct < 0:
        raise ValueError("VAT cannot be negative")
    spend = (obs["measure"] == "spend").to_numpy()
    if not spend.any() or vat_pct == 0:
        return obs
    values = obs["value"].to_numpy(dtype="float64", copy=True)
    values[spend] = values[spend] / (1.0 + vat_pct / 100.0)
    return obs.assign(value=values)


# what each ad platform counts of its own ads only: two platforms' spend is two budgets, never one twice
AD_MEASURES = frozenset({"spend", "impressions", "clicks"})


def source_slot(measure: str, platform: str | None) -> str:
    """What one source provides of a measure: the measure itself, or an ad measure of one platform.

    >>> source_slot("spend", "google_ads"), source_slot("spend", None), source_slot("leads", "google_ads")
    ('spend@google_ads', 'spend', 'leads')
    """
    return f"{measure}@{platform}" if platform and measure in AD_MEASURES else measure


def select_measure_sources(
    obs: pd.DataFrame, preferred: dict[str, int] | None = None, platforms: dict[int, str] | None = None
) -> pd.DataFrame:
    """Keep one source per measure so two exports of the same measure are never added.

    The source is ``preferred[measure]`` when given and present, else the lowest ``source_id``
    (the source that provided the measure first). Ad spend, impressions and clicks are each ad
    platform's own (``platforms``: source id → the ad platform its export came from): one source
    per measure and platform, the platforms added. A source of another kind (a hand-kept sheet of
    ad spend) may hold the same money, so it is read instead of the platforms, or they instead of
    it — whichever came first or was chosen. Frames without ``source_id`` pass unchanged.

    >>> obs = pd.DataFrame({"date": pd.Timestamp("2026-03-02"), "measure": ["spend", "spend", "spend", "leads",
    ...                     "leads"], "channel": "paid_search", "value": [100.0, 40.0, 100.0, 5.0, 7.0],
    ...                     "source_id": [1, 2, 3, 1, 2]})
    >>> ads = {1: "yandex_direct", 2: "google_ads", 3: "yandex_direct"}
    >>> select_measure_sources(obs, platforms=ads)["value"].tolist()
    [100.0, 40.0, 5.0]
    >>> select_measure_sources(obs, platforms={2: "google_ads", 3: "yandex_direct"})["value"].tolist()  # 1: a sheet
    [100.0, 5.0]
    """
    _check_observations(obs)
    if "source_id" not in obs.columns or obs.empty:
        return obs
    slots = obs["measure"]
    if platforms:
        platform = obs["source_id"].map(platforms)
        ads = obs["measure"].isin(AD_MEASURES) & platform.notna()
        if ads.any():
            slots = slots.where(~ads, obs["measure"].astype(str) + "@" + platform.astype(str))
    chosen = obs.groupby(slots.to_numpy(), sort=False)["source_id"].min().to_dict()
    present = set(zip(slots, obs["source_id"], strict=False))
    picked: dict[str, int] = {}
    for measure, source in (preferred or {}).items():
        slot = source_slot(measure, (platforms or {}).get(source))
        if (slot, source) in present:
            chosen[slot], picked[measure] = source, source
    for measure in AD_MEASURES & set(chosen):  # a sheet of the same money, or the platforms: one side
        sides = [slot for slot in chosen if slot.startswith(f"{measure}@")]
        if not sides:
            continue
        first = picked.get(measure, min(chosen[slot] for slot in [measure, *sides]))
        for slot in sides if first == chosen[measure] else [measure]:
            chosen[slot] = -1  # no source: left out
    keep = obs["source_id"].to_numpy() == slots.map(chosen).to_numpy()
    return obs.loc[keep]


def kpi_channels(kpi: KPI, channel: str | None = None) -> list[str] | None:
    """The channels a KPI reads (None for all): its own (organic traffic), narrowed to ``channel``."""
    channels: Iterable[str] | None = kpi.channels
    if channel is not None:
        channels = [channel] if channels is None or channel in channels else []
    return None if channels is None else list(channels)


def filter_kpi_channels(obs: pd.DataFrame, kpi: KPI, channel: str | None = None) -> pd.DataFrame:
    """The observations a KPI reads: its own channels (organic traffic), narrowed to ``channel``."""
    channels = kpi_channels(kpi, channel)
    return obs if channels is None else obs.loc[obs["channel"].isin(channels)]


def period_sums(obs: pd.DataFrame, period: str, measures: Iterable[str] | None = None) -> pd.DataFrame:
    """Sum each measure per period: index = period start, one column per measure.

    A period in which a measure has no rows holds NaN for it, not 0. A span counts in the one
    period that contains it whole (never by day), else it is left out (``spans.period_rows``).
    """
    _check_observations(obs)
    if measures is not None:
        obs = obs.loc[obs["measure"].isin(list(measures))]
    if obs.empty:
        return pd.DataFrame(index=pd.DatetimeIndex([], name="period"))
    obs, period_starts = period_rows(obs, period)
    if obs.empty:
        return pd.DataFrame(index=pd.DatetimeIndex([], name="period"))
    starts = period_starts.to_numpy()
    sums = (
        pd.DataFrame({"period": starts, "measure": obs["measure"].to_numpy(), "value": obs["value"].to_numpy()})
        .groupby(["period", "measure"], sort=True)["value"]
        .sum(min_count=1)
        .unstack("measure")
    )
    sums.index = pd.DatetimeIndex(sums.index, name="period")
    return sums


def _formula_tree(kpi: KPI, present: set[str]):
    """The KPI's formula, or its fallback when the main formula's measures are not in the data."""
    if kpi.fallback and not formula_measures(kpi.tree) <= present:
        return parse_formula(kpi.fallback, MEASURE_IDS)
    return kpi.tree


def margin_share(kpi: KPI, margin_pct: float | None) -> float | None:
    """The share of revenue a KPI counts as its return: ROMI counts gross profit (revenue × margin)
    when the workspace sets a margin; None leaves revenue as it is.

    >>> margin_share(get_kpi("romi"), 40.0), margin_share(get_kpi("romi"), None), margin_share(get_kpi("roas"), 40.0)
    (0.4, None, None)
    """
    return margin_pct / 100.0 if kpi.id == "romi" and margin_pct is not None else None


def _apply_settings(sums: pd.DataFrame, kpi: KPI, margin_pct: float | None) -> pd.DataFrame:
    share = margin_share(kpi, margin_pct)
    if share is not None and "revenue" in sums.columns:
        return sums.assign(revenue=sums["revenue"] * share)
    return sums


def kpi_from_sums(kpi: KPI | str, sums: pd.DataFrame, margin_pct: float | None = None) -> pd.Series:
    """Apply a KPI's formula to a table of summed measures (one row per period or window)."""
    kpi = _resolve(kpi)
    tree = _formula_tree(kpi, set(sums.columns))
    values = evaluate_formula(tree, _apply_settings(sums, kpi, margin_pct)) * kpi.scale
    if kpi.growth:
        previous = values.shift(1)
        values = (values / previous.where(previous != 0) - 1.0) * 100.0
    return values.replace([np.inf, -np.inf], np.nan)


def kpi_series(
    obs: pd.DataFrame,
    kpi: KPI | str,
    period: str = "week",
    channel: str | None = None,
    margin_pct: float | None = None,
) -> pd.Series:
    """The KPI per period from the first to the last day of data (index = period start).

    Periods inside that range with no data for the KPI hold NaN; a span counts only in a period
    that contains it whole (``period_sums``).
    """
    _check_observations(obs)
    kpi = _resolve(kpi)
    if obs.empty:
        return pd.Series(dtype="float64", index=pd.DatetimeIndex([], name="period"), name=kpi.id)
    full_index = period_range(*data_range(obs), period)
    selected = filter_kpi_channels(obs, kpi, channel)
    sums = period_sums(selected, period, kpi.measures).reindex(full_index)
    sums.index.name = "period"
    return kpi_from_sums(kpi, sums, margin_pct).rename(kpi.id)


def window_sums(obs: pd.DataFrame, start: dt.date, end: dt.date, measures: Iterable[str]) -> pd.DataFrame:
    """One row: each measure summed over the days ``start``..``end`` inclusive (NaN when absent),
    with the spans the window contains whole (``spans.rows_within``)."""
    inside = rows_within(obs, start, end)
    inside = inside.loc[inside["measure"].isin(list(measures))]
    sums = inside.groupby("measure")["value"].sum(min_count=1)
    return pd.DataFrame([sums.to_dict()], index=pd.DatetimeIndex([pd.Timestamp(start)]))


def kpi_value(
    obs: pd.DataFrame | DailyTotals,
    kpi: KPI | str,
    start: dt.date,
    end: dt.date,
    channel: str | None = None,
    margin_pct: float | None = None,
) -> float | None:
    """The KPI over the days ``start``..``end`` inclusive, or None when it has no value; a span
    counts only when the window contains it whole.

    ``obs`` may be observations or their ``DailyTotals`` (much faster for many windows).
    A growth KPI compares the window with the same number of days just before it.
    """
    kpi = _resolve(kpi)
    if isinstance(obs, DailyTotals):
        return _cube_value(obs, kpi, start, end, kpi_channels(kpi, channel), margin_pct)
    else:
        _check_observations(obs)
        selected = filter_kpi_channels(obs, kpi, channel)

        def sums(a: dt.date, b: dt.date) -> pd.DataFrame:
            return window_sums(selected, a, b, kpi.measures)

    if kpi.growth:
        length = (end - start).days + 1
        before = start - dt.timedelta(days=length)
        frame = pd.concat([sums(before, start - dt.timedelta(days=1)), sums(start, end)], ignore_index=True)
        value = kpi_from_sums(kpi, frame, margin_pct).iloc[-1]
    else:
        value = kpi_from_sums(kpi, sums(start, end), margin_pct).iloc[0]
    return None if pd.isna(value) else float(value)


def _scalar_kpi(kpi: KPI, sums: dict[str, float], margin_pct: float | None) -> float:
    """A KPI from one window's sums, following ``kpi_from_sums`` exactly (fallback, margin, scale)."""
    tree = _formula_tree(kpi, set(sums))
    share = margin_share(kpi, margin_pct)
    if share is not None and "revenue" in sums:
        sums = {**sums, "revenue": sums["revenue"] * share}
    return evaluate_scalar(tree, sums) * kpi.scale


def kpi_from_window_sums(kpi: KPI | str, sums: dict[str, float], margin_pct: float | None = None) -> float | None:
    """The KPI from one window's measure sums (as ``DailyTotals.window_sums`` gives them), None if undefined.

    >>> kpi_from_window_sums("cac", {"spend": 1000.0, "new_customers": 8.0})
    125.0
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        value = _scalar_kpi(_resolve(kpi), sums, margin_pct)
    return None if np.isnan(value) or np.isinf(value) else float(value)


def _cube_value(
    totals: DailyTotals, kpi: KPI, start: dt.date, end: dt.date, channels: list[str] | None, margin_pct: float | None
) -> float | None:
    measures = sorted(kpi.measures)
    value = _scalar_kpi(kpi, totals.window_sums(start, end, measures, channels), margin_pct)
    if kpi.growth:
        length = (end - start).days + 1
        before = _scalar_kpi(
            kpi,
            totals.window_sums(start - dt.timedelta(days=length), start - dt.timedelta(days=1), measures, channels),
            margin_pct,
        )
        value = (value / before - 1.0) * 100.0 if before and not np.isnan(before) else np.nan
    return None if np.isnan(value) else float(value)


def kpi_by_channel(
    obs: pd.DataFrame, kpi: KPI | str, start: dt.date, end: dt.date, margin_pct: float | None = None
) -> pd.Series:
    """The KPI over a window for each channel present in the data (index = channel)."""
    _check_observations(obs)
    kpi = _resolve(kpi)
    values = {
        channel: kpi_value(obs, kpi, start, end, channel=channel, margin_pct=margin_pct)
        for channel in sorted(obs["channel"].unique())
    }
    return pd.Series(values, dtype="float64", name=kpi.id)


def complete_periods(series: pd.Series, last_day: dt.date, period: str) -> pd.Series:
    """The series without a trailing period that is not over by ``last_day`` (data through that day).

    A half-finished week compared with a whole one would show a false drop.

    >>> s = pd.Series([1.0, 2.0], index=pd.to_datetime(["2026-03-02", "2026-03-09"]))
    >>> complete_periods(s, dt.date(2026, 3, 12), "week").index.date.tolist()
    [datetime.date(2026, 3, 2)]
    """
    if series.empty:
        return series
    ends = [period_end(start, period) for start in series.index]
    keep = [end <= pd.Timestamp(last_day) for end in ends]
    return series[keep]


def complete_kpi_series(
    obs: pd.DataFrame, kpi: KPI | str, period: str, as_of: dt.date, margin_pct: float | None = None
) -> pd.Series:
    """The KPI per complete period, with data through the earlier of its last day and ``as_of``: what
    "the latest period against the one before" compares (the Monitor cards, the overview, alerts).

    >>> obs = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-09", "2026-03-12"]),
    ...                     "measure": "orders", "channel": "all", "value": [10.0, 7.0, 1.0]})
    >>> complete_kpi_series(obs, "orders", "week", dt.date(2026, 3, 31)).tolist()  # 9–15 March is not over
    [10.0]
    """
    if obs.empty:
        return pd.Series(dtype="float64")
    last_day = min(last_data_day(obs) or as_of, as_of)
    return complete_periods(kpi_series(obs, kpi, period, margin_pct=margin_pct), last_day, period)


def compare_with_last_year(series: pd.Series, period: str) -> dict[str, float | None]:
    """The latest period against the same period a year earlier (52 weeks, 12 months or 364 days back).

    >>> s = pd.Series([50.0, 60.0], index=pd.to_datetime(["2025-03-03", "2026-03-02"]))
    >>> compare_with_last_year(s, "week")
    {'current': 60.0, 'last_year': 50.0, 'change_pct': 20.0}
    """
    clean = series.dropna()
    if clean.empty:
        return {"current": None, "last_year": None, "change_pct": None}
    latest = clean.index[-1]
    earlier = year_earlier(latest, period)
    current = float(clean.iloc[-1])
    before = clean.get(earlier)
    last_year = None if before is None or pd.isna(before) else float(before)
    change = None
    if last_year is not None and last_year != 0.0:
        change = round((current / last_year - 1.0) * 100.0, 10)
    return {"current": current, "last_year": last_year, "change_pct": change}


def compare_last_periods(series: pd.Series) -> dict[str, float | None]:
    """The latest period's value, the one before, and the change between them in percent.

    >>> compare_last_periods(pd.Series([10.0, 12.0]))
    {'current': 12.0, 'previous': 10.0, 'change_pct': 20.0}
    """
    clean = series.dropna()
    current = float(clean.iloc[-1]) if len(clean) else None
    previous = float(clean.iloc[-2]) if len(clean) > 1 else None
    change = None
    if current is not None and previous is not None and previous != 0.0:
        change = round((current / previous - 1.0) * 100.0, 10)
    return {"current": current, "previous": previous, "change_pct": change}
