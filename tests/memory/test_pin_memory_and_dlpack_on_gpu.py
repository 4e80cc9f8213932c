"""The GPU-only example: shown on the site, not executed there. Checked here when a GPU is present."""

import numpy as np
import pytest
import torch

requires_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


@pytest.mark.cuda
@requires_cuda
@pytest.mark.claim("pin-memory-copies-on-a-gpu")
def test_pin_memory_copies_into_pinned_memory(run_snippet):
    ns = run_snippet("memory/pin_memory_and_dlpack_on_gpu")
    host, pinned, on_gpu = ns["host"], ns["pinned"], ns["on_gpu"]
    assert pinned.is_pinned()
    assert not host.is_pinned()
    assert pinned.untyped_storage().data_ptr() != host.untyped_storage().data_ptr()
    pinned[0] = 7.0
    assert host[0].item() == 1.0  # a copy: the source is unchanged
    assert pinned.pin_memory() is pinned
    assert on_gpu.device.type == "cuda"
    assert on_gpu.tolist() == [1.0, 1.0, 1.0]


@pytest.mark.cuda
@requires_cuda
@pytest.mark.claim("dlpack-never-shares-gpu-memory-with-numpy")
def test_np_from_dlpack_never_shares_a_gpu_tensors_memory(run_snippet):
    ns = run_snippet("memory/pin_memory_and_dlpack_on_gpu")
    on_gpu = ns["on_gpu"]
    try:
        array = np.from_dlpack(on_gpu)
    except (BufferError, RuntimeError, TypeError, ValueError):
        array = None  # refused: nothing shared
    if array is not None:  # NumPy made a host copy: writing it leaves the GPU tensor alone
        array[0] = 42.0
    assert on_gpu[0].item() == 1.0
    # counter-case: the same tensor on the CPU is shared
    on_cpu = on_gpu.cpu()
    np.from_dlpack(on_cpu)[0] = 42.0
    assert on_cpu[0].item() == 42.0


@pytest.mark.claim("dlpack-refuses-what-it-cannot-describe")  # the GPU claim needs a GPU to be checked
def test_on_any_machine_a_tensor_off_the_cpu_is_not_shared_with_numpy():
    # a tensor on the meta device is off the CPU too: NumPy gets no array of it
    with pytest.raises(BufferError, match="Cannot pack tensors on meta"):
        np.from_dlpack(torch.ones(3, device="meta"))
    # counter-case: on the CPU the array is shared
    on_cpu = torch.ones(3)
    np.from_dlpack(on_cpu)[0] = 42.0
    assert on_cpu[0].item() == 42.0
