import io

import pytest
import torch

from tests.conftest import shares_storage

N = 100_000  # float32: 400,000 bytes
BIG_BYTES = N * 4


def saved_bytes(obj):
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getbuffer().nbytes


def save_and_load(obj):
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    buffer.seek(0)
    return torch.load(buffer, weights_only=True)


def views():
    big = torch.arange(N, dtype=torch.float32)
    return big, {"big[500:510]": big[500:510], "big[::10_000]": big[::10_000], "big[-1]": big[-1]}


@pytest.mark.claim("save-writes-whole-storage-of-a-view", "save-writes-the-whole-storage-of-any-view")
def test_saving_a_small_view_writes_the_whole_storage(run_snippet):
    ns = run_snippet("memory/save_slice_writes_whole_storage")
    small_size = ns["buffer"].getbuffer().nbytes
    big_size = ns["buffer_big"].getbuffer().nbytes
    assert small_size > BIG_BYTES  # far more than the 40 bytes of its elements
    assert abs(small_size - big_size) < 1_000  # about what saving big itself takes
    _big, taken = views()
    for name, view in taken.items():
        assert view.numel() <= 10
        assert saved_bytes(view) > BIG_BYTES, name


@pytest.mark.claim("clone-before-save-writes-only-the-slice")
def test_a_clone_writes_only_its_elements(run_snippet):
    ns = run_snippet("memory/save_slice_writes_whole_storage")
    assert ns["buffer_clone"].getbuffer().nbytes < 10_000
    big, taken = views()
    for name, view in taken.items():
        assert saved_bytes(view.clone()) < 10_000, name
    # the size depends on the clone alone: 10 float32 elements cloned from the big storage, from
    # elsewhere in it, or made fresh, give files of one size
    assert saved_bytes(big[:10].clone()) == saved_bytes(big[500:510].clone()) == saved_bytes(torch.zeros(10))
    # counter-case: the clone's file still grows with its own elements, and with its dtype
    assert saved_bytes(torch.zeros(10, dtype=torch.float64)) > saved_bytes(torch.zeros(10))
    assert saved_bytes(big[:50_000].clone()) > 50_000 * 4
    assert saved_bytes(big[:50_000].clone()) < BIG_BYTES


@pytest.mark.claim("contiguous-does-not-shrink-a-contiguous-slice")
def test_contiguous_returns_the_slice_itself_and_saves_the_whole_storage(run_snippet):
    ns = run_snippet("memory/save_slice_writes_whole_storage")
    small = ns["small"]
    assert small.is_contiguous()
    assert small.contiguous() is small
    assert ns["buffer_contiguous"].getbuffer().nbytes > BIG_BYTES
    # counter-case: a step slice is not contiguous, so contiguous() copies, and the file is small
    big = torch.arange(N, dtype=torch.float32)
    stepped = big[::10_000]
    assert not stepped.is_contiguous()
    assert not shares_storage(stepped.contiguous(), big)
    assert saved_bytes(stepped.contiguous()) < 10_000


@pytest.mark.claim("loaded-view-keeps-offset-and-storage")
def test_loading_brings_back_the_whole_storage_and_the_offset(run_snippet):
    ns = run_snippet("memory/save_slice_writes_whole_storage")
    loaded, small = ns["loaded"], ns["small"]
    assert torch.equal(loaded, small)
    assert loaded.storage_offset() == 500
    assert loaded.untyped_storage().nbytes() == BIG_BYTES
    stepped = save_and_load(torch.arange(N, dtype=torch.float32)[5::10_000])
    assert stepped.stride() == (10_000,)
    assert stepped.storage_offset() == 5
    # counter-case: a loaded clone has offset 0 and a storage of its own size
    loaded_clone = save_and_load(small.clone())
    assert loaded_clone.storage_offset() == 0
    assert loaded_clone.untyped_storage().nbytes() == 40
