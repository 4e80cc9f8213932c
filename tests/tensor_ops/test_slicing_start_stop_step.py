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
