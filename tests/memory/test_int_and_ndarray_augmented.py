import numpy as np
import pytest
import torch


@pytest.mark.claim("int-augmented-assignment-rebinds")
def test_snippet_int_alias_keeps_the_old_value(run_snippet):
    ns = run_snippet("memory/int_and_ndarray_augmented")
    assert ns["n"] == 2
    assert ns["n_alias"] == 1


@pytest.mark.claim("int-augmented-assignment-rebinds")
def test_int_plus_equals_is_n_equals_n_plus_one():
    n = 1000
    alias = n
    n += 1
    assert n is not alias
    assert alias == 1000
    assert not hasattr(int, "__iadd__")
    # counter-case: a list defines __iadd__ and is changed in place
    items = [1]
    items_alias = items
    items += [2]
    assert items is items_alias
    assert items_alias == [1, 2]


@pytest.mark.claim("ndarray-augmented-assignment-in-place")
def test_snippet_ndarray(run_snippet):
    ns = run_snippet("memory/int_and_ndarray_augmented")
    arr, arr_alias = ns["arr"], ns["arr_alias"]
    assert arr_alias.tolist() == [2, 3, 4]  # arr += 1 reached it
    assert arr.tolist() == [3, 4, 5]
    assert arr is not arr_alias
    assert not np.shares_memory(arr, arr_alias)


@pytest.mark.claim("ndarray-augmented-assignment-in-place")
def test_ndarray_plus_equals_writes_into_the_same_buffer():
    arr = np.array([1, 2, 3])
    alias, pointer = arr, arr.ctypes.data
    arr += 1
    assert arr is alias
    assert arr.ctypes.data == pointer
    assert alias.tolist() == [2, 3, 4]
    arr = arr + 1
    assert arr is not alias
    assert arr.ctypes.data != pointer
    assert alias.tolist() == [2, 3, 4]


@pytest.mark.claim("iadd-decides-in-place")
def test_snippet_iadd(run_snippet):
    run_snippet("memory/int_and_ndarray_augmented")
    assert hasattr(torch.Tensor, "__iadd__")
    assert hasattr(np.ndarray, "__iadd__")
    assert not hasattr(int, "__iadd__")


@pytest.mark.claim("iadd-decides-in-place")
def test_iadd_returns_the_object_itself():
    t = torch.tensor([1, 2])
    assert t.__iadd__(1) is t
    a = np.array([1, 2])
    assert a.__iadd__(1) is a
    # counter-case: int falls back to __add__, which returns a new object
    n = 1000
    assert n.__add__(1) is not n
