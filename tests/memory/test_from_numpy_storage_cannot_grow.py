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
