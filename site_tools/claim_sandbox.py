"""Claim tests cannot vouch for other tests: each claim-test module runs in a sandbox of its own.

A claim test (tests/<topic>/test_<name>.py, layout.claim_test_files) runs a snippet in its own process
to assert on its objects, and a snippet is pull-request code: in the pytest process it could patch
pytest (every outcome "passed", for every test of its worker) or end the process with `os._exit(0)`.
So this pytest plugin (pyproject.toml: `-p site_tools.claim_sandbox`) never imports a claim-test
module in the session. For each one it runs, once per test run:

- a **child process** forked from the build's warm forkserver (isolated.context, which here also
  preloads pytest), which enters the operating-system sandbox (sandbox.enter: its own user, mount,
  PID, network and IPC namespaces, read-only files, private /tmp, no capabilities, a scrubbed
  environment) and runs `pytest.main([module, "-p", "no:xdist", …])` with a small recorder plugin
  (`_Recorder`) that writes, as JSON into the child's own report folder, the module's test ids and
  each test's outcome and message;
- the session then collects a `ClaimModule` for the file whose items are those tests (same node ids,
  so `-k`, JUnit reports and `nox -s record` see each test as before, with its custom marks for
  `-m`), and each item passes only if the report says it passed.

The report is read as a regular file only, size-limited, and checked field by field (`checked`): a
test id outside the module, or whose function the file does not define, or an outcome for a test
the report did not collect, makes the report refused. A missing, malformed, oversized or refused
report, a child that died or ran past the module's time limit (ini `claim_module_timeout`), or a
module pytest could not collect, fails every test of that module (its test functions, read from the
source without importing it, as the claims check does), saying why. What a snippet can still do is
make its own module's tests lie (it runs in the process that writes their report), nothing more:
another module's tests, and the run's total, are decided in processes it cannot reach.

Runs are shared by the workers of a pytest-xdist run through a folder of the run (each worker's
pytest base folder's parent): a worker takes a module by creating `<module>.taken` (O_EXCL, so one
worker runs it), and writes `<module>.json` (the checked tests) for all to read. Runs start when the
session's collection starts, biggest files first, on one thread per worker (or one per core without
xdist), so the modules are run in parallel and each once. Without a sandbox (sandbox.probe says why)
the modules run only where `NOTES_TRUSTED=1` says the code is trusted, in a child process still.

PYTEST_DONT_REWRITE: this plugin is imported before pytest starts in a module's process (the
forkserver preloads it), and holds no assert to rewrite.
"""

from __future__ import annotations

import ast
import contextlib
import gc
import importlib
import json
import multiprocessing
import os
import queue
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import _pytest.config
import pytest

from site_tools import layout
from site_tools.execution import isolated, sandbox

TIMEOUT_INI = "claim_module_timeout"
DEFAULT_TIMEOUT_S = 300.0
"""Seconds a claim-test module may run in its process (all its tests, and the snippets they run)."""
REPORT_LIMIT = 8 * 2**20
"""Bytes of a module's report: anything larger is refused."""
MESSAGE_LIMIT = 20_000
"""Characters of a test's message (its failure, skip reason) kept."""
OUTCOMES = ("passed", "failed", "skipped", "xfailed")
PYTEST_MARKS = {"skip", "skipif", "xfail", "parametrize", "usefixtures", "filterwarnings"}
"""pytest's own marks: not given to a claim test's item here (only the project's: claim, cuda, message)."""
PRELOAD = ["pytest", "site_tools.claim_sandbox", "sympy", "torch._dynamo"]
"""What the forkserver imports once for the claim modules' processes: pytest, and what a claim test's
first autograd or optimizer step imports (torch._dynamo, with sympy: 1.5 to 5 s in each of five modules,
measured; the build's examples do without, site_tools/execution/preload.py)."""

for _plugin in _pytest.config.default_plugins:  # imported here once: by the forkserver, for every module
    with contextlib.suppress(ImportError):
        importlib.import_module(f"_pytest.{_plugin}")

_inside: list[bool] = []  # set in a module's own process: there, the module is collected as usual


# --- the session ---------------------------------------------------------------------------------------


def pytest_addoption(parser) -> None:
    parser.addini(TIMEOUT_INI, f"seconds a claim-test module may run (default {DEFAULT_TIMEOUT_S:g})")


def pytest_configure(config) -> None:
    if _inside:
        return
    root = config.rootpath
    config.stash[_MODULES] = {path.resolve() for path in layout.claim_test_files(root)}


def pytest_collection(session) -> None:
    """Start the runs of the claim modules this session will collect (those under its arguments)."""
    if _inside or not session.config.stash.get(_MODULES, None):
        return
    if session.config.pluginmanager.has_plugin("dsession"):
        return  # pytest-xdist's controller: its workers collect
    wanted = [
        Path(session.config.invocation_params.dir, arg.split("::", 1)[0]).resolve()
        for arg in session.config.args
    ]
    modules = [
        path for path in session.config.stash[_MODULES] if any(path == w or w in path.parents for w in wanted)
    ]
    _runs(session.config).start(sorted(modules, key=lambda p: (-p.stat().st_size, str(p))))


def pytest_pycollect_makemodule(module_path: Path, parent) -> Any:
    if _inside or module_path.resolve() not in parent.config.stash.get(_MODULES, set()):
        return None
    return ClaimModule.from_parent(parent, path=module_path)


class ClaimModule(pytest.File):
    """A claim-test module, never imported here: its tests are what its sandboxed run reported."""

    def collect(self):
        runs = _runs(self.config)
        runs.start([self.path.resolve()])  # not started with the session's (a path given oddly)
        registered = {
            line.split(":", 1)[0].split("(", 1)[0].strip() for line in self.config.getini("markers")
        }
        registered -= PYTEST_MARKS  # they act in the module's process, and did there
        for test in runs.result(self.path.resolve()):
            item = ClaimTest.from_parent(
                self, name=test["name"], outcome=test["outcome"], message=test["message"], line=test["line"]
            )
            for mark in test["markers"]:
                if mark in registered:
                    item.add_marker(mark)
            yield item


class ClaimFailure(Exception):
    """A claim test that failed in its module's process, or whose module's run failed."""


class ClaimTest(pytest.Item):
    """One test of a claim module: it passes only where its module's report says it passed."""

    def __init__(self, *, outcome: str, message: str, line: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.outcome, self.message, self.line = outcome, message, line

    def runtest(self) -> None:
        if self.outcome == "passed":
            return
        if self.outcome == "skipped":
            raise pytest.skip.Exception(self.message, _use_item_location=True)  # where the test is
        if self.outcome == "xfailed":
            pytest.xfail(self.message)
        raise ClaimFailure(self.message)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ClaimFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, self.line, self.name


_MODULES = pytest.StashKey[set]()
_RUNS = pytest.StashKey["_Runs"]()


def _runs(config) -> _Runs:
    if _RUNS not in config.stash:
        config.stash[_RUNS] = _Runs(config)
    return config.stash[_RUNS]


class _Runs:
    """The claim modules' runs of this test run, shared by its xdist workers through `folder`."""

    def __init__(self, config) -> None:
        base = config._tmp_path_factory.getbasetemp()  # the tmp_path_factory fixture's, before any test
        worker = hasattr(config, "workerinput")
        self.folder = (base.parent if worker else base) / "claim-modules"  # xdist: the run's folder
        self.folder.mkdir(exist_ok=True)
        self.root, self.inifile = config.rootpath, config.inipath
        self.timeout_s = float(config.getini(TIMEOUT_INI) or DEFAULT_TIMEOUT_S)
        self.collect_only = bool(config.option.collectonly)
        # the session's selection, so that a test it deselects is not run there either (`-m "not process"`)
        self.selection = [
            *(["-m", config.option.markexpr] if config.option.markexpr else []),
            *(["-k", config.option.keyword] if config.option.keyword else []),
        ]
        self.width = max(1, os.cpu_count() or 1)
        if worker:  # one worker of the run runs them all (one forkserver importing torch, not one each)
            with contextlib.suppress(FileExistsError):
                fd = os.open(self.folder / "leader", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                os.write(fd, str(os.getpid()).encode())
                os.close(fd)
            self.width = self.width if self._owner(self.folder / "leader") == os.getpid() else 0
        self.queue: queue.Queue[Path] = queue.Queue()
        self.started: set[Path] = set()
        self.threads: list[threading.Thread] = []

    def _key(self, path: Path) -> str:
        return layout.display_path(self.root, path).replace("/", "__")

    @staticmethod
    def _owner(path: Path) -> int:
        try:
            return int(path.read_text() or "0")
        except (OSError, ValueError):
            return 0

    def start(self, modules: list[Path]) -> None:
        for path in modules:
            if path not in self.started:
                self.started.add(path)
                self.queue.put(path)
        while len(self.threads) < self.width and self.started:
            thread = threading.Thread(target=self._work, daemon=True, name="claim-modules")
            thread.start()
            self.threads.append(thread)

    def _work(self) -> None:
        while True:
            path = self.queue.get()
            key = self._key(path)
            try:
                fd = os.open(self.folder / f"{key}.taken", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                continue  # another worker runs it
            with os.fdopen(fd, "w") as taken:
                taken.write(str(os.getpid()))
            try:
                tests = run_module(
                    path, self.root, self.inifile, self.timeout_s, self.collect_only, self.selection
                )
            except Exception as error:  # never a module without a verdict
                tests = _all_fail(path, self.root, f"could not be run: {type(error).__name__}: {error}")
            partial = self.folder / f"{key}.partial"
            partial.write_text(json.dumps(tests), encoding="utf-8")
            partial.replace(self.folder / f"{key}.json")

    def result(self, path: Path) -> list[dict]:
        """The module's tests, once a worker has run it (this one's threads, or another worker's)."""
        key = self._key(path)
        done, taken = self.folder / f"{key}.json", self.folder / f"{key}.taken"
        while not done.exists():
            owner = self._owner(taken) or self._owner(self.folder / "leader")
            if owner and not _alive(owner):
                time.sleep(0.1)  # it may have written its result just before ending
                if not done.exists():
                    return _all_fail(path, self.root, "the pytest worker that ran it ended first")
            time.sleep(0.01)
        return json.loads(done.read_text(encoding="utf-8"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- one module's run ------------------------------------------------------------------------------------


def run_module(
    path: Path,
    root: Path,
    inifile: Path | None,
    timeout_s: float,
    collect_only: bool = False,
    selection: list[str] | None = None,
) -> list[dict]:
    """Run the claim-test module at `path` in a sandboxed child (`selection`: pytest's -m and -k); its
    tests, each {"name", "outcome", "message", "markers", "line"}: what its checked report says, or all
    failing, naming why. A test the selection deselected there fails if run here (it is not)."""
    name = layout.display_path(root, path)
    ctx = isolated.context(preload=PRELOAD)
    state = isolated._sandbox
    if state["refused"]:
        return _all_fail(path, root, state["refused"].replace("cannot run examples", "cannot run its tests"))
    isolated._wake_forkserver()
    folder = Path(tempfile.mkdtemp(prefix="claim-module-"))
    scratch, report_folder = folder / "work", folder / "report"
    report_path = report_folder / "report.json"
    scratch.mkdir()
    report_folder.mkdir()
    process = ctx.Process(
        target=_child,
        args=(
            str(path),
            str(root),
            None if inifile is None else str(inifile),
            str(report_path),
            str(scratch),
            state["hidden"] if state["use"] else None,
            collect_only,
            list(selection or []),
        ),
        daemon=True,
    )
    try:
        process.start()
        finished = isolated._wait(process.pid, report_path, time.monotonic() + timeout_s)
        isolated._kill(process)
        isolated._wake_forkserver()
        data = isolated._read_own(report_path, REPORT_LIMIT)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not finished:
        return _all_fail(path, root, f"{name} ran past its time limit of {timeout_s:g} s and was stopped.")
    if data is None:
        return _all_fail(
            path, root, f"{name}: its process ended without reporting (os._exit(), a crash or a kill)."
        )
    try:
        return checked(data, path, root)
    except Refused as error:
        return _all_fail(path, root, f"{name}: its report is refused: {error}")


class Refused(ValueError):
    """A module's report that cannot be taken as it is (the message says why)."""


def test_functions(path: Path) -> list[str]:
    """The test functions the file defines (module level, as pytest and site_tools/claims.py read them),
    from its source: the module is never imported here."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return []
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    ]


def _all_fail(path: Path, root: Path, why: str) -> list[dict]:
    names = test_functions(path) or [path.stem]
    return [{"name": n, "outcome": "failed", "message": why, "markers": [], "line": 0} for n in names]


def checked(data: bytes, path: Path, root: Path) -> list[dict]:
    """The module's tests from its report (JSON bytes), checked field by field; raises Refused."""
    if len(data) > REPORT_LIMIT:
        raise Refused(f"it is larger than {REPORT_LIMIT:,} bytes")
    try:
        report = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise Refused(f"it is not valid JSON ({error})") from None
    if not isinstance(report, dict):
        raise Refused("it is not a JSON object")
    prefix = layout.display_path(root, path) + "::"
    functions = set(test_functions(path))
    errors, collected, results = report.get("errors"), report.get("collected"), report.get("results")
    if not (isinstance(errors, list) and all(isinstance(e, str) for e in errors)):
        raise Refused('"errors" is not a list of texts')
    if not isinstance(collected, list) or not isinstance(results, dict):
        raise Refused('"collected" is not a list or "results" not an object')
    tests: list[dict] = []
    seen: set[str] = set()
    for entry in collected:
        if not (
            isinstance(entry, list)
            and len(entry) == 3
            and isinstance(entry[0], str)
            and isinstance(entry[1], list)
            and all(isinstance(m, str) and m.isidentifier() for m in entry[1])
            and type(entry[2]) is int
            and entry[2] >= 0
        ):
            raise Refused(f"a collected test is not [node id, [marks], line]: {str(entry)[:200]}")
        node_id, marks, line = entry
        name = node_id.removeprefix(prefix)
        if not node_id.startswith(prefix) or name.split("[", 1)[0] not in functions:
            raise Refused(f"it names a test the module does not have: {node_id[:200]!r}")
        if node_id in seen:
            raise Refused(f"it names a test twice: {node_id[:200]!r}")
        seen.add(node_id)
        tests.append(
            {"name": name, "outcome": "passed", "message": "", "markers": sorted(set(marks)), "line": line}
        )
    unknown = set(results) - seen
    if unknown:
        raise Refused(f"it gives an outcome for a test it did not collect: {sorted(unknown)[0][:200]!r}")
    for test in tests:
        result = results.get(prefix + test["name"])
        if errors:
            test["outcome"], test["message"] = "failed", "the module could not be collected:\n" + errors[0]
        elif report.get("collect_only") is True:
            continue
        elif result is None:
            test["outcome"], test["message"] = "failed", "its module's process did not run it (-m, -k)"
        elif (
            not isinstance(result, dict)
            or result.get("outcome") not in OUTCOMES
            or not isinstance(result.get("message"), str)
        ):
            raise Refused(f"the outcome of {test['name'][:200]!r} is malformed")
        else:
            test["outcome"], test["message"] = result["outcome"], result["message"][:MESSAGE_LIMIT]
    if errors and not tests:
        return _all_fail(path, root, "the module could not be collected:\n" + errors[0][:MESSAGE_LIMIT])
    if not tests:
        raise Refused("it names no test")
    return tests


# --- in the module's own process ----------------------------------------------------------------------------


class _Recorder:
    """A plugin of the module's own pytest: the ids it collected and each test's outcome."""

    def __init__(self, finish=None) -> None:
        self.finish = finish  # called with the report at the session's end: it writes it and ends the process
        self.collected: list[list] = []
        self.results: dict[str, dict] = {}
        self.errors: list[str] = []

    def pytest_collectreport(self, report) -> None:
        if report.failed:
            self.errors.append(report.longreprtext[:MESSAGE_LIMIT])

    def pytest_itemcollected(self, item) -> None:  # before -m and -k deselect any
        self.collected.append(
            [item.nodeid, sorted({m.name for m in item.iter_markers()}), item.location[1] or 0]
        )

    def report(self, collect_only: bool) -> dict:
        return {
            "collected": self.collected,
            "results": self.results,
            "errors": self.errors,
            "collect_only": collect_only,
        }

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session) -> None:
        """Report now: pytest's own cleanup after this (two full garbage collections of a process that
        holds torch, for unraisable exceptions no test is left to fail on) took 0.2 s of every module."""
        if self.finish is not None:
            self.finish(self.report(bool(session.config.option.collectonly)))

    def pytest_runtest_logreport(self, report) -> None:
        result = self.results.setdefault(report.nodeid, {"outcome": "passed", "message": ""})
        if report.failed:
            text = report.longreprtext
            for title, content in report.sections:
                text += f"\n{title}\n{content}"
            crash = getattr(getattr(report.longrepr, "reprcrash", None), "message", "")
            result["outcome"] = "failed"
            # what failed first (pytest's one-line summary shows it), then the whole report
            headline = crash.strip() if crash and not result["message"] else ""
            message = result["message"] + (f"{headline}\n\n" if headline else "")
            message += f"\n({report.when}) {text}"
            result["message"] = message.strip()[:MESSAGE_LIMIT]
        elif report.skipped and result["outcome"] == "passed":
            if hasattr(report, "wasxfail"):
                result["outcome"], result["message"] = "xfailed", str(report.wasxfail)[:MESSAGE_LIMIT]
            else:
                reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
                result["outcome"] = "skipped"
                result["message"] = str(reason).removeprefix("Skipped: ")[:MESSAGE_LIMIT]


def _child(module, root, inifile, report_path, scratch, hidden, collect_only, selection) -> None:
    """In the module's process: enter the sandbox, run pytest on the module, report; never return."""
    _inside.append(True)
    gc.freeze()  # what the forkserver holds is never traversed here: no copy of its pages by a collection
    os.setsid()
    # started as a daemon, but a claim test's snippet may start processes of its own (multiprocessing
    # refuses that in a daemon), as the build's examples may (isolated._child)
    multiprocessing.current_process().daemon = False
    if hidden is None:
        isolated._become_subreaper()
    limit = isolated._address_space() + isolated.MEMORY_LIMIT
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.dont_write_bytecode = True
    if hidden is not None:
        sandbox.enter(os.path.dirname(scratch), os.path.dirname(report_path), hidden, readable=[root])
    os.chdir(scratch)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # the claim tests need pytest's own plugins only

    def finish(report: dict) -> None:
        if hidden is None:
            isolated._kill_descendants()
        partial = Path(report_path + ".partial")
        partial.write_text(json.dumps(report), encoding="utf-8")
        partial.replace(report_path)  # whole or absent: the session never reads half a report
        os._exit(0)

    recorder = _Recorder(finish)
    arguments = [module, "--rootdir", root, "-p", "no:cacheprovider", "-q", "-p", "site_tools.claim_sandbox"]
    if inifile:
        arguments += ["-c", inifile]
    if collect_only:
        arguments.append("--collect-only")
    arguments += selection
    try:
        status = pytest.main(arguments, plugins=[recorder])
        finish({"collected": [], "results": {}, "errors": [f"pytest ended early ({status!r})"]})
    except BaseException as error:  # anything: the report says so, and every test of the module fails
        finish({"collected": [], "results": {}, "errors": [f"{type(error).__name__}: {error}"]})
