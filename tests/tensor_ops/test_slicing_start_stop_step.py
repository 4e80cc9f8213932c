from tests.conftest import shares_storage


def test_start_stop_step(run_snippet):
    ns = run_snippet("tensor_ops/slicing_start_stop_step")
    assert ns["slice4"].tolist() == [0, 2, 4, 6, 8]
    assert ns["slice5"].tolist() == [1, 3, 5, 7]  # stop (8) is exclusive
    assert ns["slice4"].stride() == (2,)


def test_slices_are_views(run_snippet):
    ns = run_snippet("tensor_ops/slicing_start_stop_step")
    y_1d = ns["y_1d"]
    assert shares_storage(ns["slice4"], y_1d)
    assert shares_storage(ns["slice5"], y_1d)
    assert ns["slice5"].storage_offset() == 1
