"""The layout promises of site_tools/contract.py, checked on this repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_tools import contract, layout

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = layout.snippet_ids(ROOT)


def test_there_are_snippets_and_pages():
    assert len(SNIPPETS) >= 20
    assert "index.md" in layout.pages(ROOT, "zh")


def test_every_page_has_its_counterpart_in_the_other_language():
    zh, en = set(layout.pages(ROOT, "zh")), set(layout.pages(ROOT, "en"))
    assert zh - en == set(), "translate these zh pages into docs/en/ (same path)"
    assert en - zh == set(), "these en pages have no Chinese source in docs/zh/ (same path)"


@pytest.mark.parametrize("snippet_id", SNIPPETS)
def test_every_snippet_has_a_test(snippet_id):
    path = layout.test_path(ROOT, snippet_id)
    assert path.is_file(), f"add {path.relative_to(ROOT)}: run the snippet and assert its claim"


@pytest.mark.parametrize("snippet_id", SNIPPETS)
def test_every_snippet_is_included_by_a_zh_page_and_its_en_counterpart(snippet_id):
    including = {
        language: {
            page
            for page in layout.pages(ROOT, language)
            if snippet_id in contract.included_snippets(ROOT, language, page)
        }
        for language in layout.LANGUAGES
    }
    assert including["zh"], f'include snippets/{snippet_id}.py in a page under docs/zh/ (--8<-- "...")'
    assert including["zh"] == including["en"], (
        f"snippets/{snippet_id}.py must be included by the same pages in both languages: {including}"
    )


def test_every_executed_block_names_the_one_snippet_it_includes():
    for language in layout.LANGUAGES:
        for page in layout.pages(ROOT, language):
            for fence in contract.fences(ROOT, language, page):
                if not fence.executed:
                    continue
                assert fence.block_id, f'{fence.page}: give the executed block id="<topic>/<snippet>"'
                assert fence.includes == (f"snippets/{fence.block_id}.py",), (
                    f'{fence.page}: the block id="{fence.block_id}" must contain exactly '
                    f'--8<-- "snippets/{fence.block_id}.py"'
                )


def test_zh_and_en_pages_execute_the_same_blocks_in_the_same_order():
    for page in layout.pages(ROOT, "zh"):
        ids = {
            lang: [f.block_id for f in contract.fences(ROOT, lang, page) if f.executed]
            for lang in layout.LANGUAGES
        }
        assert ids["zh"] == ids["en"], f"{page}: executed blocks differ between languages"


def test_shown_only_snippets_are_the_gpu_ones():
    """A snippet that is included but never executed must be GPU-only and say so in its name."""
    shown_only = set(SNIPPETS) - set(contract.executed_blocks(ROOT))
    assert shown_only == {s for s in SNIPPETS if "gpu" in s}


def test_every_page_is_in_the_nav():
    import re

    in_nav = set(
        re.findall(
            r"^\s+- [^:\n]+: (\S+\.(?:md|ipynb))\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M
        )
    )
    missing = set(layout.pages(ROOT, "zh") + layout.notebook_pages(ROOT, "zh")) - in_nav
    assert missing == set(), (
        f"add each of {sorted(missing)} to nav: in mkdocs.yml as '<中文标题>: <page>', "
        "and its English title under nav_translations"
    )


@pytest.mark.parametrize("page", layout.pages(ROOT, "en") + layout.notebook_pages(ROOT, "en"))
def test_every_english_page_records_which_chinese_page_it_translates(page):
    from site_tools.translation import freshness

    assert freshness.status(ROOT, page) != "unmarked", (
        f"docs/en/{page} does not say which Chinese text it translates: once it is up to date, run "
        f"python -m site_tools.translation.freshness --mark docs/en/{page}"
    )


def test_nothing_is_left_to_fill_in():
    from site_tools.new import MARKER

    left = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("docs", "snippets", "tests")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in {".md", ".py", ".ipynb"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if MARKER in line
    ]
    assert left == [], f"fill in each {MARKER} left by python -m site_tools.new: {left}"


# --- notes written as notebooks ---------------------------------------------------------------------

NOTEBOOKS = layout.notebook_pages(ROOT, "zh")


def test_there_is_a_note_written_as_a_notebook():
    assert "memory/copy_or_share.ipynb" in NOTEBOOKS


def test_every_notebook_has_its_counterpart_in_the_other_language():
    zh, en = set(NOTEBOOKS), set(layout.notebook_pages(ROOT, "en"))
    assert zh - en == set(), "translate these zh notebooks into docs/en/ (same path)"
    assert en - zh == set(), "these en notebooks have no Chinese source in docs/zh/ (same path)"


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_every_notebook_note_has_a_test(page):
    path = layout.test_path(ROOT, layout.note_id(page))
    assert path.is_file(), f"add {path.relative_to(ROOT)}: run the notebook's cells and assert its claims"


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_notebooks_are_valid_python_notebooks_committed_without_outputs(page):
    from site_tools import notebooks

    for language in layout.LANGUAGES:
        notebooks.read(ROOT / "docs" / language / page)  # raises with what to do


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_both_languages_of_a_notebook_run_the_same_code(page):
    from site_tools import notebooks

    code = {
        language: notebooks.code_cells(notebooks.read(ROOT / "docs" / language / page))
        for language in layout.LANGUAGES
    }
    assert code["zh"], f"docs/zh/{page} has no code cells"
    assert code["zh"] == code["en"], (
        f"docs/en/{page} must have the same code cells as docs/zh/{page} (translate the Markdown cells only)"
    )


# --- Titles: nav and page agree; English in Title Case (site_tools/titles.py) --------------------------


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_every_nav_title_agrees_with_its_pages_title(language):
    from site_tools import titles

    disagree = {}
    for page, nav_title in titles.nav_titles(ROOT, language).items():
        heading = titles.heading(ROOT, language, page)
        if page == titles.HOME:  # "首页" / "Home" in the nav; the page is titled with the site's name
            if heading != titles.site_name(ROOT, language):
                disagree[page] = (nav_title, heading)
        elif not titles.agrees(nav_title, heading):
            disagree[page] = (nav_title, heading)
    assert disagree == {}, (
        f"the nav title (mkdocs.yml; English: nav_translations) and the `# ` title of each docs/{language}/ "
        "page must agree: the same words, or the nav taking the part before or after a colon or question mark"
    )


def test_english_titles_are_in_title_case():
    from site_tools import titles

    english = {f"nav: {t}": t for t in titles.nav_translations(ROOT, "en").values()}
    for page in layout.pages(ROOT, "en") + layout.notebook_pages(ROOT, "en"):
        english[f"docs/en/{page}"] = titles.heading(ROOT, "en", page)
    wrong = {where: titles.not_title_case(title) for where, title in english.items()}
    assert {where: words for where, words in wrong.items() if words} == {}, (
        "English titles capitalize every word but articles, conjunctions and short prepositions "
        "(code such as view() keeps its case). A page's English title is written in three places: its "
        "`# ` heading in docs/en/, and in mkdocs.yml both the nav entry's key under the English "
        "`nav_translations` and (for the Chinese nav title it translates) the nav itself: change all three"
    )


def line_of(fence: contract.Fence) -> int:
    text = layout.page_path(ROOT, *fence.page.split("/", 1)).read_text(encoding="utf-8")
    return text[: fence.span[0]].count("\n") + 1


def test_executed_blocks_use_only_the_fence_options_the_build_knows():
    """What a build would refuse, found without building: page and line, and the option meant."""
    import difflib

    from site_tools.mkdocs_hooks.fence import ALLOWED_OPTIONS

    unknown = []
    for language in layout.LANGUAGES:
        for page in layout.pages(ROOT, language):
            for fence in contract.fences(ROOT, language, page):
                for key in (k for k in fence.options if fence.executed and k not in ALLOWED_OPTIONS):
                    close = difflib.get_close_matches(key, ALLOWED_OPTIONS, n=1)
                    meant = f" (did you mean `{close[0]}`?)" if close else ""
                    unknown.append(f"docs/{fence.page}:{line_of(fence)}: `{key}=`{meant}")
    assert unknown == [], f"an executed block may use only {', '.join(ALLOWED_OPTIONS)}: fix " + "; ".join(
        unknown
    )


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_every_note_about_sharing_asks_for_a_memory_diagram(language):
    """The source side of test_built_site's check, found without building."""
    missing = [
        f"docs/{language}/{page}"
        for page in contract.note_pages(ROOT, language)
        if layout.is_note_about_sharing(page)
        and not any(f.draws for f in contract.fences(ROOT, language, page))
    ]
    assert missing == [], (
        f"{', '.join(missing)}: a note about memory sharing draws at least one memory diagram: add "
        'diagram="<tensor>,<tensor>" to an executed block (the variables to draw; CONTRIBUTING.md, '
        '"Memory diagrams")'
    )
