"""Strings of step 5, analysis: plan vs actual, explanations, channels, causes."""

from __future__ import annotations

PREFIXES = ("analyse", "explain", "channels", "channel", "verdict", "causes")

STRINGS: dict[str, dict[str, str]] = {
    "analyse.title": {"ru": "Шаг 5. Анализ: план и факт", "en": "Step 5. Analyse: plan vs actual"},
    "analyse.intro": {
        "ru": "Сравниваем факт с планом на сегодня: отклонение в единицах метрики и в процентах.",
        "en": "Actual compared with the plan to date: the variance in the KPI's unit and in percent.",
    },
    "analyse.col_goal": {"ru": "Цель", "en": "Goal"},
    "analyse.col_kpi": {"ru": "Метрика", "en": "KPI"},
    "analyse.col_plan": {"ru": "План на сегодня", "en": "Plan to date"},
    "analyse.col_actual": {"ru": "Факт", "en": "Actual"},
    "analyse.col_variance": {"ru": "Отклонение", "en": "Variance"},
    "analyse.col_variance_pct": {"ru": "Отклонение, %", "en": "Variance, %"},
    "analyse.col_status": {"ru": "Статус", "en": "Status"},
    "analyse.col_target": {"ru": "Целевое значение", "en": "Target"},
    "analyse.worst": {
        "ru": "Сильнее всего отстаёт: {kpi} ({goal}) — {variance} от плана.",
        "en": "Furthest behind plan: {kpi} ({goal}) — {variance} vs plan.",
    },
    "explain.title": {"ru": "Почему метрика изменилась", "en": "Why the KPI moved"},
    "explain.kpi": {"ru": "Метрика", "en": "KPI"},
    "explain.period": {"ru": "Период", "en": "Period"},
    "explain.versus": {"ru": "С чем сравнить", "en": "Compared with"},
    "explain.too_short": {
        "ru": "Для сравнения нужны данные хотя бы за два полных периода ({period}). Загрузите выгрузку подлиннее "
        "или выберите другой период.",
        "en": "A comparison needs data for at least two complete periods ({period}). Upload a longer export "
        "or choose the other period.",
    },
    "explain.sentence.up": {
        "ru": "**{kpi}**: рост на {change} — {drivers}.",
        "en": "**{kpi}** rose by {change}: {drivers}.",
    },
    "explain.sentence.down": {
        "ru": "**{kpi}**: снижение на {change} — {drivers}.",
        "en": "**{kpi}** fell by {change}: {drivers}.",
    },
    "explain.sentence.flat": {"ru": "**{kpi}**: без изменений.", "en": "**{kpi}** did not change."},
    "explain.factor.sessions": {"ru": "трафик", "en": "traffic"},
    "explain.factor.conversion": {"ru": "конверсия", "en": "conversion"},
    "explain.factor.aov": {"ru": "средний чек", "en": "order value"},
    "explain.factor.spend": {"ru": "расход", "en": "spend"},
    "explain.factor.cac": {"ru": "отдача рекламы (цена клиента)", "en": "ad efficiency (cost per customer)"},
    "explain.grain": {"ru": "Сравнивать", "en": "Compare"},
    "explain.factor.cr1": {"ru": "конверсия в заявку", "en": "lead conversion"},
    "explain.factor.leads": {"ru": "заявки", "en": "leads"},
    "explain.factor.cr2": {"ru": "конверсия в сделку", "en": "deal conversion"},
    "explain.factor.other": {"ru": "данные без разбивки", "en": "data without a breakdown"},
    "explain.factor.unpaid": {"ru": "клиенты из бесплатных каналов", "en": "customers from unpaid channels"},
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
    "channel.all": {"ru": "Все каналы", "en": "All channels"},
    "channel.organic": {"ru": "Поиск (органика)", "en": "Organic search"},
    "channel.paid_search": {"ru": "Поисковая реклама", "en": "Paid search"},
    "channel.paid_social": {"ru": "Реклама в соцсетях", "en": "Paid social"},
    "channel.social": {"ru": "Соцсети", "en": "Social"},
    "channel.direct": {"ru": "Прямые заходы", "en": "Direct"},
    "channel.referral": {"ru": "Переходы с сайтов", "en": "Referral"},
    "channel.email": {"ru": "Email-рассылки", "en": "Email"},
    "channel.messenger": {"ru": "Мессенджеры", "en": "Messengers"},
    "channel.display": {"ru": "Медийная реклама", "en": "Display"},
    "channel.internal": {"ru": "Внутренние переходы", "en": "Internal"},
    "channel.other": {"ru": "Другое", "en": "Other"},
    "channels.roas": {"ru": "ROAS (95 % интервал)", "en": "ROAS (95 % interval)"},
    "channels.best": {"ru": "лучший", "en": "best"},
    "channels.worst": {"ru": "худший", "en": "worst"},
    "verdict.ok_cac": {
        "ru": "«{best}» приводит клиентов дешевле, чем «{worst}», и разница больше случайной (точный тест, {p}).",
        "en": "“{best}” acquires customers more cheaply than “{worst}”, beyond the noise (exact test, {p}).",
    },
    "verdict.ok_roas": {
        "ru": "«{best}» возвращает больше на рубль расхода, чем «{worst}», и разница больше случайной (95 % интервал отношения их ROAS: {low}–{high}).",
        "en": "“{best}” returns more per unit of spend than “{worst}”, beyond the noise (95 % interval of their ROAS ratio: {low}–{high}).",
    },
    "verdict.no_evidence": {
        "ru": "Разница между «{best}» и «{worst}» в пределах случайности ({detail}): данных мало, чтобы назвать лучший канал — проверьте тестом, прежде чем переносить деньги.",
        "en": "The gap between “{best}” and “{worst}” is within the noise ({detail}): the data cannot yet name the better channel — test it before moving money.",
    },
    "verdict.too_few": {
        "ru": "Слишком мало клиентов или недель, чтобы сравнивать каналы (нужно хотя бы 10 клиентов в каждом).",
        "en": "Too few customers or weeks to compare channels (at least 10 customers in each are needed).",
    },
    "causes.title": {"ru": "Причины словами метода", "en": "Causes in the method's words"},
    "causes.intro": {
        "ru": "Три причины, которые называет метод: не тот канал, мало бюджета, слабая стратегия.",
        "en": "The three causes the method names: wrong channel, too little budget, weak strategy.",
    },
    "causes.wrong_channel": {
        "ru": "**Не тот канал.** Канал «{channel}» забирает {share} рекламного бюджета, но у этого канала худший {metric} ({value} против {best_value} у канала «{best}»), и разница больше случайной.",
        "en": "**Wrong channel.** “{channel}” takes {share} of the ad budget but has the worst {metric} ({value} against {best_value} at “{best}”), and the gap is beyond the noise.",
    },
    "causes.too_little_budget": {
        "ru": "**Мало бюджета.** Рекламный расход {spend_change} к периоду {versus}, а {metric} почти без изменений ({efficiency_change}): клиентов меньше, потому что меньше денег, а не потому что реклама хуже.",
        "en": "**Too little budget.** Ad spend changed {spend_change} against {versus} while {metric} held ({efficiency_change}): fewer customers came from less money, not from worse ads.",
    },
    "causes.weak_strategy": {
        "ru": "**Слабая стратегия.** Трафик удержался ({traffic_change}), но выручка потеряла {effect} из-за показателя «{factor}»: смотрите сайт, предложение и цены, а не рекламу.",
        "en": "**Weak strategy.** Traffic held ({traffic_change}) but {factor} took {effect} off revenue: look at the site, the offer and prices rather than the ads.",
    },
    "causes.none": {
        "ru": "Между этими периодами ни одна из трёх причин не выделяется.",
        "en": "None of the three causes stands out between these periods.",
    },
    "causes.link_channels": {"ru": "таблица каналов", "en": "channel table"},
    "causes.link_why": {"ru": "водопад причин", "en": "the waterfall"},
    "channels.above_break_even": {"ru": "выше безубыточности", "en": "above break-even"},
}
