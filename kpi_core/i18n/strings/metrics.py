"""Strings of step 2, choosing KPIs, and of the workspace's own KPIs."""

from __future__ import annotations

PREFIXES = ("metrics", "formula", "custom")

STRINGS: dict[str, dict[str, str]] = {
    "metrics.starters": {
        "ru": "Для начала рекомендуем ещё {n} KPI — добавьте их одним нажатием",
        "en": "We recommend {n} more KPIs to start with — add them in one click",
    },
    "metrics.starters_how": {
        "ru": "Цели посчитаны от тех же дней перед целью: на {uplift} % лучше, чем было. Поправьте любую прямо в таблице.",
        "en": "Targets come from the same number of days before the goal: {uplift} % better than then. "
        "Edit any of them right in the table.",
    },
    "metrics.starters_now": {"ru": "Было до цели", "en": "Before the goal"},
    "metrics.starters_add": {"ru": "Добавить эти KPI ({n})", "en": "Add these KPIs ({n})"},
    "metrics.starters_fill": {
        "ru": "Впишите цель для каждого KPI в таблице.",
        "en": "Enter a target for each KPI in the table.",
    },
    "metrics.title": {"ru": "Шаг 2. Метрики", "en": "Step 2. Metrics"},
    "metrics.intro": {
        "ru": "Выберите 3–5 метрик на цель. Больше — классическая ошибка: за всем сразу никто не следит.",
        "en": "Pick 3–5 metrics per goal. More is the classic mistake: nobody watches all of them.",
    },
    "metrics.goal": {"ru": "Цель", "en": "Goal"},
    "metrics.chosen": {"ru": "Выбранные метрики", "en": "Chosen metrics"},
    "metrics.add": {"ru": "Добавить метрику", "en": "Add a metric"},
    "metrics.kpi": {"ru": "Метрика", "en": "Metric"},
    "metrics.recommended": {"ru": "рекомендуем", "en": "recommended"},
    "metrics.lacks": {"ru": "в данных нет: {measures}", "en": "not in your data: {measures}"},
    "metrics.too_few": {
        "ru": "Выбрано {n} из 3–5 метрик: добавьте ещё, чтобы видеть цель с разных сторон.",
        "en": "{n} of 3–5 metrics chosen: add more to see the goal from several sides.",
    },
    "metrics.too_many": {
        "ru": "У цели уже 5 метрик — это максимум: больше метрик размывает внимание. Уберите одну, чтобы добавить другую.",
        "en": "This goal already has 5 metrics, the maximum: more metrics scatter attention. Remove one to add another.",
    },
    "metrics.ok": {"ru": "{n} метрики — то, что нужно.", "en": "{n} metrics — just right."},
    "metrics.added": {"ru": "Метрика добавлена.", "en": "Metric added."},
    "metrics.removed": {"ru": "Метрика убрана.", "en": "Metric removed."},
    "metrics.remove": {"ru": "Убрать", "en": "Remove"},
    "metrics.catalog": {"ru": "Каталог метрик", "en": "KPI catalog"},
    "metrics.col_name": {"ru": "Метрика", "en": "KPI"},
    "metrics.col_definition": {"ru": "Что показывает", "en": "What it shows"},
    "metrics.col_formula": {"ru": "Формула", "en": "Formula"},
    "metrics.col_good": {"ru": "Хорошо, когда", "en": "Good when"},
    "metrics.col_kind": {"ru": "Тип цели", "en": "Kind"},
    "metrics.col_target": {"ru": "Цель", "en": "Target"},
    "metrics.already": {"ru": "Эта метрика уже есть у цели.", "en": "This goal already has that metric."},
    "metrics.details": {
        "ru": "«{kpi}»: минимум, амбициозная цель, ответственный",
        "en": "“{kpi}”: minimum, stretch, owner",
    },
    "metrics.details_plan": {
        "ru": "«{kpi}»: минимум, амбициозная цель, ответственный, план по месяцам",
        "en": "“{kpi}”: minimum, stretch, owner, plan per month",
    },
    "metrics.plan": {"ru": "План по месяцам", "en": "Plan per month"},
    "metrics.plan.none": {"ru": "Без плана (равномерный темп)", "en": "No plan (even pace)"},
    "metrics.plan.even": {"ru": "Поровну по дням", "en": "Spread evenly"},
    "metrics.plan.last_year": {"ru": "Как в прошлом году", "en": "Shaped like last year"},
    "metrics.plan.typed": {"ru": "Ввести вручную", "en": "Type it in"},
    "metrics.plan_no_history": {
        "ru": "Нет данных за те же месяцы прошлого года: выберите другой способ или загрузите историю.",
        "en": "No data for the same months last year: pick another way or import the history.",
    },
    "metrics.plan_month": {"ru": "Месяц", "en": "Month"},
    "metrics.plan_value": {"ru": "План", "en": "Plan"},
    "metrics.plan_total": {"ru": "Сумма плана: {total}", "en": "Plan total: {total}"},
    "formula.empty": {
        "ru": "Формула пустая: запишите её через показатели, например revenue / orders.",
        "en": "The formula is empty: write it with measures, e.g. revenue / orders.",
    },
    "formula.too_long": {
        "ru": "Формула длиннее {limit} символов.",
        "en": "The formula is longer than {limit} characters.",
    },
    "formula.syntax": {
        "ru": "Формула записана с ошибкой: используйте показатели, числа, + - * / и скобки.",
        "en": "The formula is not well formed: use measures, numbers, + - * / and parentheses.",
    },
    "formula.unknown_name": {
        "ru": "«{name}» — не показатель; используйте: {measures}.",
        "en": "'{name}' is not a measure; use one of: {measures}.",
    },
    "formula.forbidden": {
        "ru": "В формуле можно только показатели, числа, + - * / и скобки.",
        "en": "Only measures, numbers, + - * / and parentheses are allowed in a formula.",
    },
    "custom.title": {"ru": "Своя метрика по формуле", "en": "Your own KPI from a formula"},
    "custom.name": {"ru": "Название", "en": "Name"},
    "custom.formula": {"ru": "Формула из показателей", "en": "Formula over measures"},
    "custom.formula_help": {
        "ru": "Например (выручка - расход) / расход * 100. Показатели пишутся одним словом: {measures}.",
        "en": "E.g. (revenue - spend) / spend * 100. Measures: {measures}.",
    },
    "custom.formula_example": {"ru": "(выручка - расход) / расход * 100", "en": "(revenue - spend) / spend * 100"},
    "custom.unit": {"ru": "Единица", "en": "Unit"},
    "custom.good": {"ru": "Хорошо, когда", "en": "Good when"},
    "custom.create": {"ru": "Создать метрику", "en": "Create the KPI"},
    "custom.created": {
        "ru": "Метрика «{name}» создана: её можно выбрать для цели.",
        "en": "“{name}” was created: pick it for a goal.",
    },
    "custom.name_empty": {"ru": "Дайте метрике название.", "en": "Give the KPI a name."},
    "custom.definition": {"ru": "Своя метрика: {formula}.", "en": "Custom KPI: {formula}."},
}
