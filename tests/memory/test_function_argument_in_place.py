import pytest
import torch

from tests.conftest import shares_storage


@pytest.mark.claim("function-in-place-changes-callers-tensor")
def test_snippet_in_place_in_the_function_reached_the_caller(run_snippet):
    ns = run_snippet("memory/function_argument_in_place")
    assert ns["a"].tolist() == [2, 3, 4]
    assert ns["a"]._version == 1


@pytest.mark.claim("function-in-place-changes-callers-tensor")
def test_the_parameter_is_the_callers_object():
    seen = []

    def write(t):
        seen.append(t)
        t += 1
        t[0] = 100
        t.add_(1)

    a = torch.tensor([1, 2, 3])
    pointer = a.untyped_storage().data_ptr()
    write(a)
    assert seen[0] is a
    assert a.untyped_storage().data_ptr() == pointer
    assert a.tolist() == [101, 4, 5]
    assert a._version == 3


@pytest.mark.claim("function-rebinding-leaves-callers-tensor")
def test_snippet_rebinding_in_the_function_left_the_caller_alone(run_snippet):
    ns = run_snippet("memory/function_argument_in_place")
    b, result = ns["b"], ns["result"]
    assert b.tolist() == [1, 2, 3]
    assert b._version == 0
    assert result is not b
    assert not shares_storage(result, b)
    assert result.tolist() == [2, 3, 4]


@pytest.mark.claim("function-rebinding-leaves-callers-tensor")
def test_rebinding_without_returning_loses_the_result():
    def rebind(t):
        t = t + 1

    b = torch.tensor([1, 2, 3])
    assert rebind(b) is None
    assert b.tolist() == [1, 2, 3]
    assert b._version == 0
