"""Yandex.Direct: the report wizard's ';' CSV with preamble lines and a final "Итого", or the API TSV."""

from kpi_core.ingest.presets.base import Preset
from kpi_core.ingest.rules import ColumnRule as R

PRESET = Preset(
    id="yandex_direct",
    title="Yandex.Direct",
    markers=frozenset(
        {
            "расход",
            "тип площадки",
            "ср. цена клика",
            "ctr",
            "кампания",
            "№ кампании",
            "cost",
            "campaignname",
            "impressions",
            "adnetworktype",
            "показы",
            "клики",
        }
    ),
    min_markers=3,
    columns={
        "показы": R("impressions"),
        "клики": R("clicks"),
        "расход": R("spend"),
        "конверсии": R("leads"),
        "impressions": R("impressions"),
        "clicks": R("clicks"),
        "cost": R("spend"),
        "conversions": R("leads"),
    },
    date_headers=("дата", "date", "день"),
    dimension_headers=("тип площадки", "adnetworktype"),
    default_channel="paid_search",
    decimal_hint=",",
)
