import pytest
import torch

from site_tools import execution

requires_no_accelerator = pytest.mark.skipif(
    torch.accelerator.is_available(), reason="checks what torch does without an accelerator"
)


@requires_no_accelerator
@pytest.mark.claim("pin-memory-needs-an-accelerator")
def test_without_an_accelerator_pinning_is_refused(run_snippet):
    ns = run_snippet("memory/pin_memory_needs_an_accelerator")
    host = ns["host"]
    assert not host.is_pinned()
    with pytest.raises(RuntimeError, match="Cannot access accelerator device when none is available"):
        host.pin_memory()
    with pytest.raises(RuntimeError, match=r"pin_memory=True requires a CUDA or other accelerator backend"):
        torch.empty(3, pin_memory=True)
    # counter-case: the same calls without pinning work, and nothing is pinned
    assert torch.empty(3, pin_memory=False).is_pinned() is False
    assert host.clone().is_pinned() is False


@requires_no_accelerator
@pytest.mark.claim("pin-memory-needs-an-accelerator")  # not the GPU claim: that needs a GPU to be checked
def test_without_a_gpu_the_gpu_example_cannot_run_so_its_output_is_not_invented(run_snippet):
    # the shown-only example needs an accelerator: here it fails at once, at its first line that pins
    with pytest.raises(
        execution.ExecutionError, match=r"pin_memory_and_dlpack_on_gpu\.py:5: raised RuntimeError"
    ):
        run_snippet("memory/pin_memory_and_dlpack_on_gpu")
    # counter-case: the CPU tensor it starts from is not pinned either
    assert not torch.ones(3).is_pinned()
