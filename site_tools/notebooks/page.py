"""A notebook note's page: mkdocs-jupyter's HTML made to behave like the site's other pages.

Also the download button every note page carries (the page as a notebook, written by the hooks).
"""

from __future__ import annotations

import html as html_module
import re
from typing import Any

from markupsafe import Markup

from site_tools.rendering import templates
from site_tools.rendering.output import visible_text
from site_tools.rendering.safe_html import safe  # the policy for whatever an author wrote
from site_tools.translation import labels

_INLINED = re.compile(
    r"<(style|script)\b[^>]*>.*?</\1>\s*"  # JupyterLab's CSS, MathJax/Mermaid from a CDN, clipboard JS
    r"|<!--.*?-->\s*"
    r'|<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*'  # needs the dropped JS
    r'|<div class="clipboard-copy-txt" id="cell-\d+">.*?</div>\s*'  # its hidden copy of the code
    r'|<div class="jp-(?:Collapser|InputPrompt|OutputPrompt)\b[^"]*"[^>]*>[^<]*</div>\s*',  # In [1]: etc.
    flags=re.DOTALL | re.IGNORECASE,
)
_CODE = re.compile(r'(<div class="highlight-ipynb[^"]*"><pre>)<span></span>(.*?)</pre>', flags=re.DOTALL)
_HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="[^"]*">(?P<inner>.*?)<a class="anchor-link" href="#[^"]*">¶</a></h(?P=level)>',
    flags=re.DOTALL,
)


def tidy_rendered_notebook(
    html: str, slugify: Any, language: str | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """mkdocs-jupyter's page body made to behave like the site's other pages; and its TOC tokens.

    - The `<style>`/`<script>` elements it inlines go: JupyterLab's stylesheet (~575 KB, on every
      notebook page), MathJax and Mermaid loaded from a CDN, a clipboard helper. The notes hold
      Markdown, code and text outputs; docs/assets/extra.css styles those. So do the prompts
      (In [1]:) and the empty collapser boxes that only JupyterLab's stylesheet lays out.
    - Code goes into `<pre><code>`, so Material adds its copy button, as on the other pages.
    - Whatever a notebook's Markdown cells hold, only a safe subset of HTML is kept (`safe`).
    - Each cell's outputs go into the collapsed output block of the Markdown pages (given `language`).
    - A heading's `{ #id }` (as on the Markdown pages) is its id; other headings get ids from the site's
      own slugify (mkdocs-jupyter's drops Chinese characters,
      giving empty or clashing ids) and Material's permalink; the TOC is rebuilt from them,
      since mkdocs-jupyter's TOC ids do not match its own headings.
    """
    html = safe(_INLINED.sub("", html))
    html = _CODE.sub(r"\1<code>\2</code></pre>", html)
    tokens: list[dict[str, Any]] = []
    open_tokens: list[dict[str, Any]] = []
    used: set[str] = set()

    def heading(match: re.Match) -> str:
        level, inner = int(match["level"]), match["inner"].strip()
        explicit = _ANCHOR.search(inner)  # `## 标题 { #english-id }`, as on the Markdown pages
        inner = _ANCHOR.sub("", inner).strip()
        name = re.sub(r"<[^>]+>", "", inner)
        anchor = base = explicit["id"] if explicit else slugify(html_module.unescape(name), "-") or "section"
        number = 0
        while anchor in used:
            number += 1
            anchor = f"{base}_{number}"
        used.add(anchor)
        token = {"level": level, "id": anchor, "name": name, "children": []}
        while open_tokens and open_tokens[-1]["level"] >= level:
            open_tokens.pop()
        (open_tokens[-1]["children"] if open_tokens else tokens).append(token)
        open_tokens.append(token)
        return (
            f'<h{level} id="{anchor}">{inner}<a class="headerlink" href="#{anchor}" '
            f'title="{labels.PERMALINK[language or "en"]}">¶</a></h{level}>'
        )

    html = _HEADING.sub(heading, html)
    if language is not None:
        html = collapsed_outputs(html, language)
    return html, tokens


_ANCHOR = re.compile(r"\s*\{\s*#(?P<id>[A-Za-z][\w-]*)\s*\}\s*$")
_OUTPUT_WRAPPER = re.compile(r'<div class="jp-Cell-outputWrapper">')
_DIV = re.compile(r"<div\b|</div>")


def collapsed_outputs(html: str, language: str) -> str:
    """Each code cell's outputs in the collapsed block the Markdown pages use (same label, same look,
    the same visible marks for control characters)."""
    parts, at = [], 0
    for match in _OUTPUT_WRAPPER.finditer(html):
        if match.start() < at:
            continue
        depth, end = 1, None
        for tag in _DIV.finditer(html, match.end()):
            depth += 1 if tag[0] == "<div" else -1
            if depth == 0:
                end = tag.start()
                break
        if end is None:
            break
        inner = html[match.end() : end]
        if "jp-OutputArea-output" not in inner:  # a cell without output: nothing to collapse
            continue
        # what the cell printed, as the Markdown pages show it: control characters (a terminal's escape
        # sequences) and bidi overrides as visible marks; markup has none, so the whole block is safe.
        # HTML already: tidy_rendered_notebook cleaned it (`safe`) before collapsing it here
        inner = Markup(visible_text(inner))
        block = templates.render("output.html", label=labels.OUTPUT[language], cell_html=inner)
        parts += [html[at : match.end()], block]
        at = end
    parts.append(html[at:])
    return "".join(parts)


def download_button(file_name: str, language: str) -> str:
    """The page's notebook link, placed like Material's edit button (top right of the content).

    An icon and words ("下载 Notebook" / "Download notebook"): the words are the link's name, for
    screen readers and voice control alike (no aria-label to differ from them); the title says more.
    Left out of search (`data-search-exclude`): it is the first text of the page, not its prose.
    """
    title = labels.NOTEBOOK[language]["download"]
    return templates.render(
        "download_button.html", file_name=file_name, title=title, words=labels.DOWNLOAD[language]
    )
