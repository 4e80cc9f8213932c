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


@pytest.mark.claim("a-size-one-mask-dim-is-not-broadcast")
def test_a_mask_of_shape_1_2_is_refused_where_arithmetic_would_broadcast():
    data = torch.arange(6).reshape(3, 2)
    mask = torch.tensor([[True, False]])
    assert mask.shape == (1, 2)
    assert (data * mask).shape == (3, 2)  # arithmetic broadcasts (1, 2) to (3, 2) ...
    with pytest.raises(IndexError, match=r"shape of the mask \[1, 2\] at index 0 does not match"):
        data[mask]  # ... indexing does not
    # counter-case: the mask broadcast by hand, to (3, 2), is accepted
    assert data[mask.expand(3, 2)].tolist() == [0, 2, 4]


@pytest.mark.claim("mask-is-not-broadcast")
def test_counter_case_a_mask_matching_the_leading_dims_is_accepted():
    data = torch.arange(6).reshape(3, 2)
    assert data[torch.tensor([True, False, True])].shape == (2, 2)
    assert data[torch.ones(3, 2, dtype=torch.bool)].shape == (6,)


@pytest.mark.claim("mask-selects-true-positions")
def test_only_the_true_positions_are_selected(run_snippet):
    ns = run_snippet("tensor_ops/boolean_mask_indexing")
    generator = torch.Generator().manual_seed(0)
    data = torch.arange(100, 124).view(2, 3, 4)
    for _ in range(20):
        mask = torch.rand(2, 3, 4, generator=generator) > 0.5
        wanted = [v for v, m in zip(data.flatten().tolist(), mask.flatten().tolist(), strict=True) if m]
        assert data[mask].tolist() == wanted
    # the snippet: the True positions of data > 3 hold 4, 5 and 6; the False ones hold 1, 2, 3
    assert ns["selected_elements"].tolist() == [4, 5, 6]


@pytest.mark.claim("mask-selects-true-positions")
def test_counter_case_an_all_false_mask_selects_nothing():
    data = torch.arange(6).view(3, 2)
    nothing = data[torch.zeros(3, 2, dtype=torch.bool)]
    assert nothing.numel() == 0
    assert nothing.shape == (0,)
    assert data[torch.tensor([False, False, False])].shape == (0, 2)


@pytest.mark.claim("mask-is-not-broadcast", "mask-in-second-place-matches-the-second-dim")
def test_a_mask_further_in_the_index_must_match_the_dimensions_from_where_it_stands():
    data = torch.arange(6).reshape(3, 2)
    # the page's example: a 1-D mask in second place stands for the second dimension
    columns = data[:, torch.tensor([True, False])]
    assert columns.shape == (3, 1)
    assert columns.tolist() == [[0], [2], [4]]
    with pytest.raises(IndexError, match=r"shape of the mask \[3\] at index 0 does not match .* at index 1"):
        data[:, torch.tensor([True, False, True])]  # the size of the first dimension, in second place
    z = torch.arange(24).view(2, 3, 4)
    assert z[:, torch.ones(3, 4, dtype=torch.bool)].shape == (2, 12)
    assert z[:, :, torch.tensor([True, False, True, False])].shape == (2, 3, 2)
    with pytest.raises(IndexError, match="does not match"):
        z[:, torch.tensor([True, False])]  # (2,) is z's first dimension, not its second
    with pytest.raises(IndexError, match="does not match"):
        z[:, torch.ones(1, 4, dtype=torch.bool)]  # (1, 4) is not broadcast to (3, 4) either


@pytest.mark.claim("full-mask-gives-1d")
def test_counter_case_the_same_elements_by_slice_keep_their_shape():
    data = torch.tensor([[1, 2], [3, 4], [5, 6]])
    mask = torch.tensor([[False, False], [True, True], [True, True]])
    assert data[mask].shape == (4,)
    assert data[1:].shape == (2, 2)  # the slice with the same elements keeps two dimensions
    assert data[1:].flatten().equal(data[mask])
    # row-major order of the indexed tensor as you see it, even a transposed (non-contiguous) one
    transposed = torch.arange(12).view(3, 4).t()
    assert not transposed.is_contiguous()
    assert transposed[torch.ones(4, 3, dtype=torch.bool)].tolist() == transposed.flatten().tolist()
    assert transposed[torch.ones(4, 3, dtype=torch.bool)].tolist()[:3] == [0, 4, 8]


@pytest.mark.claim("row-mask-keeps-other-dims", "full-mask-gives-1d")
def test_counter_case_a_mask_covering_every_dimension_keeps_none():
    z = torch.arange(24).view(2, 3, 4)
    assert z[torch.tensor([False, True])].shape == (1, 3, 4)  # covers dim 0: keeps (3, 4)
    assert z[torch.ones(2, 3, dtype=torch.bool)].shape == (6, 4)  # covers dims 0, 1: keeps (4,)
    assert z[torch.ones(2, 3, 4, dtype=torch.bool)].shape == (24,)  # covers all: 1-D
