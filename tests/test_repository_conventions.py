"""Conventions a contributor expects: one check command everywhere, pre-commit with ruff, a PR checklist."""

from __future__ import annotations

import ast
import re

import yaml

from tests.conftest import REPO_ROOT


def readme_check_command() -> str:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"# install and run every check[^\n]*\n(?P<command>[^\n]+)\n```", readme)
    assert block, "README.md must show the check command under '# install and run every check'"
    return block.group("command").strip()


def test_ci_runs_exactly_the_readme_check_command():
    run = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_check_command() in run


def test_the_workflow_checks_pull_requests_with_ci_run_and_publishes_main_after_it():
    """GitHub runs the very script CI runs here, and nothing else that could drift from it."""
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    commands = [step["run"].strip() for step in workflow["jobs"]["check"]["steps"] if "run" in step]
    assert commands == [".ci/run"], f"the check job must run .ci/run and only it, not {commands}"
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "check"
    assert "refs/heads/main" in publish["if"]
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def string_constant(path, name: str) -> str:
    """The string a module assigns to `name` (directly, or as the default of os.environ.get)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            value = node.value
            if isinstance(value, ast.Call):  # os.environ.get("NAME", "default")
                value = value.args[-1]
            assert isinstance(value, ast.Constant), f"{path.name}: {name} is no longer a plain string"
            return value.value
    raise AssertionError(f"{path.name} no longer assigns {name}")


def test_ci_run_installs_what_the_browser_tests_require():
    script = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    browser = REPO_ROOT / "tests" / "browser"
    chromium = string_constant(browser / "conftest.py", "CHROMIUM")
    font = string_constant(browser / "test_typography_and_controls.py", "CJK_FONT")
    assert "${CHROMIUM:-}" in script, "the browser tests read $CHROMIUM: .ci/run must honour it"
    assert f"-x {chromium} ]" in script, f"the browser tests' default Chromium is {chromium}"
    assert f'grep "{font}" >/dev/null' in script, (
        f"the typography tests check {font}: .ci/run must look for it"
    )
    installs = re.search(r"missing\+=\(chromium\).*missing\+=\(fonts-noto-cjk\)", script, re.DOTALL)
    assert installs, ".ci/run must install Debian's chromium and fonts-noto-cjk when they are missing"
    assert 'apt-get install -y -qq "${missing[@]}"' in script, "only what is missing is installed"
    for message in ((browser / "conftest.py"), (browser / "test_typography_and_controls.py")):
        assert ".ci/run does" in message.read_text(encoding="utf-8"), f"{message.name} names .ci/run"


def test_ci_run_works_as_root_or_with_sudo_and_allows_the_sandboxs_namespaces():
    script = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }' in script
    root_commands = [line.strip() for line in script.splitlines() if re.match(r"\s*(apt-get|sysctl)", line)]
    assert not root_commands, f"run these through as_root (a GitHub runner is not root): {root_commands}"
    assert "as_root sysctl -q -w kernel.apparmor_restrict_unprivileged_userns=0" in script


def test_ci_holds_no_more_power_than_it_needs():
    """Snippets are pull-request code that the check runs: the check may only read; publishing runs
    no project code and deploys the artifact the check built; actions are pinned by commit."""
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    check, publish = workflow["jobs"]["check"], workflow["jobs"]["publish"]
    assert check["permissions"] == {"contents": "read"}
    checkout = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in check["steps"])
    assert all(
        "run" not in step and "actions/checkout" not in step.get("uses", "") for step in publish["steps"]
    )
    assert set(publish["permissions"]) == {"pages", "id-token"}
    uses = [s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action}: pin the action by commit"


def test_pre_commit_runs_ruff_lint_and_format_on_snippets_and_tests():
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["ruff-check"]["entry"].startswith("ruff check")
    assert hooks["ruff-format"]["entry"] == "ruff format"
    pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pinned_ruff = re.search(r'"(ruff==[\d.]+)"', pyproject).group(1)
    for hook in hooks.values():
        assert re.search(hook["files"], "snippets/memory/x.py")
        assert re.search(hook["files"], "tests/memory/test_x.py")
        assert hook["additional_dependencies"] == [pinned_ruff]


def test_pull_request_template_has_the_checklist():
    template = (REPO_ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5
    assert "python -m nox -s check" in template


def test_contributing_exists_in_both_languages_with_the_same_sections():
    def anchors(name):
        """Each section's anchor: an HTML anchor on the line before the heading (GitHub shows MkDocs'
        `{ #id }` literally, and makes its own anchors from the words, so Chinese headings would differ)."""
        text = (REPO_ROOT / name).read_text(encoding="utf-8")
        assert not re.search(r"^#.*\{ #[\w-]+ \}$", text, re.M), f"{name}: GitHub shows {{ #id }} literally"
        return re.findall(r'^<a id="([\w-]+)"></a>\n\n## ', text, re.M)

    assert anchors("CONTRIBUTING.md") == anchors("CONTRIBUTING.zh.md")
    assert {"layout", "adding-a-note", "conventions", "checks", "notebooks", "upgrading-pytorch"} <= set(
        anchors("CONTRIBUTING.md")
    )


def test_the_checks_and_their_benchmark_take_their_options_from_layout():
    noxfile = (REPO_ROOT / "noxfile.py").read_text(encoding="utf-8")
    benchmark = (REPO_ROOT / "benchmarks" / "check_speed.py").read_text(encoding="utf-8")
    for source in (noxfile, benchmark):
        assert "layout.PYTEST_WORKERS" in source
        assert "layout.QUICK_CHECK" in source
    # counter-case: neither spells them out itself any more
    assert '"-n", "auto"' not in noxfile
    assert "not build and not browser" not in noxfile + benchmark
