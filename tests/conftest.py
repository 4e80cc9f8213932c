"""Shared test helpers: run a snippet file through the site's own runner, and inspect its variables."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from site_tools import layout

if TYPE_CHECKING:
    import numpy as np
    import torch

REPO_ROOT = layout.ROOT


def shares_storage(a: torch.Tensor, b: torch.Tensor) -> bool:
    """True when two tensors live in the same storage (whatever their offsets)."""
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


def overlaps(a: torch.Tensor | np.ndarray, b: torch.Tensor | np.ndarray) -> bool:
    """np.shares_memory on CPU tensors or arrays: a second, independent check of sharing."""

    import numpy as np  # here, not above: pytest-xdist's controller loads this file and runs no test
    import torch

    def as_array(x):
        return x.detach().numpy() if isinstance(x, torch.Tensor) else x

    return bool(np.shares_memory(as_array(a), as_array(b)))


def warnings_shown_in_a_fresh_process(code: str, text: str, *, always: bool = False) -> int:
    """How many warnings containing `text` a fresh Python running `code` shows on its stderr: with
    Python's default warning filter (once per line of code), or with `warnings.simplefilter("always")`.
    A fresh process: torch's warn-once flags cannot be reset, and pytest changes the filters."""
    prefix = "import warnings\nwarnings.simplefilter('always')\n" if always else ""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONWARNINGS"}
    result = subprocess.run(
        [sys.executable, "-c", prefix + code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=env,
    )
    return result.stderr.count(text)


READ_ONLY_IN_A_LOOP = """import numpy as np, torch
frozen = np.arange(3.0)
frozen.flags.writeable = False
torch.set_warn_always(True)
for _ in range(3):
    torch.from_numpy(frozen)
"""


def assert_warn_always_warns_each_call_but_the_filter_shows_one_per_line(code: str, text: str) -> None:
    # torch warns on each of the three calls, but they come from one line: the default filter shows one
    assert warnings_shown_in_a_fresh_process(code, text) == 1
    # counter-case: with warnings.simplefilter("always") each of the three is shown
    assert warnings_shown_in_a_fresh_process(code, text, always=True) == 3


@pytest.fixture
def run_snippet() -> Callable[[str], dict]:
    """Run snippets/<snippet_id>.py as the site does (site_tools/execution: same seed, same isolation,
    same warning rules); return its global variables. The printed text is the page's business."""
    from site_tools import execution

    def run(snippet_id: str) -> dict:
        return execution.run_file(layout.snippet_path(REPO_ROOT, snippet_id), REPO_ROOT).namespace

    return run


def run_notebook(note_id: str):
    """Run the code cells of docs/zh/<note_id>.ipynb as the build does: its namespace and outputs.

    The en notebook has the same code cells (tests/test_site_contract.py), so zh stands for both.
    """
    from site_tools import notebooks

    run = notebooks.run_file(layout.page_path(REPO_ROOT, "zh", f"{note_id}.ipynb"), REPO_ROOT)
    return NotebookRun(run.namespace, notebooks.outputs(run))


@dataclass(frozen=True)
class NotebookRun:
    namespace: dict  # the variables after the last cell
    outputs: list  # nbformat outputs, one list per code cell


# what a site build reads (tests/: the claims each test asserts, for the version page and notices)
PROJECT_PARTS = ("docs", "snippets", "overrides", "site_tools", "records", "tests")


def copy_project(destination: Path) -> Path:
    """What a site build reads, copied elsewhere (to change it, or to build it in another folder)."""
    for part in PROJECT_PARTS:
        shutil.copytree(REPO_ROOT / part, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO_ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


def build_site(
    project: Path, site_dir: Path, *, check: bool = True, execute: bool = True, tool: str = "mkdocs"
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project`, dated like this repository's last commit (`tool`: another
    builder of the same command line, such as "properdocs").

    `execute=False` (NOTES_EXECUTE=0) renders the examples and notebooks without running them, for a
    test of what running them cannot change (a link, a notice, a plugin's handling of files): a copy
    of this repository builds in about half the time (7 s against 13 s here)."""
    from site_tools.mkdocs_hooks.hooks import source_date_epoch

    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(), "NO_MKDOCS_2_WARNING": "1"}
    env["NOTES_EXECUTE"] = "1" if execute else "0"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a usual machine: Python writes .pyc files
    result = subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if check:
        assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return result


def language_folder(site: Path, language: str) -> Path:
    """Where a language's pages, notebooks and search index are in a built site: zh is served at /,
    en at /en/."""
    return site if language == "zh" else site / language


TESTED_SITE = "NOTES_TESTED_SITE"
"""Where the session's build of this repository goes (`nox -s check`: site/, the folder CI publishes, so
the site tested is the site deployed, built once); unset: a temporary folder."""


@pytest.fixture(scope="session")
def built_site(request, tmp_path_factory) -> tuple[Path, str]:
    """This repository's site, built once per test run: (site folder, build log).

    Under pytest-xdist the workers share it: the first to need it builds it, holding a lock the
    others wait on, and leaves the log beside it for them (a failed build's too: it is not repeated).
    """
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp()
    if is_xdist_worker(request.config):
        shared = shared.parent  # the run's folder, above each worker's own
    site_dir = Path(os.environ[TESTED_SITE]).resolve() if os.environ.get(TESTED_SITE) else shared / "site"
    log, failed = shared / "site-build.log", shared / "site-build.failed"
    with FileLock(str(shared / "site-build.lock")):
        if not log.is_file() and not failed.is_file():
            result = build_site(REPO_ROOT, site_dir, check=False)
            if result.returncode == 0:
                log.write_text(result.stderr, encoding="utf-8")
            else:
                failed.write_text(f"{result.stdout}\n{result.stderr}", encoding="utf-8")
    if failed.is_file():
        pytest.fail(f"strict build failed:\n{failed.read_text(encoding='utf-8')}", pytrace=False)
    return site_dir, log.read_text(encoding="utf-8")


def is_xdist_worker(config) -> bool:
    """This process is a pytest-xdist worker (not its controller, nor a pytest a test starts)."""
    return hasattr(config, "workerinput")


def pytest_collection_finish(session) -> None:
    """Under pytest-xdist, once a worker has collected (and pytest has cached its rewritten tests), it
    and what it starts write no more bytecode: a `.pyc` written into the project while another worker's
    build runs an example is a file that example would be blamed for touching."""
    if is_xdist_worker(session.config):
        sys.dont_write_bytecode = True
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"  # build_site() clears it for the build it starts


# --- the quick check: modules it deselects whole are not even imported --------------------------------

_ONLY_EXCLUSIONS = re.compile(r"not \w+(?: and not \w+)*")


def module_marks(path: Path) -> set[str]:
    """The marks a test module gives all its tests (`pytestmark = pytest.mark.x` or a list of them)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            values = node.value.elts if isinstance(node.value, ast.List | ast.Tuple) else [node.value]
            return {v.attr for v in values if isinstance(v, ast.Attribute)}
    return set()


def pytest_ignore_collect(collection_path: Path, config) -> bool | None:
    """With `-m "not a and not b ..."` (the quick check), a module marked `a` as a whole has no test
    left to run: skip importing it (its imports and module-level parametrization cost seconds).
    Any other expression (one that selects by a mark) collects everything, as pytest does."""
    expression = (config.option.markexpr or "").strip()
    if not _ONLY_EXCLUSIONS.fullmatch(expression) or collection_path.suffix != ".py":
        return None
    if not collection_path.name.startswith("test_"):
        return None
    excluded = set(re.findall(r"not (\w+)", expression))
    return True if module_marks(collection_path) & excluded else None
