"""The one policy for HTML that an author wrote: an allow-list of tags and attributes (nh3).

A page's Markdown, a notebook's Markdown cells and the claim sentences in them are written by
contributors: whatever HTML they hold (raw `<script>`, `<img onerror>`, a `javascript:` link, an
`{: onclick=… }` attribute) reaches the page only through `safe`, the same allow-list for both:

- notebook pages: site_tools/notebooks/page.py cleans mkdocs-jupyter's HTML with `safe`;
- Markdown pages (every note, the home, glossary and version pages): `AuthorHtml`, a Markdown
  extension the hooks add to the page's conversion, cleans the page's HTML with `safe` once Markdown
  has made it, after setting aside the HTML the build made itself: an executed block's code, output
  and figures (`BuildHTML`, returned by site_tools/mkdocs_hooks/fence.py). What the hooks add to a page's
  Markdown around the author's text (claim marks and ✓ links, notices, the version page's tables)
  is simple markup that the allow-list keeps as it is; Material's templates are never touched.
"""

from __future__ import annotations

import secrets

import nh3
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

SAFE_TAGS = nh3.ALLOWED_TAGS | {"div", "span", "pre", "code", "details", "summary", "input"}
"""What an author's HTML may hold (nh3's default set: text formatting, lists, tables, links, images,
headings), plus the containers nbconvert writes. No script, style, iframe, object, form or svg."""
SAFE_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "tabindex", "role", "aria-hidden", "aria-label"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "input": {"type", "checked", "disabled"},  # task lists
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
}


def safe(html: str) -> str:
    """`html` with only SAFE_TAGS and SAFE_ATTRIBUTES (nh3, a binding of Rust's ammonia): no event
    handlers, scripts, iframes, `javascript:` links or inline styles, whatever the author wrote."""
    return nh3.clean(
        html,
        tags=SAFE_TAGS,
        attributes=SAFE_ATTRIBUTES,
        generic_attribute_prefixes={"data-"},
        link_rel=None,
        url_schemes={"http", "https", "mailto"},
    )


class BuildHTML(str):
    """HTML the build made itself (an executed block: its code, output block and figures), which a
    fence formatter hands to Markdown's stash: placed on the page as it is, never cleaned."""


class _SetAside(Postprocessor):
    """Before Markdown puts its stash back: each BuildHTML entry becomes a token (plain text).

    Postprocessors run more than once per page (the toc extension runs them on each heading's text),
    so the tokens and what they stand for last as long as the Markdown instance (one page).
    """

    def __init__(self, md: Markdown, aside: dict[str, str]):
        super().__init__(md)
        self.aside = aside
        self.nonce = secrets.token_hex(8)  # an author cannot write a token in advance

    def run(self, text: str) -> str:
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, entry in enumerate(stash):
            if isinstance(entry, BuildHTML):
                token = f"build-html-{self.nonce}-{index}"
                self.aside[token] = entry
                stash[index] = token
        return text


class _Clean(Postprocessor):
    """Last: the page's HTML through `safe`, then the build's own HTML in place of its tokens."""

    def __init__(self, md: Markdown, aside: dict[str, str]):
        super().__init__(md)
        self.aside = aside

    def run(self, text: str) -> str:
        text = safe(text)
        raw_html = self.md.postprocessors["raw_html"]
        for token, html in self.aside.items():
            # as Markdown's raw_html postprocessor places a stashed block: unwrapped if block-level
            alone = html if raw_html.isblocklevel(html) else f"<p>{html}</p>"
            text = text.replace(f"<p>{token}</p>", alone).replace(token, html)
        return text


class AuthorHtml(Extension):
    """Markdown extension: the converted page through `safe`, the build's own HTML (BuildHTML) set aside."""

    def extendMarkdown(self, md: Markdown) -> None:
        aside: dict[str, str] = {}
        md.postprocessors.register(_SetAside(md, aside), "set_aside_build_html", 31)  # raw_html: 30
        md.postprocessors.register(_Clean(md, aside), "author_html_policy", -1000)  # the very last
