import itertools
import math

import numpy as np
import pytest
import torch

from tests.conftest import overlaps, shares_storage


def row_major_strides(shape):
    """The strides a contiguous tensor of this shape has: each one the product of the later sizes."""
    return tuple(math.prod(shape[i + 1 :]) for i in range(len(shape)))


def all_slices(n):
    """Every start:stop:step slice of a dimension of size n (positive step), non-empty results only."""
    return [
        slice(start, stop, step)
        for start in range(n)
        for stop in range(start + 1, n + 1)
        for step in range(1, n + 1)
    ]


def all_slices_with_empty(n):
    """Every start:stop:step slice of a dimension of size n (positive step), empty results included."""
    return [
        slice(start, stop, step)
        for start in range(n + 1)
        for stop in range(n + 1)
        for step in range(1, n + 1)
    ]


def runs(shape, stride):
    """The element counts of the runs of dimensions that follow each other in memory, left to right.

    Dimensions of size 1 are dropped first: they are never stepped over.
    """
    dims = [(size, st) for size, st in zip(shape, stride, strict=True) if size != 1]
    counts = []
    for i, (size, st) in enumerate(dims):
        if i and dims[i - 1][1] == st * size:
            counts[-1] *= size  # follows the previous dimension in memory: the same run
        else:
            counts.append(size)
    return counts


def fits_the_runs(new_shape, run_counts):
    """True when the new shape splits into consecutive groups, one per run, of the run's size."""
    sizes = [size for size in new_shape if size != 1]
    for count in run_counts:
        product = 1
        while product < count and sizes:
            product *= sizes.pop(0)
        if product != count:
            return False
    return not sizes


def shapes_of(numel, most=4):
    """Every shape with up to `most` dimensions of sizes > 1 whose product is numel."""
    found = {()} if numel == 1 else set()
    for size in range(2, numel + 1):
        if numel % size == 0 and most > 0:
            found |= {(size, *rest) for rest in shapes_of(numel // size, most - 1)}
    return found


# --- what contiguous means ---------------------------------------------------------------------------


@pytest.mark.claim("contiguous-means-row-major-no-gaps", "contiguous-strides-are-products-of-later-sizes")
def test_contiguous_means_row_major_strides(run_snippet):
    matrix = run_snippet("memory/view_needs_compatible_strides")["matrix"]
    assert matrix.stride() == (4, 1) == row_major_strides((3, 4))
    assert matrix.is_contiguous()
    # every slice of a 3x4 and a 2x3x4 tensor: contiguous exactly when its strides are row-major
    # (a dimension of size 1 is never stepped over, so its stride does not count)
    for base in (matrix, torch.arange(24).view(2, 3, 4)):
        for index in itertools.product(*(all_slices(n) for n in base.shape)):
            part = base[index]
            wanted = row_major_strides(part.shape)
            expected = all(
                size == 1 or stride == want
                for size, stride, want in zip(part.shape, part.stride(), wanted, strict=True)
            )
            assert part.is_contiguous() == expected, index


@pytest.mark.claim("no-elements-counts-as-contiguous")
def test_counter_case_a_tensor_with_no_elements_is_contiguous_whatever_its_strides(run_snippet):
    matrix = run_snippet("memory/view_needs_compatible_strides")["matrix"]
    empty = matrix[:, 0:0]
    assert empty.shape == (3, 0)
    assert empty.stride() == (4, 1) != row_major_strides((3, 0))  # (0, 1) would be row-major
    assert empty.is_contiguous()
    for shape, strides in [((2, 0, 3), (1, 100, 7)), ((0, 4), (1, 0)), ((5, 0), (3, 5))]:
        weird = torch.empty_strided(shape, strides)
        assert weird.numel() == 0
        assert weird.is_contiguous(), (shape, strides)
    # the same strides with elements in it are not contiguous
    assert not torch.empty_strided((2, 1, 3), (1, 100, 7)).is_contiguous()


@pytest.mark.claim("contiguous-means-row-major-no-gaps")
def test_counter_case_no_gaps_is_not_enough_the_order_counts(run_snippet):
    transposed = run_snippet("memory/view_needs_compatible_strides")["transposed"]
    # the transposed matrix covers its storage without a gap, but column by column
    assert transposed.untyped_storage().nbytes() == transposed.numel() * transposed.element_size()
    assert transposed.stride() == (1, 4) != row_major_strides((4, 3))
    assert not transposed.is_contiguous()


@pytest.mark.claim("size-one-stride-does-not-count")
def test_the_stride_of_a_size_one_dimension_does_not_decide_contiguity(run_snippet):
    matrix = run_snippet("memory/view_needs_compatible_strides")["matrix"]
    row = torch.arange(3).view(3, 1).t()  # the page's example
    assert row.shape == (1, 3)
    assert row.stride() == (1, 1) != row_major_strides((1, 3))  # (3, 1) would be row-major
    assert row.is_contiguous()
    assert torch.empty_strided((1, 3), (100, 1)).is_contiguous()
    # counter-case: the same kind of strides on dimensions of size 2 or more leave a gap or the wrong order
    assert not torch.empty_strided((2, 3), (1, 1)).is_contiguous()
    assert not matrix[:, 1:3].t().is_contiguous()


@pytest.mark.claim("factory-tensors-are-contiguous")
def test_new_tensors_are_contiguous():
    made = [
        torch.tensor([[1, 2, 3], [4, 5, 6]]),
        torch.zeros(2, 3, 4),
        torch.ones(2, 3),
        torch.empty(3, 4),
        torch.full((2, 5), 7),
        torch.arange(12),
        torch.linspace(0, 1, 5),
        torch.eye(3),
        torch.rand(2, 3, 4, 5),
        torch.randn(4, 2),
    ]
    for tensor in made:
        assert tensor.is_contiguous(), tensor.shape


@pytest.mark.claim("factory-tensors-are-contiguous")
def test_counter_case_another_memory_layout_asked_for_explicitly():
    channels_last = torch.empty(2, 3, 4, 5, memory_format=torch.channels_last)
    assert not channels_last.is_contiguous()
    assert channels_last.is_contiguous(memory_format=torch.channels_last)
    assert not torch.empty_strided((2, 3), (1, 2)).is_contiguous()


@pytest.mark.claim("like-functions-and-numpy-keep-layout")
def test_like_functions_keep_the_order_of_the_dimensions_in_memory(run_snippet):
    matrix = run_snippet("memory/view_needs_compatible_strides")["matrix"].float()
    assert not torch.zeros_like(torch.ones(3, 4).t()).is_contiguous()  # the page's example
    like = torch.zeros_like(matrix.t())
    assert like.stride() == (1, 4)
    assert not like.is_contiguous()
    assert not shares_storage(like, matrix)
    # counter-cases: asked for explicitly, or from an input whose dimensions are in row-major order
    assert torch.zeros_like(matrix.t(), memory_format=torch.contiguous_format).is_contiguous()
    assert torch.zeros_like(matrix[:, ::2]).is_contiguous()  # gaps are not kept, only the order


@pytest.mark.claim("like-functions-and-numpy-keep-layout")
def test_torch_tensor_keeps_the_order_of_a_transposed_numpy_array():
    column_major = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    transposed = np.arange(12.0).reshape(3, 4).T
    for array, strides in [(column_major, (1, 2)), (transposed, (1, 4))]:
        tensor = torch.tensor(array)
        assert not overlaps(tensor, array)  # a copy ...
        assert tensor.stride() == strides  # ... in the array's order
        assert not tensor.is_contiguous()
    # counter-case: a row-major array (even one with gaps) gives a contiguous tensor
    assert torch.tensor(np.arange(12.0).reshape(3, 4)[:, ::2]).is_contiguous()


@pytest.mark.claim("transposed-matrix-is-not-contiguous")
def test_t_swaps_sizes_and_strides_only(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    matrix, transposed = ns["matrix"], ns["transposed"]
    assert transposed.shape == (4, 3)
    assert transposed.stride() == (1, 4)
    assert transposed.storage_offset() == matrix.storage_offset()
    assert shares_storage(transposed, matrix)
    assert not transposed.is_contiguous()


@pytest.mark.claim("transposed-matrix-is-not-contiguous")
def test_counter_case_transposing_a_single_row_or_column_stays_contiguous():
    assert torch.arange(4).view(1, 4).t().is_contiguous()
    assert torch.arange(4).view(4, 1).t().is_contiguous()
    assert not torch.arange(4).view(2, 2).t().is_contiguous()
    for rows in range(2, 5):
        for cols in range(2, 5):
            assert not torch.ones(rows, cols).t().is_contiguous(), (rows, cols)


@pytest.mark.claim("transposing-a-column-major-matrix-is-contiguous")
def test_counter_case_transposing_a_column_major_matrix_gives_a_contiguous_one():
    column_major = torch.ones(3, 4).t()
    assert column_major.stride() == (1, 4)
    assert not column_major.is_contiguous()
    back = column_major.t()  # the page's example, torch.ones(3, 4).t().t()
    assert back.is_contiguous()
    assert shares_storage(back, column_major)
    from_fortran = torch.tensor(np.asfortranarray(np.ones((3, 4))))
    assert not from_fortran.is_contiguous()
    assert from_fortran.t().is_contiguous()


# --- which slices stay contiguous --------------------------------------------------------------------


@pytest.mark.claim("whole-row-slices-stay-contiguous")
def test_whole_row_slices_are_contiguous(run_snippet):
    matrix = run_snippet("memory/view_needs_compatible_strides")["matrix"]
    for rows in all_slices(3):
        if rows.step == 1:
            assert matrix[rows].is_contiguous(), rows
            assert matrix[rows, :].is_contiguous(), rows
    assert matrix[0:2].stride() == matrix.stride()
    # also on more dimensions: narrowing only the first keeps every later dimension whole
    assert torch.arange(24).view(2, 3, 4)[1:].is_contiguous()


@pytest.mark.claim("whole-row-slices-stay-contiguous", "column-and-step-slices-are-not-contiguous")
def test_counter_case_a_row_slice_with_a_step_is_not_contiguous(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    assert ns["matrix"][0:2].is_contiguous()
    assert not ns["every_other_row"].is_contiguous()
    assert ns["every_other_row"].stride() == (8, 1)


@pytest.mark.claim("column-and-step-slices-are-not-contiguous")
def test_column_slices_are_not_contiguous(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    matrix, first_two_columns = ns["matrix"], ns["first_two_columns"]
    assert first_two_columns.equal(matrix[:, 0:2])
    assert not first_two_columns.is_contiguous()
    assert not matrix[0:2, 1:3].is_contiguous()
    # the slices page's own example, x_2d[0:2, 1:3]
    sub_tensor = run_snippet("memory/slice_shares_storage")["sub_tensor"]
    assert not sub_tensor.is_contiguous()
    # every slice that keeps some but not all columns, of more than one row, is non-contiguous
    for rows in all_slices(3):
        for cols in all_slices(4):
            part = matrix[rows, cols]
            if part.shape[0] > 1 and part.shape[1] < 4:
                assert not part.is_contiguous(), (rows, cols)
    # an inner dimension of a 3-D tensor likewise
    assert not torch.arange(24).view(2, 3, 4)[:, 0:2].is_contiguous()


@pytest.mark.claim("column-and-step-slices-are-not-contiguous")
def test_step_slices_are_not_contiguous(run_snippet):
    matrix = run_snippet("memory/view_needs_compatible_strides")["matrix"]
    assert not matrix[::2].is_contiguous()
    assert not matrix[:, ::2].is_contiguous()
    assert not matrix[0:1, ::2].is_contiguous()  # a gap inside a row: one row does not help
    assert not torch.arange(10)[::2].is_contiguous()


@pytest.mark.claim("one-row-of-adjacent-elements-is-contiguous")
def test_counter_case_a_single_row_has_no_gap_between_rows(run_snippet):
    matrix = run_snippet("memory/view_needs_compatible_strides")["matrix"]
    assert matrix[0:1, 1:3].is_contiguous()
    assert matrix[1:2, 0:2].is_contiguous()
    assert matrix[0:3:3].is_contiguous()  # a step that leaves one row
    single = matrix[0:1, ::4]  # a step inside the row, but one element is left
    assert single.shape == (1, 1)
    assert single.is_contiguous()


@pytest.mark.claim("empty-slice-is-contiguous")
def test_counter_case_a_slice_with_no_elements_counts_as_contiguous(run_snippet):
    matrix = run_snippet("memory/view_needs_compatible_strides")["matrix"]
    for empty in (matrix[:, 2:2], matrix[0:0, ::2], matrix[2:1, 1:3], matrix[::2, 3:1]):
        assert empty.numel() == 0
        assert empty.is_contiguous()


@pytest.mark.claim(
    "column-and-step-slices-are-not-contiguous",
    "one-row-of-adjacent-elements-is-contiguous",
    "empty-slice-is-contiguous",
)
def test_the_exceptions_are_exactly_one_row_of_adjacent_elements_or_no_elements(run_snippet):
    matrix = run_snippet("memory/view_needs_compatible_strides")["matrix"]
    for rows in all_slices_with_empty(3):
        for cols in all_slices_with_empty(4):
            part = matrix[rows, cols]
            some_columns = part.shape[1] < 4
            a_step = rows.step > 1 or cols.step > 1
            if not (some_columns or a_step):
                continue
            no_gap_left = part.numel() == 0 or (part.shape[0] == 1 and (part.shape[1] == 1 or cols.step == 1))
            assert part.is_contiguous() == no_gap_left, (rows, cols)


# --- what view() needs ---------------------------------------------------------------------------------


@pytest.mark.claim("view-needs-compatible-strides")
def test_view_works_on_a_non_contiguous_tensor_with_compatible_strides(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    rows, split = ns["every_other_row"], ns["split_rows"]
    assert not rows.is_contiguous()
    assert split.shape == (2, 2, 2)
    assert shares_storage(split, ns["matrix"])
    assert split.tolist() == [[[0, 1], [2, 3]], [[8, 9], [10, 11]]]
    # the column slice as well: splitting a dimension is always possible
    columns = ns["first_two_columns"]
    assert shares_storage(columns.view(3, 1, 2), ns["matrix"])


@pytest.mark.claim("view-across-a-gap-raises", "view-needs-compatible-strides")
def test_counter_case_merging_dimensions_across_a_gap_raises(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    for part in (ns["every_other_row"], ns["first_two_columns"]):
        with pytest.raises(RuntimeError, match="view size is not compatible with input tensor's size"):
            part.view(-1)
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        ns["every_other_row"].view(4, 2)  # merges part of row 0 with part of row 1
    # a dimension of size 1 does not count: one column of matrix flattens although 4 != 1 * 1
    column = ns["matrix"][:, 1:2]
    assert column.stride() == (4, 1)
    assert shares_storage(column.view(3), ns["matrix"])


@pytest.mark.claim("view-needs-compatible-strides")
def test_merging_two_dimensions_works_exactly_when_they_follow_each_other_in_memory(run_snippet):
    matrix = run_snippet("memory/view_needs_compatible_strides")["matrix"]
    base = torch.arange(60).view(5, 12)
    candidates = [matrix, matrix.t(), base[::2, 1:10:3], base[:, ::2], base[1:4], base[:, 2:8].t()]
    for tensor in candidates:
        (rows, cols), (row_stride, col_stride) = tensor.shape, tensor.stride()
        assert rows > 1
        assert cols > 1
        chained = row_stride == col_stride * cols
        try:
            flat = tensor.view(rows * cols)
        except RuntimeError:
            assert not chained, tensor.stride()
        else:
            assert chained, tensor.stride()
            assert flat.equal(tensor.reshape(-1))
        # splitting one dimension never needs a copy
        assert shares_storage(tensor.view(rows, 1, cols), tensor)


@pytest.mark.claim("view-merges-and-splits-within-a-run")
def test_merge_then_split_within_a_run_works(run_snippet):
    y = run_snippet("memory/view_shares_storage")["y"]
    assert y.view(2, 6).tolist() == [list(range(6)), list(range(6, 12))]  # the page's y.view(2, 6)
    # not contiguous, but two runs: (2,) and (2, 6), the second one 12 elements long
    c = torch.arange(48).view(4, 2, 6)[::2]
    assert c.stride() == (24, 6, 1)
    assert not c.is_contiguous()
    assert runs(c.shape, c.stride()) == [2, 12]
    for shape in [(2, 3, 4), (2, 4, 3), (2, 12), (2, 2, 3, 2), (1, 2, 1, 12)]:
        merged_and_split = c.view(shape)
        assert shares_storage(merged_and_split, c), shape
        assert merged_and_split.equal(c.reshape(shape)), shape


@pytest.mark.claim("view-across-a-gap-raises")
def test_counter_case_a_new_dimension_spanning_two_runs_raises(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    c = torch.arange(48).view(4, 2, 6)[::2]
    for shape in [(24,), (4, 6), (6, 4), (3, 8), (12, 2)]:
        with pytest.raises(RuntimeError, match="spans across two contiguous subspaces"):
            c.view(shape)
    rows = ns["every_other_row"]
    assert runs(rows.shape, rows.stride()) == [2, 4]
    for shape in [(8,), (4, 2)]:  # the page's two refused shapes
        with pytest.raises(RuntimeError, match="spans across two contiguous subspaces"):
            rows.view(shape)


@pytest.mark.claim("view-needs-compatible-strides")
def test_view_works_exactly_when_the_new_shape_keeps_to_the_runs(run_snippet):
    matrix = run_snippet("memory/view_needs_compatible_strides")["matrix"]
    base = torch.arange(96).view(2, 3, 4, 4)
    candidates = [
        matrix,
        matrix.t(),
        matrix[::2],
        matrix[:, 0:2],
        base,
        base[:, ::2],
        base[:, :, 1:3],
        base[..., ::2],
        base[:, 1:2],
        base.permute(0, 2, 1, 3),
        base.permute(3, 2, 1, 0),
        base.permute(1, 0, 2, 3)[:, :, :2],
        torch.arange(48).view(4, 2, 6)[::2],
    ]
    checked = 0
    for tensor in candidates:
        run_counts = runs(tensor.shape, tensor.stride())
        for shape in shapes_of(tensor.numel()):
            expected = fits_the_runs(shape, run_counts)
            try:
                viewed = tensor.view(shape)
            except RuntimeError:
                assert not expected, (tensor.shape, tensor.stride(), shape)
            else:
                assert expected, (tensor.shape, tensor.stride(), shape)
                assert shares_storage(viewed, tensor)
                assert viewed.equal(tensor.reshape(shape))
                checked += 1
    assert checked > 50


@pytest.mark.claim("view-of-no-elements-takes-any-empty-shape")
def test_counter_case_a_tensor_with_no_elements_can_be_viewed_in_any_empty_shape():
    permuted = torch.arange(96).view(2, 3, 4, 4).permute(3, 0, 2, 1)
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        permuted.view(-1)  # with elements, its dimensions cannot be merged ...
    empty = permuted[:, :, :, 0:0]
    assert empty.shape == (4, 2, 4, 0)
    for shape in [(0,), (0, 32), (32, 0), (4, 0, 8), (2, 2, 0, 2)]:
        assert empty.view(shape).shape == shape  # ... without, every shape with no elements works
    with pytest.raises(RuntimeError, match="invalid for input of size 0"):
        empty.view(2, 3)  # the number of elements must still match


@pytest.mark.claim("view-flatten-transposed-raises")
def test_flattening_a_transposed_tensor_with_view_raises(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    transposed = ns["transposed"]
    assert not transposed.is_contiguous()
    with pytest.raises(RuntimeError, match=r"view size is not compatible.*Use \.reshape\(\.\.\.\) instead"):
        transposed.view(12)


@pytest.mark.claim("view-flatten-transposed-raises")
def test_counter_case_splitting_the_first_dimension_of_a_transposed_tensor_works(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    matrix, transposed = ns["matrix"], ns["transposed"]
    split = transposed.view(2, 2, 3)
    assert shares_storage(split, matrix)
    assert split.reshape(4, 3).equal(transposed)


@pytest.mark.claim("reshape-copies-only-when-view-impossible")
def test_reshape_copies_when_it_must(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    flat, matrix = ns["flat"], ns["matrix"]
    assert flat.tolist() == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]
    assert not shares_storage(flat, matrix)
    assert not overlaps(flat, matrix)


@pytest.mark.claim("reshape-copies-only-when-view-impossible")
def test_counter_case_reshape_returns_a_view_when_the_strides_allow(run_snippet):
    ns = run_snippet("memory/view_needs_compatible_strides")
    matrix = ns["matrix"]
    assert shares_storage(matrix.reshape(12), matrix)
    split = ns["every_other_row"].reshape(2, 2, 2)
    assert shares_storage(split, matrix)
    assert split.equal(ns["split_rows"])
    assert shares_storage(ns["transposed"].reshape(2, 2, 3), matrix)  # no need to copy here either
    assert not shares_storage(ns["every_other_row"].reshape(8), matrix)  # a gap to close: a copy
