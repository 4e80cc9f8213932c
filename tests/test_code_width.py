"""Code fits its box: every line of code a page shows is at most 80 columns, in both languages.

What is measured is the code as displayed (site_tools/translation/code_comments.py: tool comments removed, the
comments in the page's language from snippets/comments.toml), where a Chinese character takes two
columns, as in a monospaced font. At 80 columns a code block needs no horizontal scroll on a desktop
(tests/browser/test_reading.py measures it in Chromium); ruff keeps the snippets' own lines at 80
(snippets/ruff.toml), this test the lines their Chinese comments make.
"""

from __future__ import annotations

import unicodedata

import pytest

from site_tools import contract, layout, notebooks
from site_tools.translation import code_comments
from tests.conftest import REPO_ROOT

COLUMNS = 80


def columns(line: str) -> int:
    """Columns a line takes in a monospaced font: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def too_wide(code: str, limit: int = COLUMNS) -> list[str]:
    """`line N (C columns): text` for every line of `code` wider than `limit`."""
    return [
        f"line {number} ({columns(line)} columns): {line}"
        for number, line in enumerate(code.splitlines(), 1)
        if columns(line) > limit
    ]


def shown_code(language: str) -> dict[str, str]:
    """{where: code as displayed} for every code block on the language's pages and notebooks."""
    shown = {}
    for page in layout.pages(REPO_ROOT, language):
        for fence in contract.fences(REPO_ROOT, language, page):
            for included in fence.includes:
                text = (REPO_ROOT / included).read_text(encoding="utf-8")
                shown[f"{included} (docs/{language}/{page})"] = code_comments.displayed(
                    text, language, REPO_ROOT
                )
    for page in layout.notebook_pages(REPO_ROOT, language):
        notebook = notebooks.read(layout.page_path(REPO_ROOT, language, page), REPO_ROOT)
        for index, code in enumerate(notebooks.code_cells(notebook), 1):
            shown[f"docs/{language}/{page}, cell {index}"] = code_comments.displayed(
                code, language, REPO_ROOT
            )
    return shown


def test_a_chinese_character_takes_two_columns():
    assert columns("x = 1") == 5
    assert columns("# 视图") == 6
    assert columns("（，）") == 6  # full-width punctuation
    assert too_wide("ok\n" + "a" * 81 + "\n" + "视" * 40) == [f"line 2 (81 columns): {'a' * 81}"]
    assert too_wide("视" * 41) != []


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_every_line_of_code_shown_fits_80_columns(language):
    shown = shown_code(language)
    assert len(shown) > 30, "the pages' code was found"
    wide = {where: lines for where, code in shown.items() if (lines := too_wide(code))}
    assert wide == {}, (
        "reflow these lines (ruff keeps snippets/ at 80; a Chinese comment in comments.toml counts twice)"
    )


def english_in(code: str, same: set[str]) -> list[str]:
    """The docstrings and the English comments of code shown on a Chinese page (`same`: comments whose
    Chinese is themselves, such as `# int64`: code, not English)."""
    found = [line.strip() for line in code.splitlines() if line.strip().startswith(('"""', "'''"))]
    return found + [
        f"# {comment.text}"
        for comment in code_comments.comments(code)
        if comment.text and comment.text not in same and not code_comments._CJK.search(comment.text)
    ]


def test_no_english_docstring_or_comment_on_a_chinese_page():
    """A Chinese page shows its code's comments in Chinese (snippets/comments.toml); a docstring would
    stay English: write a comment instead."""
    same = {text for text, chinese in code_comments.translations(REPO_ROOT).items() if text == chinese}
    english = {where: found for where, code in shown_code("zh").items() if (found := english_in(code, same))}
    assert english == {}, "write a comment, and its Chinese in snippets/comments.toml"


def test_an_english_docstring_or_comment_is_found():
    code = 'def f():\n    """Docs."""\nx = 1  # a copy\ny = 2  # 副本\nz = x  # int64\n'
    assert english_in(code, {"int64"}) == ['"""Docs."""', "# a copy"]
