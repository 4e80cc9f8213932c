"""Claim tests cannot vouch for other tests (site_tools/claim_sandbox.py).

A copy of the project's pytest configuration runs a small project of claim-test modules, as
`nox -s check` does (site_tools.test_run, without and with pytest-xdist), where one module's snippet
wraps pytest's reporting so that every outcome is "passed", one ends its process with `os._exit(0)`,
one hangs with its time limit switched off, and one forges the report its process writes (the
JUnit report the run reads, or its module's report). Each can make only its own module's tests lie,
and each of the last three fails its own module. Then the report check, field by field, on texts.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_tools import claim_sandbox, layout

LIAR = """
import _pytest.reports

_made = _pytest.reports.TestReport.from_item_and_call.__func__


def _passed(cls, item, call):
    report = _made(cls, item, call)
    report.outcome, report.longrepr = "passed", None
    return report


_pytest.reports.TestReport.from_item_and_call = classmethod(_passed)
"""
"""A snippet that makes every test report of its process say "passed"."""

EXIT = "import os\nos._exit(0)\n"

HANG = """
import signal, time
signal.setitimer(signal.ITIMER_REAL, 0)  # the runner's time limit, switched off
signal.signal(signal.SIGALRM, signal.SIG_IGN)
while True:
    time.sleep(1)
"""

FORGER = """
import gc, os
honest = "tests/demo/test_b_honest.py::"
forged = [honest + "test_b_false", "tests/demo/test_e_forger.py::test_e_forges"]
recorders = [o for o in gc.get_objects() if type(o).__name__ == "_Recorder"]
configs = [o for o in gc.get_objects() if type(o).__name__ == "Config"]
if recorders:  # its module's report: every test named passed, another module's too
    recorders[0].finish({
        "collected": [[node, [], 0] for node in forged],
        "results": {node: {"outcome": "passed", "message": ""} for node in forged},
        "errors": [],
    })
for config in configs:  # the run's JUnit report: all passed, then end the process
    path = getattr(config.option, "xmlpath", None)
    if path:
        cases = "".join(
            f'<testcase classname="{n.split("::")[0][:-3].replace("/", ".")}" name="{n.split("::")[1]}"/>'
            for n in forged
        )
        with open(path, "w") as report:
            suite = f'<testsuite tests="{len(forged)}" failures="0">{cases}</testsuite>'
            report.write(f"<testsuites>{suite}</testsuites>")
os._exit(0)
"""


def module(*snippets_and_tests: str) -> str:
    return "import pytest\n\nfrom site_tools.execution import runner\n\n" + "\n\n".join(snippets_and_tests)


def runs(snippet: str, name: str) -> str:
    return f"runner.run([{snippet!r}], 'snippets/demo/{name}.py')"


MODULES = {
    "test_a_liar.py": module(
        f"def test_a_runs_a_lying_snippet():\n    {runs(LIAR, 'liar')}",
        "def test_a_own_false_claim():\n    assert 1 == 2",
    ),
    "test_b_honest.py": module(
        "def test_b_true():\n    assert 1 + 1 == 2",
        "def test_b_false():\n    assert 1 + 1 == 3",
        '@pytest.mark.parametrize("n", [1, 2], ids=["one", "two"])\ndef test_b_param(n):\n    assert n > 0',
        'def test_b_skips():\n    pytest.skip("needs a CUDA GPU")',
    ),
    "test_c_exits.py": module(
        f"def test_c_lies():\n    {runs(LIAR, 'liar')}",
        "def test_c_true():\n    assert True",
        f"def test_c_exits():\n    {runs(EXIT, 'exits')}",
    ),
    "test_d_hangs.py": module(f"def test_d_hangs():\n    {runs(HANG, 'hangs')}"),
    "test_e_forger.py": module(f"def test_e_forges():\n    {runs(FORGER, 'forger')}"),
}
TIME_LIMIT_S = 15
TIMEOUT = claim_sandbox.TIMEOUT_INI


def make_project(folder: Path) -> Path:
    """This project's pytest configuration and conftest, a topic `demo` and its claim-test modules."""
    shutil.copy(layout.ROOT / "pyproject.toml", folder / "pyproject.toml")
    (folder / "docs" / "zh" / "demo").mkdir(parents=True)
    tests = folder / "tests" / "demo"
    tests.mkdir(parents=True)
    shutil.copy(layout.ROOT / "tests" / "conftest.py", folder / "tests" / "conftest.py")
    for name, text in MODULES.items():
        (tests / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=["0", "2"], ids=["one-process", "xdist"])
def run(request, tmp_path_factory) -> tuple[int, dict[str, str], str]:
    """(exit status, {node id: PASSED/FAILED}, output) of `site_tools.test_run -n <workers>` there."""
    project = make_project(tmp_path_factory.mktemp("claims"))
    try:
        arguments = ["-n", request.param, "-rA", "-p", "no:cacheprovider", "tests"]
        result = subprocess.run(
            [sys.executable, "-m", "site_tools.test_run", *arguments, "-o", f"{TIMEOUT}={TIME_LIMIT_S}"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"the test run did not end: {error}")
    output = result.stdout + result.stderr
    outcomes = dict((m[2], m[1]) for m in re.finditer(r"^(PASSED|FAILED|ERROR) (\S+)", output, re.MULTILINE))
    return result.returncode, outcomes, output


@pytest.mark.process  # a fresh pytest, whose forkserver imports torch
def test_a_lying_snippet_passes_no_other_modules_test_and_not_the_run(run):
    status, outcomes, output = run
    honest = "tests/demo/test_b_honest.py::"
    assert outcomes.get(honest + "test_b_false") == "FAILED", output
    assert outcomes.get(honest + "test_b_true") == "PASSED", output
    assert (
        outcomes.get(honest + "test_b_param[one]") == outcomes.get(honest + "test_b_param[two]") == "PASSED"
    )
    assert re.search(r"SKIPPED \[1\] tests/demo/test_b_honest.py:\d+: needs a CUDA GPU", output), output
    assert status == 1, output  # the run's total: a failure


@pytest.mark.process  # a fresh pytest, whose forkserver imports torch
def test_a_module_whose_process_ends_fails_every_test_of_it(run):
    _, outcomes, output = run
    for test in (
        "test_c_lies",
        "test_c_true",
        "test_c_exits",
    ):  # what it did before it ended counts for nothing
        assert outcomes.get(f"tests/demo/test_c_exits.py::{test}") == "FAILED", output
    assert "tests/demo/test_c_exits.py: its process ended without reporting" in output


@pytest.mark.process  # a fresh pytest, whose forkserver imports torch
def test_a_hanging_module_fails_at_its_time_limit(run):
    _, outcomes, output = run
    assert outcomes.get("tests/demo/test_d_hangs.py::test_d_hangs") == "FAILED", output
    assert f"ran past its time limit of {TIME_LIMIT_S} s" in output


@pytest.mark.process  # a fresh pytest, whose forkserver imports torch
def test_a_forged_report_is_refused(run):
    _, outcomes, output = run
    assert outcomes.get("tests/demo/test_e_forger.py::test_e_forges") == "FAILED", output
    assert "its report is refused: it names a test the module does not have" in output
    assert outcomes.get("tests/demo/test_b_honest.py::test_b_false") == "FAILED", output


# --- the report check -----------------------------------------------------------------------------------


@pytest.fixture
def claim_module(tmp_path) -> Path:
    (tmp_path / "tests" / "demo").mkdir(parents=True)
    path = tmp_path / "tests" / "demo" / "test_x.py"
    path.write_text("def test_one():\n    pass\n\n\ndef test_two():\n    pass\n", encoding="utf-8")
    return path


def report(collected, results, errors=()) -> bytes:
    return json.dumps({"collected": collected, "results": results, "errors": list(errors)}).encode()


X = "tests/demo/test_x.py::"


def test_a_report_gives_each_collected_test_its_outcome(claim_module):
    tests = claim_sandbox.checked(
        report(
            [[X + "test_one", ["claim"], 0], [X + "test_two[a]", [], 4]],
            {
                X + "test_one": {"outcome": "passed", "message": ""},
                X + "test_two[a]": {"outcome": "failed", "message": "assert 1 == 2"},
            },
        ),
        claim_module,
        claim_module.parents[2],
    )
    assert [(t["name"], t["outcome"], t["message"], t["markers"]) for t in tests] == [
        ("test_one", "passed", "", ["claim"]),
        ("test_two[a]", "failed", "assert 1 == 2", []),
    ]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"{", "not valid JSON"),
        (b"[]", "not a JSON object"),
        (b"x" * (claim_sandbox.REPORT_LIMIT + 1), "larger than"),
        (report([["tests/demo/test_y.py::test_one", [], 0]], {}), "names a test the module does not have"),
        (report([[X + "test_three", [], 0]], {}), "names a test the module does not have"),
        (report([[X + "test_one", [], 0], [X + "test_one", [], 0]], {}), "names a test twice"),
        (
            report([[X + "test_one", [], 0]], {X + "test_two": {"outcome": "passed", "message": ""}}),
            "did not collect",
        ),
        (report([[X + "test_one", [], 0]], {X + "test_one": {"outcome": "won", "message": ""}}), "malformed"),
        (report([[X + "test_one", ["no such mark!"], 0]], {}), "is not [node id"),
        (report([], {}), "names no test"),
    ],
)
def test_a_report_that_cannot_be_taken_as_it_is_is_refused(claim_module, data, why):
    with pytest.raises(claim_sandbox.Refused, match=re.escape(why)):
        claim_sandbox.checked(data, claim_module, claim_module.parents[2])


def test_a_module_that_cannot_be_collected_fails_each_test_function_it_defines(claim_module):
    tests = claim_sandbox.checked(
        report([], {}, ["ImportError: no module named x"]), claim_module, claim_module.parents[2]
    )
    assert [(t["name"], t["outcome"]) for t in tests] == [("test_one", "failed"), ("test_two", "failed")]
    assert all("could not be collected:\nImportError" in t["message"] for t in tests)


def test_a_collected_test_without_an_outcome_fails(claim_module):
    tests = claim_sandbox.checked(
        report(
            [[X + "test_one", [], 0], [X + "test_two", [], 0]],
            {X + "test_one": {"outcome": "passed", "message": ""}},
        ),
        claim_module,
        claim_module.parents[2],
    )
    assert [(t["name"], t["outcome"]) for t in tests] == [("test_one", "passed"), ("test_two", "failed")]
