import itertools

import pytest
import torch

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("permute-shares-storage-reorders-strides")
def test_permute_shares_storage_and_reorders_sizes_and_strides(run_snippet):
    ns = run_snippet("memory/permute_and_contiguous")
    images, permuted = ns["images"], ns["channels_last"]
    assert shares_storage(permuted, images)
    assert overlaps(permuted, images)
    assert images.shape == (2, 3, 4)
    assert images.stride() == (12, 4, 1)
    assert permuted.shape == (3, 4, 2)
    assert permuted.stride() == (4, 1, 12)
    assert permuted.storage_offset() == images.storage_offset()
    for dims in itertools.permutations(range(3)):
        moved = images.permute(*dims)
        assert moved.shape == tuple(images.shape[d] for d in dims)
        assert moved.stride() == tuple(images.stride()[d] for d in dims)
        assert shares_storage(moved, images)


@pytest.mark.claim("permute-shares-storage-reorders-strides")
def test_writing_through_a_permuted_tensor_changes_the_original(run_snippet):
    ns = run_snippet("memory/permute_and_contiguous")
    images, permuted = ns["images"], ns["channels_last"]
    permuted[2, 3, 1] = -1  # = images[1, 2, 3]
    assert images[1, 2, 3].item() == -1
    # counter-case: the contiguous copy is not touched by a write to the original
    packed = ns["packed"]
    assert packed[2, 3, 1].item() == 23


@pytest.mark.claim("permute-result-usually-not-contiguous", "permute-keeping-the-order-stays-contiguous")
def test_permute_is_contiguous_only_when_the_dimensions_longer_than_1_keep_their_order(run_snippet):
    ns = run_snippet("memory/permute_and_contiguous")
    assert not ns["channels_last"].is_contiguous()
    for shape in [(2, 3, 4), (1, 3, 4), (2, 1, 4), (2, 3, 1), (1, 1, 4), (3, 1, 1)]:
        tensor = torch.arange(24)[: torch.Size(shape).numel()].view(shape)
        assert tensor.is_contiguous()
        for dims in itertools.permutations(range(3)):
            kept_order = [d for d in dims if shape[d] > 1] == [d for d in range(3) if shape[d] > 1]
            assert tensor.permute(*dims).is_contiguous() == kept_order, (shape, dims)


@pytest.mark.claim(
    "permute-keeping-the-order-stays-contiguous", "permuted-empty-tensor-is-contiguous-and-viewable"
)
def test_counter_case_identity_and_size_1_moves_stay_contiguous_and_empty_tensors_always_are():
    assert torch.arange(24).view(2, 3, 4).permute(0, 1, 2).is_contiguous()
    assert torch.arange(12).view(1, 3, 4).permute(1, 0, 2).is_contiguous()
    assert torch.empty(0, 3, 4).permute(2, 1, 0).is_contiguous()
    for shape in [(0, 3, 4), (2, 0, 4), (2, 3, 0)]:
        for dims in itertools.permutations(range(3)):
            permuted = torch.empty(shape).permute(*dims)
            assert permuted.is_contiguous(), (shape, dims)
            assert permuted.view(-1).shape == (0,), (shape, dims)
    # counter-case: a shape it cannot take is still refused, as for any tensor (not for its strides):
    # with no elements, the -1 of view(0, -1) could be any size
    with pytest.raises(RuntimeError, match="unspecified dimension size -1 can be any value"):
        torch.empty(0, 3).permute(1, 0).view(0, -1)


@pytest.mark.claim("view-after-permute-needs-contiguous")
def test_merging_dimensions_no_longer_adjacent_raises(run_snippet):
    ns = run_snippet("memory/permute_and_contiguous")
    with pytest.raises(RuntimeError, match="view size is not compatible with input tensor's size and stride"):
        ns["channels_last"].view(-1)


@pytest.mark.claim("view-after-permute-needs-contiguous")
def test_counter_case_merging_dimensions_still_adjacent_works(run_snippet):
    ns = run_snippet("memory/permute_and_contiguous")
    images, permuted = ns["images"], ns["channels_last"]
    # height and width (strides 4 and 1) still follow each other in memory
    merged = permuted.view(12, 2)
    assert shares_storage(merged, images)
    assert merged.equal(permuted.reshape(12, 2))


@pytest.mark.claim("contiguous-then-view-works")
def test_contiguous_copies_in_the_new_order_then_view_works(run_snippet):
    ns = run_snippet("memory/permute_and_contiguous")
    images, permuted, packed = ns["images"], ns["channels_last"], ns["packed"]
    assert packed.is_contiguous()
    assert not shares_storage(packed, images)
    assert not overlaps(packed, images)
    assert packed.stride() == (8, 2, 1)
    assert packed.equal(permuted)
    flat = packed.view(-1)
    assert shares_storage(flat, packed)
    assert flat[:4].tolist() == [0, 12, 1, 13]  # the new order: channels of pixel (0, 0), then of (0, 1)


@pytest.mark.claim("contiguous-no-copy-when-already-contiguous")
def test_contiguous_on_a_contiguous_tensor_returns_it(run_snippet):
    ns = run_snippet("memory/permute_and_contiguous")
    images, packed = ns["images"], ns["packed"]
    assert images.contiguous() is images
    assert packed.contiguous() is packed
    version = images._version
    images.contiguous()[0, 0, 0] = -5
    assert images[0, 0, 0].item() == -5
    assert images._version > version


@pytest.mark.claim("contiguous-no-copy-when-already-contiguous")
def test_counter_case_contiguous_on_a_non_contiguous_tensor_is_a_new_tensor(run_snippet):
    ns = run_snippet("memory/permute_and_contiguous")
    permuted = ns["channels_last"]
    packed = permuted.contiguous()
    assert packed is not permuted
    assert not shares_storage(packed, permuted)


@pytest.mark.claim("view-after-permute-needs-contiguous", "permuted-empty-tensor-is-contiguous-and-viewable")
def test_counter_case_a_permuted_tensor_with_no_elements_can_be_viewed():
    with_elements = torch.arange(24).view(2, 3, 4).permute(1, 2, 0)
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        with_elements.view(-1)
    empty = torch.empty(0, 3, 4).permute(1, 2, 0)
    assert empty.stride() == (4, 1, 12)  # the same order in memory as above ...
    assert empty.view(-1).shape == (0,)  # ... but nothing to merge across a gap
    assert empty.view(12, 0).shape == (12, 0)


@pytest.mark.claim("view-after-permute-needs-contiguous")
def test_channels_last_is_the_examples_permuted_variable_not_a_memory_format(run_snippet):
    ns = run_snippet("memory/permute_and_contiguous")
    images, permuted = ns["images"], ns["channels_last"]
    assert isinstance(permuted, torch.Tensor)
    assert permuted is not torch.channels_last
    assert permuted.equal(images.permute(1, 2, 0))
    assert permuted.stride() == images.permute(1, 2, 0).stride()
    assert shares_storage(permuted, images)
