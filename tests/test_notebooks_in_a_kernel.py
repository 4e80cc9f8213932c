"""The downloadable notebook of every note runs top to bottom in a fresh Jupyter kernel (nbclient)
and reproduces the outputs it carries, which came from the build.

This is what a reader who downloads a notebook does; it also checks that the build's in-process
execution (site_tools/execution, site_tools/notebooks/) shows what a kernel shows.
Compared per code cell: the stdout text, the warnings (stderr) with the file name left out
(a kernel names its cells /tmp/ipykernel_*/*.py), and the displayed value. The order in which a
kernel interleaves stdout and stderr is not compared: it flushes them separately.

The kernel runs the Chinese notebooks. Each English one holds the same statements at the same lines
and columns (only its comments and prose are translated) and carries the same outputs, as
tests/test_built_site.py asserts for every note
(test_the_zh_and_en_notebooks_run_the_same_code_and_carry_the_same_outputs): a kernel would show for
it what it shows for the Chinese one. Running both took ~145 s of a full check's
test time, half of it showing nothing new.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from site_tools import contract, layout
from tests.conftest import language_folder

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.build, pytest.mark.kernel]

LANGUAGE = layout.SOURCE_LANGUAGE
NOTEBOOKS = contract.note_pages(ROOT, LANGUAGE) + layout.notebook_pages(ROOT, LANGUAGE)
_WARNING_SOURCE = re.compile(r"^\S[^\n]*?:(\d+): (\w+): ", flags=re.MULTILINE)


def shown(cell) -> dict[str, str]:
    """What a code cell shows, in a form that does not depend on where it ran."""
    seen = {"stdout": "", "stderr": "", "result": ""}
    for output in cell.outputs:
        if output.output_type == "stream":
            seen[output.name] += output.text
        elif output.output_type == "execute_result":
            seen["result"] += output.data["text/plain"]
        else:
            raise AssertionError(f"unexpected output type {output.output_type}")
    seen["stderr"] = _WARNING_SOURCE.sub(r"<source>:\1: \2: ", seen["stderr"])
    return seen


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_the_downloaded_notebook_runs_in_a_fresh_kernel_and_reproduces_its_outputs(
    built_site, tmp_path, page
):
    site, _ = built_site
    stem = page.rsplit(".", 1)[0]
    built = nbformat.read(language_folder(site, LANGUAGE) / stem / f"{Path(stem).name}.ipynb", as_version=4)
    fresh = copy.deepcopy(built)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    # a folder of its own: nothing of this repository is importable or readable from there
    NotebookClient(
        fresh,
        timeout=120,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": tmp_path}},
    ).execute()
    recorded = [shown(c) for c in built.cells if c.cell_type == "code"]
    reproduced = [shown(c) for c in fresh.cells if c.cell_type == "code"]
    assert recorded, f"{LANGUAGE}/{page}: the notebook has no code cells"
    assert all(any(r.values()) for r in recorded), f"{LANGUAGE}/{page}: a code cell carries no output"
    for number, (want, got) in enumerate(zip(recorded, reproduced, strict=True), 1):
        assert got == want, f"{LANGUAGE}/{page}, code cell {number}: the kernel shows something else"
