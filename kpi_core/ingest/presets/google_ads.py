"""Google Ads report downloads: a title line, a date-range line, then the header; totals at the bottom."""

from kpi_core.ingest.presets.base import Preset
from kpi_core.ingest.rules import ColumnRule as R

PRESET = Preset(
    id="google_ads",
    title="Google Ads",
    markers=frozenset(
        {
            "impr.",
            "campaign",
            "avg. cpc",
            "conv. value",
            "conversions",
            "currency code",
            "cost",
            "показы",
            "кампания",
            "ср. цена за клик",
            "ценность конв.",
            "конверсии",
            "код валюты",
            "стоимость",
        }
    ),
    min_markers=3,
    columns={
        "impr.": R("impressions"),
        "impressions": R("impressions"),
        "показы": R("impressions"),
        "clicks": R("clicks"),
        "клики": R("clicks"),
        "cost": R("spend"),
        "стоимость": R("spend"),
        "conversions": R("leads"),
        "конверсии": R("leads"),
        "conv. value": R("revenue"),
        "ценность конв.": R("revenue"),
    },
    date_headers=("day", "день", "date", "дата", "week", "неделя", "month", "месяц"),
    dimension_headers=("campaign type", "тип кампании"),
    default_channel="paid_search",
)
