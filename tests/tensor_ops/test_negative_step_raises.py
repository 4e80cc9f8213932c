import numpy as np
import pytest

from tests.conftest import shares_storage


def test_negative_step_raises_value_error(run_snippet):
    ns = run_snippet("tensor_ops/negative_step_raises")
    with pytest.raises(ValueError, match="step must be greater than zero"):
        ns["y_1d"][::-1]


def test_counter_case_numpy_accepts_a_negative_step(run_snippet):
    ns = run_snippet("tensor_ops/negative_step_raises")
    assert np.arange(10)[::-1].tolist() == ns["reversed_1d"].tolist()


def test_flip_reverses_and_copies(run_snippet):
    ns = run_snippet("tensor_ops/negative_step_raises")
    assert ns["reversed_1d"].tolist() == list(range(9, -1, -1))
    assert not shares_storage(ns["reversed_1d"], ns["y_1d"])
