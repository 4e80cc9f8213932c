import warnings

import numpy as np
import pytest
import torch

from tests.conftest import shares_storage


@pytest.mark.claim(
    "legacy-constructor-aliases-a-tensor",
    "legacy-constructor-keeps-dtype-offset-and-grad",
    "legacy-constructor-copies-a-list",
    "legacy-constructor-shares-a-float32-array",
)
def test_torch_Tensor_of_a_tensor_is_a_view_of_it(run_snippet):
    ns = run_snippet("memory/legacy_constructor_aliases")
    t, alias = ns["t"], ns["alias"]
    assert alias is not t
    assert alias._base is t
    assert alias._is_view()
    assert shares_storage(alias, t)
    assert t[0].item() == 100.0
    assert torch.Tensor(ns["integers"]).dtype == torch.int64  # the dtype is kept
    # it keeps an offset, and autograd: the alias of a tensor that requires grad requires grad
    offset = torch.Tensor(t[2:])
    assert offset.storage_offset() == 2
    assert shares_storage(offset, t)
    weights = torch.ones(2, requires_grad=True)
    assert torch.Tensor(weights).requires_grad
    assert torch.Tensor(weights)._base is weights
    # counter-case: from a list, or a NumPy array of another type, torch.Tensor copies, into the default
    # float type ...
    array = np.arange(3)
    from_array = torch.Tensor(array)
    assert from_array.dtype == torch.float32
    assert not np.shares_memory(array, from_array.numpy())
    from_list = torch.Tensor([1, 2, 3])
    assert from_list.dtype == torch.float32
    # ... but an array that already has that type is shared, as torch.from_numpy shares it
    floats = np.arange(3, dtype=np.float32)
    shared = torch.Tensor(floats)
    floats[0] = 100.0
    assert shared[0] == 100.0
    assert np.shares_memory(floats, shared.numpy())
    assert torch.Tensor([1, 2]).dtype == torch.float32


@pytest.mark.claim("torch-tensor-of-a-tensor-copies-and-warns")
def test_torch_tensor_of_a_tensor_copies_with_a_warning(run_snippet):
    ns = run_snippet("memory/legacy_constructor_aliases")
    t, copy, clone = ns["t"], ns["copy"], ns["clone"]
    assert not shares_storage(copy, t)
    assert copy[1].item() == 200.0
    assert t[1].item() == 1.0
    with pytest.warns(UserWarning, match=r"recommended to use sourceTensor\.detach\(\)\.clone\(\)"):
        torch.tensor(t)
    # counter-case: the recommended detach().clone() copies without a warning
    assert not shares_storage(clone, t)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t.detach().clone()


@pytest.mark.claim("legacy-constructor-aliases-a-tensor")
def test_the_alias_of_a_view_has_the_views_base_as_its_base():
    base = torch.arange(4.0)
    view = base[1:]
    alias = torch.Tensor(view)
    assert alias._base is base  # not view: views of views point at the tensor that owns the storage
    assert alias.storage_offset() == 1
    alias[0] = 100.0
    assert view[0] == 100.0  # still a view sharing its storage
    # counter-case: of a tensor that is not a view, the alias's _base is that tensor
    assert torch.Tensor(base)._base is base


@pytest.mark.claim("legacy-constructor-shares-a-float32-array")
def test_torch_Tensor_shares_an_array_of_the_default_dtype_whatever_it_is_set_to():
    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        doubles, floats = np.arange(3.0), np.arange(3.0, dtype=np.float32)
        assert np.shares_memory(doubles, torch.Tensor(doubles).numpy())  # float64 is now the default
        # counter-case: float32 is now another type: converted, so copied
        converted = torch.Tensor(floats)
        assert converted.dtype == torch.float64
        assert not np.shares_memory(floats, converted.numpy())
    finally:
        torch.set_default_dtype(default)


@pytest.mark.claim(
    "legacy-constructor-refuses-what-from-numpy-refuses", "legacy-constructor-refuses-like-from-numpy"
)
@pytest.mark.parametrize(
    ("array", "message"),
    [
        (np.arange(3.0)[::-1], "negative"),
        (np.arange(3, dtype=np.float32)[::-1], "negative"),  # the default type: no conversion to hide it
        (np.arange(3, dtype=">f4"), "byte order"),
    ],
    ids=["float64 reversed", "float32 reversed", "big-endian float32"],
)
def test_torch_Tensor_refuses_what_from_numpy_refuses(array, message):
    with pytest.raises(ValueError, match=message):
        torch.Tensor(array)
    with pytest.raises(ValueError, match=message):
        torch.from_numpy(array)
    # counter-case: a copy of the array with positive strides, in the native order, converts
    assert torch.Tensor(array.astype(array.dtype.newbyteorder("="))).tolist() == array.tolist()
