"""mkdocs_hooks/head.py: browser titles, descriptions, hreflang alternates, Material's sitemap lookup."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from site_tools.mkdocs_hooks import head

# --- Languages and titles ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "language", "below"),
    [
        ("", "zh", ""),
        ("memory/x/", "zh", "memory/x/"),
        ("en/", "en", ""),
        ("en/memory/x/", "en", "memory/x/"),
    ],
)
def test_a_pages_language_and_its_url_below_the_language_folder(url, language, below):
    assert head.language_of(url) == language
    assert head.in_language(url) == below
    assert head.url_in(language, below) == url
    assert head.is_home(url) == (below == "")


def test_home_pages_are_titled_with_the_site_name_alone_and_other_pages_with_both():
    assert head.browser_title("首页", "PyTorch 小知识", home=True) == "PyTorch 小知识"
    assert head.browser_title("Home", "PyTorch Notes", home=True) == "PyTorch Notes"
    assert head.browser_title("Slicing", "PyTorch Notes", home=False) == "Slicing - PyTorch Notes"
    assert head.browser_title("", "PyTorch Notes", home=False) == "PyTorch Notes"


# --- Descriptions ------------------------------------------------------------------------------------

PAGE = """
<a class="md-content__button notebook-download" href="x.ipynb">Download notebook</a>
<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>
<div class="admonition warning"><p class="admonition-title">This translation may be out of date</p>
<p>The Chinese page it translates has changed since.</p></div>
<blockquote><p>A quotation of the original notes.</p></blockquote>
<p></p>
<p>The <code>view()</code> method   returns a <strong>view</strong>.<a class="claim-check" href="#">✓</a>
Nothing is copied.</p>
<p>Second paragraph.</p>
"""


def test_the_first_paragraph_of_prose_skips_boxes_quotations_and_markers():
    assert head.first_paragraph(PAGE) == "The view() method returns a view. Nothing is copied."


def test_a_paragraph_that_only_points_to_another_page_is_passed_over():
    html = (
        '<p>For what a stride is, see <a href="a/">A Tensor Is Storage + Shape + Stride + Offset</a>.</p>'
        '<p>Like <a href="v/">view()</a>, permute() shares storage.</p>'
    )
    assert head.first_paragraph(html) == "Like view(), permute() shares storage."
    zh = '<p>步幅的含义见<a href="a/">张量 = 存储 + 形状 + 步幅 + 偏移</a>。</p><p>和 view() 一样共享。</p>'
    assert head.first_paragraph(zh) == "和 view() 一样共享。"


def test_a_page_without_prose_has_no_first_paragraph():
    assert head.first_paragraph("<h1>Title</h1><details><p>output</p></details>") == ""


BOXED = '<div class="admonition note"><p class="admonition-title">Note</p>' + "<p>boxed</p>" * 10 + "</div>"


@pytest.mark.parametrize(
    ("html", "first"),
    [
        (BOXED + "<p>Prose after a long box.</p>", "Prose after a long box."),  # the box spans the cut
        ("<p>Early prose.</p>" + "<p>more</p>" * 20, "Early prose."),
        ("<blockquote>" + "<p>quoted</p>" * 12 + "</blockquote><p>Then prose.</p>", "Then prose."),
        ("<p>No end tag, prose", "No end tag, prose"),
        ("<blockquote><p>q</p></blockquote><p>Prose without its end tag", "Prose without its end tag"),
        ("<div class='admonition'><p>b</p></div>" * 8 + "<p>Hi <!-- </p> --> there.</p>", "Hi there."),
    ],
)
def test_reading_only_up_to_a_paragraph_end_gives_the_whole_pages_answer(html, first):
    assert head.first_paragraph(html) == first
    assert head.first_paragraph(html, look_first=(1,)) == first
    assert head.first_paragraph(html, look_first=(1, 3)) == first
    assert head._first_paragraph(html) == first  # the page parsed whole says the same


def test_front_matter_wins_over_the_first_paragraph():
    assert head.description(PAGE, "  Written by hand.  ") == "Written by hand."
    assert head.description(PAGE, None).startswith("The view() method")
    assert head.description(PAGE, "") == head.description(PAGE)


def test_short_text_is_kept_whole():
    assert head.trimmed("A short sentence.", 160) == "A short sentence."


def test_long_english_is_cut_after_a_whole_sentence_that_fits():
    text = "First sentence is long enough to count here. " * 3 + "Last one runs past the limit for sure."
    cut = head.trimmed(text, 160)
    assert cut.endswith("here.")
    assert len(cut) <= 160
    assert text.startswith(cut)


def test_long_english_without_a_sentence_end_is_cut_between_words_with_an_ellipsis():
    text = " ".join(["word"] * 60)
    cut = head.trimmed(text, 160)
    assert len(cut) <= 160
    assert cut.endswith("word…")
    assert " wor…" not in cut


def test_long_chinese_is_cut_after_a_sentence_or_at_a_comma():
    sentence = "切片得到的是原张量的视图，与原张量共享底层存储，不复制数据。"  # 30 characters
    cut = head.trimmed(sentence * 7, 160)
    assert cut == sentence * 5
    no_end = "共享底层存储，" * 30
    cut = head.trimmed(no_end, 160)
    assert len(cut) <= 160
    assert cut.endswith("存储…")


def test_a_single_long_word_is_never_cut_in_half():
    text = "a" * 100 + " " + "b" * 100
    assert head.trimmed(text, 160) == "a" * 100 + "…"


# --- Alternates --------------------------------------------------------------------------------------


def test_alternates_name_both_languages_and_x_default_with_absolute_urls():
    expected = [
        ("zh-Hans", "https://example.org/notes/memory/x/"),
        ("en", "https://example.org/notes/en/memory/x/"),
        ("x-default", "https://example.org/notes/memory/x/"),
    ]
    assert head.alternates("memory/x/", "https://example.org/notes/") == expected
    assert head.alternates("en/memory/x/", "https://example.org/notes") == expected


def test_alternates_of_the_home_pages_and_without_a_site_url():
    assert head.alternates("en/", "") == [("zh-Hans", "/"), ("en", "/en/"), ("x-default", "/")]


def test_alternate_links_are_link_tags_with_escaped_urls():
    links = BeautifulSoup(head.alternate_links("memory/a&b/", "https://example.org/"), "html.parser")
    found = [(link["rel"], link["hreflang"], link["href"]) for link in links.find_all("link")]
    assert found == [
        (["alternate"], "zh-Hans", "https://example.org/memory/a&b/"),
        (["alternate"], "en", "https://example.org/en/memory/a&b/"),
        (["alternate"], "x-default", "https://example.org/memory/a&b/"),
    ]


# --- Material's sitemap lookup -----------------------------------------------------------------------

BUNDLE = 'function ui(){e.pipe(b(()=>M("link[rel=alternate]")),m(r=>new URL(r.href)))}'


def test_the_lookup_skips_links_with_hreflang_and_is_applied_once():
    patched = head.without_sitemap_lookup(BUNDLE)
    assert 'M("link[rel=alternate]:not([hreflang])")' in patched
    assert head.without_sitemap_lookup(patched) == patched


@pytest.mark.parametrize("script", ["function ui(){}", BUNDLE + BUNDLE])
def test_a_changed_bundle_fails_loudly(script):
    with pytest.raises(head.MaterialChanged, match="integrations/alternate"):
        head.without_sitemap_lookup(script)


def test_the_bundle_in_a_built_site_is_patched_in_place(tmp_path):
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    bundle = scripts / "bundle.abc123.min.js"
    bundle.write_text(BUNDLE, encoding="utf-8")
    assert head.patch_material_bundle(tmp_path) == [bundle]
    assert ":not([hreflang])" in bundle.read_text(encoding="utf-8")
    with pytest.raises(head.MaterialChanged, match="no Material bundle"):
        head.patch_material_bundle(tmp_path / "elsewhere")


def test_the_installed_material_bundle_has_the_lookup_this_module_expects():
    """Fails after a Material upgrade that changes it: read integrations/alternate again then."""
    from pathlib import Path

    import material

    scripts = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    (bundle,) = scripts.glob("bundle.*.min.js")
    text = bundle.read_text(encoding="utf-8")
    assert head.without_sitemap_lookup(text).count(head.WITHOUT_HREFLANG) == 1
    assert 'new URL("sitemap.xml"' in text, "the lookup still fetches <href>sitemap.xml"
