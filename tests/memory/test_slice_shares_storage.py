import itertools
import warnings

import pytest
import torch

from tests.conftest import overlaps, shares_storage


def every_slice(n):
    """Every start:stop:step of a dimension of size n, positive steps, including empty ones."""
    bounds = [None, *range(-n, n + 1)]
    return [slice(a, b, c) for a in bounds for b in bounds for c in (None, 1, 2, 3)]


@pytest.mark.claim("slicing-always-returns-a-view")
def test_the_snippet_slice_is_a_view(run_snippet):
    ns = run_snippet("memory/slice_shares_storage")
    x_2d, sub = ns["x_2d"], ns["sub_tensor"]
    assert shares_storage(sub, x_2d)
    assert overlaps(sub, x_2d)
    assert sub.storage_offset() == 1
    assert sub.stride() == x_2d.stride()


@pytest.mark.claim("slicing-always-returns-a-view")
def test_every_slice_of_a_matrix_is_a_view(run_snippet):
    x_2d = run_snippet("memory/slice_shares_storage")["x_2d"]
    for rows, cols in itertools.product(every_slice(3), repeat=2):
        part = x_2d[rows, cols]
        assert part._base is x_2d, (rows, cols)
        assert shares_storage(part, x_2d), (rows, cols)
        if part.numel():
            assert overlaps(part, x_2d), (rows, cols)


@pytest.mark.claim("slicing-always-returns-a-view", "mask-and-index-reads-copy-unlike-slices")
def test_counter_case_masks_and_index_arrays_copy_the_same_elements(run_snippet):
    x_2d = run_snippet("memory/slice_shares_storage")["x_2d"]
    sliced = x_2d[0:2]
    by_list = x_2d[[0, 1]]
    by_tensor = x_2d[torch.tensor([0, 1])]
    by_mask = x_2d[torch.tensor([True, True, False])]
    assert shares_storage(sliced, x_2d)
    for picked in (by_list, by_tensor, by_mask):
        assert picked.equal(sliced)  # the same elements as the slice ...
        assert not shares_storage(picked, x_2d)  # ... but in storage of their own
        assert not overlaps(picked, x_2d)
    by_mask[0, 0] = -1
    by_list[0, 0] = -1
    assert x_2d[0, 0].item() == 1


@pytest.mark.claim("slice-writes-reach-the-original")
def test_modifying_the_slice_modifies_the_original(run_snippet):
    ns = run_snippet("memory/slice_shares_storage")
    x_2d, sub = ns["x_2d"], ns["sub_tensor"]
    assert sub.tolist() == [[101, 3], [5, 6]]
    assert x_2d.tolist() == [[1, 101, 3], [4, 5, 6], [7, 8, 9]]


@pytest.mark.claim("slice-writes-reach-the-original")
def test_modifying_the_original_shows_in_the_slice(run_snippet):
    ns = run_snippet("memory/slice_shares_storage")
    x_2d, sub = ns["x_2d"], ns["sub_tensor"]
    version = sub._version
    x_2d[1, 2] = -6
    assert sub[1, 1].item() == -6
    assert sub._version > version  # the slice sees the write to its base
    # counter-case: an element outside the slice changes nothing in it
    x_2d[2, 0] = -7
    x_2d[0, 0] = -1
    assert sub.tolist() == [[101, 3], [5, -6]]
    assert -7 not in sub
    assert -1 not in sub


@pytest.mark.claim("sparse-tensor-cannot-be-sliced")
def test_counter_case_a_sparse_tensor_cannot_be_sliced():
    dense = torch.eye(3)
    assert dense.layout == torch.strided
    assert shares_storage(dense[0:2], dense)  # the strided tensor: a view
    coo = dense.to_sparse()
    for index in (slice(0, 2), (slice(None), slice(0, 2)), slice(None, None, 2)):
        with pytest.raises(NotImplementedError, match="SparseCPU"):
            coo[index]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sparse CSR tensor support is in beta")
        csr = dense.to_sparse_csr()
    with pytest.raises(RuntimeError, match="do not have strides"):
        csr[0:2]


@pytest.mark.claim("mask-and-index-reads-copy-unlike-slices")
def test_counter_case_a_0_dim_integer_tensor_acts_like_an_int_and_gives_a_view(run_snippet):
    x_2d = run_snippet("memory/slice_shares_storage")["x_2d"]
    for index in (torch.tensor(1), torch.tensor(1, dtype=torch.int32)):
        row = x_2d[index]
        assert index.dim() == 0
        assert row.shape == x_2d[1].shape == (3,)  # the dimension is dropped, as with an int
        assert shares_storage(row, x_2d)
        assert overlaps(row, x_2d)
    x_2d[torch.tensor(1)][0] = 100
    assert x_2d[1, 0].item() == 100
    # a 1-D index tensor holding the same single index copies
    one = x_2d[torch.tensor([1])]
    assert one.shape == (1, 3)
    assert not shares_storage(one, x_2d)
    # counter-case: a 0-dim uint8 tensor is not taken as an integer but as a mask, and copies
    as_mask = x_2d[torch.tensor(1, dtype=torch.uint8)]
    assert as_mask.shape == (1, 3, 3)
    assert not shares_storage(as_mask, x_2d)


@pytest.mark.claim("negative-step-slice-raises")
def test_a_slice_with_a_negative_step_raises(run_snippet):
    x_2d = run_snippet("memory/slice_shares_storage")["x_2d"]
    for index in (slice(None, None, -1), (slice(None), slice(2, 0, -1))):
        with pytest.raises(ValueError, match="step must be greater than zero"):
            x_2d[index]
    # counter-case: the same elements in reverse order come from flip(), which copies
    flipped = x_2d.flip(0)
    assert flipped[0].tolist() == x_2d[2].tolist()
    assert not shares_storage(flipped, x_2d)
    assert shares_storage(x_2d[::1], x_2d)  # a positive step: a view
