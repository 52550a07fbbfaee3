"""Synthetic shops whose true response curves are known, to judge the budget advice against the truth.

Each paid channel's weekly spend wanders like a real budget (a slow random walk with step changes
every quarter or so, and week-to-week swings); its sales follow a Hill curve with slope 1, r(a) = β·a / (K + a), of the
geometric carry-over of spend, a_t = (1 − θ)·(x_t + θ·x_{t−1} + θ²·x_{t−2} + …) (normalised, so a
steady spend x keeps a = x), times multiplicative weekly noise. Every shop also has demand that
grows or shrinks over the history and peaks once a year; budgets follow the season a little, and
each channel's report also claims a share of those baseline sales (the orders that would have come
anyway, credited to the last ad clicked). The revenue a channel reports is its true incremental
revenue plus that noise plus its share of the baseline. Kinds:

- ``gap``: at today's spend one channel returns clearly more per extra rouble than the other;
- ``null``: every channel returns the same per extra rouble at today's spend (nothing to gain by
  moving), while their average returns differ;
- ``carry``: a narrower gap where the channel that should gain budget keeps working for weeks
  (θ = 0.7);
- ``short``: 12 weeks of history; ``flat``: spend that never changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

CHANNELS = ("paid_search", "paid_social")
AS_OF = dt.date(2026, 11, 29)  # a Sunday: the last week is whole
ORDER_VALUE = 3000.0
# the return on the last rouble at today's spend, as a multiple of the shop's margin, in the channel
# that should gain budget and in the other: a clear gap, and a narrower one under carry-over (where
# fitting same-week sales to spend flattens the channel that keeps working)
GAPS = {"gap": (1.6, 0.7), "carry": (1.3, 0.8), "short": (1.6, 0.7), "flat": (1.6, 0.7)}


@dataclass(frozen=True)
class Shop:
    kind: str
    obs: pd.DataFrame  # daily long observations, as an import stores them
    curves: dict[str, tuple[float, float]]  # channel -> true (β, K)
    decay: dict[str, float]  # channel -> true θ
    gainer: str | None  # the channel that should get more budget (None: nothing to gain)


def carry_over(spend: np.ndarray, theta: float) -> np.ndarray:
    """Geometric carry-over, normalised: a_t = θ·a_{t−1} + (1 − θ)·x_t (a steady x keeps a = x)."""
    out = np.empty_like(spend, dtype=float)
    level = float(spend[0])  # as if the first week's spend had run before the history starts
    for t, x in enumerate(spend):
        level = theta * level + (1 - theta) * float(x)
        out[t] = level
    return out


def _spend_path(rng: np.random.Generator, weeks: int, level: float, flat: bool) -> np.ndarray:
    if flat:
        return level * (1 + rng.normal(0, 0.01, weeks))
    walk = np.cumsum(rng.normal(0, 0.08, weeks))
    steps = np.cumsum(np.where(rng.random(weeks) < 1 / 13, rng.normal(0, 0.25, weeks), 0.0))
    jitter = rng.normal(0, 0.2, weeks)  # flights, promotions, a paused campaign: week-to-week swings
    path = level * np.exp(walk - walk.mean() + steps - steps.mean() + jitter)
    return np.clip(path, 0.2 * level, 4 * level)


def make_shop(kind: str, seed: int, weeks: int = 104, noise: float = 0.15) -> Shop:
    """One shop of ``kind`` (see the module's docstring) with ``weeks`` of history ending on AS_OF."""
    rng = np.random.default_rng(seed)
    weeks = 12 if kind == "short" else weeks
    levels = {c: float(rng.uniform(40_000, 160_000)) for c in CHANNELS}
    t = np.arange(weeks)
    season = np.sin(2 * np.pi * t / (365.25 / 7) + rng.uniform(0, 2 * np.pi))
    demand = (1 + rng.uniform(-0.3, 0.3) * (t / max(weeks - 1, 1) - 0.5)) * (1 + 0.25 * season)
    spend = {c: _spend_path(rng, weeks, levels[c], kind == "flat") for c in CHANNELS}
    if kind != "flat":  # budgets rise a little in the high season
        spend = {c: x * (1 + float(rng.uniform(0, 0.15)) * season) for c, x in spend.items()}
    now = {c: float(spend[c][-4:].mean()) for c in CHANNELS}  # what the advice calls today's spend
    margin = float(rng.uniform(1.5, 3.0))  # revenue per extra rouble at today's spend
    gainer = None if kind == "null" else str(rng.choice(CHANNELS))
    decay = {c: 0.0 for c in CHANNELS}
    if kind == "carry" and gainer is not None:
        decay[gainer] = 0.7
    curves = {}
    for c in CHANNELS:
        k = float(rng.uniform(0.5, 2.0)) * now[c]
        lam = margin * (1.0 if gainer is None else GAPS[kind][0] if c == gainer else GAPS[kind][1])
        curves[c] = (lam * (k + now[c]) ** 2 / k, k)  # r'(now) = βK / (K + now)² = lam
    days = pd.date_range(end=pd.Timestamp(AS_OF), periods=weeks * 7, freq="D")
    rows = []
    for c in CHANNELS:
        beta, k = curves[c]
        stock = carry_over(spend[c], decay[c])
        revenue = beta * stock / (k + stock) * np.clip(1 + rng.normal(0, noise, weeks), 0.05, None)
        # the baseline sales this channel's report claims: up to a fifth of its own incremental sales
        revenue = revenue + float(rng.uniform(0.0, 0.2)) * beta * now[c] / (k + now[c]) * demand
        for measure, weekly in (("spend", spend[c]), ("revenue", revenue), ("orders", revenue / ORDER_VALUE)):
            rows.append(
                pd.DataFrame({"date": days, "measure": measure, "channel": c, "value": np.repeat(weekly / 7, 7)})
            )
    obs = pd.concat(rows, ignore_index=True)
    return Shop(kind, obs, curves, decay, gainer)


def true_gain(shop: Shop, current: dict[str, float], proposed: dict[str, float]) -> float:
    """The weekly revenue a move gains on the true curves, once spend has run at the new level."""
    return sum(
        beta * proposed[c] / (k + proposed[c]) - beta * current[c] / (k + current[c])
        for c, (beta, k) in shop.curves.items()
    )
