"""Source presets, one module per export format, and recognition by headers."""

from __future__ import annotations

from kpi_core.ingest.presets import (
    amocrm,
    bitrix24,
    ga4,
    google_ads,
    meta_ads,
    vk_ads,
    yandex_direct,
    yandex_metrica,
    yandex_metrica_api,
)
from kpi_core.ingest.presets.base import PatternRule, Preset, RecordSpec

PRESETS: dict[str, Preset] = {
    module.PRESET.id: module.PRESET
    for module in (
        yandex_metrica,
        yandex_metrica_api,
        ga4,
        google_ads,
        meta_ads,
        yandex_direct,
        vk_ads,
        amocrm,
        bitrix24,
    )
}
SOURCES = (*PRESETS, "generic")
# exports of an ad platform: each one's spend, impressions and clicks are its own ads' (added, not chosen)
AD_PLATFORMS = frozenset({"google_ads", "meta_ads", "yandex_direct", "vk_ads"})


def recognise(headers: list[str]) -> Preset | None:
    """The preset whose markers the headers match best, or None for a generic table."""
    scored = [(preset.score(headers), preset) for preset in PRESETS.values()]
    best_score, best = max(scored, key=lambda pair: pair[0])
    return best if best_score > 0 else None


__all__ = ["PRESETS", "SOURCES", "PatternRule", "Preset", "RecordSpec", "recognise"]
