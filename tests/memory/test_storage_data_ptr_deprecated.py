import re
import subprocess
import sys
import warnings

import pytest
import torch

from site_tools import execution, layout
from tests.conftest import shares_storage

MESSAGE = r"TypedStorage is deprecated\. It will be removed in the future.*use tensor\.untyped_storage\(\)"


@pytest.fixture
def fresh_warning():
    """torch warns about TypedStorage once per process: make this test's call the first one."""
    torch.storage._reset_warn_typed_storage_removal()
    yield
    torch.storage._reset_warn_typed_storage_removal()


@pytest.mark.claim("storage-warns-typed-storage-deprecated")
def test_storage_still_answers_but_warns_deprecated(fresh_warning):
    # run by the site's runner, which shows the warning in the example's output (its stderr stream)
    run = execution.run_file(
        layout.snippet_path(layout.ROOT, "memory/storage_data_ptr_deprecated"), layout.ROOT
    )
    warned = "".join(text for stream, text in run.streams if stream == "stderr")
    assert re.search(rf"UserWarning: {MESSAGE}", warned), warned
    ns = run.namespace
    assert ns["same"] is True
    assert shares_storage(ns["y"], ns["x"])
    torch.storage._reset_warn_typed_storage_removal()
    with pytest.warns(UserWarning, match=MESSAGE):
        storage = ns["x"].storage()
    assert type(storage) is torch.TypedStorage


@pytest.mark.claim("storage-warns-typed-storage-deprecated")
def test_counter_case_untyped_storage_does_not_warn(fresh_warning):
    x = torch.arange(12)
    y = x.view(3, 4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        storage = y.untyped_storage()
        assert storage.data_ptr() == x.untyped_storage().data_ptr()
    assert type(storage) is torch.UntypedStorage


WARNINGS_IN_A_FRESH_PROCESS = """
import sys, warnings, torch
x = torch.arange(3)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    if sys.argv[1] == "FloatStorage":
        torch.FloatStorage(3)  # another TypedStorage API, used before .storage()
    elif sys.argv[1] == "UntypedStorage":
        torch.UntypedStorage(3)  # not a TypedStorage API
    elif sys.argv[1] == "set_warn_always":
        torch.set_warn_always(True)  # PyTorch's warn-once switch
    elif sys.argv[1] == "always_warn_typed_storage":
        torch.storage._set_always_warn_typed_storage_removal(True)  # TypedStorage's own flag
    before = sum("TypedStorage is deprecated" in str(w.message) for w in caught)
    for _ in range(3):
        x.storage().data_ptr()
    after = sum("TypedStorage is deprecated" in str(w.message) for w in caught)
print(before, after - before)
"""


def typed_storage_warnings(first: str) -> tuple[int, int]:
    """(warnings before the .storage() calls, warnings from three .storage() calls) in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", WARNINGS_IN_A_FRESH_PROCESS, first], capture_output=True, text=True, check=True
    )
    before, storage_calls = result.stdout.split()
    return int(before), int(storage_calls)


@pytest.mark.process
@pytest.mark.claim("storage-warning-only-once")
def test_only_the_first_storage_call_of_a_process_warns():
    # a fresh interpreter: this test process may have warned already
    assert typed_storage_warnings("nothing") == (0, 1)  # three calls, one warning (and not zero)


@pytest.mark.process
@pytest.mark.claim("typed-storage-warning-flag-is-shared")
def test_an_earlier_typed_storage_use_silences_even_the_first_storage_call():
    # torch.FloatStorage used the once-only warning: the three .storage() calls give none
    assert typed_storage_warnings("FloatStorage") == (1, 0)
    # counter-case: an UntypedStorage is not a TypedStorage API, and leaves the warning to .storage()
    assert typed_storage_warnings("UntypedStorage") == (0, 1)


@pytest.mark.process
@pytest.mark.claim("storage-warning-ignores-set-warn-always")
def test_set_warn_always_does_not_repeat_the_typed_storage_warning():
    assert typed_storage_warnings("set_warn_always") == (0, 1)  # three calls, still one warning
    # counter-case: TypedStorage's own flag is what repeats it
    before, storage_calls = typed_storage_warnings("always_warn_typed_storage")
    assert before == 0
    assert storage_calls >= 3  # every call warns (its data_ptr() too)
