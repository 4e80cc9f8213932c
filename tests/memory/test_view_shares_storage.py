import pytest
import torch

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("view-shares-storage-new-shape")
def test_views_have_the_new_shape_and_share_storage(run_snippet):
    ns = run_snippet("memory/view_shares_storage")
    x = ns["x"]
    for name, shape in [("y", (3, 4)), ("z", (2, 6)), ("w", (2, 2, 3))]:
        view = ns[name]
        assert tuple(view.shape) == shape, name
        assert shares_storage(view, x), name
        assert overlaps(view, x), name
        assert view.storage_offset() == 0, name
        assert view.is_contiguous(), name
    assert ns["same_storage"](ns["y"], x)


@pytest.mark.claim("view-shares-storage-new-shape")
def test_writing_through_a_view_changes_x(run_snippet):
    ns = run_snippet("memory/view_shares_storage")
    version = ns["x"]._version
    ns["w"][1, 1, 2] = -1
    assert ns["x"][11].item() == -1
    assert ns["y"][2, 3].item() == -1
    assert ns["x"]._version > version  # x itself was written to


@pytest.mark.claim("view-shares-storage-new-shape")
def test_counter_case_a_clone_does_not_share(run_snippet):
    ns = run_snippet("memory/view_shares_storage")
    x = ns["x"]
    copy = x.clone().view(3, 4)
    assert not ns["same_storage"](copy, x)
    assert not overlaps(copy, x)
    copy[0, 0] = 100
    assert x[0].item() == 0


@pytest.mark.claim("view-infers-minus-one")
def test_minus_one_is_inferred(run_snippet):
    ns = run_snippet("memory/view_shares_storage")
    assert ns["w"].shape == (2, 2, 3)  # 12 / (2 * 2) = 3
    x = ns["x"]
    assert x.view(-1, 6).shape == (2, 6)
    assert x.view(4, -1).shape == (4, 3)


@pytest.mark.claim("view-minus-one-must-divide")
def test_counter_case_two_minus_ones_or_an_indivisible_size_raise(run_snippet):
    x = run_snippet("memory/view_shares_storage")["x"]
    with pytest.raises(RuntimeError, match="only one dimension can be inferred"):
        x.view(-1, -1)
    with pytest.raises(RuntimeError, match=r"shape '\[5, -1\]' is invalid for input of size 12"):
        x.view(5, -1)
    assert torch.arange(10).view(5, -1).shape == (5, 2)  # the same call where 5 divides the size


@pytest.mark.claim("view-minus-one-beside-a-zero-size")
def test_counter_case_minus_one_beside_a_zero_size_raises():
    # the page's example: with 0 elements, any value would fit the -1
    with pytest.raises(RuntimeError, match=r"the unspecified dimension size -1 can be any value"):
        torch.empty(0).view(0, -1)
    with pytest.raises(RuntimeError, match=r"shape '\[0, -1\]' is invalid for input of size 12"):
        torch.arange(12).view(0, -1)  # a product of 0 does not divide 12 elements either
    # counter-case: with 0 elements, -1 is inferred as long as the other sizes are not 0
    assert torch.empty(0).view(3, -1).shape == (3, 0)
    assert torch.empty(0, 4).view(-1, 2).shape == (0, 2)
