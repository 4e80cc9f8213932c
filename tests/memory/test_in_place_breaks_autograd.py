import pytest
import torch


def test_in_place_on_leaf_that_requires_grad_is_refused(run_snippet):
    weights = run_snippet("memory/in_place_breaks_autograd")["weights"]
    assert weights.is_leaf
    assert weights.requires_grad
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad is being used in an in-place"):
        weights.add_(1)


def test_overwriting_a_saved_output_fails_at_backward(run_snippet):
    weights = run_snippet("memory/in_place_breaks_autograd")["weights"]
    activations = weights.sigmoid()
    activations.mul_(2)  # fine so far ...
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        activations.sum().backward()  # ... refused here


def test_counter_case_out_of_place_backward_works(run_snippet):
    weights = run_snippet("memory/in_place_breaks_autograd")["weights"]
    weights.grad = None
    (weights.sigmoid() * 2).sum().backward()
    assert weights.grad is not None


def test_snippet_ends_with_the_right_gradient(run_snippet):
    ns = run_snippet("memory/in_place_breaks_autograd")
    weights = ns["weights"]
    sig = torch.sigmoid(weights.detach())
    # d/dw sum(2 * sigmoid(w)) = 2 * s * (1 - s); the failed attempts left no gradient behind
    torch.testing.assert_close(weights.grad, 2 * sig * (1 - sig))
    assert weights.tolist() == [1.0, 2.0, 3.0]  # the refused add_ did not change it
