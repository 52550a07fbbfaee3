"""Strings of the team page and the workspace settings."""

from __future__ import annotations

PREFIXES = ("team", "settings")

STRINGS: dict[str, dict[str, str]] = {
    "team.title": {"ru": "Команда и отчёты", "en": "Team & reports"},
    "team.intro": {
        "ru": "Кто за какую метрику отвечает, и где она сейчас. Раздайте это команде на планёрке.",
        "en": "Who owns which KPI and where it stands. Share it with the team at the weekly meeting.",
    },
    "team.col_owner": {"ru": "Ответственный", "en": "Owner"},
    "team.download_data": {"ru": "Скачать данные (CSV)", "en": "Download data (CSV)"},
    "team.download_goals": {"ru": "Скачать цели (JSON)", "en": "Download goals (JSON)"},
    "team.unassigned": {"ru": "не назначен", "en": "unassigned"},
    "settings.title": {"ru": "Настройки пространства", "en": "Workspace settings"},
    "settings.currency": {"ru": "Валюта", "en": "Currency"},
    "settings.review": {"ru": "Как часто смотрим", "en": "Review cadence"},
    "settings.margin": {"ru": "Маржинальность, % (для ROMI и ДРР)", "en": "Margin, % (for ROMI and ACoS)"},
    "settings.margin_help": {
        "ru": "Если задана, ROMI считается по валовой прибыли = выручка × маржа. 0 — не задана.",
        "en": "When set, ROMI uses gross profit = revenue × margin. 0 means not set.",
    },
    "settings.vat": {"ru": "Расходы на рекламу указаны с НДС", "en": "Ad spend includes VAT"},
    "settings.alert": {
        "ru": "Порог тревоги: изменение к прошлому периоду, %",
        "en": "Alert threshold: change vs previous period, %",
    },
    "settings.brand": {"ru": "Название бренда для отчётов", "en": "Brand name for reports"},
    "settings.delete": {"ru": "Удалить пространство со всеми данными", "en": "Delete the workspace and all its data"},
    "settings.delete_confirm": {"ru": "Я понимаю, что данные удалятся", "en": "I understand the data will be deleted"},
    "settings.deleted": {"ru": "Пространство удалено.", "en": "Workspace deleted."},
    "settings.vat_help": {
        "ru": "Если выгрузки кабинетов содержат НДС, приложение вычтет его: все расходы показываются без НДС.",
        "en": "When the ad accounts export spend with VAT, the app takes it out: all spend is shown without VAT.",
    },
    "settings.vat_pct": {"ru": "Ставка НДС, %", "en": "VAT rate, %"},
    # which source provides each measure (DESIGN §2): shown when two exports carry the same measure
    "settings.sources": {"ru": "Откуда брать показатели", "en": "Which source provides each measure"},
    "settings.sources_intro": {
        "ru": (
            "Некоторые цифры пришли сразу из нескольких выгрузок — например, визиты из двух систем "
            "аналитики. Складывать их нельзя: всё посчиталось бы дважды. Поэтому каждая цифра берётся "
            "из одной выгрузки — из загруженной первой, если вы не выберете другую. Остальные выгрузки "
            "остаются: их можно сравнить здесь и вернуться к ним в любой момент."
        ),
        "en": (
            "Some numbers came in from more than one export — sessions from two analytics tools, say. "
            "Adding them up would count everything twice, so each number is taken from one export: the "
            "one uploaded first, unless you pick another. The other exports are kept: compare them here "
            "and switch back any time."
        ),
    },
    "settings.sources_one_each": {
        "ru": "Каждый показатель приходит из одной выгрузки — выбирать пока не из чего.",
        "en": "Each measure comes from one export so far: there is nothing to choose.",
    },
    "settings.source_option": {
        "ru": "**{name}** ({kind}) · {period} · всего {total}",
        "en": "**{name}** ({kind}) · {period} · {total} in all",
    },
    "settings.source_first": {"ru": "загружена первой", "en": "uploaded first"},
    "settings.source_uniques": {"ru": "сумма дневных уникальных", "en": "sum of daily uniques"},
    "settings.sources_help": {
        "ru": "«Всего» — сумма всех данных выгрузки за указанные даты, по всем каналам.",
        "en": "“In all” is the sum of all the export's data over those dates, every channel.",
    },
    "settings.sources_changed": {
        "ru": "Пока вы выбирали, данные изменились. Проверьте выбор и сохраните ещё раз.",
        "en": "The data changed while you were choosing. Check the choice and save again.",
    },
    "settings.kind.file": {"ru": "таблица", "en": "spreadsheet"},
    "settings.kind.demo": {"ru": "демо-данные", "en": "demo data"},
    # the exports' own names as a Russian user knows them; the others keep the brand's spelling
    "settings.preset.yandex_metrica": {"ru": "Яндекс Метрика", "en": "Yandex.Metrica"},
    "settings.preset.yandex_metrica_api": {"ru": "Яндекс Метрика", "en": "Yandex.Metrica API"},
    "settings.preset.yandex_direct": {"ru": "Яндекс Директ", "en": "Yandex.Direct"},
    "settings.preset.vk_ads": {"ru": "VK Реклама", "en": "VK Ads"},
    "settings.preset.bitrix24": {"ru": "Битрикс24", "en": "Bitrix24"},
}
