"""Strings of step 6, adjusting: budget advice, what-if, action effects, target revisions."""

from __future__ import annotations

PREFIXES = ("adjust", "advice", "whatif", "effect", "revision", "note", "refuse")

STRINGS: dict[str, dict[str, str]] = {
    "adjust.title": {"ru": "Шаг 6. Корректировка", "en": "Step 6. Adjust"},
    "adjust.intro": {
        "ru": "Записывайте каждое изменение: перенос бюджета, новый лендинг, акцию. Так потом видно, что сработало.",
        "en": "Log every change: a budget move, a new landing page, a promotion. Later you can see what worked.",
    },
    "adjust.log": {"ru": "Журнал действий", "en": "Action log"},
    "adjust.add": {"ru": "Записать действие", "en": "Log an action"},
    "adjust.date": {"ru": "Дата", "en": "Date"},
    "adjust.what": {"ru": "Что изменили", "en": "What changed"},
    "adjust.goal": {"ru": "Связанная цель", "en": "Linked goal"},
    "adjust.kpi": {"ru": "Метрика", "en": "KPI"},
    "adjust.expected": {"ru": "Ожидаемый эффект", "en": "Expected effect"},
    "adjust.err_what": {"ru": "Опишите, что изменили.", "en": "Describe what was changed."},
    "adjust.none": {"ru": "Действий пока нет.", "en": "No actions yet."},
    "adjust.no_goal": {"ru": "— без цели —", "en": "— no goal —"},
    "adjust.added": {"ru": "Действие записано.", "en": "Action logged."},
    "refuse.few_weeks": {
        "ru": "«{channel}»: недель с расходом {weeks}, нужно хотя бы {needed} — копите историю или проведите тест.",
        "en": "“{channel}”: {weeks} weeks with spend, at least {needed} are needed — gather history, or check a move for real (below).",
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
        "ru": "Вероятность выигрыша только {p_gain} — нужно хотя бы 80 %: на неделях, не вошедших в расчёт, перенос слишком часто терял деньги.",
        "en": "The chance of a gain is only {p_gain} — at least 80% is needed: on the weeks the calculation did not use, the move lost money too often.",
    },
    "refuse.few_conversions": {
        "ru": "«{channel}»: только {count} конверсий за эти недели, нужно хотя бы {needed} — по ним нельзя судить об отдаче.",
        "en": "“{channel}”: only {count} conversions in these weeks, at least {needed} are needed to judge its return.",
    },
    "refuse.noisy": {
        "ru": "«{channel}»: недельные цифры слишком шумные, чтобы отличить отдачу каналов: кривая, подобранная по одним неделям, объясняет лишь {share} % разброса выручки в других (нужно хотя бы {needed} %).",
        "en": "“{channel}”: the weekly numbers are too noisy to tell the channels apart: a curve fitted on some weeks explains only {share} % of the revenue's swings in the others (at least {needed} % is needed).",
    },
    "refuse.marginal_unclear": {
        "ru": "Не видно, что дополнительный рубль в «{gainer}» приносит больше, чем в «{loser}»: при нынешних расходах их отдача на последний рубль может быть одинаковой — переносить нечего.",
        "en": "It is not clear that extra money in “{gainer}” returns more than in “{loser}”: at today's spend the last unit of money may return the same in both — there is nothing to move.",
    },
    "refuse.no_safe_move": {
        "ru": "Даже небольшой перенос бюджета может дать минус: больше чем в 1 случае из 10 он теряет деньги.",
        "en": "Even a small move may lose: it loses money in more than 1 case in 10.",
    },
    "refuse.one_channel": {
        "ru": "Нужны хотя бы два платных канала с расходом, чтобы переносить бюджет.",
        "en": "At least two paid channels with spend are needed to move budget.",
    },
    "refuse.budget_range": {
        "ru": "Бюджет должен быть между {low} и {high} в неделю (±30 % к нынешнему).",
        "en": "The budget must be between {low} and {high} a week (±30 % of today's).",
    },
    "note.vat_out": {
        "ru": "Расходы без НДС (выгружены с НДС {vat}).",
        "en": "Spend without VAT (imported with VAT {vat}).",
    },
    "note.vat_none": {
        "ru": "Расходы — как в выгрузках, без пересчёта НДС.",
        "en": "Spend as imported, no VAT taken out.",
    },
    "note.margin": {
        "ru": "ROMI считается по валовой прибыли (маржа {margin}); ДРР безубыточности = {margin}.",
        "en": "ROMI is on gross profit (margin {margin}); break-even ACoS = {margin}.",
    },
    "note.no_margin": {
        "ru": "Маржа не задана: ROMI считается по выручке, линии безубыточности нет (Настройки).",
        "en": "No margin set: ROMI is on revenue and there is no break-even line (Settings).",
    },
    "note.break_even": {"ru": "безубыточность", "en": "break-even"},
    "advice.title": {"ru": "Куда перенести бюджет", "en": "Where the budget should go"},
    "advice.ok": {
        "ru": "Совет: {moves}. Ожидаемо {gain} выручки в неделю (по кривым в 9 случаях из 10 — не меньше {low}). Вероятность выигрыша {p_gain}: так часто перенос окупался на неделях, не вошедших в расчёт.",
        "en": "Advice: {moves}. Expected {gain} revenue a week (by the curves, at least {low} in 9 cases out of 10). Chance of a gain {p_gain}: how often the move paid on weeks the calculation did not use.",
    },
    "advice.move": {"ru": "«{channel}» {before} → {after} в неделю", "en": "“{channel}” {before} → {after} a week"},
    "advice.refused": {
        "ru": "Совет не даём — данные его не подтверждают:",
        "en": "No advice — the data does not support one:",
    },
    "advice.holdout": {
        "ru": "Как получить доказательства: на 2–4 недели отключите или урежьте один канал в части регионов (или в чередующиеся недели) и сравните с остальными.",
        "en": "How to get evidence: for 2–4 weeks switch off or cut one channel in some regions (or in alternate weeks) and compare with the rest.",
    },
    "advice.holdout_plan": {
        "ru": "Как проверить на деле: в течение {weeks} чередуйте блоки по {block} — в одних переложите {move} в неделю из «{loser}» в «{gainer}», в других оставьте как сейчас. Первую неделю каждого блока не считайте: в ней ещё работает реклама прошлого блока. Если в остальные недели с переносом выручка в среднем выше хотя бы на {threshold} в неделю, перенос работает; если разница меньше, оставьте бюджет как есть.",
        "en": "How to check it for real: for {weeks}, alternate blocks of {block} — in some, move {move} a week from “{loser}” to “{gainer}”; in the others, keep things as they are. Do not count the first week of each block: the previous block's ads still work in it. If revenue in the other weeks with the move is higher on average by at least {threshold} a week, the move works; if the difference is smaller, keep the budget as it is.",
    },
    "advice.carry": {
        "ru": "«{channel}»: рубль, потраченный на этой неделе, продолжает приносить продажи ещё около {weeks}.",
        "en": "“{channel}”: money spent this week keeps bringing sales for about {weeks} more.",
    },
    "advice.same_week": {
        "ru": "«{channel}»: отдача приходит в ту же неделю, что и расход.",
        "en": "“{channel}”: sales arrive in the same week as the spend.",
    },
    "advice.assumptions": {
        "ru": "Для каждого канала по {weeks} неделям строим кривую: сколько выручки в неделю приносит его недельный расход. В ней учтено, что реклама продаёт и в следующие недели, и что продажи растут или падают сами по себе (магазин растёт, бывает сезон). Чем больше денег в канале, тем меньше приносит каждый следующий рубль, поэтому деньги стоит переносить туда, где следующий рубль приносит больше. Бюджет канала меняем не больше чем на 30\u00a0% от нынешнего (средний расход за {recent}) и не выходим за расходы, которые у канала уже были. Кривые слегка притянуты к общей отдаче всех каналов ({blended} выручки на рубль расхода).",
        "en": "For each channel we draw a curve from {weeks} weeks: how much revenue a week its weekly spend brings. It allows for ads that keep selling in the weeks after, and for sales that grow or fall on their own (a growing shop, a season). The more money a channel gets, the less each extra unit of it brings, so money should go where the next unit brings more. A channel's budget changes by 30% of today's at most (its mean spend over {recent}) and stays within the spend the channel has had. The curves are pulled a little towards the return of all channels together ({blended} of revenue per unit of spend).",
    },
    "advice.checks": {
        "ru": "Проверка: тот же расчёт повторяем {runs} раз на случайно выбранных кусках истории по 6 недель (куски могут повторяться). Перенос уменьшаем, пока по кривым этих расчётов он не даёт плюс в 9 случаях из 10. Затем каждый расчёт заново делит бюджет, и его совет проверяем на неделях, которые в этот расчёт не попали: доля проверок, где перенос окупился, — «вероятность выигрыша»; там, где переносить нечего, она около 50\u00a0% и ниже. Совет даём, только если следующий рубль в канале, куда идут деньги, приносит больше в 19 расчётах из 20, а вероятность выигрыша не ниже 80\u00a0%. Полосы на графике — разброс расчётов. Выручку по каналам приписывают сами площадки, поэтому это связь, а не доказательство: надёжнее всего — проверка на деле.",
        "en": "Checks: the same calculation is repeated {runs} times on randomly chosen 6-week pieces of the history (a piece may come up twice). The move is shrunk until, by those calculations' curves, it gains in 9 cases out of 10. Then each calculation splits the budget again, and its advice is checked on the weeks it did not use: the share of checks where the move paid is the “chance of a gain”; where there is nothing to move it is about 50% or less. We advise a move only when the next unit of money brings more where it goes in 19 calculations of 20 and the chance of a gain is at least 80%. The bands on the chart are the calculations' spread. Revenue per channel is as the ad platforms attribute it: association, not proof — checking a move for real is surest.",
    },
    "whatif.title": {"ru": "Что если… (симулятор)", "en": "What if… (simulator)"},
    "whatif.intro": {
        "ru": "Двигайте недельные бюджеты каналов — ниже видно, что будет с выручкой и с каждой целью.",
        "en": "Move each channel's weekly budget — below you see what happens to revenue and to every goal.",
    },
    "whatif.keep_total": {"ru": "Сохранять общий бюджет", "en": "Keep the total budget"},
    "whatif.spend": {"ru": "«{channel}», в неделю", "en": "“{channel}”, a week"},
    "whatif.reset_advice": {"ru": "Как в совете", "en": "As advised"},
    "whatif.reset_current": {"ru": "Как сейчас", "en": "As now"},
    "whatif.total": {"ru": "Бюджет в неделю", "en": "Weekly budget"},
    "whatif.revenue": {"ru": "Изменение выручки в неделю", "en": "Revenue change a week"},
    "whatif.band": {"ru": "90 % диапазон: {low} … {high}", "en": "90 % range: {low} … {high}"},
    "whatif.p_gain": {"ru": "Вероятность выигрыша", "en": "Chance of a gain"},
    "whatif.outside": {
        "ru": "«{channel}»: такого расхода в истории не было — кривая здесь продолжена, а не измерена.",
        "en": "“{channel}”: the history never had this spend — the curve is extended here, not measured.",
    },
    "whatif.curves": {"ru": "Кривые отдачи", "en": "Response curves"},
    "whatif.axis_spend": {"ru": "Расход в неделю", "en": "Spend a week"},
    "whatif.axis_revenue": {"ru": "Выручка в неделю", "en": "Revenue a week"},
    "whatif.point_now": {"ru": "сейчас", "en": "now"},
    "whatif.point_plan": {"ru": "план", "en": "plan"},
    "whatif.followers": {
        "ru": "Визиты, клики, заказы, покупатели, новые клиенты, заявки и сделки меняются пропорционально выручке канала (по его последним неделям).",
        "en": "Visits, clicks, orders, buyers, new customers, leads and won deals change in proportion to each channel's revenue (its recent weeks).",
    },
    "whatif.goals": {"ru": "Что будет с целями", "en": "What happens to the goals"},
    "whatif.col_goal": {"ru": "Цель", "en": "Goal"},
    "whatif.col_kpi": {"ru": "Метрика", "en": "KPI"},
    "whatif.col_target": {"ru": "Цель по метрике", "en": "Target"},
    "whatif.col_projection": {"ru": "Прогноз: сейчас → с изменением", "en": "Projected: now → with the move"},
    "whatif.col_status": {"ru": "Статус сейчас", "en": "Status now"},
    "whatif.col_status_after": {"ru": "Статус с изменением", "en": "Status with the move"},
    "whatif.status_change": {
        "ru": "«{kpi}» ({goal}): прогноз {before} → {after}; {status_before} → {status_after}.",
        "en": "“{kpi}” ({goal}): projected {before} → {after}; {status_before} → {status_after}.",
    },
    "whatif.no_status_change": {
        "ru": "С таким распределением ни одна цель не меняет статус.",
        "en": "With this split no goal changes its status.",
    },
    "whatif.no_goals": {
        "ru": "Целей пока нет — задайте их на шаге 1, чтобы видеть, как бюджет меняет их прогноз.",
        "en": "No goals yet — set them in step 1 to see how the budget changes their projection.",
    },
    "whatif.apply": {"ru": "Применить и записать в журнал", "en": "Apply and log it"},
    "whatif.apply_help": {
        "ru": "Бюджеты в кабинетах меняете вы; здесь изменение записывается в журнал с ожидаемым эффектом.",
        "en": "You change the budgets in the ad accounts; this logs the move with its expected effect.",
    },
    "whatif.confirm": {
        "ru": "По расчёту этот перенос не окупается: {gain} выручки в неделю, вероятность выигрыша {p_gain}. "
        "Записать его всё равно?",
        "en": "By the estimate this move does not pay: {gain} of revenue a week, chance of a gain {p_gain}. "
        "Log it anyway?",
    },
    "whatif.confirm_yes": {"ru": "Да, записать", "en": "Yes, log it"},
    "whatif.confirm_no": {"ru": "Нет, оставить как есть", "en": "No, keep the budgets"},
    "whatif.better_yet_less": {
        "ru": "Статусы ниже улучшаются, но выручка при этом падает на {revenue} в неделю.",
        "en": "The statuses below improve, but revenue falls by {revenue} a week.",
    },
    "whatif.nothing": {"ru": "Бюджеты не изменены — записывать нечего.", "en": "No budget changed — nothing to log."},
    "whatif.applied": {"ru": "Изменение бюджета записано в журнал.", "en": "The budget move is in the action log."},
    "whatif.action": {"ru": "Перенос бюджета: {moves}", "en": "Budget move: {moves}"},
    "whatif.action_effect": {
        "ru": "{gain} выручки в неделю (90 %: {low} … {high}), вероятность выигрыша {p_gain}",
        "en": "{gain} revenue a week (90 %: {low} … {high}), chance of a gain {p_gain}",
    },
    "adjust.channels": {"ru": "Каких каналов это касается", "en": "Channels it touched"},
    "effect.did": {
        "ru": "против нетронутых каналов: {per_day} в день",
        "en": "against the untouched channels: {per_day} a day",
    },
    "effect.untrusted": {"ru": "не доверяйте оценке: ", "en": "do not trust it: "},
    "effect.title": {"ru": "Сработало ли?", "en": "Did it work?"},
    "effect.measured": {
        "ru": "{total} за {days} дн. ({per_day} в день; 95 %: {low} … {high})",
        "en": "{total} over {days} days ({per_day} a day; 95 %: {low} … {high})",
    },
    "effect.measured_level": {
        "ru": "{per_day} в среднем за {days} дн. (95 %: {low} … {high})",
        "en": "{per_day} on average over {days} days (95 %: {low} … {high})",
    },
    "effect.wait": {"ru": "Подождите ещё {days} дн.", "en": "Wait {days} more days"},
    "effect.none": {"ru": "Нет метрики или данных", "en": "No KPI or data"},
    "effect.method": {"ru": "Как считается эффект", "en": "How the effect is measured"},
    "advice.method": {"ru": "Как посчитан совет", "en": "How the advice is computed"},
    "effect.note": {
        "ru": "Эффект = факт минус прогноз по тренду и дням недели до действия; проверка «плацебо» на датах, когда ничего не меняли. Если причина указана, оценке не стоит верить.",
        "en": "Effect = actual minus the forecast from the trend and weekdays before the action; a placebo check runs at dates when nothing changed. Where a reason is given, do not trust the estimate.",
    },
    "effect.short_pre": {
        "ru": "мало данных до действия (нужно не меньше 4 недель и трёх длин периода после)",
        "en": "too little data before the action (at least 4 weeks and three times the period after)",
    },
    "effect.short_post": {"ru": "после действия меньше 2 недель", "en": "less than 2 weeks after the action"},
    "effect.poor_fit": {
        "ru": "тренд до действия плохо описывает данные",
        "en": "the trend before the action fits the data poorly",
    },
    "effect.placebo": {
        "ru": "такие же «эффекты» видны и в даты, когда ничего не меняли",
        "en": "effects as large show up at dates when nothing changed",
    },
    "revision.title": {"ru": "Пересмотр целей", "en": "Target revisions"},
    "revision.intro": {
        "ru": "Меняйте цель, только когда изменились условия, и записывайте почему — иначе цель теряет смысл.",
        "en": "Change a target only when the conditions changed, and write down why — or the target means nothing.",
    },
    "revision.kpi": {"ru": "Цель и метрика", "en": "Goal and KPI"},
    "revision.new_target": {"ru": "Новое значение цели", "en": "New target"},
    "revision.who": {"ru": "Кто меняет", "en": "Who changes it"},
    "revision.why": {"ru": "Почему", "en": "Why"},
    "revision.save": {"ru": "Изменить цель", "en": "Change the target"},
    "revision.err_why": {"ru": "Напишите, кто и почему меняет цель.", "en": "Say who changes the target and why."},
    "revision.err_same": {"ru": "Новое значение совпадает с нынешним.", "en": "The new target equals the current one."},
    "revision.saved": {"ru": "Цель изменена, пересмотр записан.", "en": "Target changed; the revision is recorded."},
    "revision.none": {"ru": "Цели ещё не пересматривали.", "en": "No target has been revised yet."},
    "revision.col_when": {"ru": "Когда", "en": "When"},
    "revision.col_change": {"ru": "Было → стало", "en": "From → to"},
}
