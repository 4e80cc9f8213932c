"""The drift report (site_tools/upgrade_report.py): a changed output is reported as a diff naming it."""

from __future__ import annotations

import json
import subprocess

from syrupy.extensions.amber.serializer import AmberDataSerializer

from site_tools import upgrade_report
from site_tools.upgrade_report import Claim


def test_the_record_holds_every_executed_example():
    recorded = upgrade_report.recorded_outputs()
    assert "memory/from_numpy_shares_memory" in recorded
    assert len(recorded) >= 20


def test_an_unchanged_output_is_not_reported():
    recorded = {"memory/slice_clone_copies": upgrade_report.recorded_outputs()["memory/slice_clone_copies"]}
    assert upgrade_report.output_drift(recorded) == ({}, {})


def test_a_changed_output_is_reported_as_a_diff_naming_the_snippet():
    real = upgrade_report.recorded_outputs()["memory/slice_clone_copies"]
    stale = real.replace("sub_tensor_copy:", "sub_tensor_copy (old torch):")
    changed, failed = upgrade_report.output_drift({"memory/slice_clone_copies": stale})
    assert failed == {}
    diff = changed["memory/slice_clone_copies"]
    assert "\n-sub_tensor_copy (old torch):\n" in diff
    assert "\n+sub_tensor_copy:\n" in diff


def test_a_changed_notebook_output_is_reported_too():
    page = "memory/copy_or_share.ipynb"
    real = upgrade_report.recorded_outputs()[page]
    stale = real.replace("[cell 2]", "[cell 2]\nsomething an older torch printed")
    changed, failed = upgrade_report.output_drift({page: stale})
    assert failed == {}
    assert "\n-something an older torch printed\n" in changed[page]


def test_an_example_that_no_longer_runs_is_reported():
    changed, failed = upgrade_report.output_drift(
        {"memory/does_not_exist": AmberDataSerializer.serialize("x")}
    )
    assert changed == {}
    assert "snippet file not found" in failed["memory/does_not_exist"]


def test_report_lists_broken_claims_diffs_warnings_and_build_status():
    versions = {"torch": "9.9.9", "numpy": "2.4.6", "python": "3.11.7"}
    baseline = {"torch": "2.13.0+cpu", "numpy": "2.4.6", "python": "3.11"}
    claims = [
        Claim("memory/test_a.py::test_holds", "pass"),
        Claim("memory/test_b.py::test_breaks", "fail", "AssertionError: assert False\nmore"),
    ]
    text = upgrade_report.report(
        versions,
        baseline,
        claims,
        {"memory/a": "--- recorded\n+++ now\n-old\n+new"},
        {"memory/b": "snippets/memory/b.py:3: DeprecationWarning: gone -- an undeclared warning."},
        False,
        "ERROR - something",
        {"holds": ["memory/test_a.py::test_holds"], "breaks": ["memory/test_b.py::test_breaks"], "new": []},
    )
    assert text.startswith("# Drift report: torch 9.9.9\n")
    assert "| strict build | **fails** |" in text
    assert (
        "| claims | 1 broke, 0 hold with an error worded differently, 0 skipped (GPU only), "
        "1 without a test; every other claim holds |" in text
    )
    assert "| claim tests | 1 failed, 0 skipped; every other test passes |" in text
    assert "| example outputs | 1 changed, 1 failed to run; every other output is as recorded |" in text
    assert "Checked with torch 9.9.9, NumPy 2.4.6, Python 3.11, against" in text, "no patch release"
    assert "- `memory/test_b.py::test_breaks` (claim `breaks`): AssertionError: assert False" in text
    assert "### `snippets/memory/a.py`\n\n```diff\n--- recorded\n+++ now\n-old\n+new\n```" in text
    assert "- `snippets/memory/b.py`: snippets/memory/b.py:3: DeprecationWarning: gone" in text
    assert "ERROR - something" in text


def test_a_claim_whose_only_failures_check_wording_is_reworded_not_broken():
    """As the version page shows it (≈): a `message` test failing alone does not break its claim."""
    claims = [
        Claim("memory/test_a.py::test_raises", "pass"),
        Claim(
            "memory/test_a.py::test_its_message", "fail", "AssertionError: 'view size' not in 'other words'"
        ),
        Claim("memory/test_b.py::test_breaks", "fail", "AssertionError: assert False"),
    ]
    args = ({"torch": "9.9.9", "numpy": "2", "python": "3.11"}, {}, claims, {}, {}, True, "")
    bindings = {
        "raises": ["memory/test_a.py::test_raises", "memory/test_a.py::test_its_message"],
        "breaks": ["memory/test_b.py::test_breaks"],
    }
    text = upgrade_report.report(*args, bindings, {"memory/test_a.py::test_its_message"})
    assert "| claims | 1 broke, 1 hold with an error worded differently," in text
    broke = text.split("## Claims that broke")[1].split("##")[0]
    reworded = text.split("## Error messages worded differently (the claim still holds)")[1].split("##")[0]
    assert "test_breaks" in broke
    assert "test_its_message" not in broke
    assert "- `memory/test_a.py::test_its_message` (claim `raises`): AssertionError" in reworded
    # the counter-case: without knowing which tests check wording, the same failure breaks the claim
    plain = upgrade_report.report(*args, bindings)
    assert "| claims | 2 broke, 0 hold with an error worded differently," in plain


def test_a_module_an_old_torch_cannot_collect_fails_each_of_its_tests():
    """torch 2.2 lacked torch.uint16: a module failing at collection is every one of its tests failing,
    not a record of nothing (what a plain pytest run gives: it stops at the collection error)."""
    found = upgrade_report.uncollected("tests.tensor_ops.test_boolean_mask_indexing", "AttributeError: x")
    assert len(found) > 3
    assert all(c.outcome == "fail" for c in found)
    assert all(c.test.startswith("tensor_ops/test_boolean_mask_indexing.py::test_") for c in found)
    assert "could not be collected: AttributeError: x" in found[0].message


def test_two_pull_requests_that_each_record_a_new_note_merge_without_a_conflict(tmp_path):
    """Each branch adds a note's claim tests and records them, on another day, another machine (Python
    patch release, torch build): git merges both records and both reports cleanly, into their union."""
    base = [Claim(f"memory/test_{name}.py::test_it", "pass") for name in ("a", "m", "z")]
    ours = [*base, Claim("memory/test_new_one.py::test_it_holds", "pass")]
    theirs = [*base, Claim("tensor_ops/test_new_two.py::test_it_holds", "pass")]
    machines = [
        {"torch": "2.13.0+cpu", "numpy": "2.4.6", "python": "3.11.7"},
        {"torch": "2.13.0+cpu", "numpy": "2.4.6", "python": "3.11.4"},
        {"torch": "2.13.0+cu130", "numpy": "2.4.6", "python": "3.11.9"},
    ]
    bindings = {"a": [c.test for c in base]}

    def files(versions, claims):
        record = upgrade_report.record_text(versions, True, {}, {}, {}, claims)
        claim_tests = {**bindings, "new": [c.test for c in claims if "new" in c.test]}
        report = upgrade_report.report(versions, {}, claims, {}, {}, True, "", claim_tests)
        return {"record.json": record, "report.md": report}

    for name, text in files(machines[0], base).items():
        for side, (versions, claims) in {
            "ours": (machines[1], ours),
            "theirs": (machines[2], theirs),
        }.items():
            (tmp_path / f"{side}-{name}").write_text(files(versions, claims)[name], encoding="utf-8")
        (tmp_path / f"base-{name}").write_text(text, encoding="utf-8")
        result = subprocess.run(
            ["git", "merge-file", "-p", f"ours-{name}", f"base-{name}", f"theirs-{name}"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{name}: the two branches conflict:\n{result.stdout}"
        assert result.stdout == files(machines[0], [*ours, theirs[-1]])[name], f"{name}: not the union"
    union = json.loads(upgrade_report.record_text(machines[1], True, {}, {}, {}, [*ours, theirs[-1]]))
    assert list(union["claims"]) == sorted(c.test for c in [*ours, theirs[-1]]), "valid JSON, sorted"
    assert "date" not in union
    assert (union["python"], union["torch"]) == ("3.11", "2.13.0")
