"""Strings of goals checks, alerts, analysis and budget advice (Russian and English)."""

from __future__ import annotations

ANALYSIS_STRINGS: dict[str, dict[str, str]] = {
    "smart.s_pass": {
        "ru": "Цель сформулирована конкретно и у неё есть метрики ({n}).",
        "en": "The goal is specific and has KPIs ({n}).",
    },
    "smart.s_warn": {
        "ru": "Сформулируйте цель подробнее: что именно и для кого должно измениться.",
        "en": "Say more in the goal: what exactly should change, and for whom.",
    },
    "smart.s_fail": {
        "ru": "Нужна формулировка цели и хотя бы одна метрика.",
        "en": "The goal needs a sentence and at least one KPI.",
    },
    "smart.m_pass": {
        "ru": "У каждой метрики есть числовая цель в её единицах.",
        "en": "Every KPI has a numeric target in its unit.",
    },
    "smart.m_warn_zero": {
        "ru": "Цель «изменение на 0 %» ничего не меняет: задайте рост или снижение.",
        "en": "A change target of 0 % changes nothing: set a rise or a fall.",
    },
    "smart.m_fail": {"ru": "Задайте числовую цель для каждой метрики.", "en": "Set a numeric target for every KPI."},
    "smart.a_pass": {
        "ru": "Реалистично: «{kpi}» нужно {needed} в месяц, а раньше менялась до {p90} в месяц (90-й процентиль).",
        "en": "Realistic: “{kpi}” needs {needed} a month; in the past it changed by up to {p90} a month (90th percentile).",
    },
    "smart.a_warn": {
        "ru": "Амбициозно: «{kpi}» нужно {needed} в месяц, а раньше менялась до {p90} в месяц (90-й процентиль).",
        "en": "Ambitious: “{kpi}” needs {needed} a month; in the past it changed by up to {p90} a month (90th percentile).",
    },
    "smart.a_fail": {
        "ru": "Нереалистично: «{kpi}» нужно {needed} в месяц — больше чем вдвое от прежних {p90} в месяц (90-й процентиль).",
        "en": "Unrealistic: “{kpi}” needs {needed} a month — over twice the {p90} a month it changed by in the past (90th percentile).",
    },
    "smart.a_no_history": {
        "ru": "Пока нельзя оценить достижимость: загрузите данные хотя бы за 4 месяца до начала цели.",
        "en": "Cannot judge yet: import data for at least 4 months before the goal starts.",
    },
    "smart.r_pass": {"ru": "Метрики подходят к направлению цели.", "en": "The KPIs fit the goal's objective."},
    "smart.r_warn": {
        "ru": "Метрики не по направлению цели: {kpis}. Проверьте, нужны ли они.",
        "en": "KPIs outside the goal's objective: {kpis}. Check that they belong.",
    },
    "smart.r_fail": {
        "ru": "Ни одна метрика не относится к направлению цели: выберите другие или смените направление.",
        "en": "No KPI fits the goal's objective: pick others or change the objective.",
    },
    "smart.t_pass": {"ru": "Срок задан: {months} мес.", "en": "Time-bound: {months} months."},
    "smart.t_warn": {
        "ru": "Срок {months} мес. — больше двух лет: разбейте цель на этапы.",
        "en": "{months} months is over two years: split the goal into stages.",
    },
    "smart.t_fail": {"ru": "Срок должен быть позже начала.", "en": "The deadline must come after the start."},
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
        "ru": "Например (revenue - spend) / spend * 100. Показатели: {measures}.",
        "en": "E.g. (revenue - spend) / spend * 100. Measures: {measures}.",
    },
    "custom.unit": {"ru": "Единица", "en": "Unit"},
    "custom.good": {"ru": "Хорошо, когда", "en": "Good when"},
    "custom.create": {"ru": "Создать метрику", "en": "Create the KPI"},
    "custom.created": {
        "ru": "Метрика «{name}» создана: её можно выбрать для цели.",
        "en": "“{name}” was created: pick it for a goal.",
    },
    "custom.name_empty": {"ru": "Дайте метрике название.", "en": "Give the KPI a name."},
    "custom.definition": {"ru": "Своя метрика: {formula}.", "en": "Custom KPI: {formula}."},
    "unit.count": {"ru": "штуки", "en": "count"},
    "unit.money": {"ru": "деньги", "en": "money"},
    "unit.percent": {"ru": "проценты", "en": "percent"},
    "unit.ratio": {"ru": "отношение", "en": "ratio"},
    "unit.duration": {"ru": "время, секунды", "en": "duration, seconds"},
    "unit.score": {"ru": "баллы", "en": "score"},
    "alert.off_track": {
        "ru": "🔴 «{kpi}» в цели «{goal}» отстаёт от плана.",
        "en": "🔴 “{kpi}” in “{goal}” is off track.",
    },
    "alert.at_risk": {"ru": "🟡 «{kpi}» в цели «{goal}» под угрозой.", "en": "🟡 “{kpi}” in “{goal}” is at risk."},
    "alert.change": {
        "ru": "«{kpi}»: {change} к прошлому периоду ({period}).",
        "en": "“{kpi}”: {change} against the previous {period}.",
    },
    "alert.stale": {
        "ru": "⏰ Данные «{source}» не обновлялись с {date}: загрузите свежую выгрузку.",
        "en": "⏰ “{source}” has not been updated since {date}: upload a fresh export.",
    },
    "refuse.few_weeks": {
        "ru": "«{channel}»: недель с расходом {weeks}, нужно хотя бы {needed} — копите историю или проведите тест.",
        "en": "“{channel}”: {weeks} weeks with spend, at least {needed} are needed — gather history or run a holdout test.",
    },
    "refuse.flat_spend": {
        "ru": "«{channel}»: расход почти не менялся (CV {cv}) — по таким данным нельзя понять отдачу от изменения бюджета.",
        "en": "“{channel}”: spend barely varied (CV {cv}) — the data cannot show what a budget change would do.",
    },
    "refuse.few_points": {
        "ru": "«{channel}»: слишком мало точек ({points}) на параметры кривой.",
        "en": "“{channel}”: too few points ({points}) for the curve's parameters.",
    },
    "refuse.outside_range": {
        "ru": "«{channel}»: совет выходит за диапазон расходов, который был в истории.",
        "en": "“{channel}”: the advice leaves the spend range seen in the history.",
    },
    "refuse.unlikely_gain": {
        "ru": "Вероятность выигрыша только {p_gain} — меньше 0,8: доказательств мало, лучше проверить тестом.",
        "en": "The chance of a gain is only {p_gain} — below 0.8: the evidence is thin; test it with a holdout instead.",
    },
    "refuse.few_conversions": {
        "ru": "«{channel}»: только {count} конверсий за эти недели, нужно хотя бы {needed} — по ним нельзя судить об отдаче.",
        "en": "“{channel}”: only {count} conversions in these weeks, at least {needed} are needed to judge its return.",
    },
    "refuse.weak_evidence": {
        "ru": "Вероятность выигрыша {p_gain} не выше 0,9, а интервал отношения ROAS каналов ({low}–{high}) "
        "включает 1: разница между каналами может быть случайной — проверьте тестом.",
        "en": "The chance of a gain ({p_gain}) is not above 0.9 and the interval of the channels' ROAS ratio "
        "({low}–{high}) includes 1: the gap between them may be noise — test it with a holdout.",
    },
    "refuse.one_channel": {
        "ru": "Нужны хотя бы два платных канала с расходом, чтобы переносить бюджет.",
        "en": "At least two paid channels with spend are needed to move budget.",
    },
    "refuse.budget_range": {
        "ru": "Бюджет должен быть между {low} и {high} в неделю (±30 % к нынешнему).",
        "en": "The budget must be between {low} and {high} a week (±30 % of today's).",
    },
    "explain.title": {"ru": "Почему метрика изменилась", "en": "Why the KPI moved"},
    "explain.kpi": {"ru": "Метрика", "en": "KPI"},
    "explain.period": {"ru": "Период", "en": "Period"},
    "explain.versus": {"ru": "С чем сравнить", "en": "Compared with"},
    "explain.bad_period": {
        "ru": "Период пишется как 2026-03 (месяц) или 2026-03-02 (понедельник недели).",
        "en": "Write a period as 2026-03 (a month) or 2026-03-02 (a week's Monday).",
    },
    "explain.sentence.up": {
        "ru": "**{kpi}** выросла на {change}: {drivers}.",
        "en": "**{kpi}** rose by {change}: {drivers}.",
    },
    "explain.sentence.down": {
        "ru": "**{kpi}** снизилась на {change}: {drivers}.",
        "en": "**{kpi}** fell by {change}: {drivers}.",
    },
    "explain.sentence.flat": {"ru": "**{kpi}** не изменилась.", "en": "**{kpi}** did not change."},
    "explain.factor.sessions": {"ru": "трафик", "en": "traffic"},
    "explain.factor.conversion": {"ru": "конверсия", "en": "conversion"},
    "explain.factor.aov": {"ru": "средний чек", "en": "order value"},
    "explain.factor.spend": {"ru": "расход", "en": "spend"},
    "explain.factor.cac": {"ru": "стоимость клиента", "en": "acquisition cost"},
    "explain.factor.cr1": {"ru": "конверсия в заявку", "en": "lead conversion"},
    "explain.factor.leads": {"ru": "заявки", "en": "leads"},
    "explain.factor.cr2": {"ru": "конверсия в сделку", "en": "deal conversion"},
    "explain.factor.other": {"ru": "данные без разбивки", "en": "data without a breakdown"},
    "channels.title": {"ru": "Каналы за {period}", "en": "Channels in {period}"},
    "channels.channel": {"ru": "Канал", "en": "Channel"},
    "channels.spend": {"ru": "Расход", "en": "Spend"},
    "channels.revenue": {"ru": "Выручка", "en": "Revenue"},
    "channels.new_customers": {"ru": "Новые клиенты", "en": "New customers"},
    "channels.cac": {"ru": "CAC (95 % интервал)", "en": "CAC (95 % interval)"},
    "channels.conversion": {"ru": "Конверсия (95 % интервал)", "en": "Conversion (95 % interval)"},
    "channels.romi": {"ru": "ROMI", "en": "ROMI"},
    "channels.drr": {"ru": "ДРР", "en": "ACoS"},
    "channels.note": {
        "ru": "В скобках — 95 % интервалы: если интервалы двух каналов перекрываются, данных мало, чтобы назвать лучший.",
        "en": "Brackets hold 95 % intervals: where two channels' intervals overlap, the data cannot yet name the better one.",
    },
}
