import subprocess
import sys

import numpy as np
import pytest
import torch

from tests.conftest import (
    READ_ONLY_IN_A_LOOP,
    assert_warn_always_warns_each_call_but_the_filter_shows_one_per_line,
    overlaps,
)

WARNING = "The given NumPy array is not writable"


@pytest.mark.claim(
    "from-numpy-shares-read-only-with-a-warning",
    "read-only-array-written-through-the-tensor",
    "read-only-array-copied-first-shares-the-copy",
)
def test_a_read_only_array_is_shared_with_a_user_warning(run_snippet):
    ns = run_snippet("memory/from_numpy_read_only_warns")
    frozen, tensor = ns["frozen"], ns["tensor"]
    assert not frozen.flags.writeable
    assert overlaps(frozen, tensor)
    assert frozen[0] == 100.0
    fresh = np.arange(3.0)
    fresh.flags.writeable = False
    with pytest.raises(ValueError, match="assignment destination is read-only"):
        fresh[0] = 1.0
    warn_always = torch.is_warn_always_enabled()
    torch.set_warn_always(True)
    try:
        with pytest.warns(
            UserWarning, match=r"not writable, and PyTorch does not support non-writable tensors.*undefined"
        ):
            shared = torch.from_numpy(fresh)
    finally:
        torch.set_warn_always(warn_always)
    shared[0] = 7.0
    assert fresh[0] == 7.0
    # counter-case: the copy is shared with the tensor, not with the read-only array
    safe = ns["safe"]
    assert safe[0].item() == -1.0
    assert frozen[0] == 100.0
    assert not overlaps(frozen, safe)


def _warnings_in_a_fresh_process(calls: str) -> int:
    code = f"import numpy as np, torch\nfrozen = np.arange(3.0)\nfrozen.flags.writeable = False\n{calls}\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return result.stderr.count(WARNING)


@pytest.mark.process
@pytest.mark.claim(
    "from-numpy-read-only-warning-once-per-process", "from-numpy-read-only-warning-with-warn-always"
)
def test_the_warning_is_given_once_per_process_unless_warn_always_is_set():
    twice = "torch.from_numpy(frozen)\ntorch.from_numpy(frozen)\ntorch.as_tensor(frozen)"
    assert _warnings_in_a_fresh_process(twice) == 1
    # counter-case: with torch.set_warn_always(True), every call warns
    assert _warnings_in_a_fresh_process("torch.set_warn_always(True)\n" + twice) == 3
    # but three calls on one line show one warning, unless Python's filter is "always"
    assert_warn_always_warns_each_call_but_the_filter_shows_one_per_line(READ_ONLY_IN_A_LOOP, WARNING)


@pytest.mark.process
@pytest.mark.claim("as-tensor-copy-of-read-only-uses-up-the-warning")
def test_an_as_tensor_that_copies_a_read_only_array_still_warns_and_uses_the_warning_up():
    copy_first = (
        "copy = torch.as_tensor(frozen, dtype=torch.float32)\n"
        "assert not np.shares_memory(frozen, copy.numpy())  # a copy: the type changed\n"
        "shared = torch.from_numpy(frozen)\n"
        "assert np.shares_memory(frozen, shared.numpy())"
    )
    assert _warnings_in_a_fresh_process(copy_first) == 1  # the copy's, and none for the sharing after it
    assert _warnings_in_a_fresh_process("torch.as_tensor(frozen, dtype=torch.float32)") == 1  # the copy's
    # counter-case: without the copy first, the sharing call is the one that warns
    assert _warnings_in_a_fresh_process("torch.from_numpy(frozen)") == 1
    assert _warnings_in_a_fresh_process("torch.as_tensor(np.arange(3.0), dtype=torch.float32)") == 0
