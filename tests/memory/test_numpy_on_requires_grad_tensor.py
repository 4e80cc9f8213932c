import contextlib

import numpy as np
import pytest
import torch

from tests.conftest import overlaps


@pytest.mark.claim("numpy-refuses-requires-grad")
def test_numpy_refuses_a_tensor_that_requires_grad(run_snippet):
    ns = run_snippet("memory/numpy_on_requires_grad_tensor")
    weights = ns["weights"]
    assert weights.requires_grad
    assert weights.is_leaf
    with pytest.raises(RuntimeError, match=r"Can't call numpy\(\) on Tensor that requires grad"):
        weights.numpy()
    non_leaf = weights * 2
    assert not non_leaf.is_leaf
    with pytest.raises(RuntimeError, match=r"Can't call numpy\(\) on Tensor that requires grad"):
        non_leaf.numpy()


@pytest.mark.claim("numpy-refuses-requires-grad", "numpy-allowed-with-grad-mode-off")
@pytest.mark.parametrize("mode", [torch.no_grad, torch.inference_mode], ids=["no_grad", "inference_mode"])
def test_counter_case_numpy_works_under_no_grad_and_inference_mode(mode):
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with mode():
        array = weights.numpy()
    assert weights.requires_grad
    assert array.ctypes.data == weights.data_ptr()
    array[0] = 5.0
    assert weights[0].item() == 5.0


def _no_grad_then_enable_grad():
    with torch.no_grad(), torch.enable_grad():
        yield


def _inference_mode_then_enable_grad():
    with torch.inference_mode(), torch.enable_grad():
        yield


GRAD_MODES = {
    # name: (a context manager, whether grad mode is on inside it)
    "set_grad_enabled(False)": (lambda: torch.set_grad_enabled(False), False),
    "no_grad": (torch.no_grad, False),
    "inference_mode": (torch.inference_mode, False),
    "no_grad, then enable_grad": (contextlib.contextmanager(_no_grad_then_enable_grad), True),
    "inference_mode, then enable_grad": (contextlib.contextmanager(_inference_mode_then_enable_grad), True),
    "inference_mode(False)": (lambda: torch.inference_mode(False), True),
    "set_grad_enabled(True)": (lambda: torch.set_grad_enabled(True), True),
}


@pytest.mark.claim("numpy-refuses-requires-grad")
@pytest.mark.parametrize("name", list(GRAD_MODES))
def test_grad_mode_not_the_context_manager_decides(name):
    make, grad_mode_on = GRAD_MODES[name]
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with make():
        assert torch.is_grad_enabled() == grad_mode_on
        if grad_mode_on:
            with pytest.raises(RuntimeError, match=r"Can't call numpy\(\) on Tensor that requires grad"):
                weights.numpy()
        else:
            array = weights.numpy()
            assert array.ctypes.data == weights.data_ptr()
    assert torch.is_grad_enabled()  # restored


@pytest.mark.claim("numpy-refuses-requires-grad")
def test_autograd_records_nothing_done_to_the_array():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    array = weights.detach().numpy()
    result = np.exp(array)  # a plain array: no graph, nothing to call backward() on
    assert isinstance(result, np.ndarray)
    assert not hasattr(result, "grad_fn")
    array *= 2  # and a write is not counted
    assert weights._version == 0


@pytest.mark.claim("detach-numpy-shares-memory")
def test_detach_numpy_still_shares_memory(run_snippet):
    ns = run_snippet("memory/numpy_on_requires_grad_tensor")
    weights, as_array = ns["weights"], ns["as_array"]
    assert overlaps(weights, as_array)
    as_array[0] = 42.0
    assert weights[0].item() == 42.0
    assert weights._version == 0  # autograd did not notice


@pytest.mark.claim("detach-numpy-shares-memory")
def test_autograd_does_not_notice_a_write_through_detach_numpy():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    loss = (weights * weights).sum()
    weights.detach().numpy()[0] = 10.0
    loss.backward()  # no error
    assert weights.grad.tolist() == [20.0, 4.0, 6.0]  # uses the new 10.0, not the 1.0 of the forward pass
    # counter-case: detach().clone().numpy() is a copy
    copy = weights.detach().clone().numpy()
    assert not overlaps(weights, copy)
