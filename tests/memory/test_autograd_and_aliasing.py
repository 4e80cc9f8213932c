import pytest
import torch

from tests.conftest import shares_storage

LEAF_MESSAGE = "a leaf Variable that requires grad is being used in an in-place operation"
EXACT_LEAF = r"^a leaf Variable that requires grad is being used in an in-place operation\.$"
EXACT_VIEW_OF_LEAF = (
    r"^a view of a leaf Variable that requires grad is being used in an in-place operation\.$"
)


@pytest.mark.claim("leaf-check-refuses-before-writing")
def test_snippet_leaf_is_left_untouched(run_snippet):
    ns = run_snippet("memory/autograd_and_aliasing")
    w = ns["w"]
    assert w.is_leaf
    assert w.requires_grad
    assert w.tolist() == [1.0, 2.0, 3.0]  # mul_(2) never ran
    assert w._version == 0


@pytest.mark.claim("leaf-check-refuses-before-writing", "write-through-a-view-of-a-leaf-is-refused")
@pytest.mark.parametrize(
    ("write", "message"),
    [
        (lambda w: w.mul_(2), EXACT_LEAF),
        (lambda w: w.copy_(torch.zeros(3)), EXACT_LEAF),
        (lambda w: w.zero_(), EXACT_LEAF),
        (lambda w: w.__setitem__(slice(None), 0.0), EXACT_LEAF),
        (lambda w: w.__setitem__(w > 1, 0.0), EXACT_LEAF),
        (lambda w: w.__setitem__(0, 5.0), EXACT_VIEW_OF_LEAF),
        (lambda w: w.__setitem__(slice(0, 2), 5.0), EXACT_VIEW_OF_LEAF),
        (lambda w: w[0:2].mul_(2), EXACT_VIEW_OF_LEAF),
    ],
    ids=["mul_", "copy_", "zero_", "slice-all", "mask", "element", "slice", "view-mul_"],
)
def test_the_leaf_check_raises_at_the_write_and_nothing_changes(write, message):
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with pytest.raises(RuntimeError, match=message):
        write(w)
    assert w.tolist() == [1.0, 2.0, 3.0]
    assert w._version == 0
    assert w.grad is None  # no backward was involved


@pytest.mark.claim("leaf-check-refuses-before-writing", "leaf-write-runs-without-grad-mode")
def test_counter_cases_of_the_leaf_check():
    # no grad mode: allowed, and counted
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with torch.no_grad():
        w.mul_(2)
    assert w.tolist() == [2.0, 4.0, 6.0]
    assert w._version == 1
    with torch.set_grad_enabled(False):
        w.add_(1)
    assert w._version == 2
    # a leaf that does not require grad: allowed
    plain = torch.tensor([1.0, 2.0, 3.0])
    assert plain.is_leaf
    plain.mul_(2)
    assert plain.tolist() == [2.0, 4.0, 6.0]
    # writes through a view of the leaf are allowed under no_grad too
    with torch.no_grad():
        w[0] = 0.0
        w[1:].mul_(0)
    assert w.tolist() == [0.0, 0.0, 0.0]
    assert w._version == 4


@pytest.mark.claim("non-leaf-in-place-runs-until-backward")
def test_snippet_non_leaf_in_place_ran(run_snippet):
    ns = run_snippet("memory/autograd_and_aliasing")
    h = ns["h"]
    assert not h.is_leaf
    assert h.requires_grad
    assert h._version == 2  # add_(1) and mul_(1) both ran
    assert h.tolist() == [2.0, 3.0, 4.0]


@pytest.mark.claim("non-leaf-in-place-runs-until-backward", "backward-raises-if-a-counter-sharer-was-saved")
def test_non_leaf_in_place_is_judged_at_backward():
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    h = w * 1
    loss = (h * h).sum()  # saves h
    h.add_(1)  # runs: no error here
    assert h.tolist() == [2.0, 3.0, 4.0]
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()
    # counter-case: when nothing saved it, backward goes through
    g = w * 1
    loss = (g * 3).sum()  # multiplying by a number saves no tensor
    g.add_(1)
    loss.backward()
    assert w.grad.tolist() == [3.0, 3.0, 3.0]


@pytest.mark.claim("backward-raises-if-a-counter-sharer-was-saved")
def test_a_saved_view_or_base_sharing_the_counter_makes_backward_raise():
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    # a view of h was saved; the write goes to h itself
    h = w * 1
    v = h[0:2]
    loss = (v * v).sum()
    h.add_(1)  # runs
    assert v._version == 1
    # the node's name differs between releases (AsStrided, AsStridedBackward0): the page quotes none
    with pytest.raises(RuntimeError, match=r"output 0 of AsStrided\w*, is at version 1; expected version 0"):
        loss.backward()
    # h itself was saved; the write goes through a view of it
    h = w * 1
    loss = (h * h).sum()
    h[0:2].add_(1)
    with pytest.raises(RuntimeError, match=r"is at version 1; expected version 0 instead"):
        loss.backward()
    # counter-case: a tensor that shares h's values but not its counter (a clone) was saved
    h = w * 1
    c = h.clone()
    loss = (c * c).sum()
    h.add_(1)
    loss.backward()
    assert w.grad.tolist() == [2.0, 4.0, 6.0]


@pytest.mark.claim("some-views-refused-at-once")
@pytest.mark.parametrize(
    ("make_and_write", "message"),
    [
        (lambda w: w[0:2].mul_(2), EXACT_VIEW_OF_LEAF),
        (
            lambda w: (w * 1).unbind()[0].mul_(2),
            r"^Output 0 of Unbind\w* is a view and is being modified inplace",
        ),
        (
            lambda w: (w * 1).split(2)[0].mul_(2),
            r"^Output 0 of Split\w* is a view and is being modified inplace",
        ),
        (
            lambda w: (w * 1).chunk(2)[0].mul_(2),
            r"^Output 0 of Split\w* is a view and is being modified inplace",
        ),
    ],
    ids=["view-of-leaf", "unbind", "split", "chunk"],
)
def test_some_views_are_refused_at_the_write(make_and_write, message):
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with pytest.raises(RuntimeError, match=message):
        make_and_write(w)
    assert w.tolist() == [1.0, 2.0, 3.0]


@pytest.mark.claim("some-views-refused-at-once")
def test_a_view_made_under_no_grad_is_refused_in_grad_mode():
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    h = w * 1
    with torch.no_grad():
        piece = h[0:2]
    with pytest.raises(
        RuntimeError,
        match=r"^A view was created in no_grad mode and is being modified inplace with grad mode enabled",
    ):
        piece.mul_(2)
    assert h.tolist() == [1.0, 2.0, 3.0]
    assert h._version == 0
    # counter-cases: the same view made in grad mode runs; so does the write inside no_grad
    h[0:2].mul_(2)
    assert h.tolist() == [2.0, 4.0, 3.0]
    with torch.no_grad():
        piece.mul_(2)
    assert h.tolist() == [4.0, 8.0, 3.0]
    # and a single-view function's output (a slice of a non-leaf) is not refused
    first = (w * 1)[0]
    first.mul_(2)
    assert first.item() == 2.0


@pytest.mark.claim("saved-tensor-records-its-version", "backward-compares-the-versions")
def test_snippet_backward_names_both_versions(run_snippet):
    ns = run_snippet("memory/autograd_and_aliasing")
    with pytest.raises(RuntimeError, match=r"is at version 2; expected version 1 instead"):
        ns["loss"].backward()


@pytest.mark.claim("writes-before-saving-do-not-count")
def test_writes_before_saving_do_not_count():
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    h = w * 1
    h.add_(1)
    h.add_(1)
    loss = (h * h).sum()  # saved at version 2
    loss.backward()  # nothing changed since: fine
    assert w.grad.tolist() == [6.0, 8.0, 10.0]  # 2 * (w + 2)
    # counter-case: one write after saving is refused, naming the versions
    h2 = w * 1
    h2.add_(1)
    loss = (h2 * h2).sum()
    h2.add_(1)
    with pytest.raises(RuntimeError, match=r"is at version 2; expected version 1 instead"):
        loss.backward()


@pytest.mark.claim("version-check-compares-versions-not-values")
def test_an_in_place_op_that_changes_no_value_is_refused():
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    h = w * 1
    loss = (h * h).sum()
    before = h.detach().clone()
    h.mul_(1)
    assert torch.equal(h.detach(), before)  # the same values ...
    with pytest.raises(RuntimeError, match=r"is at version 1; expected version 0 instead"):
        loss.backward()  # ... still refused


@pytest.mark.claim("version-check-compares-versions-not-values")
def test_counter_case_a_value_change_without_a_version_change_is_not_noticed():
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    h = w * 1
    loss = (h * h).sum()
    h.data.mul_(10)  # changes the values, not h's version
    assert h._version == 0
    loss.backward()
    assert w.grad.tolist() == [20.0, 40.0, 60.0]  # not the right [2, 4, 6]


@pytest.mark.claim("write-through-view-of-saved-tensor-is-caught")
def test_snippet_write_through_view_is_caught(run_snippet):
    ns = run_snippet("memory/autograd_and_aliasing")
    e, piece = ns["e"], ns["piece"]
    assert shares_storage(piece, e)
    assert e._version == piece._version == 1
    assert e.tolist()[1:] == [0.0, 0.0]  # the write through piece reached e


@pytest.mark.claim("write-through-view-of-saved-tensor-is-caught")
def test_a_write_through_a_view_of_a_saved_output_makes_backward_raise():
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    e = w.exp()  # saves its output e
    piece = e[1:]
    piece.zero_()
    assert e._version == 1
    with pytest.raises(RuntimeError, match=r"output 0 of Exp\w*, is at version 1; expected version 0"):
        e.sum().backward()


@pytest.mark.message
@pytest.mark.claim("write-through-view-of-saved-tensor-is-caught")
def test_the_message_names_the_saved_output_as_the_page_quotes_it():
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    e = w.exp()
    e[1:].zero_()
    with pytest.raises(RuntimeError, match=r"output 0 of Exp, is at version 1; expected version 0"):
        e.sum().backward()


@pytest.mark.claim(
    "write-through-view-of-saved-tensor-is-caught", "a-write-to-a-copy-of-a-saved-tensor-is-fine"
)
def test_counter_case_a_write_to_a_clone_of_the_saved_tensor_is_fine():
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    e = w.exp()
    piece = e.clone()[1:]
    piece.zero_()
    assert e._version == 0
    e.sum().backward()
    torch.testing.assert_close(w.grad, w.detach().exp())
