"""benchmarks/breakages.py, without running it: the list is long enough, and each edit still applies to
this tree (an edit that no longer matches would make the proof quietly shorter)."""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest

from tests.conftest import REPO_ROOT


def load_script():
    spec = importlib.util.spec_from_file_location("breakages", REPO_ROOT / "benchmarks" / "breakages.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


breakages = load_script()


def test_the_list_names_at_least_fifteen_distinct_breakages_each_with_its_tests():
    names = [b.name for b in breakages.BREAKAGES]
    assert len(set(names)) == len(names) >= 15
    for breakage in breakages.BREAKAGES:
        assert breakage.edits, breakage.name
        assert breakage.tests, breakage.name
        assert breakage.expect, breakage.name
        for test in breakage.tests:
            file, _, function = test.partition("::")
            assert (REPO_ROOT / file).is_file(), f"{breakage.name}: {file}"
            assert re.search(
                rf"^def {re.escape(function.split('[')[0])}\(", (REPO_ROOT / file).read_text(), re.M
            )


@pytest.mark.parametrize("breakage", breakages.BREAKAGES, ids=lambda b: b.name)
def test_each_edit_applies_to_this_tree(breakage, tmp_path):
    for edit in breakage.edits:
        copy = tmp_path / edit.path
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes((REPO_ROOT / edit.path).read_bytes())
        assert edit.apply(tmp_path) == edit.path
        assert (
            not copy.is_file()
            if edit.old is None
            else copy.read_bytes() != (REPO_ROOT / edit.path).read_bytes()
        )


def test_an_edit_that_no_longer_matches_cannot_apply(tmp_path):
    (tmp_path / "page.md").write_text("# Title\n", encoding="utf-8")
    with pytest.raises(breakages.CannotApply, match="no match"):
        breakages.Edit("page.md", "Missing").apply(tmp_path)
    with pytest.raises(breakages.CannotApply, match="does not exist"):
        breakages.Edit("gone.md", "x").apply(tmp_path)


def test_list_prints_every_breakage(capsys):
    assert breakages.main(["--list"]) == 0
    out = capsys.readouterr().out
    assert all(b.name in out for b in breakages.BREAKAGES)
    assert f"{len(breakages.BREAKAGES)} breakages" in out
