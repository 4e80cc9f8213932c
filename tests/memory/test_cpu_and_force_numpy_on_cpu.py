from tests.conftest import overlaps


def test_cpu_on_a_cpu_tensor_is_the_same_tensor(run_snippet):
    ns = run_snippet("memory/cpu_and_force_numpy_on_cpu")
    cpu_tensor = ns["cpu_tensor"]
    assert cpu_tensor.cpu() is cpu_tensor
    assert overlaps(cpu_tensor.cpu().numpy(), cpu_tensor)


def test_numpy_force_works_on_a_tensor_that_requires_grad(run_snippet):
    ns = run_snippet("memory/cpu_and_force_numpy_on_cpu")
    weights, forced = ns["weights"], ns["forced"]
    assert weights.requires_grad
    assert forced.tolist() == [1.0, 2.0, 3.0]
    # on a CPU tensor, force=True only detaches: the memory is still shared
    assert overlaps(forced, weights)
