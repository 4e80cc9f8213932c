from tests.conftest import overlaps


def test_torch_tensor_copies_while_from_numpy_shares(run_snippet):
    ns = run_snippet("memory/torch_tensor_copies_ndarray")
    source, shared, copied = ns["source"], ns["shared"], ns["copied"]
    assert overlaps(shared, source)
    assert not overlaps(copied, source)
    assert shared.tolist() == [-1.0, 2.0, 3.0]
    assert copied.tolist() == [1.0, 2.0, 3.0]
