"""A real browser on the built site: Debian's Chromium driven by Playwright, served on localhost."""

from __future__ import annotations

import contextlib
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
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def screenshot(element, name: str, folder: Path = SCREENSHOTS, **options) -> Path:
    """Save `element` (a tab or a locator) as `<folder>/<name>.png`, for a person to open and look at
    (`options`: Playwright's, such as full_page=True); the file written is a PNG."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    element.screenshot(path=str(path), **options)
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a page drops the requests still under way: not an error of the site."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def url(language: str, page: str) -> str:
    """docs/<language>/<page> -> its address below the site's root (zh at /, en at /en/)."""
    stem = page.rsplit(".", 1)[0]
    path = "" if stem == "index" else f"{stem}/"
    return path if language == "zh" else f"en/{path}"


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
    """The worker's tab for the `visit` tests: a function that returns it (a new one if it was closed or
    its renderer crashed), navigated from page to page as a reader's is.

    A fresh context per test cost about three times the CPU per page load (Chromium starts a tab and
    fills its caches each time; measured on this site: ~2.3 s against ~0.7 s), and Chromium's page
    loads were most of the full check's time. The HTTP cache stays warm from test to test, as a
    reader's does from page to page; what else a page could leave behind, `visit` resets.
    """
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tabs, crashed = [], []

    def tab():
        if not tabs or tabs[-1].is_closed() or tabs[-1] in crashed:
            tabs.append(context.new_page())
            tabs[-1].on("crash", lambda page: crashed.append(page))
        return tabs[-1]

    yield tab
    context.close()


@pytest.fixture
def visit(reader_tab, base_url):
    """Open a page of the site in the worker's tab, with this test's viewport and colour scheme, each
    time after a reset: the last page unloaded (its sessionStorage cleared), the site's localStorage,
    cookies, caches and other stored data cleared (Material keeps the colour scheme in localStorage),
    the mouse moved off the page. From the first page to the end of the test, record requests that
    leave localhost, responses with an error status and console errors; afterwards, assert there
    were none.

    It waits for the page's load event and its fonts, not for the network to be idle: that waits
    500 ms past the last request (0.26 s a page against ~0.9 s, measured), for what a page fetches later
    (the search worker's files). test_every_page_settles_with_no_error_and_nothing_from_elsewhere
    waits for it on every page."""
    foreign, failed, errors = [], [], []
    origin = base_url.rstrip("/")
    handlers = {
        "request": lambda r: (
            foreign.append(r.url) if not r.url.startswith((base_url, "data:", "blob:")) else None
        ),
        "response": lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        "console": lambda m: errors.append(m.text) if m.type == "error" else None,
        "pageerror": lambda e: errors.append(str(e)),
    }
    listening = []

    def leave(tab):
        """Unload the tab's page (none of its scripts runs after this), clearing its sessionStorage."""
        from playwright.sync_api import Error as PlaywrightError

        if tab.url.startswith(base_url):
            with contextlib.suppress(PlaywrightError):  # a page in the middle of navigating
                tab.evaluate("sessionStorage.clear()")  # the tab's own, kept across its pages
        tab.goto("about:blank")

    def open_page(path: str, **options):
        tab = reader_tab()
        leave(tab)
        cdp = tab.context.new_cdp_session(tab)
        cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        cdp.detach()
        tab.mouse.move(0, 0)
        if tab not in listening:
            for event, handler in handlers.items():
                tab.on(event, handler)
            listening.append(tab)
        tab.set_viewport_size(options.get("viewport", DEFAULT_VIEWPORT))
        tab.emulate_media(color_scheme=options.get("color_scheme", "light"))
        tab.goto(base_url + path, wait_until="load")  # its styles, scripts and images; then its fonts
        tab.evaluate("document.fonts.ready.then(() => true)")
        return tab

    yield open_page
    for tab in listening:
        if not tab.is_closed():
            leave(tab)  # what the page does after this test is not counted against the next
            for event, handler in handlers.items():
                tab.remove_listener(event, handler)
    assert foreign == [], "a page loaded something from outside localhost"
    assert failed == [], "a request failed"
    assert errors == [], "console errors"


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS.is_dir() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS}")
