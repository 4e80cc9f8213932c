"""A test run that ends early never looks green (site_tools/test_run.py), on small test folders."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.process  # starts pytest in a fresh Python


def run_tests(folder, body: str) -> subprocess.CompletedProcess:
    (folder / "test_it.py").write_text(body, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "site_tools.test_run", str(folder), "-q", "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_test_that_ends_the_process_fails_the_run(tmp_path):
    result = run_tests(
        tmp_path, "import os\n\ndef test_fails():\n    assert False\n\ndef test_leaves():\n    os._exit(0)\n"
    )
    assert result.returncode == 3
    assert "ended the test process early" in result.stderr


def test_a_passing_run_passes_and_a_failing_one_fails(tmp_path):
    assert run_tests(tmp_path, "def test_ok():\n    assert True\n").returncode == 0
    assert run_tests(tmp_path, "def test_not_ok():\n    assert False\n").returncode == 1


def test_a_run_of_no_test_is_not_a_pass(tmp_path):
    result = run_tests(tmp_path, "x = 1\n")
    assert result.returncode != 0
