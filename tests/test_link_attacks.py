"""The CSV-link connector attacked as a hostile user would (issue 12, finding 6): internal
addresses written every way, redirects into the server's network, ports that are not HTTP, and a
server that trickles its answer forever. Real servers on loopback, real sockets."""

from __future__ import annotations

import http.server
import socket
import threading
import time

import pytest

from connectors.http import fetch_csv
from kpi_core.ingest import IngestError

CSV = b"date,sessions\n2026-03-01,100\n"


class Site(http.server.BaseHTTPRequestHandler):
    target = ""  # where /jump redirects to

    def do_GET(self):
        if self.path == "/jump":
            self.send_response(302)
            self.send_header("Location", self.target)
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(CSV)))
        self.end_headers()
        self.wfile.write(CSV)

    def log_message(self, *args):
        pass


def serve(host: str, handler) -> tuple[http.server.ThreadingHTTPServer, int]:
    httpd = http.server.ThreadingHTTPServer((host, 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, httpd.server_address[1]


@pytest.fixture(scope="module")
def site():
    httpd, port = serve("127.0.0.1", Site)
    yield port
    httpd.shutdown()


def refused(url: str, **kwargs) -> IngestError:
    with pytest.raises(IngestError) as caught:
        fetch_csv(url, **kwargs)
    return caught.value


SPELLINGS = ["127.0.0.1", "localhost", "127.1", "2130706433", "0x7f000001", "0177.0.0.1", "0.0.0.0", "[::1]"]


@pytest.mark.parametrize("host", [*SPELLINGS, "[::ffff:127.0.0.1]"])
def test_loopback_written_any_way_is_refused_though_a_server_listens(monkeypatch, site, host):
    """Before: each of these fetched the loopback server's file."""
    monkeypatch.delenv("KPI_CONNECT_ALLOW", raising=False)
    error = refused(f"http://{host}:{site}/daily.csv")
    assert error.key == "connect.internal_host"
    assert "KPI_CONNECT_ALLOW" in error.message("en")


@pytest.mark.parametrize("host", ["10.1.2.3", "192.168.0.10", "172.16.5.5", "169.254.169.254", "100.64.0.1"])
def test_private_and_metadata_addresses_are_refused(monkeypatch, host):
    monkeypatch.delenv("KPI_CONNECT_ALLOW", raising=False)
    assert refused(f"http://{host}/latest/meta-data/").key == "connect.internal_host"


def test_a_redirect_into_the_servers_network_is_refused(monkeypatch):
    """An allowed host (127.0.0.2 stands for a public one) redirects to loopback: each hop is checked."""
    inner, inner_port = serve("127.0.0.1", Site)
    outer_handler = type("Outer", (Site,), {"target": f"http://127.0.0.1:{inner_port}/secret.csv"})
    outer, outer_port = serve("127.0.0.2", outer_handler)
    monkeypatch.setenv("KPI_CONNECT_ALLOW", "127.0.0.2/32")
    try:
        assert fetch_csv(f"http://127.0.0.2:{outer_port}/daily.csv")[0] == CSV  # the allowed host itself
        assert refused(f"http://127.0.0.2:{outer_port}/jump").key == "connect.internal_host"
    finally:
        inner.shutdown()
        outer.shutdown()


def test_endless_redirects_stop(monkeypatch, site):
    monkeypatch.setenv("KPI_CONNECT_ALLOW", "127.0.0.1")
    assert refused(f"http://127.0.0.1:{site}/loop").key == "connect.too_many_redirects"


def test_a_closed_port_and_a_port_that_is_not_http_read_the_same(monkeypatch):
    """Before: http://127.0.0.1:3306/ raised an uncaught BadStatusLine, telling open ports from closed."""
    monkeypatch.setenv("KPI_CONNECT_ALLOW", "127.0.0.1")
    talker = socket.socket()
    talker.bind(("127.0.0.1", 0))
    talker.listen()

    def banner():
        conn, _ = talker.accept()
        conn.sendall(b"\x4a\x00\x00\x00\x0a5.5.5-10.11.19-MariaDB\x00garbage that is not HTTP\r\n\r\n")
        conn.close()

    threading.Thread(target=banner, daemon=True).start()
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    try:
        not_http = refused(f"http://127.0.0.1:{talker.getsockname()[1]}/", timeout=5)
        nothing = refused(f"http://127.0.0.1:{closed_port}/", timeout=5)
    finally:
        talker.close()
    assert not_http.key == nothing.key == "connect.url_failed"
    assert str(not_http) == str(nothing)


class Trickle(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        try:
            for _ in range(600):  # a byte every 0.1 s for a minute: no single read ever times out
                self.wfile.write(b"1")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.mark.slow  # real seconds: under faketime the server's sleeps return at once
def test_one_deadline_for_the_whole_fetch(monkeypatch):
    """Before: the limit was per read, so a server sending a byte now and then held the fetch."""
    monkeypatch.setenv("KPI_CONNECT_ALLOW", "127.0.0.1")
    httpd, port = serve("127.0.0.1", Trickle)
    outcome: list[IngestError] = []
    fetcher = threading.Thread(target=lambda: outcome.append(refused(f"http://127.0.0.1:{port}/", timeout=1)))
    fetcher.start()
    fetcher.join(30)  # far less than the minute the server would take
    httpd.shutdown()
    assert not fetcher.is_alive(), "the fetch was still running"
    assert outcome and outcome[0].key == "connect.url_timeout"
    assert "within 1 s" in str(outcome[0])


def test_environment_proxies_are_not_used(monkeypatch, site):
    """A proxy setting would send the request around the address check."""
    monkeypatch.setenv("KPI_CONNECT_ALLOW", "127.0.0.1")
    monkeypatch.setenv("HTTP_PROXY", "http://10.9.9.9:3128")
    assert fetch_csv(f"http://127.0.0.1:{site}/daily.csv")[0] == CSV
