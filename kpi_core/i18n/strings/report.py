"""Strings of what leaves the app: the data table for people and the Excel report."""

from __future__ import annotations

PREFIXES = ("report", "table", "backup")

STRINGS: dict[str, dict[str, str]] = {
    "table.date": {"ru": "Дата", "en": "Date"},
    "table.to": {"ru": "По", "en": "To"},
    "table.channel": {"ru": "Канал", "en": "Channel"},
    "report.sheet_cover": {"ru": "Сводка", "en": "Summary"},
    "report.sheet_channels": {"ru": "Каналы", "en": "Channels"},
    "report.sheet_data": {"ru": "Данные", "en": "Data"},
    "report.sheet_definitions": {"ru": "Определения", "en": "Definitions"},
    "report.as_of": {"ru": "Отчёт на", "en": "Report as of"},
    "report.period": {"ru": "Период данных", "en": "Data period"},
    "report.scorecard": {"ru": "Цели и метрики", "en": "Goals and KPIs"},
    "report.no_goals": {"ru": "Целей пока нет.", "en": "No goals yet."},
    "report.window": {"ru": "Период цели", "en": "Goal period"},
    "report.by_month": {
        "ru": "{kpi}: факт и план на конец каждого месяца",
        "en": "{kpi}: actual and plan at the end of each month",
    },
    "report.col_goal": {"ru": "Цель", "en": "Goal"},
    "report.col_kpi": {"ru": "Метрика", "en": "KPI"},
    "report.col_owner": {"ru": "Ответственный", "en": "Owner"},
    "report.col_target": {"ru": "Целевое значение", "en": "Target"},
    "report.col_actual": {"ru": "Факт", "en": "Actual"},
    "report.col_expected": {"ru": "План на сегодня", "en": "Plan to date"},
    "report.col_projected": {"ru": "Прогноз к сроку", "en": "Projected"},
    "report.col_status": {"ru": "Статус", "en": "Status"},
    "report.col_reason": {"ru": "Почему", "en": "Why"},
    "report.col_month_end": {"ru": "На дату", "en": "As of"},
    "report.col_plan": {"ru": "План", "en": "Plan"},
    "report.col_definition": {"ru": "Что это", "en": "What it is"},
    "report.col_formula": {"ru": "Как считается", "en": "How it is computed"},
    "report.ch_channel": {"ru": "Канал", "en": "Channel"},
    "report.ch_spend": {"ru": "Расход", "en": "Spend"},
    "report.ch_revenue": {"ru": "Выручка", "en": "Revenue"},
    "report.ch_new_customers": {"ru": "Новые клиенты", "en": "New customers"},
    "report.ch_cac": {"ru": "CAC", "en": "CAC"},
    "report.ch_cac_low": {"ru": "CAC, нижняя граница (95\xa0%)", "en": "CAC, low (95%)"},
    "report.ch_cac_high": {"ru": "CAC, верхняя граница (95\xa0%)", "en": "CAC, high (95%)"},
    "report.ch_romi": {"ru": "ROMI", "en": "ROMI"},
    "report.ch_drr": {"ru": "ДРР", "en": "ACoS"},
    "report.ch_roas": {"ru": "ROAS", "en": "ROAS"},
    "report.ch_roas_low": {"ru": "ROAS, нижняя граница (95\xa0%)", "en": "ROAS, low (95%)"},
    "report.ch_roas_high": {"ru": "ROAS, верхняя граница (95\xa0%)", "en": "ROAS, high (95%)"},
    "report.ch_window": {"ru": "Каналы за {period}", "en": "Channels over {period}"},
    "report.download": {"ru": "Скачать отчёт (Excel)", "en": "Download the report (Excel)"},
    "backup.too_big": {
        "ru": "После распаковки файл слишком велик для резервной копии KPI Pilot: это не она.",
        "en": "Unpacked, the file is too big for a KPI Pilot backup: it is not one.",
    },
    "backup.not_ours": {
        "ru": "Этот zip — не резервная копия KPI Pilot: выберите файл, сделанный кнопкой «Сделать копию».",
        "en": "This zip is not a KPI Pilot backup: choose a file made by “Back up”.",
    },
    "backup.newer": {
        "ru": "Копия сделана более новой версией KPI Pilot: обновите приложение и восстановите её снова.",
        "en": "The backup was made by a newer version of KPI Pilot: update the app, then restore it.",
    },
    "backup.no_tables": {
        "ru": "Оглавление копии повреждено: сделайте копию заново.",
        "en": "The backup's manifest is damaged: make the backup again.",
    },
    "backup.broken_zip": {
        "ru": "Файл — не целая копия (zip повреждён или обрезан): сделайте копию заново.",
        "en": "The file is not a whole backup (a damaged or cut-off zip): make the backup again.",
    },
    "backup.damaged": {
        "ru": "Содержимое копии повреждено: сделайте копию заново.",
        "en": "The backup's contents are damaged: make the backup again.",
    },
    "backup.no_workspace": {
        "ru": "В копии нет пространства: сделайте копию заново.",
        "en": "The backup holds no workspace: make the backup again.",
    },
    "backup.missing": {
        "ru": "Копия неполная: в ней не хватает части данных. Сделайте копию заново.",
        "en": "The backup is incomplete: part of the data is missing. Make the backup again.",
    },
    "backup.tampered": {
        "ru": "Копию изменили после того, как её сделали (контрольные суммы не сходятся): восстановите нетронутую копию.",
        "en": "The backup was changed after it was made (its checksums do not match): restore an untouched copy.",
    },
    "backup.count": {
        "ru": "В копии не столько строк, сколько указано в её оглавлении: сделайте копию заново.",
        "en": "The backup does not hold the rows its manifest counts: make the backup again.",
    },
    "backup.dangling": {
        "ru": "В копии есть ссылка на запись, которой в ней нет: сделайте копию заново.",
        "en": "The backup points at a record it does not hold: make the backup again.",
    },
    "backup.name_taken": {
        "ru": "Пространство «{name}» уже есть: восстановите копию под другим именем.",
        "en": "A workspace named “{name}” already exists: restore the backup under another name.",
    },
    "backup.no_name": {"ru": "Дайте восстановленному пространству имя.", "en": "Give the restored workspace a name."},
    "backup.long_name": {
        "ru": "Имя пространства — не длиннее 120 символов.",
        "en": "A workspace's name is at most 120 characters.",
    },
    "backup.title": {"ru": "Резервная копия", "en": "Backup"},
    "backup.intro": {
        "ru": "Копия хранит всё пространство: данные, источники, загрузки (и их отмену), цели, планы, действия, свои метрики и настройки. Из неё можно восстановить пространство здесь или на другом сервере.",
        "en": "A backup keeps the whole workspace: data, sources, imports (and their undo), goals, plans, actions, your own KPIs and settings. It restores the workspace here or on another server.",
    },
    "backup.download": {"ru": "Сделать копию (zip)", "en": "Back up (zip)"},
    "backup.file": {"ru": "Файл копии", "en": "Backup file"},
    "backup.as": {"ru": "Имя восстановленного пространства", "en": "Name of the restored workspace"},
    "backup.as_help": {
        "ru": "Пусто — имя из копии. Пространство с таким именем не должно существовать.",
        "en": "Empty: the name in the backup. No workspace may have that name already.",
    },
    "backup.restore": {"ru": "Восстановить", "en": "Restore"},
    "backup.choose": {"ru": "Выберите файл копии (.zip).", "en": "Choose a backup file (.zip)."},
    "backup.restored": {
        "ru": "Пространство «{name}» восстановлено и открыто.",
        "en": "Workspace “{name}” restored and opened.",
    },
}
