"""The one error an import raises: its message is the sentence shown to the user, in their language."""

from kpi_core.i18n.formatting import t


class IngestError(ValueError):
    """A file that cannot be imported; ``message(lang)`` says what to do (``str()`` is English)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(t(key, "en", **params))

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)

    def __reduce__(self):  # keep key and params through pickling (cached results, worker processes)
        return (_rebuild, (self.key, self.params))


def _rebuild(key: str, params: dict) -> IngestError:
    return IngestError(key, **params)
