import pytest
import torch


@pytest.mark.claim("index-order-and-repeats")
def test_indices_in_any_order_and_repeated(run_snippet):
    ns = run_snippet("tensor_ops/integer_array_indexing")
    assert ns["indices"].tolist() == [0, 4, 2, 2]
    assert ns["selected"].tolist() == [10, 14, 12, 12]  # repeated index selects twice


@pytest.mark.claim("index-whole-rows-keeps-dims")
def test_one_index_tensor_keeps_the_other_dimensions(run_snippet):
    ns = run_snippet("tensor_ops/integer_array_indexing")
    assert ns["selected_rows"].shape == (2, 4)
    assert ns["selected_rows"].tolist() == [[0, 1, 2, 3], [8, 9, 10, 11]]
    assert ns["selected_cols"].shape == (3, 2)
    assert ns["selected_cols"].tolist() == [[1, 3], [5, 7], [9, 11]]


@pytest.mark.claim("index-tensors-broadcast")
def test_one_dimensional_index_tensors_give_a_1d_result(run_snippet):
    ns = run_snippet("tensor_ops/integer_array_indexing")
    assert ns["selected_elements"].tolist() == [1, 7, 8]
    assert ns["selected_elements"].dim() == 1


@pytest.mark.claim("index-tensors-broadcast")
def test_counter_case_index_tensors_broadcast_to_a_2d_result():
    y = torch.arange(12).reshape(3, 4)
    rows, cols = torch.tensor([[0], [2]]), torch.tensor([[0, 3]])
    picked = y[rows, cols]
    assert picked.shape == torch.broadcast_shapes(rows.shape, cols.shape) == (2, 2)
    assert picked.tolist() == [[0, 3], [8, 11]]
    with pytest.raises(IndexError, match="shape mismatch"):
        y[torch.tensor([0, 1]), torch.tensor([0, 1, 2])]  # shapes that do not broadcast
