import numpy as np
import pytest
import torch

from tests.conftest import overlaps


@pytest.mark.claim(
    "from-numpy-storage-cannot-grow",
    "from-numpy-storage-cannot-grow-through-a-view-or-out",
    "from-numpy-tensor-resizes-within-the-array",
    "cloned-tensor-storage-can-grow",
)
def test_the_storage_of_a_tensor_from_from_numpy_cannot_grow(run_snippet):
    ns = run_snippet("memory/from_numpy_storage_cannot_grow")
    array, tensor = ns["array"], ns["tensor"]
    assert tensor.shape == (2, 2)
    assert overlaps(array, tensor)
    for grow in (
        lambda t: t.resize_(5),
        lambda t: t[1:].resize_(4),
        lambda t: t.untyped_storage().resize_(64),
    ):
        with pytest.raises(RuntimeError, match="Trying to resize storage that is not resizable"):
            grow(torch.from_numpy(np.arange(4.0)))
    # an out= tensor that would have to grow is refused the same way (after the usual resize warning)
    out = torch.from_numpy(np.arange(4.0))
    with pytest.warns(UserWarning, match="was resized"), pytest.raises(RuntimeError, match="not resizable"):
        torch.cat([out, out], out=out)
    # counter-case: a tensor with storage of its own grows
    assert ns["grown"].shape == (8,)
    assert torch.zeros(4, dtype=torch.float64).resize_(8).shape == (8,)
    # and shrinking, then growing back up to the array's size, works
    again = torch.from_numpy(np.arange(4.0))
    assert again.resize_(2).resize_(4).shape == (4,)


@pytest.mark.claim("numpy-export-stops-the-storage-growing")
def test_once_numpy_is_called_the_tensors_storage_cannot_grow():
    import gc

    for export in (torch.Tensor.numpy, np.asarray):
        tensor = torch.zeros(2)
        array = export(tensor)
        del array
        gc.collect()  # the array is gone; the storage stays as it was made then
        assert not tensor.untyped_storage().resizable()
        with pytest.raises(RuntimeError, match="Trying to resize storage that is not resizable"):
            tensor.resize_(10)
    # counter-case: a tensor never handed to NumPy grows
    assert torch.zeros(2).untyped_storage().resizable()
    assert torch.zeros(2).resize_(10).shape == (10,)


@pytest.mark.claim("np-from-dlpack-does-not-stop-the-storage-growing")
def test_an_array_from_np_from_dlpack_is_left_behind_when_the_storage_grows():
    tensor = torch.zeros(3)
    array = np.from_dlpack(tensor)
    old = tensor.untyped_storage().data_ptr()
    assert array.ctypes.data == old  # shared at first
    assert tensor.untyped_storage().resizable()
    tensor.resize_(100_000)  # no error: the storage moves to a new address
    assert tensor.untyped_storage().data_ptr() != old
    assert array.ctypes.data == old  # the array still points at the old memory (never read here)
    # counter-case: an array from .numpy() stops the move instead
    pinned = torch.zeros(3)
    pinned.numpy()
    with pytest.raises(RuntimeError, match="not resizable"):
        pinned.resize_(100_000)
