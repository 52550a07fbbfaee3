"""Errors of the storage layer."""


class NotFoundError(LookupError):
    """A workspace, goal or batch that does not exist."""
