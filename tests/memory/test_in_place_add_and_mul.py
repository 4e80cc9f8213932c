from tests.conftest import shares_storage


def test_in_place_ops_write_into_x_and_chain(run_snippet):
    ns = run_snippet("memory/in_place_add_and_mul")
    x, y = ns["x"], ns["y"]
    assert ns["x_before"] is x
    # ((1,2,3) + (4,5,6)) then (+ (4,5,6)) * 2
    assert x.tolist() == [18, 24, 30]
    assert y.tolist() == [4, 5, 6]


def test_in_place_returns_the_tensor_itself(run_snippet):
    ns = run_snippet("memory/in_place_add_and_mul")
    x, y = ns["x"], ns["y"]
    pointer = x.data_ptr()
    assert x.add_(y) is x
    assert x.data_ptr() == pointer


def test_counter_case_out_of_place_makes_a_new_tensor(run_snippet):
    ns = run_snippet("memory/in_place_add_and_mul")
    x, total = ns["x"], ns["total"]
    assert total is not x
    assert not shares_storage(total, x)
    assert total.tolist() == [22, 29, 36]
