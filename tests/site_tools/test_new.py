"""The scaffold command (site_tools/new.py), tried as a new contributor would, on a copy of the repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from site_tools import contract, new, translations
from tests.conftest import REPO_ROOT, build_site, copy_project


@pytest.fixture
def repo(tmp_path):
    root = copy_project(tmp_path / "repo")
    shutil.copytree(REPO_ROOT / "tests", root / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO_ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def run_checks(repo, *test_files: str) -> subprocess.CompletedProcess:
    """The checks a contributor runs, on the repository copy: pytest on `test_files`."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *test_files],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "1000"},  # whole failure lines in the summary
    )


def test_scaffold_creates_a_note_in_both_languages_and_the_nav(repo, capsys):
    assert new.main(["memory/pin_memory", "固定内存", "Pinned memory", "--root", str(repo)]) == 0
    out = capsys.readouterr().out
    for path in (
        "snippets/memory/pin_memory.py",
        "tests/memory/test_pin_memory.py",
        "docs/zh/memory/pin_memory.md",
        "docs/en/memory/pin_memory.md",
        "mkdocs.yml",
    ):
        assert f"wrote {path}" in out
    assert "memory/pin_memory" in contract.snippet_ids(repo)
    for language in contract.LANGUAGES:
        assert contract.included_snippets(repo, language, "memory/pin_memory.md") == {"memory/pin_memory"}
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert (
        "      - 固定内存: memory/pin_memory.md\n  - 张量操作:\n"  # last of its topic
        in config
    )
    assert "            固定内存: Pinned memory\n" in config
    assert translations.status(repo, "memory/pin_memory.md") == "fresh"


def test_right_after_scaffolding_the_build_passes_and_the_checks_say_what_is_left(repo, tmp_path):
    assert new.main(["tensor_ops/index_select", "index_select", "index_select", "--root", str(repo)]) == 0
    result = build_site(repo, tmp_path / "site")
    assert (
        "index_select"
        in (tmp_path / "site" / "en" / "tensor_ops" / "index_select" / "index.html").read_text()
    )
    assert result.returncode == 0
    checks = run_checks(
        repo,
        "tests/tensor_ops/test_index_select.py",
        "tests/test_site_contract.py",
        "tests/test_output_record.py",
    )
    assert checks.returncode == 1
    failures = [line for line in checks.stdout.splitlines() if line.startswith("FAILED")]
    assert failures == [
        "FAILED tests/tensor_ops/test_index_select.py::test_claim - Failed: "
        + new.MARKER
        + ": assert the claim "
        "of snippets/tensor_ops/index_select.py on the objects it creates (tests.conftest.shares_storage, "
        "overlaps, is_contiguous(), pytest.raises ...), with a counter-case.",
        "FAILED tests/test_site_contract.py::test_nothing_is_left_to_fill_in - AssertionError: fill in each "
        + new.MARKER
        + " left by python -m site_tools.new: ['docs/en/tensor_ops/index_select.md:7', "
        "'docs/zh/tensor_ops/index_select.md:3', 'snippets/tensor_ops/index_select.py:3', "
        "'tests/tensor_ops/test_index_select.py:8']",
        "FAILED tests/test_output_record.py::test_output_matches_the_record[tensor_ops/index_select] - "
        "AssertionError: assert [+ received] == [- snapshot]",
    ]


def test_a_note_written_as_notebooks_is_scaffolded_built_and_checked(repo, tmp_path, capsys):
    import nbformat

    assert (
        new.main(["memory/pin_memory", "固定内存", "Pinned memory", "--notebook", "--root", str(repo)]) == 0
    )
    out = capsys.readouterr().out
    for path in (
        "tests/memory/test_pin_memory.py",
        "docs/zh/memory/pin_memory.ipynb",
        "docs/en/memory/pin_memory.ipynb",
    ):
        assert f"wrote {path}" in out
    assert not (repo / "snippets" / "memory" / "pin_memory.py").exists()
    for language in contract.LANGUAGES:
        notebook = nbformat.read(repo / "docs" / language / "memory" / "pin_memory.ipynb", as_version=4)
        nbformat.validate(notebook)
        assert [c.cell_type for c in notebook.cells] == ["markdown", "markdown", "code"]
    assert "      - 固定内存: memory/pin_memory.ipynb\n  - 张量操作:\n" in (repo / "mkdocs.yml").read_text()
    assert translations.status(repo, "memory/pin_memory.ipynb") == "fresh"
    build_site(repo, tmp_path / "site")
    page = (tmp_path / "site" / "en" / "memory" / "pin_memory" / "index.html").read_text(encoding="utf-8")
    assert "tensor([[0, 1, 2]," in page, "the placeholder cell was executed and its value shown"
    checks = run_checks(
        repo, "tests/memory/test_pin_memory.py", "tests/test_site_contract.py", "tests/test_output_record.py"
    )
    assert checks.returncode == 1
    failures = [line.split(" - ")[0] for line in checks.stdout.splitlines() if line.startswith("FAILED")]
    assert failures == [
        "FAILED tests/memory/test_pin_memory.py::test_claim",
        "FAILED tests/test_site_contract.py::test_nothing_is_left_to_fill_in",
        "FAILED tests/test_output_record.py::test_notebook_outputs_match_the_record[memory/pin_memory.ipynb]",
    ]
    assert f"{new.MARKER}: assert the claims of docs/zh/memory/pin_memory.ipynb" in checks.stdout


def test_a_new_topic_gets_its_own_section_and_package(repo):
    assert new.main(["autograd/leaf_tensors", "叶子张量", "Leaf tensors", "--root", str(repo)]) == 0
    assert (repo / "snippets" / "autograd" / "__init__.py").is_file()
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - autograd:\n      - 叶子张量: autograd/leaf_tensors.md\n" in config


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["memory/view_shares_storage", "a", "b"],
            "already exist(s): choose another name; nothing was changed",
        ),
        (["PinMemory", "a", "b"], "is not <topic>/<what_it_shows> in snake_case"),
        (["memory/x", "a: b", "b"], "must be one line without ':'"),
    ],
)
def test_bad_input_changes_nothing_and_says_why(repo, capsys, args, message):
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    assert new.main([*args, "--root", str(repo)]) == 2
    assert message in capsys.readouterr().err
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == before
