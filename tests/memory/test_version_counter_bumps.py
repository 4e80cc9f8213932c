import pytest
import torch


def _method_ending_in_underscore(x):
    x.add_(1)


def _augmented_assignment(x):
    x += 1


def _index_assignment(x):
    x[0] = 5


def _mask_assignment(x):
    x[x > 100] = 0


def _slice_assignment(x):
    x[:] = 2


def _copy_into(x):
    x.copy_(torch.ones(3))


def _out_argument(x):
    torch.mul(x, 2, out=x)


def _under_no_grad(x):
    with torch.no_grad():
        x.sub_(1)


IN_PLACE = [
    _method_ending_in_underscore,
    _augmented_assignment,
    _index_assignment,
    _mask_assignment,
    _slice_assignment,
    _copy_into,
    _out_argument,
    _under_no_grad,
]


@pytest.mark.claim("version-bumped-by-every-in-place-write")
def test_snippet_counts_one_per_in_place_write(run_snippet):
    ns = run_snippet("memory/version_counter_bumps")
    # add_, +=, x[0] =, copy_, out=, sub_ under no_grad: six writes
    assert ns["x"]._version == 6
    assert ns["x"].tolist() == [1.0, 1.0, 1.0]
    # a new tensor starts at 0: made by a factory, or returned by an operation
    fresh = torch.zeros(3)
    assert fresh._version == 0
    assert (fresh + 1)._version == 0
    # counter-case: one in-place write later it is 1
    fresh.add_(1)
    assert fresh._version == 1


@pytest.mark.claim("some-new-tensors-start-above-zero")
def test_one_hot_returns_a_tensor_already_written_in_place():
    encoded = torch.nn.functional.one_hot(torch.tensor([1]), 3)
    assert encoded.tolist() == [[0, 1, 0]]
    assert encoded._version == 2
    # counter-case: the same values made by a factory and an index assignment count only that write
    made = torch.zeros(1, 3, dtype=torch.int64)
    assert made._version == 0
    made[0, 1] = 1
    assert torch.equal(made, encoded)
    assert made._version == 1


@pytest.mark.claim("version-counts-every-kind-of-in-place-write")
@pytest.mark.parametrize("write", IN_PLACE)
def test_each_kind_of_in_place_write_adds_one(write):
    x = torch.zeros(3)
    assert x._version == 0
    pointer = x.untyped_storage().data_ptr()
    write(x)
    assert x._version == 1
    assert x.untyped_storage().data_ptr() == pointer


@pytest.mark.claim("version-counts-writes-that-change-nothing")
def test_a_write_that_changes_no_value_is_counted_too():
    x = torch.zeros(3)
    x.mul_(1)
    x[x > 100] = 0  # selects nothing
    assert x.tolist() == [0.0, 0.0, 0.0]
    assert x._version == 2


@pytest.mark.claim("version-counts-shape-only-changes")
@pytest.mark.parametrize(
    "change",
    [
        lambda x: x.t_(),
        lambda x: x.unsqueeze_(0),
        lambda x: x.resize_(2, 2),
        lambda x: x.resize_(3, 2),
    ],
    ids=["t_", "unsqueeze_", "resize_-shrink", "resize_-reshape"],
)
def test_in_place_methods_that_change_only_the_shape_count_too(change):
    x = torch.arange(6.0).reshape(2, 3)
    storage = x.untyped_storage()
    shape = x.shape
    change(x)
    assert x.shape != shape
    assert x._version == 1
    assert torch.empty(0).set_(storage).tolist() == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]  # no value written
    # counter-case: resize_() to the same size changes nothing and is not counted
    y = torch.zeros(2, 3)
    y.resize_(2, 3)
    assert y._version == 0


@pytest.mark.claim("version-counter-exceptions")
@pytest.mark.parametrize(
    "method",
    [lambda x: x.requires_grad_(), lambda x: x.share_memory_(), lambda x: x.detach_()],
    ids=["requires_grad_", "share_memory_", "detach_"],
)
def test_flag_and_placement_methods_are_not_counted(method):
    x = torch.zeros(3)
    method(x)
    assert x._version == 0
    # counter-case: an in-place method that writes values is
    with torch.no_grad():
        x.add_(1)
    assert x._version == 1


@pytest.mark.claim("version-counter-exceptions")
def test_share_memory_moves_the_storage_without_counting():
    x = torch.arange(3.0)
    pointer = x.untyped_storage().data_ptr()
    x.share_memory_()
    assert x.is_shared()
    assert x.untyped_storage().data_ptr() != pointer
    assert x.tolist() == [0.0, 1.0, 2.0]
    assert x._version == 0


@pytest.mark.claim("apply-and-map-leave-the-version-alone")
def test_apply_and_map_rewrite_values_without_counting():
    x = torch.zeros(3)
    x.apply_(lambda value: value + 1)
    assert x.tolist() == [1.0, 1.0, 1.0]
    assert x._version == 0
    x.map_(torch.full((3,), 2.0), lambda a, b: a * b)
    assert x.tolist() == [2.0, 2.0, 2.0]
    assert x._version == 0
    # counter-case: the same change with add_ and mul_ is counted
    x.add_(1)
    x.mul_(1)
    assert x._version == 2


@pytest.mark.claim("inference-tensors-have-no-version-counter")
def test_inference_tensors_have_no_version_counter():
    with torch.inference_mode():
        made_inside = torch.zeros(3)
        made_inside.add_(1)  # in-place writes still run
    assert made_inside.is_inference()
    assert made_inside.tolist() == [1.0, 1.0, 1.0]
    with pytest.raises(RuntimeError, match=r"^Inference tensors do not track version counter\.$"):
        _ = made_inside._version
    # counter-case: a tensor made outside inference mode has one, even when written inside it
    outside = torch.zeros(3)
    with torch.inference_mode():
        outside.add_(1)
    assert not outside.is_inference()
    assert outside._version == 1


@pytest.mark.claim("version-unchanged-by-reads-and-new-results", "new-results-start-at-zero")
def test_snippet_reads_and_new_results(run_snippet):
    ns = run_snippet("memory/version_counter_bumps")
    assert ns["y"]._version == 0
    assert ns["total"]._version == 0
    assert ns["x"]._version == 6  # unchanged by x + 1, x.sum(), x[0]


@pytest.mark.claim("version-unchanged-by-reads-and-new-results")
@pytest.mark.parametrize(
    "read",
    [
        lambda x: x + 1,
        lambda x: x.sum(),
        lambda x: x[0].item(),
        lambda x: x.add(1),
        lambda x: x.clone(),
        lambda x: x.tolist(),
        lambda x: x.view(3, 1),
    ],
    ids=["plus", "sum", "item", "add", "clone", "tolist", "view"],
)
def test_reads_and_out_of_place_ops_leave_the_counter_alone(read):
    x = torch.zeros(3)
    x.add_(1)
    read(x)
    assert x._version == 1
    # counter-case: the in-place form of the same operation is counted
    x.add_(1)
    assert x._version == 2


@pytest.mark.claim("version-unchanged-by-reads-and-new-results")
@pytest.mark.parametrize(
    "make", [lambda x: x + 1, lambda x: x.sum(), lambda x: x.clone()], ids=["plus", "sum", "clone"]
)
def test_new_results_start_at_zero_with_a_counter_of_their_own(make):
    x = torch.zeros(3)
    x.add_(1)
    result = make(x)
    assert result._base is None
    assert result._version == 0
    result.add_(1)
    assert result._version == 1
    assert x._version == 1


@pytest.mark.claim("version-unchanged-by-reads-and-new-results")
@pytest.mark.parametrize(
    "make", [lambda x: x[0], lambda x: x.view(3, 1), lambda x: x.t()], ids=["index", "view", "t"]
)
def test_counter_case_a_view_is_no_new_tensor_and_shares_the_counter(make):
    x = torch.zeros(3)
    for _ in range(6):
        x.add_(1)
    view = make(x)
    assert view._base is x
    assert view._version == x._version == 6  # not 0
    x.add_(1)
    assert view._version == 7
    view.mul_(1)
    assert x._version == 8


@pytest.mark.claim("views-report-the-base-version")
def test_snippet_views_of_x_report_its_version(run_snippet):
    x = run_snippet("memory/version_counter_bumps")["x"]
    assert x[0]._version == x.view(3, 1)._version == x.t()._version == x._version == 6


@pytest.mark.claim("augmented-index-assignment-counts-twice")
def test_an_augmented_index_assignment_through_a_view_counts_twice():
    x = torch.zeros(4)
    x[0:2] += 1  # an in-place add on the view x[0:2], then x[0:2] = that view
    assert x._version == 2
    x[0] += 1
    assert x._version == 4
    assert x.tolist() == [2.0, 1.0, 0.0, 0.0]
    # counter-case: with an index list, x[[0, 1]] reads a copy; only the assignment writes x
    x[[0, 1]] += 1
    assert x._version == 5
    x += 1
    assert x._version == 6
    assert x.tolist() == [4.0, 3.0, 1.0, 1.0]
