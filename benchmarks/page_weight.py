"""Page weight in a real browser (a script, not a test): bytes transferred per note page.

Builds the site, serves it with Python's http.server twice: uncompressed (the worst case) and with
gzip for text (HTML, CSS, JavaScript, JSON, SVG), as GitHub Pages serves the published site; and loads
it in Debian's Chromium through Playwright:
- first load: a note page in a fresh browser context (empty cache), until the network is idle;
- next page: another note page in the same context, reached by following a link (cache warm).

Targets: first load <= 600 KB, next page <= 60 KB.

    python benchmarks/page_weight.py
"""

from __future__ import annotations

import functools
import gzip
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

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(QuietHandler):
    """Text files gzipped when the browser accepts it (as GitHub Pages does); other files as they are."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in COMPRESSED
            or not path.is_file()
            or "If-Modified-Since" in self.headers  # answered 304 (not modified) as without gzip
        ):
            return super().do_GET()  # other files, and the redirect of a folder without its "/"
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))  # as without
        self.end_headers()
        self.wfile.write(body)


def transferred(requests) -> int:
    total = 0
    for request in requests:
        try:
            sizes = request.sizes()
        except Exception:  # a request served from memory, or cancelled, has no sizes
            continue
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def measure(site: str, handler, notes: list[str]) -> tuple[dict, dict]:
    """Bytes transferred for each note page: as a first load, and as the page after another note."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=site))
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
    return first, second


def main() -> None:
    notes = [
        page.rsplit(".", 1)[0] + "/"
        for page in contract.note_pages(ROOT, "zh") + layout.notebook_pages(ROOT, "zh")
    ]
    with tempfile.TemporaryDirectory() as site:
        built = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", site],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
        )
        if built.returncode:
            sys.exit(f"the build failed; no page weight measured:\n{built.stderr[-3000:]}")
        first, second = measure(site, QuietHandler, notes)
        first_gz, second_gz = measure(site, GzipHandler, notes)

    def kb(n):
        return f"{n / 1000:6.1f} KB"

    print(
        f"{len(first)} note pages (zh and en), Chromium, http.server: uncompressed, and gzip as GitHub Pages"
    )
    print(f"{'page':48} {'first load':>12} {'as next page':>14} {'gzip: first':>12} {'next':>10}")
    for path in first:
        print(
            f"{path:48} {kb(first[path]):>12} {kb(second.get(path, 0)):>14}"
            f" {kb(first_gz[path]):>12} {kb(second_gz.get(path, 0)):>10}"
        )
    for name, a, b in (("uncompressed", first, second), ("gzip", first_gz, second_gz)):
        print(
            f"{name:12} first load: median {kb(statistics.median(a.values()))}, max {kb(max(a.values()))}"
            "   (target <= 600 KB)"
        )
        print(
            f"{name:12} next page:  median {kb(statistics.median(b.values()))}, max {kb(max(b.values()))}"
            "   (target <= 60 KB)"
        )


if __name__ == "__main__":
    main()
