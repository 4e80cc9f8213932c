import numpy as np
import pytest
import torch

from tests.conftest import overlaps


@pytest.mark.claim("dlpack-shares-both-ways")
def test_from_dlpack_shares_memory_both_ways(run_snippet):
    ns = run_snippet("memory/dlpack_shares_with_numpy")
    array, tensor, back = ns["array"], ns["tensor"], ns["back"]
    assert isinstance(tensor, torch.Tensor)
    assert tensor.dtype == torch.float64
    assert isinstance(back, np.ndarray)
    assert back.dtype == np.float64
    assert overlaps(array, tensor)
    assert np.shares_memory(array, back)
    # writes through either one show in all three
    assert array[:2].tolist() == [100.0, 200.0]
    assert tensor[:2].tolist() == [100.0, 200.0]
    array[5] = 7.0
    assert tensor[5].item() == 7.0
    assert back[5] == 7.0
    # counter-case: torch.tensor copies, and so does clone() before .numpy()
    copied, copied_back = torch.tensor(array), tensor.clone().numpy()
    array[5] = 8.0
    assert copied[5].item() == 7.0
    assert copied_back[5] == 7.0
    assert not overlaps(array, copied)
    assert not np.shares_memory(array, copied_back)


@pytest.mark.claim("dlpack-keeps-strides")
def test_a_strided_array_is_shared_with_its_strides(run_snippet):
    ns = run_snippet("memory/dlpack_shares_with_numpy")
    array, every_other = ns["array"], ns["every_other"]
    assert every_other.stride() == (2,)
    assert not every_other.is_contiguous()
    assert overlaps(array, every_other)
    assert array[2] == -1.0
    # and the other way: a transposed tensor is an array with the same (byte) strides
    m = torch.arange(6.0, dtype=torch.float64).reshape(2, 3)
    mt = np.from_dlpack(m.T)
    assert m.T.stride() == (1, 3)
    assert mt.strides == tuple(step * m.element_size() for step in m.T.stride()) == (8, 24)  # in bytes
    assert np.shares_memory(mt, m.numpy())
    # counter-case: a copy of the slice does not share
    assert not overlaps(array, torch.from_dlpack(array[::2].copy()))
