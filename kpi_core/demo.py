"""A demo online shop: 18 months of daily data by channel, three goals and a few logged actions.

Everything is seeded, so the same ``as_of`` day always gives the same workspace, and the story
is the same on every day of the year:

* The data is generated on whole ISO weeks ending on the Sunday of ``as_of``'s week, then cut
  at ``as_of``. Every random draw belongs to a week counted back from the current one, so the
  complete weeks the budget advice reads are the same whatever the day; the paid channels
  carry no calendar season (their budget moves week by week), so their weekly spend and revenue
  do not depend on the date at all. Unpaid traffic keeps a mild December peak.
* A better checkout, launched 17 weeks before the current week, lifts conversion and order
  value along a deterministic ramp that is still rising, and unpaid traffic grows 22 % a year:
  every goal KPI moves its good way by much more than its noise over a goal's window.
* Each target is then set from the KPI's own pace so that the projection covers a chosen share
  of the way (125 %, 97 %, 60 %): on track, at risk, off track by construction.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from kpi_core.compute.cube import DailyTotals
from kpi_core.goals.spec import GoalKPISpec, GoalSpec
from kpi_core.monitor.pacing import pace_goal_kpi

DEMO_WEEKS = 79  # about 18 months of whole weeks
DEMO_DAYS = DEMO_WEEKS * 7
SEED = 20260101
BUDGET_SIGMA = 0.35  # week-to-week spread of each paid channel's budget
SEASON_AMPLITUDE = 0.05  # unpaid traffic is this much above its mean in December, below in June
LAUNCH_WEEKS_AGO = 17  # the new checkout, counted back from the current week's Monday
NEWSLETTER_WEEKS_AGO = 8
MOVE_WEEKS_AGO = 3
MOVED_SHARE = 0.2  # of the social budget, to search
NEWSLETTER_LIFT = 3.0  # e-mail sessions quadruple once the newsletter goes out
RAMP_DAYS = 210  # the checkout's lift grows linearly for this long after the launch

# channel: (sessions per day at the start, orders per session, mean order value, spend per day)
CHANNEL_PROFILE = {
    "organic": (840.0, 0.018, 3100.0, 0.0),
    "direct": (420.0, 0.026, 3400.0, 0.0),
    "paid_search": (0.0, 0.022, 3000.0, 18000.0),
    "paid_social": (0.0, 0.011, 2600.0, 24000.0),
    "social": (240.0, 0.009, 2500.0, 0.0),
    "email": (150.0, 0.020, 3000.0, 0.0),
    "referral": (90.0, 0.020, 3200.0, 0.0),
}
# Paid channels turn spend into sessions with diminishing returns: a * ln(1 + spend / k).
# At the demo's spend a rouble on search buys over three times the revenue a rouble on social
# does, yet social long held the larger budget (the "wrong channel"), until the owner moved a
# fifth of it to search three weeks before the current week.
PAID_RESPONSE = {"paid_search": (960.0, 18000.0), "paid_social": (660.0, 15000.0)}


def week_end(day: dt.date) -> dt.date:
    """The Sunday ending ``day``'s ISO week (the demo's grid ends there)."""
    return day + dt.timedelta(days=6 - day.weekday())


def newsletter_day(as_of: dt.date) -> dt.date:
    """The day the demo's weekly newsletter started (e-mail traffic quadruples from then on)."""
    return week_end(as_of) - dt.timedelta(days=6 + 7 * NEWSLETTER_WEEKS_AGO)


def budget_move_day(as_of: dt.date) -> dt.date:
    """The day the demo owner moved a fifth of the social budget to search."""
    return week_end(as_of) - dt.timedelta(days=6 + 7 * MOVE_WEEKS_AGO)


def launch_day(as_of: dt.date) -> dt.date:
    """The day the demo's new checkout went live."""
    return week_end(as_of) - dt.timedelta(days=6 + 7 * LAUNCH_WEEKS_AGO)


@dataclass
class DemoAction:
    """An action the demo owner logged."""

    day: dt.date
    description: str
    goal_index: int | None
    kpi: str | None
    expected_effect: str
    channels: list[str] | None = None


@dataclass
class DemoWorkspace:
    """Everything the demo puts into a workspace."""

    observations: pd.DataFrame
    goals: list[GoalSpec]
    actions: list[DemoAction]


def checkout_lift(dates: pd.DatetimeIndex, as_of: dt.date) -> np.ndarray:
    """The checkout's lift on each day: 0 before the launch, rising linearly to 1 over RAMP_DAYS."""
    since = (dates - pd.Timestamp(launch_day(as_of))).days.to_numpy()
    return np.clip(since / RAMP_DAYS, 0.0, 1.0)


def demo_observations(as_of: dt.date, weeks: int = DEMO_WEEKS, seed: int = SEED) -> pd.DataFrame:
    """Daily long observations (date, measure, channel, value) ending on ``as_of``."""
    days = weeks * 7
    dates = pd.date_range(end=pd.Timestamp(week_end(as_of)), periods=days, freq="D")
    t = np.arange(days, dtype=float)
    doy = dates.day_of_year.to_numpy()
    season = 1.0 + SEASON_AMPLITUDE * np.cos(2 * math.pi * (doy - 340) / 365.25)  # unpaid traffic peaks in December
    weekly = np.where(dates.day_of_week.to_numpy() >= 5, 0.82, 1.05)
    trend = 1.0 + 0.22 * t / 365.0
    lift = checkout_lift(dates, as_of)
    newsletter = np.where(dates >= pd.Timestamp(newsletter_day(as_of)), NEWSLETTER_LIFT, 0.0)
    moved = dates >= pd.Timestamp(budget_move_day(as_of))
    social_base = CHANNEL_PROFILE["paid_social"][3]
    budget_shift = {
        "paid_social": np.where(moved, 1.0 - MOVED_SHARE, 1.0),
        "paid_search": np.where(moved, 1.0 + MOVED_SHARE * social_base / CHANNEL_PROFILE["paid_search"][3], 1.0),
    }

    week_index = (t // 7).astype(int)
    frames = []
    for number, (channel, (base_sessions, cr, aov, base_spend)) in enumerate(CHANNEL_PROFILE.items()):
        # one stream per channel: a sampler's use of random numbers depends on the values it
        # draws, so a shared stream would make the paid channels depend on the unpaid season
        rng = np.random.default_rng([seed, number])
        noise = rng.lognormal(0.0, 0.12, days)
        if base_spend:
            # weekly budget decisions vary spend a lot around a steady level, as in a shop testing
            # its channels (a drifting budget would drift the channel mix, and with it conversion)
            budget_steps = np.clip(rng.lognormal(0.0, BUDGET_SIGMA, weeks), 0.45, 1.8)
            budget_steps = budget_steps / budget_steps.mean()
            spend = base_spend * budget_shift[channel] * budget_steps[week_index] * rng.lognormal(0.0, 0.08, days)
            a, k = PAID_RESPONSE[channel]
            mean_sessions = a * np.log1p(spend / k) * weekly * noise
        else:
            spend = np.zeros(days)
            mean_sessions = base_sessions * season * weekly * trend * noise
            if channel == "email":
                mean_sessions = mean_sessions * (1.0 + newsletter)
        sessions = rng.poisson(mean_sessions)
        conversion = cr * (1.0 + 0.3 * lift)
        orders = rng.binomial(sessions, np.minimum(conversion, 1.0))
        order_value = aov * (1.0 + 0.12 * lift) * rng.lognormal(0.0, 0.1, days)
        revenue = np.round(orders * order_value, 2)
        new_customers = rng.binomial(orders, 0.62)
        leads = rng.binomial(sessions, 0.03)
        columns = {
            "sessions": sessions,
            "visitors": np.round(sessions * rng.uniform(0.78, 0.86, days)),
            "bounces": rng.binomial(sessions, 0.36),
            "session_duration_s": np.round(sessions * rng.normal(115.0, 8.0, days)),
            "orders": orders,
            "revenue": revenue,
            "new_customers": new_customers,
            "repeat_orders": orders - new_customers,
            "leads": leads,
            "deals_won": rng.binomial(leads, 0.24),
        }
        if base_spend:
            clicks = np.round(sessions * 1.06)
            columns |= {
                "spend": np.round(spend, 2),
                "clicks": clicks,
                "impressions": np.round(clicks / rng.uniform(0.015, 0.025, days)),
            }
        for measure, values in columns.items():
            frames.append((measure, channel, np.asarray(values, float)))
    kept = int((dates <= pd.Timestamp(as_of)).sum())  # the grid runs to the week's end; data to as_of
    return pd.DataFrame(
        {
            "date": np.tile(dates[:kept].to_numpy(), len(frames)),
            "measure": np.repeat([m for m, _, _ in frames], kept),
            "channel": np.repeat([c for _, c, _ in frames], kept),
            "value": np.concatenate([v[:kept] for _, _, v in frames]),
        }
    )


def _nice(value: float, step: float) -> float:
    return round(round(value / step) * step, 10)


def _calibrate(totals: DailyTotals, goal: GoalSpec, spec: GoalKPISpec, as_of: dt.date, share: float) -> GoalKPISpec:
    """Set the target so the projection covers ``share`` of the way from the baseline to it."""
    pace = pace_goal_kpi(totals, replace(spec, target=1.0), goal.start, goal.deadline, as_of)
    baseline = pace.baseline if spec.kind == "level" else 0.0
    # the demo history covers every demo KPI and its baseline window, so both are known
    assert pace.projected is not None and baseline is not None
    gap = pace.projected - baseline
    target = baseline + gap / share
    step = 10 ** math.floor(math.log10(max(abs(gap / share) / 20.0, 1e-9)))
    return replace(spec, target=_nice(target, step))


def demo_goals(obs: pd.DataFrame | DailyTotals, as_of: dt.date, lang: str = "en") -> list[GoalSpec]:
    """Three goals: on track, at risk and off track as of ``as_of``.

    The quarter starts on the Monday nine weeks before the current week and lasts 13 weeks, so
    the level targets' trend always stands on nine or ten complete weeks.
    """
    ru = lang == "ru"
    totals = obs if isinstance(obs, DailyTotals) else DailyTotals(obs)
    quarter_start = week_end(as_of) - dt.timedelta(days=6 + 63)
    deadline = quarter_start + dt.timedelta(days=90)
    plans = [
        (
            GoalSpec(
                "Увеличить онлайн-продажи" if ru else "Grow online sales",
                "sales",
                quarter_start,
                deadline,
                "Анна (маркетинг)" if ru else "Anna (marketing)",
                [
                    GoalKPISpec("revenue", "change", 1.0),
                    GoalKPISpec("conversion_rate", "level", 1.0),
                    GoalKPISpec("average_order_value", "level", 1.0),
                ],
            ),
            1.25,
        ),
        (
            GoalSpec(
                "Привлечь новых клиентов за квартал" if ru else "Win new customers this quarter",
                "sales",
                quarter_start,
                deadline,
                "Олег (реклама)" if ru else "Oleg (ads)",
                [
                    GoalKPISpec("new_customers", "total", 1.0),
                    GoalKPISpec("leads", "total", 1.0),
                    GoalKPISpec("deals_won", "total", 1.0),
                ],
            ),
            0.97,
        ),
        (
            GoalSpec(
                "Повысить посещаемость сайта" if ru else "Raise site traffic",
                "traffic",
                quarter_start - dt.timedelta(days=28),
                deadline,
                "Мария (контент)" if ru else "Maria (content)",
                [
                    GoalKPISpec("organic_traffic", "change", 1.0, baseline="last_year"),
                    GoalKPISpec("sessions", "total", 1.0),
                    GoalKPISpec("social_referrals", "total", 1.0),
                ],
            ),
            0.6,
        ),
    ]
    goals = []
    for goal, share in plans:
        kpis = [_calibrate(totals, goal, spec, as_of, share) for spec in goal.kpis]
        goals.append(replace(goal, kpis=kpis))
    return goals


def demo_actions(as_of: dt.date, lang: str = "en") -> list[DemoAction]:
    """Actions the demo owner logged, linked to goals by their position."""
    ru = lang == "ru"
    return [
        DemoAction(
            launch_day(as_of),
            "Запустили новую страницу оформления заказа" if ru else "Launched the new checkout page",
            0,
            "conversion_rate",
            "+15 % conversion" if not ru else "+15 % к конверсии",
        ),
        DemoAction(
            newsletter_day(as_of),
            "Начали еженедельную email-рассылку" if ru else "Started a weekly email newsletter",
            2,
            "sessions",
            "+15 % sessions" if not ru else "+15 % визитов",
        ),
        DemoAction(
            budget_move_day(as_of),
            "Перенесли 20 % бюджета из соцсетей в поиск" if ru else "Moved 20 % of the social budget to search",
            1,
            "new_customers",
            "+30 new customers" if not ru else "+30 новых клиентов",
            ["paid_search", "paid_social"],
        ),
    ]


def build_demo(as_of: dt.date, lang: str = "en") -> DemoWorkspace:
    """The whole demo workspace as of a day."""
    obs = demo_observations(as_of)
    return DemoWorkspace(obs, demo_goals(DailyTotals(obs), as_of, lang), demo_actions(as_of, lang))
