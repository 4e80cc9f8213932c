import warnings

import numpy as np
import pytest
import torch

from tests.conftest import overlaps


@pytest.mark.claim("torch-tensor-copies-ndarray")
def test_torch_tensor_copies_while_from_numpy_shares(run_snippet):
    ns = run_snippet("memory/torch_tensor_copies_ndarray")
    source, shared, copied = ns["source"], ns["shared"], ns["copied"]
    assert overlaps(shared, source)
    assert not overlaps(copied, source)
    assert shared.tolist() == [-1.0, 2.0, 3.0]
    assert copied.tolist() == [1.0, 2.0, 3.0]


def _read_only(array):
    array.flags.writeable = False
    return array


@pytest.mark.claim("torch-tensor-copies-ndarray")
@pytest.mark.parametrize(
    "array",
    [
        np.arange(3.0),
        np.arange(3, dtype=np.float32),
        np.arange(3, dtype=np.int64),
        np.array([True, False]),
        np.arange(6.0).reshape(2, 3).T,  # non-contiguous
        np.arange(6.0)[::2],  # a positive step
        _read_only(np.arange(3.0)),
        np.zeros(4, dtype=[("a", "<i4"), ("b", "i1")])["b"],  # a field: stride 5, a multiple of 1 byte
    ],
    ids=["float64", "float32", "int64", "bool", "transposed", "step-2", "read-only", "int8-field"],
)
def test_torch_tensor_always_copies(array):
    copied = torch.tensor(array)
    assert copied.numpy().dtype == array.dtype  # same dtype, and still a copy
    assert not np.shares_memory(copied.numpy(), array)
    # counter-case: from_numpy of the same array shares it (a read-only one with a warning)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        shared = torch.from_numpy(array)
    assert np.shares_memory(shared.numpy(), array)


@pytest.mark.claim(
    "torch-tensor-refuses-negative-strides-and-byte-swaps",
    "array-copy-first-is-accepted",
    "torch-tensor-raises-for-arrays-it-refuses",
)
def test_torch_tensor_refuses_a_negative_stride_like_from_numpy():
    reversed_view = np.arange(4.0)[::-1]
    message = "At least one stride in the given numpy array is negative"
    with pytest.raises(ValueError, match=message):
        torch.tensor(reversed_view)
    with pytest.raises(ValueError, match=message):
        torch.from_numpy(reversed_view)
    # counter-case: .copy() gives positive strides, which both accept
    fixed = reversed_view.copy()
    assert all(s > 0 for s in fixed.strides)
    assert torch.tensor(fixed).tolist() == [3.0, 2.0, 1.0, 0.0]
    assert torch.from_numpy(fixed).tolist() == [3.0, 2.0, 1.0, 0.0]


@pytest.mark.claim("torch-tensor-refuses-negative-strides-and-byte-swaps")
def test_torch_tensor_refuses_a_non_native_byte_order_like_from_numpy():
    array = np.arange(3.0).astype(np.dtype(np.float64).newbyteorder())  # the other byte order
    message = "byte order different from the native byte order"
    with pytest.raises(ValueError, match=message):
        torch.tensor(array)
    with pytest.raises(ValueError, match=message):
        torch.from_numpy(array)
    # counter-case: the same values in the native byte order are accepted
    assert torch.tensor(array.astype(np.float64)).tolist() == [0.0, 1.0, 2.0]


@pytest.mark.claim("torch-tensor-refuses-negative-strides-and-byte-swaps", "array-copy-first-is-accepted")
def test_torch_tensor_refuses_strides_that_are_not_a_multiple_of_the_element_size():
    records = np.zeros(4, dtype=[("a", "<i4"), ("b", "i1")])
    field = records["a"]  # int32 (4 bytes) with stride 5
    message = "strides not a multiple of the element byte size"
    with pytest.raises(ValueError, match=message):
        torch.tensor(field)
    with pytest.raises(ValueError, match=message):
        torch.from_numpy(field)
    # counter-case: the field's .copy() is an ordinary int32 array, which torch.tensor copies
    copy = field.copy()
    copy[0] = 9
    copied = torch.tensor(copy)
    assert copied.dtype == torch.int32
    assert copied.tolist() == [9, 0, 0, 0]
    assert not np.shares_memory(copied.numpy(), copy)


@pytest.mark.claim("torch-tensor-refuses-negative-strides-and-byte-swaps", "torch-tensor-copies-ndarray")
@pytest.mark.parametrize(
    "array",
    [np.array([1, 2], dtype=object), np.array(["ab", "c"])],
    ids=["object", "str"],
)
def test_torch_tensor_refuses_a_dtype_without_a_tensor_counterpart_like_from_numpy(array):
    message = r"can't convert np\.ndarray of type numpy\.(object_|str_)"
    with pytest.raises(TypeError, match=message):
        torch.tensor(array)
    with pytest.raises(TypeError, match=message):
        torch.from_numpy(array)
    # counter-case: the same values in a list of Python objects are accepted (and copied)
    if array.dtype == object:
        assert torch.tensor(array.tolist()).tolist() == [1, 2]
