import pytest

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("clone-of-a-slice-is-independent")
def test_clone_of_a_slice_does_not_share(run_snippet):
    ns = run_snippet("memory/slice_clone_copies")
    x_2d, copy = ns["x_2d"], ns["sub_tensor_copy"]
    assert not shares_storage(copy, x_2d)
    assert not overlaps(copy, x_2d)
    assert copy.tolist() == [[101, 3], [5, 6]]
    assert x_2d.tolist() == [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    # and the other way: writing to x_2d leaves the copy alone
    x_2d[0, 2] = -3
    assert copy[0, 1].item() == 3


@pytest.mark.claim("clone-of-a-slice-is-independent")
def test_counter_case_the_same_slice_without_clone_shares(run_snippet):
    ns = run_snippet("memory/slice_clone_copies")
    x_2d = ns["x_2d"]
    view = x_2d[0:2, 1:3]
    assert shares_storage(view, x_2d)
    view[0, 0] = 101
    assert x_2d[0, 1].item() == 101
