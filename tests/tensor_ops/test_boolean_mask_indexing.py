import pytest
import torch


@pytest.mark.claim("full-mask-gives-1d")
def test_full_mask_selects_a_1d_tensor_in_row_major_order(run_snippet):
    ns = run_snippet("tensor_ops/boolean_mask_indexing")
    assert ns["mask"].tolist() == [[False, False], [False, True], [True, True]]
    assert ns["selected_elements"].tolist() == [4, 5, 6]
    assert ns["selected_elements"].dim() == 1
    # row-major order, whatever the order of the True values would be column by column
    data = torch.tensor([[1, 2], [3, 4]])
    assert data[torch.tensor([[True, True], [True, False]])].tolist() == [1, 2, 3]


@pytest.mark.claim("row-mask-keeps-other-dims")
def test_a_row_mask_keeps_the_other_dimension(run_snippet):
    ns = run_snippet("tensor_ops/boolean_mask_indexing")
    assert ns["data"].tolist() == [[0, 0], [0, 4], [5, 6]]
    assert ns["row_mask"].tolist() == [False, False, True]
    assert ns["selected_rows"].tolist() == [[5, 6]]
    assert ns["selected_rows"].dim() == 2
    assert ns["data"][ns["row_mask"]].equal(ns["selected_rows"])


@pytest.mark.claim("mask-is-not-broadcast")
@pytest.mark.parametrize(
    ("mask_shape", "at"),
    [((1, 2), 0), ((3, 1), 1), ((2,), 0)],
)
def test_a_mask_is_never_broadcast(mask_shape, at):
    data = torch.arange(6).reshape(3, 2)
    mask = torch.ones(mask_shape, dtype=torch.bool)
    # (1, 2) and (3, 1) broadcast to (3, 2) in arithmetic ...
    if len(mask_shape) == 2:
        assert torch.broadcast_shapes(mask_shape, data.shape) == data.shape
    # ... but a mask of that shape is refused
    with pytest.raises(IndexError, match=rf"shape of the mask .* at index {at} does not match"):
        data[mask]


@pytest.mark.claim("mask-is-not-broadcast")
def test_counter_case_a_mask_matching_the_leading_dims_is_accepted():
    data = torch.arange(6).reshape(3, 2)
    assert data[torch.tensor([True, False, True])].shape == (2, 2)
    assert data[torch.ones(3, 2, dtype=torch.bool)].shape == (6,)
