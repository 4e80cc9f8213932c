"""Translation freshness: which version of its Chinese page each English page translates.

Chinese (docs/zh/) is the source. Every English page starts with front matter naming the
Chinese text it translates, as a hash of that file:

    ---
    translates: 3f2a9c0d1b7e
    ---

An English notebook records it in its metadata ({"pytorch_notes": {"translates": "3f2a9c0d1b7e"}}),
as a hash of the Chinese notebook's cells (so re-saving it in Jupyter changes nothing).

    python -m site_tools.translation.freshness                      # list stale translations (exit 0)
    python -m site_tools.translation.freshness --mark docs/en/x.md  # after updating a translation

A stale translation is a notice, not a failure: its built page says so and links to the Chinese page.
A missing translation (or missing front matter) is a failure of the tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import nbformat

from site_tools import layout

ROOT = layout.ROOT
KEY = "translates"
_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", flags=re.DOTALL)


def source_hash(root: Path, page: str) -> str:
    """Hash of docs/zh/<page>: what an up-to-date translation records."""
    path = layout.page_path(root, "zh", page)
    if path.suffix == ".ipynb":
        cells = [(c.cell_type, c.source) for c in nbformat.read(path, as_version=4).cells]
        return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()[:12]
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _notebook_hash(path: Path) -> str | None:
    return nbformat.read(path, as_version=4).metadata.get(layout.NOTEBOOK_METADATA_KEY, {}).get(KEY)


def recorded_hash(text: str) -> str | None:
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    found = re.search(rf"^{KEY}:\s*(\S+)\s*$", match.group("body"), flags=re.MULTILINE)
    return found.group(1) if found else None


def status(root: Path, page: str) -> str:
    """'missing', 'unmarked', 'stale' or 'fresh' for docs/en/<page>."""
    english = layout.page_path(root, "en", page)
    if not english.is_file():
        return "missing"
    if english.suffix == ".ipynb":
        recorded = _notebook_hash(english)
    else:
        recorded = recorded_hash(english.read_text(encoding="utf-8"))
    if recorded is None:
        return "unmarked"
    return "fresh" if recorded == source_hash(root, page) else "stale"


def mark(root: Path, page: str) -> None:
    """Record in docs/en/<page> that it translates the current docs/zh/<page>."""
    english = layout.page_path(root, "en", page)
    if english.suffix == ".ipynb":
        notebook = nbformat.read(english, as_version=4)
        notebook.metadata.setdefault(layout.NOTEBOOK_METADATA_KEY, {})[KEY] = source_hash(root, page)
        nbformat.write(notebook, english)
        return
    text = english.read_text(encoding="utf-8")
    line = f"{KEY}: {source_hash(root, page)}"
    match = _FRONT_MATTER.match(text)
    if match is None:
        text = f"---\n{line}\n---\n\n{text}"
    elif recorded_hash(text) is None:
        text = f"---\n{match.group('body')}\n{line}\n---\n{text[match.end() :]}"
    else:
        body = re.sub(rf"^{KEY}:.*$", line, match.group("body"), flags=re.MULTILINE)
        text = f"---\n{body}\n---\n{text[match.end() :]}"
    english.write_text(text, encoding="utf-8")


def stale_pages(root: Path) -> list[str]:
    pages = layout.pages(root, "zh") + layout.notebook_pages(root, "zh")
    return [page for page in pages if status(root, page) == "stale"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--mark", nargs="+", metavar="docs/en/PAGE.md|.ipynb", help="mark these translations up to date"
    )
    args = parser.parse_args(argv)
    if args.mark:
        for path in args.mark:
            page = Path(path).resolve().relative_to(ROOT / "docs" / "en").as_posix()
            if not (ROOT / "docs" / "zh" / page).is_file():
                print(f"{path}: no Chinese source docs/zh/{page}", file=sys.stderr)
                return 2
            mark(ROOT, page)
            print(f"{path}: marked as translating docs/zh/{page} ({source_hash(ROOT, page)})")
        return 0
    stale = stale_pages(ROOT)
    for page in stale:
        print(f"stale translation: docs/en/{page} (docs/zh/{page} changed since it was translated)")
    if not stale:
        print("every English page translates the current Chinese page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
