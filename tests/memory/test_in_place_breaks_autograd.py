import contextlib

import numpy as np
import pytest
import torch

from tests.conftest import shares_storage


@pytest.mark.claim("in-place-on-leaf-is-refused")
def test_in_place_on_leaf_that_requires_grad_is_refused(run_snippet):
    weights = run_snippet("memory/in_place_breaks_autograd")["weights"]
    assert weights.is_leaf
    assert weights.requires_grad
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad is being used in an in-place"):
        weights.add_(1)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad is being used in an in-place"):
        weights += 1
    assert weights.tolist() == [1.0, 2.0, 3.0]
    # an in-place op on the shape is refused even where it would change nothing: no size-1 dimension
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad is being used in an in-place"):
        weights.squeeze_()


@pytest.mark.claim("in-place-on-leaf-is-refused")
def test_in_place_on_a_view_or_slice_of_such_a_leaf_is_refused_too():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with pytest.raises(
        RuntimeError, match="a view of a leaf Variable that requires grad is being used in an in-place"
    ):
        weights[1:].mul_(2)
    with pytest.raises(
        RuntimeError, match="a view of a leaf Variable that requires grad is being used in an in-place"
    ):
        weights[0] = 5.0
    assert weights.tolist() == [1.0, 2.0, 3.0]


@pytest.mark.claim("leaf-in-place-allowed-with-grad-mode-off", "version-counter-catches-saved-tensors")
def test_counter_case_in_place_on_a_leaf_is_allowed_under_no_grad_and_still_counted():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    loss = (weights * weights).sum()  # saves weights
    with torch.no_grad():
        weights.sub_(1)  # what an optimizer step does
    assert weights.tolist() == [0.0, 1.0, 2.0]
    assert weights.requires_grad
    assert weights.is_leaf
    assert weights._version == 1
    # the no_grad update was counted: the graph built before it refuses to run
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()
    # an optimizer step is such an in-place update under no_grad
    weights.grad = torch.ones(3)
    pointer = weights.data_ptr()
    torch.optim.SGD([weights], lr=0.5).step()
    assert weights.tolist() == [-0.5, 0.5, 1.5]
    assert weights.data_ptr() == pointer
    assert weights._version == 2
    # counter-case: a tensor that does not require grad can be changed in place at any time
    plain = torch.tensor([1.0, 2.0])
    assert plain.add_(1).tolist() == [2.0, 3.0]


def _no_grad_then_enable_grad():
    with torch.no_grad(), torch.enable_grad():
        yield


GRAD_MODES = {
    # name: (a context manager, whether grad mode is on inside it)
    "set_grad_enabled(False)": (lambda: torch.set_grad_enabled(False), False),
    "no_grad": (torch.no_grad, False),
    "inference_mode": (torch.inference_mode, False),
    "no_grad, then enable_grad": (contextlib.contextmanager(_no_grad_then_enable_grad), True),
    "inference_mode(False)": (lambda: torch.inference_mode(False), True),
}


@pytest.mark.claim("in-place-on-leaf-is-refused", "leaf-in-place-allowed-with-grad-mode-off")
@pytest.mark.parametrize("name", list(GRAD_MODES))
def test_grad_mode_not_the_context_manager_decides(name):
    make, grad_mode_on = GRAD_MODES[name]
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with make():
        assert torch.is_grad_enabled() == grad_mode_on
        if grad_mode_on:
            with pytest.raises(
                RuntimeError, match="a leaf Variable that requires grad is being used in an in-place"
            ):
                weights.add_(1)
        else:
            weights.add_(1)
    assert weights.tolist() == ([1.0, 2.0, 3.0] if grad_mode_on else [2.0, 3.0, 4.0])


@pytest.mark.claim("in-place-on-leaf-is-refused")
@pytest.mark.parametrize(
    "change",
    [lambda w: w.unsqueeze_(0), lambda w: w.t_(), lambda w: w.zero_(), lambda w: w.fill_(1.0)],
    ids=["unsqueeze_", "t_", "zero_", "fill_"],
)
def test_in_place_ops_that_change_the_data_or_the_shape_are_refused(change):
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad is being used in an in-place"):
        change(weights)
    assert weights.shape == (3,)
    assert weights.tolist() == [1.0, 2.0, 3.0]


@pytest.mark.claim("requires-grad-and-share-memory-run-on-a-leaf")
def test_counter_case_requires_grad_and_share_memory_run_on_such_a_leaf():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    assert torch.is_grad_enabled()
    assert weights.requires_grad_() is weights
    assert weights.share_memory_() is weights
    assert weights.is_shared()
    assert weights.requires_grad_(False) is weights
    assert not weights.requires_grad
    assert weights.tolist() == [1.0, 2.0, 3.0]


@pytest.mark.claim("inference-tensors-track-no-version")
def test_inference_tensors_track_no_version():
    with torch.inference_mode():
        made_inside = torch.ones(3)
        made_inside.add_(1)  # allowed, but not counted anywhere
    assert made_inside.is_inference()
    with pytest.raises(RuntimeError, match="Inference tensors do not track version counter"):
        _ = made_inside._version
    # counter-case: a normal tensor changed inside inference_mode is counted
    normal = torch.ones(3)
    with torch.inference_mode():
        normal.add_(1)
    assert not normal.is_inference()
    assert normal._version == 1


@pytest.mark.claim("version-counter-catches-saved-tensors")
def test_only_in_place_ops_that_change_the_data_are_counted():
    x = torch.zeros(3)
    x.add_(1)
    x[0] = 5.0
    x.copy_(torch.ones(3))
    assert x._version == 3
    # counter-case: in-place methods that leave the data alone do not count
    x.requires_grad_()
    x.share_memory_()
    assert x._version == 3


@pytest.mark.claim("backward-refuses-a-modified-saved-tensor")
def test_overwriting_a_saved_output_fails_at_backward(run_snippet):
    weights = run_snippet("memory/in_place_breaks_autograd")["weights"]
    activations = weights.sigmoid()
    assert activations._version == 0
    activations.mul_(2)  # fine so far ...
    assert activations._version == 1
    with pytest.raises(
        RuntimeError, match=r"modified by an inplace operation.*output 0 of Sigmoid\w*, is at version 1"
    ):
        activations.sum().backward()  # ... refused here


@pytest.mark.claim("backward-refuses-a-modified-saved-tensor")
def test_overwriting_a_saved_input_fails_at_backward():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    hidden = weights + 0  # a non-leaf: in-place on it is not refused at once
    loss = (hidden * hidden).sum()  # saves hidden
    hidden.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()
    assert weights.grad is None


@pytest.mark.claim("in-place-can-overwrite-saved-values")
def test_the_saved_tensor_is_the_memory_that_is_overwritten():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    activations = weights.sigmoid()
    saved = activations.grad_fn._saved_result  # what SigmoidBackward keeps for the backward pass
    assert saved.data_ptr() == activations.data_ptr()
    before = saved.detach().clone()
    activations.mul_(2)
    # the saved value now holds the overwritten numbers, not sigmoid(weights)
    torch.testing.assert_close(saved.detach(), 2 * before)
    # counter-case: out of place, the saved output keeps its values
    activations = weights.sigmoid()
    saved = activations.grad_fn._saved_result
    doubled = activations * 2
    assert not shares_storage(doubled, saved)
    torch.testing.assert_close(saved.detach(), before)


@pytest.mark.claim("backward-refuses-a-modified-saved-tensor", "in-place-on-unsaved-tensor-is-fine")
def test_counter_case_out_of_place_backward_works(run_snippet):
    weights = run_snippet("memory/in_place_breaks_autograd")["weights"]
    weights.grad = None
    (weights.sigmoid() * 2).sum().backward()
    sig = torch.sigmoid(weights.detach())
    torch.testing.assert_close(weights.grad, 2 * sig * (1 - sig))


@pytest.mark.claim("in-place-on-unsaved-tensor-is-fine")
def test_in_place_on_a_tensor_backward_does_not_need_is_fine():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    scaled = weights * 2  # multiplying by a number saves only the number
    scaled.add_(1)
    assert scaled._version == 1
    scaled.sum().backward()
    assert weights.grad.tolist() == [2.0, 2.0, 2.0]


@pytest.mark.claim("version-counter-catches-saved-tensors")
def test_snippet_ends_with_the_right_gradient(run_snippet):
    ns = run_snippet("memory/in_place_breaks_autograd")
    weights = ns["weights"]
    sig = torch.sigmoid(weights.detach())
    # d/dw sum(2 * sigmoid(w)) = 2 * s * (1 - s); the failed attempts left no gradient behind
    torch.testing.assert_close(weights.grad, 2 * sig * (1 - sig))
    assert weights.tolist() == [1.0, 2.0, 3.0]  # the refused add_ did not change it


@pytest.mark.claim("in-place-through-detach-is-caught")
def test_in_place_through_detach_is_caught_at_backward():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    loss = (x * x).sum()  # saves x
    x.detach().mul_(10)
    assert x._version == 1
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()
    assert x.grad is None


def _write_through_data(x, _):
    x.data.mul_(10)


def _write_through_detach_numpy(x, _):
    array = x.detach().numpy()
    array *= 10


def _write_through_numpy_force(x, _):
    array = x.numpy(force=True)
    array *= 10


def _write_to_the_from_numpy_source(_, source):
    source *= 10


@pytest.mark.claim("version-counter-bypass-gives-wrong-gradient", "bypass-writes-through-data-and-numpy")
@pytest.mark.parametrize(
    "write",
    [
        _write_through_data,
        _write_through_detach_numpy,
        _write_through_numpy_force,
        _write_to_the_from_numpy_source,
    ],
)
def test_a_write_that_bypasses_the_version_counter_gives_a_wrong_gradient_silently(write):
    source = np.array([1.0, 2.0, 3.0], dtype=np.float32)
    x = torch.from_numpy(source).requires_grad_()
    loss = (x * x).sum()  # saves x; the right gradient is 2 * x = [2, 4, 6]
    write(x, source)
    assert x.tolist() == [10.0, 20.0, 30.0]  # the write happened ...
    assert x._version == 0  # ... but was not counted
    loss.backward()  # no error
    assert loss.item() == 14.0  # the forward value still belongs to [1, 2, 3]
    assert x.grad.tolist() == [20.0, 40.0, 60.0]  # computed from the new values: wrong


@pytest.mark.claim("bypass-writes-through-data-and-numpy")
def test_data_has_a_version_counter_of_its_own():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    data = x.data
    assert shares_storage(data, x)
    data.mul_(10)
    assert data._version == 1
    assert x._version == 0


@pytest.mark.claim("bypass-writes-through-data-and-numpy", "version-counter-bypass-gives-wrong-gradient")
def test_snippet_numpy_write_goes_unnoticed(run_snippet):
    ns = run_snippet("memory/in_place_breaks_autograd")
    x, x_array = ns["x"], ns["x_array"]
    assert np.shares_memory(x_array, x.detach().numpy())
    assert x._version == 0
    assert ns["loss"].item() == 14.0
    assert x.grad.tolist() == [20.0, 40.0, 60.0]  # not the right [2, 4, 6]


@pytest.mark.claim("version-counter-bypass-gives-wrong-gradient", "in-place-through-detach-is-caught")
def test_counter_case_the_same_change_as_a_torch_in_place_op_is_caught():
    source = np.array([1.0, 2.0, 3.0], dtype=np.float32)
    x = torch.from_numpy(source).requires_grad_()
    loss = (x * x).sum()
    with torch.no_grad():
        x.mul_(10)  # the same values as the bypasses above, written by PyTorch
    assert source.tolist() == [10.0, 20.0, 30.0]
    assert x._version == 1
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()


@pytest.mark.claim("resize-of-leaf-refused-even-without-grad")
def test_resize_is_refused_on_a_tensor_that_requires_grad_even_with_grad_mode_off():
    weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with torch.no_grad():
        assert not torch.is_grad_enabled()
        with pytest.raises(RuntimeError, match="cannot resize variables that require grad"):
            weights.resize_(4)
        assert weights.shape == (3,)
        # counter-case: the other shape-changing methods run with grad mode off
        assert weights.unsqueeze_(0) is weights
        assert weights.t_() is weights
    assert weights.shape == (3, 1)
    # and resize_() runs once the tensor does not require grad
    plain = weights.detach().clone()
    assert plain.resize_(4).shape == (4,)
    # counter-case: inside inference_mode (grad mode off as well) it runs on a tensor that requires grad
    leaf = torch.ones(3, requires_grad=True)
    with torch.inference_mode():
        assert not torch.is_grad_enabled()
        assert leaf.resize_(6).shape == (6,)
    assert leaf.requires_grad
