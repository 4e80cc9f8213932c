"""The ```python fences of the pages, parsed in one place, and what the repository promises about them.

- every snippet `snippets/<topic>/<name>.py` has a test `tests/<topic>/test_<name>.py`;
- every page exists in `docs/zh/` and `docs/en/` under the same path;
- every snippet is included by a zh page and by its en counterpart;
- every executed block has an id naming the snippet it includes;
- a note written as a notebook exists in both languages with the same code cells, and has a
  test `tests/<topic>/test_<name>.py` like a snippet.

Where the files are is site_tools/layout.py's business; this module reads what the pages say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from site_tools import layout

_FENCE = re.compile(
    r"^```python(?P<options>[^\n]*)\n(?P<body>.*?)^```[ \t]*$\n?",
    flags=re.MULTILINE | re.DOTALL,
)
_INCLUDE = re.compile(r'--8<--\s+"(?P<path>[^"]+)"')
_OPTION = re.compile(r'(?P<key>[\w-]+)="(?P<value>[^"]*)"')


@dataclass(frozen=True)
class Fence:
    page: str  # e.g. "zh/memory/view_and_contiguity.md"
    executed: bool
    block_id: str | None
    includes: tuple[str, ...]
    options: dict[str, str] = field(default_factory=dict)  # key="value" options of the fence line
    span: tuple[int, int] = (0, 0)  # where the fence is in the page's text

    @property
    def draws(self) -> bool:
        """diagram="…": a memory diagram drawn from the example's tensors."""
        return "diagram" in self.options


def fences(root: Path, language: str, page: str) -> list[Fence]:
    path = layout.page_path(root, language, page)
    return fences_in(f"{language}/{page}", path.read_text(encoding="utf-8"))


def fences_in(page: str, text: str) -> list[Fence]:
    """The ```python fences of a page's Markdown text."""
    found = []
    for match in _FENCE.finditer(text):
        options = {m["key"]: m["value"] for m in _OPTION.finditer(match.group("options"))}
        found.append(
            Fence(
                page=page,
                executed=options.get("exec") == "on",
                block_id=options.get("id"),
                includes=tuple(m.group("path") for m in _INCLUDE.finditer(match.group("body"))),
                options=options,
                span=match.span(),
            )
        )
    return found


def executed_blocks(root: Path) -> list[str]:
    """The id of every executed block on every page, both languages (one entry per block)."""
    return [
        fence.block_id
        for language in layout.LANGUAGES
        for page in layout.pages(root, language)
        for fence in fences(root, language, page)
        if fence.executed
    ]


def note_pages(root: Path, language: str) -> list[str]:
    """The pages that execute at least one example (not the home or version page)."""
    return [
        page for page in layout.pages(root, language) if any(f.executed for f in fences(root, language, page))
    ]


def included_snippets(root: Path, language: str, page: str) -> set[str]:
    """Snippet ids a page includes (executed or shown)."""
    return {
        path.removeprefix("snippets/").removesuffix(".py")
        for fence in fences(root, language, page)
        for path in fence.includes
    }
