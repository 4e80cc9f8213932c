import numpy as np
import pytest
import torch

from tests.conftest import overlaps


@pytest.mark.claim("cpu-of-a-cpu-tensor-is-itself")
def test_cpu_on_a_cpu_tensor_is_the_same_tensor(run_snippet):
    ns = run_snippet("memory/cpu_and_force_numpy_on_cpu")
    cpu_tensor = ns["cpu_tensor"]
    assert cpu_tensor.cpu() is cpu_tensor
    assert overlaps(cpu_tensor.cpu().numpy(), cpu_tensor)
    # counter-case: an explicit copy to the same device is not the same tensor
    assert not overlaps(cpu_tensor.to("cpu", copy=True).numpy(), cpu_tensor)


@pytest.mark.claim("numpy-force-detaches-moves-and-resolves", "numpy-force-copies-only-when-needed")
def test_numpy_force_on_a_cpu_tensor_that_requires_grad_only_detaches(run_snippet):
    ns = run_snippet("memory/cpu_and_force_numpy_on_cpu")
    weights, forced = ns["weights"], ns["forced"]
    assert weights.requires_grad
    # the snippet's forced[0] = 100.0 reached weights: the memory is shared
    assert overlaps(forced, weights)
    assert weights.tolist() == [100.0, 2.0, 3.0]
    assert weights._version == 0  # and autograd did not see the write
    # counter-case: without force=True the same tensor is refused
    with pytest.raises(RuntimeError, match="requires grad"):
        weights.numpy()


@pytest.mark.claim("numpy-force-copies-only-when-needed")
def test_a_write_through_numpy_force_bypasses_autograd():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    loss = (weights * weights).sum()
    weights.numpy(force=True)[0] = 10.0
    loss.backward()  # no error
    assert weights.grad.tolist() == [20.0, 4.0, 6.0]  # not 2 * [1, 2, 3]


@pytest.mark.claim("numpy-force-detaches-moves-and-resolves", "numpy-force-copies-only-when-needed")
def test_numpy_force_resolves_the_conjugate_bit_into_a_copy(run_snippet):
    ns = run_snippet("memory/cpu_and_force_numpy_on_cpu")
    z, z_conj, z_array = ns["z"], ns["z_conj"], ns["z_array"]
    assert z_conj.is_conj()
    with pytest.raises(RuntimeError, match="conjugate bit set"):
        z_conj.numpy()
    assert z_array.tolist() == [1 - 2j, 3 + 1j]
    assert not np.shares_memory(z_array, z.numpy())
    z_array[0] = 0
    assert z.tolist() == [1 + 2j, 3 - 1j]


@pytest.mark.claim("numpy-force-detaches-moves-and-resolves", "numpy-force-copies-only-when-needed")
def test_numpy_force_resolves_the_negative_bit_into_a_copy():
    z = torch.tensor([1 + 2j, 3 - 1j])
    negated = z.conj().imag
    assert negated.is_neg()
    with pytest.raises(RuntimeError, match="negative bit set"):
        negated.numpy()
    array = negated.numpy(force=True)
    assert array.tolist() == [-2.0, 1.0]
    assert not np.shares_memory(array, z.numpy())


@pytest.mark.claim("numpy-force-detaches-moves-and-resolves", "numpy-force-copies-only-when-needed")
def test_numpy_force_matches_the_long_form_and_shares_for_a_plain_cpu_tensor():
    tensor = torch.arange(6.0).reshape(2, 3).t()  # non-contiguous, no bits, no grad
    forced = tensor.numpy(force=True)
    long_form = tensor.detach().cpu().resolve_conj().resolve_neg().numpy()
    assert np.array_equal(forced, long_form)
    assert forced.ctypes.data == tensor.data_ptr()
    assert np.shares_memory(forced, long_form)


@pytest.mark.claim("numpy-force-keeps-the-dtype")
def test_numpy_force_does_not_change_the_dtype():
    with pytest.raises(TypeError, match="Got unsupported ScalarType BFloat16"):
        torch.ones(2, dtype=torch.bfloat16).numpy(force=True)
    # counter-case: float16 has a NumPy counterpart and converts, shared
    half = torch.ones(2, dtype=torch.float16, requires_grad=True)
    array = half.numpy(force=True)
    assert array.dtype == np.float16
    assert array.ctypes.data == half.data_ptr()
