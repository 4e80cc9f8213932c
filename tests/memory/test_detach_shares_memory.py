import pytest
import torch

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("detached-write-changes-weights", "detach-does-not-copy")
def test_detach_leaves_autograd_but_shares_memory(run_snippet):
    ns = run_snippet("memory/detach_shares_memory")
    weights, detached = ns["weights"], ns["detached"]
    assert weights.requires_grad
    assert not detached.requires_grad
    assert detached.grad_fn is None
    assert shares_storage(detached, weights)
    assert overlaps(detached, weights)
    # the write through the detached tensor reached weights
    assert weights.tolist() == [10.0, 2.0, 3.0]


@pytest.mark.claim("detach-does-not-copy")
@pytest.mark.parametrize(
    "make",
    [
        lambda w: w,  # a leaf
        lambda w: w * 2,  # a result of a computation
        lambda w: w[1:],  # a slice, at an offset
        lambda w: w.t(),  # a non-contiguous view
    ],
    ids=["leaf", "non-leaf", "slice", "transpose"],
)
def test_detach_never_copies(make):
    weights = torch.arange(6.0).reshape(2, 3).requires_grad_()
    tensor = make(weights)
    detached = tensor.detach()
    assert not detached.requires_grad
    assert detached.data_ptr() == tensor.data_ptr()
    assert detached.stride() == tensor.stride()
    detached.zero_()
    assert tensor.detach().abs().sum().item() == 0  # tensor itself shows the zeros


@pytest.mark.claim("detach-shares-version-counter")
def test_detach_shares_the_version_counter(run_snippet):
    ns = run_snippet("memory/detach_shares_memory")
    weights, detached = ns["weights"], ns["detached"]
    assert weights._version == 1  # the snippet's detached[0] = 10.0
    assert detached._version == weights._version
    detached.add_(1)
    assert weights._version == detached._version == 2


@pytest.mark.claim("detach-shares-version-counter")
def test_a_write_through_detach_is_not_refused_but_makes_backward_raise():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    assert torch.is_grad_enabled()
    with pytest.raises(RuntimeError, match="a view of a leaf Variable that requires grad"):
        weights[0] = 10.0  # refused by grad mode ...
    with torch.no_grad():
        weights[0] = 1.0  # ... and accepted without it (the value it had)
    assert weights._version == 1
    loss = (weights * weights).sum()  # saves weights
    weights.detach()[0] = 10.0  # accepted ...
    assert weights.tolist() == [10.0, 2.0, 3.0]
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()  # ... but noticed


@pytest.mark.claim("detach-shares-version-counter")
def test_counter_case_a_write_through_detach_before_the_graph_is_built_is_fine():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    weights.detach()[0] = 10.0
    (weights * weights).sum().backward()  # saved at version 1, still at version 1
    assert weights.grad.tolist() == [20.0, 4.0, 6.0]


@pytest.mark.claim("data-has-its-own-version-counter")
def test_data_shares_storage_but_not_the_version_counter():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    data = weights.data
    assert shares_storage(data, weights)
    assert not data.requires_grad
    loss = (weights * weights).sum()
    data[0] = 10.0
    assert weights.tolist() == [10.0, 2.0, 3.0]
    assert data._version == 1
    assert weights._version == 0
    loss.backward()  # nothing noticed the write: no error
    assert weights.grad.tolist() == [20.0, 4.0, 6.0]  # from the new value, not 2 * 1.0
    # counter-case: the same write through detach() is counted
    weights.detach()[0] = 1.0
    assert weights._version == 1


@pytest.mark.claim("detach-clone-copies")
def test_counter_case_detach_clone_copies(run_snippet):
    ns = run_snippet("memory/detach_shares_memory")
    weights, copy = ns["weights"], ns["copy"]
    assert not shares_storage(copy, weights)
    assert not copy.requires_grad
    assert copy.tolist() == [10.0, -1.0, 3.0]
    assert weights[1].item() == 2.0
    copy.add_(1)
    assert weights.tolist() == [10.0, 2.0, 3.0]
    assert weights._version == 1  # only the snippet's write through detached counted
