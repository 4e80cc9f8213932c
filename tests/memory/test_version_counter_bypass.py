import numpy as np
import pytest
import torch

from tests.conftest import overlaps, shares_storage

RIGHT = [2.0, 4.0, 6.0]
WRONG = [20.0, 40.0, 60.0]


@pytest.mark.claim(
    "bypass-writes-go-unnoticed-and-corrupt-gradient", "bypass-gives-a-wrong-gradient-silently"
)
def test_snippet_three_bypasses_give_the_same_wrong_gradient(run_snippet):
    ns = run_snippet("memory/version_counter_bypass")
    assert ns["clean"].grad.tolist() == RIGHT
    for name in ("x", "y", "z"):
        tensor = ns[name]
        assert tensor._version == 0, name
        assert tensor.tolist() == [10.0, 20.0, 30.0], name  # the write happened
        assert tensor.grad.tolist() == WRONG, name
    assert np.shares_memory(ns["y_array"], ns["y"].detach().numpy())
    assert overlaps(ns["z"], ns["source"])


@pytest.mark.claim("loss-and-gradient-disagree-after-a-bypass", "bypass-gives-a-wrong-gradient-silently")
def test_the_loss_belongs_to_the_old_values_the_gradient_to_the_new():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    loss = (x * x).sum()
    x.data.mul_(10)
    loss.backward()
    assert loss.item() == 14.0  # 1 + 4 + 9: computed before the write
    assert x.grad.tolist() == WRONG  # 2 * [10, 20, 30]: after it
    # counter-case: without the write the same graph gives the right gradient
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    (x * x).sum().backward()
    assert x.grad.tolist() == RIGHT


@pytest.mark.claim("bypass-writes-go-unnoticed-and-corrupt-gradient")
def test_the_from_numpy_leaf_lives_in_the_source_array():
    source = np.array([1.0, 2.0, 3.0], dtype=np.float32)
    z = torch.from_numpy(source).requires_grad_()
    assert z.is_leaf
    assert z.data_ptr() == source.ctypes.data
    source *= 10
    assert z.tolist() == [10.0, 20.0, 30.0]
    assert z._version == 0


@pytest.mark.claim("torch-in-place-write-is-caught-where-bypass-is-not")
def test_snippet_the_same_change_by_torch_is_refused(run_snippet):
    ns = run_snippet("memory/version_counter_bypass")
    w = ns["w"]
    assert w.tolist() == [10.0, 20.0, 30.0]
    assert w._version == 1
    assert w.grad is None  # backward refused
    with pytest.raises(RuntimeError, match=r"is at version 1; expected version 0 instead"):
        ns["loss"].backward()


@pytest.mark.claim("torch-in-place-write-is-caught-where-bypass-is-not")
@pytest.mark.parametrize(
    "write",
    [
        lambda t: t.detach().mul_(10),
        lambda t: t.detach()[:].mul_(10),
    ],
    ids=["detach", "view-of-detach"],
)
def test_a_torch_write_through_a_detached_alias_is_refused_too(write):
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    loss = (x * x).sum()
    write(x)
    assert x._version == 1
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()
    # counter-case: the same write through .data is not counted
    y = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    loss = (y * y).sum()
    assert shares_storage(y.data, y)
    y.data.mul_(10)
    loss.backward()
    assert y.grad.tolist() == WRONG


@pytest.mark.claim("torch-in-place-write-is-caught-where-bypass-is-not")
@pytest.mark.parametrize(
    "write",
    [
        lambda t: t.mul_(10),
        lambda t: t[:].mul_(10),
        lambda t: t.view(3).mul_(10),
    ],
    ids=["itself", "slice-view", "view"],
)
def test_a_write_on_the_tensor_or_its_views_under_no_grad_is_refused(write):
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    loss = (x * x).sum()
    with torch.no_grad():
        write(x)
    assert x._version == 1
    with pytest.raises(RuntimeError, match=r"is at version 1; expected version 0 instead"):
        loss.backward()


@pytest.mark.claim(
    "torch-in-place-write-is-caught-where-bypass-is-not",
    "data-in-place-counts-on-data-only",
    "apply-and-map-not-counted-even-on-detach",
)
def test_what_counts_is_the_tensor_written_through_not_the_library():
    # x.data.mul_ is a PyTorch in-place operation, counted only on the .data tensor
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    loss = (x * x).sum()
    data = x.data
    data.mul_(10)
    assert data._version == 1
    assert x._version == 0
    assert x.tolist() == [10.0, 20.0, 30.0]
    loss.backward()
    assert x.grad.tolist() == WRONG
    # apply_ and map_, even on x.detach() itself, are not counted
    for rewrite in (
        lambda d: d.apply_(lambda value: value * 10),
        lambda d: d.map_(torch.zeros(3), lambda a, b: a * 10),
    ):
        y = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        loss = (y * y).sum()
        detached = y.detach()
        rewrite(detached)
        assert y.tolist() == [10.0, 20.0, 30.0]
        assert y._version == detached._version == 0
        loss.backward()
        assert y.grad.tolist() == WRONG
    # counter-case: mul_ on the same detached alias is counted
    z = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    loss = (z * z).sum()
    z.detach().mul_(10)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()
