"""Errors of the storage layer."""


class NotFoundError(LookupError):
    """A workspace, goal or batch that does not exist."""


class LargeReplacementError(ValueError):
    """A re-import would remove more than twice the stored values it brings (DESIGN §7).

    Raised by ``store_observations`` before anything changed; call it again with ``replace=True``
    (the CLI's ``--replace``, the Data page's confirmation) to go ahead. ``removes`` is how many
    stored values the import would replace, ``brings`` how many the file holds.
    """

    def __init__(self, removes: int, brings: int) -> None:
        self.removes, self.brings = removes, brings
        super().__init__(
            f"This import would remove {removes:,} stored values and bring only {brings:,}: "
            "re-run it with --replace (or confirm on the Data page) to replace them."
        )

    def __reduce__(self):  # pickles with its counts (the default would pass the message as one argument)
        return type(self), (self.removes, self.brings)
