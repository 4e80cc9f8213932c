"""Search in the reader's language: one search index per language instead of mkdocs-static-i18n's shared one.

What a reader sees of it is also set here: each page's entry previews the page's own prose (not the
download button before its title: `with_intro_on_the_page_entry`), the reference pages rank below
the notes (`REFERENCE_BOOST`), and Material's search script is fixed where it split queries and
highlighted pages differently from the index (`patch_material_search`).

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


REFERENCE_PAGES = ("", "versions/", "glossary/", "checks/")
"""Pages (below their language folder) that list or name every note: the home page, the version page,
the glossary and how the site is checked. They rank below the notes that explain a word."""
REFERENCE_BOOST = 0.001
"""Their entries' `boost` (Material passes it to Lunr, which multiplies each entry's score by it)."""


def with_intro_on_the_page_entry(entries: list[dict]) -> list[dict]:
    """Entries where a page's own entry holds the prose under its title.

    Material's index gives what comes before a page's `<h1>` an entry of its own, at the page's
    address, and the `<h1>` section a second one (`page/#<h1 id>`). On a note that is the download
    button (left out of search: `data-search-exclude`), so the page's entry had no text, or only
    the button's words, and every preview of a page read "下载 Notebook". An entry with no text
    followed by the first section of its page (its title's) takes that section's text, and that
    section goes; the sections after it stay.
    """
    merged: list[dict] = []
    for entry in entries:
        page = merged[-1] if merged else None
        if (
            page is not None
            and "#" not in page["location"]
            and not page["text"].strip()
            and entry["location"].startswith(page["location"] + "#")
            and not page.get("_took_its_title")
        ):
            # only the section right under the title: a page with no prose there keeps its sections
            merged[-1] = {**page, "text": entry["text"], "_took_its_title": True}
            continue
        merged.append(entry)
    return [{k: v for k, v in entry.items() if k != "_took_its_title"} for entry in merged]


def _boosted(entry: dict) -> dict:
    if _page_of(entry) in REFERENCE_PAGES:
        return {**entry, "boost": REFERENCE_BOOST}
    return entry


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
    entries = with_intro_on_the_page_entry(entries)
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
        docs[language].append(_boosted(doc))
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


# ---------------------------------------------------------------------------------------------------
# Material's search script (9.8.2), fixed in the built site
# ---------------------------------------------------------------------------------------------------

SEARCH_WORKER_FIXES = (
    # Its query segmentation (query/segment) tried every part of a Chinese query but the whole: 原地
    # became 原, which listed every page with 原 and highlighted each 原 on the page opened.
    (
        r"for\(let (\w)=(\w)\+1;\1<(\w)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ",
        r"for(let \1=\2+1;\1<=\3.length;\1++)\3.slice(\2,\1)in ",
        r"for\(let (\w)=(\w)\+1;\1<=(\w)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ",
    ),
    # Lunr splits a query at its own separator ([\s\-]+), not the site's: "in-place" was "in" and
    # "place", and found every page with "in". The query is split as the index is.
    (
        r"lunr\.tokenizer\.separator=new RegExp\((\w)\.separator\)",
        r"lunr.tokenizer.separator=lunr.QueryLexer.termSeparator=new RegExp(\1.separator)",
        r"lunr\.tokenizer\.separator=lunr\.QueryLexer\.termSeparator=new RegExp",
    ),
)
BUNDLE_FIXES = (
    # The page highlighter (search.highlight) turned "in-place" into "in place" and marked every "in".
    (
        r'\.replace\(/\[\\s\*\+\\-:~\^\]\+/g," "\)',
        r'.replace(/[\\s*+:~^]+/g," ")',
        r'\.replace\(/\[\\s\*\+:~\^\]\+/g," "\)',
    ),
)
"""(what Material's minified script has, what it becomes, what it has once fixed): regular expressions."""


def fixed(script: str, fixes: tuple[tuple[str, str, str], ...], name: str) -> str:
    """`script` with each fix applied once; unchanged where it is fixed already (a second build into the
    same folder). Raises head.MaterialChanged where the code to fix is not found exactly once."""
    from site_tools.mkdocs_hooks.head import MaterialChanged

    for pattern, replacement, patched in fixes:
        if re.search(patched, script) and not re.search(pattern, script):
            continue
        script, count = re.subn(pattern, replacement, script)
        if count != 1:
            raise MaterialChanged(
                f"Material's {name} has {count} matches of {pattern!r} (expected 1): its search changed. "
                "Check whether the fix is still needed and update site_tools/mkdocs_hooks/search_index.py."
            )
    return script


def patch_material_search(site_dir: Path) -> list[Path]:
    """Apply SEARCH_WORKER_FIXES and BUNDLE_FIXES to the built site's scripts; return the files patched."""
    from site_tools.mkdocs_hooks.head import MaterialChanged

    javascripts = site_dir / "assets" / "javascripts"
    patched = []
    for pattern, fixes, name in (
        ("workers/search.*.min.js", SEARCH_WORKER_FIXES, "search worker"),
        ("bundle.*.min.js", BUNDLE_FIXES, "bundle"),
    ):
        paths = sorted(javascripts.glob(pattern))
        if not paths:
            raise MaterialChanged(f"no Material {name} (assets/javascripts/{pattern}) in {site_dir}")
        for path in paths:
            script = path.read_text(encoding="utf-8")
            new = fixed(script, fixes, name)
            if new != script:
                path.write_text(new, encoding="utf-8")
            patched.append(path)
    return patched
