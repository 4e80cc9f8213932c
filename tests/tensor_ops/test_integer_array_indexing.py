import numpy as np
import pytest
import torch


@pytest.mark.claim("index-order-and-repeats")
def test_indices_in_any_order_and_repeated(run_snippet):
    ns = run_snippet("tensor_ops/integer_array_indexing")
    assert ns["indices"].tolist() == [0, 4, 2, 2]
    assert ns["selected"].tolist() == [10, 14, 12, 12]  # repeated index selects twice


@pytest.mark.claim("index-whole-rows-keeps-dims")
def test_one_index_tensor_keeps_the_other_dimensions(run_snippet):
    ns = run_snippet("tensor_ops/integer_array_indexing")
    assert ns["selected_rows"].shape == (2, 4)
    assert ns["selected_rows"].tolist() == [[0, 1, 2, 3], [8, 9, 10, 11]]
    assert ns["selected_cols"].shape == (3, 2)
    assert ns["selected_cols"].tolist() == [[1, 3], [5, 7], [9, 11]]


@pytest.mark.claim("index-tensors-broadcast")
def test_one_dimensional_index_tensors_give_a_1d_result(run_snippet):
    ns = run_snippet("tensor_ops/integer_array_indexing")
    assert ns["selected_elements"].tolist() == [1, 7, 8]
    assert ns["selected_elements"].dim() == 1


@pytest.mark.claim("index-tensors-broadcast")
def test_counter_case_index_tensors_broadcast_to_a_2d_result():
    y = torch.arange(12).reshape(3, 4)
    rows, cols = torch.tensor([[0], [2]]), torch.tensor([[0, 3]])
    picked = y[rows, cols]
    assert picked.shape == torch.broadcast_shapes(rows.shape, cols.shape) == (2, 2)
    assert picked.tolist() == [[0, 3], [8, 11]]
    with pytest.raises(IndexError, match="shape mismatch"):
        y[torch.tensor([0, 1]), torch.tensor([0, 1, 2])]  # shapes that do not broadcast


@pytest.mark.claim("index-with-long-or-int-tensors")
def test_lists_long_and_int_tensors_index_alike(run_snippet):
    ns = run_snippet("tensor_ops/integer_array_indexing")
    y = ns["y"]
    expected = [[8, 9, 10, 11], [0, 1, 2, 3]]
    assert y[[2, 0]].tolist() == expected
    assert y[torch.tensor([2, 0], dtype=torch.long)].tolist() == expected
    assert y[torch.tensor([2, 0], dtype=torch.int32)].tolist() == expected
    assert y[:, torch.tensor([3, 1], dtype=torch.int32)].tolist() == [[3, 1], [7, 5], [11, 9]]
    assert ns["indices"].dtype == torch.int64


@pytest.mark.claim("index-with-long-or-int-tensors")
@pytest.mark.parametrize(
    "dtype_name",
    # by name: torch.uint16/32/64 appeared in torch 2.3; on an older torch (tests/ also runs against
    # old releases: nox -s upgrade) a type that does not exist cannot be used as an index either
    ["int8", "int16", "uint16", "uint32", "uint64", "float32", "float64"],
)
def test_counter_case_other_element_types_raise(dtype_name):
    if not hasattr(torch, dtype_name):
        pytest.skip(f"torch {torch.__version__} has no torch.{dtype_name}")
    y = torch.arange(12).reshape(3, 4)
    with pytest.raises(IndexError, match="tensors used as indices must be long, int, byte or bool tensors"):
        y[torch.tensor([2, 0]).to(getattr(torch, dtype_name))]
    if dtype_name.startswith("int"):
        # counter-case: the same dtype, 0-dim, is taken as a plain integer
        assert y[torch.tensor(2).to(getattr(torch, dtype_name))].tolist() == y[2].tolist()


@pytest.mark.claim("uint8-index-tensor-is-a-deprecated-mask")
def test_counter_case_a_uint8_tensor_is_taken_as_a_deprecated_mask():
    y = torch.arange(12).reshape(3, 4)
    with pytest.warns(UserWarning, match="indexing with dtype torch.uint8 is now deprecated"):
        picked = y[torch.tensor([1, 0, 1], dtype=torch.uint8)]
    assert picked.tolist() == [[0, 1, 2, 3], [8, 9, 10, 11]]  # rows 0 and 2, as a mask would
    assert not picked.equal(y[torch.tensor([1, 0, 1])])  # not rows 1, 0, 1


@pytest.mark.claim("index-order-and-repeats")
def test_counter_case_a_slice_can_neither_reorder_nor_repeat(run_snippet):
    ns = run_snippet("tensor_ops/integer_array_indexing")
    x = ns["x"]
    assert x[[4, 0]].tolist() == [14, 10]  # out of order ...
    assert x[[2] * 15].numel() == 15 > x.numel()  # ... and more elements than x has
    for start in [None, *range(-10, 11)]:
        for stop in [None, *range(-10, 11)]:
            for step in (None, 1, 2, 3):
                values = x[start:stop:step].tolist()
                assert values == sorted(set(values)), (start, stop, step)  # increasing, no repeat
    with pytest.raises(ValueError, match="step must be greater than zero"):
        x[4:0:-1]


@pytest.mark.claim("index-whole-rows-keeps-dims")
def test_counter_case_an_int_drops_the_dimension_and_indices_for_every_dimension_keep_none(run_snippet):
    ns = run_snippet("tensor_ops/integer_array_indexing")
    y = ns["y"]
    assert y[torch.tensor([2])].shape == (1, 4)  # an index tensor keeps the indexed dimension
    assert y[2].shape == (4,)  # a plain int does not
    assert y[:, 1].shape == (3,)
    assert ns["selected_elements"].shape == (3,)  # index tensors for both dimensions: no row kept


@pytest.mark.claim(
    "zero-dim-index-next-to-index-tensors-acts-as-integer", "numpy-broadcasts-a-0-dim-index-with-the-others"
)
def test_a_0_dim_index_tensor_next_to_index_tensors_acts_as_an_integer():
    z = torch.arange(24).view(2, 3, 4)
    first, cols = torch.tensor(0), torch.tensor([1, 3])
    assert first.dim() == 0
    picked = z[first, :, cols]
    assert picked.shape == z[0, :, cols].shape == (3, 2)  # dimension 0 taken out first, as by an int
    assert picked.equal(z[0][:, cols])
    # counter-case: NumPy broadcasts the 0-dim index with the array, and puts that dimension first
    assert z.numpy()[np.array(0), :, cols.numpy()].shape == (2, 3)
    # ... as PyTorch does with a one-element 1-D index tensor in its place
    assert z[torch.tensor([0]), :, cols].shape == (2, 3)


@pytest.mark.claim("dims-without-an-index-tensor-stay")
def test_counter_case_dimensions_without_an_index_tensor_stay_in_the_result():
    z = torch.arange(24).view(2, 3, 4)
    a, b = torch.tensor([0, 1]), torch.tensor([1, 2])
    assert torch.broadcast_shapes(a.shape, b.shape) == (2,)
    assert z[a, b].shape == (2, 4)
    assert z[a, b].tolist() == [z[0, 1].tolist(), z[1, 2].tolist()]
    assert z[a, :, b].shape == (2, 3)
    assert z[a, :, b].tolist() == [z[0, :, 1].tolist(), z[1, :, 2].tolist()]
    assert z[a, b, torch.tensor([3, 0])].shape == (2,)  # every dimension covered: the broadcast shape
