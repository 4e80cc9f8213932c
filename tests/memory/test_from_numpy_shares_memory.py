import subprocess
import sys
import warnings

import numpy as np
import pytest
import torch

from tests.conftest import (
    READ_ONLY_IN_A_LOOP,
    assert_warn_always_warns_each_call_but_the_filter_shows_one_per_line,
    overlaps,
)


@pytest.mark.claim("from-numpy-shares-memory", "modifying-one-affects-the-other")
def test_from_numpy_shares_both_ways(run_snippet):
    ns = run_snippet("memory/from_numpy_shares_memory")
    array, tensor = ns["numpy_array"], ns["pytorch_tensor"]
    assert overlaps(tensor, array)
    assert tensor.device.type == "cpu"
    assert tensor.dtype == torch.float32
    # both edits, one made on each side, are visible on both sides
    expected = [[99.0, 2.0], [3.0, -1.0]]
    assert array.tolist() == expected
    assert tensor.tolist() == expected


@pytest.mark.claim("from-numpy-shares-memory")
@pytest.mark.parametrize(
    "dtype",
    [
        np.float16,
        np.float32,
        np.float64,
        np.int8,
        np.uint8,
        np.int16,
        np.int32,
        np.int64,
        np.bool_,
        np.complex128,
    ],
)
def test_from_numpy_keeps_the_dtype_and_the_memory(dtype):
    array = np.zeros(3, dtype=dtype)
    tensor = torch.from_numpy(array)
    assert tensor.device.type == "cpu"
    assert tensor.numpy().dtype == array.dtype
    assert tensor.data_ptr() == array.ctypes.data


@pytest.mark.claim("from-numpy-shares-memory")
def test_counter_case_torch_tensor_of_the_same_array_does_not_share(run_snippet):
    ns = run_snippet("memory/from_numpy_shares_memory")
    array = ns["numpy_array"]
    copy = torch.tensor(array)
    assert not overlaps(copy, array)
    assert np.array_equal(copy.numpy(), array)


@pytest.mark.claim("from-numpy-never-copies", "from-numpy-refuses-with-a-value-error")
def test_a_negative_stride_is_refused():
    array = np.arange(4.0)
    with pytest.raises(ValueError, match="At least one stride in the given numpy array is negative"):
        torch.from_numpy(array[::-1])


@pytest.mark.claim("from-numpy-refuses-with-a-value-error")
def test_a_non_native_byte_order_is_refused():
    array = np.arange(4.0).astype(np.dtype(np.float64).newbyteorder())  # the other byte order
    assert not array.dtype.isnative
    with pytest.raises(ValueError, match="byte order different from the native byte order"):
        torch.from_numpy(array)


@pytest.mark.claim("from-numpy-refuses-dtypes-without-a-counterpart")
@pytest.mark.parametrize(
    "array", [np.array([1, "a"], dtype=object), np.array(["ab", "c"])], ids=["object", "str"]
)
def test_a_dtype_without_a_tensor_counterpart_is_refused(array):
    with pytest.raises(TypeError, match=r"can't convert np\.ndarray of type numpy\.(object_|str_)"):
        torch.from_numpy(array)


def structured():
    """Four records of an int32 field "a" and an int8 field "b": 5 bytes each, so every field has stride 5."""
    return np.zeros(4, dtype=[("a", "<i4"), ("b", "i1")])


@pytest.mark.claim("from-numpy-refuses-with-a-value-error")
def test_strides_that_are_not_a_multiple_of_the_element_size_are_refused():
    records = structured()
    field = records["a"]
    assert field.strides == (5,)
    assert field.itemsize == 4  # 5 is not a multiple of 4
    with pytest.raises(ValueError, match="strides not a multiple of the element byte size"):
        torch.from_numpy(field)
    # counter-case: the int8 field has the same stride 5, a multiple of its 1 byte: shared, not copied
    small = records["b"]
    tensor = torch.from_numpy(small)
    assert tensor.stride() == (5,)
    assert tensor.data_ptr() == small.ctypes.data
    tensor[1] = 7
    assert records["b"].tolist() == [0, 7, 0, 0]
    # and a copy of the refused field (contiguous, stride 4) converts
    copy = field.copy()
    assert copy.strides == (4,)
    # and an int32 field of 8-byte records (stride 8, a multiple of 4) is shared as usual
    wide = np.zeros(3, dtype=[("a", "<i4"), ("b", "<i4")])["a"]
    assert wide.strides == (8,)
    assert torch.from_numpy(wide).data_ptr() == wide.ctypes.data
    assert torch.from_numpy(copy).data_ptr() == copy.ctypes.data


@pytest.mark.claim("from-numpy-never-copies", "from-numpy-shares-any-other-array")
def test_counter_case_a_non_contiguous_array_without_negative_strides_is_shared():
    array = np.arange(6.0).reshape(2, 3)
    transposed = array.T
    assert not transposed.flags.c_contiguous
    tensor = torch.from_numpy(transposed)
    assert not tensor.is_contiguous()
    assert tensor.stride() == (1, 3)
    assert np.shares_memory(tensor.numpy(), array)
    tensor[0, 1] = -1.0
    assert array[1, 0] == -1.0
    # a positive step other than 1 is shared too
    assert np.shares_memory(torch.from_numpy(array[:, ::2]).numpy(), array)
    # and so is a zero stride (np.broadcast_to gives a read-only array: hence the warning)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        repeated = torch.from_numpy(np.broadcast_to(array[0], (4, 3)))
    assert repeated.stride() == (0, 1)
    assert repeated.data_ptr() == array.ctypes.data


@pytest.mark.claim("from-numpy-shares-read-only-arrays")
def test_a_read_only_array_is_shared_with_only_a_warning():
    array = np.array([1.0, 2.0, 3.0])
    array.flags.writeable = False
    warn_always = torch.is_warn_always_enabled()
    torch.set_warn_always(True)  # the warning is given once per process otherwise
    try:
        with pytest.warns(UserWarning, match="The given NumPy array is not writable"):
            tensor = torch.from_numpy(array)
    finally:
        torch.set_warn_always(warn_always)
    assert tensor.data_ptr() == array.ctypes.data
    tensor[0] = 100.0  # no error ...
    assert array[0] == 100.0  # ... and the read-only array changed
    with pytest.raises(ValueError, match="read-only"):
        array[0] = 1.0  # NumPy itself still refuses


READ_ONLY_WARNINGS_IN_A_FRESH_PROCESS = """
import sys, warnings
import numpy as np, torch
torch.set_warn_always(sys.argv[1] == "always")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    shared = []
    for _ in range(3):
        array = np.arange(3.0)
        array.flags.writeable = False
        tensor = torch.from_numpy(array)
        shared.append(tensor.data_ptr() == array.ctypes.data)
print(sum("not writable" in str(w.message) for w in caught), all(shared))
"""


def read_only_warnings_in_a_fresh_process(mode: str) -> tuple[int, bool]:
    result = subprocess.run(
        [sys.executable, "-c", READ_ONLY_WARNINGS_IN_A_FRESH_PROCESS, mode],
        capture_output=True,
        text=True,
        check=True,
    )
    count, shared = result.stdout.split()
    return int(count), shared == "True"


@pytest.mark.process
@pytest.mark.claim("read-only-warning-is-given-once-by-default", "read-only-warning-with-warn-always")
def test_only_the_first_read_only_array_of_a_process_gives_the_warning():
    # a fresh interpreter: this test process may have warned already
    assert read_only_warnings_in_a_fresh_process("default") == (1, True)  # three arrays shared, one warning
    # counter-case: it is torch's warn-once that silences the later ones
    assert read_only_warnings_in_a_fresh_process("always") == (3, True)
    # after set_warn_always(True) torch warns on each call; the default filter shows one per line of code
    assert_warn_always_warns_each_call_but_the_filter_shows_one_per_line(
        READ_ONLY_IN_A_LOOP, "The given NumPy array is not writable"
    )


@pytest.mark.claim("from-numpy-shares-read-only-arrays")
def test_counter_case_a_writable_array_gives_no_warning():
    warn_always = torch.is_warn_always_enabled()
    torch.set_warn_always(True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            tensor = torch.from_numpy(np.array([1.0, 2.0, 3.0]))
    finally:
        torch.set_warn_always(warn_always)
    assert tensor.tolist() == [1.0, 2.0, 3.0]
