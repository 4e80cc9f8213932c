from tests.conftest import overlaps, shares_storage


def test_detach_leaves_autograd_but_shares_memory(run_snippet):
    ns = run_snippet("memory/detach_shares_memory")
    weights, detached = ns["weights"], ns["detached"]
    assert weights.requires_grad
    assert not detached.requires_grad
    assert shares_storage(detached, weights)
    assert overlaps(detached, weights)
    # the write through the detached tensor reached weights
    assert weights.tolist() == [10.0, 2.0, 3.0]


def test_counter_case_detach_clone_copies(run_snippet):
    ns = run_snippet("memory/detach_shares_memory")
    weights, copy = ns["weights"], ns["copy"]
    assert not shares_storage(copy, weights)
    assert copy.tolist() == [10.0, -1.0, 3.0]
    assert weights[1].item() == 2.0
