import pytest
import torch

from tests.conftest import overlaps

# What PyTorch's "Tensor Views" documentation says returns a copy; every other row is a view.
COPIES = {
    "x.t().reshape(12)",
    "x.t().flatten()",
    "x[[0, 2]]",
    "x[x > 5]",
    "x.clone()",
    "x.t().contiguous()",
    "x.flip(0)",
    "torch.tensor(x.numpy())",
}
OPERATIONS_ASKED_FOR = {
    "slicing", "select / integer index", "view", "view_as", "reshape (view when possible)",
    "reshape (copy when it must)", "flatten (view when possible)", "flatten (copy when it must)",
    "permute", "transpose", "t", "T", "mT", "expand", "narrow", "unsqueeze", "squeeze", "unflatten",
    "unfold", "split", "chunk", "unbind", "diagonal", "movedim", "as_strided", "detach", "real", "imag",
    "view_as_real", "advanced indexing (integers)", "advanced indexing (mask)", "clone",
    "contiguous (non-contiguous input)", "flip", "torch.tensor",
}  # fmt: skip


def test_the_table_covers_every_operation(run_snippet):
    rows = run_snippet("memory/views_and_copies")["rows"]
    assert {operation for operation, _, _ in rows} == OPERATIONS_ASKED_FOR


@pytest.mark.parametrize("row", range(len(OPERATIONS_ASKED_FOR)))
def test_every_row_is_what_the_tensor_views_documentation_says(run_snippet, row):
    operation, example, is_view = run_snippet("memory/views_and_copies")["rows"][row]
    assert is_view == (example not in COPIES), f"{operation}: {example}"


@pytest.mark.parametrize("row", range(len(OPERATIONS_ASKED_FOR)))
def test_every_row_agrees_with_numpy_shares_memory(run_snippet, row):
    ns = run_snippet("memory/views_and_copies")
    _, example, is_view = ns["rows"][row]
    result = eval(example, {"torch": torch, "x": ns["x"], "c": ns["c"]})
    parts = result if isinstance(result, tuple) else (result,)
    base = ns["c"] if example.startswith(("c.", "torch.view_as_real")) else ns["x"]
    base = torch.view_as_real(base) if base.is_complex() else base
    for part in parts:
        part = torch.view_as_real(part) if part.is_complex() else part
        assert overlaps(part, base) == is_view, example
