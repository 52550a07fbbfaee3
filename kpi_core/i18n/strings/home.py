"""Strings of the start page."""

from __future__ import annotations

PREFIXES = ("home",)

STRINGS: dict[str, dict[str, str]] = {
    "home.title": {"ru": "KPI Pilot — маркетинг по цифрам", "en": "KPI Pilot — marketing by the numbers"},
    "home.pitch": {
        "ru": "KPI Pilot проводит вас по проверенному методу: поставить цели по SMART, выбрать 3–5 метрик и подключить выгрузки, которые у вас уже есть. Каждую неделю вы видите, идёт ли план, и почему метрика отстаёт. А в конце — совет, куда перенести бюджет, чтобы он работал лучше.",
        "en": "KPI Pilot walks you through a proven method: set SMART goals, pick 3–5 metrics and connect the exports you already have. Every week you see whether the plan holds and why a metric lags. Then it advises where to move budget so it works harder.",
    },
    "home.start": {"ru": "Начать со своего бизнеса", "en": "Start with my business"},
    "home.demo": {"ru": "Загрузить демо", "en": "Load demo"},
    "home.demo_help": {
        "ru": "Интернет-магазин с данными за 18 месяцев, тремя целями и журналом действий.",
        "en": "An online shop with 18 months of data, three goals and an action log.",
    },
    "home.demo_loaded": {
        "ru": "Демо загружено: откройте «4. Мониторинг», чтобы увидеть цели.",
        "en": "Demo loaded: open “4. Monitor” to see its goals.",
    },
    "home.name_empty": {"ru": "Введите название бизнеса.", "en": "Enter the business name."},
    "home.name_taken": {
        "ru": "Пространство «{name}» уже есть: выберите его слева или введите другое название.",
        "en": "A workspace named “{name}” already exists: pick it on the left or enter another name.",
    },
    "home.demo_loading": {"ru": "Создаём демо-магазин…", "en": "Building the demo shop…"},
    "home.demo_name": {"ru": "Демо-магазин", "en": "Demo shop"},
    "home.demo_source": {"ru": "Демо-данные", "en": "Demo data"},
    "home.open_monitor": {"ru": "Открыть мониторинг", "en": "Open Monitor"},
    "home.steps": {"ru": "Шесть шагов метода", "en": "The six steps"},
    "home.step_list": {
        "ru": "1. Цели по SMART · 2. 3–5 метрик · 3. Данные · 4. Мониторинг · 5. Анализ план/факт · 6. Корректировка",
        "en": "1. SMART goals · 2. 3–5 metrics · 3. Data · 4. Monitor · 5. Plan vs actual · 6. Adjust",
    },
    "home.current": {"ru": "Сейчас открыто: {name}", "en": "Currently open: {name}"},
}
