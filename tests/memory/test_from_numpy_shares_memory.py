import numpy as np
import torch

from tests.conftest import overlaps


def test_from_numpy_shares_both_ways(run_snippet):
    ns = run_snippet("memory/from_numpy_shares_memory")
    array, tensor = ns["numpy_array"], ns["pytorch_tensor"]
    assert overlaps(tensor, array)
    assert tensor.dtype == torch.float32
    # both edits, one made on each side, are visible on both sides
    expected = [[99.0, 2.0], [3.0, -1.0]]
    assert array.tolist() == expected
    assert tensor.tolist() == expected


def test_counter_case_torch_tensor_of_the_same_array_does_not_share(run_snippet):
    ns = run_snippet("memory/from_numpy_shares_memory")
    array = ns["numpy_array"]
    copy = torch.tensor(array)
    assert not overlaps(copy, array)
    assert np.array_equal(copy.numpy(), array)
