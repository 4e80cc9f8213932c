import warnings

import pytest
import torch

from tests.conftest import shares_storage


@pytest.mark.claim(
    "slice-assignment-writes-into-storage", "copy-into-broadcasts-source", "out-argument-writes-into-out"
)
def test_snippet_three_writes_into_the_same_tensor(run_snippet):
    ns = run_snippet("memory/writing_into_a_tensor")
    x, alias = ns["x"], ns["alias"]
    assert x is alias
    assert ns["result"] is x
    assert x.untyped_storage().data_ptr() == ns["storage"]
    assert x._version == 3  # x[:] = ..., copy_, out=
    assert alias.tolist() == [[5.0, 5.0, 5.0], [6.0, 6.0, 6.0]]


@pytest.mark.claim("three-forms-write-into-existing-storage")
@pytest.mark.parametrize(
    "write",
    [
        lambda x, src: x.__setitem__(slice(None), src),
        lambda x, src: x.copy_(src),
        lambda x, src: torch.add(src, 0, out=x),
    ],
    ids=["slice-assignment", "copy_", "out"],
)
def test_each_form_writes_into_the_existing_storage(write):
    x = torch.zeros(3)
    alias, pointer = x, x.untyped_storage().data_ptr()
    src = torch.tensor([1.0, 2.0, 3.0])
    write(x, src)
    assert x is alias
    assert x.untyped_storage().data_ptr() == pointer
    assert x._version == 1
    assert alias.tolist() == [1.0, 2.0, 3.0]
    assert not shares_storage(x, src)
    # counter-cases: a plain assignment or an add without out= makes or names another tensor
    y = x
    y = src
    assert not shares_storage(y, x)
    new = torch.add(src, 0)
    assert not shares_storage(new, x)
    assert not shares_storage(new, src)


@pytest.mark.claim("slice-assignment-writes-into-storage", "plain-assignment-only-rebinds")
def test_slice_assignment_broadcasts_into_the_existing_storage():
    x = torch.zeros(2, 3)
    alias, pointer = x, x.untyped_storage().data_ptr()
    x[:] = torch.tensor([1.0, 2.0, 3.0])
    assert x is alias
    assert x.untyped_storage().data_ptr() == pointer
    assert x._version == 1
    assert alias.tolist() == [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]
    x[:] = 7
    assert x._version == 2
    assert alias.tolist() == [[7.0] * 3] * 2
    # a source that does not broadcast is refused; nothing is written
    with pytest.raises(RuntimeError, match="must match the existing size"):
        x[:] = torch.ones(4)
    assert alias.tolist() == [[7.0] * 3] * 2
    # counter-case: x = src rebinds the name; the old tensor is untouched
    src = torch.ones(2, 3)
    x = src
    assert x is not alias
    assert alias.tolist() == [[7.0] * 3] * 2


@pytest.mark.claim(
    "copy-into-broadcasts-source", "copy-keeps-no-link-to-src", "copy-refuses-extra-leading-ones"
)
def test_copy_broadcasts_src_returns_x_and_keeps_no_link_to_src():
    x = torch.zeros(2, 3)
    pointer = x.untyped_storage().data_ptr()
    src = torch.tensor([[4.0], [5.0]])
    assert x.copy_(src) is x
    assert x.untyped_storage().data_ptr() == pointer
    assert x.tolist() == [[4.0] * 3, [5.0] * 3]
    assert not shares_storage(x, src)
    src.add_(100)
    assert x.tolist() == [[4.0] * 3, [5.0] * 3]
    # x is never reshaped: a src that does not broadcast to x's shape is refused
    with pytest.raises(RuntimeError, match="must match the size"):
        x.copy_(torch.ones(4))
    with pytest.raises(RuntimeError, match=r"output with shape \[2, 3\] doesn't match the broadcast shape"):
        x.copy_(torch.ones(2, 2, 3))
    assert x.shape == (2, 3)
    # even extra leading dimensions of size 1 are refused ...
    v = torch.zeros(3)
    with pytest.raises(
        RuntimeError, match=r"output with shape \[3\] doesn't match the broadcast shape \[1, 3\]"
    ):
        v.copy_(torch.ones(1, 3))
    assert v.tolist() == [0.0, 0.0, 0.0]
    assert v._version == 0
    # ... but a source with fewer dimensions is broadcast
    v.copy_(torch.tensor(2.0))
    assert v.tolist() == [2.0, 2.0, 2.0]


@pytest.mark.claim("out-argument-writes-into-out")
def test_out_receives_the_result_and_may_be_an_input():
    a = torch.tensor([1.0, 2.0, 3.0])
    b = torch.tensor([10.0, 20.0, 30.0])
    out = torch.zeros(3)
    alias, pointer = out, out.untyped_storage().data_ptr()
    assert torch.add(a, b, out=out) is out
    assert out.untyped_storage().data_ptr() == pointer
    assert out._version == 1
    assert alias.tolist() == [11.0, 22.0, 33.0]
    assert a.tolist() == [1.0, 2.0, 3.0]
    # out may be one of the inputs
    assert torch.add(a, b, out=a) is a
    assert a.tolist() == [11.0, 22.0, 33.0]
    # counter-case: without out= the result is a new tensor
    new = torch.add(a, b)
    assert new is not a
    assert not shares_storage(new, a)


@pytest.mark.claim("copy-and-slice-assignment-convert-dtype")
def test_snippet_counts_were_truncated(run_snippet):
    ns = run_snippet("memory/writing_into_a_tensor")
    counts = ns["counts"]
    assert counts.dtype == torch.int64
    assert counts.tolist() == [0, 0, 3]


@pytest.mark.claim("copy-and-slice-assignment-convert-dtype", "in-place-arithmetic-refuses-float-into-int")
def test_float_into_int_truncates_silently_but_in_place_arithmetic_raises():
    counts = torch.zeros(3, dtype=torch.int64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        counts.copy_(torch.tensor([1.7, -1.7, 2.5]))
        assert counts.tolist() == [1, -1, 2]
        counts[:] = torch.tensor([0.9, -0.9, 3.9])
        assert counts.tolist() == [0, 0, 3]
    assert counts.dtype == torch.int64
    # the other direction converts too
    floats = torch.zeros(2, dtype=torch.float64)
    floats.copy_(torch.tensor([1, 2]))
    assert floats.dtype == torch.float64
    assert floats.tolist() == [1.0, 2.0]
    # counter-case: in-place arithmetic refuses to cast its float result to int
    with pytest.raises(RuntimeError, match="result type Float can't be cast to the desired output type Long"):
        counts += 0.5
    assert counts.tolist() == [0, 0, 3]


@pytest.mark.claim("slice-assignment-accepts-leading-ones", "zero-dim-tensor-needs-an-ellipsis")
def test_slice_assignment_accepts_extra_leading_ones_and_needs_an_ellipsis_on_a_0d_tensor():
    x = torch.zeros(3)
    pointer = x.untyped_storage().data_ptr()
    x[:] = torch.tensor([[1.0, 2.0, 3.0]])  # shape (1, 3) into shape (3,)
    assert x.shape == (3,)
    assert x.tolist() == [1.0, 2.0, 3.0]
    x[:] = torch.ones(1, 1, 3)
    assert x.tolist() == [1.0, 1.0, 1.0]
    assert x.untyped_storage().data_ptr() == pointer
    assert x._version == 2
    # counter-case: a leading dimension that is not 1 is refused
    with pytest.raises(RuntimeError, match="must be greater or equal to the number of dimensions"):
        x[:] = torch.ones(2, 3)
    assert x.tolist() == [1.0, 1.0, 1.0]
    # a 0-d tensor cannot be sliced; x[...] writes into it
    scalar = torch.tensor(1.0)
    with pytest.raises(IndexError, match="slice\\(\\) cannot be applied to a 0-dim tensor"):
        scalar[:] = 2.0
    assert scalar.item() == 1.0
    assert scalar._version == 0
    alias, pointer = scalar, scalar.untyped_storage().data_ptr()
    scalar[...] = 2.0
    assert scalar is alias
    assert scalar.untyped_storage().data_ptr() == pointer
    assert scalar.item() == 2.0
    assert scalar._version == 1


@pytest.mark.claim("out-of-range-values-are-written-as-garbage")
@pytest.mark.parametrize("dtype", [torch.int8, torch.int32, torch.int64])
@pytest.mark.parametrize("how", ["copy_", "slice"])
def test_out_of_range_nan_and_inf_are_written_silently_and_only_in_range_values_truncate(dtype, how):
    info = torch.iinfo(dtype)
    big = float(info.max) * 4 + 0.7
    source = torch.tensor(
        [1.7, -1.7, big, -big, float("nan"), float("inf"), float("-inf")], dtype=torch.float64
    )
    counts = torch.zeros(7, dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning ...
        if how == "copy_":
            counts.copy_(source)  # ... and no error
        else:
            counts[:] = source
    assert counts.dtype == dtype
    assert counts[:2].tolist() == [1, -1]  # in range: truncated towards zero
    assert counts._version == 1
    # the rest are some integers of the dtype (which ones depends on the platform), not an error
    assert all(info.min <= value <= info.max for value in counts[2:].tolist())
    # counter-case: once the values are in range, all of them truncate towards zero
    counts.copy_(torch.tensor([-127.9, -100.5, -0.5, 0.5, 99.99, 126.9, 127.0], dtype=torch.float64))
    assert counts.tolist() == [-127, -100, 0, 0, 99, 126, 127]


@pytest.mark.claim("scalar-assignment-checks-the-range")
@pytest.mark.parametrize(
    ("dtype", "value"),
    [
        *((torch.uint8, v) for v in (float("nan"), float("inf"), 1e30, 300.0, 256)),
        *((torch.int8, v) for v in (float("nan"), 128, -129, -1e3)),
        *((torch.int64, v) for v in (float("nan"), float("inf"), -float("inf"), 1e30)),
        *((torch.int32, v) for v in (2**31, 2**62)),  # integers within int64's range
    ],
)
def test_a_python_number_out_of_range_is_refused_by_slice_assignment(dtype, value):
    counts = torch.zeros(3, dtype=dtype)
    with pytest.raises(RuntimeError, match=r"cannot be converted to type \w+ without overflow"):
        counts[:] = value
    assert counts.tolist() == [0, 0, 0]
    # counter-case: the bounds themselves are written
    info = torch.iinfo(dtype)
    counts[:] = info.max
    assert counts.tolist() == [info.max] * 3
    counts[:] = info.min
    assert counts.tolist() == [info.min] * 3
    # counter-case: the same value from a tensor is written, silently
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        counts.copy_(torch.full((3,), value))
    # and a number in range is written (truncated)
    counts[:] = 7.9
    assert counts.tolist() == [7, 7, 7]


@pytest.mark.claim("scalar-assignment-wraps-negative-ints-into-unsigned")
def test_a_negative_integer_wraps_around_into_an_unsigned_tensor():
    counts = torch.zeros(3, dtype=torch.uint8)
    counts[:] = -1
    assert counts.tolist() == [255] * 3
    counts[:] = -255
    assert counts.tolist() == [1] * 3
    # counter-case: one further, or a negative float, is refused; a signed dtype keeps -1
    for value in (-256, -1.0, -0.5):
        with pytest.raises(RuntimeError, match="cannot be converted to type uint8_t without overflow"):
            counts[:] = value
    assert counts.tolist() == [1] * 3
    signed = torch.zeros(3, dtype=torch.int8)
    signed[:] = -1
    assert signed.tolist() == [-1] * 3
    # the same bound, minus the maximum, for the wider unsigned dtypes (uint64's lies past int64)
    for dtype, maximum in ((torch.uint16, 2**16 - 1), (torch.uint32, 2**32 - 1)):
        wide = torch.zeros(2, dtype=dtype)
        wide[:] = -maximum
        assert wide.tolist() == [1, 1]
        with pytest.raises(RuntimeError, match="without overflow"):
            wide[:] = -maximum - 1
    widest = torch.zeros(2, dtype=torch.uint64)
    widest[:] = -(2**63)
    assert widest.tolist() == [2**63, 2**63]


@pytest.mark.claim("scalar-assignment-to-bool-checks-nothing")
@pytest.mark.parametrize("value", [float("nan"), float("inf"), -1, 300, 1e30, 0.1])
def test_a_bool_tensor_takes_any_nonzero_number_as_true(value):
    flags = torch.zeros(3, dtype=torch.bool)
    flags[:] = value
    assert flags.tolist() == [True] * 3
    # counter-case: zero is False
    flags[:] = 0.0
    assert flags.tolist() == [False] * 3
    # and an integer past int64's range is refused, as for every dtype
    with pytest.raises(ValueError, match="Overflow when unpacking long long"):
        flags[:] = 2**63


@pytest.mark.claim("scalar-assignment-beyond-int64-raises-value-error")
@pytest.mark.parametrize("dtype", [torch.uint8, torch.int64, torch.bool, torch.float32])
def test_an_integer_beyond_int64_raises_value_error(dtype):
    x = torch.zeros(3, dtype=dtype)
    for value in (2**63, -(2**63) - 1):
        with pytest.raises(ValueError, match="Overflow when unpacking long long"):
            x[:] = value
    # counter-case: the largest int64 is read, then checked against the dtype (here refused or written)
    if dtype == torch.uint8:
        with pytest.raises(RuntimeError, match="without overflow"):
            x[:] = 2**63 - 1
    else:
        x[:] = 2**63 - 1
        assert bool(x.all())
