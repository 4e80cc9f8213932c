import warnings

import numpy as np
import pytest
import torch

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("in-place-returns-the-tensor-itself")
def test_in_place_ops_write_into_x_and_chain(run_snippet):
    ns = run_snippet("memory/in_place_add_and_mul")
    x, y = ns["x"], ns["y"]
    assert ns["returned"] is x  # what the snippet prints as x.add_(y) is x
    assert ns["total"] is not x  # counter-case: x + y is another tensor
    # ((1,2,3) + (4,5,6)) then (+ (4,5,6)) * 2
    assert x.tolist() == [18, 24, 30]
    assert y.tolist() == [4, 5, 6]


@pytest.mark.claim("in-place-returns-the-tensor-itself", "in-place-allocates-no-new-storage")
def test_in_place_returns_the_tensor_itself_in_its_own_storage(run_snippet):
    ns = run_snippet("memory/in_place_add_and_mul")
    x, y = ns["x"], ns["y"]
    pointer, storage = x.data_ptr(), x.untyped_storage().data_ptr()
    assert x.add_(y) is x
    assert x.add_(y).mul_(2) is x
    assert x.data_ptr() == pointer
    assert x.untyped_storage().data_ptr() == storage


def allocations(operation) -> list[int]:
    """The sizes, in bytes, of the CPU memory the profiler sees allocated while operation() runs."""
    with warnings.catch_warnings():
        # torch 2.10-2.12 warn about the profiler's own bookkeeping: not what this test checks
        warnings.filterwarnings("ignore", message="Warning: Profiler clears events", category=UserWarning)
        with torch.profiler.profile(
            activities=[torch.profiler.ProfilerActivity.CPU], profile_memory=True
        ) as prof:
            operation()
        events = prof.events()
    return [event.cpu_memory_usage for event in events if event.cpu_memory_usage > 0]


@pytest.mark.claim("in-place-allocates-no-new-storage", "type-promotion-uses-temporary-memory")
def test_type_promotion_uses_temporary_memory_but_the_result_lands_in_the_old_storage():
    n = 1_000_000
    x = torch.zeros(n)  # float32
    doubles = torch.ones(n, dtype=torch.float64)
    pointer, storage, nbytes = x.data_ptr(), x.untyped_storage().data_ptr(), x.untyped_storage().nbytes()
    result = []
    seen = allocations(lambda: result.append(x.add_(doubles)))
    # the result: the same tensor, the same storage, still float32
    assert result[0] is x
    assert x.dtype == torch.float32
    assert x.data_ptr() == pointer
    assert x.untyped_storage().data_ptr() == storage
    assert x.untyped_storage().nbytes() == nbytes
    assert x[0].item() == 1.0
    # but on the way a float64 temporary (8 bytes an element) was allocated
    assert seen
    assert max(seen) >= n * 8
    # counter-case: the same dtype needs no temporary at all
    singles = torch.ones(n)
    assert allocations(lambda: x.add_(singles)) == []
    assert x.data_ptr() == pointer
    # and the out-of-place form allocates the result itself: a new tensor in new storage
    created = []
    assert max(allocations(lambda: created.append(x + singles))) >= n * 4
    assert not shares_storage(created[0], x)


@pytest.mark.claim("in-place-returns-the-tensor-itself", "in-place-allocates-no-new-storage")
def test_counter_case_out_of_place_makes_a_new_tensor(run_snippet):
    ns = run_snippet("memory/in_place_add_and_mul")
    x, total = ns["x"], ns["total"]
    assert total is not x
    assert not shares_storage(total, x)
    assert total.tolist() == [22, 29, 36]
    assert x.tolist() == [18, 24, 30]  # unchanged by x + y


@pytest.mark.claim("in-place-methods-end-in-underscore")
def test_the_underscore_method_is_in_place_and_the_plain_one_is_not():
    x = torch.tensor([1, 2, 3])
    y = torch.tensor([4, 5, 6])
    new = x.add(y)
    assert new is not x
    assert not shares_storage(new, x)
    assert x.tolist() == [1, 2, 3]
    assert x.mul_(2) is x
    assert x.tolist() == [2, 4, 6]
    assert x._version == 1


@pytest.mark.claim("operators-and-index-assignment-are-in-place")
def test_operators_and_index_assignment_are_in_place_without_an_underscore():
    x = torch.tensor([1, 2, 3])
    y = torch.tensor([4, 5, 6])
    alias, pointer = x, x.data_ptr()
    x += y
    assert x is alias
    assert x.data_ptr() == pointer
    assert x._version == 1
    x[0] = 1
    assert x._version == 2
    assert x.tolist() == [1, 7, 9]
    # counter-case: x = x + y rebinds the name to a new tensor; the old one is unchanged
    x = x + y
    assert x is not alias
    assert alias.tolist() == [1, 7, 9]


@pytest.mark.claim("in-place-visible-through-aliases")
def test_an_in_place_change_is_seen_by_views_slices_and_numpy_arrays():
    x = torch.arange(6.0)
    view = x.view(2, 3)
    piece = x[2:4]
    array = x.numpy()
    source = np.zeros(3)
    from_source = torch.from_numpy(source)
    x.mul_(10)
    from_source.add_(1)
    assert view.tolist() == [[0.0, 10.0, 20.0], [30.0, 40.0, 50.0]]
    assert piece.tolist() == [20.0, 30.0]
    assert array.tolist() == [0.0, 10.0, 20.0, 30.0, 40.0, 50.0]
    assert source.tolist() == [1.0, 1.0, 1.0]


@pytest.mark.claim("in-place-visible-through-aliases")
def test_counter_case_a_clone_does_not_see_an_in_place_change():
    x = torch.arange(3.0)
    copy = x.clone()
    assert not overlaps(copy, x)
    x.mul_(10)
    assert copy.tolist() == [0.0, 1.0, 2.0]


@pytest.mark.claim("in-place-keeps-shape-and-dtype")
def test_in_place_cannot_change_the_dtype():
    x = torch.tensor([1, 2, 3])
    with pytest.raises(RuntimeError, match="result type Float can't be cast to the desired output type Long"):
        x.mul_(0.5)
    assert x.tolist() == [1, 2, 3]
    assert x.dtype == torch.int64
    # counter-case: the out-of-place form returns a new floating-point tensor
    halved = x * 0.5
    assert halved.dtype == torch.float32
    assert halved.tolist() == [0.5, 1.0, 1.5]
    # a float tensor accepts an integer operand: the result still fits in x's dtype
    f = torch.zeros(3)
    f.add_(torch.tensor([1, 2, 3]))
    assert f.dtype == torch.float32


@pytest.mark.claim("in-place-keeps-shape-and-dtype")
def test_in_place_broadcasts_the_operand_but_not_the_tensor_itself():
    x = torch.zeros(2, 3)
    assert x.add_(torch.ones(3)).shape == (2, 3)  # y (3,) is broadcast to x's (2, 3)
    small = torch.zeros(3)
    with pytest.raises(
        RuntimeError, match=r"output with shape \[3\] doesn't match the broadcast shape \[2, 3\]"
    ):
        small.add_(torch.ones(2, 3))
    assert small.shape == (3,)
    # counter-case: out of place, the same shapes broadcast to a new (2, 3) tensor
    assert (small + torch.ones(2, 3)).shape == (2, 3)


SHAPE_METHODS = {
    # name: (the call, the tensor's shape before, its shape after)
    "unsqueeze_": (lambda t: t.unsqueeze_(0), (2, 3), (1, 2, 3)),
    "squeeze_": (lambda t: t.squeeze_(), (1, 6), (6,)),
    "t_": (lambda t: t.t_(), (2, 3), (3, 2)),
    "resize_": (lambda t: t.resize_(6), (2, 3), (6,)),
    "as_strided_": (lambda t: t.as_strided_((3, 2), (1, 3)), (2, 3), (3, 2)),
}


@pytest.mark.claim("in-place-shape-methods-change-shape")
@pytest.mark.parametrize("name", list(SHAPE_METHODS))
def test_shape_methods_change_the_shape_in_place(name):
    change, before, after = SHAPE_METHODS[name]
    tensor = torch.arange(6.0).reshape(before)
    pointer = tensor.data_ptr()
    assert change(tensor) is tensor  # the same tensor object ...
    assert tensor.shape == after  # ... with a new shape
    assert tensor.data_ptr() == pointer


@pytest.mark.claim("in-place-shape-methods-change-shape", "in-place-keeps-shape-and-dtype")
def test_counter_case_the_out_of_place_forms_leave_the_shape_alone():
    tensor = torch.arange(6.0).reshape(2, 3)
    for new in (tensor.unsqueeze(0), tensor.t(), tensor[:1].squeeze(), tensor.as_strided((3, 2), (1, 3))):
        assert new is not tensor
    assert tensor.shape == (2, 3)
    # and arithmetic cannot change the shape, whether in place or (for the tensor itself) out of place
    assert tensor.add_(1).shape == (2, 3)


@pytest.mark.claim("in-place-keeps-no-old-values")
def test_the_old_values_are_gone_unless_cloned_before():
    x = torch.tensor([1.0, 2.0, 3.0])
    saved = x.clone()
    view = x[:]
    x.mul_(0)
    # nothing that shares x's memory kept the old values ...
    assert x.tolist() == [0.0, 0.0, 0.0]
    assert view.tolist() == [0.0, 0.0, 0.0]
    # ... only the copy made before the change did
    assert not shares_storage(saved, x)
    assert saved.tolist() == [1.0, 2.0, 3.0]


@pytest.mark.claim("method-without-underscore-may-return-a-view")
@pytest.mark.parametrize(
    "method",
    [
        lambda x: x.t(),
        lambda x: x.unsqueeze(0),
        lambda x: x.squeeze(),
        lambda x: x.as_strided((3,), (1,)),
    ],
    ids=["t", "unsqueeze", "squeeze", "as_strided"],
)
def test_some_methods_without_an_underscore_return_views(method):
    x = torch.arange(6.0).reshape(2, 3)
    result = method(x)
    assert result is not x
    assert shares_storage(result, x)
    assert overlaps(result, x)
    result.fill_(-1.0)
    assert (x == -1.0).sum().item() == result.numel()  # the write reached x
    # counter-case: add() and mul() give storage of their own
    for new in (x.add(1), x.mul(2)):
        assert not shares_storage(new, x)


@pytest.mark.claim("resize-beyond-capacity-allocates-storage")
def test_resize_beyond_the_storage_gives_that_storage_new_memory():
    x = torch.zeros(2)
    view = x[:1]
    old_pointer = x.untyped_storage().data_ptr()
    assert x.resize_(1000) is x  # in place: the same tensor object ...
    assert x.untyped_storage().nbytes() == 1000 * 4  # ... its storage now larger ...
    assert x.untyped_storage().data_ptr() != old_pointer  # ... at a new address ...
    # ... and still the one storage: a view made before moved along
    assert view.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
    assert view.untyped_storage().nbytes() == 1000 * 4
    # counter-case: in-place arithmetic, and a resize_ that fits, keep the storage
    y = torch.zeros(6)
    pointer = y.untyped_storage().data_ptr()
    y.add_(1).mul_(2)
    y.resize_(2, 3)
    y.resize_(4)
    assert y.untyped_storage().data_ptr() == pointer
    assert y.untyped_storage().nbytes() == 6 * 4
