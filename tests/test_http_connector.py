"""The CSV link connector against a local http.server."""

from __future__ import annotations

import http.server
import threading
from functools import partial

import pytest

from connectors.http import export_url, fetch_csv
from kpi_core.ingest import IngestError
from kpi_core.ingest.pipeline import parse_file

CSV = b"date,sessions,orders\n2026-03-01,100,2\n2026-03-02,120,3\n"


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def loopback_allowed(monkeypatch):
    """The test server listens on loopback, which links may reach only when the operator allows it."""
    monkeypatch.setenv("KPI_CONNECT_ALLOW", "127.0.0.1")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    (folder / "daily.csv").write_bytes(CSV)
    (folder / "big.csv").write_bytes(b"date,sessions\n" + b"2026-03-01,1\n" * 10_000)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetch_and_parse(server):
    data, name = fetch_csv(f"{server}/daily.csv")
    assert name == "daily.csv"
    assert parse_file(data, name).inspection.totals == {"orders": 5.0, "sessions": 220.0}


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("file:///etc/passwd", "connect.url_scheme"),
        ("ftp://example.com/x.csv", "connect.url_scheme"),
        ("javascript:alert(1)", "connect.url_scheme"),
        ("/to-file", "connect.url_failed"),  # a redirect to file:// is refused
        ("/missing.csv", "connect.url_failed"),
    ],
)
def test_refused_links(server, url, key):
    with pytest.raises(IngestError) as caught:
        fetch_csv(server + url if url.startswith("/") else url, timeout=5)
    assert caught.value.key == key


def test_size_cap(server):
    with pytest.raises(IngestError) as caught:
        fetch_csv(f"{server}/big.csv", max_bytes=1000)
    assert caught.value.key == "connect.url_too_big"


def test_google_sheets_links_become_csv_exports():
    assert export_url("https://docs.google.com/spreadsheets/d/AbC-123/edit#gid=42") == (
        "https://docs.google.com/spreadsheets/d/AbC-123/export?format=csv&gid=42"
    )
    assert export_url("https://example.com/report.csv") == "https://example.com/report.csv"
