import torch

from tests.conftest import overlaps, shares_storage


def test_reading_with_a_mask_copies(run_snippet):
    ns = run_snippet("tensor_ops/boolean_mask_copies")
    data, selected = ns["data"], ns["selected"]
    assert not shares_storage(selected, data)
    assert not overlaps(selected, data)
    assert selected.tolist() == [0, 5, 6]


def test_assigning_through_a_mask_writes_into_data(run_snippet):
    ns = run_snippet("tensor_ops/boolean_mask_copies")
    assert ns["data"].tolist() == [[1, 2], [3, 0], [0, 0]]
    data = torch.tensor([1, 5])
    pointer = data.data_ptr()
    data[data > 3] = 0
    assert data.data_ptr() == pointer
    assert data.tolist() == [1, 0]
