"""Typography and the header's controls in Chromium: the fonts that draw the text, the language switcher,
requests on page load, the 404 page of each language, and screenshots of them to look at."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from site_tools import layout, titles
from site_tools.translation import labels
from tests.browser.conftest import SCREENSHOTS, screenshot, url
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.browser

NAMES = {"zh": "中文", "en": "English"}
NOTE = "memory/slices_share_storage.md"
NOTEBOOK = layout.notebook_pages(REPO_ROOT, "zh")[0]
DEVICES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
CJK_FONT = "Noto Sans CJK SC"  # what Debian's fonts-noto-cjk gives Chromium here
FOLDER = SCREENSHOTS / "typography"


@pytest.fixture(scope="module")
def cjk_font_installed():
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
    if shutil.which("fc-list") is None or CJK_FONT not in listed:
        pytest.fail(
            f"{CJK_FONT} is not installed: "
            "`apt-get update && apt-get install -y fonts-noto-cjk` (.ci/run does)"
        )


def platform_fonts(tab, selector: str) -> dict[str, int]:
    """{font family: glyphs it drew} for the text of the element at `selector`, as Chromium reports it."""
    session = tab.context.new_cdp_session(tab)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    return {font["familyName"]: font["glyphCount"] for font in fonts}


# Curly quotes, ellipsis and em dashes between Chinese characters, as the pages write them.
PROBE = """() => {
  const p = document.createElement('p');
  p.innerHTML = '<span id="probe-marks">“”‘’……——</span><span id="probe-latin">view</span>';
  document.querySelector('article').append(p);
  const width = id => document.getElementById(id).getBoundingClientRect().width;
  return {marks: width('probe-marks'), em: parseFloat(getComputedStyle(p).fontSize)};
}"""


# --- Fonts -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_body_text_lists_a_latin_font_then_the_chinese_fonts(visit, cjk_font_installed, language):
    tab = visit(url(language, NOTE))
    listed = tab.evaluate("getComputedStyle(document.body).fontFamily")
    families = [family.strip().strip('"') for family in listed.split(",")]
    for chinese in (CJK_FONT, "PingFang SC", "Microsoft YaHei"):
        assert chinese in families, families
    assert families.index("Arial") < families.index(CJK_FONT), "Latin letters come from a Latin font"
    # the Chinese text of the page is drawn with a Chinese font, its Latin words with a Latin one
    fonts = platform_fonts(tab, "article h1" if language == "zh" else "article p")
    drew_most = max(fonts, key=fonts.get)
    assert (drew_most == CJK_FONT) == (language == "zh"), fonts


def test_chinese_pages_draw_quotes_and_dashes_full_width_from_the_chinese_font(visit, cjk_font_installed):
    tab = visit(url("zh", NOTE))
    size = tab.evaluate(PROBE)
    assert platform_fonts(tab, "#probe-marks") == {CJK_FONT: pytest.approx(8, abs=1)}
    assert size["marks"] >= 7 * size["em"], "full width: each mark takes a Chinese character's width"
    assert CJK_FONT not in platform_fonts(tab, "#probe-latin"), "Latin letters stay in the Latin font"


def test_english_pages_draw_quotes_from_the_latin_font(visit, cjk_font_installed):
    tab = visit(url("en", NOTE))
    size = tab.evaluate(PROBE)
    assert CJK_FONT not in platform_fonts(tab, "#probe-marks")
    assert size["marks"] < 6 * size["em"]


# --- The language switcher ---------------------------------------------------------------------------


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_the_language_switcher_names_the_language_it_leads_to(visit, base_url, language, device):
    tab = visit(url(language, NOTE), viewport=DEVICES[device])
    other = "en" if language == "zh" else "zh"
    switcher = tab.locator(".md-header a.notes-language")
    assert switcher.is_visible()
    assert switcher.inner_text().strip() == NAMES[other]
    # the translate icon beside the words on a desktop; on a phone the words stand alone, so that
    # the site's name beside them is not cut off
    assert switcher.locator("svg").is_visible() == (device == "desktop")
    site_name = tab.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert site_name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the site's name is cut off"
    # its accessible name is the words it shows (WCAG 2.5.3, label in name), said in that language
    assert tab.get_by_role("link", name=NAMES[other], exact=True).count() == 1
    assert switcher.get_attribute("lang") == other
    box = switcher.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= DEVICES[device]["width"]
    switcher.click()
    tab.wait_for_url(base_url + url(other, NOTE))  # and its load event
    assert tab.locator(".md-header a.notes-language").inner_text().strip() == NAMES[language]


# --- Requests ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("page", ["index.md", NOTE, NOTEBOOK, "versions.md"])
def test_no_request_fails_when_a_page_loads(browser, base_url, language, page):
    """Not one 404 (Material used to fetch <page>/sitemap.xml for every hreflang link of the head)."""
    tab = browser.new_page()
    failed = []
    tab.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    tab.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    tab.goto(base_url + url(language, page), wait_until="networkidle")
    tab.wait_for_timeout(300)  # Material's scripts run after the load
    alternates = tab.locator("head link[rel=alternate][hreflang]").count()
    tab.close()
    assert alternates == 3, "zh-Hans, en and x-default are in the head"
    assert failed == []


# --- 404 pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_the_404_page_of_each_language_reads_in_it_and_leads_home(browser, base_url, language):
    """Served, as a host serves it, for a missing address deep in the language's part of the site."""
    words = labels.NOT_FOUND[language]
    home = base_url + url(language, "index.md")
    missing = f"{home}no/such/page/"
    page_file = "404.html" if language == "zh" else "en/404.html"
    context = browser.new_context()
    tab = context.new_page()
    body = tab.request.get(base_url + page_file).text()
    context.route(missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    failed, errors = [], []
    tab.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.url != missing else None)
    tab.on("requestfailed", lambda r: failed.append(r.url))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    response = tab.goto(missing, wait_until="networkidle")
    assert response.status == 404
    assert tab.locator("html").get_attribute("lang") == language
    assert tab.title() == f"{words['title']} - {titles.site_name(REPO_ROOT, language)}"
    assert tab.locator("article h1").inner_text() == words["title"]
    assert failed == [], "the page's styles and scripts load from any depth"
    assert errors == []
    other = "en" if language == "zh" else "zh"
    assert tab.locator(".md-header a.notes-language").inner_text().strip() == NAMES[other]
    # styled as the site (Material's stylesheet loaded): the header has its colour
    header = tab.locator(".md-header").evaluate("h => getComputedStyle(h).backgroundColor")
    assert header != "rgba(0, 0, 0, 0)"
    tab.set_viewport_size(DEVICES["desktop"])
    screenshot(tab, f"404-{language}-desktop-light", FOLDER)
    tab.get_by_role("link", name=words["home"], exact=True).click()
    tab.wait_for_url(home)  # and its load event
    context.close()


# --- Screenshots -------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("page", ["index.md", NOTE])
def test_screenshots_of_the_home_page_and_a_note(visit, page, language, device, scheme):
    tab = visit(url(language, page), viewport=DEVICES[device], color_scheme=scheme)
    name = "home" if page == "index.md" else page.rsplit("/", 1)[-1].removesuffix(".md")
    screenshot(tab, f"{name}-{language}-{device}-{scheme}", FOLDER, full_page=False)
