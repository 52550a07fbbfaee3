"""The KPI type: a formula over a period's summed measures, with its meaning in both languages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kpi_core.catalog.formula import Node, formula_measures, parse_formula
from kpi_core.catalog.measures import MEASURE_IDS, MEASURES
from kpi_core.i18n.formatting import t
from kpi_core.i18n.strings import STRINGS

UNITS = ("count", "money", "percent", "ratio", "duration", "score")  # how a KPI's value is shown


@dataclass(frozen=True)
class KPI:
    """A KPI: a formula over a period's summed measures, with its meaning in both languages."""

    id: str
    name_ru: str
    name_en: str
    definition_ru: str
    definition_en: str
    formula: str
    unit: str  # one of UNITS
    good: str  # up | down
    objectives: tuple[str, ...]
    channels: tuple[str, ...] | None = None
    scale: float = 1.0
    growth: bool = False
    fallback: str | None = None
    tree: Node = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unit must be one of {UNITS}")
        object.__setattr__(self, "tree", parse_formula(self.formula, MEASURE_IDS))

    @property
    def additive(self) -> bool:
        """True when the KPI of a window is the sum of its periods (a "total" target makes sense)."""
        return (
            self.tree[0] in ("m", "+")
            and not self.growth
            and self.scale == 1.0
            and all(not MEASURES[m].semi_additive for m in self.measures)
        )

    @property
    def measures(self) -> set[str]:
        found = formula_measures(self.tree)
        if self.fallback:
            found |= formula_measures(parse_formula(self.fallback, MEASURE_IDS))
        return found

    @property
    def formula_text(self) -> str:
        """The formula as shown to users: ``(bounces / sessions) × 100``, channel filters in brackets."""
        text = self.formula
        if self.growth:
            text = f"({text} / previous period − 1) × 100"
        if self.scale != 1.0:
            text = f"({text}) × {self.scale:g}"
        if self.channels:
            text = f"{text} [{', '.join(self.channels)}]"
        if self.fallback:
            text = f"{text}; {self.fallback} × {self.scale:g} without buyers"
        return text

    def formula_words(self, lang: str) -> str:
        """The formula with measure names in the language: "Выручка / Заказы", "(Отказы / Визиты) × 100"."""
        text = self.formula_text
        if lang == "ru":
            text = text.replace("previous period", "прошлый период").replace("without buyers", "без покупателей")
        for measure_id in sorted(self.measures, key=len, reverse=True):
            measure = MEASURES[measure_id]
            text = re.sub(rf"\b{measure_id}\b", measure.name_ru if lang == "ru" else measure.name_en, text)
        if self.channels:  # channel ids in brackets → their names: "…, канал: Поиск (органика)"
            names = ", ".join(t(f"channel.{c}", lang) if f"channel.{c}" in STRINGS else c for c in self.channels)
            word = ("канал" if lang == "ru" else "channel") + ("ы" if lang == "ru" else "s") * (len(self.channels) > 1)
            text = text.replace(f" [{', '.join(self.channels)}]", f", {word}: {names}")
        return text

    def name(self, lang: str) -> str:
        return self.name_ru if lang == "ru" else self.name_en

    def definition(self, lang: str) -> str:
        return self.definition_ru if lang == "ru" else self.definition_en
