"""VK Ads statistics exports ('Потрачено, ₽', 'Охват', 'Название объявления')."""

from kpi_core.ingest.presets.base import Preset
from kpi_core.ingest.rules import ColumnRule as R

PRESET = Preset(
    id="vk_ads",
    title="VK Ads",
    markers=frozenset({"потрачено", "название объявления", "охват", "показы", "клики", "id объявления"}),
    min_markers=3,
    columns={
        "показы": R("impressions"),
        "клики": R("clicks"),
        "потрачено": R("spend"),
        "расход": R("spend"),
        "охват": R("reach"),
    },
    date_headers=("дата", "день"),
    default_channel="paid_social",
    decimal_hint=",",
)
