"""site_tools/figures: the NumPy-vs-PyTorch tables (`compare_table="rows"`), from rows to checked data to
HTML and a notebook's Markdown, in the reader's language."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from site_tools import figures
from site_tools.translation import labels

WHERE = "page x, snippets/t/x.py"
ROWS = [
    ("m.flatten()", [("copy", "")], [("view", "")]),
    ("v[0]", [("copy", ""), ("scalar", "int64")], [("view", ""), ("zero_d", "")]),
    ("v[::-1]", [("view", "")], [("raises", "ValueError")]),
    ("c.T", [("value", "(4, 3, 2)")], [("value", "(4, 3, 2)"), ("warns", "UserWarning")]),
    ("a | b", [("value", "5"), ("value", "int64")], [("value", "5"), ("value", "int64")]),
    ("m[0] = 1", [("after", "m = [1]")], [("after", "m = [1]")]),
]


def checked(rows=ROWS):
    request = figures.request({"compare_table": "rows"}, WHERE)
    return request, figures.from_data(request, figures.data(request, {"rows": rows}, WHERE), WHERE)


@pytest.mark.parametrize(
    ("parts", "zh", "en"),
    [
        (ROWS[1][1], "副本（int64 标量）", "copy (int64 scalar)"),
        (ROWS[1][2], "视图（0 维张量）", "view (0-d tensor)"),
        (ROWS[2][2], "抛出 ValueError", "raises ValueError"),
        (ROWS[3][2], "(4, 3, 2)，并发出 UserWarning", "(4, 3, 2) + UserWarning"),
        (ROWS[4][1], "5，int64", "5, int64"),
        (ROWS[5][1], "之后 m = [1]", "afterwards m = [1]"),
        ([("itself", "v")], "就是 v 本身", "v itself"),
        ([("method", "")], "一个方法", "a method"),
    ],
)
def test_a_cell_reads_in_each_language(parts, zh, en):
    assert figures.cell_text(parts, "zh") == zh
    assert figures.cell_text(parts, "en") == en


@pytest.mark.parametrize("language", ["zh", "en"])
def test_rows_that_differ_and_rows_alike_become_two_tables(language):
    request, data = checked()
    html = BeautifulSoup(figures.html(request, data, language, "k"), "html.parser")
    words = labels.COMPARE_TABLE[language]
    different, alike = html.select("table")
    assert different.caption.get_text() == words["different"]
    assert [tr.td.get_text() for tr in different.select("tbody tr")] == [
        "m.flatten()",
        "v[0]",
        "v[::-1]",
        "c.T",
    ]
    assert [tr.td.get_text() for tr in alike.select("tbody tr")] == ["a | b", "m[0] = 1"]
    assert [th.get_text() for th in alike.select("th")] == [words["code"], words["both"]]
    # a cell's kinds mark it (is-view, is-raises), for the page's styles
    assert "is-raises" in different.select("tbody tr")[2].select("td")[2]["class"]


def test_code_and_text_are_escaped_and_the_notebook_gets_markdown_tables():
    request, data = checked([("<b>x</b>", [("value", "<i>")], [("value", "a|b")])])
    html = figures.html(request, data, "en", "k")
    assert "<b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "&lt;i&gt;" in html
    markdown = figures.markdown(request, data, "zh", "k")
    assert "**两个库结果不同**" in markdown
    assert "| 代码 | NumPy | PyTorch |" in markdown
    assert "a\\|b" in markdown


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("not a list", "must name a list of"),
        ([("x", "copy", "view")], "each cell a list of"),
    ],
)
def test_rows_of_the_wrong_shape_fail_naming_the_option(rows, message):
    request = figures.request({"compare_table": "rows"}, WHERE)
    with pytest.raises(figures.FigureError, match=message):
        figures.data(request, {"rows": rows}, WHERE)


@pytest.mark.parametrize(
    "found",
    [
        {"compare": [["x", [["<script>", ""]], [["view", ""]]]]},  # a kind with no words
        {"compare": [["x", [["value", "y" * (figures.MAX_TEXT + 1)]], [["view", ""]]]]},
        {"compare": [["x", [], [["view", ""]]]]},  # an empty cell
        {"compare": "x"},
    ],
)
def test_data_from_the_example_is_checked_before_it_is_drawn(found):
    request = figures.request({"compare_table": "rows"}, WHERE)
    with pytest.raises(figures.FigureError, match="malformed"):
        figures.from_data(request, found, WHERE)


def test_the_option_names_a_variable():
    with pytest.raises(figures.FigureError, match="not a variable name"):
        figures.request({"compare_table": "rows; import os"}, WHERE)
