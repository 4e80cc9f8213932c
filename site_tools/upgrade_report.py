"""Check the notes against the installed torch and write what changed (run by `nox -s upgrade -- <version>`).

Runs, in the current environment:
1. the claim tests (tests/<topic>/ for every topic of the notes), recording each test's outcome;
2. every example, comparing its output with the record (tests/__snapshots__/test_output_record.ambr);
3. `mkdocs build --strict`.

Writes:
- reports/upgrade-torch-<version>.md: the drift report, readable in a pull request;
- records/torch-<version>.json: each claim's pass/fail, read by the site's version page.

    python -m site_tools.upgrade_report            # the installed torch
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from syrupy.extensions.amber.serializer import AmberDataSerializer

from site_tools import execution, layout, notebooks
from site_tools.claims import claim_tests, function_of, message_tests, tests_in
from site_tools.verified import outcome, release

ROOT = layout.ROOT
RECORD = ROOT / "tests" / "__snapshots__" / "test_output_record.ambr"
RECORDS_DIR = layout.records_dir(ROOT)
REPORTS_DIR = layout.reports_dir(ROOT)
RECORD_TEST = "test_output_matches_the_record"
NOTEBOOK_RECORD_TEST = "test_notebook_outputs_match_the_record"


@dataclass
class Claim:
    test: str  # "memory/test_view_shares_storage.py::test_views_share_storage_and_are_contiguous"
    outcome: str  # "pass", "fail" or "skip"
    message: str = ""


def run_claim_tests() -> list[Claim]:
    with tempfile.TemporaryDirectory() as tmp:
        xml_path = Path(tmp) / "claims.xml"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                *(path.relative_to(ROOT).as_posix() for path in layout.claim_test_files(ROOT)),
                "-q",
                "-p",
                "no:cacheprovider",
                "--continue-on-collection-errors",  # an old torch may fail one module: run the others
                f"--junitxml={xml_path}",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        tree = ET.parse(xml_path)
    claims = []
    for case in tree.iter("testcase"):
        if not case.get("classname"):  # a module that could not even be collected (imports, parameters)
            claims += uncollected(case.get("name", ""), _problem(case))
            continue
        module = case.get("classname", "").removeprefix("tests.").replace(".", "/")
        name = f"{module}.py::{case.get('name')}"
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        if problem is not None:
            claims.append(Claim(name, "fail", (problem.get("message") or problem.text or "").strip()))
        elif case.find("skipped") is not None:
            claims.append(Claim(name, "skip", (case.find("skipped").get("message") or "").strip()))
        else:
            claims.append(Claim(name, "pass"))
    return sorted(claims, key=lambda c: c.test)


def _problem(case: ET.Element) -> str:
    found = case.find("failure") if case.find("failure") is not None else case.find("error")
    return "" if found is None else (found.get("message") or found.text or "").strip()


def uncollected(module: str, message: str) -> list[Claim]:
    """Every test function of a module pytest could not collect (`tests.memory.test_x`), as failed."""
    path = ROOT / (module.replace(".", "/") + ".py")
    if not path.is_file():
        return [Claim(f"{module}.py", "fail", message)]
    return [
        Claim(test.node, "fail", f"the module could not be collected: {first_line(message) or 'see pytest'}")
        for test in tests_in(path, ROOT / "tests")
    ]


def recorded_outputs() -> dict[str, str]:
    """{snippet id or notebook page (memory/x.ipynb): recorded output}."""
    found = {}
    for snapshot in AmberDataSerializer.read_file(str(RECORD)):
        for test in (RECORD_TEST, NOTEBOOK_RECORD_TEST):
            if snapshot.name.startswith(f"{test}["):
                found[snapshot.name.removeprefix(f"{test}[").removesuffix("]")] = snapshot.data
    return found


def current_output(name: str) -> str:
    if name.endswith(".ipynb"):
        return notebooks.output_text(layout.page_path(ROOT, "zh", name), ROOT)
    return execution.run_file(layout.snippet_path(ROOT, name), ROOT).output


def output_drift(
    recorded_outputs: dict[str, str], outputs: dict[str, str] | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """({snippet: unified diff} for changed outputs, {snippet: error} for examples that failed to run).

    `outputs`, if given, receives the full output of each example whose output changed.
    """
    changed, failed = {}, {}
    for snippet_id, recorded in recorded_outputs.items():
        try:
            output = current_output(snippet_id)
        except execution.ExecutionError as error:
            failed[snippet_id] = str(error)
            continue
        now = AmberDataSerializer.serialize(output)
        if now != recorded:
            diff = difflib.unified_diff(
                recorded.splitlines(), now.splitlines(), "recorded", "now", lineterm="", n=2
            )
            changed[snippet_id] = "\n".join(diff)
            if outputs is not None:
                outputs[snippet_id] = output
    return changed, failed


def source_name(snippet_id: str) -> str:
    """The file an output-record entry comes from: snippets/x.py, or docs/zh/x.ipynb for a notebook."""
    return f"docs/zh/{snippet_id}" if snippet_id.endswith(".ipynb") else f"snippets/{snippet_id}.py"


def strict_build() -> tuple[bool, str]:
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", tmp],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    lines = result.stderr.splitlines()
    errors = [line for line in lines if "ERROR" in line or "WARNING" in line] or lines  # a crash: its end
    return result.returncode == 0, "\n".join(errors[-20:])


def minor(python: str) -> str:
    """ "3.11" of "3.11.7": the patch release is the machine's, not the project's."""
    return ".".join(python.split(".")[:2])


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def cost_text(cost: dict) -> str:
    """ "install 412 s, download 2.9 GB, check 231 s" from the parts that are known."""
    parts = []
    if cost.get("install_seconds") is not None:
        parts.append(f"install {cost['install_seconds']} s")
    if cost.get("download_bytes") is not None:
        parts.append(f"download {cost['download_bytes'] / 1e9:.1f} GB")
    if cost.get("check_seconds") is not None:
        parts.append(f"check {cost['check_seconds']} s")
    return ", ".join(parts)


def report(
    versions,
    baseline,
    claims,
    changed,
    failed,
    build_ok,
    build_log,
    claim_tests=None,
    message_tests=frozenset(),
) -> str:
    """The drift report. `claim_tests`: {claim id: its tests} (site_tools/claims.claim_tests), if known;
    `message_tests`: the tests that check only an error's wording (site_tools/claims.message_tests): a
    claim whose only failures are among them still holds, in other words, as the version page shows it (≈).

    Nothing in it depends on the day, the machine's speed, its Python patch release or torch build, or on
    how many claims and examples there are: it changes only where a result changes, so that two pull
    requests that each add a note and record it merge without a conflict here."""
    failing = [c for c in claims if c.outcome == "fail"]
    broke = [c for c in failing if function_of(c.test) not in message_tests]
    reworded = [c for c in failing if function_of(c.test) in message_tests]
    skipped = sum(c.outcome not in ("pass", "fail") for c in claims)
    results = {"claims": {c.test: c.outcome for c in claims}}
    outcomes = [outcome(results, tests, message_tests) for tests in (claim_tests or {}).values()]
    warned = {s: e for s, e in failed.items() if "Warning" in e}
    raised = {s: e for s, e in failed.items() if s not in warned}
    lines = [
        f"# Drift report: torch {release(versions['torch'])}",
        "",
        f"Checked with torch {release(versions['torch'])}, NumPy {versions['numpy']}, "
        f"Python {minor(versions['python'])}, against the output record made with "
        f"torch {baseline.get('torch', '?')}, NumPy {baseline.get('numpy', '?')}, "
        f"Python {baseline.get('python', '?')}.",
        "",
        "| check | result |",
        "| --- | --- |",
        f"| strict build | {'passes' if build_ok else '**fails**'} |",
        *(
            [
                f"| claims | {outcomes.count('fail')} broke, {outcomes.count('message')} hold with an "
                f"error worded differently, {outcomes.count('skip')} skipped (GPU only), "
                f"{outcomes.count('missing')} without a test; every other claim holds |"
            ]
            if claim_tests
            else []
        ),
        f"| claim tests | {len(failing)} failed, {skipped} skipped; every other test passes |",
        f"| example outputs | {len(changed)} changed, {len(failed)} failed to run; every other output is "
        "as recorded |",
        f"| new warnings | {len(warned)} |",
        "",
        "## Claims that broke",
        "",
    ]
    bound = {test: claim for claim, tests in (claim_tests or {}).items() for test in tests}

    def failures(tests: list[Claim]) -> list[str]:
        return [
            f"- `{c.test}`"
            + (f" (claim `{bound[function_of(c.test)]}`)" if function_of(c.test) in bound else "")
            + f": {first_line(c.message)}"
            for c in tests
        ] or ["None."]

    lines += failures(broke)
    lines += ["", "## Error messages worded differently (the claim still holds)", ""]
    lines += failures(reworded)
    lines += ["", "## Outputs that changed", ""]
    for snippet_id, diff in changed.items():
        lines += [f"### `{source_name(snippet_id)}`", "", "```diff", diff, "```", ""]
    if not changed:
        lines += ["None.", ""]
    lines += ["## New warnings or deprecations", ""]
    lines += [f"- `{source_name(s)}`: {first_line(e)}" for s, e in warned.items()] or ["None."]
    lines += ["", "## Examples that no longer run", ""]
    lines += [f"- `{source_name(s)}`: {first_line(e)}" for s, e in raised.items()] or ["None."]
    lines += ["", "## Build", ""]
    lines += (
        ["`mkdocs build --strict` passed."]
        if build_ok
        else ["`mkdocs build --strict` failed:", "", "```text", build_log, "```"]
    )
    return "\n".join(lines) + "\n"


def record_text(versions, build_ok, changed, outputs, failed, claims) -> str:
    """records/torch-<release>.json: nothing in it but results (no day, timing, patch release or torch
    build), and one claim test per line, sorted, the comma leading: pull requests that add different notes
    add different lines and change none, so git merges them (a comma trailing the last line would not)."""
    record = {
        **versions,
        "torch": release(versions["torch"]),  # 2.13.0+cpu and 2.13.0+cu130 are one release
        "python": minor(versions["python"]),
        "build": "pass" if build_ok else "fail",
        "outputs_changed": sorted(changed),
        # what a reader of this release sees instead of the page's output, and what no longer runs
        "outputs": dict(sorted(outputs.items())),
        "examples_failed": {name: first_line(error) for name, error in sorted(failed.items())},
    }
    head = json.dumps(record, indent=2, ensure_ascii=False).removesuffix("\n}")
    entries = [f"{json.dumps(c.test)}: {json.dumps(c.outcome)}" for c in sorted(claims, key=lambda c: c.test)]
    body = "\n  , ".join(entries)
    return (
        f'{head},\n  "claims": {{\n    {body}\n  }}\n}}\n' if entries else f'{head},\n  "claims": {{}}\n}}\n'
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--expect-torch", help="refuse to run unless this torch release is installed")
    parser.add_argument("--install-seconds", type=int, help="what installing this torch took (nox notes it)")
    parser.add_argument("--download-bytes", type=int, help="what installing this torch downloaded")
    args = parser.parse_args()

    versions = execution.versions()
    if args.expect_torch and release(versions["torch"]) != release(args.expect_torch):
        print(
            f"error: asked to check torch {args.expect_torch}, but this environment has torch "
            f"{versions['torch']}: install it (python -m nox -s upgrade -- {args.expect_torch} does)",
            file=sys.stderr,
        )
        return 2
    baseline = {}
    for snapshot in AmberDataSerializer.read_file(str(RECORD)):
        if snapshot.name == "test_record_names_the_versions_that_produced_it":
            # syrupy writes a dict as `dict({...})`: the literal inside is Python's own
            baseline = ast.literal_eval(snapshot.data.strip().removeprefix("dict(").removesuffix(")"))
    started = time.monotonic()
    claims = run_claim_tests()
    recorded = recorded_outputs()
    outputs: dict[str, str] = {}
    changed, failed = output_drift(recorded, outputs)
    build_ok, build_log = strict_build()
    cost = {
        "install_seconds": args.install_seconds,
        "download_bytes": args.download_bytes,
        "check_seconds": round(time.monotonic() - started),
    }
    # what it cost is printed, never recorded: a record changes only where a result does
    print(f"torch {versions['torch']} (Python {versions['python']}): {cost_text(cost)}")

    RECORDS_DIR.mkdir(exist_ok=True)
    REPORTS_DIR.mkdir(exist_ok=True)
    torch_version = release(versions["torch"])  # 2.13.0+cpu and 2.13.0+cu130 are one release
    record_path = RECORDS_DIR / f"torch-{torch_version}.json"
    record_path.write_text(
        record_text(versions, build_ok, changed, outputs, failed, claims), encoding="utf-8"
    )
    report_path = REPORTS_DIR / f"upgrade-torch-{torch_version}.md"
    report_path.write_text(
        report(
            versions,
            baseline,
            claims,
            changed,
            failed,
            build_ok,
            build_log,
            claim_tests(ROOT),
            message_tests(ROOT),
        ),
        encoding="utf-8",
    )
    print(f"wrote {report_path.relative_to(ROOT)} and {record_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
