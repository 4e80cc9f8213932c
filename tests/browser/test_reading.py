"""A page a learner enjoys reading (issue 28), in Chromium: search previews and highlighting in both
languages, the home page's first screen and the sidebar's order, the language switcher keeping the
section, the "show all outputs" switch, code that fits, the ✓ after its sentence, type sizes, footer."""

from __future__ import annotations

import re

import pytest

from site_tools import contract, layout
from site_tools.translation import labels
from tests.browser.conftest import SCREENSHOTS, screenshot, url
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.browser

NOTES = contract.note_pages(REPO_ROOT, "zh")
NOTEBOOKS = layout.notebook_pages(REPO_ROOT, "zh")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
REFERENCE = ("", "versions/", "glossary/", "checks/")  # they list or name every note
FOLDER = SCREENSHOTS / "reading"


def search(tab, query: str) -> list[dict]:
    """Type `query` into Material's search; the results as the reader sees them: link, title, preview."""
    tab.keyboard.press("s")
    tab.wait_for_function(
        "['Type to start searching', '键入以开始搜索']"
        ".includes(document.querySelector('.md-search-result__meta').textContent.trim())",
        timeout=30000,
    )
    # the whole query at once (typed key by key, the results of "in" could be read while those of
    # "in-place" replaced them, on a busy machine); Material searches on keyup
    tab.locator("input.md-search__input").fill(query)
    tab.keyboard.press("End")
    tab.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=15000)
    return tab.locator(".md-search-result__item a.md-search-result__link").evaluate_all(
        """links => links.map(a => ({
            item: [...document.querySelectorAll('.md-search-result__item')].indexOf(a.closest('li')),
            href: a.href,
            title: a.querySelector('h1, h2').textContent.trim(),
            preview: a.querySelector('article').innerText
                .replace(a.querySelector('h1, h2').innerText, '').trim(),
            marks: [...a.querySelectorAll('mark')].map(m => m.textContent),
        }))"""
    )


def page_of(href: str, base_url: str) -> str:
    return href.removeprefix(base_url).split("?")[0].split("#")[0].removeprefix("en/")


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("zh", "原地", "memory/in_place_operations/"),
        ("en", "in-place", "memory/in_place_operations/"),
        ("zh", "行优先", "memory/view_and_contiguity/"),
        ("en", "row-major", "memory/view_and_contiguity/"),
    ],
)
def test_search_previews_prose_and_ranks_notes_above_reference_pages(
    visit, base_url, language, query, expected
):
    tab = visit(url(language, "index.md"))
    results = search(tab, query)
    pages = [page_of(r["href"], base_url) for r in results]
    button = labels.DOWNLOAD[language]
    assert not any(button in r["preview"] for r in results), "a preview reads the download button"
    # the first page listed previews its own prose (its title's section, or the section that matched
    # best, as Material shows it), with the words searched marked
    first = [r for r in results if r["item"] == 0]
    assert any(r["preview"] for r in first), first
    assert any(m.lower() == query.lower() for r in first for m in r["marks"]), first
    notes = [p for p in pages if p not in REFERENCE]
    first_reference = min((i for i, p in enumerate(pages) if p in REFERENCE), default=len(pages))
    assert first_reference >= len(set(notes[:3])), f"a reference page ranks among the first notes: {pages}"
    assert expected in list(dict.fromkeys(pages))[:3], pages  # among the first three pages listed


@pytest.mark.parametrize(
    ("language", "query", "page"),
    [
        ("zh", "原地", "memory/in_place_operations.md"),
        ("zh", "版本计数器", "memory/autograd_and_aliasing.md"),
    ],
)
def test_chinese_highlighting_marks_the_word_searched_not_its_characters(
    visit, base_url, language, query, page
):
    tab = visit(url(language, "index.md"))
    results = search(tab, query)
    link = next(r["href"] for r in results if page_of(r["href"], base_url) == url("zh", page))
    tab.goto(link, wait_until="load")
    tab.wait_for_function("document.querySelectorAll('mark[data-md-highlight]').length > 0")
    marks = tab.locator("article mark[data-md-highlight]").evaluate_all("ms => ms.map(m => m.textContent)")
    assert set(marks) == {query}, f"{len(marks)} marks: {sorted(set(marks))}"
    assert tab.evaluate("new URL(location.href).searchParams.get('h')") == query


def test_english_queries_match_whole_words(visit, base_url):
    """ "in-place" is one word: not every page with "in" (19 pages matched on "in" alone)."""
    tab = visit(url("en", "index.md"))
    results = search(tab, "in-place")
    for page in {page_of(r["href"], base_url) for r in results}:
        text = tab.request.get(base_url + "en/" + page).text().lower()
        assert "in-place" in text, f"{page} matched without the word"
    link = results[0]["href"]
    tab.goto(link, wait_until="load")
    tab.wait_for_function("document.querySelectorAll('mark[data-md-highlight]').length > 0")
    marks = tab.locator("article mark[data-md-highlight]").evaluate_all("ms => ms.map(m => m.textContent)")
    assert {m.lower() for m in marks} == {"in-place"}, sorted(set(marks))


# --- Entry points -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_home_pages_first_screen_says_what_the_site_is_and_where_to_start(visit, language, viewport):
    tab = visit(url(language, "index.md"), viewport=viewport)
    start = tab.locator("article p.notes-start a").first
    assert start.get_attribute("href").endswith("tensor_ops/slicing/")
    assert start.bounding_box()["y"] + start.bounding_box()["height"] <= viewport["height"], "below the fold"
    first_paragraph = tab.locator("article h1 + p")
    assert first_paragraph.bounding_box()["y"] < viewport["height"] / 2
    # the learning path is a numbered list that starts on the first screen on a desktop
    path = tab.locator("article ol").first
    assert path.locator(":scope > li").count() >= 10
    if viewport is DESKTOP:
        assert path.bounding_box()["y"] < viewport["height"]
    # how the site is checked is its own page, linked from here
    assert tab.locator("article a[href$='checks/']").count() == 1
    assert tab.locator("#what-is-checked").count() == 0


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_the_sidebar_numbers_the_notes_in_the_home_pages_order(visit, base_url, language):
    tab = visit(url(language, "index.md"), viewport=DESKTOP)
    path = (
        tab.locator("article ol").first.locator(":scope > li > a").evaluate_all("as => as.map(a => a.href)")
    )
    numbered = tab.locator(".md-nav--primary .md-nav__link .md-ellipsis").evaluate_all(
        """spans => spans
            .filter(s => getComputedStyle(s, '::before').content.includes('counter'))
            .map(s => s.closest('a, label').closest('li').querySelector('a').href)"""
    )
    assert len(path) == len(NOTES) + len(NOTEBOOKS)
    assert numbered == path
    # the reference pages are not numbered: they are not steps of the path
    for page in ("versions/", "glossary/", "checks/"):
        assert base_url + url(language, page) not in numbered


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_the_switcher_keeps_the_section_being_read(visit, base_url, language):
    page = "memory/slices_share_storage.md"
    other = "en" if language == "zh" else "zh"
    tab = visit(url(language, page), viewport=DESKTOP)
    # the reader scrolls down to the section; Material's navigation.tracking puts it in the address
    tab.mouse.move(640, 450)
    for _ in range(12):
        tab.mouse.wheel(0, 400)
        tab.wait_for_timeout(300)
        if tab.evaluate("location.hash") == "#clone":
            break
    assert tab.evaluate("location.hash") == "#clone"
    tab.locator(".md-header a.notes-language").click()
    tab.wait_for_url(base_url + url(other, page) + "#clone")
    assert tab.locator("#clone").count() == 1
    top = tab.locator("#clone").bounding_box()["y"]
    assert 0 <= top < DESKTOP["height"] / 2, "the section is in view"


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_the_footer_speaks_the_pages_language(visit, language):
    tab = visit(url(language, "memory/slices_share_storage.md"))
    footer = tab.locator(".md-copyright").inner_text()
    words = labels.FOOTER[language]
    assert footer.strip() == f"{words['before']}Material for MkDocs{words['after']}".strip()
    assert ("Made with" in footer) == (language == "en")


def test_boxes_and_the_glossary_are_set_at_the_texts_size(visit):
    for language in layout.LANGUAGES:
        tab = visit(url(language, "tensor_ops/slicing.md"))
        body = tab.locator("article > p").first.evaluate("p => getComputedStyle(p).fontSize")
        assert tab.locator("article .admonition").count() > 0
        for size in tab.locator("article .admonition").evaluate_all(
            "as => as.map(a => getComputedStyle(a).fontSize)"
        ):
            assert size == body
        tab = visit(url(language, "glossary.md"))
        body = tab.locator("article > p").first.evaluate("p => getComputedStyle(p).fontSize")
        cells = tab.locator("article .glossary td").evaluate_all(
            "ts => ts.map(t => getComputedStyle(t).fontSize)"
        )
        assert cells
        assert set(cells) == {body}


# Each claim's ✓ against the last character of its sentence: on the same line.
CHECK_AFTER_ITS_SENTENCE = """() => [...document.querySelectorAll('a.claim-check')].map(link => {
  const claim = link.parentElement.querySelector('#' + link.hash.slice(1)) || link.previousElementSibling
    || link.previousSibling.previousSibling;
  const walker = document.createTreeWalker(claim, NodeFilter.SHOW_TEXT);
  let last = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.textContent.trim()) last = node;
  const range = document.createRange();
  const end = last.textContent.trimEnd().length;
  range.setStart(last, end - 1);
  range.setEnd(last, end);
  const char = range.getBoundingClientRect();
  const check = link.getBoundingClientRect();
  return {id: link.hash, sameLine: Math.abs(char.bottom - check.bottom) < char.height / 2};
})"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_check_mark_never_starts_a_line(visit, viewport):
    """In Chinese a line may break anywhere, also between 。 and ✓: then it read as the next sentence's."""
    apart = []
    for page in NOTES:
        tab = visit(url("zh", page), viewport=viewport)
        apart += [f"{page}{c['id']}" for c in tab.evaluate(CHECK_AFTER_ITS_SENTENCE) if not c["sameLine"]]
    assert apart == []


# --- Outputs and code -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_one_switch_shows_all_outputs_and_is_remembered_across_pages(visit, base_url, language):
    first, second = "memory/slices_share_storage.md", "memory/view_and_contiguity.md"
    tab = visit(url(language, first), viewport=DESKTOP)
    outputs = tab.locator("details.example-output")
    assert outputs.count() > 1
    assert outputs.evaluate_all("ds => ds.every(d => !d.open)"), "folded by default"
    switch = tab.locator("label.notes-show-outputs")
    assert switch.count() == 1
    assert switch.is_visible()
    assert switch.inner_text().strip() == labels.SHOW_ALL_OUTPUTS[language]
    assert switch.bounding_box()["y"] < tab.locator("details.example-output").first.bounding_box()["y"]
    switch.locator("input").check()
    assert outputs.evaluate_all("ds => ds.every(d => d.open)")
    assert tab.locator("details.other-outputs[open]").count() == 0, "other releases stay folded"
    tab.goto(base_url + url(language, second), wait_until="load")  # as a reader's next page
    assert tab.locator("label.notes-show-outputs input").is_checked()
    assert tab.locator("details.example-output").evaluate_all("ds => ds.every(d => d.open)")
    tab.locator("label.notes-show-outputs input").uncheck()
    assert tab.locator("details.example-output").evaluate_all("ds => ds.every(d => !d.open)")
    tab.goto(base_url + url(language, first), wait_until="load")
    assert tab.locator("details.example-output").evaluate_all("ds => ds.every(d => !d.open)")


def test_pages_without_outputs_have_no_switch(visit):
    for page in ("index.md", "glossary.md"):
        tab = visit(url("zh", page))
        assert not tab.locator("label.notes-show-outputs").is_visible()


def test_other_releases_output_looks_unlike_the_main_output(visit):
    tab = visit(url("en", "memory/in_place_operations.md"))
    looks = """d => {
        const s = getComputedStyle(d);
        const summary = getComputedStyle(d.querySelector('summary'));
        const icon = getComputedStyle(d.querySelector('summary'), '::before');
        const mask = icon.maskImage || icon.webkitMaskImage;
        return [s.borderTopStyle, s.backgroundColor, summary.fontStyle, mask];
    }"""
    main = tab.locator("details.example-output").first.evaluate(looks)
    other = tab.locator("details.other-outputs").first.evaluate(looks)
    assert all(a != b for a, b in zip(main, other, strict=True)), (main, other)
    caption = tab.locator("details.other-outputs > p").first.text_content()
    assert re.fullmatch(r"torch [\d., ]+ prints:\s", caption), caption  # "prints: RuntimeError", spaced


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_code_needs_no_horizontal_scroll_on_a_desktop(visit, language):
    wide = []
    for page in NOTES + NOTEBOOKS:
        tab = visit(url(language, page), viewport=DESKTOP)
        wide += [
            f"{page}: {w}"
            for w in tab.locator(".highlight pre > code, .jp-InputArea pre").evaluate_all(
                "cs => cs.filter(c => c.scrollWidth > c.clientWidth + 1)"
                ".map(c => c.textContent.split('\\n')[0])"
            )
        ]
    assert wide == []


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots_of_the_home_page_and_a_note(visit, language, scheme, viewport):
    device = "desktop" if viewport is DESKTOP else "phone"
    for name, page in (("home", "index.md"), ("note", "memory/slices_share_storage.md")):
        tab = visit(url(language, page), viewport=viewport, color_scheme=scheme)
        screenshot(tab, f"{name}-{language}-{device}-{scheme}", FOLDER)
