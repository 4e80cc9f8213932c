"""The reader's experience in Chromium: switcher, outputs, search, copy, offline, console, a11y, phones."""

from __future__ import annotations

import pytest

from site_tools import contract, examples
from tests.browser.conftest import SCREENSHOTS
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.browser

NOTES = contract.note_pages(REPO_ROOT, "zh")
NOTEBOOKS = contract.notebook_pages(REPO_ROOT, "zh")  # notes written as notebooks
PAGES = [
    (lang, page)
    for lang in contract.LANGUAGES
    for page in contract.pages(REPO_ROOT, lang) + contract.notebook_pages(REPO_ROOT, lang)
]
PHONE = {"width": 390, "height": 844}


def url(language: str, page: str) -> str:
    stem = page.rsplit(".", 1)[0]
    path = "" if stem == "index" else f"{stem}/"
    return path if language == "zh" else f"en/{path}"


@pytest.mark.parametrize("page", NOTES + NOTEBOOKS)
def test_language_switcher_leads_to_the_same_note_and_back(visit, base_url, page):
    tab = visit(url("zh", page))
    for target in ("en", "zh"):
        tab.locator(".md-header .md-select").hover()
        tab.locator(f"a.md-select__link[hreflang={target}]").click()
        tab.wait_for_load_state("networkidle")
        assert tab.url == base_url + url(target, page)
        assert tab.locator("html").get_attribute("lang") == target


@pytest.mark.parametrize(("language", "page"), [(lang, p) for lang in contract.LANGUAGES for p in NOTES])
def test_outputs_are_collapsed_open_on_click_and_show_the_executed_output(visit, language, page):
    tab = visit(url(language, page))
    executed = [f.block_id for f in contract.fences(REPO_ROOT, language, page) if f.executed]
    blocks = tab.locator("details.example-output")
    assert blocks.count() == len(executed)
    for index, snippet_id in enumerate(executed):
        block = blocks.nth(index)
        assert block.evaluate("d => d.open") is False
        assert not block.locator("pre").is_visible()
        block.locator("summary").click()
        assert block.evaluate("d => d.open") is True
        assert block.locator("pre").is_visible()
        expected = examples.run_snippet(examples.snippet_path(snippet_id))
        assert block.locator("pre code").inner_text().strip() == expected.strip()


@pytest.mark.parametrize(("language", "page"), [(lang, p) for lang in contract.LANGUAGES for p in NOTES])
def test_copy_button_copies_exactly_the_example_code(visit, language, page):
    tab = visit(url(language, page))
    shown = [f for f in contract.fences(REPO_ROOT, language, page) if f.includes]
    for index, fence in enumerate(shown):
        block = tab.locator("div.highlight").nth(index)
        block.hover()
        block.locator("button[data-md-type=copy]").click()
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert copied.strip() == (REPO_ROOT / fence.includes[0]).read_text(encoding="utf-8").strip()


@pytest.mark.parametrize(
    ("start", "query", "expected"),
    [
        ("", "共享", {"memory/checking_shared_memory/"}),
        ("", "切片", {"memory/slices_share_storage/", "tensor_ops/slicing/"}),
        ("en/", "contiguous", {"en/memory/view_and_contiguity/", "en/memory/permute_and_contiguous/"}),
        ("en/", "mask", {"en/tensor_ops/boolean_and_integer_indexing/"}),
        ("", "contiguous", {"memory/view_and_contiguity/", "memory/permute_and_contiguous/"}),
    ],
)
def test_search_lists_the_right_note_first(visit, base_url, start, query, expected):
    tab = visit(start)
    tab.keyboard.press("s")
    tab.wait_for_function(
        "['Type to start searching', '键入以开始搜索']"
        ".includes(document.querySelector('.md-search-result__meta').textContent.trim())",
        timeout=30000,
    )
    tab.keyboard.type(query, delay=30)
    tab.keyboard.press("End")  # CJK text arrives without key events; Material searches on keyup
    tab.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=15000)
    pages = [
        href.removeprefix(base_url).split("?")[0]
        for href in tab.locator(".md-search-result__item > a").evaluate_all("as => as.map(a => a.href)")
    ]
    # Search stays in the reader's language: every result is a page of it.
    assert all(p.startswith("en/") == (start == "en/") for p in pages), pages
    # The home pages (tables of contents) and the reference pages list every note: skip them.
    skipped = {"", "versions/", "glossary/"}
    notes = [p for p in pages if p.removeprefix("en/") not in skipped]
    assert notes[0] in expected, pages


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("language", "page"), PAGES)
def test_no_serious_or_critical_accessibility_violations(visit, language, page, scheme):
    from axe_playwright_python.sync_playwright import Axe

    tab = visit(url(language, page), color_scheme=scheme, viewport={"width": 1280, "height": 800})
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert tab.locator("body").get_attribute("data-md-color-scheme") == expected_scheme
    violations = Axe().run(tab).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []


@pytest.mark.parametrize(("language", "page"), PAGES)
def test_phone_viewport_does_not_overflow_except_code_that_scrolls(visit, language, page):
    tab = visit(url(language, page), viewport=PHONE)
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for code in tab.locator("pre > code").all():
        overflow = code.evaluate("c => [c.scrollWidth > c.clientWidth, getComputedStyle(c).overflowX]")
        if overflow[0]:
            assert overflow[1] in {"auto", "scroll"}


@pytest.mark.parametrize("language", contract.LANGUAGES)
@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_a_note_page(visit, language, device, scheme):
    viewport = PHONE if device == "phone" else {"width": 1280, "height": 900}
    tab = visit(url(language, "memory/slices_share_storage.md"), viewport=viewport, color_scheme=scheme)
    tab.locator("details.example-output summary").first.click()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"slices_share_storage-{language}-{device}-{scheme}.png"
    tab.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("language", contract.LANGUAGES)
@pytest.mark.parametrize("page", ["memory/slices_share_storage.md", *NOTEBOOKS])
def test_the_download_button_saves_the_pages_notebook(visit, language, page, tmp_path):
    import nbformat

    tab = visit(url(language, page))
    with tab.expect_download() as download:
        tab.locator("a.notebook-download").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == page.rsplit("/", 1)[-1].rsplit(".", 1)[0] + ".ipynb"
    notebook = nbformat.read(saved, as_version=4)
    nbformat.validate(notebook)
    assert any(cell.cell_type == "code" and cell.outputs for cell in notebook.cells)


@pytest.mark.parametrize("language", contract.LANGUAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_a_note_written_as_a_notebook(visit, language, scheme):
    tab = visit(url(language, NOTEBOOKS[0]), viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    assert tab.locator(".jp-OutputArea").count() > 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"notebook-{language}-{scheme}.png"
    tab.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
