"""The 404 page of each language: Chinese at /404.html, English at /en/404.html.

MkDocs renders the theme's 404.html once per build and writes it at the root of the site. Under
mkdocs-static-i18n the English build, which runs second, overwrote the Chinese page with an English
one ("404 - Not found"), there was no /en/404.html, and its language switcher led to whichever page
had been built last. The hooks give the template its words and links (`context`), point the switcher
at the two home pages (`switcher_to_homes`), and write the English build's page to en/404.html
(`path`). A 404 page is served at any depth, so every link on it is root-relative.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from site_tools import layout
from site_tools.translation import labels

TEMPLATE = "404.html"


def site_path(site_url: str) -> str:
    """The path the site is published under: `/` locally, `/notes/` for https://example.org/notes/."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else f"{path}/"


def home_url(language: str, site_url: str) -> str:
    """The root-relative URL of a language's home page."""
    root = site_path(site_url)
    return root if language == layout.SOURCE_LANGUAGE else f"{root}{language}/"


def path(site_dir: Path, language: str) -> Path:
    """Where a language's 404 page is written in the built site."""
    folder = site_dir if language == layout.SOURCE_LANGUAGE else site_dir / language
    return folder / TEMPLATE


def switcher_to_homes(alternates: list[dict], site_url: str) -> list[dict]:
    """Material's `extra.alternate` (the language switcher) with each language leading to its home."""
    return [{**alternate, "link": home_url(alternate["lang"], site_url)} for alternate in alternates]


def context(language: str, site_url: str) -> dict[str, str]:
    """What overrides/404.html prints: the words of the page in `language` and its home page's URL."""
    return {**labels.NOT_FOUND[language], "home_url": home_url(language, site_url)}
