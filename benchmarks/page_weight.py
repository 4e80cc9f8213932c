"""Page weight in a real browser (a script, not a test): bytes transferred per note page.

Builds the site, serves it with Python's http.server (uncompressed, as the worst case; GitHub Pages
would gzip), and loads it in Debian's Chromium through Playwright:
- first load: a note page in a fresh browser context (empty cache), until the network is idle;
- next page: another note page in the same context, reached by following a link (cache warm).

Targets (issue 6): first load <= 600 KB, next page <= 60 KB.

    python benchmarks/page_weight.py
"""

from __future__ import annotations

import functools
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_tools import contract, layout  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, QuietHandler  # noqa: E402


def transferred(requests) -> int:
    total = 0
    for request in requests:
        try:
            sizes = request.sizes()
        except Exception:  # a request served from memory, or cancelled, has no sizes
            continue
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def main() -> None:
    from playwright.sync_api import sync_playwright

    notes = [
        page.rsplit(".", 1)[0] + "/"
        for page in contract.note_pages(ROOT, "zh") + layout.notebook_pages(ROOT, "zh")
    ]
    with tempfile.TemporaryDirectory() as site:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", site],
            cwd=ROOT,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
        )
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(QuietHandler, directory=site)
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        first, second = {}, {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for index, note in enumerate(notes):
                for path in (note, f"en/{note}"):
                    context = browser.new_context()
                    page = context.new_page()
                    requests = []
                    page.on("request", lambda request, sink=requests: sink.append(request))
                    page.goto(base + path, wait_until="networkidle")
                    first[path] = transferred(requests)
                    requests.clear()
                    following = notes[(index + 1) % len(notes)]
                    next_path = following if path == note else f"en/{following}"
                    page.goto(base + next_path, wait_until="networkidle")
                    second[next_path] = transferred(requests)
                    context.close()
            browser.close()
        server.shutdown()
        server.server_close()

    def kb(n):
        return f"{n / 1000:6.1f} KB"

    print(f"{len(first)} note pages (zh and en), Chromium, uncompressed http.server")
    print(f"{'page':48} {'first load':>12} {'as next page':>14}")
    for path in first:
        print(f"{path:48} {kb(first[path]):>12} {kb(second.get(path, 0)):>14}")
    print(
        f"first load: median {kb(statistics.median(first.values()))}, max {kb(max(first.values()))}"
        "   (target <= 600 KB)"
    )
    print(
        f"next page:  median {kb(statistics.median(second.values()))}, max {kb(max(second.values()))}"
        "   (target <= 60 KB)"
    )


if __name__ == "__main__":
    main()
