import warnings

import numpy as np
import pytest
import torch

from tests.conftest import overlaps, shares_storage

# What PyTorch's "Tensor Views" documentation says returns a copy; every other row is a view.
COPIES = {
    "x.t().reshape(12)",
    "x.t().flatten()",
    "x[[0, 2]]",
    "x[x > 5]",
    "x.clone()",
    "x.t().contiguous()",
    "x.flip(0)",
    "torch.tensor(x.numpy())",
}
OPERATIONS_ASKED_FOR = {
    "slicing", "select / integer index", "view", "view_as", "reshape (view when possible)",
    "reshape (copy when it must)", "flatten (view when possible)", "flatten (copy when it must)",
    "permute", "transpose", "t", "T", "mT", "expand", "narrow", "unsqueeze", "squeeze", "unflatten",
    "unfold", "split", "chunk", "unbind", "diagonal", "movedim", "as_strided", "detach", "real", "imag",
    "view_as_real", "advanced indexing (integers)", "advanced indexing (mask)", "clone",
    "contiguous (non-contiguous input)", "flip", "torch.tensor",
}  # fmt: skip


def fresh():
    """New inputs, as the snippet makes them."""
    return torch.arange(12.0).reshape(3, 4), torch.tensor([1 + 2j, 3 - 4j])


def parts_of(result):
    return result if isinstance(result, tuple) else (result,)


@pytest.mark.claim("view-table-marks-shared-storage")
def test_the_table_covers_every_operation(run_snippet):
    rows = run_snippet("memory/views_and_copies")["rows"]
    assert {operation for operation, _, _ in rows} == OPERATIONS_ASKED_FOR


@pytest.mark.claim("view-table-marks-shared-storage")
@pytest.mark.parametrize("row", range(len(OPERATIONS_ASKED_FOR)))
def test_every_row_is_what_the_tensor_views_documentation_says(run_snippet, row):
    operation, example, is_view = run_snippet("memory/views_and_copies")["rows"][row]
    assert is_view == (example not in COPIES), f"{operation}: {example}"


@pytest.mark.claim("view-table-marks-shared-storage")
@pytest.mark.parametrize("row", range(len(OPERATIONS_ASKED_FOR)))
def test_every_row_agrees_with_numpy_shares_memory(run_snippet, row):
    ns = run_snippet("memory/views_and_copies")
    _, example, is_view = ns["rows"][row]
    result = eval(example, {"torch": torch, "x": ns["x"], "c": ns["c"]})
    base = ns["c"] if example.startswith(("c.", "torch.view_as_real")) else ns["x"]
    base = torch.view_as_real(base) if base.is_complex() else base
    for part in parts_of(result):
        part = torch.view_as_real(part) if part.is_complex() else part
        assert overlaps(part, base) == is_view, example


@pytest.mark.claim("view-table-marks-shared-storage")
@pytest.mark.parametrize("row", range(len(OPERATIONS_ASKED_FOR)))
def test_writing_through_a_view_changes_the_input_and_through_a_copy_does_not(run_snippet, row):
    _, example, is_view = run_snippet("memory/views_and_copies")["rows"][row]
    for index in range(len(parts_of(eval(example, {"torch": torch, "x": fresh()[0], "c": fresh()[1]})))):
        x, c = fresh()
        before = (x.clone(), c.clone())
        part = parts_of(eval(example, {"torch": torch, "x": x, "c": c}))[index]
        part[(0,) * part.dim()] = -7  # one element of the result
        changed = not (torch.equal(x, before[0]) and torch.equal(c, before[1]))
        assert changed == is_view, f"{example}, part {index}"


@pytest.mark.claim("a-view-shares-its-input-elements")
def test_a_view_and_its_input_see_each_others_writes_to_shared_elements():
    x, _ = fresh()
    view = x[1:, ::2]  # elements x[1, 0], x[1, 2], x[2, 0], x[2, 2]
    view[0, 1] = -1.0
    assert x[1, 2].item() == -1.0
    x[2, 0] = -2.0
    assert view[1, 0].item() == -2.0
    # counter-case: an element the view does not cover
    before = view.clone()
    x[0, 0] = -3.0
    x[1, 1] = -3.0
    assert torch.equal(view, before)


@pytest.mark.claim("clone-flip-advanced-indexing-always-copy")
@pytest.mark.parametrize(
    "make",
    [
        lambda x: x.clone(),
        lambda x: x.t().clone(),
        lambda x: x.flip(0),
        lambda x: x[:1].flip(0),  # one row: flipping changes nothing, still a copy
        lambda x: x[[0, 1, 2]],  # every row, in order
        lambda x: x[[1]],
        lambda x: x[torch.tensor([1])],  # a one-dimensional integer tensor
        lambda x: x[torch.tensor([[0, 1]])],  # a two-dimensional one
        lambda x: x[torch.tensor(1), [0, 1]],  # a 0-d index next to a list: advanced
        lambda x: x[torch.ones(3, dtype=torch.bool)],  # a mask that selects everything
        lambda x: x[torch.tensor(True)],  # a 0-d mask
        lambda x: x[x > 5],
    ],
    ids=[
        "clone",
        "clone of transpose",
        "flip",
        "flip of one row",
        "x[[0, 1, 2]]",
        "x[[1]]",
        "x[torch.tensor([1])]",
        "x[torch.tensor([[0, 1]])]",
        "x[torch.tensor(1), [0, 1]]",
        "all-True mask",
        "0-d mask",
        "x[x > 5]",
    ],
)
def test_these_operations_always_copy(make):
    x, _ = fresh()
    result = make(x)
    assert not shares_storage(result, x)
    assert not overlaps(result, x)
    before = x.clone()
    result[(0,) * result.dim()] = -7.0
    assert torch.equal(x, before)


@pytest.mark.claim("clone-flip-advanced-indexing-always-copy")
def test_counter_case_numpy_flip_is_a_view_and_a_basic_index_is_a_view():
    array = np.arange(4.0)
    assert np.shares_memory(np.flip(array), array)  # NumPy's flip does not copy; torch's does
    x, _ = fresh()
    assert shares_storage(x[1], x)  # a plain integer index is basic indexing: a view


@pytest.mark.claim("zero-dim-integer-index-is-a-view")
@pytest.mark.parametrize(
    ("index", "same_as"),
    [
        (lambda x: x[torch.tensor(1)], lambda x: x[1]),
        (lambda x: x[torch.tensor(1), torch.tensor(2)], lambda x: x[1, 2]),
        (lambda x: x[:, torch.tensor(1)], lambda x: x[:, 1]),
    ],
    ids=["x[torch.tensor(1)]", "x[torch.tensor(1), torch.tensor(2)]", "x[:, torch.tensor(1)]"],
)
def test_a_0_d_integer_tensor_index_is_a_view_like_an_integer(index, same_as):
    x, _ = fresh()
    as_tensor, as_int = index(x), same_as(x)
    assert as_tensor.shape == as_int.shape
    assert as_tensor.data_ptr() == as_int.data_ptr()
    assert shares_storage(as_tensor, x)
    as_tensor[(0,) * as_tensor.dim()] = -7.0
    assert (x == -7.0).sum().item() == 1
    # counter-case: the same index as a one-element, one-dimensional tensor is advanced indexing
    assert not shares_storage(x[torch.tensor([1])], x)


@pytest.mark.claim("split-chunk-unbind-return-views")
@pytest.mark.parametrize(
    "split",
    [lambda x: x.split(2, dim=1), lambda x: x.chunk(3), lambda x: x.unbind()],
    ids=["split", "chunk", "unbind"],
)
def test_every_part_is_a_view(split):
    x, _ = fresh()
    parts = split(x)
    assert isinstance(parts, tuple)
    assert len(parts) > 1
    for number, part in enumerate(parts):
        assert shares_storage(part, x)
        part[(0,) * part.dim()] = -1.0 - number
    assert sorted(x[x < 0].tolist()) == sorted(-1.0 - n for n in range(len(parts)))
    # counter-case: putting the parts together again with torch.cat copies
    assert not shares_storage(torch.cat(split(x)), x)


@pytest.mark.claim("reshape-flatten-view-when-possible")
def test_reshape_and_flatten_view_when_they_can_and_copy_when_they_must():
    x, _ = fresh()
    assert shares_storage(x.reshape(4, 3), x)
    assert shares_storage(x.flatten(), x)
    assert not shares_storage(x.t().reshape(12), x)
    assert not shares_storage(x.t().flatten(), x)
    # the difference shows when writing through the result
    x.reshape(4, 3)[0, 0] = -1.0
    x.t().reshape(12)[1] = -2.0
    assert x[0, 0].item() == -1.0
    assert (x == -2.0).sum().item() == 0


@pytest.mark.claim("view-raises-where-reshape-copies")
def test_view_raises_instead_of_copying():
    x, _ = fresh()
    with pytest.raises(RuntimeError, match="view size is not compatible with input tensor's size and stride"):
        x.t().view(12)
    # counter-case: where a view is possible, view() returns one
    assert shares_storage(x.view(12), x)
    assert shares_storage(x.view(4, 3), x)
    # and clone() copies whether or not the input is contiguous
    assert not shares_storage(x.clone(), x)
    assert not shares_storage(x.t().clone(), x)


@pytest.mark.claim("contiguous-returns-self-when-contiguous")
def test_contiguous_copies_only_a_non_contiguous_tensor():
    x, _ = fresh()
    assert x.is_contiguous()
    assert x.contiguous() is x
    transposed = x.t()
    assert not transposed.is_contiguous()
    made = transposed.contiguous()
    assert made is not transposed
    assert made.is_contiguous()
    assert not shares_storage(made, x)


@pytest.mark.claim("as-strided-non-negative-strides")
def test_as_strided_builds_non_negative_strides_and_refuses_the_rest():
    x, _ = fresh()
    overlapping = x.as_strided((2, 2), (1, 1))  # rows start one element apart: they overlap
    assert overlapping.tolist() == [[0.0, 1.0], [1.0, 2.0]]
    same_cell = x.as_strided((3,), (0,))  # stride 0: three elements, one cell
    x[0, 0] = -1.0
    assert same_cell.tolist() == [-1.0, -1.0, -1.0]
    assert overlapping[0, 0].item() == -1.0
    with pytest.raises(RuntimeError, match="Negative strides are not supported"):
        x.as_strided((2, 2), (-1, 1))
    with pytest.raises(RuntimeError, match="out of bounds"):
        x.as_strided((2, 2), (1, 20))
    with pytest.raises(RuntimeError, match="out of bounds"):
        x.as_strided((13,), (1,))


@pytest.mark.claim("zero-dim-uint8-index-is-a-mask")
def test_a_0_d_uint8_index_is_a_mask_and_copies_without_a_warning():
    x, _ = fresh()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        picked = x[torch.tensor(1, dtype=torch.uint8)]
        nothing = x[torch.tensor(0, dtype=torch.uint8)]
    assert picked.shape == (1, 3, 4)  # a 0-dim mask that is true: a new dimension of length 1
    assert nothing.shape == (0, 3, 4)  # ... and false: of length 0, whatever the integer
    assert picked[0].equal(x)
    assert not shares_storage(picked, x)
    picked[0, 0, 0] = -1.0
    assert x[0, 0].item() == 0.0
    # counter-case: every other integer dtype, 0-dim, is taken as an integer and gives a view
    for dtype in (torch.int8, torch.int16, torch.int32, torch.int64):
        row = x[torch.tensor(1, dtype=dtype)]
        assert row.shape == (4,), dtype
        assert shares_storage(row, x), dtype
