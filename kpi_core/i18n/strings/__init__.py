"""Every user-facing string, in Russian and English, one module per page; a key's prefix names
its module (``PREFIXES``), so a string is found by its key."""

from __future__ import annotations

from kpi_core.i18n.strings import adjust, analyse, common, data, goals, home, ingest, metrics, monitor, report, team

PAGES = (common, home, goals, metrics, data, ingest, monitor, analyse, adjust, team, report)

STRINGS: dict[str, dict[str, str]] = {}
for _page in PAGES:
    for _key in _page.STRINGS:
        if _key in STRINGS or _key.split(".")[0] not in _page.PREFIXES:
            raise RuntimeError(f"string key {_key!r} is twice or in the wrong file")
    STRINGS.update(_page.STRINGS)
