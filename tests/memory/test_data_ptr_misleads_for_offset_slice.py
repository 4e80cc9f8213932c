import numpy as np
import pytest
import torch

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("data-ptr-is-first-element-address")
def test_data_ptr_is_the_first_element_not_the_storage(run_snippet):
    ns = run_snippet("memory/data_ptr_misleads_for_offset_slice")
    x, tail = ns["x"], ns["tail"]
    assert tail.data_ptr() == tail.untyped_storage().data_ptr() + tail.storage_offset() * tail.element_size()
    assert tail.data_ptr() != tail.untyped_storage().data_ptr()
    # counter-case: with offset 0 the first element is where the storage starts
    assert x.storage_offset() == 0
    assert x.data_ptr() == x.untyped_storage().data_ptr()


@pytest.mark.claim("offset-slice-data-ptr-differs")
def test_offset_slice_has_other_data_ptr_but_same_memory(run_snippet):
    ns = run_snippet("memory/data_ptr_misleads_for_offset_slice")
    x, tail = ns["x"], ns["tail"]
    assert tail.data_ptr() != x.data_ptr()  # what misleads
    assert overlaps(tail, x)  # what is true
    # counter-case: a slice from the start has the same data_ptr
    assert x[:3].data_ptr() == x.data_ptr()


@pytest.mark.claim("offset-slice-storage-offset")
def test_tail_starts_two_elements_into_the_storage(run_snippet):
    ns = run_snippet("memory/data_ptr_misleads_for_offset_slice")
    x, tail = ns["x"], ns["tail"]
    assert tail.storage_offset() == 2
    assert tail.data_ptr() - x.data_ptr() == 2 * x.element_size()


@pytest.mark.claim("offset-slice-same-storage-and-overlap")
def test_both_checks_see_the_sharing_and_the_write_reaches_x(run_snippet):
    ns = run_snippet("memory/data_ptr_misleads_for_offset_slice")
    x, tail = ns["x"], ns["tail"]
    assert shares_storage(tail, x)
    assert overlaps(tail, x)
    assert x.tolist() == [0, 1, 100, 3, 4, 5]
    # counter-case: both checks say no for a clone of the slice
    copy = tail.clone()
    assert not shares_storage(copy, x)
    assert not overlaps(copy, x)


@pytest.mark.claim("same-storage-is-not-overlap")
def test_disjoint_slices_share_storage_but_not_elements():
    x = torch.arange(6)
    head, rest = x[:3], x[3:]
    assert shares_storage(head, rest)
    assert not np.shares_memory(head.numpy(), rest.numpy())
    head[0] = 100
    assert rest.tolist() == [3, 4, 5]
    # counter-case: overlapping slices of one storage do overlap
    assert np.shares_memory(x[:4].numpy(), x[3:].numpy())


@pytest.mark.claim("overlap-without-same-storage")
def test_from_numpy_of_two_parts_overlaps_with_different_storage_starts():
    a = np.arange(6.0)
    whole, tail = torch.from_numpy(a), torch.from_numpy(a[2:])
    assert tail.untyped_storage().data_ptr() - whole.untyped_storage().data_ptr() == 2 * a.itemsize
    assert not shares_storage(whole, tail)
    assert np.shares_memory(whole.numpy(), tail.numpy())
    tail[0] = -1.0
    assert whole[2].item() == -1.0
    # counter-case: converting the same array twice gives the same storage start
    assert shares_storage(torch.from_numpy(a), whole)
