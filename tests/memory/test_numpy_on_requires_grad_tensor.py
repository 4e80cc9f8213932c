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


@pytest.mark.claim("numpy-refuses-requires-grad")
@pytest.mark.parametrize("mode", [torch.no_grad, torch.inference_mode], ids=["no_grad", "inference_mode"])
def test_counter_case_numpy_works_under_no_grad_and_inference_mode(mode):
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with mode():
        array = weights.numpy()
    assert weights.requires_grad
    assert array.ctypes.data == weights.data_ptr()
    array[0] = 5.0
    assert weights[0].item() == 5.0


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
