"""Search in the reader's language: one search index per language instead of mkdocs-static-i18n's shared one.

mkdocs-static-i18n builds one index for both languages (its issues #31, #98, #202), so an English
query listed Chinese pages first. After the build, `split_by_language` rewrites it into
`search/search_index.json` (Chinese pages only) and `en/search/search_index.json` (English pages, their
locations relative to `en/`), and `search_base_for_english` points Material's search of every English
page at the second one (the `base` of the page's `__config`, from which Material fetches the index).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

INDEX = Path("search") / "search_index.json"
CONFIG_SCRIPT = '<script id="__config" type="application/json">'


SAVED = Path("search") / ".entries-of-this-site.json"
"""A `--dirty` build's record of the whole index (it indexes only the pages it rendered again)."""


def _page_of(entry: dict) -> str:
    return entry["location"].split("#", 1)[0]


def split_by_language(
    site_dir: Path, other_languages: tuple[str, ...] = ("en",), *, dirty: bool = False
) -> dict[str, int]:
    """Split the shared index; return the number of entries per language ("" for the default one).

    An entry listed twice (mkdocs-static-i18n repeats them in `--dirty` builds) is kept once.
    `dirty`: the index holds only the pages this build rendered again; the other pages keep their
    entries from the last dirty build into `site_dir` (saved there in `SAVED`; a clean build starts
    from an empty folder and saves nothing).
    """
    path = site_dir / INDEX
    if not path.is_file():
        return {}
    index = json.loads(path.read_text(encoding="utf-8"))
    entries = list({entry["location"]: entry for entry in index["docs"]}.values())
    if dirty:
        saved = site_dir / SAVED
        if saved.is_file():
            rendered = {_page_of(entry) for entry in entries}
            previous = json.loads(saved.read_text(encoding="utf-8"))
            entries = [e for e in previous if _page_of(e) not in rendered] + entries
        saved.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    docs = {language: [] for language in ("", *other_languages)}
    for doc in entries:
        language = next((lang for lang in other_languages if doc["location"].startswith(f"{lang}/")), "")
        if language:
            doc = {**doc, "location": doc["location"].removeprefix(f"{language}/")}
        docs[language].append(doc)
    for language, entries in docs.items():
        target = site_dir / language / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        # the same configuration (languages, separator) as the shared index: the tokenizer is unchanged
        target.write_text(
            json.dumps({"config": index["config"], "docs": entries}, ensure_ascii=False), encoding="utf-8"
        )
    return {language: len(entries) for language, entries in docs.items()}


def search_base_for_english(html: str, language_folder: str = "en") -> str:
    """The page with its `__config.base` moved into the language's folder (where its index is)."""
    start = html.find(CONFIG_SCRIPT)
    if start < 0:
        return html
    body_start = start + len(CONFIG_SCRIPT)
    end = html.index("</script>", body_start)
    config = json.loads(html[body_start:end])
    # a folder URL: Material resolves "search/search_index.json" and result links against it
    config["base"] = f"{config['base'].rstrip('/')}/{language_folder}/"
    text = json.dumps(config, ensure_ascii=False)
    # as Jinja's `tojson` wrote it: no "<", ">" or "&" that could end the script element early
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return html[:body_start] + text + html[end:]


_CODE_BLOCK = re.compile(
    r'<div class="(?P<classes>[^"]*\b(?:highlight|highlight-ipynb|jp-OutputArea)\b[^"]*)"'
)


def without_code(html: str) -> str:
    """A page's content with its code blocks and notebook outputs left out of search.

    Material's search skips elements marked `data-search-exclude`: search previews then show prose,
    never code (the examples' outputs are marked where they are rendered).
    """
    return _CODE_BLOCK.sub(lambda m: f'<div class="{m["classes"]}" data-search-exclude', html)
