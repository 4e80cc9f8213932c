import itertools

import pytest
import torch

from tests.conftest import overlaps, shares_storage

NEGATIVE = "Negative strides are not supported"
OUT_OF_BOUNDS = "out of bounds for storage of size"


@pytest.mark.claim("as-strided-builds-from-storage")
def test_as_strided_builds_a_view_from_size_stride_offset(run_snippet):
    ns = run_snippet("memory/as_strided_from_storage")
    storage, xt = ns["storage"], ns["xt"]
    assert torch.equal(xt, storage.view(3, 4).t())
    assert (tuple(xt.shape), xt.stride(), xt.storage_offset()) == ((4, 3), (1, 4), 0)
    assert shares_storage(xt, storage)
    assert overlaps(xt, storage)
    xt[1, 0] = 100  # a view: the write lands in storage cell 1
    assert storage[1].item() == 100
    # counter-case: a clone of the result is not a view of the storage
    assert not shares_storage(xt.clone(), storage)


@pytest.mark.claim("as-strided-builds-from-storage")
def test_numbers_count_from_the_storage_start_not_from_the_input_view():
    storage = torch.arange(12)
    corner = storage.view(3, 4)[1:, 1:]  # offset 5, stride (4, 1)
    # without storage_offset, the input's offset is kept ...
    assert torch.as_strided(corner, (2,), (1,)).tolist() == [5, 6]
    assert torch.as_strided(corner, (2,), (1,)).storage_offset() == 5
    # ... but the stride is the given one, not corner's: (1,) walks along the storage
    assert torch.as_strided(corner, (3,), (1,)).tolist() == [5, 6, 7]
    # counter-case: an explicit offset 0 reaches cells before corner's first element
    assert torch.as_strided(corner, (2,), (1,), 0).tolist() == [0, 1]


@pytest.mark.claim(
    "as-strided-rows-can-overlap",
    "a-write-through-one-overlapping-row-shows-in-the-other",
    "as-strided-raises-no-error-for-overlap",
)
def test_rows_closer_than_their_length_share_cells(run_snippet):
    ns = run_snippet("memory/as_strided_from_storage")
    storage = torch.arange(12)
    windows = torch.as_strided(storage, (5, 4), (2, 1))
    assert torch.equal(windows, ns["windows"])
    assert windows[0, 2].data_ptr() == windows[1, 0].data_ptr()  # the same cell, seen twice
    assert windows.untyped_storage().nbytes() == 12 * 8  # 20 elements in 12 cells
    windows[1, 0] = -1
    assert windows[0, 2].item() == -1
    assert storage[2].item() == -1
    # counter-case: cells 0 and 1 are in row 0 only; writing one changes no other row
    windows[0, 1] = -5
    assert (windows == -5).sum().item() == 1
    # and with stride (4, 1) the rows do not overlap at all
    rows = torch.as_strided(torch.arange(12), (3, 4), (4, 1))
    assert len({rows[i, j].data_ptr() for i in range(3) for j in range(4)}) == 12


@pytest.mark.claim("as-strided-refuses-negative-and-out-of-bounds")
@pytest.mark.parametrize(
    ("size", "stride", "offset"),
    [((3,), (-1,), 11), ((3, 3), (1, -4), 8)],
    ids=["1-D", "2-D"],
)
def test_a_negative_stride_is_refused_even_inside_the_storage(size, stride, offset):
    storage = torch.arange(12)
    # every cell these numbers name lies inside the 12-cell storage
    cells = [
        offset + sum(i * s for i, s in zip(index, stride, strict=True))
        for index in itertools.product(*map(range, size))
    ]
    assert 0 <= min(cells)
    assert max(cells) < 12
    with pytest.raises(RuntimeError, match=NEGATIVE):
        torch.as_strided(storage, size, stride, offset)


@pytest.mark.claim(
    "as-strided-refuses-negative-and-out-of-bounds", "as-strided-accepts-stride-zero-and-the-last-cell"
)
def test_cells_past_the_end_are_refused_the_last_cell_is_not():
    storage = torch.arange(12)
    with pytest.raises(RuntimeError, match=OUT_OF_BOUNDS):
        torch.as_strided(storage, (4,), (4,))  # would reach cell 12
    with pytest.raises(RuntimeError, match=OUT_OF_BOUNDS):
        torch.as_strided(storage, (2,), (1,), 11)
    # counter-cases: reaching exactly the last cell, and stride 0, are accepted
    assert torch.as_strided(storage, (3,), (4,), 3).tolist() == [3, 7, 11]
    assert torch.as_strided(storage, (3,), (0,), 11).tolist() == [11, 11, 11]


@pytest.mark.claim("slicing-refuses-a-negative-step-too")
def test_a_slice_refuses_a_negative_step_too():
    x = torch.arange(12)
    with pytest.raises(ValueError, match="step must be greater than zero"):
        x[::-1]
    # counter-case: a positive step is a strided view
    assert x[::3].stride() == (3,)


@pytest.mark.claim("as-strided-refuses-negative-and-out-of-bounds")
def test_a_negative_offset_is_refused_offset_zero_is_not():
    storage = torch.arange(12)
    with pytest.raises(RuntimeError, match="invalid storage offset -1"):
        torch.as_strided(storage, (2,), (1,), -1)
    # counter-case: offset 0 and the last cell's offset are accepted
    assert torch.as_strided(storage, (2,), (1,), 0).tolist() == [0, 1]
    assert torch.as_strided(storage, (1,), (1,), 11).tolist() == [11]


@pytest.mark.claim("as-strided-refuses-negative-and-out-of-bounds")
def test_among_the_other_refusals_mismatched_lengths_and_negative_sizes():
    storage = torch.arange(12)
    with pytest.raises(RuntimeError, match="mismatch in length of strides and shape"):
        torch.as_strided(storage, (2, 3), (1,))
    with pytest.raises(RuntimeError, match="sizes=\\[-1\\]"):
        torch.as_strided(storage, (-1,), (1,))
    # counter-case: a size of 0 is fine (an empty view), and so is a matching pair of lengths
    assert torch.as_strided(storage, (0,), (1,)).numel() == 0
    assert torch.as_strided(storage, (2, 3), (3, 1)).shape == (2, 3)
