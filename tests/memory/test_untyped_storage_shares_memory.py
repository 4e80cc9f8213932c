from tests.conftest import overlaps, shares_storage


def test_view_shares_and_clone_does_not(run_snippet):
    ns = run_snippet("memory/untyped_storage_shares_memory")
    x, y, z = ns["x"], ns["y"], ns["z"]
    assert shares_storage(y, x)
    assert overlaps(y, x)
    # the counter-case: a clone has storage of its own
    assert not shares_storage(z, x)
    assert not overlaps(z, x)
