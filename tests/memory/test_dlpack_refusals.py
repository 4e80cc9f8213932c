import signal
import subprocess
import sys
import warnings

import numpy as np
import pytest
import torch

from tests.conftest import overlaps


@pytest.mark.claim("np-from-dlpack-refuses-requires-grad")
def test_np_from_dlpack_refuses_a_tensor_that_requires_grad_even_under_no_grad(run_snippet):
    ns = run_snippet("memory/dlpack_refusals")
    weights = ns["weights"]
    with pytest.raises(
        BufferError, match=r"Can't export tensors that require gradient, use tensor\.detach\(\)"
    ):
        np.from_dlpack(weights)
    with torch.no_grad(), pytest.raises(BufferError, match="require gradient"):
        np.from_dlpack(weights)
    # counter-case: .numpy() converts it under no_grad(), and detach() converts it in any mode
    with torch.no_grad():
        assert overlaps(weights.numpy(), weights)
    detached = ns["detached"]
    assert np.shares_memory(detached, weights.detach().numpy())
    assert weights[0].item() == 5.0
    assert weights.requires_grad


@pytest.mark.claim("dlpack-refuses-what-it-cannot-describe")
def test_dlpack_refuses_conjugate_meta_byte_swapped_and_string_data(run_snippet):
    run_snippet("memory/dlpack_refusals")
    z = torch.tensor([1 + 2j])
    with pytest.raises(BufferError, match="conjugate bit set"):
        np.from_dlpack(z.conj())
    with pytest.raises(BufferError, match="Cannot pack tensors on meta"):
        np.from_dlpack(torch.ones(3, device="meta"))
    with pytest.raises(BufferError, match="native byte order"):
        torch.from_dlpack(np.arange(3, dtype=">i4"))
    for strings in (np.array(["a", "b"]), np.array([b"a"]), np.array([1, "a"], dtype=object)):
        with pytest.raises(BufferError, match="only supports signed/unsigned integers, float and complex"):
            torch.from_dlpack(strings)
    # counter-cases: the resolved conjugate, the native byte order and a bool array convert
    assert np.from_dlpack(z.conj().resolve_conj()).tolist() == [1 - 2j]
    assert torch.from_dlpack(np.arange(3, dtype="<i4")).tolist() == [0, 1, 2]
    assert torch.from_dlpack(np.array([True, False])).dtype == torch.bool


@pytest.mark.claim("dlpack-shares-read-only-silently")
def test_torch_from_dlpack_shares_a_read_only_array_without_a_warning(run_snippet):
    ns = run_snippet("memory/dlpack_refusals")
    frozen, thawed = ns["frozen"], ns["thawed"]
    assert not frozen.flags.writeable
    assert overlaps(frozen, thawed)
    assert frozen[0] == 9.0
    fresh = np.arange(3.0)
    fresh.flags.writeable = False
    warn_always = torch.is_warn_always_enabled()
    torch.set_warn_always(True)  # torch's warn-once warnings, every time
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            torch.from_dlpack(fresh)
        assert caught == []
        # counter-case: torch.from_numpy warns about the same array
        with pytest.warns(UserWarning, match="The given NumPy array is not writable"):
            torch.from_numpy(fresh)
    finally:
        torch.set_warn_always(warn_always)


@pytest.mark.process
@pytest.mark.claim(
    "from-dlpack-negative-stride-aborts",
    "from-dlpack-positive-strides-convert",
)
def test_torch_from_dlpack_of_a_negative_stride_array_ends_the_process():
    code = "import numpy as np, torch\ntorch.from_dlpack(np.arange(4.0)[::-1])\nprint('returned')\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == -signal.SIGABRT  # killed by abort(), not an exit with an error
    assert "returned" not in result.stdout
    assert "Storage size calculation overflowed" in result.stderr
    # no Python exception to catch: the C++ error ends the process (SIGABRT)
    assert "Traceback" not in result.stderr
    # counter-case: a copy (positive strides) converts, and so does a forward slice
    assert torch.from_dlpack(np.arange(4.0)[::-1].copy()).tolist() == [3.0, 2.0, 1.0, 0.0]
    assert torch.from_dlpack(np.arange(4.0)[::2]).tolist() == [0.0, 2.0]


@pytest.mark.claim("dlpack-exports-the-negative-bit-unresolved")
def test_dlpack_exports_a_tensor_with_the_negative_bit_as_its_raw_values():
    negated = torch.tensor([1 + 2j]).conj().imag
    assert negated.is_neg()
    assert negated.tolist() == [-2.0]
    assert np.from_dlpack(negated).tolist() == [2.0]  # no error, the opposite sign
    with pytest.raises(RuntimeError, match="negative bit set"):
        negated.numpy()
    # counter-case: resolved first, the export has the tensor's values
    assert np.from_dlpack(negated.resolve_neg()).tolist() == [-2.0]


@pytest.mark.claim("dlpack-refuses-bfloat16")
def test_dlpack_refuses_bfloat16_with_a_runtime_error():
    with pytest.raises(RuntimeError, match="Unsupported dtype in DLTensor"):
        np.from_dlpack(torch.zeros(2, dtype=torch.bfloat16))
    # counter-case: the other half-precision type NumPy has converts, sharing memory
    half = torch.zeros(2, dtype=torch.float16)
    array = np.from_dlpack(half)
    assert array.dtype == np.float16
    assert overlaps(half, array)
