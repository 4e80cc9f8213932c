import itertools
import random

import pytest
import torch


def row_major(shape):
    """Product of the later sizes (PyTorch counts a size-0 dim as 1 here)."""
    return torch.empty(shape).stride()


def stride_rule(t):
    """Contiguous: no elements, or every dim of size > 1 has its row-major stride."""
    if t.numel() == 0:
        return True
    return all(
        size == 1 or s == r for size, s, r in zip(t.shape, t.stride(), row_major(t.shape), strict=True)
    )


@pytest.mark.claim("contiguous-is-row-major-strides")
def test_is_contiguous_follows_the_stride_rule_for_the_examples(run_snippet):
    ns = run_snippet("memory/contiguous_in_strides")
    seen = {name: t.is_contiguous() for name, t in ns["examples"]}
    assert seen == {
        "x": True,
        "x[1:]": True,
        "x.t()": False,
        "x[:, ::2]": False,
        "torch.zeros(1, 5).t()": True,
        "torch.empty(0, 3).t()": True,
    }
    for name, t in ns["examples"]:
        assert t.is_contiguous() == stride_rule(t), name


@pytest.mark.claim("contiguous-is-row-major-strides")
def test_is_contiguous_follows_the_stride_rule_for_many_strided_tensors():
    storage = torch.arange(200)
    rng = random.Random(0)
    checked = {True: 0, False: 0}
    for _ in range(3000):
        ndim = rng.randint(1, 3)
        shape = tuple(rng.randint(0, 4) for _ in range(ndim))
        stride = tuple(rng.choice([0, 1, 2, 3, 4, 5, 8, 12, 16]) for _ in range(ndim))
        offset = rng.randint(0, 20)
        t = torch.as_strided(storage, shape, stride, offset)
        assert t.is_contiguous() == stride_rule(t), (shape, stride, offset)
        checked[t.is_contiguous()] += 1
    assert checked[True] > 100
    assert checked[False] > 100


@pytest.mark.claim("offset-does-not-affect-contiguity", "contiguous-is-row-major-strides")
def test_the_offset_does_not_matter_the_strides_do():
    x = torch.arange(12).view(3, 4)
    for start in range(3):
        assert x[start:].storage_offset() == 4 * start
        assert x[start:].is_contiguous()
    # counter-case: the same elements with other strides are not contiguous
    assert not x.t().is_contiguous()
    assert not torch.as_strided(x, (2, 4), (5, 1)).is_contiguous()


@pytest.mark.claim("size-one-dims-do-not-affect-contiguity")
def test_the_stride_of_a_size_one_dim_is_ignored():
    col = torch.zeros(1, 5).t()
    assert col.shape == (5, 1)
    assert col.stride() == (1, 5)
    assert col.is_contiguous()
    storage = torch.arange(6)
    for odd in (0, 7, 99):
        assert torch.as_strided(storage, (2, 1, 3), (3, odd, 1)).is_contiguous()
        assert torch.as_strided(storage, (1, 3), (odd, 1)).is_contiguous()
    # counter-case: the very strides (1, 5) on a 5x2 tensor, both dims longer than 1
    not_col = torch.as_strided(torch.arange(20), (5, 2), (1, 5))
    assert not_col.stride() == (1, 5)
    assert not not_col.is_contiguous()
    # and the same odd stride on a dim of size 2 breaks contiguity
    assert not torch.as_strided(storage, (2, 3), (2, 1)).is_contiguous()
    assert not torch.zeros(2, 5).t().is_contiguous()


@pytest.mark.claim("empty-tensors-are-contiguous")
def test_a_tensor_without_elements_is_contiguous_whatever_its_strides():
    storage = torch.arange(6)
    for stride in itertools.product((0, 1, 5, 7), repeat=2):
        for shape in ((0, 3), (3, 0), (0, 0)):
            t = torch.as_strided(storage, shape, stride)
            assert t.numel() == 0
            assert t.is_contiguous(), (shape, stride)
    assert torch.empty(0, 3).t().stride() == (1, 3)
    assert torch.empty(0, 3).t().is_contiguous()
    # counter-case: give the same strides sizes with elements and they are not contiguous
    assert not torch.as_strided(storage, (2, 2), (1, 3)).is_contiguous()
    assert not torch.empty(2, 3).t().is_contiguous()
