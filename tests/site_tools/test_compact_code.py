"""Highlighted code with fewer spans, drawn the same (site_tools/rendering/compact_code.py).

"Drawn the same" is checked character by character: every character of the code keeps the colour
class Material gives it, on real Pygments output of the project's own snippets; and Material's
stylesheet is read to confirm that the dropped classes are drawn in the code's own colour.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import material
import pytest

from site_tools import layout
from site_tools.rendering import compact_code


def highlighted(code: str, **options) -> str:
    fence = "```python" + "".join(f' {k}="{v}"' for k, v in options.items())
    return markdown.markdown(
        f"{fence}\n{code}\n```", extensions=["pymdownx.highlight", "pymdownx.superfences"]
    )


class Colours(HTMLParser):
    """Each character of a page's <code> text with the innermost span class around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.chars: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(dict(attrs).get("class") if tag == "span" else None)

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        css = next((c for c in reversed(self.stack) if c), None)
        drawn = None if css in compact_code.PLAIN else css
        self.chars += [(ch, drawn if ch.strip() else None) for ch in data]  # spaces show no colour


def colours(page: str) -> list:
    parser = Colours()
    parser.feed(page)
    return parser.chars


SNIPPETS = [p for p in sorted(layout.ROOT.glob("snippets/**/*.py")) if p.name != "__init__.py"]


@pytest.mark.parametrize("snippet", SNIPPETS[:12], ids=lambda p: p.stem)
def test_every_character_keeps_its_colour_and_the_block_gets_smaller(snippet: Path):
    page = highlighted(snippet.read_text(encoding="utf-8"))
    smaller = compact_code.compact(page)
    assert colours(smaller) == colours(page)
    assert len(smaller) < len(page)
    assert 'class="n"' not in smaller
    assert 'class="w"' not in smaller


def test_neighbouring_tokens_of_one_class_become_one_span():
    page = highlighted("x = a(b) (c)")
    assert '<span class="p">)</span> <span class="p">(</span>' in page
    smaller = compact_code.compact(page)
    assert 'a<span class="p">(</span>b<span class="p">) (</span>c<span class="p">)</span>' in smaller


def test_markup_characters_stay_escaped():
    page = highlighted('s = "<b>&amp;</b>" if a < b else x > y')
    smaller = compact_code.compact(page)
    assert colours(smaller) == colours(page)
    assert "<b>" not in smaller
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in smaller


def test_a_newline_ends_a_run():
    smaller = compact_code.compact(highlighted("a = (\n)"))
    assert '<span class="p">(</span>\n<span class="p">)</span>' in smaller


def test_a_block_with_other_markup_is_left_as_it_was():
    page = highlighted("a = 1\nb = 2\n", hl_lines="2")  # highlighted line: nested spans
    assert 'class="hll"' in page
    assert compact_code.compact(page) == page


def test_diff_lines_keep_one_box_per_token():
    """Material draws inserted and deleted lines with a background, padding and rounded corners per
    span: merging two would change the boxes (the counter-case of the merge rule)."""
    page = markdown.markdown(
        "```diff\n+ added line\n+ another\n- removed\n```",
        extensions=["pymdownx.highlight", "pymdownx.superfences"],
    )
    smaller = compact_code.compact(page)
    assert smaller.count('class="gi"') == page.count('class="gi"') == 2
    assert smaller.count('class="gd"') == page.count('class="gd"') == 1


def test_materials_stylesheet_draws_the_dropped_classes_in_the_codes_own_colour():
    """The counter-case: if Material ever colours names or whitespace, this fails."""
    css = "".join(
        p.read_text(encoding="utf-8")
        for p in (Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css")
    )
    assert ".highlight .n{color:var(--md-code-hl-name-color)}" in css
    assert set(re.findall(r"--md-code-hl-name-color:([^;}]+)", css)) == {"var(--md-code-fg-color)"}
    assert not re.search(r"\.highlight \.w[,{\s]", css)  # no rule for whitespace tokens
    assert not re.search(r"\.highlight \.n[,\s]", css)  # `.n` is not grouped with a coloured class
