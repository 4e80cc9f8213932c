"""What the repository promises about its own layout, as data the tests can check.

- every snippet `snippets/<topic>/<name>.py` has a test `tests/<topic>/test_<name>.py`;
- every page exists in `docs/zh/` and `docs/en/` under the same path;
- every snippet is included by a zh page and by its en counterpart;
- every executed block has an id naming the snippet it includes;
- a note written as a notebook exists in both languages with the same code cells, and has a
  test `tests/<topic>/test_<name>.py` like a snippet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("zh", "en")

_FENCE = re.compile(
    r"^```python(?P<options>[^\n]*)\n(?P<body>.*?)^```\s*$",
    flags=re.MULTILINE | re.DOTALL,
)
_INCLUDE = re.compile(r'--8<--\s+"(?P<path>[^"]+)"')
_ID = re.compile(r'\bid="(?P<id>[^"]*)"')


@dataclass(frozen=True)
class Fence:
    page: str  # e.g. "zh/memory/view_and_contiguity.md"
    executed: bool
    block_id: str | None
    includes: tuple[str, ...]
    draws: bool = False  # diagram="…": a memory diagram drawn from the example's tensors


def snippet_ids(root: Path) -> list[str]:
    """`memory/from_numpy_shares_memory` for snippets/memory/from_numpy_shares_memory.py."""
    snippets = root / "snippets"
    return sorted(
        p.relative_to(snippets).with_suffix("").as_posix()
        for p in snippets.rglob("*.py")
        if p.name != "__init__.py"
    )


def test_path(root: Path, snippet_id: str) -> Path:
    topic, _, name = snippet_id.rpartition("/")
    return root / "tests" / topic / f"test_{name}.py"


def pages(root: Path, language: str) -> list[str]:
    """Page paths relative to the language folder, e.g. `memory/view_and_contiguity.md`."""
    folder = root / "docs" / language
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))


def notebook_pages(root: Path, language: str) -> list[str]:
    """Notes written as notebooks, relative to the language folder, e.g. `memory/copy_or_share.ipynb`."""
    folder = root / "docs" / language
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )


def note_id(page: str) -> str:
    """`memory/copy_or_share` for memory/copy_or_share.ipynb: what its test is named after."""
    return page.rsplit(".", 1)[0]


def fences(root: Path, language: str, page: str) -> list[Fence]:
    return fences_in(f"{language}/{page}", (root / "docs" / language / page).read_text(encoding="utf-8"))


def fences_in(page: str, text: str) -> list[Fence]:
    """The ```python fences of a page's Markdown text."""
    found = []
    for match in _FENCE.finditer(text):
        options = match.group("options")
        block_id = _ID.search(options)
        found.append(
            Fence(
                page=page,
                executed='exec="on"' in options,
                block_id=block_id.group("id") if block_id else None,
                includes=tuple(m.group("path") for m in _INCLUDE.finditer(match.group("body"))),
                draws='diagram="' in options,
            )
        )
    return found


def executed_blocks(root: Path) -> list[str]:
    """The id of every executed block on every page, both languages (one entry per block)."""
    return [
        fence.block_id
        for language in LANGUAGES
        for page in pages(root, language)
        for fence in fences(root, language, page)
        if fence.executed
    ]


def note_pages(root: Path, language: str) -> list[str]:
    """The pages that execute at least one example (not the home or version page)."""
    return [page for page in pages(root, language) if any(f.executed for f in fences(root, language, page))]


def included_snippets(root: Path, language: str, page: str) -> set[str]:
    """Snippet ids a page includes (executed or shown)."""
    return {
        path.removeprefix("snippets/").removesuffix(".py")
        for fence in fences(root, language, page)
        for path in fence.includes
    }
