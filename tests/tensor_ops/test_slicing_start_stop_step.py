import pytest
import torch

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("slice-start-inclusive-stop-exclusive")
def test_start_is_included_stop_is_not_step_is_the_gap(run_snippet):
    ns = run_snippet("tensor_ops/slicing_start_stop_step")
    y_1d = ns["y_1d"]
    assert ns["slice5"].tolist() == [1, 3, 5, 7]  # from 1 (included) by 2, up to 8 (excluded)
    assert y_1d[1:7:2].tolist() == [1, 3, 5]
    assert y_1d[2:5].tolist() == [2, 3, 4]
    assert y_1d[3:4].tolist() == [3]
    assert y_1d[3:3].numel() == 0  # start == stop: nothing
    for start in range(10):
        for stop in range(start, 11):
            for step in range(1, 5):
                assert y_1d[start:stop:step].tolist() == list(range(start, stop, step))


@pytest.mark.claim("slice-omitted-parts-defaults")
def test_omitted_start_stop_and_step(run_snippet):
    ns = run_snippet("tensor_ops/slicing_start_stop_step")
    y_1d = ns["y_1d"]
    assert ns["slice4"].tolist() == [0, 2, 4, 6, 8]  # y_1d[::2] == y_1d[0:10:2]
    assert ns["slice4"].equal(y_1d[0:10:2])
    assert y_1d[:4].equal(y_1d[0:4])
    assert y_1d[6:].equal(y_1d[6:10])
    assert y_1d[2:8].equal(y_1d[2:8:1])
    assert y_1d[:].equal(y_1d)
    # along a later dimension the end is that dimension's size
    matrix = torch.arange(12).view(3, 4)
    assert matrix[:, 1:].equal(matrix[:, 1:4])
    assert matrix[1:].equal(matrix[1:3])


@pytest.mark.claim("step-slice-is-a-strided-view")
def test_a_step_slice_is_a_view_with_a_larger_stride(run_snippet):
    ns = run_snippet("tensor_ops/slicing_start_stop_step")
    y_1d, slice4, slice5 = ns["y_1d"], ns["slice4"], ns["slice5"]
    assert y_1d.stride() == (1,)
    assert slice4.stride() == (2,)
    for part in (slice4, slice5):
        assert shares_storage(part, y_1d)
        assert overlaps(part, y_1d)
    assert slice5.storage_offset() == 1
    slice4[1] = -2
    assert y_1d[2].item() == -2
    assert y_1d[1].item() == 1  # the skipped element is left alone
    # and a slice without a step is a view all the same
    plain = y_1d[1:3]
    assert shares_storage(plain, y_1d)
    plain[0] = -1
    assert y_1d[1].item() == -1


@pytest.mark.claim("slice-selects-a-range-along-one-dimension")
def test_slicing_one_dimension_keeps_it_and_leaves_the_others():
    matrix = torch.arange(12).view(3, 4)
    columns = matrix[:, 1:3]
    assert columns.shape == (3, 2)
    assert columns.tolist() == [[1, 2], [5, 6], [9, 10]]
    assert matrix[1:3].shape == (2, 4)
    assert matrix[:, 1:2].shape == (3, 1)  # one element left along the sliced dimension: still there
    assert torch.arange(24).view(2, 3, 4)[:, 0:1].shape == (2, 1, 4)


@pytest.mark.claim("slice-selects-a-range-along-one-dimension")
def test_counter_case_an_integer_index_drops_the_dimension():
    matrix = torch.arange(12).view(3, 4)
    assert matrix[:, 1].shape == (3,)
    assert matrix[:, 1:2].squeeze(1).equal(matrix[:, 1])
    assert matrix[1].shape == (4,)


@pytest.mark.claim("slice-start-inclusive-stop-exclusive")
def test_counter_case_the_element_at_stop_exists_but_is_left_out(run_snippet):
    y_1d = run_snippet("tensor_ops/slicing_start_stop_step")["y_1d"]
    part = y_1d[2:5]
    assert y_1d[5].item() == 5  # a valid element ...
    assert 5 not in part.tolist()  # ... yet not in the slice
    assert part[0].item() == y_1d[2].item()  # start is in it
    # with negative bounds too: -4 is included, -1 is not
    assert y_1d[-4:-1].tolist() == [6, 7, 8]
    # the step counts from start, not from 0
    assert y_1d[1:10:3].tolist() == [1, 4, 7]


@pytest.mark.claim("slice-omitted-parts-defaults")
def test_counter_case_an_omitted_stop_is_not_minus_one(run_snippet):
    y_1d = run_snippet("tensor_ops/slicing_start_stop_step")["y_1d"]
    assert y_1d[2:].tolist() == list(range(2, 10))
    assert y_1d[2:-1].tolist() == list(range(2, 9))  # -1 leaves out the last element
    assert not y_1d[2:].equal(y_1d[2:9])
    assert y_1d[slice(None, None, None)].equal(y_1d[:])  # None is the same as leaving it out
    assert y_1d[::3].tolist() == [0, 3, 6, 9]  # an omitted start is 0 with a step as well


@pytest.mark.claim("slice-bounds-negative-and-clipped")
def test_negative_bounds_count_from_the_end_and_out_of_range_bounds_are_clipped(run_snippet):
    y_1d = run_snippet("tensor_ops/slicing_start_stop_step")["y_1d"]
    assert y_1d[-3:].tolist() == [7, 8, 9]
    assert y_1d[:-7].tolist() == [0, 1, 2]
    assert y_1d[5:100].tolist() == [5, 6, 7, 8, 9]
    assert y_1d[-100:2].tolist() == [0, 1]
    assert y_1d[20:30].numel() == 0
    for empty in (y_1d[4:0], y_1d[-1:-3], y_1d[5:5], y_1d[7:2:2]):
        assert empty.numel() == 0
    assert y_1d[5:-1].tolist() == [5, 6, 7, 8]  # -1 counts from the end: 9, after 5
    values = list(range(10))
    for start in range(-12, 13):
        for stop in range(-12, 13):
            assert y_1d[start:stop].tolist() == values[start:stop], (start, stop)


@pytest.mark.claim("slice-bounds-negative-and-clipped")
def test_counter_case_an_out_of_range_integer_index_raises(run_snippet):
    y_1d = run_snippet("tensor_ops/slicing_start_stop_step")["y_1d"]
    assert y_1d[-1].item() == 9  # negative integer indices count from the end too ...
    with pytest.raises(IndexError, match="index 10 is out of bounds for dimension 0 with size 10"):
        y_1d[10]
    with pytest.raises(IndexError, match="index -11 is out of bounds"):
        y_1d[-11]  # ... but out of range, they raise where a slice bound is clipped
    assert y_1d[10:11].numel() == 0


@pytest.mark.claim("step-slice-is-a-strided-view")
def test_counter_case_the_same_elements_picked_by_an_index_tensor_are_a_copy(run_snippet):
    ns = run_snippet("tensor_ops/slicing_start_stop_step")
    y_1d, slice4 = ns["y_1d"], ns["slice4"]
    picked = y_1d[torch.arange(0, 10, 2)]
    assert picked.equal(slice4)
    assert picked.stride() == (1,)
    assert not shares_storage(picked, y_1d)
    assert not overlaps(picked, y_1d)
    picked[1] = -2
    assert y_1d[2].item() == 2
