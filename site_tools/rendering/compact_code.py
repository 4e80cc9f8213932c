"""Smaller highlighted code, drawn the same: fewer of Pygments' `<span>`s in a page's code blocks.

Pygments wraps every token in a `<span class="…">`, about 23 bytes a token: the code blocks were a
third of a long note's HTML. Two rewrites that change no pixel under Material's stylesheet:
- the spans Material does not colour apart from the code's own text are dropped: `n` (a plain name,
  `--md-code-hl-name-color` is `--md-code-fg-color`) and `w` (whitespace, no rule at all);
- neighbouring spans of the same class become one (`(` `)` → `()`), white space between them included,
  except for the classes Material draws as a box (inserted and deleted lines of a diff: a background,
  padding and rounded corners per span), which stay as Pygments wrote them.

Only a block whose code is the flat `<span class="x">text</span>` sequence Pygments writes is
rewritten; any other markup inside it (highlighted lines, line numbers) leaves the block as it was.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

PLAIN = frozenset({"n", "w"})  # drawn in the code's own colour by Material
BOXED = frozenset({"gd", "gi", "hll"})  # drawn with a background, padding or margin: never merged

# A Pygments block, as pymdownx.highlight and mkdocs-jupyter write it (before minification).
_BLOCK = re.compile(
    r'(?P<open><div class="[^"]*\bhighlight\b[^"]*"[^>]*><pre[^>]*>(?:<span></span>)?<code[^>]*>)'
    r"(?P<code>.*?)"
    r"(?P<close></code></pre>)",
    re.DOTALL,
)


class _Tokens(HTMLParser):
    """[(css class or None, text)] of a code block, or `flat = False` on any other markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str | None, str]] = []
        self.flat = True
        self._class: str | None = None
        self._in_span = False

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag != "span" or self._in_span or len(attrs) != 1 or not re.fullmatch(r"\w+", classes):
            self.flat = False
            return
        self._in_span, self._class = True, classes

    def handle_endtag(self, tag):
        if tag != "span" or not self._in_span:
            self.flat = False
            return
        self._in_span, self._class = False, None

    def handle_data(self, data):
        self.tokens.append((self._class, data))

    def handle_startendtag(self, tag, attrs):
        self.flat = False

    def handle_comment(self, data):
        self.flat = False


def _compact_code(code: str) -> str | None:
    parser = _Tokens()
    parser.feed(code)
    parser.close()
    if not parser.flat or parser._in_span:
        return None
    runs: list[list] = []  # [css class or None, text]
    for css, text in parser.tokens:
        css = None if css in PLAIN else css
        if css in BOXED:
            runs.append([css, text])  # one box per token, as Pygments wrote it
        elif runs and runs[-1][0] == css:
            runs[-1][1] += text
        elif (
            css is not None
            and len(runs) >= 2
            and runs[-1][0] is None
            and runs[-1][1].strip(" ") == ""  # spaces only: a newline ends a run
            and runs[-2][0] == css
        ):
            runs[-2][1] += runs.pop()[1] + text
        else:
            runs.append([css, text])
    return "".join(
        html.escape(text, quote=False)
        if css is None
        else f'<span class="{css}">{html.escape(text, quote=False)}</span>'
        for css, text in runs
    )


def compact(page_html: str) -> str:
    """The page's HTML with each Pygments code block written with fewer spans (same rendering)."""

    def rewrite(match: re.Match) -> str:
        code = _compact_code(match["code"])
        return match[0] if code is None else match["open"] + code + match["close"]

    return _BLOCK.sub(rewrite, page_html)
