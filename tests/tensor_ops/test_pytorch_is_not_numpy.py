import re
import subprocess
import sys
import warnings

import numpy as np
import pytest
import torch
from bs4 import BeautifulSoup

from site_tools import execution, figures, layout
from site_tools.translation import code_comments, labels
from tests.conftest import overlaps, shares_storage, warnings_shown_in_a_fresh_process

SNIPPET = "tensor_ops/pytorch_is_not_numpy"

# What each row of the table must say, (NumPy, PyTorch), checked below against the libraries themselves.
EXPECTED = {
    "m.flatten()": ("copy", "view"),
    "v.flatten()": ("copy", "v itself"),
    "m[:, ::2].flatten()": ("copy", "view"),
    "m.T.flatten()": ("copy", "copy"),
    "m.ravel()": ("view", "view"),
    "m[:, ::2].ravel()": ("copy", "copy"),
    "m.reshape(4, 2)": ("view", "view"),
    "m.T.reshape(8)": ("copy", "copy"),
    "lib.flip(v, (0,))": ("view", "copy"),
    "v[::-1]": ("view", "raises ValueError"),
    "v[0]": ("copy (int64 scalar)", "view (0-d tensor)"),
    "m[0]": ("view", "view"),
    "m.T": ("view", "view"),
    "m[[0, 1]]": ("copy", "copy"),
    "m[m > 2]": ("copy", "copy"),
    "m[m > 2] = 0": (
        "afterwards m = [[0, 1, 2, 0], [0, 0, 0, 0]]",
        "afterwards m = [[0, 1, 2, 0], [0, 0, 0, 0]]",
    ),
    "lib.add(v, 1, out=v)": ("v itself", "v itself"),
    "v[1:].base": ("v itself", "raises AttributeError"),
    "v[1:]._base": ("raises AttributeError", "v itself"),
    "m.copy()": ("copy", "raises AttributeError"),
    "m.clone()": ("raises AttributeError", "copy"),
    "m.view(4, 2)": ("raises ValueError", "view"),
    "c.T": ("(4, 3, 2)", "(4, 3, 2) + UserWarning"),
    # an integer and an index array apart: NumPy puts the array's dimension first, PyTorch keeps it in place
    "c[0, :, [1, 3]]": ("(2, 3)", "(3, 2)"),
    "c[:, 0, [1, 3]]": ("(2, 2)", "(2, 2)"),  # side by side: the same in both
    # nonzero: NumPy a tuple of index arrays (one here), PyTorch one (n, ndim) tensor
    "lib.nonzero(s > 1)": ("[[0, 2]]", "[[0], [2]]"),
    "m.size": ("8", "a method"),
    "m.max(1)": ("[3, 7]", "values=[3, 7], indices=[0, 1]"),
    "s.sort()": (
        "None; afterwards s = [1, 2, 3]",
        "values=[1, 2, 3], indices=[1, 2, 0]; afterwards s = [3, 1, 2]",
    ),
    "s.repeat(2)": ("[3, 3, 1, 1, 2, 2]", "[3, 1, 2, 3, 1, 2]"),
    "lib.split(v, 2)": ("[[0, 1, 2], [3, 4, 5]]", "[[0, 1], [2, 3], [4, 5]]"),
    "lib.split(v, [1, 3])": ("[[0], [1, 2], [3, 4, 5]]", "raises RuntimeError"),
    "f.std()": ("1.118", "1.291"),
    "v.mean()": ("2.5", "raises RuntimeError"),
    "n // 2": ("[-4, 3]", "[-4, 3]"),
    "n % 2": ("[1, 1]", "[1, 1]"),
    "lib.asarray([1.0])": ("float64", "float32"),
    "lib.zeros(2)": ("float64", "float32"),
    "v / 2": ("float64", "float32"),
    "lib.asarray([1])": ("int64", "int64"),
    "(m > 2).sum()": ("5, int64", "5, int64"),
    "seed(0); rand()": ("0.5488", "0.4963"),
}
MEMORY_ROWS = [
    code
    for code, (numpy_cell, _) in EXPECTED.items()
    if re.match(r"(copy|view|\w+ itself|raises)", numpy_cell)
]


@pytest.fixture
def snippet(run_snippet):
    """The snippet's variables; torch warns every time (its `.T` warning is warn-once per process)."""
    previous = torch.is_warn_always_enabled()
    torch.set_warn_always(True)
    try:
        yield run_snippet(SNIPPET)
    finally:
        torch.set_warn_always(previous)


def table(ns, language="en"):
    """{code: (NumPy cell, PyTorch cell)}, the cells in the words the page in `language` shows."""
    return {
        code: (figures.cell_text(numpy_cell, language), figures.cell_text(torch_cell, language))
        for code, numpy_cell, torch_cell in ns["rows"]
    }


def inputs(lib):
    """Fresh inputs, as the snippet builds them."""
    return {
        "m": lib.asarray([[3, 1, 2, 0], [4, 7, 5, 6]]),
        "v": lib.asarray([0, 1, 2, 3, 4, 5]),
        "s": lib.asarray([3, 1, 2]),
        "n": lib.asarray([-7, 7]),
        "f": lib.asarray([1.0, 2.0, 3.0, 4.0]),
        "c": lib.zeros((2, 3, 4)),
    }


def printed_output():
    """What the snippet prints, run by the site's runner (its warnings are another stream)."""
    run = execution.run_file(layout.snippet_path(layout.ROOT, SNIPPET), layout.ROOT)
    return "".join(text for stream, text in run.streams if stream == "stdout")


# --- the table itself -------------------------------------------------------------------------


@pytest.mark.claim("numpy-torch-table-cells-are-executed", "table-marks-raises-warnings-and-same-rows")
def test_the_table_has_every_row_and_each_cell_is_what_was_expected(snippet):
    assert table(snippet) == EXPECTED


def drawn(ns, language):
    """The tables the page draws from the snippet's rows, as the build does (data, checked, HTML)."""
    request = figures.request({"compare_table": "rows"}, SNIPPET)
    checked = figures.from_data(request, figures.data(request, ns, SNIPPET), SNIPPET)
    return BeautifulSoup(figures.html(request, checked, language, SNIPPET), "html.parser")


@pytest.mark.claim("numpy-torch-table-cells-are-executed", "table-marks-raises-warnings-and-same-rows")
@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_rows_are_sorted_into_two_html_tables_in_the_readers_language(snippet, language):
    different = [row for row in snippet["rows"] if row[1] != row[2]]
    alike = [row for row in snippet["rows"] if row[1] == row[2]]
    assert different
    assert alike
    words = labels.COMPARE_TABLE[language]
    tables = drawn(snippet, language).select("table")
    assert [t.caption.get_text() for t in tables] == [words["different"], words["alike"]]
    assert [th.get_text() for th in tables[0].select("th")] == [words["code"], "NumPy", "PyTorch"]
    assert [th.get_text() for th in tables[1].select("th")] == [words["code"], words["both"]]
    cells = table(snippet, language)
    for html_table, rows, width in ((tables[0], different, 3), (tables[1], alike, 2)):
        shown = [[td.get_text() for td in tr.select("td")] for tr in html_table.select("tbody tr")]
        assert shown == [[code, *cells[code]][:width] for code, _, _ in rows]
    # the words are the page's: the Chinese table says 视图 / 副本 / 抛出, never view / copy / raises
    words_shown = {td.get_text() for td in tables[0].select("td:not(:first-child)")}
    expected = {"zh": ["视图", "副本", "抛出 ValueError"], "en": ["view", "copy", "raises ValueError"]}
    assert set(expected[language]) <= words_shown
    if language == "zh":
        assert not any(re.search(r"\b(view|copy|raises|itself|afterwards)\b", w) for w in words_shown)


@pytest.mark.claim("numpy-torch-table-cells-are-executed")
def test_the_code_shown_is_one_row_run_by_hand_and_prints_that_rows_cells(snippet):
    code = layout.snippet_path(layout.ROOT, SNIPPET).read_text(encoding="utf-8")
    for language in layout.LANGUAGES:
        shown = code_comments.displayed(code, language, layout.ROOT)
        assert "m.flatten()" in shown
        assert "CODE" not in shown, "the harness is out of sight"
        assert "def run" not in shown
        assert len(shown.splitlines()) < 30
    numpy_cell, torch_cell = EXPECTED["m.flatten()"]
    assert printed_output() == f"NumPy:   {numpy_cell == 'view'}\nPyTorch: {torch_cell == 'view'}\n"


@pytest.mark.claim("numpy-torch-table-cells-are-executed")
@pytest.mark.parametrize("code", MEMORY_ROWS)
@pytest.mark.parametrize(("column", "lib"), [(0, np), (1, torch)], ids=["numpy", "torch"])
def test_every_memory_cell_is_what_writing_through_the_result_shows(code, column, lib):
    """Re-run the row without the snippet's helpers: 'view' = shares memory, and writes show in the input."""
    cell = EXPECTED[code][column]
    x = inputs(lib)
    if cell.startswith("raises "):
        error = {"ValueError": ValueError, "AttributeError": AttributeError}[cell.removeprefix("raises ")]
        with pytest.raises(error):
            eval(code, {"lib": lib}, dict(x))
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = eval(code, {"lib": lib}, dict(x))
    if cell.endswith(" itself"):
        assert result is x[cell.removesuffix(" itself")]
        return
    is_view = cell.startswith("view")
    assert any(overlaps(result, source) for source in x.values()) == is_view
    if lib is torch:
        assert any(shares_storage(result, source) for source in x.values()) == is_view
    if isinstance(result, np.generic):  # a NumPy scalar: not an array, nothing to write through
        assert cell == f"copy ({type(result).__name__} scalar)"
        return
    before = {name: value.tolist() for name, value in x.items()}
    result[(0,) * result.ndim] = -9
    changed = any(x[name].tolist() != before[name] for name in x)
    assert changed == is_view


# --- flatten, ravel, reshape ------------------------------------------------------------------


@pytest.mark.claim("ndarray-flatten-always-copies")
def test_ndarray_flatten_copies_every_kind_of_input(snippet):
    assert table(snippet)["m.flatten()"][0] == "copy"
    assert table(snippet)["v.flatten()"][0] == "copy"
    m = np.asarray([[3, 1, 2, 0], [4, 7, 5, 6]])
    for source in (m, np.arange(6), m[:, ::2], m.T, np.asfortranarray(m), m[None], np.asarray(5)):
        flat = source.flatten()
        assert flat is not source
        assert not np.shares_memory(flat, source)
    # the counter-case: ravel and reshape(-1) of the same contiguous array are views
    assert np.shares_memory(m.ravel(), m)
    assert np.shares_memory(m.reshape(-1), m)


@pytest.mark.claim("torch-flatten-views-when-it-can")
def test_torch_flatten_views_like_reshape_and_copies_only_when_it_must(snippet):
    cells = table(snippet)
    assert cells["m.flatten()"][1] == cells["m[:, ::2].flatten()"][1] == "view"
    assert cells["m.T.flatten()"][1] == "copy"
    m = torch.asarray([[3, 1, 2, 0], [4, 7, 5, 6]])
    strided = m[:, ::2]
    assert not strided.is_contiguous()
    for source in (m, strided):
        flat = source.flatten()
        assert shares_storage(flat, m)
        assert overlaps(flat, m)
        assert shares_storage(source.reshape(-1), m)  # flatten views exactly where reshape does
        flat[0] = -1
        assert m[0, 0].item() == -1
        m[0, 0] = 3
    # counter-case: dimensions that cannot merge into one stride are copied
    assert not shares_storage(m.T.flatten(), m)
    assert not overlaps(m.T.flatten(), m)
    assert not shares_storage(m.T.reshape(-1), m)


@pytest.mark.claim("torch-flatten-returns-a-1d-input-itself")
def test_flatten_of_a_1d_tensor_is_the_tensor_itself(snippet):
    assert table(snippet)["v.flatten()"][1] == "v itself"
    v = torch.arange(6)
    assert v.flatten() is v
    assert torch.flatten(v) is v
    strided = v[::2]
    assert strided.flatten() is strided  # even a non-contiguous 1-D tensor
    # counter-cases: ravel of a 1-D tensor is a new tensor object; a 0-d tensor is reshaped to 1-D
    assert v.ravel() is not v
    scalar = torch.tensor(5)
    assert scalar.flatten() is not scalar
    assert scalar.flatten().shape == (1,)


@pytest.mark.claim("flatten-then-clone-copies")
def test_flatten_then_clone_is_an_independent_copy():
    m = torch.asarray([[3, 1, 2, 0], [4, 7, 5, 6]])
    flat = m.flatten().clone()
    assert not shares_storage(flat, m)
    flat[0] = -1
    assert m[0, 0].item() == 3
    assert not shares_storage(m.flatten(), m.flatten().clone())  # counter: without clone it shares
    assert shares_storage(m.flatten(), m)


@pytest.mark.claim("ravel-views-only-contiguous-input")
@pytest.mark.parametrize("lib", [np, torch], ids=["numpy", "torch"])
def test_ravel_views_a_contiguous_input_and_copies_any_other(snippet, lib):
    column = 0 if lib is np else 1
    assert table(snippet)["m.ravel()"][column] == "view"
    assert table(snippet)["m[:, ::2].ravel()"][column] == "copy"
    m = inputs(lib)["m"]
    v = inputs(lib)["v"]
    assert overlaps(m.ravel(), m)
    assert overlaps(v.ravel(), v)
    for source, base in ((m[:, ::2], m), (m.T, m), (v[::2], v), (m[:, :2], m)):
        assert not overlaps(source.ravel(), base)
    # even where reshape(-1) gives a view
    assert overlaps(m[:, ::2].reshape(-1), m)
    assert overlaps(v[::2].reshape(-1), v)


@pytest.mark.claim("reshape-views-when-it-can-in-both")
@pytest.mark.parametrize("lib", [np, torch], ids=["numpy", "torch"])
def test_reshape_views_when_it_can_and_copies_when_it_must(snippet, lib):
    column = 0 if lib is np else 1
    assert table(snippet)["m.reshape(4, 2)"][column] == "view"
    assert table(snippet)["m.T.reshape(8)"][column] == "copy"
    m = inputs(lib)["m"]
    assert overlaps(m.reshape(4, 2), m)
    assert overlaps(m[:, ::2].reshape(4), m)
    assert not overlaps(m.T.reshape(8), m)
    assert not overlaps(m[:, :2].reshape(4), m)


# --- flip, negative steps and strides ---------------------------------------------------------


@pytest.mark.claim("np-flip-views-torch-flip-copies")
def test_np_flip_is_a_view_with_a_negative_stride_and_torch_flip_a_copy(snippet):
    assert table(snippet)["lib.flip(v, (0,))"] == ("view", "copy")
    v = np.arange(6)
    flipped = np.flip(v, (0,))
    assert np.shares_memory(flipped, v)
    assert flipped.strides == (-v.itemsize,)
    flipped[0] = -1
    assert v[5] == -1
    m = np.arange(6).reshape(2, 3)
    assert np.shares_memory(np.flip(m), m)
    t = torch.arange(6)
    assert not shares_storage(torch.flip(t, (0,)), t)
    assert not overlaps(torch.flip(t, (0,)), t)
    tm = torch.arange(6).reshape(2, 3)
    assert not shares_storage(torch.flip(tm, (0, 1)), tm)
    assert not shares_storage(tm.flip(1), tm)


@pytest.mark.claim("negative-step-views-in-numpy-raises-in-torch")
def test_a_negative_step_is_a_view_in_numpy_and_an_error_in_torch(snippet):
    assert table(snippet)["v[::-1]"] == ("view", "raises ValueError")
    v = np.arange(6)
    assert np.shares_memory(v[::-1], v)
    assert v[::-1].strides[0] < 0
    assert np.shares_memory(v[::-2], v)
    t = torch.arange(6)
    for step in (-1, -2):
        with pytest.raises(ValueError, match=r"^step must be greater than zero$"):
            t[::step]
    assert shares_storage(t[::2], t)  # counter-case: a positive step is a view


@pytest.mark.claim(
    "tensors-refuse-negative-strides",
    "every-array-conversion-refuses-negative-strides",
    "copy-the-array-then-convert",
)
def test_tensors_cannot_have_negative_strides():
    t = torch.arange(6)
    with pytest.raises(RuntimeError, match="Negative strides are not supported"):
        torch.as_strided(t, (3,), (-1,), 2)
    flipped = np.flip(np.arange(6))
    for convert in (torch.from_numpy, torch.tensor, torch.as_tensor, torch.asarray):
        with pytest.raises(ValueError, match="At least one stride in the given numpy array is negative"):
            convert(flipped)
    with pytest.raises(ValueError, match="negative"):
        torch.asarray(flipped, copy=True)  # asking for a copy does not help
    with pytest.raises(ValueError, match="negative"):
        torch.tensor(np.arange(6).reshape(2, 3)[:, ::-1])  # any negative stride, in any dimension
    # counter-cases: non-negative strides are accepted, and a copy of the flipped array converts
    assert torch.as_strided(t, (3,), (2,), 0).tolist() == [0, 2, 4]
    assert torch.from_numpy(np.flip(np.arange(6)).copy()).tolist() == [5, 4, 3, 2, 1, 0]
    for convert in (torch.tensor, torch.as_tensor, torch.asarray):
        assert convert(flipped.copy()).tolist() == [5, 4, 3, 2, 1, 0]
        assert convert(np.arange(6)[::2]).tolist() == [0, 2, 4]  # a positive stride other than 1 is fine


# --- single elements, rows, indexing, out= ----------------------------------------------------


@pytest.mark.claim(
    "element-index-numpy-scalar-torch-view",
    "augmented-add-to-an-element-reaches-the-tensor",
    "item-gives-an-unconnected-number",
)
def test_one_element_is_a_numpy_scalar_but_a_0d_tensor_view(snippet):
    assert table(snippet)["v[0]"] == ("copy (int64 scalar)", "view (0-d tensor)")
    v = np.arange(6)
    x = v[0]
    assert type(x) is np.int64
    assert not isinstance(x, np.ndarray)
    assert not np.shares_memory(x, v)
    x += 10
    assert v[0] == 0
    t = torch.arange(6)
    y = t[0]
    assert isinstance(y, torch.Tensor)
    assert y.dim() == 0
    assert shares_storage(y, t)
    y += 10
    assert t[0].item() == 10
    # .item() gives a Python number, unconnected to the tensor
    z = t[1].item()
    assert type(z) is int
    z += 10
    assert t[1].item() == 1


@pytest.mark.claim("row-index-views-in-both")
@pytest.mark.parametrize("lib", [np, torch], ids=["numpy", "torch"])
def test_a_row_of_a_2d_input_is_a_view_in_both(snippet, lib):
    assert table(snippet)["m[0]"] == ("view", "view")
    m = inputs(lib)["m"]
    row = m[0]
    assert overlaps(row, m)
    row[1] = -1
    assert m[0, 1] == -1
    assert not overlaps(m[0].copy() if lib is np else m[0].clone(), m)  # counter-case


@pytest.mark.claim("indexing-transpose-out-alike")
@pytest.mark.parametrize("lib", [np, torch], ids=["numpy", "torch"])
def test_transpose_indexing_masks_and_out_behave_alike(snippet, lib):
    for code in ("m.T", "m[[0, 1]]", "m[m > 2]", "m[m > 2] = 0", "lib.add(v, 1, out=v)"):
        numpy_cell, torch_cell = table(snippet)[code]
        assert numpy_cell == torch_cell
    x = inputs(lib)
    m, v = x["m"], x["v"]
    assert overlaps(m.T, m)
    assert not overlaps(m[[0, 1]], m)
    assert not overlaps(m[m > 2], m)
    picked = m[[0, 1]]
    picked[0, 0] = -1
    assert m[0, 0] == 3
    address = m.__array_interface__["data"][0] if lib is np else m.data_ptr()
    m[m > 2] = 0
    assert m.tolist() == [[0, 1, 2, 0], [0, 0, 0, 0]]
    assert (m.__array_interface__["data"][0] if lib is np else m.data_ptr()) == address
    result = lib.add(v, 1, out=v)
    assert result is v
    assert v.tolist() == [1, 2, 3, 4, 5, 6]
    # counter-case: without out=, add returns a new array or tensor
    fresh = lib.add(v, 1)
    assert fresh is not v
    assert not overlaps(fresh, v)


# --- .base and ._base ------------------------------------------------------------------------


@pytest.mark.claim("numpy-base-torch-private-base")
def test_numpy_has_base_and_torch_has_private_base(snippet):
    assert table(snippet)["v[1:].base"] == ("v itself", "raises AttributeError")
    assert table(snippet)["v[1:]._base"] == ("raises AttributeError", "v itself")
    v = np.arange(6)
    assert v[1:].base is v
    with pytest.raises(AttributeError):
        _ = v[1:]._base
    t = torch.arange(6)
    assert t[1:]._base is t
    with pytest.raises(AttributeError, match="base"):
        _ = t[1:].base


@pytest.mark.claim("base-skips-intermediate-views")
def test_base_points_to_the_owner_skipping_intermediate_views():
    v, t = np.arange(6), torch.arange(6)
    middle_v, middle_t = v[1:], t[1:]
    assert middle_v[1:].base is v  # the owner, not the array it was sliced from
    assert middle_t[1:]._base is t
    assert middle_v[1:].base is not middle_v
    # slicing and reshaping: straight to the owner
    assert v.reshape(2, 3)[0].base is v
    assert t.view(2, 3)[0]._base is t


@pytest.mark.claim("base-is-none-for-an-owner")
def test_base_is_none_for_an_array_that_owns_its_memory_and_a_tensor_that_is_no_view():
    v, t = np.arange(6), torch.arange(6)
    assert v.base is None
    assert t._base is None
    assert v[1:].copy().base is None  # a copy owns its memory
    assert t[1:].clone()._base is None
    assert torch.from_numpy(v)._base is None  # not a view, though it lives in v's memory
    # counter-case: a view's attribute is not None
    assert v[1:].base is not None
    assert t[1:]._base is not None


@pytest.mark.claim("borrowed-array-base-is-the-lender")
def test_an_array_that_borrows_memory_names_the_lender_as_base():
    t = torch.arange(6)
    borrowed = t.numpy()
    assert isinstance(borrowed.base, torch.Tensor)
    assert borrowed.base is not t
    assert borrowed.base.data_ptr() == t.data_ptr()
    assert borrowed[1:].base is borrowed  # the chain stops at the array that borrows
    raw = b"abcdef"
    from_bytes = np.frombuffer(raw, dtype=np.uint8)
    assert from_bytes.base is raw
    assert from_bytes[1:].base is from_bytes
    # counter-case: an array NumPy allocated has no lender
    assert np.arange(6).base is None


# --- copy, clone, view ------------------------------------------------------------------------


@pytest.mark.claim("copy-is-numpy-clone-is-torch")
def test_copy_for_arrays_clone_for_tensors(snippet):
    assert table(snippet)["m.copy()"] == ("copy", "raises AttributeError")
    assert table(snippet)["m.clone()"] == ("raises AttributeError", "copy")
    a = np.arange(3)
    t = torch.arange(3)
    with pytest.raises(AttributeError, match="copy"):
        t.copy()
    with pytest.raises(AttributeError, match="clone"):
        a.clone()
    assert not np.shares_memory(a.copy(), a)
    assert not shares_storage(t.clone(), t)
    # copy_ writes src into the tensor itself, in place, and returns it
    src = torch.tensor([7, 8, 9])
    pointer = t.data_ptr()
    result = t.copy_(src)
    assert result is t
    assert t.data_ptr() == pointer
    assert t.tolist() == [7, 8, 9]
    assert not shares_storage(t, src)


@pytest.mark.claim("ndarray-view-is-not-reshape")
def test_ndarray_view_takes_no_shape(snippet):
    assert table(snippet)["m.view(4, 2)"] == ("raises ValueError", "view")
    m = np.asarray([[3, 1, 2, 0], [4, 7, 5, 6]])
    with pytest.raises(ValueError, match="sub-type of ndarray"):
        m.view(4, 2)
    # counter-cases: reshape does it; view takes a dtype and an array type, and is a view of the same memory
    assert m.reshape(4, 2).shape == (4, 2)
    assert np.shares_memory(m.view(np.uint64), m)
    assert np.shares_memory(m.view(dtype=np.int64, type=np.ndarray), m)
    t = torch.asarray([[3, 1, 2, 0], [4, 7, 5, 6]])
    assert t.view(4, 2).shape == (4, 2)
    assert shares_storage(t.view(4, 2), t)


# --- .T beyond two dimensions -----------------------------------------------------------------


@pytest.mark.claim(
    "tensor-transpose-attribute-warns-off-2d",
    "transpose-warning-spares-2d-and-numpy",
    "torch-warns-on-t-off-2d",
)
def test_T_reverses_dims_in_both_but_torch_warns_off_2d(snippet):
    assert table(snippet)["c.T"] == ("(4, 3, 2)", "(4, 3, 2) + UserWarning")
    assert np.zeros((2, 3, 4)).T.shape == (4, 3, 2)
    previous = torch.is_warn_always_enabled()
    torch.set_warn_always(True)
    try:
        for shape, reversed_shape in (((3,), (3,)), ((2, 3, 4), (4, 3, 2)), ((2, 3, 4, 5), (5, 4, 3, 2))):
            with pytest.warns(UserWarning, match=r"deprecated.*future release.*mT.*permute") as record:
                assert torch.zeros(shape).T.shape == reversed_shape
            assert len(record) == 1
        # counter-cases: no warning for a 2-D tensor, nor from NumPy for any number of dimensions
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert torch.zeros(2, 3).T.shape == (3, 2)
            for shape in ((3,), (2, 3), (2, 3, 4), (2, 3, 4, 5)):
                assert np.zeros(shape).T.shape == shape[::-1]
    finally:
        torch.set_warn_always(previous)


WARN_ONCE_SCRIPT = """
import warnings
import torch

warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    for shape in ((3,), (2, 3, 4), (2, 3, 4, 5)):
        torch.zeros(shape).T
print(len(caught))
with warnings.catch_warnings(record=True) as caught:
    torch.tensor(1.0).T
    torch.tensor(2.0).T
print(len(caught), str(caught[0].message).split(" (Triggered")[0])
torch.set_warn_always(True)
with warnings.catch_warnings(record=True) as caught:
    for shape in ((3,), (2, 3, 4), (2, 3, 4, 5)):
        torch.zeros(shape).T
print(len(caught))
"""


@pytest.mark.process
@pytest.mark.claim(
    "transpose-warning-once-per-process",
    "transpose-warning-with-warn-always",
    "zero-dim-transpose-warns-differently",
)
def test_the_T_warning_is_emitted_once_per_process_without_set_warn_always():
    """A fresh process: torch's warn-once flags are per process and cannot be reset from Python."""
    run = subprocess.run([sys.executable, "-c", WARN_ONCE_SCRIPT], capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    assert lines[0] == "1"  # three .T calls on 1-D, 3-D and 4-D tensors: one warning
    # the 0-D warning is another one, also once
    assert (
        lines[1] == "1 Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases."
    )
    # counter-case: with set_warn_always(True), every call warns
    assert lines[2] == "3"
    # ... though calls on one line of code show one warning under Python's default filter
    loop = "import torch\ntorch.set_warn_always(True)\nfor _ in range(3):\n    torch.ones(2, 2, 2).T\n"
    text = "The use of `x.T` on tensors of dimension other than 2"
    assert warnings_shown_in_a_fresh_process(loop, text) == 1
    assert warnings_shown_in_a_fresh_process(loop, text, always=True) == 3


@pytest.mark.claim("zero-dim-transpose-warns-differently")
def test_a_0d_tensor_gets_another_T_warning():
    previous = torch.is_warn_always_enabled()
    torch.set_warn_always(True)
    try:
        with pytest.warns(UserWarning, match=r"^Tensor\.T is deprecated on 0-D tensors") as record:
            assert torch.tensor(1.0).T.shape == ()
        assert len(record) == 1
        assert "mT" not in str(record[0].message)
        # counter-case: NumPy's 0-d array does not warn
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert np.asarray(1.0).T.shape == ()
    finally:
        torch.set_warn_always(previous)


# --- same names, different meanings ------------------------------------------------------------


@pytest.mark.claim("size-is-an-attribute-in-numpy-a-method-in-torch")
def test_size_is_a_count_in_numpy_and_a_method_in_torch(snippet):
    assert table(snippet)["m.size"] == ("8", "a method")
    a = inputs(np)["m"]
    t = inputs(torch)["m"]
    assert a.size == 8
    assert isinstance(a.size, int)
    assert callable(t.size)
    assert t.size() == torch.Size([2, 4])
    assert t.numel() == 8
    with pytest.raises(TypeError):
        a.size()


@pytest.mark.claim("max-with-a-dim-returns-values-and-indices")
def test_max_along_a_dim_returns_values_and_indices_in_torch(snippet):
    assert table(snippet)["m.max(1)"] == ("[3, 7]", "values=[3, 7], indices=[0, 1]")
    a = inputs(np)["m"]
    t = inputs(torch)["m"]
    assert isinstance(a.max(1), np.ndarray)
    assert a.max(1).tolist() == [3, 7]
    result = t.max(1)
    assert isinstance(result, tuple)
    values, indices = result
    assert result.values.tolist() == values.tolist() == [3, 7]
    assert result.indices.tolist() == indices.tolist() == [0, 1]
    assert a.min(1).tolist() == [0, 4]  # min too
    assert isinstance(t.min(1), tuple)
    assert t.min(1).values.tolist() == [0, 4]
    assert t.min(1).indices.tolist() == [3, 0]
    # counter-case: without a dim, one 0-d tensor
    whole = t.max()
    assert isinstance(whole, torch.Tensor)
    assert whole.dim() == 0
    assert whole.item() == 7


@pytest.mark.claim("sort-in-place-in-numpy-returns-in-torch")
def test_sort_is_in_place_in_numpy_and_returns_in_torch(snippet):
    a = np.asarray([3, 1, 2])
    assert a.sort() is None
    assert a.tolist() == [1, 2, 3]
    b = np.asarray([3, 1, 2])
    sorted_b = np.sort(b)  # the counter-case: np.sort leaves b alone
    assert sorted_b.tolist() == [1, 2, 3]
    assert b.tolist() == [3, 1, 2]
    assert not np.shares_memory(sorted_b, b)
    t = torch.asarray([3, 1, 2])
    values, indices = t.sort()
    assert values.tolist() == [1, 2, 3]
    assert indices.tolist() == [1, 2, 0]
    assert t.tolist() == [3, 1, 2]
    assert not shares_storage(values, t)
    assert table(snippet)["s.sort()"] == (
        "None; afterwards s = [1, 2, 3]",
        "values=[1, 2, 3], indices=[1, 2, 0]; afterwards s = [3, 1, 2]",
    )


@pytest.mark.claim("repeat-repeats-elements-in-numpy-tiles-in-torch")
def test_repeat_means_two_things(snippet):
    assert table(snippet)["s.repeat(2)"] == ("[3, 3, 1, 1, 2, 2]", "[3, 1, 2, 3, 1, 2]")
    a = np.asarray([3, 1, 2])
    t = torch.asarray([3, 1, 2])
    assert a.repeat(2).tolist() == [3, 3, 1, 1, 2, 2]
    assert t.repeat(2).tolist() == [3, 1, 2, 3, 1, 2]
    assert t.repeat_interleave(2).tolist() == a.repeat(2).tolist()
    assert np.tile(a, 2).tolist() == t.repeat(2).tolist()


@pytest.mark.claim("split-sections-in-numpy-sizes-in-torch", "split-list-means-cut-points-or-sizes")
def test_split_takes_sections_in_numpy_and_sizes_in_torch(snippet):
    assert table(snippet)["lib.split(v, 2)"] == ("[[0, 1, 2], [3, 4, 5]]", "[[0, 1], [2, 3], [4, 5]]")
    assert table(snippet)["lib.split(v, [1, 3])"] == ("[[0], [1, 2], [3, 4, 5]]", "raises RuntimeError")
    a = np.arange(6)
    t = torch.arange(6)
    assert [p.tolist() for p in np.split(a, 2)] == [[0, 1, 2], [3, 4, 5]]
    assert [p.tolist() for p in torch.split(t, 2)] == [[0, 1], [2, 3], [4, 5]]
    assert [p.tolist() for p in np.split(a, [1, 3])] == [[0], [1, 2], [3, 4, 5]]
    with pytest.raises(RuntimeError, match="split_sizes to sum exactly to 6"):
        torch.split(t, [1, 3])
    # counter-case: sizes that add up to the length are accepted
    assert [p.tolist() for p in torch.split(t, [1, 2, 3])] == [[0], [1, 2], [3, 4, 5]]


@pytest.mark.claim("uneven-split-numpy-raises-torch-shorter-last")
def test_an_uneven_split(snippet):
    with pytest.raises(ValueError, match="does not result in an equal division"):
        np.split(np.arange(5), 2)
    assert [p.tolist() for p in torch.split(torch.arange(5), 2)] == [[0, 1], [2, 3], [4]]
    # counter-case: an even split raises nothing in NumPy
    assert len(np.split(np.arange(6), 2)) == 2


@pytest.mark.claim("tensor-split-is-numpy-split")
def test_tensor_split_takes_numpy_split_arguments():
    a = np.arange(6)
    t = torch.arange(6)
    for argument in (2, 3, [1, 3], [2]):
        assert [p.tolist() for p in torch.tensor_split(t, argument)] == [
            p.tolist() for p in np.split(a, argument)
        ]
    # uneven: like np.array_split, not an error
    assert [p.tolist() for p in torch.tensor_split(torch.arange(5), 2)] == [[0, 1, 2], [3, 4]]
    assert [p.tolist() for p in np.array_split(np.arange(5), 2)] == [[0, 1, 2], [3, 4]]
    sizes = [len(p) for p in torch.tensor_split(torch.arange(8), 3)]
    assert sizes == [len(p) for p in np.array_split(np.arange(8), 3)] == [3, 3, 2]


@pytest.mark.claim("std-correction-differs")
def test_std_and_var_divide_by_n_in_numpy_and_n_minus_1_in_torch(snippet):
    assert table(snippet)["f.std()"] == ("1.118", "1.291")
    a = np.asarray([1.0, 2.0, 3.0, 4.0])
    t = torch.asarray([1.0, 2.0, 3.0, 4.0])
    assert a.std() == pytest.approx(np.sqrt(1.25))
    assert t.std().item() == pytest.approx(np.sqrt(5 / 3), rel=1e-6)
    assert a.var() == pytest.approx(1.25)
    assert t.var().item() == pytest.approx(5 / 3, rel=1e-6)
    # the two ways to agree
    assert np.std(a, ddof=1) == pytest.approx(t.std().item(), rel=1e-6)
    assert torch.std(t, correction=0).item() == pytest.approx(a.std(), rel=1e-6)


@pytest.mark.claim("torch-mean-refuses-integer-tensors")
def test_mean_of_integers(snippet):
    assert table(snippet)["v.mean()"] == ("2.5", "raises RuntimeError")
    mean = np.arange(6).mean()
    assert mean == 2.5
    assert mean.dtype == np.float64
    t = torch.arange(6)
    with pytest.raises(RuntimeError, match="could not infer output dtype"):
        t.mean()
    assert t.float().mean().item() == 2.5  # counter-case
    for dtype in (torch.float32, torch.float64):
        mean = t.mean(dtype=dtype)
        assert mean.dtype == dtype
        assert mean.item() == 2.5
    assert torch.mean(t, dtype=torch.float32).item() == 2.5
    # but the dtype argument must be a floating-point (or complex) type
    with pytest.raises(RuntimeError, match=r"must be either a floating point or complex dtype\. Got: Long"):
        t.mean(dtype=torch.int64)


# --- dtypes -----------------------------------------------------------------------------------


@pytest.mark.claim("default-float-dtype-differs")
def test_floats_default_to_float64_in_numpy_and_float32_in_torch(snippet):
    for code in ("lib.asarray([1.0])", "lib.zeros(2)", "v / 2"):
        assert table(snippet)[code] == ("float64", "float32")
    assert torch.get_default_dtype() == torch.float32
    assert np.asarray([1.0]).dtype == np.zeros(2).dtype == (np.arange(6) / 2).dtype == np.float64
    assert torch.asarray([1.0]).dtype == torch.zeros(2).dtype == (torch.arange(6) / 2).dtype == torch.float32


@pytest.mark.claim("tensors-from-arrays-keep-float64")
def test_tensors_made_from_float64_arrays_stay_float64():
    a = np.asarray([1.0, 2.0])
    assert torch.from_numpy(a).dtype == torch.float64
    assert torch.tensor(a).dtype == torch.float64
    assert torch.asarray(a).dtype == torch.float64
    # counter-case: the same values from a list take the default dtype
    assert torch.tensor([1.0, 2.0]).dtype == torch.float32


@pytest.mark.claim("integer-defaults-alike")
def test_integers_default_to_int64_in_both(snippet):
    assert table(snippet)["lib.asarray([1])"] == ("int64", "int64")
    assert table(snippet)["(m > 2).sum()"] == ("5, int64", "5, int64")
    assert np.asarray([1]).dtype == np.int64
    assert torch.asarray([1]).dtype == torch.int64
    assert np.asarray([True, True]).sum().dtype == np.int64
    assert torch.asarray([True, True]).sum().dtype == torch.int64
    assert torch.asarray([True, True]).sum().item() == 2


# --- integer division ---------------------------------------------------------------------------


@pytest.mark.claim("floor-division-alike")
def test_floor_division_and_remainder_agree(snippet):
    assert table(snippet)["n // 2"] == ("[-4, 3]", "[-4, 3]")
    assert table(snippet)["n % 2"] == ("[1, 1]", "[1, 1]")
    for numerator in range(-9, 10):
        for denominator in (-3, -2, 2, 3):
            t = torch.tensor([numerator])
            assert (
                (t // denominator).item()
                == numerator // denominator
                == (np.asarray([numerator]) // denominator)[0]
            )
            assert (
                (t % denominator).item()
                == numerator % denominator
                == (np.asarray([numerator]) % denominator)[0]
            )
    # counter-case: truncation has to be asked for
    assert torch.div(torch.tensor([-7, 7]), 2, rounding_mode="trunc").tolist() == [-3, 3]


# --- random numbers ---------------------------------------------------------------------------


@pytest.mark.claim("numpy-and-torch-random-are-independent")
def test_the_two_random_generators_are_separate(snippet):
    assert table(snippet)["seed(0); rand()"] == ("0.5488", "0.4963")
    np.random.seed(0)
    numpy_draw = np.random.rand()
    torch.manual_seed(0)
    torch_draw = torch.rand(()).item()
    assert numpy_draw != torch_draw
    # np.random.seed does not touch torch's generator
    torch.manual_seed(0)
    np.random.seed(123)
    assert torch.rand(()).item() == torch_draw
    # torch.manual_seed does not touch NumPy's
    np.random.seed(0)
    torch.manual_seed(123)
    assert np.random.rand() == numpy_draw
    # counter-case: reseeding one library repeats its own draws
    np.random.seed(0)
    torch.manual_seed(0)
    assert (np.random.rand(), torch.rand(()).item()) == (numpy_draw, torch_draw)
