"""A real `streamlit run` server on a free loopback port, and headless Debian Chromium."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, Route, sync_playwright

from geo.paths import DATA_ROOT_VARIABLE

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
STARTUP_TIMEOUT_S = 60.0
LOOPBACK = ("http://127.0.0.1", "http://localhost")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    """Poll the health endpoint until it answers 'ok'; fail early if the server died."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.1)  # a poll interval, not a wait for readiness
    raise RuntimeError(f"streamlit did not become healthy within {STARTUP_TIMEOUT_S} s")


@contextmanager
def streamlit_server(data_root: Path | None = None) -> Iterator[str]:
    """`streamlit run app.py` on a free loopback port, serving the data set at `data_root`
    (the repository's own when None); yields its URL once healthy, stops it on exit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO / "app.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    # No web tiles: the country outlines shipped with the app are the whole base map.
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "CORRIDOR_ATLAS_TILES": "off"}
    if data_root is not None:
        env[DATA_ROOT_VARIABLE] = str(data_root)
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Session:
    """A browser context, its page, every request its pages made, every request that tried to
    leave loopback, and every dialog (alert, confirm, prompt) any of its pages opened."""

    context: BrowserContext
    page: Page
    off_host: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def new_page(self) -> Page:
        return self.context.new_page()

    def on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def open_session(browser: Browser) -> Session:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    session = Session(context, page=None)  # type: ignore[arg-type]

    def guard(route: Route) -> None:
        # The app serves everything it needs; anything off loopback is recorded and refused.
        session.requests.append(route.request.url)
        if route.request.url.startswith(LOOPBACK):
            route.continue_()
        else:
            session.off_host.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    # On the context, not on each page: a tab a link opened (Read in context) is watched too.
    context.on("dialog", session.on_dialog)
    session.page = session.new_page()
    return session


@pytest.fixture
def session(browser: Browser) -> Iterator[Session]:
    """A fresh browser context; the test fails if the page tried to reach the network."""
    current = open_session(browser)
    yield current
    current.context.close()
    assert current.off_host == [], f"requests left loopback: {current.off_host[:5]}"


@pytest.fixture
def page(session: Session) -> Page:
    return session.page


def run_quick(module: str, out: Path, timeout_s: int) -> dict[str, Any]:
    """`python -m <module> --quick --out <out>` as a subprocess (Playwright's sync API cannot
    start inside the session's own browser fixture); its JSON results, or a failure that shows
    the command's output."""
    done = subprocess.run(
        [sys.executable, "-m", module, "--quick", "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=timeout_s, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    loaded: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return loaded
