import pytest

from tests.conftest import shares_storage


def test_expand_repeats_rows_with_stride_zero(run_snippet):
    ns = run_snippet("memory/expand_shares_elements")
    row, grid = ns["row"], ns["grid"]
    assert grid.stride() == (0, 1)
    assert shares_storage(grid, row)
    assert grid.untyped_storage().nbytes() == row.numel() * row.element_size()


def test_one_write_shows_in_every_row(run_snippet):
    ns = run_snippet("memory/expand_shares_elements")
    assert ns["grid"][:, 0].tolist() == [1.0, 1.0, 1.0]
    assert ns["row"].tolist() == [1.0, 0.0, 0.0, 0.0]


def test_in_place_op_on_expanded_tensor_is_refused(run_snippet):
    grid = run_snippet("memory/expand_shares_elements")["grid"]
    with pytest.raises(
        RuntimeError, match="more than one element of the written-to tensor refers to a single"
    ):
        grid.add_(1)


def test_counter_case_clone_gives_each_row_its_own_cells(run_snippet):
    ns = run_snippet("memory/expand_shares_elements")
    own_rows = ns["own_rows"]
    assert not shares_storage(own_rows, ns["row"])
    assert own_rows.stride() == (4, 1)
    assert own_rows[:, 0].tolist() == [5.0, 1.0, 1.0]


def test_counter_case_repeat_always_copies(run_snippet):
    row = run_snippet("memory/expand_shares_elements")["row"]
    assert not shares_storage(row.repeat(3, 1), row)
