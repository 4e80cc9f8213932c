"""The GPU-only example: shown on the site, not executed there. Checked here when a GPU is present."""

import numpy as np
import pytest
import torch

pytestmark = pytest.mark.cuda

requires_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


@requires_cuda
def test_numpy_on_gpu_tensor_raises_type_error_and_cpu_copies(run_snippet):
    ns = run_snippet("memory/numpy_on_gpu_tensor")
    gpu_tensor, host_array = ns["gpu_tensor"], ns["host_array"]
    assert gpu_tensor.device.type == "cuda"
    with pytest.raises(TypeError, match=r"can't convert cuda.*Use Tensor\.cpu\(\)"):
        gpu_tensor.numpy()
    assert isinstance(host_array, np.ndarray)
    assert host_array.tolist() == [1.0, 2.0, 3.0]
    # .cpu() made a copy: changing it leaves the GPU tensor alone
    host_array[0] = 99.0
    assert gpu_tensor[0].item() == 1.0


def test_snippet_fails_loudly_without_a_gpu_rather_than_inventing_output(run_snippet):
    if torch.cuda.is_available():
        pytest.skip("a GPU is present: the test above runs the snippet for real")
    with pytest.raises((RuntimeError, AssertionError), match=r"(?i)cuda|nvidia"):
        run_snippet("memory/numpy_on_gpu_tensor")
