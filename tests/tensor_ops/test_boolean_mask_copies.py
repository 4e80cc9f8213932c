import pytest
import torch

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("mask-read-copies")
def test_reading_with_a_mask_copies(run_snippet):
    ns = run_snippet("tensor_ops/boolean_mask_copies")
    data, selected = ns["data"], ns["selected"]
    assert not shares_storage(selected, data)
    assert not overlaps(selected, data)
    assert selected.tolist() == [0, 5, 6]


@pytest.mark.claim("mask-read-copies")
def test_a_mask_of_all_true_still_copies():
    data = torch.tensor([1, 2, 3])
    selected = data[torch.ones(3, dtype=torch.bool)]
    assert selected.equal(data)
    assert not shares_storage(selected, data)


@pytest.mark.claim("mask-assignment-writes-in-place")
def test_assigning_through_a_mask_writes_into_data(run_snippet):
    ns = run_snippet("tensor_ops/boolean_mask_copies")
    assert ns["data"].tolist() == [[1, 2], [3, 0], [0, 0]]
    data = torch.tensor([1, 5])
    pointer, version = data.data_ptr(), data._version
    data[data > 3] = 0
    assert data.data_ptr() == pointer
    assert data._version == version + 1  # recorded as an in-place write
    assert data.tolist() == [1, 0]


@pytest.mark.claim("mask-read-copies")
def test_counter_case_a_slice_with_the_same_elements_is_a_view():
    data = torch.tensor([[1, 2], [3, 4], [5, 6]])
    by_mask = data[torch.tensor([False, True, True])]
    by_slice = data[1:]
    assert by_mask.equal(by_slice)
    assert shares_storage(by_slice, data)
    assert not shares_storage(by_mask, data)
    by_slice[0, 0] = -3
    assert data[1, 0].item() == -3  # the slice writes through ...
    by_mask[0, 1] = -4
    assert data[1, 1].item() == 4  # ... the masked copy does not


@pytest.mark.claim("mask-assignment-writes-in-place")
def test_counter_case_writing_to_the_read_result_or_masked_fill_leaves_data_alone():
    data = torch.tensor([1, 5, 7])
    mask = data > 3
    version = data._version
    selected = data[mask]
    selected[:] = 0  # writes into the copy
    assert data.tolist() == [1, 5, 7]
    filled = data.masked_fill(mask, 0)  # the out-of-place form: a new tensor
    assert filled.tolist() == [1, 0, 0]
    assert data.tolist() == [1, 5, 7]
    assert not shares_storage(filled, data)
    assert data._version == version  # nothing has written into data yet
    data[mask] = 0
    assert data.tolist() == [1, 0, 0]
    assert data._version > version
