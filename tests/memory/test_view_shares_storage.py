from tests.conftest import overlaps, shares_storage


def test_views_share_storage_and_are_contiguous(run_snippet):
    ns = run_snippet("memory/view_shares_storage")
    x = ns["x"]
    for name, shape in [("y", (3, 4)), ("z", (2, 6)), ("w", (2, 2, 3))]:
        view = ns[name]
        assert tuple(view.shape) == shape, name
        assert shares_storage(view, x), name
        assert overlaps(view, x), name
        assert view.is_contiguous(), name
    assert ns["same_storage"](ns["y"], x)


def test_writing_through_a_view_changes_x(run_snippet):
    ns = run_snippet("memory/view_shares_storage")
    ns["w"][1, 1, 2] = -1
    assert ns["x"][11].item() == -1


def test_counter_case_same_storage_helper_says_no_for_a_copy(run_snippet):
    ns = run_snippet("memory/view_shares_storage")
    assert not ns["same_storage"](ns["x"].clone(), ns["x"])
