"""Russian and English: ``formatting`` (``t``, numbers, money, dates per language) and
``strings/`` (every user-facing string, one file per page)."""
