"""Fetch a CSV (or a Google Sheet as CSV) over http(s): public addresses only, a size cap and one
total deadline.

Every hop — the link and each redirect — is resolved and checked by ``connectors.addresses``
and then requested from the checked address itself (the host name goes in the Host header and
the TLS server name, so certificates are verified as usual). Redirects are followed by hand, at
most ``MAX_REDIRECTS``, each to http(s) only. The whole fetch runs against one deadline: at
``timeout`` seconds the caller gets its sentence, whatever the server is doing. Proxy settings
of the environment are not used (they would route around the address check).
"""

from __future__ import annotations

import ipaddress
import re
import threading
from urllib.parse import urljoin, urlsplit

import httpx

import config
from connectors.addresses import checked_address
from kpi_core.ingest.errors import IngestError

MAX_BYTES = config.LINK_MAX_BYTES
TIMEOUT_SECONDS = config.LINK_TIMEOUT_SECONDS
MAX_REDIRECTS = 5
_SHEET = re.compile(r"^https://docs\.google\.com/spreadsheets/d/([\w-]+)")
_GID = re.compile(r"[#&?]gid=(\d+)")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def export_url(url: str) -> str:
    """A Google Sheets link turned into its CSV export link; other links unchanged."""
    match = _SHEET.match(url.strip())
    if not match or "/export" in url:
        return url.strip()
    gid = _GID.search(url)
    return f"https://docs.google.com/spreadsheets/d/{match.group(1)}/export?format=csv" + (
        f"&gid={gid.group(1)}" if gid else ""
    )


def file_name_of(url: str) -> str:
    """The name a fetched link's data is imported under."""
    name = urlsplit(url).path.rsplit("/", 1)[-1] or "link.csv"
    return "link.csv" if "." not in name or name.endswith("export") else name


def fetch_csv(url: str, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS) -> tuple[bytes, str]:
    """The bytes behind a link and a file name for them; IngestError with one sentence on failure."""
    target = export_url(url)
    _split(target)  # a link that is not http(s) is refused before anything starts
    client = httpx.Client(trust_env=False, follow_redirects=False, timeout=httpx.Timeout(timeout))
    outcome: dict[str, tuple[bytes, str]] = {}
    failure: list[BaseException] = []

    def fetch() -> None:
        try:
            outcome["data"] = _fetch(client, target, max_bytes)
        except BaseException as error:  # noqa: BLE001 - handed to the caller below
            failure.append(error)

    worker = threading.Thread(target=fetch, name="kpi-link-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    client.close()  # at the deadline this also ends the fetch still reading
    if worker.is_alive():
        raise IngestError("connect.url_timeout", seconds=f"{timeout:g}")
    error = failure[0] if failure else None
    if isinstance(error, IngestError):
        raise error
    if error is not None:
        if isinstance(error, httpx.TimeoutException):
            raise IngestError("connect.url_timeout", seconds=f"{timeout:g}") from None
        # refused, reset, not HTTP at all (a database port), a broken TLS handshake: one sentence
        raise IngestError("connect.url_failed") from None
    data, final = outcome["data"]
    return data, file_name_of(final)


def _split(url: str):
    parts = urlsplit(url)
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise IngestError("connect.url_scheme")
    return parts


def _fetch(client: httpx.Client, target: str, max_bytes: int) -> tuple[bytes, str]:
    for _ in range(MAX_REDIRECTS + 1):
        parts = _split(target)
        host = parts.hostname or ""
        try:
            port = parts.port or _DEFAULT_PORTS[parts.scheme]
        except ValueError:
            raise IngestError("connect.url_failed") from None
        address = checked_address(host, port)
        shown = f"[{address}]" if isinstance(ipaddress.ip_address(address), ipaddress.IPv6Address) else address
        pinned = parts._replace(netloc=f"{shown}:{port}").geturl()
        host_header = host if parts.port is None else f"{host}:{parts.port}"
        request = client.build_request(
            "GET",
            pinned,
            headers={"Host": host_header, "User-Agent": "KPI-Pilot/1", "Accept-Encoding": "identity"},
            extensions={"sni_hostname": host},
        )
        response = client.send(request, stream=True)
        try:
            if response.is_redirect:
                target = urljoin(target, response.headers.get("location", ""))
                if urlsplit(target).scheme not in _DEFAULT_PORTS:
                    raise IngestError("connect.url_failed")  # a redirect to file:, ftp:, data:…
                continue
            if response.status_code != 200:
                raise IngestError("connect.url_failed")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise IngestError("connect.url_too_big", mb=max_bytes // 2**20)
            chunks, size = [], 0
            for chunk in response.iter_raw(64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise IngestError("connect.url_too_big", mb=max_bytes // 2**20)
                chunks.append(chunk)
            return b"".join(chunks), target
        finally:
            response.close()
    raise IngestError("connect.too_many_redirects")
