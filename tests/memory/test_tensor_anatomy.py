import itertools

import numpy as np
import pytest
import torch

from tests.conftest import overlaps, shares_storage

NAMES = ("x", "corner", "xt", "every_other")


def flat_storage(t):
    """The whole storage of t, as a 1-D tensor of t's dtype (independent of t's shape and strides)."""
    return torch.tensor([], dtype=t.dtype).set_(t.untyped_storage())


def cell(t, index):
    """Where the formula puts element `index`: offset + sum of index * stride."""
    return t.storage_offset() + sum(i * s for i, s in zip(index, t.stride(), strict=True))


def every_index(t):
    return itertools.product(*(range(n) for n in t.shape))


@pytest.mark.claim("tensor-is-a-view-onto-flat-storage", "same-storage-views-differ-in-three-numbers")
def test_every_view_reads_the_same_flat_storage(run_snippet):
    ns = run_snippet("memory/tensor_anatomy")
    storage = ns["storage"]
    for name in NAMES:
        t = ns[name]
        assert shares_storage(t, storage), name
        assert overlaps(t, storage), name
        assert t.untyped_storage().nbytes() == 12 * 8, name  # the whole storage, not the view's part
        # storage + shape + stride + offset are all there is: they rebuild the tensor exactly
        rebuilt = torch.as_strided(storage, t.shape, t.stride(), t.storage_offset())
        assert torch.equal(rebuilt, t), name
        assert rebuilt.data_ptr() == t.data_ptr(), name
    # counter-case: a clone has its own storage, just big enough for its 6 elements
    own = ns["corner"].clone()
    assert not shares_storage(own, storage)
    assert own.untyped_storage().nbytes() == 6 * 8
    # any tensor of the same dtype on that storage rebuilds them too: the numbers count from the
    # storage's start, not from the input's first element
    for name in NAMES:
        t = ns[name]
        rebuilt = torch.as_strided(ns["corner"], t.shape, t.stride(), t.storage_offset())
        assert torch.equal(rebuilt, t), name
    # counter-case: the storage itself (an UntypedStorage) is not accepted, only a tensor on it
    with pytest.raises(TypeError, match=r"must be Tensor, not .*UntypedStorage"):
        torch.as_strided(storage.untyped_storage(), (3, 4), (4, 1), 0)


@pytest.mark.claim("dtype-decides-the-values-too")
def test_the_dtype_decides_too_same_storage_shape_stride_offset_other_values():
    a = torch.arange(4, dtype=torch.int32)
    b = a.view(torch.float32)
    assert shares_storage(a, b)
    assert overlaps(a, b)
    assert (b.shape, b.stride(), b.storage_offset()) == (a.shape, a.stride(), a.storage_offset())
    assert a.tolist() == [0, 1, 2, 3]
    assert b.tolist() != [0.0, 1.0, 2.0, 3.0]  # the same bytes, read as float32
    assert b[1].item() != 1.0
    assert b[1].item() > 0.0
    # counter-case: the same four numbers with the same dtype give back the same values
    same = torch.as_strided(a, a.shape, a.stride(), a.storage_offset())
    assert torch.equal(same, a)
    # but the same four numbers on a float32 tensor of that storage read the cells as float32
    other = torch.as_strided(b, a.shape, a.stride(), a.storage_offset())
    assert shares_storage(other, a)
    assert torch.equal(other, b)
    assert other.tolist() != a.tolist()


@pytest.mark.claim("element-address-formula")
def test_the_formula_finds_every_element_of_every_tensor(run_snippet):
    ns = run_snippet("memory/tensor_anatomy")
    base = torch.arange(24.0)
    others = {
        "permuted 3-D": base.view(2, 3, 4).permute(2, 0, 1),
        "3-D slice": base.view(2, 3, 4)[1:, ::2, 1:3],
        "expanded": base[3:7].expand(3, 4),
        "row": base.view(4, 6)[2],
    }
    tensors = {name: ns[name] for name in NAMES} | others
    for name, t in tensors.items():
        flat = flat_storage(t)
        start = t.untyped_storage().data_ptr()
        for index in every_index(t):
            where = cell(t, index)
            assert t[index].item() == flat[where].item(), (name, index)
            # the same on addresses: the element's own address is that cell's
            assert t[index].data_ptr() == start + where * t.element_size(), (name, index)
    assert ns["cell"] == 11
    assert ns["corner"][1, 2].item() == 11


@pytest.mark.claim("conj-and-neg-views-read-other-values")
def test_counter_case_conjugate_and_negative_views_read_other_values_than_their_cells():
    z = torch.tensor([1 + 2j])
    c = z.conj()
    assert c.is_conj()
    assert shares_storage(c, z)
    # the formula still names the element's address ...
    assert c[0].data_ptr() == c.untyped_storage().data_ptr() + cell(c, (0,)) * c.element_size()
    # ... but the cell holds 1+2j while the element reads 1-2j
    assert flat_storage(c)[cell(c, (0,))].item() == 1 + 2j
    assert c[0].item() == 1 - 2j
    imag = c.imag
    assert imag.is_neg()
    cells = torch.tensor([], dtype=imag.dtype).set_(imag.untyped_storage())  # [1., 2.]: real, imag
    assert cells[cell(imag, (0,))].item() == 2.0
    assert imag[0].item() == -2.0
    # counter-case: without the bits (resolve_conj copies), the formula finds the value again
    plain = c.resolve_conj()
    assert not plain.is_conj()
    assert flat_storage(plain)[cell(plain, (0,))].item() == plain[0].item() == 1 - 2j
    assert z.imag[0].item() == torch.tensor([], dtype=torch.float32).set_(z.untyped_storage())[1].item()


@pytest.mark.claim("sparse-tensor-has-no-storage-to-index")
def test_counter_case_a_sparse_tensor_has_no_storage_for_the_formula():
    dense = torch.tensor([[1.0, 0.0], [0.0, 2.0]])
    sparse = dense.to_sparse()
    assert sparse.layout == torch.sparse_coo
    with pytest.raises(NotImplementedError, match="Cannot access storage of SparseTensorImpl"):
        sparse.untyped_storage()
    with pytest.raises(RuntimeError, match="doesn't have storage"):
        sparse.data_ptr()
    # counter-case: the dense tensor it came from is strided, and the formula holds for it
    assert dense.layout == torch.strided
    flat = flat_storage(dense)
    assert all(dense[index].item() == flat[cell(dense, index)].item() for index in every_index(dense))


@pytest.mark.claim("element-address-formula")
def test_counter_case_the_formula_fails_without_the_real_stride_or_offset(run_snippet):
    ns = run_snippet("memory/tensor_anatomy")
    storage, xt, corner = ns["storage"], ns["xt"], ns["corner"]
    # xt's row-major strides would be (3, 1): they point at the wrong elements
    wrong = [xt[i, j].item() != storage[i * 3 + j].item() for i, j in every_index(xt)]
    assert sum(wrong) == 10  # only [0, 0] and [3, 2] happen to agree
    # leaving the offset out reads cells 5 places too early, for every element of corner
    assert all(corner[i, j].item() != storage[i * 4 + j].item() for i, j in every_index(corner))


@pytest.mark.claim("slicing-and-t-change-only-stride-and-offset", "t-swaps-and-a-step-multiplies-the-stride")
def test_strides_and_offsets_of_the_four_tensors(run_snippet):
    ns = run_snippet("memory/tensor_anatomy")
    expected = {
        "x": ((3, 4), (4, 1), 0, True),
        "corner": ((2, 3), (4, 1), 5, False),
        "xt": ((4, 3), (1, 4), 0, False),
        "every_other": ((3, 2), (4, 2), 0, False),
    }
    for name, (shape, stride, offset, contiguous) in expected.items():
        t = ns[name]
        assert (tuple(t.shape), t.stride(), t.storage_offset(), t.is_contiguous()) == (
            shape,
            stride,
            offset,
            contiguous,
        ), name
    # a step multiplies the stride by the step; a start moves the offset by start * stride
    x = ns["x"]
    assert x[:, ::3].stride() == (4, 3)
    assert x[2:, 1:].storage_offset() == 2 * 4 + 1
    # counter-case: the copies of these tensors get fresh row-major strides and offset 0
    for name in ("corner", "xt", "every_other"):
        copy = ns[name].contiguous()
        assert not shares_storage(copy, ns["storage"])
        assert copy.stride() == torch.empty(copy.shape).stride()
        assert copy.storage_offset() == 0


@pytest.mark.claim(
    "stride-and-offset-count-elements", "numpy-strides-count-bytes", "offset-in-bytes-is-data-ptr-distance"
)
@pytest.mark.parametrize("dtype", [torch.int8, torch.float32, torch.int64, torch.float64])
def test_stride_and_offset_are_in_elements_numpy_strides_in_bytes(dtype):
    x = torch.arange(12).to(dtype).view(3, 4)
    corner = x[1:, 1:]
    size = x.element_size()
    assert x.stride() == (4, 1)  # whatever the dtype
    assert corner.storage_offset() == 5
    assert corner.data_ptr() - x.data_ptr() == 5 * size  # the offset in bytes is offset * element size
    assert corner.data_ptr() - corner.untyped_storage().data_ptr() == 5 * size
    assert x.numpy().strides == (4 * size, size)  # NumPy counts bytes
    # counter-case: only with 1-byte elements do the two numbers agree
    assert (x.numpy().strides == x.stride()) == (size == 1)
    assert np.shares_memory(corner.numpy(), x.numpy())


@pytest.mark.claim("numpy-strides-count-bytes")
@pytest.mark.parametrize("dtype", [torch.int8, torch.float32, torch.float64])
def test_a_stride_of_zero_agrees_with_numpy_whatever_the_dtype(dtype):
    grid = torch.arange(4).to(dtype).expand(3, 4)
    size = grid.element_size()
    assert grid.stride() == (0, 1)
    assert grid.numpy().strides == (0, size)
    # stride by stride: PyTorch's and NumPy's agree exactly when it is 0 or the element is 1 byte
    for mine, numpys in zip(grid.stride(), grid.numpy().strides, strict=True):
        assert (mine == numpys) == (mine == 0 or size == 1)
    column = torch.tensor([1.0], dtype=dtype).expand(3)
    assert column.stride() == (0,)
    assert column.numpy().strides == (0,)


@pytest.mark.claim("empty-slice-data-ptr-is-zero", "offset-in-bytes-is-data-ptr-distance")
def test_counter_case_a_slice_without_elements_has_data_ptr_zero():
    x = torch.arange(12.0).view(3, 4)
    start = x.untyped_storage().data_ptr()
    for empty, offset in ((x[1:1], 4), (x[:, 3:3], 3), (x.view(-1)[7:7], 7)):
        assert empty.numel() == 0
        assert empty.storage_offset() == offset
        assert empty.data_ptr() == 0  # not start + offset * 4
        assert empty.untyped_storage().data_ptr() == start  # its storage is still x's
        assert start + offset * x.element_size() != 0
    # a slice with one element sits exactly offset * element_size() bytes into the storage
    one = x.view(-1)[7:8]
    assert one.data_ptr() - start == 7 * x.element_size()
