"""The one error an import raises: its message is the sentence shown to the user."""


class IngestError(ValueError):
    """A file that cannot be imported; the message says what to do."""
