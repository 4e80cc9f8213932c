"""A hostile contributor's attempts on the promise that a snippet can lie only about itself (sandbox.py,
isolated.py, pool.py), beyond tests/site_tools/test_isolation.py. Each test is one attempt: it passes
where the attempt fails. One marked xfail(strict) is a hole still open: its reason says what it does."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from site_tools import figures
from site_tools.execution import isolated, pool


@pytest.fixture
def fresh_pool(monkeypatch):
    """The pool's results of this test only (the build's, and other tests', stay untouched)."""
    monkeypatch.setattr(pool, "runs", pool.Runs())
    monkeypatch.setattr(pool, "_executor", [])
    yield
    for executor in pool._executor:
        executor.shutdown(wait=True, cancel_futures=True)


@pytest.mark.process
def test_a_copy_of_another_snippets_code_does_not_stand_in_for_its_run(fresh_pool):
    """A pull request adds snippets/evil/copy.py, the same code as snippets/memory/real.py, on a page
    handed to the pool first. The real page's output must name its own file (its warnings, tracebacks and
    `__file__` do), not the copy's: one run is shared by the same code *and name* only."""
    code = "import warnings\n# shows-warning: UserWarning\nwarnings.warn('w')\nprint(__file__)\n"
    isolated.run_ahead([code], "snippets/evil/copy.py")
    real = isolated.cached_run([code], "snippets/memory/real.py").output
    assert "snippets/evil/copy.py" not in real
    assert real.startswith("snippets/memory/real.py:3: UserWarning: w\n")
    assert real.endswith("\nsnippets/memory/real.py\n")
    assert isolated.cached_run([code], "snippets/evil/copy.py").output.endswith("\nsnippets/evil/copy.py\n")


def _notebook_table(rows: list[list]) -> BeautifulSoup:
    """The view table a notebook's Markdown cell carries for `rows` (the example's own data, checked as the
    build checks it), rendered as Markdown is rendered by a notebook viewer."""
    import markdown

    request = figures.request({"view_table": "rows"}, "page p, snippets/t/hostile.py")
    checked = figures.from_data(request, {"rows": rows}, "page p, snippets/t/hostile.py")
    cell = figures.markdown(request, checked, "en", "t/hostile")
    return BeautifulSoup(markdown.markdown(cell, extensions=["tables"]), "html.parser")


def test_a_view_table_of_plain_rows_is_a_table_in_the_notebook():
    """The counter-case: ordinary rows make a table of as many rows, each cell its text."""
    table = _notebook_table([["slicing", "x[1:]", True], ["clone()", "x.clone()", False]])
    body = [[td.get_text() for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
    assert body == [["slicing", "x[1:]", "view"], ["clone()", "x.clone()", "copy"]]


def test_a_view_table_row_cannot_put_markup_into_the_notebook():
    operation = "op\n\n# Pwned <img src=https://attacker.invalid/x.png>"
    hostile = [[operation, "x` [click](https://attacker.invalid)", True]]
    table = _notebook_table(hostile)
    assert table.find("img") is None
    assert table.find("a") is None
    assert table.find("h1") is None
    assert len(table.find("tbody").find_all("tr")) == 1


@pytest.mark.process
@pytest.mark.xfail(
    strict=True,
    reason="the memory limit is RLIMIT_AS, which counts only mapped memory: a memfd (or SysV shared memory, "
    "or a tmpfs) written with write() holds any amount of memory, past MEMORY_LIMIT, for as long as the "
    "example runs; examples run side by side (pool.py), so a snippet can drive the machine into the OOM "
    "killer, which may kill the build or another example instead (no cgroup bounds it)",
)
def test_an_example_cannot_hold_more_memory_than_its_limit_through_a_memfd():
    held = isolated.MEMORY_LIMIT + 2**26  # one chunk past the limit: ~4 GiB held for a moment
    code = (
        "import os\n"
        "fd = os.memfd_create('hold')\n"
        "chunk = b'1' * 2**26\n"
        f"for _ in range({held} // 2**26):\n"
        "    os.write(fd, chunk)\n"
        "print(os.fstat(fd).st_size)\n"
    )
    try:
        output = isolated.run([code], "snippets/t/hostile.py").output
    except isolated.ExecutionError:
        return  # refused: the limit holds
    assert int(output) < held


def _diagram(size: int, shape: list[int], cells: int) -> dict:
    """Figure data for `diagram="a"` as an example's report carries it (the example may write it itself)."""
    tensor = {
        "name": "a",
        "storage": 0,
        "shape": shape,
        "stride": [1] * len(shape),
        "offset": 0,
        "contiguous": True,
        "cells": list(range(cells)),
        "values": ["0"] * cells,
    }
    return {"diagram": {"storages": [{"size": size, "tensors": ["a"]}], "tensors": [tensor]}}


def test_figure_data_that_draws_a_diagram_of_a_few_cells_is_accepted():
    """The counter-case: what a real 4-element tensor sends back is drawn."""
    request = figures.request({"diagram": "a"}, "page p")
    checked = figures.from_data(request, _diagram(4, [4], 4), "page p")
    assert figures.html(request, checked, "en", "t/a").count('data-tensor="a"') == 4


@pytest.mark.parametrize(
    ("size", "shape", "cells"),
    [(2**40, [4], 4), (4, [2**40], 4), (4, [2**20, 2**20], 4)],
    ids=["huge-storage", "shape-beyond-its-cells", "grid-beyond-its-cells"],
)
def test_figure_data_that_would_make_the_build_draw_without_end_is_refused(size, shape, cells):
    request = figures.request({"diagram": "a"}, "page p")
    with pytest.raises(figures.FigureError):
        figures.from_data(request, _diagram(size, shape, cells), "page p")


def _forged(cells: str) -> str:
    """A snippet that writes its own report, whose cells are the Python expression `cells`, and ends."""
    from tests.site_tools.test_isolation import FIND_REPORT, WRITE_REPORT

    report = f"json.dumps({{'status': 'ok', 'cells': {cells}, 'figures': []}})"
    return FIND_REPORT + "import json, os\n" + WRITE_REPORT.format(report) + "os._exit(0)\n"


@pytest.mark.process
def test_a_forged_report_may_fake_its_own_output_up_to_the_limit():
    """The counter-case: a report the example wrote itself, one cell printing exactly the limit, is its own
    output (a lie about itself, which the sandbox allows)."""
    limit = isolated.OUTPUT_LIMIT
    result = isolated.run([_forged(f"[[[['stdout', 'y' * {limit}]], None]]")], "snippets/t/hostile.py")
    assert result.output == "y" * limit


@pytest.mark.process
@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("[[[['stdout', 'y' * (OUTPUT_LIMIT + 1)]], None]]", "printed more than its output limit"),
        ("[[[['stdout', 'y' * (OUTPUT_LIMIT // 2)], ['stderr', 'y' * OUTPUT_LIMIT]], None]]", "output limit"),
        ("[[[['stdout', 'y' * 1000]], None]] * 25", "malformed"),
    ],
    ids=["one-cell-past-the-limit", "stdout-and-stderr-past-it", "a-snippet-with-25-cells"],
)
def test_a_forged_report_cannot_print_past_the_output_limit(cells, message):
    """A snippet that writes its own report put 4,975,025 characters (25 cells of 199,000) on its page,
    25 times the limit the runner enforces, within REPORT_LIMIT: the build checks the limit again."""
    cells = cells.replace("OUTPUT_LIMIT", str(isolated.OUTPUT_LIMIT))
    with pytest.raises(isolated.ExecutionError, match=message):
        isolated.run([_forged(cells)], "snippets/t/hostile.py")


def test_a_markdown_pages_output_shows_control_and_bidi_characters_as_visible_marks():
    """The counter-case, on a Markdown page: what an example prints is shown as fence.visible_text has it."""
    from site_tools.mkdocs_hooks import fence

    html = fence.render_output("a\u202eb \x1b]8;;javascript:x\x1b\\link", "en")
    assert "\u202e" not in html
    assert "\x1b" not in html
    assert "⟨U+202E⟩" in html


def test_a_notebook_pages_output_shows_control_and_bidi_characters_as_visible_marks():
    from pymdownx.slugs import slugify

    from site_tools.notebooks import page as notebook_page

    rendered = (
        '<div class="jp-Cell jp-CodeCell"><div class="jp-Cell-outputWrapper">'
        '<div class="jp-OutputArea"><div class="jp-OutputArea-child"><div class="jp-OutputArea-output">'
        "<pre>a\u202eb \x1b]8;;javascript:x\x1b\\link\n</pre></div></div></div></div></div>"
    )
    html, _ = notebook_page.tidy_rendered_notebook(rendered, slugify(case="lower"), "en")
    assert "\u202e" not in html
    assert "\x1b" not in html
