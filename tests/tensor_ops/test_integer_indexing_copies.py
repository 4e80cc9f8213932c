import pytest
import torch

from tests.conftest import shares_storage


@pytest.mark.claim("integer-index-copies")
def test_integer_indexing_copies_even_a_contiguous_block(run_snippet):
    ns = run_snippet("tensor_ops/integer_indexing_copies")
    y, picked = ns["y"], ns["picked"]
    assert not shares_storage(picked, y)
    assert picked[0, 0].item() == 100
    # a list of indices copies too
    listed = y[[0, 1]]
    assert not shares_storage(listed, y)


@pytest.mark.claim("integer-index-copies", "the-equivalent-slice-is-a-view")
def test_counter_case_the_equivalent_slice_is_a_view(run_snippet):
    ns = run_snippet("tensor_ops/integer_indexing_copies")
    y, sliced = ns["y"], ns["sliced"]
    assert shares_storage(sliced, y)
    assert y[0, 0].item() == 100
    assert y[1:].tolist() == [[4, 5, 6, 7], [8, 9, 10, 11]]
    # a single integer index is basic indexing: a view as well
    assert shares_storage(y[1], y)


@pytest.mark.claim("integer-index-copies", "zero-dim-index-tensor-gives-a-view-here-too")
def test_counter_case_a_0_dim_integer_tensor_gives_a_view(run_snippet):
    ns = run_snippet("tensor_ops/integer_indexing_copies")
    y = ns["y"]
    index = torch.tensor(1)
    assert index.dim() == 0
    r = y[index]
    assert r.shape == (4,)  # like y[1]: the dimension is dropped
    assert shares_storage(r, y)
    r[0] = 100
    assert y[1, 0].item() == 100
    # a 1-D tensor holding the same index copies
    one = y[torch.tensor([1])]
    assert not shares_storage(one, y)
    one[0, 1] = -5
    assert y[1, 1].item() == 5
    # any integer dtype, 0-dim, acts as an integer (a 1-D int16 index raises) ...
    for dtype in (torch.int8, torch.int16, torch.int32):
        assert shares_storage(y[torch.tensor(1, dtype=dtype)], y), dtype
    # ... but a 0-dim uint8 tensor is a mask: a new dimension, and a copy
    masked = y[torch.tensor(1, dtype=torch.uint8)]
    assert masked.shape == (1, 3, 4)
    assert not shares_storage(masked, y)
