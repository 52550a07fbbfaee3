"""Where should the budget go? Fit a response curve per paid channel, allocate, check the evidence.

Per paid channel, weekly revenue r is fitted to weekly spend x as r(x) = β·x / (K + x) (Hill with
slope 1), K bounded to [0.2, 5] × the median non-zero weekly spend, with a mild penalty pulling
the channel's return at its median spend towards the workspace's blended return (the stated
prior). The budget is allocated for equal marginal returns within ±30 % of each channel's recent
spend. The curves are refitted on a moving-block bootstrap of the weeks (blocks of 6 weeks). A move
is advised only when the next rouble's return where budget goes exceeds the last rouble's where it
leaves, at today's spend, in 9 resamples of 10; it is shrunk to the largest share whose gain is
positive in 9 resamples of 10 (``gain_low``). Refusals follow docs/ARCHITECTURE.md R-budget and
R-intervals' evidence rule. Curves fitted on revenue the data attributes to a channel show
association, not proof.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kpi_core.adjust.allocate import bounds_around, hill_allocation, hill_response
from kpi_core.adjust.curves import choose_decay, fit_hill, stock
from kpi_core.adjust.refusals import allocation_refusals, evidence_refusals
from kpi_core.adjust.whatif import follow_ratios, simulate
from kpi_core.analysis.intervals import ratio_of_ratios_interval
from kpi_core.catalog.registry import PAID_CHANNELS
from kpi_core.compute.cube import DailyTotals
from kpi_core.compute.periods import period_bounds
from kpi_core.compute.spans import data_range, period_rows

BOOTSTRAP_RUNS = 200
BLOCK_WEEKS = 6  # weeks resampled together: spend and sales run in streaks and seasons, not week by week
LOW_QUANTILE = 0.1  # the gain a move makes in 9 cases out of 10
MIN_EXPLAINED = 0.2  # the held-out share of weekly revenue's variation a channel's curve must explain
MARGINAL_QUANTILE = 0.05  # the direction of a move needs 19 refits of 20 on its side
SHARES = tuple(step / 10 for step in range(10, 0, -1))  # the advised move, then smaller ones
RECENT_WEEKS = 4  # "today's" budget: the mean weekly spend of the latest complete weeks
SEED = 11


@dataclass(frozen=True)
class CurveFit:
    """The fitted response curves and what they were fitted on."""

    curves: dict[str, tuple[float, float]]  # channel -> (β, K)
    draws: dict[str, list[tuple[float, float]]]  # channel -> bootstrapped (β, K)
    observed: dict[str, tuple[float, float]]  # channel -> (lowest non-zero, highest) weekly spend
    weeks: tuple[dt.date, dt.date]  # first Monday, last Sunday
    blended_roi: float
    ratios: dict[str, dict[str, float]]  # channel -> measure -> per unit of revenue
    decay: dict[str, float] = field(default_factory=dict)  # channel -> carry-over θ


@dataclass
class Reallocation:
    """The recommendation (or the refusal and why), as the `reallocate` command prints it."""

    status: str
    reasons: list[tuple[str, dict]]
    current: dict[str, float]
    proposed: dict[str, float]
    expected_change: dict[str, float] = field(default_factory=dict)
    p_gain: float | None = None
    gain_low: float | None = None  # the weekly gain at the lower 10 % quantile of the bootstrap
    fit: CurveFit | None = None
    current_weeks: tuple[dt.date, dt.date] | None = None

    @property
    def curves(self) -> dict[str, tuple[float, float]]:
        return {} if self.fit is None else self.fit.curves

    @property
    def draws(self) -> dict[str, list[tuple[float, float]]]:
        return {} if self.fit is None else self.fit.draws

    @property
    def observed(self) -> dict[str, tuple[float, float]]:
        return {} if self.fit is None else self.fit.observed

    @property
    def weeks(self) -> tuple[dt.date, dt.date] | None:
        return None if self.fit is None else self.fit.weeks

    @property
    def blended_roi(self) -> float | None:
        return None if self.fit is None else self.fit.blended_roi

    @property
    def ratios(self) -> dict[str, dict[str, float]]:
        return {} if self.fit is None else self.fit.ratios

    @property
    def decay(self) -> dict[str, float]:
        return {} if self.fit is None else self.fit.decay

    @property
    def week_count(self) -> int:
        """How many whole weeks the curves were fitted on."""
        return 0 if self.weeks is None else ((self.weeks[1] - self.weeks[0]).days + 1) // 7

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "reasons": [reason_text(key, values) for key, values in self.reasons],
            "current": {c: round(v, 2) for c, v in self.current.items()},
            "current_weeks": None
            if self.current_weeks is None
            else {"from": self.current_weeks[0].isoformat(), "to": self.current_weeks[1].isoformat()},
            "proposed": {c: round(v, 2) for c, v in self.proposed.items()},
            "expected_change": {k: round(v, 2) for k, v in self.expected_change.items()},
            "p_gain": None if self.p_gain is None else round(self.p_gain, 3),
            "gain_low": None if self.gain_low is None else round(self.gain_low, 2),
            "decay": {c: round(v, 2) for c, v in self.decay.items()},
        }


def reason_text(key: str, values: dict, lang: str = "en") -> str:
    from kpi_core.i18n.formatting import t

    return t(key, lang, **values)


def weekly_by_channel(obs: pd.DataFrame, weeks: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Weekly spend and revenue per paid channel (complete weeks only; the latest ``weeks`` of them).

    A span (period data) counts in the week that contains it whole, else it is left out."""
    paid = obs[obs["channel"].isin(PAID_CHANNELS) & obs["measure"].isin(["spend", "revenue"])]
    if paid.empty:
        empty = pd.DataFrame()
        return empty, empty
    first_day, last_day = data_range(paid)
    paid, week = period_rows(paid, "week")
    complete = (week >= first_day) & (week + pd.Timedelta(days=6) <= last_day)  # whole weeks only
    table = (
        paid[complete.to_numpy()]
        .assign(week=week[complete].to_numpy())
        .pivot_table(index="week", columns=["measure", "channel"], values="value", aggfunc="sum")
        .sort_index()
    )
    if weeks:
        table = table.tail(weeks)
    spend = table["spend"] if "spend" in table.columns.get_level_values(0) else pd.DataFrame(index=table.index)
    revenue = table["revenue"] if "revenue" in table.columns.get_level_values(0) else pd.DataFrame(index=table.index)
    return spend.fillna(0.0), revenue.reindex(columns=spend.columns).fillna(0.0)


def _conversions(obs: pd.DataFrame, channels: list[str], start: dt.date, end: dt.date) -> dict[str, float | None]:
    """Each channel's orders (else new customers) over the fitted weeks; None when it reports neither."""
    totals = DailyTotals(obs)
    out: dict[str, float | None] = {}
    for channel in channels:
        sums = totals.window_sums(start, end, ["orders", "new_customers"], [channel])
        known = [sums[m] for m in ("orders", "new_customers") if m in sums and not np.isnan(sums[m])]
        out[channel] = known[0] if known else None
    return out


def current_spend(spend: pd.DataFrame) -> tuple[dict[str, float], tuple[dt.date, dt.date] | None]:
    """Each channel's weekly spend now: the mean of the latest RECENT_WEEKS complete weeks, and those weeks.

    The whole history's mean would set the bounds, the "now" point and a logged move around a
    budget the shop no longer spends.
    """
    if spend.empty:
        return {}, None
    latest = spend.tail(RECENT_WEEKS)
    weeks = (latest.index[0].date(), period_bounds(latest.index[-1].date(), "week")[1])
    return {c: float(latest[c].mean()) for c in spend.columns}, weeks


def recommend(obs: pd.DataFrame, budget: float | None = None, weeks: int | None = None) -> Reallocation:
    """Reallocate the weekly budget across paid channels, or refuse with the reasons."""
    spend, revenue = weekly_by_channel(obs, weeks)
    channels = [c for c in spend.columns if spend[c].sum() > 0]
    current, recent = current_spend(spend[channels])
    if len(channels) < 2:
        return Reallocation("refused", [("refuse.one_channel", {})], current, dict(current), current_weeks=recent)
    reasons = allocation_refusals({c: spend[c].tolist() for c in channels})
    if reasons:
        return Reallocation("refused", reasons, current, dict(current), current_weeks=recent)
    total = float(spend[channels].to_numpy().sum())
    blended = float(revenue[channels].to_numpy().sum()) / total if total else 0.0
    # each channel's carry-over, then its curve on the carried stock of spend (read in weekly spend)
    fitted = {c: choose_decay(spend[c].to_numpy(), revenue[c].to_numpy(), blended) for c in channels}
    decay = {c: theta for c, (theta, _) in fitted.items()}
    carried = {c: stock(spend[c].to_numpy(), decay[c]) for c in channels}
    curves = {c: fit_hill(carried[c], revenue[c].to_numpy(), blended) for c in channels}
    rng = np.random.default_rng(SEED)
    draws: dict[str, list[tuple[float, float]]] = {c: [] for c in channels}
    for _ in range(BOOTSTRAP_RUNS):
        rows = block_rows(rng, len(spend))
        for c in channels:
            draws[c].append(fit_hill(carried[c][rows], revenue[c].to_numpy()[rows], blended))
    fitted_weeks = (spend.index[0].date(), period_bounds(spend.index[-1].date(), "week")[1])
    fit = CurveFit(
        curves=curves,
        draws=draws,
        observed={c: (float(spend[c][spend[c] > 0].min()), float(spend[c].max())) for c in channels},
        weeks=fitted_weeks,
        blended_roi=blended,
        # measures that follow revenue (orders, new customers…) at each channel's ratio in those weeks
        ratios=follow_ratios(DailyTotals(obs), channels, *fitted_weeks),
        decay=decay,
    )
    budget = budget if budget is not None else sum(current.values())
    lower, upper = bounds_around([current[c] for c in channels])
    if not sum(lower) <= budget <= sum(upper):
        reasons = [("refuse.budget_range", {"low": round(sum(lower)), "high": round(sum(upper))})]
        return Reallocation("refused", reasons, current, dict(current), fit=fit, current_weeks=recent)
    x, _ = hill_allocation([curves[c][0] for c in channels], [curves[c][1] for c in channels], budget, lower, upper)
    proposed = dict(zip(channels, x, strict=True))

    gainer = max(channels, key=lambda c: proposed[c] - current[c])
    loser = min(channels, key=lambda c: proposed[c] - current[c])
    samples = [{c: draws[c][i] for c in channels} for i in range(BOOTSTRAP_RUNS)]
    # the noise gate: curves fitted on some weeks must predict the others' revenue better than its mean
    reasons = [
        ("refuse.noisy", {"channel": c, "share": max(0, round(explained * 100)), "needed": round(MIN_EXPLAINED * 100)})
        for c, (_, explained) in fitted.items()
        if explained < MIN_EXPLAINED
    ]
    # the move rests on marginal returns: an extra rouble where budget goes must return more than the
    # last rouble where it leaves, at today's spend, in 19 refits out of 20
    if marginal_gap_low(samples, gainer, loser, current) <= 0:
        reasons.append(("refuse.marginal_unclear", {"gainer": gainer, "loser": loser}))
    proposed, gains = safest_move(samples, current, proposed)
    if gains is None:
        reasons.append(("refuse.no_safe_move", {}))
        gains = [_gain(sample, current, proposed) for sample in samples]
    p_gain = float(np.mean([g > 0 for g in gains]))
    gain_low = float(np.quantile(gains, LOW_QUANTILE))
    reasons += allocation_refusals({c: spend[c].tolist() for c in channels}, p_gain=p_gain, proposed=proposed)
    roas_ratio = ratio_of_ratios_interval(revenue[gainer], spend[gainer], revenue[loser], spend[loser])
    reasons += evidence_refusals(_conversions(obs, channels, *fitted_weeks), p_gain, roas_ratio)
    expected = simulate(curves, {}, current, proposed, fit.ratios).weekly_deltas
    status = "refused" if reasons else "ok"
    chosen = proposed if status == "ok" else dict(current)
    return Reallocation(status, reasons, current, chosen, expected, p_gain, gain_low, fit=fit, current_weeks=recent)


def block_rows(rng: np.random.Generator, n: int, block: int = BLOCK_WEEKS) -> np.ndarray:
    """A moving-block bootstrap of ``n`` weeks: runs of ``block`` consecutive weeks drawn with
    replacement, so streaks of spend and sales stay together (weeks drawn one by one understate the
    uncertainty of autocorrelated, seasonal data)."""
    block = min(block, n)
    starts = rng.integers(0, n - block + 1, size=-(-n // block))
    return (starts[:, None] + np.arange(block)).ravel()[:n]


def _marginal(beta: float, k: float, spend: float) -> float:
    """The return of the next rouble on r(x) = β·x / (K + x): βK / (K + x)²."""
    return beta * k / (k + spend) ** 2


def marginal_gap_low(
    samples: list[dict[str, tuple[float, float]]], gainer: str, loser: str, current: dict[str, float]
) -> float:
    """The lower 10 % quantile, over the resampled fits, of the next rouble's return in ``gainer``
    minus that in ``loser`` at today's spend: above 0 when the move's direction is supported.

    >>> round(marginal_gap_low([{"a": (400.0, 100.0), "b": (100.0, 100.0)}], "a", "b", {"a": 100, "b": 100}), 3)
    0.75
    """
    gaps = [_marginal(*s[gainer], current[gainer]) - _marginal(*s[loser], current[loser]) for s in samples]
    return float(np.quantile(gaps, MARGINAL_QUANTILE))


def _gain(sample: dict[str, tuple[float, float]], current: dict[str, float], plan: dict[str, float]) -> float:
    return sum(hill_response(*sample[c], plan[c]) - hill_response(*sample[c], current[c]) for c in current)


def safest_move(
    samples: list[dict[str, tuple[float, float]]], current: dict[str, float], proposed: dict[str, float]
) -> tuple[dict[str, float], list[float] | None]:
    """The largest share of the advised move (all of it, then 90 %, … 10 %) whose weekly gain is
    positive in 9 resamples out of 10, and its gains over the resamples; (the advised move, None)
    when no share is."""
    for share in SHARES:
        plan = {c: current[c] + share * (proposed[c] - current[c]) for c in current}
        gains = [_gain(sample, current, plan) for sample in samples]
        if np.quantile(gains, LOW_QUANTILE) > 0:
            return plan, gains
    return proposed, None
