"""Where should the budget go? Fit a response curve per paid channel, allocate, check the evidence.

Per paid channel, weekly revenue is fitted to the carry-over stock of weekly spend, plus a baseline
(``curves``: Hill with slope 1, the decay chosen on held-out weeks, a level, a trend and a yearly
wave). The budget is allocated for equal marginal returns within ±30 % of each channel's recent
spend and within the spend it has had, and a move is measured against today's split scaled to the
budget. Then, on 500 circular block resamples of the weeks (``resample``), each with its own decay,
curves and allocation:

- direction: a move is advised only when the next rouble where budget goes returns more than the
  last rouble where it leaves, at that spend, in 19 resamples of 20 (marginal returns; average
  ROAS never justifies a move);
- how far: the move is shrunk to the largest share whose gain over the resampled curves is positive
  in 9 of 10 (``gain_low``, its lower 10 % quantile);
- how sure: the chance of a gain is the share of resamples whose own move, by that share, gains on
  the curve of the weeks the resample left out (calibrated: about one half or less where nothing
  can be gained); below 0.8 the advice is refused.

Refusals follow docs/ARCHITECTURE.md R-budget and R-intervals' evidence rule, including a noise gate
(curves must explain a fifth of the held-out weeks' revenue swings); a refusal proposes a test
(``Reallocation.holdout``). Curves fitted on revenue the data attributes to a channel show
association, not proof.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kpi_core.adjust.allocate import bounds_around, hill_allocation, hill_marginal
from kpi_core.adjust.carry import weeks_of_effect
from kpi_core.adjust.curves import baseline_columns, choose_decay, fit_weighted, stock
from kpi_core.adjust.refusals import allocation_refusals, evidence_refusals
from kpi_core.adjust.resample import LOW_QUANTILE, block_weights, move_gains, proposals, refit, safest_share
from kpi_core.adjust.whatif import WhatIf, follow_ratios, simulate
from kpi_core.catalog.registry import PAID_CHANNELS
from kpi_core.compute.cube import DailyTotals
from kpi_core.compute.periods import period_bounds
from kpi_core.compute.spans import data_range, period_rows

BOOTSTRAP_RUNS = 500
MIN_EXPLAINED = 0.2  # the held-out share of weekly revenue's variation a channel's curve must explain
MARGINAL_QUANTILE = 0.05  # the direction of a move needs 19 refits of 20 on its side
HOLDOUT_SHARE = 0.2  # the share of the losing channel's weekly spend a holdout test moves
HOLDOUT_BLOCKS = 6  # blocks of weeks in a holdout test: test, usual, test, usual, test, usual
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
    judged: dict[str, list[tuple[float, float]]] = field(default_factory=dict)  # curves of the weeks left out
    noise: float = 0.0  # the spread of the paid channels' weekly revenue around their curves


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
    direction: tuple[str, str] | None = None  # (the channel the curves would give budget, the one they'd take from)

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

    def what_if(self, plan: dict[str, float]) -> WhatIf:
        """A spend plan's weekly effect; the advised plan's chance of a gain is the advice's own (each
        resample's own move judged on the weeks it left out), so both read the same number."""
        result = simulate(self.curves, self.draws, self.current, plan, self.ratios, self.observed, self.fit_judged)
        if self.status == "ok" and plan == self.proposed:
            result.p_gain = self.p_gain
        return result

    @property
    def fit_judged(self) -> dict[str, list[tuple[float, float]]]:
        return {} if self.fit is None else self.fit.judged

    @property
    def week_count(self) -> int:
        """How many whole weeks the curves were fitted on."""
        return 0 if self.weeks is None else ((self.weeks[1] - self.weeks[0]).days + 1) // 7

    def holdout(self) -> dict | None:
        """A test that settles what the data cannot: move HOLDOUT_SHARE of the losing channel's weekly
        spend to the gaining one in alternate blocks of weeks, HOLDOUT_BLOCKS blocks in all. A block
        lasts as long as a rouble keeps selling, plus a first week that is not counted (the previous
        block's ads still work in it). The move works when the counted test weeks' mean revenue beats
        the others' by ``threshold``: twice the standard error of that difference, from the weekly
        swings around the curves. None without curves to name the channels.

        >>> plan = Reallocation("refused", [], {"a": 1000.0, "b": 500.0}, {}, direction=("b", "a")).holdout()
        >>> plan["move"], plan["block_weeks"], plan["weeks"], plan["threshold"]
        (200.0, 2, 12, 0.0)
        """
        if self.direction is None:
            return None
        gainer, loser = self.direction
        block = max((weeks_of_effect(theta) for theta in self.decay.values()), default=1) + 1
        counted = (block - 1) * HOLDOUT_BLOCKS // 2  # weeks counted on each side
        noise = 0.0 if self.fit is None else self.fit.noise
        return {
            "from": loser,
            "to": gainer,
            "move": round(HOLDOUT_SHARE * self.current[loser], 2),
            "block_weeks": block,
            "weeks": block * HOLDOUT_BLOCKS,
            "threshold": round(2 * noise * math.sqrt(2 / counted), 2),
        }

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
            "holdout": self.holdout() if self.status == "refused" else None,
        }


def reason_text(key: str, values: dict, lang: str = "en") -> str:
    """A refusal's reason in words, its chance of a gain in percent («over 99%», "22%").

    >>> reason_text("refuse.unlikely_gain", {"p_gain": 0.22})[:36]
    'The chance of a gain is only 22% — a'
    """
    from kpi_core.i18n.formatting import fmt_chance, t

    shown = {k: fmt_chance(v, lang) if k == "p_gain" else v for k, v in values.items()}
    return t(key, lang, **shown)


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
    x = {c: spend[c].to_numpy() for c in channels}
    r = {c: revenue[c].to_numpy() for c in channels}
    baseline = baseline_columns(len(spend))
    # each channel's carry-over, then its curve on the carried stock of spend (read in weekly spend)
    fitted = {c: choose_decay(x[c], r[c], blended, baseline) for c in channels}
    decay = {c: theta for c, (theta, _) in fitted.items()}
    carried = {c: stock(x[c], decay[c]) for c in channels}
    full = {c: fit_weighted(carried[c], r[c], np.ones((1, len(spend))), blended, baseline) for c in channels}
    curves = {c: (float(f.beta[0]), float(f.k[0])) for c, f in full.items()}
    # how much the paid channels' weekly revenue swings around the curves: what a test must beat
    residual = sum(r[c] - full[c].predict(carried[c], baseline)[0] for c in channels)
    resamples = refit(x, r, blended, block_weights(np.random.default_rng(SEED), len(spend), BOOTSTRAP_RUNS), baseline)
    samples = resamples.samples()
    fitted_weeks = (spend.index[0].date(), period_bounds(spend.index[-1].date(), "week")[1])
    fit = CurveFit(
        curves=curves,
        draws=resamples.fitted,
        observed={c: (float(spend[c][spend[c] > 0].min()), float(spend[c].max())) for c in channels},
        weeks=fitted_weeks,
        blended_roi=blended,
        # measures that follow revenue (orders, new customers…) at each channel's ratio in those weeks
        ratios=follow_ratios(DailyTotals(obs), channels, *fitted_weeks),
        decay=decay,
        judged=resamples.judged,
        noise=float(np.std(residual, ddof=1)),
    )
    budget = budget if budget is not None else sum(current.values())
    lower, upper = bounds_around([current[c] for c in channels])
    if not sum(lower) <= budget <= sum(upper):
        reasons = [("refuse.budget_range", {"low": round(sum(lower)), "high": round(sum(upper))})]
        return Reallocation("refused", reasons, current, dict(current), fit=fit, current_weeks=recent)
    lower, upper = within_seen(channels, lower, upper, fit.observed, budget)
    allocated, _ = hill_allocation(
        [curves[c][0] for c in channels], [curves[c][1] for c in channels], budget, lower, upper
    )
    advised = dict(zip(channels, allocated, strict=True))
    # a move is judged against today's split at the same budget: a bigger budget's extra revenue is
    # bought by the extra money, not earned by the move
    scale = budget / sum(current.values()) if sum(current.values()) else 1.0
    base = {c: current[c] * scale for c in channels}

    gainer = max(channels, key=lambda c: advised[c] - base[c])
    loser = min(channels, key=lambda c: advised[c] - base[c])
    direction = (gainer, loser) if gainer != loser else None
    # the noise gate: curves fitted on some weeks must predict the others' revenue better than its mean
    reasons = [
        ("refuse.noisy", {"channel": c, "share": max(0, round(explained * 100)), "needed": round(MIN_EXPLAINED * 100)})
        for c, (_, explained) in fitted.items()
        if explained < MIN_EXPLAINED
    ]
    # the move rests on marginal returns: an extra rouble where budget goes must return more than the
    # last rouble where it leaves, at that spend, in 19 resamples out of 20
    if marginal_gap_low(samples, gainer, loser, base) <= 0:
        reasons.append(("refuse.marginal_unclear", {"gainer": gainer, "loser": loser}))
    # how far: the largest share of the move whose gain over the resampled curves is positive in 9 of
    # 10 (gain_low, the lower 10 % quantile); none, and the move is refused
    share, spread = safest_share(samples, [advised] * len(samples), base)
    if share is None:
        reasons.append(("refuse.no_safe_move", {}))
    proposed = {c: base[c] + (share or 1.0) * (advised[c] - base[c]) for c in channels}
    gain_low = float(np.quantile(spread, LOW_QUANTILE))
    # how sure: each resample allocates again on its own curves, and its move (by that share) is judged
    # on the weeks it left out — judged on the weeks it was chosen from, a move looks good even where
    # nothing can be gained; the share of judgements that gain is the chance of a gain
    drawn, judges = resamples.judged_runs()
    gains = move_gains(judges, proposals(drawn, budget, lower, upper), base, share or 1.0)
    p_gain = float(np.mean(gains > 0)) if len(gains) else 0.0
    reasons += allocation_refusals({c: spend[c].tolist() for c in channels}, p_gain=p_gain, proposed=proposed)
    reasons += evidence_refusals(_conversions(obs, channels, *fitted_weeks))
    expected = simulate(curves, {}, current, proposed, fit.ratios).weekly_deltas
    status = "refused" if reasons else "ok"
    chosen = proposed if status == "ok" else dict(current)
    return Reallocation(
        status, reasons, current, chosen, expected, p_gain, gain_low, fit=fit, current_weeks=recent, direction=direction
    )


def within_seen(
    channels: list[str],
    lower: list[float],
    upper: list[float],
    observed: dict[str, tuple[float, float]],
    budget: float,
) -> tuple[list[float], list[float]]:
    """The ±30 % bounds narrowed to the weekly spend each channel has had (the curves are measured
    there, extended beyond): the move stops at the edge of the evidence instead of being refused for
    crossing it. The ±30 % bounds when the budget does not fit the narrowed ones.

    >>> within_seen(["a", "b"], [70.0, 70.0], [130.0, 130.0], {"a": (50.0, 110.0), "b": (90.0, 400.0)}, 200.0)
    ([70.0, 90.0], [110.0, 130.0])
    """
    low = [max(lo, observed[c][0]) for c, lo in zip(channels, lower, strict=True)]
    high = [min(hi, observed[c][1]) for c, hi in zip(channels, upper, strict=True)]
    if sum(low) <= budget <= sum(high) and all(lo <= hi for lo, hi in zip(low, high, strict=True)):
        return low, high
    return lower, upper


def marginal_gap_low(
    samples: list[dict[str, tuple[float, float]]], gainer: str, loser: str, current: dict[str, float]
) -> float:
    """The lower 5 % quantile, over the resampled fits, of the next rouble's return in ``gainer``
    minus that in ``loser`` at today's spend: above 0 when the move's direction is supported.

    >>> round(marginal_gap_low([{"a": (400.0, 100.0), "b": (100.0, 100.0)}], "a", "b", {"a": 100, "b": 100}), 3)
    0.75
    """
    gaps = [hill_marginal(*s[gainer], current[gainer]) - hill_marginal(*s[loser], current[loser]) for s in samples]
    return float(np.quantile(gaps, MARGINAL_QUANTILE))
