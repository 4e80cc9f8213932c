"""Where no sandbox can be made (site_tools/execution/sandbox.py), examples are refused unless the
checkout is trusted (NOTES_TRUSTED=1), and the message says what to do. What a snippet can do inside
the sandbox is tested in test_isolation.py."""

from __future__ import annotations

import logging
import multiprocessing
import os
from pathlib import Path

import pytest

from site_tools.execution import isolated, sandbox
from site_tools.execution.runner import ExecutionError

pytestmark = pytest.mark.process  # child processes: not in the quick check


def _no_namespaces(folder: str) -> None:
    """A probe as it fails where user namespaces are forbidden (Ubuntu's AppArmor policy, say)."""
    Path(folder, "why").write_text("unshare (user namespaces): Operation not permitted")
    os._exit(1)


def _check_without_namespaces():
    return isolated._check_sandbox(multiprocessing.get_context("fork"), probe=_no_namespaces)


def test_the_sandbox_can_be_made_here():
    isolated.context()
    assert isolated._sandbox["use"] is True
    assert isolated._sandbox["refused"] == ""


def test_without_a_sandbox_examples_are_refused_saying_why_and_what_to_do(monkeypatch):
    monkeypatch.delenv(sandbox.TRUSTED, raising=False)
    checked = _check_without_namespaces()
    assert checked["use"] is False
    assert (
        "no sandbox can be made here (unshare (user namespaces): Operation not permitted)"
        in checked["refused"]
    )
    assert "kernel.apparmor_restrict_unprivileged_userns=0" in checked["refused"]
    assert f"{sandbox.TRUSTED}=1" in checked["refused"]
    isolated.context()
    monkeypatch.setattr(isolated, "_sandbox", checked)
    with pytest.raises(ExecutionError, match=r"^snippets/t/x\.py: cannot run examples: no sandbox"):
        isolated.run(["print(1)\n"], "snippets/t/x.py")


def test_a_trusted_checkout_runs_without_a_sandbox_and_says_so(monkeypatch, caplog):
    monkeypatch.setenv(sandbox.TRUSTED, "1")
    with caplog.at_level(logging.WARNING, logger="pytorch_notes.sandbox"):
        checked = _check_without_namespaces()
    assert checked == {"use": False, "refused": "", "hidden": checked["hidden"]}
    assert (
        "Examples run WITHOUT a sandbox (unshare (user namespaces): Operation not permitted)" in caplog.text
    )
    isolated.context()
    monkeypatch.setattr(isolated, "_sandbox", checked)
    assert isolated.run(["print(1)\n"], "snippets/t/x.py").output == "1\n"


@pytest.mark.parametrize("value", ["", "0", "yes"])
def test_only_notes_trusted_1_means_trusted(monkeypatch, value):
    monkeypatch.setenv(sandbox.TRUSTED, value)
    assert _check_without_namespaces()["refused"]
