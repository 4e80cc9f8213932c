import pytest

from tests.conftest import shares_storage


def test_permute_shares_storage_and_is_not_contiguous(run_snippet):
    ns = run_snippet("memory/permute_and_contiguous")
    images, permuted = ns["images"], ns["channels_last"]
    assert shares_storage(permuted, images)
    assert permuted.shape == (3, 4, 2)
    assert permuted.stride() == (4, 1, 12)
    assert not permuted.is_contiguous()
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        permuted.view(-1)


def test_contiguous_copies_then_view_works(run_snippet):
    ns = run_snippet("memory/permute_and_contiguous")
    images, permuted, packed = ns["images"], ns["channels_last"], ns["packed"]
    assert packed.is_contiguous()
    assert not shares_storage(packed, images)
    assert packed.stride() == (8, 2, 1)
    assert packed.equal(permuted)
    assert shares_storage(packed.view(-1), packed)


def test_counter_case_contiguous_on_a_contiguous_tensor_returns_it(run_snippet):
    ns = run_snippet("memory/permute_and_contiguous")
    images = ns["images"]
    assert images.contiguous() is images
