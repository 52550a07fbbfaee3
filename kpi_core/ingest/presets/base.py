"""What a source preset declares: how to recognise the export and how to read each of its columns."""

from __future__ import annotations

import re
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
class PatternRule:
    """A rule for a family of headers ('ym:s:goal<ID>reaches'): a regular expression over the
    normalised header (lower case, see ``norm_header``) and how sure the preset is of it; a
    confidence below 1 asks the user to review the column."""

    regex: re.Pattern[str]
    rule: ColumnRule
    confidence: float = 1.0

    def matches(self, header: object) -> bool:
        return any(self.regex.fullmatch(key) for key in (norm_header(header), bare_header(header)))


def pattern(regex: str, rule: ColumnRule, confidence: float = 1.0) -> PatternRule:
    """A ``PatternRule``; ``regex`` must match the whole lower-case header."""
    if not 0.0 < confidence <= 1.0:
        raise ValueError("a pattern's confidence is above 0 and at most 1")
    return PatternRule(re.compile(regex), rule, confidence)


@dataclass(frozen=True)
class Preset:
    """One export format: markers that recognise it, and a rule per known column.

    ``patterns`` cover header families that no fixed name lists (a goal id inside the header);
    a header matching one counts as a marker too.
    """

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
    patterns: tuple[PatternRule, ...] = ()

    def score(self, headers: list[str]) -> int:
        """How many of the preset's markers the headers contain (0 when fewer than required)."""
        keys = {norm_header(h) for h in headers} | {bare_header(h) for h in headers}
        found = sum(1 for marker in self.markers if marker in keys)
        if self.patterns:
            found += sum(1 for h in headers if self._pattern(h) is not None)
        return found if found >= self.min_markers else 0

    def _pattern(self, header: object) -> PatternRule | None:
        return next((p for p in self.patterns if p.matches(header)), None)

    def rule_for(self, header: str) -> ColumnRule | None:
        """The rule of a known column: its exact name (with or without a unit tail), then a pattern."""
        rule = self.columns.get(norm_header(header)) or self.columns.get(bare_header(header))
        if rule is None and self.patterns:
            found = self._pattern(header)
            return found.rule if found else None
        return rule

    def confidence_for(self, header: str) -> float | None:
        """How sure the preset is of a column's rule: 1.0 for a named column, a pattern's own
        confidence, None when the preset does not know the column."""
        if self.columns.get(norm_header(header)) or self.columns.get(bare_header(header)):
            return 1.0
        found = self._pattern(header) if self.patterns else None
        return found.confidence if found else None

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
