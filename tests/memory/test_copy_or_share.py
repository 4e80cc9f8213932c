"""Claims of the note written as a notebook: docs/{zh,en}/memory/copy_or_share.ipynb.

The cells run as the build runs them (site_tools.notebooks.run_cells), and every claim is
checked on the objects they create. Both languages hold the same code cells
(tests/test_site_contract.py), so the zh notebook stands for both.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tests.conftest import overlaps, run_notebook, shares_storage


@pytest.fixture(scope="module")
def note():
    run = run_notebook("memory/copy_or_share")
    return run.namespace, run.outputs


def stderr(outputs) -> str:
    return "".join(o["text"] for cell in outputs for o in cell if o.get("name") == "stderr")


def test_torch_tensor_copies_from_numpy_and_as_tensor_share(note):
    ns, _ = note
    array = ns["array"]
    assert overlaps(ns["shared"], array)
    assert overlaps(ns["also_shared"], array)
    assert not overlaps(ns["copied"], array)
    # the write array[0] = 100 reached the sharing tensors only
    assert ns["shared"][0].item() == ns["also_shared"][0].item() == 100.0
    assert ns["copied"][0].item() == 1.0


def test_as_tensor_copies_only_when_the_dtype_changes(note):
    ns, _ = note
    assert ns["as_double"].dtype == torch.float64
    assert not overlaps(ns["as_double"], ns["array"])
    assert ns["as_float"].dtype == torch.float32
    assert overlaps(ns["as_float"], ns["array"])


def test_read_only_arrays_are_shared_with_a_warning_not_copied(note):
    ns, outputs = note
    frozen, tensor = ns["frozen"], ns["from_frozen"]
    assert not frozen.flags.writeable
    assert overlaps(tensor, frozen)
    assert frozen[0] == -1.0, "the write through the tensor reached the read-only array"
    assert "UserWarning: The given NumPy array is not writable" in stderr(outputs)
    # as_tensor does the same (counter-case of "as_tensor copies when it must")
    other = np.arange(3.0)
    other.flags.writeable = False
    torch.set_warn_always(True)  # torch warns once per process otherwise
    try:
        with pytest.warns(UserWarning, match="not writable"):
            tensor_of_other = torch.as_tensor(other)
    finally:
        torch.set_warn_always(False)
    assert overlaps(tensor_of_other, other)


@pytest.mark.parametrize("make", [torch.from_numpy, torch.as_tensor, torch.tensor])
def test_negative_strides_raise_instead_of_copying(note, make):
    ns, _ = note
    backwards = ns["backwards"]
    assert any(s < 0 for s in backwards.strides)
    with pytest.raises(ValueError, match="negative"):
        make(backwards)


def test_a_positive_copy_of_a_reversed_array_converts(note):
    ns, _ = note
    assert ns["forward"].tolist() == [3.0, 2.0, 1.0, 0.0]
    assert not overlaps(ns["forward"], ns["backwards"])


def test_legacy_constructor_shares_float32_and_copies_other_dtypes(note):
    ns, _ = note
    assert ns["legacy"].dtype == torch.float32
    assert overlaps(ns["legacy"], ns["array"])
    assert ns["integers"].dtype == np.int64
    assert ns["legacy_from_integers"].dtype == torch.float32
    assert not overlaps(ns["legacy_from_integers"], ns["integers"])


def test_asarray_shares_and_tolist_copies(note):
    ns, outputs = note
    t, as_array, as_list = ns["t"], ns["as_array"], ns["as_list"]
    assert isinstance(as_array, np.ndarray)
    assert overlaps(as_array, t)
    assert as_array[0] == 42.0
    assert isinstance(as_list, list)
    assert as_list == [0.0, 1.0, 2.0, 3.0]
    # the cell's last expression is shown as Jupyter shows it
    shown = [o for cell in outputs for o in cell if o["output_type"] == "execute_result"]
    assert [o["data"]["text/plain"] for o in shown] == [repr(as_array)]


def test_clone_copies_and_detach_shares(note):
    ns, _ = note
    w, cloned, detached = ns["w"], ns["cloned"], ns["detached"]
    assert not shares_storage(cloned, w)
    assert cloned.requires_grad
    assert shares_storage(detached, w)
    assert not detached.requires_grad


def test_to_and_cpu_return_the_same_tensor_when_nothing_changes(note):
    ns, _ = note
    x = ns["x"]
    assert x.to(torch.float32) is x
    assert x.cpu() is x
    assert x.to("cpu") is x
    # counter-cases: a dtype change or copy=True give a new tensor
    assert x.to(torch.float64) is not x
    copy = x.to(torch.float32, copy=True)
    assert copy is not x
    assert not shares_storage(copy, x)


def test_numpy_force_true_shares_on_cpu_where_numpy_raises(note):
    ns, _ = note
    w, forced = ns["w"], ns["forced"]
    assert w.requires_grad
    with pytest.raises(RuntimeError, match="requires grad"):
        w.numpy()
    assert overlaps(forced, w)
