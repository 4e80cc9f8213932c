"""The version page one can scan (its height, frozen header, where a ✓ link lands) and tables as tables."""

from __future__ import annotations

import pytest

from site_tools import claims, layout, verified
from site_tools.translation import labels
from tests.browser.conftest import screenshot, url
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VERSIONS = "versions.md"

# Where a box sits in the window, and whether it is in view below the site's header bar.
IN_VIEW = """e => {
    const box = e.getBoundingClientRect();
    const bar = document.querySelector('.md-header').getBoundingClientRect().bottom;
    return {top: box.top, bottom: box.bottom, bar, height: innerHeight,
            visible: box.top >= bar - 1 && box.bottom <= innerHeight + 1};
}"""


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_the_version_page_is_at_most_three_desktop_screens_before_anything_is_unfolded(visit, language):
    tab = visit(url(language, VERSIONS), viewport=DESKTOP)
    assert tab.locator("article details[open]").count() == 0
    height = tab.evaluate("document.documentElement.scrollHeight")
    assert height <= 3 * DESKTOP["height"], f"{height} px"
    # what it folds is all there: every claim of every page has its row
    stated = sum(len(c) for c in claims.page_claims(REPO_ROOT, language).values())
    assert tab.locator("article .claims-matrix tbody tr").count() == stated


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_the_first_screen_answers_what_changed_between_releases(visit, language):
    tab = visit(url(language, VERSIONS), viewport=DESKTOP)
    summary = tab.locator("article .claims-summary")
    varying = [  # the claims that fail somewhere or are worded differently (not those checked nowhere)
        claim_id
        for claim_id, outcomes in verified.results(REPO_ROOT).items()
        if verified.standing([result for _, result in outcomes]) in ("fails", "worded")
    ]
    assert summary.locator("tbody tr").count() == len(varying) > 0
    assert summary.locator("thead").evaluate(IN_VIEW)["visible"], "the summary starts on the first screen"
    # each line: a claim linking to where its page states it, and where it changes, in words
    text = labels.VERSIONS[language]
    first = summary.locator("tbody tr").first
    assert "#claim-" in first.locator("td a").first.get_attribute("href")
    changes = summary.locator("tbody tr td:last-child").all_inner_texts()
    assert any(text["fail"] in change for change in changes)


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_tables_header_row_stays_in_view_when_the_table_scrolls(visit, language, device):
    tab = visit(url(language, VERSIONS), viewport=PHONE if device == "phone" else DESKTOP)
    # the longest folded table: open it and scroll inside its box
    folds = tab.locator("article details.claims-held")
    rows = [fold.locator("tbody tr").count() for fold in folds.all()]
    fold = folds.nth(rows.index(max(rows)))
    fold.locator("summary").click()
    box = fold.locator(".claims-matrix")
    box.evaluate("b => b.scrollIntoView()")
    assert box.evaluate("b => b.scrollHeight > b.clientHeight"), "a box that does not scroll tests nothing"
    box.evaluate("b => { b.scrollTop = b.scrollHeight; b.scrollLeft = b.scrollWidth; }")
    tab.wait_for_timeout(100)
    header = box.locator("thead th").nth(1)
    place = box.evaluate(
        """b => {
            const head = b.querySelector('thead th:nth-child(2)').getBoundingClientRect();
            const claim = b.querySelector('tbody tr:last-child td').getBoundingClientRect();
            const outer = b.getBoundingClientRect();
            return {scrolled: b.scrollTop, head: head.top - outer.top, claim: claim.left - outer.left};
        }"""
    )
    assert place["scrolled"] > 0
    assert abs(place["head"]) <= 1, "the header row is frozen at the top of its box"
    assert abs(place["claim"]) <= 1, "the claim column is frozen at the left of its box"
    assert header.is_visible()


def varies(outcomes: list[tuple[str, str]]) -> bool:
    """A claim that fails on a recorded release or is worded differently (the summary lists it)."""
    return verified.standing([result for _, result in outcomes]) in ("fails", "worded")


def claim_in_a_fold(language: str) -> tuple[str, str]:
    """(page, claim id) of the last claim that holds everywhere on the page with the most such claims:
    its row is folded, far down a long table."""
    notes = {c: n for c, n in verified.results(REPO_ROOT).items() if varies(n)}
    pages = claims.page_claims(REPO_ROOT, language)
    page = max(pages, key=lambda p: len([c for c in pages[p] if c.id not in notes]))
    return page, [c for c in pages[page] if c.id not in notes][-1].id


def a_varying_claim(language: str) -> tuple[str, str]:
    results = verified.results(REPO_ROOT)
    for page, stated in claims.page_claims(REPO_ROOT, language).items():
        for claim in stated:
            if claim.id in results and varies(results[claim.id]):
                return page, claim.id
    raise AssertionError("no claim changes between the recorded releases")


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("which", ["folded", "changing"])
def test_a_check_link_lands_on_its_row_with_the_release_headers_in_view(visit, base_url, language, which):
    page, claim_id = claim_in_a_fold(language) if which == "folded" else a_varying_claim(language)
    tab = visit(url(language, page), viewport=DESKTOP)
    anchor = claims.anchor(claim_id)
    # a reader opens the folded "Edge cases" block a claim may stand in before following its ✓
    tab.locator(f"#{anchor}").evaluate(
        "e => { for (let d = e.closest('details'); d; d = d.parentElement.closest('details'))"
        " d.open = true; }"
    )
    tab.locator(f"#{anchor} + a.claim-check").click()
    tab.wait_for_url(f"{base_url}{url(language, VERSIONS)}#{anchor}")
    tab.wait_for_function("document.readyState === 'complete'")
    tab.wait_for_timeout(300)
    target = tab.locator(f"#{anchor}")
    row = target.locator("xpath=ancestor::tr")
    box = target.locator("xpath=ancestor::div[contains(@class, 'claims-matrix')]")
    assert row.evaluate(IN_VIEW)["visible"], row.evaluate(IN_VIEW)
    # the release headers (frozen cells: where they are drawn), newest first, above the row
    for cell in box.locator("thead th").all():
        assert cell.evaluate(IN_VIEW)["visible"], cell.evaluate(IN_VIEW)
    assert box.locator("thead th").first.evaluate("h => h.getBoundingClientRect().bottom") <= row.evaluate(
        "r => r.getBoundingClientRect().top + 1"
    )
    releases = [r["torch"] for r in verified.load_records(REPO_ROOT)][::-1]
    assert box.locator("thead th").all_inner_texts()[1:] == releases
    if which == "folded":
        assert target.locator("xpath=ancestor::details").get_attribute("open") is not None


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_on_a_phone_the_records_and_claims_show_no_tall_empty_cells(visit, language):
    tab = visit(url(language, VERSIONS), viewport=PHONE)
    for fold in tab.locator("article details").all():
        fold.locator("summary").first.click()
    heights = tab.evaluate(
        "[...document.querySelectorAll('article :is(.claims-matrix, .claims-summary, #records) tr')]"
        ".map(r => Math.round(r.getBoundingClientRect().height))"
    )
    assert heights
    assert max(heights) <= 200, sorted(heights)[-5:]


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_version_page(visit, language, device, scheme):
    viewport = PHONE if device == "phone" else DESKTOP
    tab = visit(url(language, VERSIONS), viewport=viewport, color_scheme=scheme)
    screenshot(tab, f"versions-{language}-{device}-{scheme}", full_page=True)


COMPARISON = "tensor_ops/pytorch_is_not_numpy.md"


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_numpy_pytorch_comparison_is_a_table_in_the_pages_language(visit, language, device):
    tab = visit(url(language, COMPARISON), viewport=PHONE if device == "phone" else DESKTOP)
    words = labels.COMPARE_TABLE[language]
    tables = tab.locator("article .numpy-or-torch table")
    assert tables.count() == 2
    assert tables.first.is_visible(), "the table is not folded away with the output"
    assert tables.locator("caption").all_inner_texts() == [words["different"], words["alike"]]
    assert tables.first.locator("thead th").all_inner_texts() == [words["code"], "NumPy", "PyTorch"]
    assert tables.nth(1).locator("thead th").all_inner_texts() == [words["code"], words["both"]]
    first = tables.first.locator("tbody tr").first.locator("td").all_inner_texts()
    assert first == ["m.flatten()", *{"zh": ["副本", "视图"], "en": ["copy", "view"]}[language]]
    if device == "desktop":  # every column in view, none cut off: the PyTorch column ends inside the page
        article = tab.locator("article").evaluate("a => a.getBoundingClientRect().right")
        for table in tables.all():
            assert table.evaluate("t => t.getBoundingClientRect().right") <= article + 1
            assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    # the code a reader sees is one row's, not the harness that runs them all
    code = tab.locator("article .highlight code").first.inner_text()
    assert "m.flatten()" in code
    assert "CODE" not in code
    assert len(code.splitlines()) < 30


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_comparison_table(visit, language, device, scheme):
    viewport = PHONE if device == "phone" else DESKTOP
    tab = visit(url(language, COMPARISON), viewport=viewport, color_scheme=scheme)
    tab.locator("article .numpy-or-torch").evaluate("t => t.scrollIntoView()")
    screenshot(tab, f"pytorch_is_not_numpy-{language}-{device}-{scheme}")
