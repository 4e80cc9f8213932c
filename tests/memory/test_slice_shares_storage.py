from tests.conftest import overlaps, shares_storage


def test_modifying_the_slice_modifies_the_original(run_snippet):
    ns = run_snippet("memory/slice_shares_storage")
    x_2d, sub = ns["x_2d"], ns["sub_tensor"]
    assert shares_storage(sub, x_2d)
    assert overlaps(sub, x_2d)
    assert sub.storage_offset() == 1
    assert sub.tolist() == [[101, 3], [5, 6]]
    assert x_2d.tolist() == [[1, 101, 3], [4, 5, 6], [7, 8, 9]]
