import itertools

import pytest
import torch

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("expand-stride-zero-reads-one-cell-many-times")
def test_every_row_of_the_expanded_tensor_reads_the_same_cells(run_snippet):
    ns = run_snippet("memory/expand_gives_stride_zero")
    row, grid = ns["row"], ns["grid"]
    assert grid.stride() == (0, 1)
    assert shares_storage(grid, row)
    assert overlaps(grid, row)
    assert grid.untyped_storage().nbytes() == 4 * 8  # no new memory for the 12 elements
    for i, j in itertools.product(range(3), range(4)):
        assert grid[i, j].data_ptr() == row[j].data_ptr()  # cell offset + i*0 + j*1
    assert torch.equal(grid, torch.as_strided(row, (3, 4), (0, 1)))
    assert not grid.is_contiguous()
    row[0] = 10
    assert grid[:, 0].tolist() == [10, 10, 10]


@pytest.mark.claim("expand-stride-zero-reads-one-cell-many-times", "repeat-gives-every-element-a-cell")
def test_counter_case_repeat_gives_every_element_its_own_cell():
    row = torch.tensor([1, 2, 3, 4])
    repeated = row.repeat(3, 1)
    assert torch.equal(repeated, row.expand(3, 4))
    assert repeated.stride() == (4, 1)
    assert not shares_storage(repeated, row)
    assert repeated.untyped_storage().nbytes() == 12 * 8
    assert len({repeated[i, j].data_ptr() for i in range(3) for j in range(4)}) == 12
