"""amoCRM deal exports: one row per deal, aggregated by date into leads, won/lost deals and revenue."""

from kpi_core.ingest.presets.base import Preset, RecordSpec

PRESET = Preset(
    id="amocrm",
    title="amoCRM",
    markers=frozenset(
        {
            "название сделки",
            "бюджет",
            "этап сделки",
            "дата создания сделки",
            "воронка",
            "ответственный",
            "дата закрытия",
            "теги",
        }
    ),
    min_markers=3,
    decimal_hint=",",
    records=RecordSpec(
        created=("дата создания сделки", "дата создания"),
        closed=("дата закрытия", "дата закрытия сделки"),
        stage=("этап сделки", "статус", "этап"),
        amount=("бюджет", "сумма"),
        won=frozenset({"успешно реализовано", "won", "142"}),
        lost=frozenset({"закрыто и не реализовано", "lost", "143"}),
    ),
)
