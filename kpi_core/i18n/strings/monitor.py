"""Strings of step 4, monitoring, and of its alerts."""

from __future__ import annotations

PREFIXES = ("monitor", "alert", "reason")

STRINGS: dict[str, dict[str, str]] = {
    "monitor.title": {"ru": "Шаг 4. Мониторинг", "en": "Step 4. Monitor"},
    "monitor.period": {"ru": "Период", "en": "Period"},
    "monitor.no_goals": {
        "ru": "Нет целей для мониторинга: поставьте цель на шаге «1. Цели».",
        "en": "No goals to monitor: define one on step “1. Goals”.",
    },
    "monitor.no_kpis": {
        "ru": "У цели нет метрик: выберите их на шаге «2. Метрики».",
        "en": "This goal has no KPIs: pick them on step “2. Metrics”.",
    },
    "monitor.as_of": {"ru": "Данные по {date} включительно", "en": "Data through {date}"},
    "monitor.card_help": {
        "ru": "{definition} Формула: {formula}. Изменение — к прошлому периоду ({previous}).",
        "en": "{definition} Formula: {formula}. Change is vs the previous period ({previous}).",
    },
    "monitor.target_line": {
        "ru": "Цель: {target} · Сейчас: {actual} · План на сегодня: {expected} · Прогноз: {projected}",
        "en": "Target: {target} · Now: {actual} · Expected by today: {expected} · Projected: {projected}",
    },
    "monitor.days_left": {"ru": "Осталось дней: {days}", "en": "Days left: {days}"},
    "monitor.col_reason": {"ru": "Почему такой статус", "en": "Why this status"},
    "monitor.move_goal": {
        "ru": "Начать цель {start}, на ваших данных",
        "en": "Start the goal on {start}, on your data",
    },
    "monitor.no_data": {
        "ru": "Данных пока нет: загрузите выгрузку на шаге «3. Данные».",
        "en": "No data yet: upload an export on step “3. Data”.",
    },
    "monitor.series_actual": {"ru": "Факт", "en": "Actual"},
    "monitor.series_expected": {"ru": "План", "en": "Plan"},
    "monitor.series_projected": {"ru": "Прогноз", "en": "Forecast"},
    "monitor.chart_value": {"ru": "Значение", "en": "Value"},
    "monitor.chart_period": {"ru": "Период", "en": "Period"},
    "monitor.chart_target": {"ru": "Цель", "en": "Target"},
    "monitor.cumulative": {"ru": "Итого", "en": "Total"},
    "monitor.chart_change": {"ru": "Изменение", "en": "Change"},
    "monitor.sum_uniques": {"ru": "сумма дневных уникальных", "en": "sum of daily uniques"},
    "monitor.overview": {
        "ru": "Ваши данные: последний полный период ({period}) и изменение к предыдущему",
        "en": "Your data: the latest complete {period} and the change to the one before",
    },
    "monitor.alerts": {"ru": "Сигналы ({n})", "en": "Alerts ({n})"},
    "monitor.scorecard": {"ru": "Все цели на одном экране", "en": "Every goal on one screen"},
    "monitor.col_progress": {"ru": "Прогресс", "en": "Progress"},
    "monitor.col_projected": {"ru": "Прогноз к сроку", "en": "Projected"},
    "monitor.col_days_left": {"ru": "Дней осталось", "en": "Days left"},
    "monitor.freshness": {"ru": "Свежесть данных: {sources}", "en": "Data freshness: {sources}"},
    "monitor.vs_previous": {"ru": "к прошлому периоду ({period})", "en": "vs the previous {period}"},
    "monitor.vs_last_year": {
        "ru": "к тому же периоду прошлого года: {change}",
        "en": "vs the same period last year: {change}",
    },
    "monitor.band": {"ru": "Коридор: минимум — амбициозно", "en": "Band: minimum to stretch"},
    "monitor.action": {"ru": "Действие", "en": "Action"},
    "monitor.by_channel": {"ru": "По каналам (с начала цели)", "en": "By channel (since the goal's start)"},
    "monitor.baseline_partial": {
        "ru": "Данные перед целью начинаются только {day}, поэтому изменение считается по дням с данными: "
        "средний день сейчас против среднего дня до цели.",
        "en": "The data before the goal starts only on {day}, so the change compares an average day now "
        "with an average day before the goal.",
    },
    "alert.off_track": {
        "ru": "«{kpi}» в цели «{goal}» отстаёт от плана.",
        "en": "“{kpi}” in “{goal}” is off track.",
    },
    "alert.at_risk": {"ru": "«{kpi}» в цели «{goal}» под угрозой.", "en": "“{kpi}” in “{goal}” is at risk."},
    "alert.change": {
        "ru": "«{kpi}»: {change} к прошлому периоду ({period}).",
        "en": "“{kpi}”: {change} against the previous {period}.",
    },
    "alert.badge_stale": {"ru": "Данные устарели", "en": "Data out of date"},
    "alert.stale": {
        "ru": "Данные «{source}» не обновлялись с {date}: загрузите свежую выгрузку.",
        "en": "“{source}” has not been updated since {date}: upload a fresh export.",
    },
    "reason.on_track": {
        "ru": "Прогноз на {deadline}: {projected} — цель {target} достигается.",
        "en": "Projected {projected} by {deadline}: the {target} target is reached.",
    },
    "reason.at_risk.up": {
        "ru": "Прогноз на {deadline}: {projected} — немного ниже цели {target}.",
        "en": "Projected {projected} by {deadline}: just below the {target} target.",
    },
    "reason.at_risk.down": {
        "ru": "Прогноз на {deadline}: {projected} — немного выше допустимых {target}.",
        "en": "Projected {projected} by {deadline}: just above the {target} limit.",
    },
    "reason.off_track.up": {
        "ru": "Прогноз на {deadline}: {projected} — заметно ниже цели {target}.",
        "en": "Projected {projected} by {deadline}: well below the {target} target.",
    },
    "reason.off_track.down": {
        "ru": "Прогноз на {deadline}: {projected} — заметно выше допустимых {target}.",
        "en": "Projected {projected} by {deadline}: well above the {target} limit.",
    },
    "reason.achieved": {
        "ru": "К сроку: {actual} при цели {target}.",
        "en": "{actual} at the deadline, against a {target} target.",
    },
    "reason.missed.up": {
        "ru": "К сроку: {actual} — ниже цели {target}.",
        "en": "{actual} at the deadline: below the {target} target.",
    },
    "reason.missed.down": {
        "ru": "К сроку: {actual} — выше допустимых {target}.",
        "en": "{actual} at the deadline: above the {target} limit.",
    },
    "reason.not_started": {"ru": "Цель начнётся {start}.", "en": "The goal starts on {start}."},
    "reason.no_data.ended": {
        "ru": "Данные заканчиваются {data_end}, раньше начала цели ({start}): загрузите свежую выгрузку "
        "или начните цель раньше.",
        "en": "The data ends on {data_end}, before the goal starts ({start}): upload a fresh export "
        "or start the goal earlier.",
    },
    "reason.no_data": {
        "ru": "За период цели в данных нет того, из чего считается эта метрика.",
        "en": "The data has nothing this KPI is computed from within the goal's dates.",
    },
}
