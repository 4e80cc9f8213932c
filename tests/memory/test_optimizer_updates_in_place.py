import pytest
import torch

LEAF_MESSAGE = "a leaf Variable that requires grad is being used in an in-place operation"


@pytest.mark.claim("optimizer-step-updates-parameter-in-place")
def test_snippet_step_writes_into_the_same_parameter(run_snippet):
    ns = run_snippet("memory/optimizer_updates_in_place")
    weight = ns["weight"]
    assert weight is ns["before"]
    assert isinstance(weight, torch.nn.Parameter)
    assert weight.untyped_storage().data_ptr() == ns["storage"]
    assert weight.is_leaf
    assert weight.requires_grad


@pytest.mark.claim("optimizer-step-updates-parameter-in-place")
@pytest.mark.parametrize(
    "make",
    [
        lambda p: torch.optim.SGD([p], lr=0.1),
        lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9),
        lambda p: torch.optim.Adam([p], lr=0.1),
    ],
    ids=["sgd", "sgd-momentum", "adam"],
)
def test_step_keeps_object_and_storage_and_bumps_the_version(make):
    weight = torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0]))
    optimizer = make(weight)
    (weight * weight).sum().backward()
    alias, pointer, version = weight, weight.untyped_storage().data_ptr(), weight._version
    view = weight.detach()[1:]
    optimizer.step()
    assert weight is alias
    assert weight.untyped_storage().data_ptr() == pointer
    assert weight._version > version
    assert view.tolist() == weight.detach()[1:].tolist()  # an alias sees the new values
    assert weight.tolist() != [1.0, 2.0, 3.0]
    assert torch.is_grad_enabled()  # step() left grad mode as it was


@pytest.mark.claim("optimizer-step-updates-parameter-in-place", "sgd-step-is-weight-minus-lr-grad")
def test_sgd_step_is_weight_minus_lr_times_grad_counted_once():
    weight = torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0]))
    optimizer = torch.optim.SGD([weight], lr=0.1)
    (weight * weight).sum().backward()
    optimizer.step()
    torch.testing.assert_close(weight.detach(), torch.tensor([0.8, 1.6, 2.4]))
    assert weight._version == 1


@pytest.mark.claim("manual-update-needs-no-grad")
def test_snippet_manual_update(run_snippet):
    ns = run_snippet("memory/optimizer_updates_in_place")
    weight = ns["weight"]
    assert weight is ns["before"]  # the refused -= did not rebind the name
    # step, manual update under no_grad, step: three writes
    assert weight._version == 3
    torch.testing.assert_close(weight.detach(), torch.tensor([0.4, 0.8, 1.2]))


@pytest.mark.claim("manual-update-needs-no-grad", "manual-update-runs-under-no-grad")
def test_the_same_update_by_hand_matches_step_only_under_no_grad():
    weight = torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0]))
    (weight * weight).sum().backward()
    with pytest.raises(RuntimeError, match=LEAF_MESSAGE):
        weight -= 0.1 * weight.grad
    assert weight._version == 0
    assert weight.tolist() == [1.0, 2.0, 3.0]
    alias, pointer = weight, weight.data_ptr()
    with torch.no_grad():
        weight -= 0.1 * weight.grad
    assert weight is alias
    assert weight.data_ptr() == pointer
    assert weight._version == 1
    reference = torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0]))
    (reference * reference).sum().backward()
    torch.optim.SGD([reference], lr=0.1).step()
    assert torch.equal(weight.detach(), reference.detach())


@pytest.mark.claim("step-before-backward-is-refused")
def test_snippet_graph_built_before_step(run_snippet):
    ns = run_snippet("memory/optimizer_updates_in_place")
    with pytest.raises(RuntimeError, match=r"is at version 3; expected version 2 instead"):
        ns["loss"].backward()


@pytest.mark.claim("step-before-backward-is-refused", "graphs-that-did-not-save-the-parameter-still-run")
def test_counter_case_a_graph_that_did_not_save_the_parameter_still_runs():
    weight = torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0]))
    optimizer = torch.optim.SGD([weight], lr=0.1)
    weight.grad = torch.ones(3)
    saved = (weight * weight).sum()  # saves weight
    not_saved = (weight * 2).sum()  # multiplying by a number saves no tensor
    optimizer.step()
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        saved.backward()
    weight.grad = None
    not_saved.backward()
    assert weight.grad.tolist() == [2.0, 2.0, 2.0]
    # and a graph built after step() saves the new version
    weight.grad = None
    (weight * weight).sum().backward()
    torch.testing.assert_close(weight.grad, 2 * weight.detach())


@pytest.mark.claim("optimizer-step-updates-parameter-in-place")
@pytest.mark.parametrize(
    "make",
    [
        lambda p: torch.optim.Adam([p], lr=0.1),
        lambda p: torch.optim.SGD([p], lr=0.1, weight_decay=0.5),
        lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9),
    ],
    ids=["adam", "sgd-weight-decay", "sgd-momentum"],
)
def test_other_optimizers_compute_other_values_but_write_in_place(make):
    weight = torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0]))
    optimizer = make(weight)
    loss = (weight * weight).sum()
    loss.backward()
    plain_sgd = (weight.detach() - 0.1 * weight.grad).clone()
    alias, pointer = weight, weight.untyped_storage().data_ptr()
    view = weight.detach()[1:]
    for _ in range(2):  # momentum differs from plain SGD from the second step on
        optimizer.step()
    assert weight is alias
    assert weight.untyped_storage().data_ptr() == pointer
    assert view.tolist() == weight.detach()[1:].tolist()
    assert weight._version >= 2
    # not weight - lr * grad (twice)
    assert not torch.allclose(weight.detach(), plain_sgd - 0.1 * weight.grad)


@pytest.mark.claim("sgd-step-is-weight-minus-lr-grad")
def test_the_first_adam_step_and_weight_decay_give_other_values():
    weight = torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0]))
    (weight * weight).sum().backward()  # grad = [2, 4, 6]
    torch.optim.Adam([weight], lr=0.1).step()
    # Adam's first step moves each element by about lr, whatever the size of its gradient
    torch.testing.assert_close(weight.detach(), torch.tensor([0.9, 1.9, 2.9]))
    decayed = torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0]))
    (decayed * decayed).sum().backward()
    torch.optim.SGD([decayed], lr=0.1, weight_decay=0.5).step()
    # weight - lr * (grad + weight_decay * weight)
    torch.testing.assert_close(decayed.detach(), torch.tensor([0.75, 1.5, 2.25]))
    # counter-case: plain SGD gives weight - lr * grad
    plain = torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0]))
    (plain * plain).sum().backward()
    torch.optim.SGD([plain], lr=0.1).step()
    torch.testing.assert_close(plain.detach(), torch.tensor([0.8, 1.6, 2.4]))
