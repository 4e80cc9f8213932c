"""What a page says about itself outside its text: browser title, description, language alternates.

- browser_title: one rule in both languages: a home page is the site's name alone, any other page
  "<page title> - <site name>" (Material gave the English home page "Home - PyTorch Notes").
- description: the page's front matter `description:`, else its first paragraph of prose, as plain
  text trimmed to about 160 characters: in the page's language, and different on every page.
- alternate_links: `<link rel="alternate" hreflang>` to both language versions of the page and
  x-default (the Chinese one), as absolute URLs under `site_url`.
- without_sitemap_lookup: Material's script fetches `<href>sitemap.xml` for every
  `link[rel=alternate]` of a page (integrations/alternate: it expects links to language *roots*, each
  with its own sitemap). Pointed at pages, that made 404 requests on every load, so the lookup skips
  links that carry `hreflang`; the language switcher already links each page to its counterpart.

Pure functions on strings (and a folder, for the script); site_tools/mkdocs_hooks/hooks.py calls them.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from markupsafe import Markup

from site_tools import layout

# ---------------------------------------------------------------------------------------------------
# Languages and URLs
# ---------------------------------------------------------------------------------------------------

HREFLANG = {"zh": "zh-Hans", "en": "en"}
"""The `hreflang` of each language's pages (BCP 47: the Chinese pages are in simplified characters)."""


def language_of(url: str) -> str:
    """The language of a page from its URL: `en/…` is English, everything else Chinese (at the root)."""
    return next((lang for lang in layout.LANGUAGES if url.startswith(f"{lang}/")), layout.SOURCE_LANGUAGE)


def in_language(url: str) -> str:
    """A page's URL below its language folder: `en/memory/x/` -> `memory/x/`; `en/` -> ``."""
    language = language_of(url)
    return url if language == layout.SOURCE_LANGUAGE else url.removeprefix(f"{language}/")


def url_in(language: str, url: str) -> str:
    """The URL of the page at `url` (below its language folder) in `language`."""
    return url if language == layout.SOURCE_LANGUAGE else f"{language}/{url}"


def is_home(url: str) -> bool:
    return in_language(url) == ""


# ---------------------------------------------------------------------------------------------------
# Title
# ---------------------------------------------------------------------------------------------------


def browser_title(title: str, site_name: str, *, home: bool) -> str:
    """The `<title>`: the site's name on a home page, "<page title> - <site name>" on any other."""
    return site_name if home or not title else f"{title} - {site_name}"


# ---------------------------------------------------------------------------------------------------
# Description
# ---------------------------------------------------------------------------------------------------

DESCRIPTION_LENGTH = 160

# Not prose of the page: boxes (notices, the original notes' quotations), outputs, figures, tables.
_NOT_PROSE_TAGS = {"details", "figure", "blockquote", "table", "nav", "aside"}
_NOT_PROSE_CLASSES = {"admonition", "jp-OutputArea", "jp-CodeCell", "build-info"}
_SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s)")
_PAUSE = re.compile(r"[，、；：,;:]|\s")


def _is_prose(paragraph) -> bool:
    return not any(
        parent.name in _NOT_PROSE_TAGS or _NOT_PROSE_CLASSES & set(parent.get("class", []))
        for parent in paragraph.parents
    )


def _text(element) -> str:
    return " ".join(element.get_text().replace("\u200b", "").replace("\u2060", "").split())


def _is_cross_reference(paragraph, text: str) -> bool:
    """A paragraph that points elsewhere ("For what a stride is, see <a>…</a>."): a third is a link."""
    linked = sum(len(_text(link)) for link in paragraph.find_all("a"))
    return 3 * linked >= len(text)


def first_paragraph(html: str, *, look_first: tuple[int, ...] = (2, 8)) -> str:
    """The text of the first paragraph of prose in a page's HTML ("" if it has none), passing over
    boxes, quotations, figures and tables, and over a paragraph that only points to another page.

    The HTML up to its second `</p>` is parsed first, then up to its eighth (`look_first`; or its
    last, if it has fewer), and the whole page only if no paragraph there qualifies. Each paragraph
    in such a prefix is read whole, with all its ancestors, so the answer is the page's, provided
    `</p>` appears only as an end tag, as in the HTML Python-Markdown writes (a page with an HTML
    comment is parsed whole).
    """
    ends = [match.end() for match in re.finditer("</p>", html)]
    if ends and "<!--" not in html:
        for count in look_first:
            found = _first_paragraph(html[: ends[min(count, len(ends)) - 1]])
            if found:
                return found
            if count >= len(ends):
                break
    return _first_paragraph(html)


def _first_paragraph(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for marker in soup.select("a.claim-check, sup, .headerlink"):
        marker.decompose()  # the claims' ✓ links, footnote marks, heading anchors
    for paragraph in soup.find_all("p"):
        text = _text(paragraph)
        if text and _is_prose(paragraph) and not _is_cross_reference(paragraph, text):
            return text
    return ""


def trimmed(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """`text` in at most `limit` characters: cut after its last whole sentence that fits, else at a
    pause (a space or a comma) with an ellipsis; never in the middle of an English word."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]  # room for the ellipsis
    sentences = [m.end() for m in _SENTENCE_END.finditer(text[:limit])]
    if sentences and sentences[-1] >= limit // 2:
        return text[: sentences[-1]]
    pauses = [m.start() for m in _PAUSE.finditer(head)]
    if pauses and pauses[-1] >= limit // 2:
        head = head[: pauses[-1]]
    elif re.match(r"\w", text[limit - 1]) and re.search(r"[A-Za-z0-9_]$", head):
        head = head[: re.search(r"[A-Za-z0-9_]+$", head).start()]  # a long English word: drop it whole
    return head.rstrip(" ，、；：,;:") + "…"


def description(html: str, front_matter: str | None = None, *, limit: int = DESCRIPTION_LENGTH) -> str:
    """The page's description: its front matter's, else its first paragraph of prose, trimmed."""
    if front_matter and front_matter.strip():
        return front_matter.strip()
    return trimmed(first_paragraph(html), limit)


# ---------------------------------------------------------------------------------------------------
# Alternates
# ---------------------------------------------------------------------------------------------------


def alternates(page_url: str, site_url: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of the page in each language, then x-default (the Chinese page).

    Without a `site_url`, the URLs are root-relative.
    """
    base = site_url or "/"
    if not base.endswith("/"):
        base += "/"
    url = in_language(page_url)
    found = [(HREFLANG[lang], urljoin(base, url_in(lang, url))) for lang in layout.LANGUAGES]
    return [*found, ("x-default", urljoin(base, url_in(layout.SOURCE_LANGUAGE, url)))]


def alternate_links(page_url: str, site_url: str) -> Markup:
    """The `<link rel="alternate" hreflang>` tags of a page, for its `<head>`."""
    return Markup("").join(
        Markup('<link rel="alternate" hreflang="{}" href="{}">').format(lang, href)
        for lang, href in alternates(page_url, site_url)
    )


# ---------------------------------------------------------------------------------------------------
# Material's alternate-language lookup
# ---------------------------------------------------------------------------------------------------

MATERIAL_SELECTOR = '"link[rel=alternate]"'
"""What Material's bundle (integrations/alternate) selects to fetch a sitemap for each link."""
WITHOUT_HREFLANG = '"link[rel=alternate]:not([hreflang])"'


class MaterialChanged(RuntimeError):
    """Material's script no longer looks as this module expects (after an upgrade)."""


def without_sitemap_lookup(script: str) -> str:
    """Material's bundle, its alternate-language lookup skipping `link[rel=alternate][hreflang]`."""
    if WITHOUT_HREFLANG in script and MATERIAL_SELECTOR not in script:
        return script  # done already (an earlier build into the same folder)
    if script.count(MATERIAL_SELECTOR) != 1:
        raise MaterialChanged(
            f"Material's bundle has {script.count(MATERIAL_SELECTOR)} occurrences of {MATERIAL_SELECTOR} "
            "(expected 1): its alternate-language lookup (integrations/alternate) changed. Check whether it "
            "still fetches <href>sitemap.xml for every <link rel=alternate>, and update "
            "site_tools/mkdocs_hooks/head.py (without_sitemap_lookup)."
        )
    return script.replace(MATERIAL_SELECTOR, WITHOUT_HREFLANG)


def patch_material_bundle(site_dir: Path) -> list[Path]:
    """Apply `without_sitemap_lookup` to the bundle(s) in the built site; return the files patched."""
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if not bundles:
        raise MaterialChanged(f"no Material bundle (assets/javascripts/bundle.*.min.js) in {site_dir}")
    for bundle in bundles:
        script = bundle.read_text(encoding="utf-8")
        patched = without_sitemap_lookup(script)
        if patched != script:
            bundle.write_text(patched, encoding="utf-8")
    return bundles
