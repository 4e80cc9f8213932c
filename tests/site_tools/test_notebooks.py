"""site_tools/notebooks/: reading notebooks, a page as a notebook (running cells: test_execution.py),
tidying
mkdocs-jupyter's HTML. Real builds with notebooks are in tests/test_built_site.py and
tests/site_tools/test_notebooks_in_a_build.py."""

from __future__ import annotations

import nbformat
import pytest
from nbformat import v4
from pymdownx.slugs import slugify

from site_tools import execution, layout, notebooks
from site_tools.notebooks import page as notebook_page
from site_tools.translation import code_comments, freshness, labels

# --- reading a committed notebook --------------------------------------------------------------------


def write_notebook(path, cells):
    nb = v4.new_notebook(
        cells=cells,
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(nb, path)
    return path


def test_stored_outputs_are_refused_with_the_command_that_clears_them(tmp_path):
    cell = v4.new_code_cell("print(1)")
    cell.outputs = [v4.new_output("stream", name="stdout", text="1\n")]
    path = write_notebook(tmp_path / "n.ipynb", [v4.new_markdown_cell("# t"), cell])
    with pytest.raises(notebooks.NotebookError, match=r"cell 2 has stored outputs.*--clear-output --inplace"):
        notebooks.read(path)


def test_a_broken_file_is_refused(tmp_path):
    path = tmp_path / "n.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")
    with pytest.raises(notebooks.NotebookError, match=r"not a valid Jupyter notebook"):
        notebooks.read(path)


def test_a_notebook_in_another_language_is_refused(tmp_path):
    path = tmp_path / "n.ipynb"
    nb = v4.new_notebook(metadata={"kernelspec": {"name": "ir", "display_name": "R", "language": "R"}})
    nbformat.write(nb, path)
    with pytest.raises(notebooks.NotebookError, match=r"kernel language is 'R'"):
        notebooks.read(path)


@pytest.mark.process  # runs in the forkserver, a fresh Python that imports torch
def test_execute_file_fills_outputs_and_counts(tmp_path):
    path = write_notebook(tmp_path / "n.ipynb", [v4.new_markdown_cell("# t"), v4.new_code_cell("1 + 1")])
    executed = notebooks.execute_file(path, tmp_path)
    code = executed.cells[1]
    assert code.execution_count == 1
    assert code.outputs[0]["data"]["text/plain"] == "2"
    assert nbformat.read(path, as_version=4).cells[1].outputs == [], "the source file is left as it was"


def test_english_notebooks_record_the_chinese_cells_they_translate(tmp_path):
    for language, text in (("zh", "# 标题"), ("en", "# Title")):
        (tmp_path / "docs" / language).mkdir(parents=True)
        write_notebook(tmp_path / "docs" / language / "n.ipynb", [v4.new_markdown_cell(text)])
    assert freshness.status(tmp_path, "n.ipynb") == "unmarked"
    freshness.mark(tmp_path, "n.ipynb")
    assert freshness.status(tmp_path, "n.ipynb") == "fresh"
    write_notebook(tmp_path / "docs" / "zh" / "n.ipynb", [v4.new_markdown_cell("# 新标题")])
    assert freshness.status(tmp_path, "n.ipynb") == "stale"


# --- a Markdown page as a notebook -------------------------------------------------------------------

PAGE = """# 标题

看 [另一页](../tensor_ops/slicing.md#steps)、[首页](../index.md) 和 [notebook](copy_or_share.ipynb)。

## 小节 { #part }

```python exec="on" id="memory/detach_shares_memory" diagram="weights"
--8<-- "snippets/memory/detach_shares_memory.py"
```

!!! warning "执行结果与原笔记不同"
    第一行。

    第二行。

```python
--8<-- "snippets/memory/numpy_on_gpu_tensor.py"
```

结尾。
"""


@pytest.fixture
def page_notebook():
    return notebooks.page_notebook(
        PAGE,
        root=layout.ROOT,
        execute=True,
        language="zh",
        page_url="memory/detach_shares_memory/",
        site_url="https://example.org/notes/",
        title="标题",
        build_info={"date": "2026-11-27", **execution.versions()},
    )


def test_prose_becomes_markdown_cells_and_examples_code_cells(page_notebook):
    kinds = [c.cell_type for c in page_notebook.cells]
    assert kinds == ["markdown", "markdown", "code", "markdown", "markdown"]
    code = page_notebook.cells[2]
    snippet = layout.snippet_path(layout.ROOT, "memory/detach_shares_memory").read_text(encoding="utf-8")
    assert code.source == code_comments.displayed(snippet.rstrip("\n"), "zh", layout.ROOT)
    assert "# detach() 脱离的是自动求导" in code.source, "the page's language: Chinese comments"
    assert code.execution_count == 1
    run = execution.run_file_once(
        layout.snippet_path(layout.ROOT, "memory/detach_shares_memory"), layout.ROOT
    )
    assert "".join(o["text"] for o in code.outputs) == run.output
    nbformat.validate(page_notebook)


def test_the_blocks_diagram_follows_its_code_as_an_svg_image(page_notebook):
    import base64

    figure = page_notebook.cells[3].source
    caption = labels.FIGURE_CAPTION["zh"]
    assert figure.startswith(f"![{caption}](data:image/svg+xml;base64,")
    svg = base64.b64decode(figure.split("base64,", 1)[1].split(")", 1)[0]).decode()
    assert svg.startswith("<svg")
    assert "weights" in svg
    assert "generated" in page_notebook.cells[3].metadata["tags"]


def english_page_notebook(markdown: str, *, page_url: str):
    """`page_notebook` for an English page of a site at https://example.org/."""
    return notebooks.page_notebook(
        markdown,
        root=layout.ROOT,
        execute=True,
        language="en",
        page_url=page_url,
        site_url="https://example.org/",
        title="t",
        build_info={"date": "d", **execution.versions()},
    )


def test_a_view_table_becomes_a_markdown_table():
    nb = english_page_notebook(
        '```python exec="on" id="memory/views_and_copies" view_table="rows"\n'
        '--8<-- "snippets/memory/views_and_copies.py"\n```\n',
        page_url="en/memory/views_and_copies/",
    )
    table = nb.cells[2].source.splitlines()
    assert table[:2] == ["| Operation | Example | Result |", "| --- | --- | --- |"]
    rows = execution.run_file_once(
        layout.snippet_path(layout.ROOT, "memory/views_and_copies"), layout.ROOT
    ).namespace["rows"]
    assert len(table) == 2 + len(rows)
    assert all(line.endswith(("| view |", "| copy |")) for line in table[2:])


def test_the_first_cell_says_where_the_notebook_and_its_outputs_come_from(page_notebook):
    intro = page_notebook.cells[0].source
    assert "https://example.org/notes/memory/detach_shares_memory/" in intro
    assert f"torch {execution.versions()['torch']}" in intro


def test_mkdocs_only_markdown_is_made_plain(page_notebook):
    prose = page_notebook.cells[1].source + page_notebook.cells[4].source
    assert "{ #part }" not in prose
    assert "## 小节" in prose
    assert "> **执行结果与原笔记不同**\n>\n> 第一行。\n>\n> 第二行。" in prose
    assert "(https://example.org/notes/tensor_ops/slicing/#steps)" in prose
    assert "(https://example.org/notes/)" in prose
    assert "(https://example.org/notes/memory/copy_or_share/)" in prose
    assert "--8<--" not in prose, "a shown-only snippet is inlined as code"
    assert "gpu_tensor.numpy()" in prose or ".cuda" in prose or "cuda" in prose


def test_english_pages_link_into_the_english_site():
    nb = english_page_notebook("See [that](slicing.md).\n", page_url="en/tensor_ops/boolean/")
    assert "(https://example.org/en/tensor_ops/slicing/)" in nb.cells[1].source
    assert "https://example.org/en/tensor_ops/boolean/" in nb.cells[0].source


# --- mkdocs-jupyter's HTML -----------------------------------------------------------------------------

RENDERED = """<style>.jp-Cell{}</style>
<script src="https://cdnjs.cloudflare.com/mathjax.js"> </script><!-- Load mathjax -->
<div class="jupyter-wrapper">
<div class="jp-Collapser jp-InputCollapser jp-Cell-inputCollapser">
</div>
<div class="jp-InputPrompt jp-InputArea-prompt">In [1]:</div>
<h1 id="">标题<a class="anchor-link" href="#">¶</a></h1>
<h2 id="x"><code>torch.tensor</code> 复制<a class="anchor-link" href="#x">¶</a></h2>
<h3 id="">细节<a class="anchor-link" href="#">¶</a></h3>
<h2 id="">只读<a class="anchor-link" href="#">¶</a></h2>
<h2 id="">只读<a class="anchor-link" href="#">¶</a></h2>
<div class="zeroclipboard-container"><clipboard-copy for="cell-1"><div><span>Copied!</span></div>
</clipboard-copy>
</div>
<div class="highlight-ipynb hl-python highlight"><pre><span></span><span class="n">x</span> \
<span class="o">=</span> 1
</pre></div>
<div class="clipboard-copy-txt" id="cell-1">x = 1</div>
</div>"""


@pytest.fixture
def tidied():
    return notebook_page.tidy_rendered_notebook(RENDERED, slugify(case="lower"))


def test_inlined_styles_scripts_and_the_clipboard_widget_go(tidied):
    html, _ = tidied
    for gone in (
        "<style",
        "<script",
        "cdnjs",
        "<!--",
        "clipboard-copy",
        "zeroclipboard",
        "jp-Collapser",
        "jp-InputPrompt",
    ):
        assert gone not in html


def test_code_is_in_pre_code_for_materials_copy_button(tidied):
    html, _ = tidied
    assert '<pre><code><span class="n">x</span> <span class="o">=</span> 1\n</code></pre>' in html


def test_headings_get_unique_unicode_ids_and_a_matching_nested_toc(tidied):
    html, tokens = tidied
    assert '<h1 id="标题">标题<a class="headerlink" href="#标题" title="Permanent link">¶</a></h1>' in html
    assert [t["id"] for t in tokens] == ["标题"]
    assert [(t["id"], t["name"]) for t in tokens[0]["children"]] == [
        ("torchtensor-复制", "torch.tensor 复制"),
        ("只读", "只读"),
        ("只读_1", "只读"),
    ]
    assert tokens[0]["children"][0]["children"][0]["id"] == "细节"
    for token_id in ("torchtensor-复制", "细节", "只读", "只读_1"):
        assert f'id="{token_id}"' in html


def test_the_download_button_is_labelled_in_the_page_language():
    zh = notebook_page.download_button("x.ipynb", "zh")
    assert ">下载 Notebook</span>" in zh  # the visible words are its accessible name
    assert 'title="下载本页的 Jupyter notebook"' in zh
    assert "aria-label" not in zh
    en = notebook_page.download_button("x.ipynb", "en")
    assert ">Download notebook</span>" in en
    assert 'href="x.ipynb" download' in en
    assert "Download this page as a Jupyter notebook" in en


HOSTILE = (
    '<div class="jp-RenderedMarkdown" data-mime-type="text/markdown"><h2 id="x">Title</h2>'
    "<p>text <img src=x onerror=alert(1)><iframe src='https://example.org'></iframe>"
    "<script>alert(2)</script><a href='javascript:alert(3)'>link</a><svg onload=alert(4)></svg>"
    '<b style="color:red" onclick="alert(5)">bold</b> <span class="claim" id="claim-a">claim</span></p></div>'
)


def test_a_markdown_cells_html_keeps_only_a_safe_subset():
    html, _ = notebook_page.tidy_rendered_notebook(HOSTILE, slugify(case="lower"))
    for gone in (
        "onerror",
        "<iframe",
        "<script",
        "alert(2)",
        "javascript:",
        "<svg",
        "onload",
        "style=",
        "onclick",
    ):
        assert gone not in html
    # what the pages use stays: classes, ids, data- attributes, text, the claim's span
    assert 'data-mime-type="text/markdown"' in html
    assert '<span class="claim" id="claim-a">claim</span>' in html
    assert "<b>bold</b>" in html
    assert '<img src="x">' in html


CELLS = (
    '<div class="jp-Cell jp-CodeCell"><div class="jp-Cell-outputWrapper">'
    '<div class="jp-OutputArea"><div class="jp-OutputArea-child"><div class="jp-OutputArea-output">'
    "<pre>42\n</pre></div></div></div></div></div>"
    '<div class="jp-Cell jp-CodeCell"><div class="jp-Cell-outputWrapper"><div class="jp-OutputArea">'
    "</div></div></div>"
    '<h2 id="">只读数组 { #read-only-arrays }<a class="anchor-link" href="#">¶</a></h2>'
)


@pytest.mark.parametrize(("language", "label"), [("zh", "点我看输出"), ("en", "Show output")])
def test_outputs_are_collapsed_as_on_the_markdown_pages(language, label):
    html, tokens = notebook_page.tidy_rendered_notebook(CELLS, slugify(case="lower"), language)
    assert html.count('<details class="example-output"') == 1, "a cell without output gets no block"
    assert f"<summary>{label}</summary>" in html
    assert html.index("<details") < html.index("<pre>42") < html.index("</details>")
    # a heading's { #id } is its anchor, as on the Markdown pages; the mark itself is not shown
    assert '<h2 id="read-only-arrays">只读数组<a class="headerlink" href="#read-only-arrays"' in html
    assert "{ #" not in html
    assert tokens[0]["id"] == "read-only-arrays"
