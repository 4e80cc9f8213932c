def test_integer_array_indexing_shapes_and_values(run_snippet):
    ns = run_snippet("tensor_ops/integer_array_indexing")
    assert ns["selected"].tolist() == [10, 14, 12, 12]  # repeated index selects twice
    assert ns["selected_rows"].shape == (2, 4)
    assert ns["selected_rows"].tolist() == [[0, 1, 2, 3], [8, 9, 10, 11]]
    assert ns["selected_cols"].shape == (3, 2)
    assert ns["selected_cols"].tolist() == [[1, 3], [5, 7], [9, 11]]
    assert ns["selected_elements"].tolist() == [1, 7, 8]
    assert ns["selected_elements"].dim() == 1
