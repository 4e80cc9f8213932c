"""Shared test helpers: run a snippet file exactly as the site does, and inspect its variables."""

from __future__ import annotations

import runpy
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import torch

REPO_ROOT = Path(__file__).resolve().parent.parent
SNIPPETS_DIR = REPO_ROOT / "snippets"


def shares_storage(a: torch.Tensor, b: torch.Tensor) -> bool:
    """True when two tensors live in the same storage (whatever their offsets)."""
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


def overlaps(a: torch.Tensor | np.ndarray, b: torch.Tensor | np.ndarray) -> bool:
    """np.shares_memory on CPU tensors or arrays: a second, independent check of sharing."""

    def as_array(x):
        return x.detach().numpy() if isinstance(x, torch.Tensor) else x

    return bool(np.shares_memory(as_array(a), as_array(b)))


@pytest.fixture
def run_snippet(capsys) -> Callable[[str], dict]:
    """Run snippets/<snippet_id>.py as a script; return its global variables."""

    def run(snippet_id: str) -> dict:
        path = SNIPPETS_DIR / f"{snippet_id}.py"
        namespace = runpy.run_path(str(path), run_name="__main__")
        capsys.readouterr()  # the printed text is the page's business; tests check objects
        return namespace

    return run
