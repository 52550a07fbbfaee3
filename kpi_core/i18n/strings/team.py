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
}
