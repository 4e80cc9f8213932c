"""The GPU-only example: shown on the site, not executed there. Checked here when a GPU is present."""

import numpy as np
import pytest
import torch

from site_tools import execution

requires_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


@pytest.mark.cuda
@requires_cuda
@pytest.mark.claim("numpy-needs-a-cpu-tensor", "cpu-copies-a-gpu-tensor")
def test_numpy_on_gpu_tensor_raises_type_error_and_cpu_copies(run_snippet):
    ns = run_snippet("memory/numpy_on_gpu_tensor")
    gpu_tensor, host_array = ns["gpu_tensor"], ns["host_array"]
    assert gpu_tensor.device.type == "cuda"
    with pytest.raises(
        TypeError, match=r"can't convert cuda.*Use Tensor\.cpu\(\) to copy the tensor to host memory"
    ):
        gpu_tensor.numpy()
    assert isinstance(host_array, np.ndarray)
    assert host_array.tolist() == [1.0, 2.0, 3.0]
    # .cpu() made a copy: changing it leaves the GPU tensor alone
    host = gpu_tensor.cpu()
    assert host is not gpu_tensor
    assert host.data_ptr() != gpu_tensor.data_ptr()
    host_array[0] = 99.0
    assert gpu_tensor[0].item() == 1.0


@pytest.mark.cuda
@requires_cuda
@pytest.mark.claim("numpy-force-detaches-moves-and-resolves", "numpy-force-copies-only-when-needed")
def test_numpy_force_copies_a_gpu_tensor_that_requires_grad():
    weights = torch.tensor([1.0, 2.0, 3.0], device="cuda", requires_grad=True)
    forced = weights.numpy(force=True)
    assert forced.tolist() == [1.0, 2.0, 3.0]
    forced[0] = 99.0
    assert weights[0].item() == 1.0


@pytest.mark.claim("numpy-needs-a-cpu-tensor")
def test_without_a_gpu_a_meta_tensor_shows_the_rule_and_the_snippet_fails_loudly(run_snippet):
    # a tensor on the meta device is not on the CPU either: .numpy() refuses it the same way
    meta = torch.ones(3, device="meta")
    with pytest.raises(
        TypeError, match=r"can't convert meta device type tensor to numpy\. Use Tensor\.cpu\(\)"
    ):
        meta.numpy()
    # counter-case: the same tensor on the CPU converts
    assert torch.ones(3).numpy().tolist() == [1.0, 1.0, 1.0]
    if not torch.cuda.is_available():  # with a GPU, the test above runs the snippet for real
        # the shown-only snippet cannot run here, so the site cannot have invented its output
        with pytest.raises(
            execution.ExecutionError, match=r"(?i)raised (RuntimeError|AssertionError): .*(cuda|nvidia)"
        ):
            run_snippet("memory/numpy_on_gpu_tensor")
