"""Claims of the note written as a notebook: docs/{zh,en}/memory/copy_or_share.ipynb.

The cells run as the build runs them (site_tools.notebooks.run_cells), and every claim is
checked on the objects they create. Both languages hold the same code cells
(tests/test_site_contract.py), so the zh notebook stands for both.
"""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pytest
import torch

from tests.conftest import (
    READ_ONLY_IN_A_LOOP,
    assert_warn_always_warns_each_call_but_the_filter_shows_one_per_line,
    overlaps,
    run_notebook,
    shares_storage,
)

requires_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
NOT_WRITABLE = "The given NumPy array is not writable, and PyTorch does not support non-writable tensors"


@pytest.fixture(scope="module")
def note():
    run = run_notebook("memory/copy_or_share")
    return run.namespace, run.outputs


def stderr(outputs) -> str:
    return "".join(o["text"] for cell in outputs for o in cell if o.get("name") == "stderr")


def read_only(values=(0.0, 1.0, 2.0)) -> np.ndarray:
    array = np.array(values)
    array.flags.writeable = False
    return array


@pytest.fixture
def warn_always():
    """torch shows the not-writable warning once per process; show it here whatever ran before."""
    torch.set_warn_always(True)
    yield
    torch.set_warn_always(False)


# --- NumPy -> tensor ---------------------------------------------------------------------------------


@pytest.mark.claim("tensor-copies-array-from-numpy-shares")
def test_torch_tensor_copies_from_numpy_and_as_tensor_share(note):
    ns, _ = note
    array = ns["array"]
    assert overlaps(ns["shared"], array)
    assert overlaps(ns["also_shared"], array)
    assert not overlaps(ns["copied"], array)
    # the write array[0] = 100 reached the sharing tensors only
    assert ns["shared"][0].item() == ns["also_shared"][0].item() == 100.0
    assert ns["copied"][0].item() == 1.0


@pytest.mark.claim("as-tensor-shares-when-dtype-matches")
def test_as_tensor_shares_when_the_dtype_is_the_arrays(note):
    ns, _ = note
    assert ns["as_float"].dtype == torch.float32
    assert overlaps(ns["as_float"], ns["array"])
    assert overlaps(torch.as_tensor(ns["array"]), ns["array"])  # no dtype given
    # even a non-contiguous array is shared, not copied into a contiguous tensor
    grid = np.arange(12.0).reshape(3, 4)
    for strided in (grid[:, ::2], grid.T):
        tensor = torch.as_tensor(strided)
        assert not tensor.is_contiguous()
        assert overlaps(tensor, strided)
        tensor[0, 0] = -1.0
    assert grid[0, 0] == -1.0


@pytest.mark.claim("as-tensor-shares-when-dtype-matches")
def test_counter_case_as_tensor_follows_a_default_device_set_by_the_reader():
    array = np.arange(3.0)
    torch.set_default_device("meta")  # a device with no data: available on every machine
    try:
        moved = torch.as_tensor(array)
        kept = torch.from_numpy(array)
    finally:
        # None, not "cpu": set to the CPU, a device mode would stay on (warnings would name torch's file)
        torch.set_default_device(None)
    assert moved.device.type == "meta"  # no dtype asked for, yet not the array's memory
    assert kept.device.type == "cpu"  # from_numpy ignores the default device ...
    assert overlaps(kept, array)  # ... and shares
    # and with the default device back on the CPU, as_tensor shares again
    assert overlaps(torch.as_tensor(array), array)


@pytest.mark.claim("as-tensor-copies-when-dtype-or-device-differs")
@pytest.mark.parametrize("dtype", [torch.float64, torch.float16, torch.int32])
def test_as_tensor_copies_when_the_dtype_differs(note, dtype):
    ns, _ = note
    assert ns["as_double"].dtype == torch.float64
    assert not overlaps(ns["as_double"], ns["array"])
    array = np.arange(3, dtype=np.float32)
    converted = torch.as_tensor(array, dtype=dtype)
    assert converted.dtype == dtype
    assert not overlaps(converted, array)


@pytest.mark.claim("as-tensor-copies-when-dtype-or-device-differs", "as-tensor-shares-when-dtype-matches")
def test_counter_case_as_tensor_shares_when_the_requested_device_is_the_cpu():
    # the GPU half of the claim is checked by test_as_tensor_on_a_gpu_copies, on a machine with a GPU
    array = np.arange(3, dtype=np.float32)
    for same in (
        torch.as_tensor(array, device="cpu"),
        torch.as_tensor(array, dtype=torch.float32, device="cpu"),
    ):
        assert overlaps(same, array)
        same[0] = -1.0
        assert array[0] == -1.0


@pytest.mark.cuda
@requires_cuda
@pytest.mark.claim("as-tensor-copies-when-dtype-or-device-differs")
def test_as_tensor_on_a_gpu_copies():
    array = np.arange(3, dtype=np.float32)
    on_gpu = torch.as_tensor(array, device="cuda")
    array[0] = 100.0
    assert on_gpu[0].item() == 0.0


@pytest.mark.claim("non-native-byte-order-raises")
@pytest.mark.parametrize("make", [torch.from_numpy, torch.as_tensor, torch.tensor])
def test_an_array_in_the_other_byte_order_raises(make):
    swapped = np.arange(3, dtype=np.dtype(np.float32).newbyteorder())
    assert not swapped.dtype.isnative
    with pytest.raises(ValueError, match="byte order different from the native byte order"):
        make(swapped)
    # counter-case: the same values in the native byte order convert
    native = swapped.astype(swapped.dtype.newbyteorder())
    assert native.dtype.isnative
    assert make(native).tolist() == [0.0, 1.0, 2.0]


def structured() -> np.ndarray:
    """Four records of an int32 field "a" and an int8 field "b": 5 bytes each, so each field has stride 5."""
    return np.zeros(4, dtype=[("a", "<i4"), ("b", "i1")])


@pytest.mark.claim("unsupported-strides-or-dtype-raise", "as-tensor-shares-when-dtype-matches")
@pytest.mark.parametrize("make", [torch.from_numpy, torch.as_tensor, torch.tensor])
def test_strides_not_a_multiple_of_the_element_size_raise(make):
    s = structured()
    field = s["a"]
    assert field.strides[0] % field.itemsize != 0  # 5 bytes apart, 4 bytes each
    with pytest.raises(ValueError, match="strides not a multiple of the element byte size"):
        make(field)
    if make is torch.as_tensor:  # asking for another dtype does not help
        with pytest.raises(ValueError, match="strides not a multiple of the element byte size"):
            torch.as_tensor(field, dtype=torch.float64)
    # counter-case: the int8 field has the same stride 5, a multiple of 1 byte: it converts
    small = s["b"]
    converted = make(small)
    assert converted.tolist() == [0, 0, 0, 0]
    assert overlaps(converted, small) == (make is not torch.tensor)
    # and so does a copy of the int32 field
    assert make(field.copy()).dtype == torch.int32
    # and an int32 field of 8-byte records (stride 8, a multiple of 4)
    wide = np.zeros(3, dtype=[("a", "<i4"), ("b", "<i4")])["a"]
    assert make(wide).tolist() == [0, 0, 0]
    assert overlaps(make(wide), wide) == (make is not torch.tensor)


@pytest.mark.claim("unsupported-strides-or-dtype-raise")
@pytest.mark.parametrize("make", [torch.from_numpy, torch.as_tensor, torch.tensor])
def test_a_dtype_without_a_tensor_counterpart_raises_type_error(make):
    objects = np.array([1, 2], dtype=object)
    with pytest.raises(TypeError, match=r"can't convert np\.ndarray of type numpy\.object_"):
        make(objects)
    # counter-case: the same numbers as an int64 array convert
    assert make(objects.astype(np.int64)).tolist() == [1, 2]


@pytest.mark.claim("read-only-array-shared-with-warning")
@pytest.mark.parametrize("make", [torch.from_numpy, torch.as_tensor])
def test_read_only_arrays_are_shared_with_a_warning_not_copied(note, warn_always, make):
    ns, outputs = note
    assert not ns["frozen"].flags.writeable
    assert overlaps(ns["from_frozen"], ns["frozen"])
    assert f"UserWarning: {NOT_WRITABLE}" in stderr(outputs)
    other = read_only()
    with pytest.warns(UserWarning, match=NOT_WRITABLE):
        tensor = make(other)
    assert overlaps(tensor, other)
    # counter-case: a writable array converts without the warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        make(np.arange(3.0))


NOT_WRITABLE_WARNINGS_IN_A_FRESH_PROCESS = """
import sys, warnings
import numpy as np, torch
torch.set_warn_always(sys.argv[1] == "always")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for make in (torch.from_numpy, torch.from_numpy, torch.as_tensor):
        array = np.arange(3.0)
        array.flags.writeable = False
        make(array)
print(sum("not writable" in str(w.message) for w in caught))
"""


def count_not_writable_warnings(mode: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", NOT_WRITABLE_WARNINGS_IN_A_FRESH_PROCESS, mode],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout)


@pytest.mark.process
@pytest.mark.claim("read-only-warning-once-per-process", "read-only-warning-repeats-with-warn-always")
def test_the_not_writable_warning_shows_once_per_process():
    assert count_not_writable_warnings("default") == 1  # three read-only arrays, one warning
    # counter-case: it is torch's warn-once that hides the others
    assert count_not_writable_warnings("always") == 3
    # after set_warn_always(True) torch warns on each call; the default filter shows one per line of code
    assert_warn_always_warns_each_call_but_the_filter_shows_one_per_line(
        READ_ONLY_IN_A_LOOP, "The given NumPy array is not writable"
    )


@pytest.mark.claim("write-through-tensor-changes-read-only-array")
def test_a_write_through_the_tensor_changes_the_read_only_array(note, warn_always):
    ns, _ = note
    frozen = ns["frozen"]
    assert not frozen.flags.writeable
    assert frozen[0] == -1.0, "the write through the tensor reached the read-only array"
    with pytest.raises(ValueError, match="read-only"):
        frozen[0] = 0.0  # NumPy itself refuses the write
    with pytest.warns(UserWarning, match="undefined behavior"):
        torch.from_numpy(read_only())


@pytest.mark.claim("torch-tensor-copies-read-only-array")
def test_torch_tensor_and_array_copy_protect_the_read_only_array():
    array = read_only()
    torch.set_warn_always(True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no warning at all
            copied = torch.tensor(array)
            from_copy = torch.from_numpy(array.copy())
    finally:
        torch.set_warn_always(False)
    for tensor in (copied, from_copy):
        assert not overlaps(tensor, array)
        tensor[0] = -1.0
    assert array[0] == 0.0
    # torch.tensor never shares: a read-only array it cannot copy is refused, not shared
    backwards = read_only()[::-1]
    with pytest.raises(ValueError, match="negative"):
        torch.tensor(backwards)


@pytest.mark.claim("negative-strides-raise-value-error")
@pytest.mark.parametrize("make", [torch.from_numpy, torch.as_tensor, torch.tensor])
def test_negative_strides_raise_instead_of_copying(note, make):
    ns, _ = note
    backwards = ns["backwards"]
    assert any(s < 0 for s in backwards.strides)
    with pytest.raises(ValueError, match="negative"):
        make(backwards)
    # counter-case: a positively strided slice with a step converts (and, but for torch.tensor, shares)
    every_other = np.arange(6.0)[::2]
    assert overlaps(make(every_other), every_other) == (make is not torch.tensor)


@pytest.mark.claim("positive-copy-of-reversed-array-converts")
@pytest.mark.parametrize("positive", [np.copy, np.ascontiguousarray])
def test_a_positive_copy_of_a_reversed_array_converts(note, positive):
    ns, _ = note
    backwards = ns["backwards"]
    assert ns["forward"].tolist() == [3.0, 2.0, 1.0, 0.0]
    assert not overlaps(ns["forward"], backwards)
    fixed = positive(backwards)
    assert all(s > 0 for s in fixed.strides)
    tensor = torch.from_numpy(fixed)
    assert tensor.tolist() == [3.0, 2.0, 1.0, 0.0]
    assert not overlaps(tensor, backwards)


@pytest.mark.claim("legacy-constructor-gives-default-float")
@pytest.mark.parametrize(
    "dtype", [np.float32, np.float64, np.int64, np.int32, np.uint8, np.bool_, np.float16]
)
def test_legacy_constructor_makes_the_default_float_type_from_any_array(note, dtype):
    ns, _ = note
    assert ns["legacy"].dtype == ns["legacy_from_integers"].dtype == torch.float32
    array = np.ones(3, dtype=dtype)
    assert torch.Tensor(array).dtype == torch.get_default_dtype() == torch.float32
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        assert torch.Tensor(array).dtype == torch.float64
    finally:
        torch.set_default_dtype(previous)


@pytest.mark.claim("legacy-constructor-shares-only-default-dtype")
def test_legacy_constructor_shares_only_an_array_of_the_default_dtype(note):
    ns, _ = note
    assert overlaps(ns["legacy"], ns["array"])
    assert ns["integers"].dtype == np.int64
    assert not overlaps(ns["legacy_from_integers"], ns["integers"])
    doubles = np.arange(3.0)
    assert not overlaps(torch.Tensor(doubles), doubles)
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        assert overlaps(torch.Tensor(doubles), doubles)  # float64 is now the default: shared
        singles = np.arange(3, dtype=np.float32)
        assert not overlaps(torch.Tensor(singles), singles)
    finally:
        torch.set_default_dtype(previous)


@pytest.mark.claim("legacy-constructor-keeps-a-tensors-dtype")
def test_legacy_constructor_keeps_the_dtype_of_a_tensor():
    integers = torch.arange(3)
    assert torch.Tensor(integers).dtype == torch.int64
    # counter-case: the same values as an array become float32
    assert torch.Tensor(integers.numpy()).dtype == torch.float32


# --- tensor -> NumPy or Python -----------------------------------------------------------------------


@pytest.mark.claim("np-asarray-calls-numpy")
def test_asarray_shares_like_numpy(note):
    ns, outputs = note
    t, as_array = ns["t"], ns["as_array"]
    assert isinstance(as_array, np.ndarray)
    assert overlaps(as_array, t)
    assert as_array[0] == 42.0  # made before t[0] = 42.0
    # the cell's last expression is shown as Jupyter shows it
    shown = [o for cell in outputs for o in cell if o["output_type"] == "execute_result"]
    assert [o["data"]["text/plain"] for o in shown] == [repr(as_array)]


@pytest.mark.claim("np-asarray-calls-numpy")
def test_asarray_goes_through_tensor_numpy(monkeypatch):
    calls = []
    original = torch.Tensor.numpy

    def spy(self, *args, **kwargs):
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(torch.Tensor, "numpy", spy)
    t = torch.arange(3.0)
    np.asarray(t)
    assert calls == [t]


@pytest.mark.claim("np-asarray-calls-numpy")
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: torch.ones(3, requires_grad=True), "requires grad"),
        (lambda: torch.tensor([1 + 2j]).conj(), "conjugate bit set"),
    ],
    ids=["requires grad", "conjugate bit"],
)
def test_asarray_raises_where_numpy_raises(make, message):
    t = make()
    with pytest.raises(RuntimeError, match=message):
        t.numpy()
    with pytest.raises(RuntimeError, match=message):
        np.asarray(t)


@pytest.mark.claim("tolist-copies")
def test_tolist_gives_python_numbers_untied_to_the_tensor(note):
    ns, _ = note
    as_list = ns["as_list"]
    assert isinstance(as_list, list)
    assert all(type(v) is float for v in as_list)
    assert as_list == [0.0, 1.0, 2.0, 3.0]  # made before t[0] = 42.0, and unchanged
    assert ns["t"][0].item() == 42.0


# --- tensor -> tensor --------------------------------------------------------------------------------


@pytest.mark.claim("clone-copies-and-stays-in-graph")
def test_clone_copies_and_stays_in_the_graph(note):
    ns, _ = note
    w, cloned = ns["w"], ns["cloned"]
    assert not shares_storage(cloned, w)
    assert cloned.requires_grad
    assert cloned.grad_fn is not None
    leaf = torch.ones(3, requires_grad=True)
    (leaf.clone() * 2).sum().backward()
    assert leaf.grad.tolist() == [2.0, 2.0, 2.0]


@pytest.mark.claim("detach-shares-outside-graph")
def test_detach_shares_and_leaves_the_graph(note):
    ns, _ = note
    w, detached = ns["w"], ns["detached"]
    assert shares_storage(detached, w)
    assert not detached.requires_grad
    assert detached.grad_fn is None
    # counter-case of clone: a write through the detached tensor reaches w
    leaf = torch.ones(3, requires_grad=True)
    with torch.no_grad():
        leaf.detach()[0] = 5.0
    assert leaf[0].item() == 5.0


@pytest.mark.claim("to-and-cpu-return-self-when-nothing-changes")
def test_to_and_cpu_return_the_same_tensor_when_nothing_changes(note):
    ns, _ = note
    x = ns["x"]
    assert x.to(torch.float32) is x
    assert x.cpu() is x
    assert x.to("cpu") is x
    assert x.to("cpu", torch.float32) is x
    # counter-case: a dtype change gives a new tensor with storage of its own
    doubled = x.to(torch.float64)
    assert doubled is not x
    assert not shares_storage(doubled, x)
    # and so does a change of memory format; keeping the format keeps the tensor
    images = torch.zeros(1, 2, 3, 4)
    assert images.to(memory_format=torch.contiguous_format) is images
    assert not shares_storage(images.to(memory_format=torch.channels_last), images)


@pytest.mark.claim("to-contiguous-format-does-not-make-contiguous")
def test_to_contiguous_format_returns_a_non_contiguous_2d_tensor_unchanged():
    m = torch.arange(6.0).reshape(2, 3)
    transposed = m.t()
    assert not transposed.is_contiguous()
    same = transposed.to(memory_format=torch.contiguous_format)
    assert same is transposed
    assert not same.is_contiguous()
    # .contiguous() is what makes it contiguous (a copy)
    made = transposed.contiguous()
    assert made.is_contiguous()
    assert not shares_storage(made, m)
    # counter-case: a channels_last 4-D tensor is converted (copied) by the same call
    images = torch.zeros(1, 2, 3, 4).to(memory_format=torch.channels_last)
    assert not images.is_contiguous()
    converted = images.to(memory_format=torch.contiguous_format)
    assert converted is not images
    assert converted.is_contiguous()


@pytest.mark.claim("to-copy-true-or-clone-copies")
def test_copy_true_and_clone_copy(note):
    ns, _ = note
    x = ns["x"]
    for copy in (x.to(torch.float32, copy=True), x.to("cpu", copy=True), x.clone()):
        assert copy is not x
        assert not shares_storage(copy, x)


@pytest.mark.claim("numpy-raises-on-requires-grad")
def test_numpy_raises_on_a_tensor_that_requires_grad(note):
    ns, _ = note
    w = ns["w"]
    assert w.requires_grad
    assert torch.is_grad_enabled()  # the default
    with pytest.raises(RuntimeError, match="Can't call numpy\\(\\) on Tensor that requires grad"):
        w.numpy()
    # counter-case: the same tensor detached converts
    assert isinstance(w.detach().numpy(), np.ndarray)
    # and so does the tensor itself, with grad mode off
    with torch.set_grad_enabled(False):
        assert overlaps(w.numpy(), w)
    with torch.no_grad(), torch.enable_grad():  # grad mode on again: refused again
        with pytest.raises(RuntimeError, match="requires grad"):
            w.numpy()


def tensors_to_convert():
    c = torch.tensor([1 + 2j, 3 - 4j])
    return {
        "requires grad": (torch.ones(3, requires_grad=True), None),
        "plain": (torch.arange(3.0), None),
        "conjugate bit": (c.conj(), c),
        "negative bit": (c.conj().imag, torch.view_as_real(c)),
    }


@pytest.mark.claim("numpy-force-is-the-resolving-chain")
@pytest.mark.parametrize("name", list(tensors_to_convert()))
def test_numpy_force_does_what_the_chain_does(name):
    t, base = tensors_to_convert()[name]
    base = t if base is None else base
    forced = t.numpy(force=True)
    chained = t.detach().cpu().resolve_conj().resolve_neg().numpy()
    assert np.array_equal(forced, chained)
    assert forced.dtype == chained.dtype
    assert overlaps(forced, base.detach()) == overlaps(chained, base.detach())


@pytest.mark.claim("numpy-force-shares-plain-cpu-tensor")
def test_numpy_force_true_shares_a_plain_cpu_tensor(note):
    ns, _ = note
    w, forced = ns["w"], ns["forced"]
    assert not w.is_conj()
    assert not w.is_neg()
    assert overlaps(forced, w)
    plain = torch.arange(3.0)
    assert overlaps(plain.numpy(force=True), plain)
    # counter-case: the conjugate bit (see below) makes it copy
    c = torch.tensor([1 + 2j])
    assert not np.shares_memory(c.conj().numpy(force=True), c.numpy())


@pytest.mark.claim("numpy-force-copies-conj-or-neg")
def test_numpy_force_copies_a_tensor_with_the_conjugate_bit(note):
    ns, _ = note
    c, conjugated, resolved = ns["c"], ns["conjugated"], ns["resolved"]
    assert conjugated.is_conj()
    assert shares_storage(conjugated, c)  # conj() itself is a view
    with pytest.raises(RuntimeError, match="conjugate bit set"):
        conjugated.numpy()
    assert not np.shares_memory(resolved, c.numpy())
    assert resolved.tolist() == [1 - 2j, 3 + 4j]
    # counter-case: a real tensor's conj() sets no bit, and force=True shares
    real = torch.arange(3.0)
    assert not real.conj().is_conj()
    assert overlaps(real.conj().numpy(force=True), real)


@pytest.mark.claim("numpy-force-copies-for-the-negative-bit-too")
def test_numpy_force_copies_a_tensor_with_the_negative_bit():
    c = torch.tensor([1 + 2j, 3 - 4j])
    negated = c.conj().imag
    assert negated.is_neg()
    assert shares_storage(negated, c)
    with pytest.raises(RuntimeError, match="negative bit set"):
        negated.numpy()
    forced = negated.numpy(force=True)
    assert forced.tolist() == [-2.0, 4.0]
    assert not np.shares_memory(forced, torch.view_as_real(c).numpy())
    # counter-case: c.imag has no negative bit, and force=True shares
    assert not c.imag.is_neg()
    assert np.shares_memory(c.imag.numpy(force=True), torch.view_as_real(c).numpy())


@pytest.mark.cuda
@requires_cuda
@pytest.mark.claim("numpy-force-copies-gpu-tensor")
def test_numpy_force_copies_a_gpu_tensor():
    on_gpu = torch.ones(3, device="cuda", requires_grad=True)
    forced = on_gpu.numpy(force=True)
    forced[0] = 100.0
    assert on_gpu[0].item() == 1.0
