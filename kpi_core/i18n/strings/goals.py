"""Strings of step 1, goals, and of the SMART check."""

from __future__ import annotations

PREFIXES = ("goals", "smart", "per")

STRINGS: dict[str, dict[str, str]] = {
    "goals.title": {"ru": "Шаг 1. Цели", "en": "Step 1. Goals"},
    "goals.intro": {
        "ru": "Хорошая цель конкретна, измерима и ограничена сроком: «Привлечь 100 новых клиентов за 3 месяца».",
        "en": "A good goal is specific, measurable and time-bound: “Win 100 new customers in 3 months”.",
    },
    "goals.new": {"ru": "Новая цель", "en": "New goal"},
    "goals.edit": {"ru": "Изменить цель", "en": "Edit goal"},
    "goals.field_title": {"ru": "Формулировка цели", "en": "Goal"},
    "goals.field_objective": {"ru": "Направление", "en": "Objective"},
    "goals.field_start": {"ru": "Начало", "en": "Start"},
    "goals.field_deadline": {"ru": "Срок", "en": "Deadline"},
    "goals.field_owner": {"ru": "Ответственный", "en": "Owner"},
    "goals.field_kpi": {"ru": "Главная метрика", "en": "Main KPI"},
    "goals.field_kind": {"ru": "Тип цели", "en": "Target kind"},
    "goals.field_target": {"ru": "Целевое значение", "en": "Target"},
    "goals.create": {"ru": "Сохранить цель", "en": "Save goal"},
    "goals.created": {
        "ru": "Цель сохранена. Дальше — выберите для неё 3–5 метрик на шаге «2. Метрики».",
        "en": "Goal saved. Next, pick its 3–5 metrics on step “2. Metrics”.",
    },
    "goals.none": {"ru": "Целей пока нет — поставьте первую ниже.", "en": "No goals yet — add the first one below."},
    "goals.kpis": {"ru": "Метрики и цели", "en": "KPIs and targets"},
    "goals.deleted": {"ru": "Цель удалена.", "en": "Goal deleted."},
    "goals.period": {"ru": "{start} — {deadline}", "en": "{start} — {deadline}"},
    "goals.field_minimum": {"ru": "Минимум", "en": "Minimum"},
    "goals.field_stretch": {"ru": "Амбициозно", "en": "Stretch"},
    "goals.placeholder": {"ru": "Например: Увеличить онлайн-продажи на 20%", "en": "E.g. Increase online sales by 20%"},
    "goals.target_help": {
        "ru": "Для «Изменение» — проценты (20 = +20 %, −10 = −10 %). Для доли — процентные пункты (2,5 = 2,5 %).",
        "en": "For “Change”, percent (20 = +20 %, −10 = −10 %). For rates, percent points (2.5 = 2.5 %).",
    },
    "goals.err_title": {"ru": "Сформулируйте цель одной фразой.", "en": "Write the goal as one sentence."},
    "goals.err_dates": {"ru": "Срок должен быть позже начала.", "en": "The deadline must come after the start."},
    "goals.err_target": {"ru": "Укажите целевое значение для «{kpi}».", "en": "Enter a target for “{kpi}”."},
    "goals.confirm_delete": {"ru": "Да, удалить эту цель", "en": "Yes, delete this goal"},
    "goals.sentence": {
        "ru": "Напишите цель одной фразой — мы заполним форму",
        "en": "Write the goal in one sentence — we fill in the form",
    },
    "goals.read": {"ru": "Разобрать фразу", "en": "Read the sentence"},
    "goals.points_level": {
        "ru": "«+{points} п.п.» — это прибавка к нынешнему значению: сейчас {now}, цель — {target}. "
        "Цель записана как уровень, его можно поправить.",
        "en": "“+{points} points” adds to today's value: now {now}, so the target is {target}. "
        "It is set as a level you can edit.",
    },
    "goals.points_no_data": {
        "ru": "«{points} п.п.» прибавляются к нынешнему значению «{kpi}», а данных за время до цели нет: "
        "впишите целевой уровень сами или загрузите данные.",
        "en": "“{points} points” add to today's “{kpi}”, and there is no data before the goal: "
        "type the target level yourself or upload data.",
    },
    "goals.per_other_period": {
        "ru": "В фразе значение за {per}, а цели сверяются по периоду «{review}»: "
        "пересчитайте цель на этот период или смените период сверки в настройках.",
        "en": "The sentence gives a value per {per}, and goals are reviewed per {review}: "
        "restate the target for that period or change the review period in Settings.",
    },
    "per.day": {"ru": "день", "en": "day"},
    "per.week": {"ru": "неделю", "en": "week"},
    "per.month": {"ru": "месяц", "en": "month"},
    "goals.unreadable": {
        "ru": "Не получилось разобрать фразу. Попробуйте так: «{example}».",
        "en": "Could not read that sentence. Try e.g. “{example}”.",
    },
    "goals.field_why": {
        "ru": "Почему меняется цель (нужно, если вы меняете значение цели)",
        "en": "Why the target changes (needed when you change a target)",
    },
    "goals.err_why": {
        "ru": "Вы изменили значение цели: укажите, кто меняет и почему — это попадёт в историю изменений.",
        "en": "You changed a target: say who changes it and why — it goes into the history of changes.",
    },
    "goals.bad_date": {
        "ru": "Такой даты нет: {date}. Проверьте день и месяц.",
        "en": "There is no such date as {date}. Check the day and the month.",
    },
    "goals.templates": {"ru": "Или начните с примера:", "en": "Or start from an example:"},
    "goals.template.sales": {"ru": "Онлайн-продажи +20 %", "en": "Online sales +20 %"},
    "goals.template.customers": {"ru": "100 новых клиентов за 3 месяца", "en": "100 new customers in 3 months"},
    "goals.template.traffic": {"ru": "Трафик сайта +50 %", "en": "Site traffic +50 %"},
    "goals.template.awareness": {"ru": "Узнаваемость: охват ×2", "en": "Awareness: reach ×2"},
    "goals.template.service": {"ru": "Сервис: ответ за 15 минут", "en": "Service: reply in 15 minutes"},
    "goals.smart": {"ru": "Проверка по SMART", "en": "SMART check"},
    "goals.duplicate": {"ru": "Скопировать", "en": "Duplicate"},
    "goals.duplicated": {"ru": "Копия цели создана.", "en": "The goal was duplicated."},
    "goals.copy_of": {"ru": "{title} (копия)", "en": "{title} (copy)"},
    "goals.archive": {"ru": "В архив", "en": "Archive"},
    "goals.archived": {"ru": "Цель в архиве.", "en": "Goal archived."},
    "goals.restore": {"ru": "Вернуть из архива", "en": "Restore"},
    "goals.archived_list": {"ru": "Архив целей", "en": "Archived goals"},
    "goals.smart_empty": {
        "ru": "Заполните цель — здесь появится проверка по каждой букве SMART.",
        "en": "Fill in the goal and each SMART letter is checked here.",
    },
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
        "ru": "Реалистично: метрике «{kpi}» нужно меняться на {needed} в месяц, а в лучшие месяцы прошлого "
        "(1 из 10) изменение доходило до {p90}.",
        "en": "Realistic: “{kpi}” needs {needed} a month; in its best months of the past (1 in 10) it changed by {p90}.",
    },
    "smart.a_easy": {
        "ru": "Слишком легко: цель «{kpi}» ниже того, что уже есть ({needed} в месяц к нынешнему) — "
        "она будет достигнута без усилий; поднимите цель.",
        "en": "Too easy: the “{kpi}” target is below what you already do ({needed} a month against now) — "
        "it will be reached with no effort; raise the target.",
    },
    "smart.a_warn": {
        "ru": "Амбициозно: метрике «{kpi}» нужно меняться на {needed} в месяц, а в лучшие месяцы прошлого "
        "(1 из 10) изменение доходило только до {p90}.",
        "en": "Ambitious: “{kpi}” needs {needed} a month; in its best months of the past (1 in 10) it changed by only {p90}.",
    },
    "smart.a_fail": {
        "ru": "Нереалистично: метрике «{kpi}» нужно меняться на {needed} в месяц — больше чем вдвое от {p90} "
        "в лучшие месяцы прошлого (1 из 10).",
        "en": "Unrealistic: “{kpi}” needs {needed} a month — over twice the {p90} of its best months in the past (1 in 10).",
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
    "goals.moved_onto_data": {
        "ru": "Данные заканчиваются {data_end}, поэтому цель начинается {start}: так её статус виден по вашим "
        "данным. Загрузите свежую выгрузку — и сдвиньте начало на сегодня.",
        "en": "The data ends on {data_end}, so the goal starts on {start}: its status then shows on your data. "
        "Upload a fresh export and move the start to today.",
    },
}
