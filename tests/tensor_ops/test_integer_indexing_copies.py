from tests.conftest import shares_storage


def test_integer_indexing_copies_even_a_contiguous_block(run_snippet):
    ns = run_snippet("tensor_ops/integer_indexing_copies")
    y, picked = ns["y"], ns["picked"]
    assert not shares_storage(picked, y)
    assert picked[0, 0].item() == 100


def test_counter_case_the_equivalent_slice_is_a_view(run_snippet):
    ns = run_snippet("tensor_ops/integer_indexing_copies")
    y, sliced = ns["y"], ns["sliced"]
    assert shares_storage(sliced, y)
    assert y[0, 0].item() == 100
    assert y[1:].tolist() == [[4, 5, 6, 7], [8, 9, 10, 11]]
