import warnings

import numpy as np
import pytest
import torch

RESIZED = r"An output with one or more elements was resized since it had shape \[2\].*deprecated"


@pytest.mark.claim("out-wrong-shape-resized-with-warning")
def test_snippet_out_was_resized_and_warned(run_snippet):
    ns = run_snippet("memory/out_with_wrong_shape")
    out = ns["out"]
    assert out is ns["alias"]
    assert out.shape == (3,)
    assert out.tolist() == [11.0, 22.0, 33.0]
    assert "was resized since it had shape [2]" in ns["message"]
    assert "Triggered internally" not in ns["message"]


@pytest.mark.claim(
    "out-wrong-shape-resized-with-warning",
    "out-with-the-right-numel-is-resized-too",
    "resized-out-is-the-same-object",
)
def test_an_out_with_elements_and_the_wrong_shape_is_resized_with_a_userwarning():
    a = torch.tensor([1.0, 2.0, 3.0])
    b = torch.tensor([10.0, 20.0, 30.0])
    out = torch.zeros(2)
    alias = out
    with pytest.warns(UserWarning, match=RESIZED):
        result = torch.add(a, b, out=out)
    assert result is out is alias
    assert out.shape == (3,)
    assert out._version == 1
    # the same number of elements in another shape is resized too
    column = torch.zeros(3, 1)
    with pytest.warns(
        UserWarning, match=r"had shape \[3, 1\], which does not match the required output shape \[3\]"
    ):
        torch.add(a, b, out=column)
    assert column.shape == (3,)
    # counter-case: an out of the right shape gives no warning
    right = torch.zeros(3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        torch.add(a, b, out=right)


@pytest.mark.claim("empty-out-resized-silently")
def test_snippet_empty_out(run_snippet):
    ns = run_snippet("memory/out_with_wrong_shape")
    assert ns["empty"].tolist() == [11.0, 22.0, 33.0]


@pytest.mark.claim("empty-out-resized-silently")
def test_an_out_with_no_elements_is_resized_without_a_warning():
    a = torch.tensor([1.0, 2.0, 3.0])
    empty = torch.empty(0)
    alias = empty
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        torch.add(a, a, out=empty)
        # resize_(0) is how to reuse an out tensor of another shape without a warning
        reused = torch.zeros(2)
        reused.resize_(0)
        torch.add(a, a, out=reused)
    assert empty is alias
    assert empty.tolist() == [2.0, 4.0, 6.0]
    assert reused.tolist() == [2.0, 4.0, 6.0]
    # counter-case: one element is enough for the warning, and the warning recommends resize_(0)
    single = torch.zeros(1)
    with pytest.warns(
        UserWarning,
        match=r"reuse an out tensor t by resizing it, inplace, to zero elements with t\.resize_\(0\)",
    ):
        torch.add(a, a, out=single)


@pytest.mark.claim("resized-out-stays-in-storage-with-room")
def test_snippet_window_spilled_into_base(run_snippet):
    ns = run_snippet("memory/out_with_wrong_shape")
    base, window = ns["base"], ns["window"]
    assert window.untyped_storage().data_ptr() == base.untyped_storage().data_ptr()
    assert window.data_ptr() == base.data_ptr()
    assert window.shape == (3,)
    assert base.tolist() == [11.0, 22.0, 33.0, 0.0, 0.0]  # base[2] was written


@pytest.mark.claim("resized-out-stays-in-storage-with-room", "resized-out-without-room-moves-the-storage")
def test_resizing_stays_in_a_storage_with_room_and_grows_one_without():
    a = torch.tensor([1.0, 2.0, 3.0])
    bigger = torch.zeros(5)  # room for 5: shrinking keeps the memory
    pointer = bigger.untyped_storage().data_ptr()
    with pytest.warns(UserWarning, match="was resized"):
        torch.add(a, a, out=bigger)
    assert bigger.shape == (3,)
    assert bigger.untyped_storage().data_ptr() == pointer
    assert bigger.untyped_storage().nbytes() == 5 * 4
    # counter-case: a storage too small for the result is reallocated at a new address
    small = torch.zeros(2)
    pointer = small.untyped_storage().data_ptr()
    with pytest.warns(UserWarning, match="was resized"):
        torch.add(a, a, out=small)
    assert small.untyped_storage().nbytes() == 3 * 4
    assert small.untyped_storage().data_ptr() != pointer
    assert small.tolist() == [2.0, 4.0, 6.0]


@pytest.mark.claim("resized-out-without-room-moves-the-storage")
def test_without_room_every_tensor_on_the_storage_moves_to_the_new_one():
    a = torch.tensor([1.0, 2.0, 3.0])
    base = torch.zeros(2)
    window = base[:1]
    storage = base.untyped_storage()
    pointer = storage.data_ptr()
    with pytest.warns(UserWarning, match="was resized"):
        torch.add(a, a, out=window)
    assert window.tolist() == [2.0, 4.0, 6.0]
    # the base moved too: same storage object, new address, its own shape unchanged
    assert base.untyped_storage().data_ptr() != pointer
    assert base.untyped_storage().data_ptr() == window.untyped_storage().data_ptr()
    assert storage.data_ptr() == base.data_ptr()
    assert storage.nbytes() == 3 * 4
    assert base.shape == (2,)
    assert base.tolist() == [2.0, 4.0]
    base[0] = 99.0
    assert window[0].item() == 99.0
    # counter-case: a tensor on another storage does not move
    other = torch.zeros(2)
    other_pointer = other.untyped_storage().data_ptr()
    torch.add(a, a, out=torch.empty(0))
    assert other.untyped_storage().data_ptr() == other_pointer


@pytest.mark.claim("out-on-a-storage-that-cannot-grow-raises")
def test_a_storage_from_numpy_cannot_grow():
    a = torch.tensor([1.0, 2.0, 3.0])
    array = np.zeros(2, dtype=np.float32)
    out = torch.from_numpy(array)
    assert not out.untyped_storage().resizable()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the resize warning comes first
        with pytest.raises(RuntimeError, match="Trying to resize storage that is not resizable"):
            torch.add(a, a, out=out)
    assert array.tolist() == [0.0, 0.0]  # nothing written
    # but the shape of out has already changed, past the end of its storage
    assert out.shape == (3,)
    assert out.untyped_storage().nbytes() == 2 * 4
    # counter-case: with room, a from_numpy storage is written in place
    array = np.zeros(5, dtype=np.float32)
    window = torch.from_numpy(array)[:2]
    with pytest.warns(UserWarning, match="was resized"):
        torch.add(a, a, out=window)
    assert array.tolist() == [2.0, 4.0, 6.0, 0.0, 0.0]
    # and a storage torch allocated itself can grow
    assert torch.zeros(2).untyped_storage().resizable()
