"""The real app in a subprocess, driven by Playwright in Debian's headless Chromium (SwiftShader WebGL)."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Page, sync_playwright

from bench.browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT  # the bench measures the browser the tests use
from tests.conftest import REPO

ARTIFACTS = REPO / "test-artifacts"
CSP_VIOLATIONS_AS_ERRORS = """document.addEventListener('securitypolicyviolation', (e) => console.error(
  `CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app exited with {process.returncode}: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"app did not answer /healthz within {timeout_s} s")


@contextlib.contextmanager
def serving(command: list[str], env: dict[str, str], port: int, stop_s: float = 10) -> Iterator[str]:
    """A server command in a subprocess, until it answers /healthz on `port`; yields its URL."""
    # The server's log goes to a file: a pipe nobody reads fills up after a few hundred requests and
    # then blocks the server.
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "server.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(command, cwd=REPO, env=env, stdout=sink, stderr=sink)
            url = f"http://127.0.0.1:{port}"
            try:
                _wait_healthy(url, process, log)
                yield url
            finally:
                process.terminate()
                process.wait(timeout=stop_s)


@contextlib.contextmanager
def serve_app(data_dir: Path, **settings: str) -> Iterator[str]:
    """The app in a subprocess on a free port, as `make run` starts it; yields its URL."""
    port = _free_port()
    env = {**os.environ, "TWIN_DATA_DIR": str(data_dir), "TWIN_PORT": str(port), "TWIN_HOST": "127.0.0.1"}
    env.pop("TWIN_BASEMAP_URL", None)  # offline unless a test asks for a basemap
    env.update(settings)
    with tempfile.TemporaryDirectory() as state:  # its own store and session key, gone afterwards
        env.setdefault("TWIN_STATE_DIR", state)
        with serving([sys.executable, "app.py"], env, port) as url:
            yield url


@pytest.fixture(scope="session")
def app_url(sample_dir: Path) -> Iterator[str]:
    with serve_app(sample_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class TwinPage:
    """A page with the console errors and the Dash requests it has seen."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    dash_requests: list[str] = field(default_factory=list)
    data_requests: list[str] = field(default_factory=list)  # layer data fetched from /layer-data/

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.wait_until_drawn()

    # Predicates are written as functions ("() => …"): Playwright compiles those itself, whereas a bare
    # expression is run through eval() in the page, which the app's CSP (no 'unsafe-eval') refuses.

    def wait_until_drawn(self) -> None:
        """Until the deck has layers and every Dash callback has settled."""
        self.page.wait_for_function(
            "() => window.twinDeck && window.twinDeck.props.layers.length > 0 && window.twinBridge.idle()",
            timeout=60_000,
        )
        self.page.wait_for_selector("#kpi-total", timeout=60_000)
        self.settle()

    def settle(self) -> None:
        self.page.wait_for_function(
            "() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=60_000
        )
        self.page.wait_for_function(
            "() => window.twinDeck && window.twinBridge.idle() && !window.twinDeck.needsRedraw()",
            timeout=60_000,
        )
        self.page.wait_for_timeout(400)

    def settle_compare(self) -> None:
        """Until every map of the page (the comparison's two views) has its data and has drawn it."""
        self.page.wait_for_function(
            "() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=60_000
        )
        self.page.wait_for_function(
            """() => window.twinBridge.idle() && window.twinBridge.maps().every((id) => {
                 const map = window.twinBridge.map(id); return !map.deck || !map.deck.needsRedraw(); })""",
            timeout=60_000,
        )
        self.page.wait_for_timeout(400)

    def map_image(self) -> Image.Image:
        png = self.page.locator("#deck-map").screenshot()
        return Image.open(io.BytesIO(png)).convert("RGB")

    def save(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture()
def twin(browser: Browser) -> Iterator[TwinPage]:
    context = browser.new_context(viewport=VIEWPORT, locale="fr-FR")
    page = context.new_page()
    # Chromium does not pass CSP violations to Playwright's console events: report them as errors.
    page.add_init_script(CSP_VIOLATIONS_AS_ERRORS)
    twin_page = TwinPage(page)
    page.on("console", lambda m: twin_page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: twin_page.console_errors.append(str(e)))
    page.on(
        "request",
        lambda r: (
            twin_page.dash_requests.append(r.post_data or "") if "_dash-update-component" in r.url else None
        ),
    )
    page.on("request", lambda r: twin_page.data_requests.append(r.url) if "/layer-data/" in r.url else None)
    yield twin_page
    context.close()


def coloured_pixels(image: Image.Image, min_saturation: int = 60) -> int:
    """Pixels of a clearly coloured thing: the ground and the page behind the map are near-grey."""
    hsv = image.convert("HSV")
    saturation = hsv.getchannel("S").point(lambda v: 255 if v > min_saturation else 0)
    return int(saturation.histogram()[255])


def changed_pixels(before: Image.Image, after: Image.Image, tolerance: int = 24) -> int:
    diff = ImageChops.difference(before, after).convert("L").point(lambda v: 255 if v > tolerance else 0)
    return int(sum(diff.histogram()[255:]))
