"""The one policy for HTML an author writes (site_tools/rendering/safe_html.py), without a build."""

from __future__ import annotations

import markdown

from site_tools.mkdocs_hooks import fence
from site_tools.notebooks import page as notebook_page
from site_tools.rendering import safe_html

BUILD_MADE = (
    '<figure class="memory-diagram"><svg viewBox="0 0 1 1"><style>text{fill:red}</style></svg></figure>'
)


def convert(text: str) -> tuple[str, markdown.Markdown]:
    """`text` through Markdown with the site's kind of fence, whose formatter returns build-made HTML."""
    md = markdown.Markdown(
        extensions=["toc", "attr_list", "md_in_html", "pymdownx.superfences", safe_html.AuthorHtml()],
        extension_configs={
            "pymdownx.superfences": {
                "custom_fences": [
                    {
                        "name": "python",
                        "class": "python",
                        "format": lambda *args, **kwargs: safe_html.BuildHTML(BUILD_MADE),
                    }
                ]
            }
        },
    )
    return md.convert(text), md


def test_what_the_author_wrote_is_cleaned_and_what_the_build_made_is_kept():
    html, md = convert(
        "# T <script>alert(1)</script>\n\n"
        '<img src="a.png" onerror="alert(2)"> <b>kept</b> [x](javascript:alert(3)){: onclick="alert(4)" }\n\n'
        '<div markdown style="color:red">**md** <svg><circle r="1"/></svg></div>\n\n'
        "```python\nx = 1\n```\n\n"
        f"{BUILD_MADE}\n"  # the same markup, written by the author, is cleaned
    )
    assert html.count(BUILD_MADE) == 1  # the fence's, as it was
    assert '<img src="a.png"> <b>kept</b> <a>x</a>' in html
    assert "<div>\n<p><strong>md</strong> </p>\n</div>" in html
    for markup in ("alert(", "onerror", "onclick", "javascript:", "style=", "<circle"):
        assert markup not in html
    assert "<script" not in str(md.toc_tokens)  # the table of contents is made from the cleaned heading


def test_build_html_inside_a_paragraph_is_placed_as_markdown_places_stashed_html():
    md = markdown.Markdown(extensions=[safe_html.AuthorHtml()])
    build_made = md.htmlStash.store(safe_html.BuildHTML("<span onclick=x>build</span>"))
    author = md.htmlStash.store("<span onclick=y>author</span>")
    block = md.htmlStash.store(safe_html.BuildHTML("<div onclick=z>block</div>"))
    text = f"<p>a {build_made} b {author}</p>\n<p>{block}</p>"
    for processor in md.postprocessors:
        text = processor.run(text)
    assert text == "<p>a <span onclick=x>build</span> b <span>author</span></p>\n<div onclick=z>block</div>"


def test_notebook_markdown_and_page_markdown_share_one_policy():
    assert notebook_page.safe is safe_html.safe


def test_the_fence_validator_sets_aside_what_a_block_may_not_use():
    options: dict = {}
    inputs = {"exec": "on", "id": "t/x", "diagrm": "a", "html": "no", "timeout": "5"}
    assert fence.validator("python", inputs, options, {}, None)
    assert options["not_allowed"] == {"diagrm": "a", "html": "no"}
    assert options["extra"] == {"timeout": "5"}
    # a block that is not executed keeps its options for the highlighter
    inputs = {"title": "t.py", "linenums": "1"}
    assert not fence.validator("python", inputs, {}, {}, None)
    assert inputs == {"title": "t.py", "linenums": "1"}
