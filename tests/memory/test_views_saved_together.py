import collections
import io
import pickle

import numpy as np
import pytest
import torch

from tests.conftest import overlaps, shares_storage


class Point:
    """A plain Python object: not a tensor, not a container of tensors."""

    def __init__(self):
        self.x = 1


def save_and_load(obj, **kwargs):
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    buffer.seek(0)
    return torch.load(buffer, **kwargs)


def saved_bytes(obj):
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getbuffer().nbytes


@pytest.mark.claim("views-saved-together-stay-views")
def test_views_saved_in_one_dict_share_one_storage_after_load(run_snippet):
    ns = run_snippet("memory/views_saved_together")
    grid_loaded, row_loaded = ns["grid_loaded"], ns["row_loaded"]
    assert shares_storage(grid_loaded, row_loaded)
    assert overlaps(grid_loaded, row_loaded)
    assert row_loaded.storage_offset() == 4
    assert grid_loaded[1, 0].item() == -1.0  # the snippet's write through row_loaded
    assert grid_loaded[1, 0].data_ptr() == row_loaded[0].data_ptr()
    # the original tensors are untouched: loading made new memory
    assert not shares_storage(grid_loaded, ns["grid"])
    assert ns["grid"][1, 0].item() == 4.0


@pytest.mark.claim("views-saved-together-stay-views", "shared-storage-is-written-once")
def test_views_saved_in_one_list_share_and_the_storage_is_written_once():
    big = torch.arange(100_000, dtype=torch.float32)
    head, tail = save_and_load([big[:10], big[-10:]], weights_only=True)
    assert shares_storage(head, tail)
    assert not overlaps(head, tail)  # one storage, different cells
    assert tail.storage_offset() == 100_000 - 10
    both = save_and_load({"big": big, "small": big[500:510]}, weights_only=True)
    both["small"][0] = -1.0
    assert both["big"][500].item() == -1.0
    # one storage in the file, not two
    assert saved_bytes({"big": big, "small": big[500:510]}) < 100_000 * 4 + 10_000
    # counter-case: two different storages in one file are two storages after load
    other = save_and_load([big[:10], big[:10].clone()], weights_only=True)
    assert not shares_storage(other[0], other[1])


@pytest.mark.claim("views-saved-separately-are-independent", "a-view-saved-alone-keeps-its-whole-storage")
def test_views_saved_separately_load_with_their_own_storages(run_snippet):
    ns = run_snippet("memory/views_saved_together")
    grid_alone, row_alone = ns["grid_alone"], ns["row_alone"]
    assert not shares_storage(grid_alone, row_alone)
    assert not overlaps(grid_alone, row_alone)
    assert row_alone[0].item() == -1.0
    assert grid_alone[1, 0].item() == 4.0  # the write did not reach it
    # each file carried the whole 12-element storage, so row_alone sits at offset 4 of its own copy
    assert row_alone.storage_offset() == 4
    assert row_alone.untyped_storage().nbytes() == 12 * 4
    # and saving separately writes the storage twice
    big = torch.arange(100_000, dtype=torch.float32)
    assert saved_bytes(big) + saved_bytes(big[500:510]) > 2 * 100_000 * 4


@pytest.mark.claim("weights-only-raises-on-other-objects", "weights-only-false-restores-any-object")
def test_weights_only_loads_tensors_in_dicts_and_lists_but_refuses_other_objects():
    tensors = {"a": torch.ones(2), "b": [torch.zeros(3), (1, 2.5, "x")]}
    loaded = save_and_load(tensors, weights_only=True)
    assert torch.equal(loaded["a"], torch.ones(2))
    assert loaded["b"][1] == (1, 2.5, "x")
    with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
        save_and_load({"p": Point(), "t": torch.ones(2)}, weights_only=True)
    # it is the default: no argument, same refusal
    with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
        save_and_load({"p": Point(), "t": torch.ones(2)})
    # counter-case: weights_only=False unpickles the object (trusted files only)
    assert save_and_load(Point(), weights_only=False).x == 1


@pytest.mark.claim("weights-only-load-refuses-other-objects")
def test_weights_only_allows_a_fixed_list_of_safe_types():
    safe = {
        "set": {1, 2},
        "ordered": collections.OrderedDict(w=torch.ones(1)),
        "size": torch.Size([2, 3]),
        "dtype": torch.float16,
        "device": torch.device("cpu"),
        "param": torch.nn.Parameter(torch.ones(2)),
        "bytes": b"ab",
        "complex": 1 + 2j,
        "none": None,
    }
    loaded = save_and_load(safe, weights_only=True)
    assert loaded["set"] == {1, 2}
    assert isinstance(loaded["ordered"], collections.OrderedDict)
    assert loaded["size"] == torch.Size([2, 3])
    assert loaded["dtype"] is torch.float16
    assert loaded["device"] == torch.device("cpu")
    assert isinstance(loaded["param"], torch.nn.Parameter)
    assert (loaded["bytes"], loaded["complex"], loaded["none"]) == (b"ab", 1 + 2j, None)
    # counter-cases: a NumPy array, a slice and a range are not on the list
    for other in (np.zeros(2), slice(1, 2), range(3)):
        with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
            save_and_load({"x": other}, weights_only=True)


@pytest.mark.claim("weights-only-load-refuses-other-objects")
def test_add_safe_globals_allows_a_class_of_your_own():
    # safe_globals() is the context-manager form of add_safe_globals(): nothing leaks to other tests
    with torch.serialization.safe_globals([Point]):
        assert save_and_load(Point(), weights_only=True).x == 1
    # counter-case: outside it, the same file is refused again
    with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
        save_and_load(Point(), weights_only=True)


@pytest.mark.claim("views-of-different-dtypes-cannot-be-saved-together")
@pytest.mark.parametrize("other_dtype", [torch.float32, torch.uint8])
def test_views_of_one_storage_as_different_dtypes_cannot_be_saved_together(other_dtype):
    a = torch.arange(4, dtype=torch.int32)
    other = a.view(other_dtype)
    assert shares_storage(a, other)
    message = "view the same data as different types"
    with pytest.raises(RuntimeError, match=message):
        save_and_load([a, other], weights_only=True)
    with pytest.raises(RuntimeError, match=message):
        save_and_load({"head": a[:2], "tail": a[2:].view(other_dtype)}, weights_only=True)  # other cells
    # counter-cases: the same dtype saves together (and stays a view); different dtypes save apart
    head, tail = save_and_load([a[:2], a[2:]], weights_only=True)
    assert shares_storage(head, tail)
    assert torch.equal(save_and_load(other, weights_only=True), other)
    assert torch.equal(save_and_load(a, weights_only=True), a)
