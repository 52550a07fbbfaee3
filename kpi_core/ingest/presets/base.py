"""What a source preset declares: how to recognise the export and how to read each of its columns."""

from __future__ import annotations

from dataclasses import dataclass, field

from kpi_core.ingest.rules import ColumnRule, bare_header, norm_header


@dataclass(frozen=True)
class RecordSpec:
    """A one-row-per-deal export: which columns hold the dates, the stage and the amount."""

    created: tuple[str, ...]
    closed: tuple[str, ...]
    stage: tuple[str, ...]
    amount: tuple[str, ...]
    won: frozenset[str]
    lost: frozenset[str]
    won_suffixes: tuple[str, ...] = ()
    lost_suffixes: tuple[str, ...] = ()

    def outcome(self, stage: object) -> str | None:
        """'won', 'lost' or None (still open) for a stage name or API code."""
        key = norm_header(stage)
        if key in self.won or any(key.endswith(s) for s in self.won_suffixes):
            return "won"
        if key in self.lost or any(key.endswith(s) for s in self.lost_suffixes):
            return "lost"
        return None


@dataclass(frozen=True)
class Preset:
    """One export format: markers that recognise it, and a rule per known column."""

    id: str
    title: str
    markers: frozenset[str]
    min_markers: int
    columns: dict[str, ColumnRule] = field(default_factory=dict)
    date_headers: tuple[str, ...] = ()
    dimension_headers: tuple[str, ...] = ()
    default_channel: str = "all"
    decimal_hint: str = "."
    records: RecordSpec | None = None

    def score(self, headers: list[str]) -> int:
        """How many of the preset's markers the headers contain (0 when fewer than required)."""
        keys = {norm_header(h) for h in headers} | {bare_header(h) for h in headers}
        found = sum(1 for marker in self.markers if marker in keys)
        return found if found >= self.min_markers else 0

    def rule_for(self, header: str) -> ColumnRule | None:
        return self.columns.get(norm_header(header)) or self.columns.get(bare_header(header))

    def find(self, headers: list[str], wanted: tuple[str, ...]) -> int | None:
        """Position of the first header that is one of ``wanted`` (in the order wanted lists them)."""
        keys = [norm_header(h) for h in headers]
        bare = [bare_header(h) for h in headers]
        for name in wanted:
            for index, (key, short) in enumerate(zip(keys, bare, strict=True)):
                if name in (key, short):
                    return index
        return None


def rules(**pairs: ColumnRule) -> dict[str, ColumnRule]:
    """Column rules keyed by normalised header (keyword names use _ for spaces)."""
    return {norm_header(name.replace("_", " ")): rule for name, rule in pairs.items()}
