"""Fidelity: what the site shows for every snippet is what `python -W default <snippet>` prints.

The site seeds every example (random, NumPy and torch with runner.SEED) and shows each warning once
per location (`-W default`), as a terminal shows them, between the printed lines. A fresh Python is run
here once, forked for each snippet after importing torch and NumPy (a child of a process that ran
nothing else is as fresh as `python` for what a snippet can see), with the same seed and warning settings.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from site_tools import contract, layout
from site_tools.execution import SEED, isolated
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.process

FRESH_PYTHON = """
import json, os, random, runpy, sys
import numpy, torch

outputs = {}
for path in sys.argv[1:]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: prints and warnings into one pipe, in order, unbuffered
        os.close(read)
        os.dup2(write, 1)
        os.dup2(write, 2)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False, buffering=1)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False, buffering=1)
        sys.stdout.reconfigure(write_through=True)
        sys.stderr.reconfigure(write_through=True)
        random.seed(SEED)
        numpy.random.seed(SEED)
        torch.manual_seed(SEED)
        sys.argv = [path]
        try:
            runpy.run_path(path, run_name="__main__")
        finally:
            os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    outputs[path] = b"".join(chunks).decode("utf-8")
print(json.dumps(outputs))
"""

SNIPPETS = sorted(set(contract.executed_blocks(REPO_ROOT)))


@pytest.fixture(scope="module")
def printed_by_python() -> dict[str, str]:
    paths = [f"snippets/{snippet_id}.py" for snippet_id in SNIPPETS]
    result = subprocess.run(
        [sys.executable, "-W", "default", "-c", FRESH_PYTHON.replace("SEED", str(SEED)), *paths],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("snippet_id", SNIPPETS)
def test_the_site_shows_what_python_prints(snippet_id, printed_by_python):
    path = layout.snippet_path(REPO_ROOT, snippet_id)
    shown = isolated.run([path.read_text(encoding="utf-8")], f"snippets/{snippet_id}.py").output
    assert shown == printed_by_python[f"snippets/{snippet_id}.py"], (
        f"snippets/{snippet_id}.py: the site shows other text than `python -W default` prints"
    )
