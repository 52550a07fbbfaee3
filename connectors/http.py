"""Fetch a CSV (or a Google Sheet as CSV) over http(s): scheme, size and time limits, no other schemes."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urlparse

import config
from kpi_core.ingest.errors import IngestError

MAX_BYTES = config.LINK_MAX_BYTES
TIMEOUT_SECONDS = config.LINK_TIMEOUT_SECONDS
_SHEET = re.compile(r"^https://docs\.google\.com/spreadsheets/d/([\w-]+)")
_GID = re.compile(r"[#&?]gid=(\d+)")


def export_url(url: str) -> str:
    """A Google Sheets link turned into its CSV export link; other links unchanged."""
    match = _SHEET.match(url.strip())
    if not match or "/export" in url:
        return url.strip()
    gid = _GID.search(url)
    return f"https://docs.google.com/spreadsheets/d/{match.group(1)}/export?format=csv" + (
        f"&gid={gid.group(1)}" if gid else ""
    )


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlparse(newurl).scheme not in ("http", "https"):
            raise IngestError("connect.url_scheme")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_csv(url: str, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS) -> tuple[bytes, str]:
    """The bytes behind a link and a file name for them; IngestError with one sentence on failure."""
    target = export_url(url)
    parsed = urlparse(target)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise IngestError("connect.url_scheme")
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    request = urllib.request.Request(target, headers={"User-Agent": "KPI-Pilot/1"})  # noqa: S310 - scheme checked
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
    except IngestError:
        raise
    except (urllib.error.URLError, TimeoutError, OSError, ValueError):
        raise IngestError("connect.url_failed") from None
    if len(data) > max_bytes:
        raise IngestError("connect.url_too_big", mb=max_bytes // 2**20)
    name = parsed.path.rsplit("/", 1)[-1] or "link.csv"
    if "." not in name or name.endswith("export"):
        name = "link.csv"
    return data, name
