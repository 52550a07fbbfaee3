"""Bitrix24 deal exports (XLSX, an HTML table saved as .xls, or CSV): one row per deal."""

from kpi_core.ingest.presets.base import Preset, RecordSpec

PRESET = Preset(
    id="bitrix24",
    title="Bitrix24",
    markers=frozenset(
        {"стадия сделки", "сумма", "валюта", "дата создания", "дата изменения", "ответственный", "источник", "название"}
    ),
    min_markers=4,
    decimal_hint=",",
    records=RecordSpec(
        created=("дата создания",),
        closed=("дата закрытия", "предполагаемая дата закрытия", "дата изменения"),
        stage=("стадия сделки", "стадия"),
        amount=("сумма", "сумма сделки"),
        won=frozenset({"сделка успешна", "won", "успешно"}),
        lost=frozenset({"сделка провалена", "lose", "провалена"}),
        won_suffixes=(":won",),
        lost_suffixes=(":lose",),
    ),
)
