import pytest

from tests.conftest import shares_storage


def test_view_of_a_transposed_tensor_raises(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    transposed = ns["transposed"]
    assert not transposed.is_contiguous()
    with pytest.raises(RuntimeError, match=r"view size is not compatible.*Use \.reshape"):
        transposed.view(12)


def test_reshape_copies_when_it_must(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    flat, matrix = ns["flat"], ns["matrix"]
    assert flat.tolist() == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]
    assert not shares_storage(flat, matrix)
    # counter-case: on a contiguous tensor reshape returns a view
    assert shares_storage(matrix.reshape(12), matrix)


def test_row_slice_stays_contiguous_step_slice_does_not(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    matrix = ns["matrix"]
    assert matrix[0:2].is_contiguous()
    assert not ns["every_other_row"].is_contiguous()


def test_view_works_on_a_non_contiguous_tensor_with_compatible_strides(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    rows, split = ns["every_other_row"], ns["split_rows"]
    assert not rows.is_contiguous()
    assert split.shape == (2, 2, 2)
    assert shares_storage(split, ns["matrix"])
    assert split.tolist() == [[[0, 1], [2, 3]], [[8, 9], [10, 11]]]
