import numpy as np
import pytest
import torch

from tests.conftest import overlaps


@pytest.mark.claim("numpy-method-shares-memory")
def test_numpy_of_cpu_tensor_shares_both_ways(run_snippet):
    ns = run_snippet("memory/numpy_method_shares_memory")
    tensor, array = ns["cpu_tensor"], ns["numpy_array_converted"]
    assert tensor.device.type == "cpu"
    assert overlaps(tensor, array)
    assert tensor.data_ptr() == array.ctypes.data
    expected = [[10.0, 25.0], [35.0, 40.0]]
    assert tensor.tolist() == expected
    assert array.tolist() == expected
    assert str(array.dtype) == "float32"


@pytest.mark.claim("numpy-method-shares-memory")
@pytest.mark.parametrize(
    ("dtype", "numpy_dtype"),
    [
        (torch.float16, np.float16),
        (torch.float64, np.float64),
        (torch.int32, np.int32),
        (torch.bool, np.bool_),
    ],
)
def test_the_array_has_the_tensors_dtype(dtype, numpy_dtype):
    tensor = torch.zeros(3, dtype=dtype)
    array = tensor.numpy()
    assert array.dtype == numpy_dtype
    assert array.ctypes.data == tensor.data_ptr()


@pytest.mark.claim("numpy-method-shares-memory", "numpy-method-never-copies")
def test_counter_case_numpy_of_a_clone_does_not_share():
    tensor = torch.arange(3.0)
    copy = tensor.clone().numpy()
    assert not np.shares_memory(copy, tensor.numpy())


@pytest.mark.claim("numpy-method-never-copies")
@pytest.mark.parametrize(
    "make",
    [
        lambda t: t,
        lambda t: t[1],  # a row, at an offset
        lambda t: t[:, 1],  # a column: non-contiguous
        lambda t: t.t(),  # a transpose: non-contiguous
        lambda t: t[::2, ::2],  # a step
        lambda t: t[0, 0],  # a 0-d tensor
    ],
    ids=["whole", "row", "column", "transpose", "step", "0-d"],
)
def test_numpy_shares_whatever_the_layout(make):
    base = torch.arange(12.0).reshape(3, 4)
    tensor = make(base)
    array = tensor.numpy()
    assert np.shares_memory(array, base.numpy())
    assert array.ctypes.data == tensor.data_ptr()
    assert tuple(s // array.itemsize for s in array.strides) == tensor.stride()


@pytest.mark.claim("numpy-refuses-a-dtype-numpy-lacks")
def test_a_dtype_numpy_lacks_is_refused():
    with pytest.raises(TypeError, match="Got unsupported ScalarType BFloat16"):
        torch.ones(2, dtype=torch.bfloat16).numpy()


@pytest.mark.claim("numpy-refuses-conj-and-neg-bits")
def test_the_conjugate_and_negative_bits_are_refused():
    z = torch.tensor([1 + 2j, 3 - 1j])
    z_conj = z.conj()
    assert z_conj.is_conj()
    with pytest.raises(RuntimeError, match=r"Can't call numpy\(\) on Tensor that has conjugate bit set"):
        z_conj.numpy()
    negated = z.conj().imag  # the imaginary part of a lazy conjugate: the negative bit
    assert negated.is_neg()
    with pytest.raises(RuntimeError, match=r"Can't call numpy\(\) on Tensor that has negative bit set"):
        negated.numpy()
    # counter-case: once resolved, the tensors are ordinary and share with their arrays
    resolved = z_conj.resolve_conj()
    assert not resolved.is_conj()
    assert resolved.numpy().ctypes.data == resolved.data_ptr()
    assert resolved.numpy().tolist() == [1 - 2j, 3 + 1j]
    # and on a real tensor, conj() is a no-op: no bit is set, .numpy() shares
    real = torch.arange(3.0)
    assert not real.conj().is_conj()
    assert np.shares_memory(real.conj().numpy(), real.numpy())
