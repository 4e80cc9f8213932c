import pytest
import torch

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("views-share-the-base-version-counter")
def test_snippet_view_and_base_move_together(run_snippet):
    ns = run_snippet("memory/version_counter_aliases")
    x, row = ns["x"], ns["row"]
    assert row._base is x
    assert shares_storage(row, x)
    assert x._version == row._version == 2
    # the write through the view reached x
    assert x[1].tolist() == [2.0, 2.0, 2.0]


@pytest.mark.claim("views-share-the-base-version-counter", "later-view-starts-at-the-base-version")
def test_writes_in_either_direction_and_later_views():
    x = torch.zeros(4)
    piece = x[1:3]
    view = x.view(2, 2)
    piece.add_(1)
    assert x._version == piece._version == view._version == 1
    x.mul_(2)
    assert x._version == piece._version == view._version == 2
    later = x[::2]
    assert later._version == 2  # starts at the base's version, not at 0
    later.zero_()
    assert x._version == piece._version == 3
    # counter-case: a view of another tensor does not move
    other = torch.zeros(4)
    other_view = other[1:]
    x.add_(1)
    assert other._version == other_view._version == 0


@pytest.mark.claim("detached-alias-moves-with-the-base-version")
def test_snippet_detached_has_the_same_version(run_snippet):
    ns = run_snippet("memory/version_counter_aliases")
    x, detached = ns["x"], ns["detached"]
    assert shares_storage(detached, x)
    assert overlaps(detached, x)
    assert detached._version == x._version == 2
    assert x[0, 0].item() == 14.0  # detached[0, 0] = 7, then doubled through .data


@pytest.mark.claim("detached-alias-moves-with-the-base-version")
def test_detached_and_base_count_each_others_writes():
    x = torch.zeros(3, requires_grad=True)
    detached = x.detach()
    detached.add_(1)
    assert x._version == 1
    with torch.no_grad():
        x.add_(1)
    assert detached._version == 2
    # detaching a non-leaf or a view shares its counter too
    y = x * 2
    y.detach().add_(1)
    assert y._version == 1
    # counter-case: a detached clone has its own counter
    clone = x.detach().clone()
    clone.add_(1)
    assert clone._version == 1
    assert x._version == 2


@pytest.mark.claim("data-alias-gets-a-fresh-counter")
def test_snippet_data_counts_only_its_own_write(run_snippet):
    ns = run_snippet("memory/version_counter_aliases")
    x, data = ns["x"], ns["data"]
    assert shares_storage(data, x)
    assert data._version == 1  # its own write
    assert x._version == 2  # the view's and the detached alias's writes, not data's
    assert x.tolist() == [[14.0, 0.0, 0.0], [2.0, 2.0, 2.0]]  # data's write did happen


@pytest.mark.claim("each-data-access-is-a-new-tensor")
def test_every_access_to_data_gives_a_new_tensor_at_version_zero():
    x = torch.zeros(3, requires_grad=True)
    with torch.no_grad():
        x.add_(1)
        x.add_(1)
    assert x._version == 2
    first, second = x.data, x.data
    assert first is not second
    assert first._version == second._version == 0
    first.add_(1)
    assert first._version == 1
    assert second._version == 0
    assert x._version == 2
    assert x.data._version == 0
    # counter-case: detach() reports the base's version
    assert x.detach()._version == 2


@pytest.mark.claim("clone-counts-its-own-writes")
def test_snippet_copy_has_its_own_storage_and_counter(run_snippet):
    ns = run_snippet("memory/version_counter_aliases")
    x, copy = ns["x"], ns["copy"]
    assert not shares_storage(copy, x)
    assert not overlaps(copy, x)
    assert copy._version == 1
    assert x._version == 2
    assert copy.tolist() == [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]


@pytest.mark.claim("clone-counts-its-own-writes")
def test_a_clone_starts_at_zero_whatever_the_source_version():
    x = torch.zeros(3)
    x.add_(1)
    x.add_(1)
    copy = x.clone()
    assert copy._version == 0
    x.add_(1)
    assert copy._version == 0
    copy.add_(1)
    assert x._version == 3
    # counter-case: a view instead of a clone shares x's counter
    assert x[:]._version == 3


@pytest.mark.claim("views-share-the-base-version-counter")
def test_counter_case_a_write_through_data_moves_no_view():
    x = torch.zeros(4, requires_grad=True)
    piece = x[1:3]
    with torch.no_grad():
        x[0:2].add_(1)  # another view of x
    assert x._version == piece._version == 1
    x.data.mul_(2)  # an alias with a counter of its own
    assert x._version == piece._version == 1
    assert piece.tolist() == [2.0, 0.0]  # yet the values did change
