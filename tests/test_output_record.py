"""The output record: what every example prints, kept in the repository and reviewed like code.

The record is tests/__snapshots__/test_output_record.ambr (syrupy), one entry per snippet and one per
note written as a notebook (its cells' outputs), plus the torch / NumPy / Python versions that
produced it. A drifted or new output fails here with a diff naming the snippet. Record it, after reading
the diff, with `python -m nox -s record` (the output record and the claims' records together).

The site does not read the record: pages always execute. The record is for review.
"""

from __future__ import annotations

import platform

import pytest

from site_tools import contract, execution, layout, notebooks
from site_tools.verified import release
from tests.conftest import REPO_ROOT

EXECUTED = sorted(set(contract.executed_blocks(REPO_ROOT)))
NOTEBOOKS = layout.notebook_pages(REPO_ROOT, "zh")  # en runs the same code cells
RECORD_IT = "if the new output is right, record it with `python -m nox -s record`"


def recorded_versions() -> dict[str, str]:
    found = execution.versions()
    python = ".".join(platform.python_version_tuple()[:2])
    # the release, not the build: the CPU and CUDA wheels of one torch print the same on the CPU
    return {"torch": release(found["torch"]), "numpy": found["numpy"], "python": python}


def test_record_names_the_versions_that_produced_it(snapshot):
    assert recorded_versions() == snapshot, (
        f"the record was made with other versions: read the output diffs, then {RECORD_IT}"
    )


@pytest.mark.parametrize("snippet_id", EXECUTED)
def test_output_matches_the_record(snippet_id, snapshot):
    output = execution.run_file(layout.snippet_path(layout.ROOT, snippet_id), layout.ROOT).output
    assert output == snapshot, f"snippets/{snippet_id}.py: its output is not the recorded one: {RECORD_IT}"


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_notebook_outputs_match_the_record(page, snapshot):
    output = notebooks.output_text(layout.page_path(REPO_ROOT, "zh", page), REPO_ROOT)
    assert output == snapshot, f"docs/zh/{page}: its outputs are not the recorded ones: {RECORD_IT}"
