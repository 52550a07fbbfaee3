"""Where should the budget go? Fit a response curve per paid channel, allocate, check the evidence.

Per paid channel, weekly revenue r is fitted to weekly spend x as r(x) = β·x / (K + x) (Hill with
slope 1), K bounded to [0.2, 5] × the median non-zero weekly spend, with a mild penalty pulling
the channel's return at its median spend towards the workspace's blended return (the stated
prior). The budget is allocated for equal marginal returns within ±30 % of each channel's
recent spend; the weeks are bootstrapped to estimate the probability that the move gains
anything. Refusals follow docs/ARCHITECTURE.md R-budget, and R-intervals' evidence rule: at least 10 conversions per
channel, and a chance of a gain above 0.9 or a ROAS-ratio interval excluding 1. Curves fitted on
revenue the data attributes to a channel show association, not proof.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

from kpi_core.adjust.allocate import bounds_around, hill_allocation, hill_response
from kpi_core.adjust.refusals import allocation_refusals, evidence_refusals
from kpi_core.adjust.whatif import follow_ratios, simulate
from kpi_core.analysis.intervals import ratio_of_ratios_interval
from kpi_core.catalog.registry import PAID_CHANNELS
from kpi_core.compute.cube import DailyTotals
from kpi_core.compute.periods import period_bounds
from kpi_core.compute.spans import data_range, period_rows

PRIOR_WEIGHT = 0.1
BOOTSTRAP_RUNS = 200
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


@dataclass
class Reallocation:
    """The recommendation (or the refusal and why), as the `reallocate` command prints it."""

    status: str
    reasons: list[tuple[str, dict]]
    current: dict[str, float]
    proposed: dict[str, float]
    expected_change: dict[str, float] = field(default_factory=dict)
    p_gain: float | None = None
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


def fit_hill(spend: np.ndarray, revenue: np.ndarray, blended_roi: float) -> tuple[float, float]:
    """β and K of r(x) = β·x / (K + x), K within [0.2, 5] × median spend, ROI pulled towards the blend."""
    positive = spend[spend > 0]
    median = float(np.median(positive))
    k_low, k_high = 0.2 * median, 5.0 * median
    scale = max(float(np.mean(revenue)), 1.0)

    def residuals(params):
        beta, k = params
        fitted = beta * spend / (k + spend)
        prior = PRIOR_WEIGHT * math.sqrt(len(spend)) * (beta / (k + median) - blended_roi) * median / scale
        return np.append((fitted - revenue) / scale, prior)

    beta0 = max(float(np.max(revenue)) * 2, 1.0)
    fit = least_squares(residuals, x0=[beta0, median], bounds=([0.0, k_low], [np.inf, k_high]))
    return float(fit.x[0]), float(fit.x[1])


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
    curves = {c: fit_hill(spend[c].to_numpy(), revenue[c].to_numpy(), blended) for c in channels}
    rng = np.random.default_rng(SEED)
    n = len(spend)
    draws: dict[str, list[tuple[float, float]]] = {c: [] for c in channels}
    for _ in range(BOOTSTRAP_RUNS):
        rows = rng.integers(0, n, n)
        for c in channels:
            draws[c].append(fit_hill(spend[c].to_numpy()[rows], revenue[c].to_numpy()[rows], blended))
    fitted_weeks = (spend.index[0].date(), period_bounds(spend.index[-1].date(), "week")[1])
    fit = CurveFit(
        curves=curves,
        draws=draws,
        observed={c: (float(spend[c][spend[c] > 0].min()), float(spend[c].max())) for c in channels},
        weeks=fitted_weeks,
        blended_roi=blended,
        # measures that follow revenue (orders, new customers…) at each channel's ratio in those weeks
        ratios=follow_ratios(DailyTotals(obs), channels, *fitted_weeks),
    )
    budget = budget if budget is not None else sum(current.values())
    lower, upper = bounds_around([current[c] for c in channels])
    if not sum(lower) <= budget <= sum(upper):
        reasons = [("refuse.budget_range", {"low": round(sum(lower)), "high": round(sum(upper))})]
        return Reallocation("refused", reasons, current, dict(current), fit=fit, current_weeks=recent)
    x, _ = hill_allocation([curves[c][0] for c in channels], [curves[c][1] for c in channels], budget, lower, upper)
    proposed = dict(zip(channels, x, strict=True))

    def gain(fit: dict[str, tuple[float, float]]) -> float:
        return sum(hill_response(*fit[c], proposed[c]) - hill_response(*fit[c], current[c]) for c in channels)

    p_gain = sum(gain({c: draws[c][i] for c in channels}) > 0 for i in range(BOOTSTRAP_RUNS)) / BOOTSTRAP_RUNS
    reasons = allocation_refusals({c: spend[c].tolist() for c in channels}, p_gain=p_gain, proposed=proposed)
    gainer = max(channels, key=lambda c: proposed[c] - current[c])
    loser = min(channels, key=lambda c: proposed[c] - current[c])
    roas_ratio = ratio_of_ratios_interval(revenue[gainer], spend[gainer], revenue[loser], spend[loser])
    reasons += evidence_refusals(_conversions(obs, channels, *fitted_weeks), p_gain, roas_ratio)
    expected = simulate(curves, {}, current, proposed, fit.ratios).weekly_deltas
    status = "refused" if reasons else "ok"
    chosen = proposed if status == "ok" else dict(current)
    return Reallocation(status, reasons, current, chosen, expected, p_gain, fit=fit, current_weeks=recent)
