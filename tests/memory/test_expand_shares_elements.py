import pytest
import torch

from tests.conftest import shares_storage

REFUSED = "more than one element of the written-to tensor refers to a single memory location"


def expanded():
    row = torch.zeros(4)
    return row, row.expand(3, 4)


@pytest.mark.claim("expand-sets-stride-zero")
def test_expand_repeats_rows_with_stride_zero(run_snippet):
    ns = run_snippet("memory/expand_shares_elements")
    row, grid = ns["row"], ns["grid"]
    assert grid.stride() == (0, 1)
    assert shares_storage(grid, row)
    assert grid.untyped_storage().nbytes() == row.numel() * row.element_size()  # no new memory


@pytest.mark.claim("expand-sets-stride-zero", "a-dim-left-at-size-one-keeps-its-stride")
def test_only_size_one_or_new_leading_dimensions_get_stride_zero():
    column = torch.zeros(3, 1)
    assert column.expand(3, 4).stride() == (1, 0)  # the size-1 dimension
    assert column.expand(2, 3, 4).stride() == (0, 1, 0)  # and a new one in front
    # counter-case: a dimension that stays of size 1, whether old or new, does not get stride 0
    assert column.expand(3, 1).stride() == column.stride()
    assert torch.zeros(4).expand(1, 4).stride() == (4, 1)
    assert column.expand(1, 3, 1).stride() == (3, 1, 1)
    assert torch.zeros(4).expand(2, 4).stride() == (0, 1)  # but expanded to 2 it does
    # and a dimension that is not of size 1 cannot be expanded at all
    with pytest.raises(RuntimeError, match="must match the existing size"):
        torch.zeros(3, 2).expand(3, 4)


@pytest.mark.claim("expand-one-write-every-row")
def test_one_write_shows_in_every_row():
    row, grid = expanded()
    grid[0, 0] = 1.0
    assert grid[:, 0].tolist() == [1.0, 1.0, 1.0]
    assert row.tolist() == [1.0, 0.0, 0.0, 0.0]
    # counter-case: the other columns are other cells
    assert grid[:, 1].tolist() == [0.0, 0.0, 0.0]


@pytest.mark.claim("expand-some-in-place-ops-refused")
@pytest.mark.parametrize(
    "operation",
    [
        lambda g: g.add_(1),
        lambda g: g.mul_(2),
        lambda g: g.copy_(torch.ones(3, 4)),
        lambda g: g.__setitem__(slice(None), 5.0),  # grid[:] = 5
        lambda g: g.__setitem__((slice(None), 0), 1.0),  # grid[:, 0] = 1: three elements, one cell
        lambda g: g.clamp_(0.5, 1.0),
        lambda g: g.normal_(),
    ],
    ids=["add_", "mul_", "copy_", "grid[:] = 5", "grid[:, 0] = 1", "clamp_", "normal_"],
)
def test_in_place_ops_that_write_a_cell_twice_are_refused(operation):
    row, grid = expanded()
    with pytest.raises(RuntimeError, match=REFUSED):
        operation(grid)
    assert row.tolist() == [0.0, 0.0, 0.0, 0.0]


@pytest.mark.claim("expand-some-in-place-ops-refused")
def test_the_snippet_shows_add_refused(run_snippet):
    grid = run_snippet("memory/expand_shares_elements")["grid"]
    with pytest.raises(RuntimeError, match=REFUSED):
        grid.add_(1)


@pytest.mark.claim("expand-fill-and-zero-not-refused")
def test_fill_and_zero_run_and_write_the_shared_cells(run_snippet):
    ns = run_snippet("memory/expand_shares_elements")
    assert ns["row"].tolist() == [2.0, 2.0, 2.0, 2.0]  # after grid.fill_(2.0)
    row, grid = expanded()
    grid.fill_(3.0)
    assert row.tolist() == [3.0, 3.0, 3.0, 3.0]
    assert grid.tolist() == [[3.0] * 4] * 3
    grid.zero_()
    assert row.tolist() == [0.0, 0.0, 0.0, 0.0]
    assert shares_storage(grid, row)


@pytest.mark.claim("clone-or-repeat-gives-rows-their-own-cells")
def test_clone_gives_each_row_its_own_cells(run_snippet):
    ns = run_snippet("memory/expand_shares_elements")
    own_rows = ns["own_rows"]
    assert not shares_storage(own_rows, ns["row"])
    assert own_rows.stride() == (4, 1)
    assert own_rows[:, 0].tolist() == [5.0, 2.0, 2.0]
    assert ns["row"].tolist() == [2.0, 2.0, 2.0, 2.0]
    own_rows.add_(1)  # counter-case of the refusal: no cell is shared any more


@pytest.mark.claim("clone-or-repeat-gives-rows-their-own-cells")
@pytest.mark.parametrize("repeats", [(3, 1), (1,), (1, 1), (2,)])
def test_repeat_always_copies(repeats):
    row = torch.zeros(4)
    repeated = row.repeat(*repeats)
    assert not shares_storage(repeated, row)  # even repeat(1), which changes nothing
    assert 0 not in repeated.stride()
    repeated.add_(1)
    assert row.tolist() == [0.0, 0.0, 0.0, 0.0]


@pytest.mark.claim("expand-assigning-one-row-is-not-refused")
def test_assigning_one_row_of_an_expanded_tensor_runs_and_changes_every_row():
    row, grid = expanded()
    grid[0] = 7.0  # four elements, four different cells: nothing to refuse
    assert row.tolist() == [7.0, 7.0, 7.0, 7.0]
    assert grid.tolist() == [[7.0] * 4] * 3  # every row is that one row
    grid[1].add_(1)  # an in-place op on one row: refused on the whole grid, not on a row
    assert row.tolist() == [8.0, 8.0, 8.0, 8.0]
    # counter-case: two rows at once write each cell twice, and are refused
    with pytest.raises(RuntimeError, match=REFUSED):
        grid[0:2] = 1.0
    assert row.tolist() == [8.0, 8.0, 8.0, 8.0]


WRITES = [
    lambda g: g.__setitem__(g > -1, 1.0),  # grid[grid > -1] = 1: a mask
    lambda g: g.__setitem__([0, 1], 1.0),  # grid[[0, 1]] = 1: a list of indices
    lambda g: g.masked_fill_(torch.ones(3, 4, dtype=torch.bool), 1.0),
]


@pytest.mark.claim("expand-advanced-assignment-only-warns")
@pytest.mark.parametrize(
    "write",
    WRITES,
    ids=["mask", "index list", "masked_fill_"],
)
def test_advanced_assignment_to_an_expanded_tensor_warns_and_writes_the_shared_cells(write):
    row, grid = expanded()
    with pytest.warns(UserWarning, match="on expanded tensors is deprecated") as warned:
        write(grid)
    deprecated = [w for w in warned if "on expanded tensors is deprecated" in str(w.message)]
    assert len(deprecated) == (2 if write is WRITES[0] else 1)  # a mask: index_put_'s and masked_fill_'s
    assert row.tolist() == [1.0, 1.0, 1.0, 1.0]
    # counter-case: the same region through a slice is refused, and writes nothing
    row, grid = expanded()
    with pytest.raises(RuntimeError, match=REFUSED):
        grid[0:2] = 1.0
    assert row.tolist() == [0.0, 0.0, 0.0, 0.0]
