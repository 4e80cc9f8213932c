"""site_tools/rendering/templates.py and its folder: every template is rendered by the code that owns it,
from realistic input, with each value it names given (StrictUndefined); text is escaped, Markup is not;
the folder ships with the package."""

from __future__ import annotations

import tomllib
import types
from fnmatch import fnmatch
from pathlib import Path

import jinja2
import pytest
import torch
from markupsafe import Markup

from site_tools import claims, figures, verified
from site_tools.mkdocs_hooks import context, hooks
from site_tools.notebooks import page as notebook_page
from site_tools.rendering import output, templates
from site_tools.translation import freshness, glossary

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(templates.__file__).with_name(templates.FOLDER)
LANGUAGES = ("zh", "en")
WHERE = "page t/x.md, snippets/t/x.py"


def drawn(options: dict[str, str], namespace: dict) -> list[str]:
    """The figures a block with `options` draws from an example's objects, in each language."""
    request = figures.request(options, WHERE)
    checked = figures.from_data(request, figures.data(request, namespace, WHERE), WHERE)
    return [figures.html(request, checked, language, "t/x") for language in LANGUAGES]


def memory_figure(monkeypatch) -> list[str]:
    a = torch.arange(6)
    return drawn({"diagram": "a,b"}, {"a": a, "b": a[::2]})


def view_table(monkeypatch) -> list[str]:
    rows = [("basic slicing", "x[1:]", True), ("integer-array indexing", "x[[0, 2]]", False)]
    return drawn({"view_table": "rows"}, {"rows": rows})


def compare_tables(monkeypatch) -> list[str]:
    rows = [
        ("v[0]", [("copy", ""), ("scalar", "int64")], [("view", ""), ("zero_d", "")]),
        ("a | b", [("value", "5")], [("value", "5")]),
    ]
    return drawn({"compare_table": "rows"}, {"rows": rows})


def stale_notice(monkeypatch) -> list[str]:
    monkeypatch.setattr(freshness, "status", lambda root, page: "stale")
    page = types.SimpleNamespace(
        url="en/memory/views_and_copies/", file=types.SimpleNamespace(src_uri="en/memory/views_and_copies.md")
    )
    context.start(context.Build(root=ROOT))  # as in a build: the hooks' on_config starts one
    try:
        return [hooks.stale_notice(page, "en")]  # a Chinese page is the source: never stale
    finally:
        context.end(completed=False)


def verified_notice(monkeypatch) -> list[str]:
    return [
        verified.notice(ROOT, language, claims.page_claims(ROOT, language)[page], "../versions.md")
        for language in LANGUAGES
        for page in ("memory/views_and_copies.md", "tensor_ops/slicing.md")
    ]


USES = {
    "output.html": lambda monkeypatch: [
        *(output.render_output("tensor([0, 2, 4])\n", language) for language in LANGUAGES),
        notebook_page.collapsed_outputs(
            '<div class="jp-Cell-outputWrapper"><div class="jp-OutputArea-output"><pre>1</pre></div></div>',
            "en",
        ),
    ],
    "other_outputs.html": lambda monkeypatch: [
        output.render_other_outputs(
            [(["2.4.1", "2.6.0"], "tensor([0])\n"), (["2.8.0"], "tensor(0)\n")], language
        )
        for language in LANGUAGES
    ],
    "failure.html": lambda monkeypatch: [
        output.render_failure("snippets/t/x.py, line 3: ZeroDivisionError: division by zero", language)
        for language in LANGUAGES
    ],
    "memory_figure.html": memory_figure,
    "view_table.html": view_table,
    "compare_tables.html": compare_tables,
    "download_button.html": lambda monkeypatch: [
        notebook_page.download_button("copy_or_share.ipynb", language) for language in LANGUAGES
    ],
    "stale_notice.html": stale_notice,
    "verified_notice.md": verified_notice,
    "versions.md": lambda monkeypatch: [verified.table(ROOT, language, "../") for language in LANGUAGES],
    "glossary.md": lambda monkeypatch: [glossary.table(language) for language in LANGUAGES],
}
"""Each template, and the build's own code rendering it from input like a real page's."""


def test_every_template_in_the_folder_has_a_use_here_and_each_use_names_one_that_exists():
    assert sorted(path.name for path in FOLDER.iterdir()) == sorted(USES)


@pytest.mark.parametrize("name", sorted(USES))
def test_each_template_is_rendered_by_its_code_with_every_value_it_names(name, monkeypatch):
    rendered = []
    render = templates.render

    def recording(template: str, **values) -> str:
        rendered.append(template)
        return render(template, **values)  # StrictUndefined: a value it names but is not given raises

    monkeypatch.setattr(templates, "render", recording)
    pieces = USES[name](monkeypatch)
    assert name in rendered, f"{name} was not rendered by the code this test calls"
    assert pieces
    assert all(piece.strip() for piece in pieces)


def test_a_value_a_template_names_but_is_not_given_is_an_error_not_an_empty_string():
    with pytest.raises(jinja2.UndefinedError, match="'message' is undefined"):
        templates.render("failure.html", title="This example failed")
    # the counter-case: given every value, it renders
    assert "<pre><code>boom</code></pre>" in templates.render("failure.html", title="t", message="boom")


def test_text_is_escaped_and_only_markup_is_placed_as_it_is():
    html = templates.render("failure.html", title="<i>t</i>", message='<script>alert("x")</script>')
    assert "<script>" not in html
    assert "<i>" not in html
    assert "&lt;script&gt;" in html
    cell = templates.render("output.html", label="Show output", cell_html=Markup("<pre>1</pre>"))
    assert "<pre>1</pre>" in cell


def test_the_folder_ships_with_the_package():
    """An installed copy (not editable) finds its templates: pyproject.toml's package-data names them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["site_tools.rendering"]
    for path in FOLDER.iterdir():
        shipped = f"{templates.FOLDER}/{path.name}"
        assert any(fnmatch(shipped, pattern) for pattern in patterns), f"{shipped} is not in package-data"
