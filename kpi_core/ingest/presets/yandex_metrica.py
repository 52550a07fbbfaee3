"""Yandex.Metrica report exports (CSV with BOM and a top "Итого и средние" row, or XLSX)."""

from kpi_core.ingest.presets.base import Preset
from kpi_core.ingest.rules import ColumnRule as R

PRESET = Preset(
    id="yandex_metrica",
    title="Yandex.Metrica",
    markers=frozenset(
        {
            "визиты",
            "посетители",
            "отказы",
            "глубина просмотра",
            "время на сайте",
            "дата визита",
            "интервал дат визита",
            "доля новых посетителей",
            "источник трафика",
        }
    ),
    min_markers=3,
    columns={
        "визиты": R("sessions"),
        "посетители": R("visitors"),
        "просмотры": R("pageviews"),
        "новые посетители": R("new_visitors"),
        "доля новых посетителей": R("new_visitors", "rate", "visitors"),
        "отказы": R("bounces", "rate", "sessions"),
        "глубина просмотра": R("pageviews", "avg", "sessions"),
        "время на сайте": R("session_duration_s", "duration", "sessions"),
    },
    date_headers=("дата визита", "дата", "период", "интервал дат визита", "неделя", "месяц"),
    dimension_headers=("источник трафика", "источники, сводка", "источник"),
)
