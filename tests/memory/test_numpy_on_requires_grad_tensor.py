import pytest

from tests.conftest import overlaps


def test_numpy_refuses_a_tensor_that_requires_grad(run_snippet):
    ns = run_snippet("memory/numpy_on_requires_grad_tensor")
    weights = ns["weights"]
    assert weights.requires_grad
    with pytest.raises(RuntimeError, match=r"Can't call numpy\(\) on Tensor that requires grad"):
        weights.numpy()


def test_detach_numpy_still_shares_memory(run_snippet):
    ns = run_snippet("memory/numpy_on_requires_grad_tensor")
    weights, as_array = ns["weights"], ns["as_array"]
    assert overlaps(weights, as_array)
    as_array[0] = 42.0
    assert weights[0].item() == 42.0
