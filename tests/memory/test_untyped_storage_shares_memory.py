import numpy as np
import pytest
import torch

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("untyped-storage-view-shares-clone-does-not", "a-clone-has-its-own-storage-address")
def test_view_shares_and_clone_does_not(run_snippet):
    ns = run_snippet("memory/untyped_storage_shares_memory")
    x, y, z = ns["x"], ns["y"], ns["z"]
    assert y.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
    assert overlaps(y, x)
    # the counter-case: a clone has storage of its own
    assert z.untyped_storage().data_ptr() != x.untyped_storage().data_ptr()
    assert not overlaps(z, x)


@pytest.mark.claim("empty-tensor-storage-has-no-memory")
@pytest.mark.parametrize("shape", [(0,), (0, 3), (2, 0)])
def test_for_empty_tensors_the_comparison_says_nothing(shape):
    x = torch.empty(shape)
    copy = x.clone()
    assert x.untyped_storage().nbytes() == copy.untyped_storage().nbytes() == 0
    assert x.untyped_storage().data_ptr() == copy.untyped_storage().data_ptr() == 0
    assert x.view(-1).untyped_storage().data_ptr() == 0
    # counter-case: one element is enough for the clone to get an address of its own
    one = torch.empty(1)
    assert one.untyped_storage().data_ptr() != 0
    assert one.clone().untyped_storage().data_ptr() != one.untyped_storage().data_ptr()
    assert one.view(1).untyped_storage().data_ptr() == one.untyped_storage().data_ptr()


@pytest.mark.claim("some-operations-share-others-copy")
def test_view_and_from_numpy_share_where_clone_and_tensor_copy():
    x = torch.arange(12)
    assert shares_storage(x.view(3, 4), x)
    assert not shares_storage(x.clone(), x)
    a = np.arange(12.0)
    assert overlaps(torch.from_numpy(a), a)
    assert not overlaps(torch.tensor(a), a)
    # sharing shows as a change: write through each and look at the source
    x.view(3, 4)[0, 0] = 100
    x.clone()[1] = 100
    assert x[:2].tolist() == [100, 1]
    torch.from_numpy(a)[0] = -1.0
    torch.tensor(a)[1] = -1.0
    assert a[:2].tolist() == [-1.0, 1.0]


@pytest.mark.claim("empty-slice-keeps-parent-storage")
def test_an_empty_slice_keeps_its_parents_storage():
    y = torch.arange(24, dtype=torch.float32)
    empty = y[3:3]
    assert empty.numel() == 0
    assert empty.untyped_storage().nbytes() == y.untyped_storage().nbytes() == 96
    assert empty.untyped_storage().data_ptr() == y.untyped_storage().data_ptr() != 0
    assert not overlaps(empty, y)  # no element in common
    # counter-case: a tensor created empty, and the clone of the empty slice, have no memory
    assert torch.empty(0).untyped_storage().data_ptr() == 0
    assert empty.clone().untyped_storage().data_ptr() == 0
