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


@pytest.mark.claim("version-bumped-by-every-in-place-write")
@pytest.mark.parametrize("write", IN_PLACE)
def test_each_kind_of_in_place_write_adds_one(write):
    x = torch.zeros(3)
    assert x._version == 0
    pointer = x.untyped_storage().data_ptr()
    write(x)
    assert x._version == 1
    assert x.untyped_storage().data_ptr() == pointer


@pytest.mark.claim("version-bumped-by-every-in-place-write")
def test_a_write_that_changes_no_value_is_counted_too():
    x = torch.zeros(3)
    x.mul_(1)
    x[x > 100] = 0  # selects nothing
    assert x.tolist() == [0.0, 0.0, 0.0]
    assert x._version == 2


@pytest.mark.claim("version-unchanged-by-reads-and-new-results")
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
    result = read(x)
    assert x._version == 1
    if isinstance(result, torch.Tensor) and result._base is None:
        assert result._version == 0  # a new tensor starts at 0
    # counter-case: the in-place form of the same operation is counted
    x.add_(1)
    assert x._version == 2
