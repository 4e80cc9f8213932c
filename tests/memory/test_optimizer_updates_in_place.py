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


@pytest.mark.claim("optimizer-step-updates-parameter-in-place")
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


@pytest.mark.claim("manual-update-needs-no-grad")
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


@pytest.mark.claim("step-before-backward-is-refused")
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
