from tests.conftest import overlaps


def test_numpy_of_cpu_tensor_shares_both_ways(run_snippet):
    ns = run_snippet("memory/numpy_method_shares_memory")
    tensor, array = ns["cpu_tensor"], ns["numpy_array_converted"]
    assert tensor.device.type == "cpu"
    assert overlaps(tensor, array)
    expected = [[10.0, 25.0], [35.0, 40.0]]
    assert tensor.tolist() == expected
    assert array.tolist() == expected
    assert str(array.dtype) == "float32"
