from tests.conftest import overlaps, shares_storage


def test_clone_of_a_slice_does_not_share(run_snippet):
    ns = run_snippet("memory/slice_clone_copies")
    x_2d, copy = ns["x_2d"], ns["sub_tensor_copy"]
    assert not shares_storage(copy, x_2d)
    assert not overlaps(copy, x_2d)
    assert copy.tolist() == [[101, 3], [5, 6]]
    assert x_2d.tolist() == [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
