"""The reader's experience in Chromium: switcher, outputs, search, copy, offline, console, a11y, phones."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_tools import contract, execution, layout
from site_tools.translation import code_comments
from tests.browser.conftest import screenshot, url
from tests.conftest import REPO_ROOT, language_folder

pytestmark = pytest.mark.browser

NOTES = contract.note_pages(REPO_ROOT, "zh")
NOTEBOOKS = layout.notebook_pages(REPO_ROOT, "zh")  # notes written as notebooks
PAGES = [
    (lang, page)
    for lang in layout.LANGUAGES
    for page in layout.pages(REPO_ROOT, lang) + layout.notebook_pages(REPO_ROOT, lang)
]
PHONE = {"width": 390, "height": 844}


def test_each_page_starts_with_nothing_an_earlier_page_stored(visit):
    """The tests share one tab per worker (tests/browser/conftest.py): `visit` resets what a page keeps."""
    tab = visit("")
    tab.evaluate(
        "localStorage.setItem('left', '1'); sessionStorage.setItem('left', '1'); document.cookie = 'left=1'"
    )
    tab.mouse.move(200, 30)
    tab = visit("en/", color_scheme="dark")
    stored = "[localStorage.getItem('left'), sessionStorage.getItem('left'), document.cookie]"
    assert tab.evaluate(stored) == [None, None, ""]
    assert tab.locator("body").get_attribute("data-md-color-scheme") == "slate"


@pytest.mark.parametrize(("language", "page"), PAGES)
def test_every_page_settles_with_no_error_and_nothing_from_elsewhere(visit, language, page):
    """What a page does after its load event (the search worker fetches its index and scripts) is
    checked here, until the network is idle: `visit` asserts no console error, no failed request and
    nothing loaded from another host. The other tests stop waiting at the load event."""
    tab = visit(url(language, page))
    tab.wait_for_load_state("networkidle")
    assert tab.evaluate("document.readyState") == "complete"


@pytest.mark.parametrize("page", NOTES + NOTEBOOKS)
def test_language_switcher_leads_to_the_same_note_and_back(visit, base_url, page):
    tab = visit(url("zh", page))
    for target in ("en", "zh"):
        tab.locator(f".md-header a.notes-language[hreflang={target}]").click()
        tab.wait_for_url(base_url + url(target, page))  # and its load event
        assert tab.locator("html").get_attribute("lang") == target


@pytest.mark.parametrize(("language", "page"), [(lang, p) for lang in layout.LANGUAGES for p in NOTES])
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
        expected = execution.run_file(layout.snippet_path(layout.ROOT, snippet_id), layout.ROOT).output
        assert block.locator("pre code").inner_text().strip() == expected.strip()


@pytest.mark.parametrize(("language", "page"), [(lang, p) for lang in layout.LANGUAGES for p in NOTES])
def test_copy_button_copies_exactly_the_example_code(visit, language, page):
    tab = visit(url(language, page))
    shown = [f for f in contract.fences(REPO_ROOT, language, page) if f.includes]
    for index, fence in enumerate(shown):
        block = tab.locator("div.highlight").nth(index)
        tab.evaluate("navigator.clipboard.writeText('')")  # what is read next, this click copied
        block.hover()
        block.locator("button[data-md-type=copy]").click()
        copied = tab.evaluate("navigator.clipboard.readText()")
        written = (REPO_ROOT / fence.includes[0]).read_text(encoding="utf-8")
        # every block, executed or shown only (GPU code), shows the code as translation/code_comments.py
        # displays it in the page's language
        assert copied.strip() == code_comments.displayed(written, language, REPO_ROOT).strip()


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
    tab.locator("input.md-search__input").fill(query)  # at once: no partial query's results to race
    tab.keyboard.press("End")  # Material searches on keyup
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


def serious_violations(visit, language: str, page: str, scheme: str) -> list[str]:
    """axe's serious and critical violations on a page in a colour scheme (as a reader opens it)."""
    from axe_playwright_python.sync_playwright import Axe

    tab = visit(url(language, page), color_scheme=scheme, viewport={"width": 1280, "height": 800})
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert tab.locator("body").get_attribute("data-md-color-scheme") == expected_scheme
    violations = Axe().run(tab).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize(("language", "page"), PAGES)
def test_no_serious_or_critical_accessibility_violations(visit, language, page):
    assert serious_violations(visit, language, page, "light") == []


def covering_pages(site: Path, language: str) -> list[str]:
    """The fewest pages (chosen greedily) whose articles hold, between them, every kind of element any
    page of the language holds (a tag with each of its classes): the dark scheme changes colours per kind
    of element, not per page, so a dark-only contrast failure on any page fails on one of these."""
    from bs4 import BeautifulSoup

    kinds = {}
    for _, page in [p for p in PAGES if p[0] == language]:
        stem = page.rsplit(".", 1)[0]
        path = language_folder(site, language) / ("index.html" if stem == "index" else f"{stem}/index.html")
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        kinds[page] = {(e.name, c) for e in article.find_all(True) for c in e.get("class") or [""]}
    left, chosen = set().union(*kinds.values()), []
    while left:
        page = max(kinds, key=lambda p: (len(kinds[p] & left), p == "index.md"))
        chosen.append(page)
        left -= kinds[page]
    return chosen


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_no_serious_or_critical_accessibility_violations_in_the_dark(visit, built_site, language):
    pages = covering_pages(built_site[0], language)
    assert "index.md" in pages  # the home page, its table of contents included
    found = {page: serious_violations(visit, language, page, "dark") for page in pages}
    assert {page: violations for page, violations in found.items() if violations} == {}


# the outermost elements that reach past the screen's right edge (their parent does not)
OVERFLOWING = """width => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5
        && e.parentElement.getBoundingClientRect().right <= width + 0.5)
    .slice(0, 8).map(e => `${e.tagName}.${e.className}: ${Math.round(e.getBoundingClientRect().right)} px`)"""


@pytest.mark.parametrize(("language", "page"), PAGES)
def test_phone_viewport_does_not_overflow_except_code_that_scrolls(visit, language, page):
    tab = visit(url(language, page), viewport=PHONE)
    width = "document.documentElement.scrollWidth"
    if tab.evaluate(width) > PHONE["width"]:
        # once, under load, a page measured 14 px too wide right after loading and fine after: let
        # Material's scripts (tables wrapped in scroll boxes) finish, then the page must fit
        tab.wait_for_timeout(2000)
    assert tab.evaluate(width) <= PHONE["width"], tab.evaluate(OVERFLOWING, PHONE["width"])
    for code in tab.locator("pre > code").all():
        overflow = code.evaluate("c => [c.scrollWidth > c.clientWidth, getComputedStyle(c).overflowX]")
        if overflow[0]:
            assert overflow[1] in {"auto", "scroll"}


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_a_note_page(visit, language, device, scheme):
    viewport = PHONE if device == "phone" else {"width": 1280, "height": 900}
    tab = visit(url(language, "memory/slices_share_storage.md"), viewport=viewport, color_scheme=scheme)
    tab.locator("details.example-output summary").first.click()
    screenshot(tab, f"slices_share_storage-{language}-{device}-{scheme}", full_page=True)


@pytest.mark.parametrize("language", layout.LANGUAGES)
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


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_a_note_written_as_a_notebook(visit, language, scheme):
    tab = visit(url(language, NOTEBOOKS[0]), viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    assert tab.locator(".jp-OutputArea").count() > 0
    screenshot(tab, f"notebook-{language}-{scheme}", full_page=True)


# --- Outputs, diagrams and the download button as a reader sees them --------------------------------

DEVICES = {"desktop": {"width": 1280, "height": 900}, "phone": PHONE}
DIAGRAM_NOTES = [p for p in NOTES if any(f.draws for f in contract.fences(REPO_ROOT, "zh", p))]
MIN_PX = 12  # the least size of any diagram text on screen

# Every output block of the page, opened: its text's size against its code block's, whether a long
# line scrolls (inside <code>) or is cut off, and the copy button's box against the boxes of the lines.
OUTPUT_BLOCKS = """() => [...document.querySelectorAll('details.example-output')].map(details => {
  details.open = true;
  const code = details.querySelector('pre > code');
  const codeAbove = details.previousElementSibling.querySelector('pre > code');
  const range = document.createRange();
  range.selectNodeContents(code);
  const lines = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
  const button = details.querySelector('button[data-md-type=copy]').getBoundingClientRect();
  const overlaps = lines.filter(r => r.left < button.right && button.left < r.right
                                  && r.top < button.bottom && button.top < r.bottom);
  const clipped = [details, code.parentElement].filter(e => e.scrollWidth > e.clientWidth
                                  && !['auto', 'scroll'].includes(getComputedStyle(e).overflowX));
  return {
    fontSize: getComputedStyle(code).fontSize,
    codeFontSize: getComputedStyle(codeAbove).fontSize,
    overflows: code.scrollWidth > code.clientWidth,
    overflowX: getComputedStyle(code).overflowX,
    clipped: clipped.map(e => e.tagName),
    button: [button.width, button.height],
    overlaps: overlaps.length,
  };
})"""


def note_tab(visit, language, page, device, **options):
    return visit(url(language, page), viewport=DEVICES[device], **options)


def check_outputs(tab, language, page, device):
    """The page's outputs read like code, a long line scrolls, and the copy button keeps off the text."""
    # Material's script adds the copy buttons once the page has loaded: wait for every one
    tab.wait_for_function(
        "[...document.querySelectorAll('details.example-output')]"
        ".every(d => d.querySelector('button[data-md-type=copy]'))"
    )
    blocks = tab.evaluate(OUTPUT_BLOCKS)
    assert blocks, f"{page}: no output block"
    for index, block in enumerate(blocks):
        where = f"{language}/{page}, output {index + 1}, {device}"
        assert block["fontSize"] == block["codeFontSize"], where
        if block["overflows"]:
            assert block["overflowX"] in {"auto", "scroll"}, f"{where}: a long line is cut off"
        assert block["clipped"] == [], f"{where}: a long line is cut off"
        assert min(block["button"]) > 0, f"{where}: no copy button in the open block"
        assert block["overlaps"] == 0, f"{where}: the copy button covers output text"


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_outputs_and_diagrams_read_well_on_every_note(visit, language, device):
    """Each note loaded once per language and device for three checks: its diagrams' text is at least
    12 px and a wide diagram scrolls; (desktop) every colour and mark of a diagram is in its legend;
    its outputs, opened, read like code and scroll, the copy button off the text. The page fits."""
    for page in NOTES:
        tab = note_tab(visit, language, page, device)
        if page in DIAGRAM_NOTES:
            check_diagram_text(tab, language, page, device)
            if device == "desktop":
                check_legends(tab, language, page)
        check_outputs(tab, language, page, device)  # last: it opens every output block
        assert tab.evaluate("document.documentElement.scrollWidth") <= DEVICES[device]["width"], page


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_notebook_outputs_read_like_code_and_scroll(visit, language, device):
    for page in NOTEBOOKS:
        tab = note_tab(visit, language, page, device)
        code_size = tab.locator(".jp-InputArea pre > code").first.evaluate(
            "c => getComputedStyle(c).fontSize"
        )
        outputs = tab.locator(".jp-OutputArea-output").evaluate_all(
            """os => os.map(o => [getComputedStyle(o.querySelector('pre') || o).fontSize,
                                  o.scrollWidth > o.clientWidth, getComputedStyle(o).overflowX])"""
        )
        assert outputs
        for size, overflows, overflow_x in outputs:
            assert size == code_size, f"{language}/{page} {device}"
            if overflows:
                assert overflow_x in {"auto", "scroll"}, f"{language}/{page} {device}: a long line is cut off"


# Each text of each diagram: its size on screen (font size × the scale the SVG is drawn at), and
# whether it lies inside the drawing (the SVG clips what lies outside its box).
DIAGRAM_TEXTS = """() => [...document.querySelectorAll('figure.memory-diagram svg')].map(svg => {
  const box = svg.viewBox.baseVal;
  const figure = svg.closest('figure');
  return {
    id: svg.id,
    drawnWidth: svg.getBoundingClientRect().width,
    width: svg.width.baseVal.value,
    figureScrolls: figure.scrollWidth <= figure.clientWidth
                   || ['auto', 'scroll'].includes(getComputedStyle(figure).overflowX),
    texts: [...svg.querySelectorAll('text')].map(t => {
      const m = t.getScreenCTM();
      const b = t.getBBox();
      return {
        text: t.textContent,
        px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
        height: t.getBoundingClientRect().height,
        inside: b.x >= box.x - 0.5 && b.x + b.width <= box.x + box.width + 0.5
                && b.y >= box.y - 0.5 && b.y + b.height <= box.y + box.height + 0.5,
      };
    }),
  };
})"""


def check_diagram_text(tab, language, page, device):
    """Every text of every diagram is at least 12 px on screen and inside its drawing; a wide diagram
    scrolls instead of being drawn smaller or cut off."""
    diagrams = tab.evaluate(DIAGRAM_TEXTS)
    assert diagrams, f"{language}/{page}: no diagram"
    for diagram in diagrams:
        where = f"{language}/{page} {diagram['id']} {device}"
        assert abs(diagram["drawnWidth"] - diagram["width"]) < 1, f"{where}: drawn scaled"
        assert diagram["figureScrolls"], f"{where}: a wide diagram is cut off"
        small = [(t["text"], round(t["px"], 2)) for t in diagram["texts"] if t["px"] < MIN_PX]
        assert small == [], f"{where}: text under {MIN_PX} px"
        assert all(t["height"] >= MIN_PX for t in diagram["texts"]), where
        outside = [t["text"] for t in diagram["texts"] if not t["inside"]]
        assert outside == [], f"{where}: text cut off at the drawing's edge"


def test_a_wide_diagram_scrolls_with_the_keyboard(visit):
    tab = note_tab(visit, "zh", "memory/permute_and_contiguous.md", "phone")
    figure = tab.locator("figure.memory-diagram").first
    assert figure.evaluate("f => f.scrollWidth > f.clientWidth")
    figure.locator("svg").focus()
    for _ in range(3):
        tab.keyboard.press("ArrowRight")
    tab.wait_for_function("document.querySelector('figure.memory-diagram').scrollLeft > 0")
    screenshot(figure, "permute_diagram-zh-phone-scrolled")


# What a diagram draws (tensor borders, storage cell fills, →n marks) against what its legend shows.
DIAGRAM_LEGENDS = """() => [...document.querySelectorAll('figure.memory-diagram svg')].map(svg => {
  const style = e => getComputedStyle(e);
  const legend = svg.querySelector('[data-legend]');
  const swatches = legend ? [...legend.querySelectorAll('rect')] : [];
  const grid = [...svg.querySelectorAll('rect[data-tensor]')];
  const strip = [...svg.querySelectorAll('rect[data-cell]:not([data-tensor])')];
  return {
    id: svg.id,
    tensors: [...new Set(grid.map(r => r.dataset.tensor))],
    borders: [...new Set(grid.map(r => style(r).stroke))],
    fills: [...new Set(strip.map(r => style(r).fill))],
    arrows: [...svg.querySelectorAll('text')]
      .some(t => t.textContent.startsWith('→') && !(legend && legend.contains(t))),
    legendBorders: swatches.map(r => style(r).stroke),
    legendFills: swatches.map(r => style(r).fill),
    legendText: legend ? legend.textContent : '',
  };
})"""


def check_legends(tab, language, page):
    """Every tensor colour, storage cell colour and →n mark a diagram draws is in its legend."""
    for diagram in tab.evaluate(DIAGRAM_LEGENDS):
        where = f"{language}/{page} {diagram['id']}"
        assert set(diagram["borders"]) <= set(diagram["legendBorders"]), f"{where}: a tensor colour"
        # storage cells: a tensor's colour, red (shared) or empty (none of the tensors uses it)
        assert set(diagram["fills"]) <= set(diagram["legendFills"]), f"{where}: a cell colour"
        for name in diagram["tensors"]:
            assert name in diagram["legendText"], f"{where}: {name} is not in the legend"
        if diagram["arrows"]:
            assert "→n" in diagram["legendText"], f"{where}: →n is not explained"


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("page", ["memory/slices_share_storage.md", *NOTEBOOKS])
def test_the_download_button_says_what_it_does_in_words(visit, language, page):
    label = {"zh": "下载 Notebook", "en": "Download notebook"}[language]
    tab = visit(url(language, page), viewport=PHONE)
    button = tab.locator("a.notebook-download")
    assert button.inner_text().strip() == label
    assert button.locator("svg").is_visible()  # the icon, beside the words
    # the words are the link's accessible name: what a screen reader says and a voice user says
    assert tab.get_by_role("link", name=label, exact=True).count() == 1
    box = button.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
