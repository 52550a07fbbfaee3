"""Meta Ads Manager table exports ('Amount spent (RUB)', 'Reporting starts', 'Link clicks')."""

from kpi_core.ingest.presets.base import Preset
from kpi_core.ingest.rules import ColumnRule as R

PRESET = Preset(
    id="meta_ads",
    title="Meta Ads",
    markers=frozenset(
        {
            "reporting starts",
            "reporting ends",
            "campaign name",
            "ad set name",
            "amount spent",
            "link clicks",
            "frequency",
            "result indicator",
            "cost per result",
            "reach",
        }
    ),
    min_markers=3,
    columns={
        "reach": R("reach"),
        "impressions": R("impressions"),
        "amount spent": R("spend"),
        "link clicks": R("clicks"),
    },
    date_headers=("day", "date", "reporting starts"),
    default_channel="paid_social",
)
