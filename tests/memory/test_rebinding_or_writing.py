import pytest
import torch

from tests.conftest import overlaps, shares_storage


@pytest.mark.claim("augmented-assignment-writes-into-tensor")
def test_snippet_alias_saw_the_in_place_write(run_snippet):
    ns = run_snippet("memory/rebinding_or_writing")
    alias = ns["alias"]
    assert alias.tolist() == [11, 12, 13]  # x += 10 reached it
    assert alias._version == 1
    assert alias.untyped_storage().data_ptr() == ns["storage"]


@pytest.mark.claim("augmented-assignment-writes-into-tensor")
@pytest.mark.parametrize("operator", ["+=", "-=", "*=", "/="])
def test_augmented_assignment_keeps_object_storage_and_bumps_version(operator):
    x = torch.tensor([2.0, 4.0, 6.0])
    alias, pointer = x, x.untyped_storage().data_ptr()
    namespace = {"x": x}
    exec(f"x {operator} 2", namespace)
    x = namespace["x"]
    assert x is alias
    assert x.untyped_storage().data_ptr() == pointer
    assert x._version == 1
    assert alias.tolist() == x.tolist()
    assert alias.tolist() != [2.0, 4.0, 6.0]


@pytest.mark.claim("augmented-assignment-writes-into-tensor")
def test_true_division_in_place_also_works_on_a_complex_tensor():
    c = torch.tensor([2 + 2j])
    alias = c
    c /= 2
    assert c is alias
    assert c.tolist() == [1 + 1j]
    assert c._version == 1
    assert not c.is_floating_point()  # complex is not a floating-point dtype in PyTorch's sense


@pytest.mark.claim("plain-assignment-rebinds-to-new-tensor")
def test_snippet_x_names_a_new_tensor_and_alias_keeps_the_old(run_snippet):
    ns = run_snippet("memory/rebinding_or_writing")
    x, alias = ns["x"], ns["alias"]
    assert x is not alias
    assert not shares_storage(x, alias)
    assert not overlaps(x, alias)
    assert x.tolist() == [21, 22, 23]
    assert x._version == 0
    assert alias.tolist() == [11, 12, 13]
    assert alias._version == 1  # only the += counted


@pytest.mark.claim("plain-assignment-rebinds-to-new-tensor")
def test_rebinding_changes_nothing_in_the_old_tensor_and_its_views():
    x = torch.tensor([1.0, 2.0, 3.0])
    alias, view = x, x[1:]
    x = x * 2
    assert x is not alias
    assert not shares_storage(x, alias)
    assert alias.tolist() == [1.0, 2.0, 3.0]
    assert view.tolist() == [2.0, 3.0]
    assert alias._version == 0
    # counter-case: the in-place form reaches both
    y = alias
    y *= 2
    assert alias.tolist() == [2.0, 4.0, 6.0]
    assert view.tolist() == [4.0, 6.0]


@pytest.mark.claim("integer-true-division-in-place-raises")
def test_true_division_in_place_is_refused_for_an_integer_tensor():
    x = torch.tensor([2, 4, 6])
    alias = x
    with pytest.raises(RuntimeError, match="result type Float can't be cast to the desired output type Long"):
        x /= 2
    assert x is alias
    assert x.tolist() == [2, 4, 6]
    assert x._version == 0
    # counter-cases: the other operators, and floor division, work in place on integers
    pointer = x.untyped_storage().data_ptr()
    x += 2
    x -= 1
    x *= 2
    x //= 2
    assert x is alias
    assert x.untyped_storage().data_ptr() == pointer
    assert x.tolist() == [3, 5, 7]
    assert x._version == 4
    assert x.dtype == torch.int64
    # a bool tensor is refused the same way, and also for floor division and adding an integer
    flags = torch.tensor([True, False])
    with pytest.raises(RuntimeError, match="result type Float can't be cast to the desired output type Bool"):
        flags /= 2
    refused = "result type Long can't be cast to the desired output type Bool"
    for statement in ("flags //= 2", "flags += 10"):
        with pytest.raises(RuntimeError, match=refused):
            exec(statement, {"flags": flags})
    assert flags.tolist() == [True, False]
    assert flags._version == 0
