"""The one error an import raises: its message is the sentence shown to the user, in their language
(``str()`` is the command line's English, which names its options)."""

from __future__ import annotations

from kpi_core.i18n.formatting import Localised, fmt_number, t


class IngestError(ValueError):
    """A file that cannot be imported; ``message(lang)`` says what to do (``str()`` is English)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(t(key, "cli", **params))

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)

    def __reduce__(self):  # keep key and params through pickling (cached results, worker processes)
        return (_rebuild, (self.key, self.params))


def _rebuild(key: str, params: dict) -> IngestError:
    return IngestError(key, **params)


class Note(str):
    """A remark about a file that was imported all the same (``inspection.warnings``): ``str()`` is
    the English sentence the command line prints; ``message(lang)`` is the sentence in a language.

    >>> from kpi_core.i18n.formatting import Count
    >>> note = Note("ingest.note.future", rows=Count(1200))
    >>> str(note), note.message("ru").replace("\xa0", " ")
    ('1,200 rows are dated after today', 'Строк с датой позже сегодняшней: 1 200')
    """

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, **params: object) -> Note:
        note = super().__new__(cls, t(key, "cli", **params))
        note.key, note.params = key, params
        return note

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)

    def __reduce__(self):  # keep key and params through pickling (cached results, worker processes)
        return (_note, (self.key, self.params))


def _note(key: str, params: dict) -> Note:
    return Note(key, **params)


class Figures(Localised):
    """A file's own totals against the sums of its rows: ``[(column, own total, sum of rows)]``."""

    def __init__(self, figures: list[tuple[str, float, float]]) -> None:
        self.figures = figures

    def text(self, lang: str) -> str:
        return "; ".join(
            t("ingest.note.own_total_figure", lang, column=c, total=fmt_number(a, lang, 2), rows=fmt_number(b, lang, 2))
            for c, a, b in self.figures
        )
