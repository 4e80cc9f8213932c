import numpy as np
import pytest
import torch


@pytest.mark.claim(
    "repeated-index-adds-once",
    "repeated-index-written-twice-with-one-value",
    "numpy-repeated-index-adds-once",
)
def test_augmented_assignment_adds_once_at_a_repeated_index(run_snippet):
    ns = run_snippet("tensor_ops/repeated_index_adds_once")
    assert ns["x"].tolist() == [1.0, 1.0, 0.0]
    assert ns["array"].tolist() == [1.0, 1.0, 0.0]  # NumPy does the same
    # the same with a tensor index, and with three repeats
    y = torch.zeros(3)
    y[torch.tensor([2, 2, 2])] += 5
    assert y.tolist() == [0.0, 0.0, 5.0]
    # counter-case: without a repeated index, every position is added to
    w = torch.zeros(3)
    w[[0, 1, 2]] += 1
    assert w.tolist() == [1.0, 1.0, 1.0]


@pytest.mark.claim("accumulate-adds-per-occurrence", "index-put-without-accumulate-assigns")
def test_index_put_accumulate_index_add_and_add_at_add_per_occurrence(run_snippet):
    ns = run_snippet("tensor_ops/repeated_index_adds_once")
    assert ns["accumulated"].tolist() == [2.0, 1.0, 0.0]
    assert ns["added"].tolist() == [2.0, 1.0, 0.0]
    assert ns["at"].tolist() == [2.0, 1.0, 0.0]
    # counter-case: index_put_ without accumulate assigns: once per index, and it does not add at all
    once = torch.zeros(3)
    once.index_put_((torch.tensor([0, 0, 1]),), torch.tensor(1.0))
    assert once.tolist() == [1.0, 1.0, 0.0]
    assert np.array_equal(ns["x"].numpy(), once.numpy())
    fives = torch.full((3,), 5.0)
    fives.index_put_((torch.tensor([0, 0, 1]),), torch.tensor(1.0))
    assert fives.tolist() == [1.0, 1.0, 5.0]  # written, not added to: += 1 would give 6


@pytest.mark.claim("repeated-index-written-twice-with-one-value")
def test_a_repeated_index_is_written_with_one_of_the_values(run_snippet):
    ns = run_snippet("tensor_ops/repeated_index_adds_once")
    assert ns["x"][0].item() == 1.0  # both writes to index 0 carry 0 + 1
    # counter-case: unequal values written to a repeated index leave one of them, order unspecified
    z = torch.zeros(3)
    z[[0, 0]] = torch.tensor([1.0, 2.0])
    assert z[0].item() in (1.0, 2.0)
    assert z[1:].tolist() == [0.0, 0.0]
