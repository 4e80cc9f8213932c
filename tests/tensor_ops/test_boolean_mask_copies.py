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
