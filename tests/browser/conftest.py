"""Browser fixtures: the real app served by `streamlit run`, driven by Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_app(data: Path, db_url: str):
    """Run ``streamlit run app.py`` on a free port against ``db_url`` on the tests' pinned day,
    yield its address once it answers, stop it afterwards (a generator for module fixtures)."""
    port = _free_port()
    # the app runs on the tests' pinned day (tests/conftest.py), never on the real clock
    env = {**os.environ, "KPI_DB_URL": db_url, "KPI_TODAY": TODAY.isoformat()}
    log = open(data / "streamlit.log", "w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        server.terminate()
        pytest.fail(f"the app did not start; log: {(data / 'streamlit.log').read_text()[-2000:]}")
    yield url
    server.terminate()
    server.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """Start the app on a free port with its own SQLite file; stop it afterwards."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: install Debian's chromium package (.ci/run does).")
    data = tmp_path_factory.mktemp("browser")
    yield from serve_app(data, f"sqlite:///{data}/kpi.db")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def shots(tmp_path):
    """Where screenshots go: KPI_SCREENSHOTS when set (to look at them), else the test's temp dir."""
    folder = Path(os.environ.get("KPI_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def wait_idle(page) -> None:
    """Wait until the script run that an action started has finished."""
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(300)


def assert_no_exception(page, shots: Path, name: str) -> None:
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    exceptions = page.locator("[data-testid=stException]")
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert "Traceback" not in page.inner_text("body")
