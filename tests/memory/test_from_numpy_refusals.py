import sys

import numpy as np
import pytest
import torch

from tests.conftest import overlaps


@pytest.mark.claim(
    "from-numpy-refuses-byte-order-and-strides",
    "from-numpy-shares-whole-element-strides",
    "from-numpy-refused-array-converts-after-a-copy",
)
def test_byte_order_negative_strides_and_uneven_strides_raise_value_error(run_snippet):
    ns = run_snippet("memory/from_numpy_refusals")
    candidates = ns["candidates"]
    refusals = {
        "big-endian int32": "byte order different from the native byte order",
        "negative stride": "At least one stride in the given numpy array is negative",
        "field of packed records": "strides not a multiple of the element byte size",
    }
    assert sys.byteorder == "little"  # where ">i4" is not the native byte order
    for name, message in refusals.items():
        with pytest.raises(ValueError, match=message):
            torch.from_numpy(candidates[name])
    assert candidates["field of packed records"].strides == (5,)
    # counter-cases: a non-contiguous array with whole-element strides is shared, and so is each copy
    records = np.zeros(3, dtype=[("id", "i4"), ("score", "f8")])  # 12 bytes per record: 3 int32s
    assert overlaps(records["id"], torch.from_numpy(records["id"]))
    every_other = np.arange(6)[::2]
    assert overlaps(every_other, torch.from_numpy(every_other))
    for name, array in ns["fixed"].items():
        assert overlaps(array, torch.from_numpy(array)), name
        assert not np.shares_memory(array, candidates[name]), name  # it is a copy
    # .copy() keeps the byte order, so for that one it is not the fix
    with pytest.raises(ValueError, match="byte order different from the native byte order"):
        torch.from_numpy(candidates["big-endian int32"].copy())


@pytest.mark.claim("from-numpy-refuses-dtypes-without-a-tensor-type")
def test_dtypes_without_a_tensor_type_raise_type_error(run_snippet):
    ns = run_snippet("memory/from_numpy_refusals")
    supported = "The only supported types are: float64, float32, float16, complex64, complex128"
    unsupported = [
        ns["candidates"]["object"],
        ns["candidates"]["str"],
        ns["candidates"]["datetime64"],
        np.array([b"ab"]),
        np.zeros(2, dtype=[("a", "i4")]),  # a whole structured array
        np.zeros(2, dtype=np.longdouble),
    ]
    for array in unsupported:
        with pytest.raises(TypeError, match=f"can't convert np.ndarray of type .*{supported}"):
            torch.from_numpy(array)
    # counter-case: the types the message lists are shared, however unusual
    for dtype in (np.float16, np.uint16, np.uint64, np.complex64, np.bool_, np.int8):
        array = np.zeros(2, dtype=dtype)
        assert overlaps(array, torch.from_numpy(array)), dtype


@pytest.mark.claim("from-numpy-needs-an-ndarray")
def test_anything_but_an_ndarray_raises_type_error(run_snippet):
    ns = run_snippet("memory/from_numpy_refusals")
    for value in (ns["candidates"]["a list, not an array"], np.float64(1.0), torch.zeros(2)):
        with pytest.raises(TypeError, match=r"expected np\.ndarray \(got "):
            torch.from_numpy(value)
    # counter-case: a 0-dim array is an ndarray, and is shared
    zero_dim = np.array(1.5)
    assert torch.from_numpy(zero_dim).shape == ()
    assert overlaps(zero_dim, torch.from_numpy(zero_dim))
