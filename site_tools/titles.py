"""Page titles: the nav of mkdocs.yml (Chinese titles, and their English translations under the i18n
plugin's `nav_translations`), the pages' own `# ` titles, and the rules they follow.

- The nav title of a page is its `# ` title, or the part of it before or after a colon or question
  mark (a long title's subtitle: "Copy or Share? Creating Tensors from Data" is "Copy or Share" in
  the nav). The home pages are titled with the site's name and are "首页" / "Home" in the nav.
- English titles are in Title Case: every word capitalized but articles, conjunctions and short
  prepositions (not as the first word); code (`view()`, `permute()`) keeps its own case.

tests/test_site_contract.py checks both on every page; the browser title is site_tools/mkdocs_hooks/head.py's.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from site_tools import claims, layout

HOME = "index.md"

MINOR_WORDS = frozenset(
    "a an the and but or nor for so yet as at by from in into of off on onto per to up via vs with".split()
)
"""Lowercase in Title Case unless first (Chicago style)."""


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its `!ENV` and `!!python/…` tags are read as nothing."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def _config(root: Path) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def _leaves(items) -> list[tuple[str, str]]:
    found = []
    for item in items:
        for title, target in item.items():
            found.extend(_leaves(target) if isinstance(target, list) else [(target, title)])
    return found


def _sections(items) -> list[str]:
    found = []
    for item in items:
        for title, target in item.items():
            if isinstance(target, list):
                found += [title, *_sections(target)]
    return found


def nav_translations(root: Path, language: str = "en") -> dict[str, str]:
    """The i18n plugin's `nav_translations` for `language`: {Chinese nav title: its translation}."""
    for plugin in _config(root)["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for entry in plugin["i18n"]["languages"]:
                if entry["locale"] == language:
                    return dict(entry.get("nav_translations") or {})
    return {}


def nav_titles(root: Path, language: str) -> dict[str, str]:
    """{page: its nav title in `language`} for every page in the nav (`memory/x.md`: "…")."""
    leaves = dict(_leaves(_config(root)["nav"]))
    if language == layout.SOURCE_LANGUAGE:
        return leaves
    translations = nav_translations(root, language)
    return {page: translations.get(title, title) for page, title in leaves.items()}


def nav_sections(root: Path, language: str) -> list[str]:
    """The nav's section titles in `language` ("内存共享" / "Memory Sharing", …)."""
    sections = _sections(_config(root)["nav"])
    if language == layout.SOURCE_LANGUAGE:
        return sections
    translations = nav_translations(root, language)
    return [translations.get(title, title) for title in sections]


def heading(root: Path, language: str, page: str) -> str:
    """A page's `# ` title (of a notebook: in its Markdown cells), without its `{ #anchor }`."""
    match = re.search(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", claims.page_markdown(root, language, page), re.M)
    return match.group(1).strip() if match else ""


def agrees(nav_title: str, page_heading: str) -> bool:
    """Whether a nav title is the page's title, or its part before or after a colon or question mark."""
    if nav_title == page_heading:
        return True
    parts = [p.strip() for p in re.split(r"[:：?？]", page_heading)]
    return nav_title in parts or nav_title.rstrip("?？") in parts


def is_code(word: str) -> bool:
    """`view()`, `x.shape`, `data_ptr`: code keeps its own case."""
    return bool(re.search(r"[()._`]", word))


def not_title_case(title: str) -> list[str]:
    """The words of an English title that break Title Case (empty when it follows it)."""
    wrong = []
    words = title.split()
    for index, word in enumerate(words):
        after_break = index == 0 or words[index - 1][-1] in ":?"
        for part in word.split("-"):
            letters = part.strip("\"'“”‘’()[]:?!,")
            if not letters or not letters[0].isalpha() or is_code(part):
                continue
            minor = letters.lower() in MINOR_WORDS and not after_break
            if (letters != letters.lower()) if minor else not letters[0].isupper():
                wrong.append(word)
                break
            after_break = False  # the parts after a hyphen follow the rule of any word
    return wrong


def site_name(root: Path, language: str) -> str:
    """The site's name in `language`: the home page's title, and the browser title's suffix."""
    config = _config(root)
    if language != layout.SOURCE_LANGUAGE:
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "i18n" in plugin:
                for entry in plugin["i18n"]["languages"]:
                    if entry["locale"] == language and entry.get("site_name"):
                        return entry["site_name"]
    return config["site_name"]
