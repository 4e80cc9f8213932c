import numpy as np
import pytest
import torch

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("tensor-slice-step-must-be-positive")
def test_a_negative_step_raises_value_error(run_snippet):
    ns = run_snippet("tensor_ops/negative_step_raises")
    y_1d = ns["y_1d"]
    for index in (slice(None, None, -1), slice(None, None, -2), slice(8, 2, -1), slice(2, 8, -3)):
        with pytest.raises(ValueError, match=r"^step must be greater than zero$"):
            y_1d[index]
    with pytest.raises(ValueError, match=r"^step must be greater than zero$"):
        torch.arange(12).view(3, 4)[:, ::-1]


@pytest.mark.claim("tensor-slice-step-must-be-positive")
def test_a_zero_step_raises_value_error_too(run_snippet):
    y_1d = run_snippet("tensor_ops/negative_step_raises")["y_1d"]
    with pytest.raises(ValueError, match="step cannot be zero"):
        y_1d[::0]


@pytest.mark.claim("tensor-slice-step-must-be-positive")
def test_counter_case_lists_and_numpy_reverse_with_a_negative_step(run_snippet):
    ns = run_snippet("tensor_ops/negative_step_raises")
    expected = list(range(9, -1, -1))
    assert list(range(10))[::-1] == expected
    assert np.arange(10)[::-1].tolist() == expected
    assert ns["y_1d"][::1].tolist() == list(range(10))  # a positive step is fine


@pytest.mark.claim("torch-flip-returns-a-copy")
def test_flip_reverses_into_a_copy(run_snippet):
    ns = run_snippet("tensor_ops/negative_step_raises")
    y_1d, reversed_1d = ns["y_1d"], ns["reversed_1d"]
    assert reversed_1d.tolist() == list(range(9, -1, -1))
    assert not shares_storage(reversed_1d, y_1d)
    assert not overlaps(reversed_1d, y_1d)
    reversed_1d[0] = -9
    assert y_1d[9].item() == 9
    # the method and 2-D flips copy as well
    matrix = torch.arange(12).view(3, 4)
    assert not shares_storage(y_1d.flip(0), y_1d)
    assert not shares_storage(torch.flip(matrix, dims=[0, 1]), matrix)


@pytest.mark.claim("torch-flip-returns-a-copy")
def test_counter_case_np_flip_returns_a_view():
    array = np.arange(10)
    flipped = np.flip(array)
    assert flipped.tolist() == list(range(9, -1, -1))
    assert np.shares_memory(flipped, array)
    assert flipped.base is array
    flipped[0] = -9
    assert array[9] == -9
