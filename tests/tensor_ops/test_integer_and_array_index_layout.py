import numpy as np
import pytest
import torch


@pytest.mark.claim(
    "integer-and-array-layout-differs",
    "pytorch-applies-the-integer-index-first",
    "numpy-broadcasts-the-integer-with-the-index-arrays",
    "integer-and-array-layouts-hold-the-same-values",
)
def test_an_integer_and_an_array_apart_lay_out_differently(run_snippet):
    ns = run_snippet("tensor_ops/integer_and_array_index_layout")
    z, array = ns["z"], ns["array"]
    assert z[0, :, [1, 3]].shape == (3, 2)
    assert array[0, :, [1, 3]].shape == (2, 3)
    assert np.array_equal(ns["torch_layout"].T.numpy(), ns["numpy_layout"])
    # PyTorch's result is z[0] indexed by [:, [1, 3]]
    assert torch.equal(z[0, :, [1, 3]], z[0][:, [1, 3]])
    # in four dimensions, and after a leading slice: the same difference
    z4 = torch.arange(120).reshape(2, 3, 4, 5)
    assert z4[:, 1, :, [0, 2]].shape == (2, 4, 2)
    assert z4.numpy()[:, 1, :, [0, 2]].shape == (2, 2, 4)
    assert torch.equal(z4[:, 1, :, [0, 2]], z4[:, 1][:, :, [0, 2]])  # the integer first, then the array


@pytest.mark.claim("integer-and-array-layout-alike")
def test_adjacent_or_all_arrays_lay_out_alike(run_snippet):
    ns = run_snippet("tensor_ops/integer_and_array_index_layout")
    z, array = ns["z"], ns["array"]
    assert z[:, 0, [1, 3]].shape == array[:, 0, [1, 3]].shape == (2, 2)
    assert z[[0], :, [1, 3]].shape == array[[0], :, [1, 3]].shape == (2, 3)
    assert z[[0, 1], :, 2].shape == array[[0, 1], :, 2].shape == (2, 3)  # the array comes first anyway
    assert np.array_equal(z[[0], :, [1, 3]].numpy(), array[[0], :, [1, 3]])
    # counter-case: the integer apart from the array is where they differ
    assert z[0, :, [1, 3]].shape != array[0, :, [1, 3]].shape
