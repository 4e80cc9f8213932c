"""The scaffold command (site_tools/new.py), tried as a new contributor would, on a copy of the repo."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from site_tools import claims, contract, layout, new
from site_tools.translation import freshness
from tests.conftest import REPO_ROOT, TESTED_SITE, build_site, copy_project


def fresh_name(repo, topic: str, base: str) -> str:
    """`<topic>/<base>`, or `<topic>/<base>_2` …: a name no note of the copy uses (yours included)."""
    name, number = f"{topic}/{base}", 1
    while any(
        new.planned_files(repo, name, as_notebook=kind)[k].exists()
        for kind in (False, True)
        for k in ("zh", "test")
    ):
        number += 1
        name = f"{topic}/{base}_{number}"
    return name


def last_nav_entry(repo, topic: str) -> str:
    """The nav line of the topic's last page in mkdocs.yml: a new page of the topic goes right after it."""
    lines = re.findall(
        rf"^\s+- [^:\n]+: {topic}/\S+\s*$", (repo / "mkdocs.yml").read_text(encoding="utf-8"), re.M
    )
    return lines[-1]


def todo_lines(repo) -> list[str]:
    """Every line of the copy with the scaffold's marker, as test_nothing_is_left_to_fill_in lists them."""
    return [
        f"{path.relative_to(repo)}:{number}"
        for folder in ("docs", "snippets", "tests")
        for path in sorted((repo / folder).rglob("*"))
        if path.suffix in {".md", ".py", ".ipynb"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if new.MARKER in line
    ]


@pytest.fixture
def repo(tmp_path):
    root = copy_project(tmp_path / "repo")
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
        env={**nested_environment(), "COLUMNS": "1000"},  # whole failure lines in the summary
    )


def nested_environment() -> dict[str, str]:
    """This process's environment without what makes a pytest an xdist worker of this run or tells
    it where this repository's tested site goes (the copy's checks must not build into site/)."""
    return {k: v for k, v in os.environ.items() if k != TESTED_SITE and not k.startswith("PYTEST_XDIST")}


def test_scaffold_creates_a_note_in_both_languages_and_the_nav(repo, capsys):
    name = fresh_name(repo, "memory", "pin_memory")
    topic, stem = name.split("/")
    last = last_nav_entry(repo, "memory")
    assert new.main([name, "固定内存", "Pinned Memory", "--root", str(repo)]) == 0
    out = capsys.readouterr().out
    for path in (
        f"snippets/{name}.py",
        f"tests/{topic}/test_{stem}.py",
        f"docs/zh/{name}.md",
        f"docs/en/{name}.md",
        "mkdocs.yml",
    ):
        assert f"wrote {path}" in out
    assert name in layout.snippet_ids(repo)
    for language in layout.LANGUAGES:
        assert contract.included_snippets(repo, language, f"{name}.md") == {name}
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert (
        f"{last}\n      - 固定内存: {name}.md\n"  # after the last page of its topic
        in config
    )
    assert "            固定内存: Pinned Memory\n" in config
    assert freshness.status(repo, f"{name}.md") == "fresh"
    # the placeholder claim is stated in both languages and bound to the placeholder test
    claim_id = new.claim_id_of(f"{name}.md")
    for language in layout.LANGUAGES:
        assert [c.id for c in claims.page_claims(repo, language)[f"{name}.md"]] == [claim_id]
    assert claims.claim_tests(repo)[claim_id] == [f"{topic}/test_{stem}.py::test_claim"]


def test_a_name_in_use_is_refused_before_anything_is_written(repo, capsys):
    name = fresh_name(repo, "memory", "pin_memory")
    assert new.main([name, "固定内存", "Pinned Memory", "--root", str(repo)]) == 0
    capsys.readouterr()
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    for extra in ([], ["--notebook"]):  # a Markdown note's name is taken for a notebook note too
        assert new.main([name, "别的", "Other", *extra, "--root", str(repo)]) == 2
        assert "already exist(s): choose another name; nothing was changed" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == before


@pytest.mark.build
def test_right_after_scaffolding_both_kinds_of_note_build_and_the_checks_say_what_is_left(
    repo, tmp_path, capsys
):
    """A note in Markdown and a note written as notebooks, scaffolded in one copy: one build and one run
    of the checks serve both (each is a whole build of the site)."""
    import nbformat

    name = fresh_name(repo, "tensor_ops", "index_select")
    stem = name.split("/")[1]
    assert new.main([name, "index_select", "index_select", "--root", str(repo)]) == 0
    notebook_name = fresh_name(repo, "memory", "pin_memory")
    notebook_stem = notebook_name.split("/")[1]
    last = last_nav_entry(repo, "memory")
    capsys.readouterr()
    assert new.main([notebook_name, "固定内存", "Pinned Memory", "--notebook", "--root", str(repo)]) == 0
    out = capsys.readouterr().out
    for path in (
        f"tests/memory/test_{notebook_stem}.py",
        f"docs/zh/{notebook_name}.ipynb",
        f"docs/en/{notebook_name}.ipynb",
    ):
        assert f"wrote {path}" in out
    assert not (repo / "snippets" / f"{notebook_name}.py").exists()
    for language in layout.LANGUAGES:
        notebook = nbformat.read(repo / "docs" / language / f"{notebook_name}.ipynb", as_version=4)
        nbformat.validate(notebook)
        assert [c.cell_type for c in notebook.cells] == ["markdown", "markdown", "code"]
    assert f"{last}\n      - 固定内存: {notebook_name}.ipynb\n" in (repo / "mkdocs.yml").read_text()
    assert freshness.status(repo, f"{notebook_name}.ipynb") == "fresh"

    result = build_site(repo, tmp_path / "site")  # strict: it passes right after scaffolding
    assert result.returncode == 0
    assert "index_select" in (tmp_path / "site" / "en" / name / "index.html").read_text()
    page = (tmp_path / "site" / "en" / notebook_name / "index.html").read_text(encoding="utf-8")
    assert "tensor([[0, 1, 2]," in page, "the placeholder cell was executed and its value shown"

    checks = run_checks(
        repo,
        f"tests/tensor_ops/test_{stem}.py",
        f"tests/memory/test_{notebook_stem}.py",
        "tests/test_site_contract.py",
        "tests/test_claims.py",
        "tests/test_glossary.py",
        "tests/test_output_record.py",
    )
    assert checks.returncode == 1
    failures = sorted(line for line in checks.stdout.splitlines() if line.startswith("FAILED"))
    left = todo_lines(repo)
    assert len([line for line in left if "index_select" in line]) == 6  # each page twice, snippet, test
    assert sorted(line.split(" - ")[0] for line in failures) == sorted(
        [
            f"FAILED tests/tensor_ops/test_{stem}.py::test_claim",
            f"FAILED tests/memory/test_{notebook_stem}.py::test_claim",
            "FAILED tests/test_site_contract.py::test_nothing_is_left_to_fill_in",
            f"FAILED tests/test_output_record.py::test_output_matches_the_record[{name}]",
            "FAILED tests/test_output_record.py::test_notebook_outputs_match_the_record"
            f"[{notebook_name}.ipynb]",
        ]
    )
    # each failure says what to do
    assert (
        f"FAILED tests/tensor_ops/test_{stem}.py::test_claim - Failed: " + new.MARKER + ": assert the claim "
        f"of snippets/{name}.py on the objects it creates (tests.conftest.shares_storage, "
        "overlaps, is_contiguous(), pytest.raises ...), with a counter-case."
    ) in failures
    assert (
        "FAILED tests/test_site_contract.py::test_nothing_is_left_to_fill_in - AssertionError: fill in each "
        + new.MARKER
        + f" left by python -m site_tools.new: {left}"
    ) in failures
    assert (
        f"FAILED tests/test_output_record.py::test_output_matches_the_record[{name}] - "
        f"AssertionError: snippets/{name}.py: its output is not the recorded one: if the new output is "
        "right, record it with `python -m nox -s record`"
    ) in failures
    assert f"{new.MARKER}: assert the claims of docs/zh/{notebook_name}.ipynb" in checks.stdout


def test_a_new_topic_gets_its_own_section_and_package(repo):
    topic = next(
        t for t in (f"scaffold_topic_{n}" for n in range(100)) if not (repo / "docs" / "zh" / t).exists()
    )
    assert new.main([f"{topic}/leaf_tensors", "叶子张量", "Leaf Tensors", "--root", str(repo)]) == 0
    assert (repo / "snippets" / topic / "__init__.py").is_file()
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"  - {topic}:\n      - 叶子张量: {topic}/leaf_tensors.md\n" in config
    # its claim tests count as claim tests (the upgrade report and the version page find them)
    assert repo / "tests" / topic / "test_leaf_tensors.py" in layout.claim_test_files(repo)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["memory/view_shares_storage", "a", "b"],
            "already exist(s): choose another name; nothing was changed",
        ),
        (["PinMemory", "a", "b"], "is not <topic>/<what_it_shows> in snake_case"),
        (["memory/x", "a: b", "b"], "must be one line without ':'"),
        (["memory/x", "固定内存", "Pinned memory"], "'Pinned memory': memory break(s) Title Case"),
        (["memory/x", "`from_numpy` 拒绝什么", "b"], "is not read back as written in mkdocs.yml"),
        (["memory/x", "a", "'Quoted' Title"], "is not read back as written in mkdocs.yml"),
    ],
)
def test_bad_input_changes_nothing_and_says_why(repo, capsys, args, message):
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    assert new.main([*args, "--root", str(repo)]) == 2
    assert message in capsys.readouterr().err
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == before
