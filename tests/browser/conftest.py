"""A real browser on the built site: Debian's Chromium driven by Playwright, served on localhost."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a page drops the requests still under way: not an error of the site."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def base_url(built_site) -> str:
    """The built site served on localhost, at the root (as the tests' build assumes)."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built_site[0])))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's package with "
            "`apt-get update && apt-get install -y chromium` (.ci/run does), "
            "or set CHROMIUM=/path/to/chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


DEFAULT_VIEWPORT = {"width": 1280, "height": 720}  # Playwright's, for a page opened without one


@pytest.fixture(scope="session")
def reader_tab(browser):
    """One tab for the `visit` tests of a worker, navigated from page to page as a reader's is.

    A fresh context per test cost about three times the CPU per page load (Chromium starts a tab and
    fills its caches each time; measured on this site: ~2.3 s against ~0.7 s), and Chromium's page
    loads were most of the full check's time. What a test could leave behind is reset by `visit`.
    """
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


@pytest.fixture
def visit(reader_tab, base_url):
    """Open a page of the site in the worker's tab, as a new reader would see it: this test's viewport
    and colour scheme, nothing stored by an earlier page (Material keeps the colour scheme in
    localStorage). Afterwards, assert no request left localhost and no console error."""
    foreign, errors = [], []
    tab = reader_tab
    origin = base_url.rstrip("/")
    handlers = {
        "request": lambda r: (
            foreign.append(r.url) if not r.url.startswith((base_url, "data:", "blob:")) else None
        ),
        "console": lambda m: errors.append(m.text) if m.type == "error" else None,
        "pageerror": lambda e: errors.append(str(e)),
    }
    for event, handler in handlers.items():
        tab.on(event, handler)

    def open_page(path: str, **options):
        if tab.url.startswith(base_url):
            tab.evaluate("sessionStorage.clear()")  # this tab's, kept across its pages
        tab.goto("about:blank")  # the last page's scripts stop: none can store anything after this
        cdp = tab.context.new_cdp_session(tab)
        cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "local_storage"})
        cdp.detach()
        tab.set_viewport_size(options.get("viewport", DEFAULT_VIEWPORT))
        tab.emulate_media(color_scheme=options.get("color_scheme", "light"))
        tab.goto(base_url + path, wait_until="networkidle")
        return tab

    yield open_page
    for event, handler in handlers.items():
        tab.remove_listener(event, handler)
    assert foreign == [], "a page loaded something from outside localhost"
    assert errors == [], "console errors"


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS.is_dir() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS}")
