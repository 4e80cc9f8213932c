def test_full_mask_selects_a_1d_tensor(run_snippet):
    ns = run_snippet("tensor_ops/boolean_mask_indexing")
    assert ns["mask"].tolist() == [[False, False], [False, True], [True, True]]
    assert ns["selected_elements"].tolist() == [4, 5, 6]
    assert ns["selected_elements"].dim() == 1


def test_masked_assignment_and_row_mask(run_snippet):
    ns = run_snippet("tensor_ops/boolean_mask_indexing")
    assert ns["data"].tolist() == [[0, 0], [0, 4], [5, 6]]
    assert ns["row_mask"].tolist() == [False, False, True]
    # a mask over rows keeps the other dimension
    assert ns["selected_rows"].tolist() == [[5, 6]]
    assert ns["selected_rows"].dim() == 2
    assert ns["data"][ns["row_mask"]].equal(ns["selected_rows"])
