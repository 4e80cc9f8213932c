import pytest
import torch

from tests.conftest import shares_storage

BIG_BYTES = 100_000 * 4


@pytest.mark.claim("slice-keeps-whole-storage-alive")
def test_a_ten_element_slice_holds_the_whole_storage(run_snippet):
    ns = run_snippet("memory/small_view_keeps_storage")
    small = ns["small"]
    assert "big" not in ns  # the snippet deleted the name ...
    assert small.untyped_storage().nbytes() == BIG_BYTES  # ... and the storage is still whole
    assert small.numel() * small.element_size() == 40
    assert small.storage_offset() == 500
    assert small.tolist() == [float(v) for v in range(500, 510)]


@pytest.mark.claim(
    "slice-keeps-whole-storage-alive",
    "deleting-the-base-frees-nothing",
    "clone-of-a-slice-has-a-small-storage",
)
@pytest.mark.parametrize(
    "take",
    [lambda b: b[500:510], lambda b: b[::10_000], lambda b: b.view(1000, 100)[:2, :5], lambda b: b[-1]],
    ids=["b[500:510]", "b[::10_000]", "2x5 block", "b[-1]"],
)
def test_every_view_keeps_the_whole_storage_a_clone_does_not(take):
    big = torch.arange(100_000, dtype=torch.float32)
    view = take(big)
    del big
    assert view.untyped_storage().nbytes() == BIG_BYTES
    # counter-case: the clone's storage is just its own elements
    own = view.clone()
    assert own.untyped_storage().nbytes() == view.numel() * view.element_size()
    assert not shares_storage(own, view)


def expired(ref):
    # torch.UntypedStorage._weak_ref() / _expired() are private API (no public weak reference to a
    # storage exists); checked to work on torch 2.13
    return torch.UntypedStorage._expired(ref)


@pytest.mark.claim("deleting-the-base-frees-nothing")
@pytest.mark.parametrize(
    "take",
    [lambda b: b[500:510], lambda b: b[::10_000], lambda b: b[-1]],
    ids=["b[500:510]", "b[::10_000]", "b[-1]"],
)
def test_the_storage_stays_alive_after_del_big_and_is_freed_with_the_last_view(take):
    big = torch.arange(100_000, dtype=torch.float32)
    ref = big.untyped_storage()._weak_ref()
    small = take(big)
    del big
    assert not expired(ref)  # small alone keeps the 400,000 bytes alive
    assert small.untyped_storage().nbytes() == BIG_BYTES
    del small
    assert expired(ref)  # the last view is gone: the storage is freed


@pytest.mark.claim("clone-of-a-slice-has-a-small-storage", "deleting-the-base-frees-nothing")
def test_counter_case_a_clone_does_not_keep_the_big_storage_alive():
    big = torch.arange(100_000, dtype=torch.float32)
    ref = big.untyped_storage()._weak_ref()
    own = big[500:510].clone()
    del big
    assert expired(ref)  # freed although the clone is still here
    assert own.untyped_storage().nbytes() == 40
    assert own.tolist() == [float(v) for v in range(500, 510)]
