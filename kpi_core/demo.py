"""A demo online shop: 18 months of daily data by channel, three goals and a few logged actions.

Everything is seeded, so the same ``as_of`` day always gives the same workspace. The goals'
targets are set from the generated data so that, as of ``as_of``, the first goal is on track,
the second at risk and the third off track — the three situations an owner must recognise.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from kpi_core.goals import GoalKPISpec, GoalSpec
from kpi_core.pacing import pace_goal_kpi

DEMO_DAYS = 548  # about 18 months
SEED = 20260101

# channel: (sessions per day at the start, orders per session, mean order value, spend per day)
CHANNEL_PROFILE = {
    "organic": (140.0, 0.018, 3100.0, 0.0),
    "direct": (70.0, 0.026, 3400.0, 0.0),
    "paid_search": (0.0, 0.022, 3000.0, 4200.0),
    "paid_social": (0.0, 0.011, 2600.0, 2600.0),
    "social": (40.0, 0.009, 2500.0, 0.0),
    "email": (25.0, 0.040, 3600.0, 0.0),
    "referral": (15.0, 0.020, 3200.0, 0.0),
}
# Paid channels turn spend into sessions with diminishing returns: a * ln(1 + spend / k).
PAID_RESPONSE = {"paid_search": (160.0, 3000.0), "paid_social": (110.0, 2500.0)}


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


def demo_observations(as_of: dt.date, days: int = DEMO_DAYS, seed: int = SEED) -> pd.DataFrame:
    """Daily long observations (date, measure, channel, value) ending on ``as_of``."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(end=pd.Timestamp(as_of), periods=days, freq="D")
    t = np.arange(days, dtype=float)
    doy = dates.day_of_year.to_numpy()
    season = 1.0 + 0.18 * np.cos(2 * math.pi * (doy - 340) / 365.25)  # peak in December
    weekly = np.where(dates.day_of_week.to_numpy() >= 5, 0.82, 1.05)
    trend = 1.0 + 0.22 * t / 365.0
    # The last 120 days: a better checkout lifts conversion and order value.
    improvement = np.clip((t - (days - 120)) / 120.0, 0.0, 1.0)

    # Weekly budget decisions vary spend a lot, as in a real shop testing its channels.
    weeks = (t // 7).astype(int)
    frames = []
    for channel, (base_sessions, cr, aov, base_spend) in CHANNEL_PROFILE.items():
        noise = rng.lognormal(0.0, 0.12, days)
        if base_spend:
            budget_steps = np.exp(np.cumsum(rng.normal(0.0, 0.18, weeks.max() + 1)))
            budget_steps = np.clip(budget_steps / budget_steps.mean(), 0.45, 1.8)
            spend = base_spend * budget_steps[weeks] * rng.lognormal(0.0, 0.08, days) * (0.9 + 0.1 * season)
            a, k = PAID_RESPONSE[channel]
            mean_sessions = a * np.log1p(spend / k) * season * weekly * noise
        else:
            spend = np.zeros(days)
            mean_sessions = base_sessions * season * weekly * trend * noise
        sessions = rng.poisson(mean_sessions)
        conversion = cr * (1.0 + 0.35 * improvement)
        orders = rng.binomial(sessions, np.minimum(conversion, 1.0))
        order_value = aov * (1.0 + 0.12 * improvement) * rng.lognormal(0.0, 0.1, days)
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
            frames.append(
                pd.DataFrame(
                    {"date": dates, "measure": measure, "channel": channel, "value": np.asarray(values, float)}
                )
            )
    return pd.concat(frames, ignore_index=True)


def _nice(value: float, step: float) -> float:
    return round(round(value / step) * step, 10)


def _calibrate(obs: pd.DataFrame, goal: GoalSpec, spec: GoalKPISpec, as_of: dt.date, share: float) -> GoalKPISpec:
    """Set the target so the projection covers ``share`` of the way from the baseline to it."""
    pace = pace_goal_kpi(obs, replace(spec, target=1.0), goal.start, goal.deadline, as_of)
    baseline = pace.baseline if spec.kind == "level" else 0.0
    gap = pace.projected - baseline
    target = baseline + gap / share
    step = 10 ** math.floor(math.log10(max(abs(gap / share) / 20.0, 1e-9)))
    return replace(spec, target=_nice(target, step))


def demo_goals(obs: pd.DataFrame, as_of: dt.date, lang: str = "en") -> list[GoalSpec]:
    """Three goals: on track, at risk and off track as of ``as_of``."""
    ru = lang == "ru"
    quarter_start = as_of - dt.timedelta(days=45)
    deadline = quarter_start + dt.timedelta(days=89)
    plans = [
        (
            GoalSpec(
                "Увеличить онлайн-продажи" if ru else "Grow online sales",
                "sales",
                quarter_start,
                deadline,
                "Анна (маркетинг)" if ru else "Anna (marketing)",
                [
                    GoalKPISpec("revenue", "change", 1.0, baseline="last_year"),
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
            0.95,
        ),
        (
            GoalSpec(
                "Повысить посещаемость сайта" if ru else "Raise site traffic",
                "traffic",
                as_of - dt.timedelta(days=60),
                as_of + dt.timedelta(days=120),
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
        kpis = [_calibrate(obs, goal, spec, as_of, share) for spec in goal.kpis]
        goals.append(replace(goal, kpis=kpis))
    return goals


def demo_actions(as_of: dt.date, lang: str = "en") -> list[DemoAction]:
    """Actions the demo owner logged, linked to goals by their position."""
    ru = lang == "ru"
    return [
        DemoAction(
            as_of - dt.timedelta(days=120),
            "Запустили новую страницу оформления заказа" if ru else "Launched the new checkout page",
            0,
            "conversion_rate",
            "+15 % conversion" if not ru else "+15 % к конверсии",
        ),
        DemoAction(
            as_of - dt.timedelta(days=60),
            "Начали еженедельную email-рассылку" if ru else "Started a weekly email newsletter",
            2,
            "sessions",
            "+5 % sessions" if not ru else "+5 % визитов",
        ),
        DemoAction(
            as_of - dt.timedelta(days=21),
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
    return DemoWorkspace(obs, demo_goals(obs, as_of, lang), demo_actions(as_of, lang))
