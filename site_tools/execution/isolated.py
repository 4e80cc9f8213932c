"""Each example in a process of its own, so that it can break only its own output.

The build runs every snippet, and every notebook (its cells in order), in a child process forked
from a warm parent (multiprocessing's forkserver, with torch and NumPy imported once): a child
costs tens of milliseconds, not an `import torch`, and nothing an example does to interpreter state,
threads, signals, the environment or patched classes outlives it. The child runs the code with
the one runner (runner.py: same seed, isolation, warning rules), draws the figures the page asks
for from the real objects (site_tools/figures), and sends back text only.

The parent enforces, from outside, what the child cannot be trusted to: the time limit (the child's
whole process group is killed, whatever it runs, C code included), a memory limit (RLIMIT_AS in the
child), an output limit, and that the child reports at all (`os._exit`, a crash or a kill is an
error saying so). The child starts in an empty scratch folder of its own, and `watch` names the
folders it may not touch (the project and the site being built): a file changed, created or
deleted there while it ran fails the run, naming the file.

Before any of the example's code runs, the child enters an operating-system sandbox (sandbox.py:
its own user, mount, PID, network and IPC namespaces, a read-only file system with a private /tmp,
no capabilities, a scrubbed environment), so that it can lie only about itself: its report is the
one file it can write that the build reads. Where no sandbox can be made, examples run only if
`NOTES_TRUSTED=1` says the checkout is trusted (sandbox.TRUSTED); the first example says which.

Tests that inspect a snippet's objects run it in their own process (runner.run_file), each claim-test
module in a sandboxed process of its own forked from the same forkserver (site_tools/claim_sandbox.py);
the build uses `cached_run` here.
"""

from __future__ import annotations

import contextlib
import faulthandler
import json
import logging
import multiprocessing
import os
import re
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any

from site_tools.execution import pool, runner, sandbox
from site_tools.execution.runner import Cell, ExecutionError

OUTPUT_LIMIT = 200_000
"""Characters an example may print (its page shows them all)."""
MEMORY_LIMIT = 4 * 2**30
"""Bytes of address space an example may add to what the warm parent already maps."""
GRACE_S = 2.0
"""Seconds past its time limit a child has to report (its own timer names the line) before it is killed."""
PRELOAD = ["__main__", "site_tools.execution.main_program", "site_tools.execution.preload"]
"""Imported once by the forkserver. "__main__" first: the program that started the build (mkdocs, pytest;
its `if __name__ == "__main__"` guard keeps it from running) is then not imported again in each child.
CPython before 3.13.8 skips "__main__" here (gh-126631): main_program.py imports it instead."""
MAIN_PATH = "SITE_TOOLS_FORKSERVER_MAIN"
"""The program's path, for main_program.py: in the environment only while the forkserver starts."""


@dataclass(frozen=True)
class Result(runner.Cells):
    """A run in a child process: its output, and the figures drawn here from its checked data."""

    figures: dict[tuple[Any, str, str], str] = field(default_factory=dict)  # (request, language, kind)


_context: list[Any] = []  # process state: the forkserver context, its server started once per process
# process state, probed once: {"use": bool, "refused": why examples may not run, "hidden": folders}
_sandbox: dict[str, Any] = {}
log = logging.getLogger("pytorch_notes.sandbox")


def context(preload: Sequence[str] = ()) -> Any:
    """The forkserver context, its server started on first use with torch and NumPy imported (and the
    modules `preload` names, if this call starts it: pytest, for the claim tests' processes).

    From here on nothing writes bytecode: not this process (a module imported lazily while an example
    runs), not the forkserver (a fresh interpreter: it inherits the environment variable) and not its
    children. A `.pyc` written into the project while an example runs is a file the example may not
    touch (a fresh checkout's first build failed on the forkserver's own `preload.pyc`), and one an
    example planted could change the next build.
    """
    with _starting:
        if not _context:
            _start(preload)
    return _context[0]


_starting = threading.Lock()  # process state: examples started ahead start from the pool's threads


def _start(preload: Sequence[str] = ()) -> None:
    sys.dont_write_bytecode = True
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([*PRELOAD, *preload])
    _start_forkserver()
    _sandbox.update(_check_sandbox(ctx))
    _context.append(ctx)


def _check_sandbox(ctx, probe=sandbox.probe) -> dict[str, Any]:
    """Try the sandbox once, in a child of the forkserver (`probe`); say so where there is none.

    {"use": run examples in the sandbox, "refused": why examples may not run (empty if they may),
    "hidden": the build's folders an example may not see}. The build itself becomes undumpable: a
    process of its user outside the sandbox (a test's in-process snippet) cannot ptrace it or read
    its environment either.
    """
    from multiprocessing import forkserver

    sandbox.undumpable()
    address = getattr(forkserver._forkserver, "_forkserver_address", None)
    hidden = [tempfile.gettempdir()]
    if isinstance(address, str) and address.startswith("/"):
        hidden.append(os.path.dirname(address))  # the forkserver's socket, wherever TMPDIR is
    folder = tempfile.mkdtemp(prefix="sandbox-probe-")
    try:
        process = ctx.Process(target=probe, args=(folder,), daemon=True)
        process.start()
        process.join(30)
        if process.exitcode == 0 and Path(folder, "report", "ok").is_file():
            return {"use": True, "refused": "", "hidden": hidden}
        why = Path(folder, "why").read_text(errors="replace").strip() if Path(folder, "why").exists() else ""
        why = why or f"the probe's process ended with {process.exitcode}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if sandbox.trusted():
        log.warning(
            "Examples run WITHOUT a sandbox (%s): %s=1 says this checkout's code is trusted.",
            why,
            sandbox.TRUSTED,
        )
        return {"use": False, "refused": "", "hidden": hidden}
    refused = (
        f"cannot run examples: no sandbox can be made here ({why}). A snippet runs as your user and could "
        "change files, other pages' outputs and later builds. Build where unprivileged user namespaces are "
        "allowed (Linux; on Ubuntu 24.04: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0), "
        f"or, only for a checkout whose code you trust, set {sandbox.TRUSTED}=1."
    )
    return {"use": False, "refused": refused, "hidden": hidden}


def _start_forkserver() -> None:
    from multiprocessing import forkserver, resource_tracker, spawn

    resource_tracker.ensure_running()  # started here, it does not inherit MAIN_PATH
    main = spawn.get_preparation_data("forkserver").get("init_main_from_path")
    if main:
        os.environ[MAIN_PATH] = main
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(MAIN_PATH, None)


def _address_space() -> int:
    try:
        return int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _child(
    result_path, scratch, sources, name, notebook, timeout_s, requests, where, traceback_path, hidden
) -> None:
    """In the child: run, read the figures' data, write the report (JSON) and exit; never return.

    The report is data only (text, numbers): the build draws the figures and never unpickles or
    evaluates anything from here. `hidden`: None without a sandbox, else the folders it hides.
    """
    os.setsid()  # its own process group: whatever it starts is killed with it
    # started as a daemon (the build never waits on it), but an example may start processes of its own
    # (multiprocessing refuses that in a daemon): they end with it (its PID namespace, or the sweep below)
    multiprocessing.current_process().daemon = False
    if hidden is None:
        _become_subreaper()  # and what leaves the group (a new session, a double fork) stays its child
    limit = _address_space() + MEMORY_LIMIT
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.dont_write_bytecode = True  # no .pyc written anywhere by what the example imports
    if hidden is not None:
        # from here on, in the first process of a PID namespace of its own (sandbox.py); what it
        # leaves running is killed by the kernel when that process ends
        sandbox.enter(os.path.dirname(scratch), os.path.dirname(result_path), hidden)
    os.chdir(scratch)
    with open(traceback_path, "w") as traceback_file:
        traceback_file.write(f"main thread 0x{threading.main_thread().ident:016x}\n")
        traceback_file.flush()
        # where it is, every timeout_s, even inside C code: the last dump is where it was stopped
        faulthandler.dump_traceback_later(timeout_s, repeat=True, file=traceback_file)
        try:
            run = runner.run(sources, name, notebook=notebook, timeout_s=timeout_s, output_limit=OUTPUT_LIMIT)
            from site_tools import figures

            drawn = [figures.data(request, run.namespace, where) for request, _ in requests]
            report = {
                "status": "ok",
                "cells": [[[list(chunk) for chunk in cell.streams], cell.result] for cell in run.cells],
                "figures": drawn,
            }
        except BaseException as error:  # ExecutionError, FigureError, MemoryError, anything
            message = str(error)
            if "MemoryError" in message or isinstance(error, MemoryError):
                message += f" (an example may use {MEMORY_LIMIT // 2**30} GiB of memory)"
            report = {"status": "error", "message": message or f"{name}: {type(error).__name__}"}
        faulthandler.cancel_dump_traceback_later()
    if hidden is None:
        _kill_descendants()  # before reporting: once it has reported, the parent kills its group
    partial = Path(result_path + ".partial")
    partial.write_text(json.dumps(report), encoding="utf-8")
    partial.replace(result_path)  # whole or absent: the parent never reads half a report
    os._exit(0)


def _become_subreaper() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_CHILD_SUBREAPER = 36
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _kill_descendants() -> None:
    """Every process this child started, including those that left its process group: as a
    subreaper it adopted them, so they are all its children (until it exits)."""
    for _ in range(20):
        children = _children_of(os.getpid())
        if not children:
            return
        for pid in children:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        time.sleep(0.01)


def snapshot(folders: Iterable[Path]) -> dict[str, tuple[int, ...]]:
    """{file: (modification time, change time, inode, size)} under `folders` (files directly named are
    included; symlinked folders are not entered). Taken twice per example: os.scandir, not pathlib."""
    found: dict[str, tuple[int, ...]] = {}

    def record(path: str, stat: os.stat_result) -> None:
        # ctime and inode too: a rewrite that restores the mtime (os.utime) still shows
        found[path] = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_size)

    def walk(folder: str) -> None:
        try:
            entries = os.scandir(folder)
        except OSError:  # gone, or not a folder
            return
        with entries:
            for entry in entries:
                with contextlib.suppress(OSError):  # a file that went away while listed: absent
                    if entry.is_dir(follow_symlinks=False):
                        walk(entry.path)
                    elif entry.is_file():
                        record(entry.path, entry.stat())

    for folder in folders:
        if folder.is_file():
            with contextlib.suppress(OSError):
                record(str(folder), folder.stat())
        else:
            walk(str(folder))
    return found


def touched(before: dict[str, tuple[int, ...]], after: dict[str, tuple[int, ...]]) -> list[str]:
    changed = [p for p in before.keys() & after.keys() if before[p] != after[p]]
    return sorted([*changed, *(before.keys() - after.keys()), *(after.keys() - before.keys())])


def _line_when_stopped(traceback_text: str, name: str) -> str:
    """`snippets/x.py:7` (or `…, cell 3, line 7`): where the main thread was at the last dump."""
    main = re.match(r"main thread (0x[0-9a-f]+)", traceback_text)
    dumps = traceback_text.split("Timeout (")[1:]
    if not main or not dumps:
        return name
    threads = re.split(r"\n(?=(?:Current thread|Thread) 0x)", dumps[-1])
    stack = next((t for t in threads if main[1] in t.split("\n", 1)[0]), "")
    cell = re.search(r'File "<cell (\d+)>", line (\d+)', stack)
    if cell:
        return f"{name}, cell {cell[1]}, line {cell[2]}"
    line = re.search(rf'File "{re.escape(name)}", line (\d+)', stack)
    return f"{name}:{line[1]}" if line else name


def run(
    sources: Sequence[str],
    name: str,
    *,
    notebook: bool = False,
    timeout_s: float = runner.DEFAULT_TIMEOUT_S,
    figures: Sequence[tuple[Any, str]] = (),
    where: str = "",
    watch: Sequence[Path] = (),
) -> Result:
    """Run code in a child process; its cells and the figures `figures` [(request, key)] ask for.

    Raises ExecutionError if the code fails as runner.run says, runs past `timeout_s` (the child is
    killed), prints past OUTPUT_LIMIT, exits without reporting, sends back something malformed, or
    touches a file under `watch`. Never anything else: an error of any kind is an ExecutionError.
    """
    if not timeout_s > 0:
        raise ExecutionError(f"{name}: a time limit must be a positive number of seconds, not {timeout_s}.")
    try:
        return _run(sources, name, notebook, timeout_s, figures, where or name, watch)
    except ExecutionError:
        raise
    except Exception as error:  # whatever went wrong is this example's failure, never a silent pass
        raise ExecutionError(
            f"{name}: could not be run in its own process: {type(error).__name__}: {error}"
        ) from error


def _run(sources, name, notebook, timeout_s, figures, where, watch) -> Result:
    ctx = context()
    if _sandbox["refused"]:
        raise ExecutionError(f"{name}: {_sandbox['refused']}")
    _wake_forkserver()
    if _sandbox["use"]:
        # every folder watched is read-only in the sandbox: the write itself fails. Examples run side by
        # side and beside the build (pool.py), so a snapshot here would also see the build's own writes.
        watch = ()
    before = snapshot(watch)
    folder = Path(tempfile.mkdtemp(prefix="example-"))
    # work: its working folder (in the sandbox, on a private tmpfs); report: the one folder it can write
    # that the build reads
    scratch, report_folder = folder / "work", folder / "report"
    result_path, traceback_path = report_folder / "result.json", report_folder / "traceback.txt"
    scratch.mkdir()
    report_folder.mkdir()
    process = ctx.Process(
        target=_child,
        args=(
            str(result_path),
            str(scratch),
            list(sources),
            name,
            notebook,
            timeout_s,
            list(figures),
            where,
            str(traceback_path),
            _sandbox["hidden"] if _sandbox["use"] else None,
        ),
        daemon=True,
    )
    try:
        process.start()
        deadline = time.monotonic() + timeout_s * (len(sources) if notebook else 1) + GRACE_S
        finished = _wait(process.pid, result_path, deadline)
        _kill(process)
        _wake_forkserver()
        traceback_text = (_read_own(traceback_path, TRACEBACK_LIMIT) or b"").decode(errors="replace")
        report = _read_report(result_path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    changed = touched(before, snapshot(watch))
    if changed:
        shown = ", ".join(_relative(p, watch) for p in changed[:5])
        raise ExecutionError(
            f"{name}: changed, created or deleted files it may not touch: {shown}"
            f"{' …' if len(changed) > 5 else ''}. An example may write only in its own working folder."
        )
    if not finished:
        raise ExecutionError(
            f"{_line_when_stopped(traceback_text, name)}: ran past its time limit of {timeout_s:g} s and was "
            'stopped. Make it faster, or raise the limit: timeout="<seconds>" on its block, or '
            "extra.examples.timeout_s in mkdocs.yml."
        )
    if report is None:
        raise ExecutionError(
            f"{name}: the example ended its process without reporting: os._exit(), a crash or a kill. "
            "An example must run to its end."
        )
    return _checked(report, name, figures, where, len(sources) if notebook else 1)


REPORT_LIMIT = 8 * OUTPUT_LIMIT + 4 * 2**20
"""Bytes of a child's report (output, escaped as JSON, and figure data): anything larger is refused."""


TRACEBACK_LIMIT = 2**20
"""Bytes of the child's traceback file read (where it was when stopped)."""


def _read_own(path: Path, limit: int) -> bytes | None:
    """A file the example wrote, at most `limit` + 1 bytes: only a regular file, never through a link
    (which could name any file the build can read) nor a FIFO (which would hang the build)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        if not S_ISREG(os.fstat(fd).st_mode):
            return None
        return file.read(limit + 1)


def _read_report(path: Path) -> Any:
    data = _read_own(path, REPORT_LIMIT)
    if data is None:
        return None
    if len(data) > REPORT_LIMIT:
        raise ExecutionError(f"{path.name}: the example's report is larger than {REPORT_LIMIT:,} bytes")
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ExecutionError(f"the example's report is not valid JSON ({error})") from None


def _checked(
    report: Any, name: str, requests: Sequence[tuple[Any, str]], where: str, cell_count: int = 1
) -> Result:
    """The child's report, checked field by field; the figures drawn here from their checked data.

    What the runner enforces in the child is checked here again, since the example can write the report
    itself: one cell per source (`cell_count`), and no cell that printed past OUTPUT_LIMIT (the limit
    REPORT_LIMIT leaves room for many times over)."""
    from site_tools import figures, layout

    malformed = ExecutionError(f"{name}: the example sent back a malformed report")
    if not isinstance(report, dict):
        raise malformed
    if report.get("status") == "error" and isinstance(report.get("message"), str):
        raise ExecutionError(report["message"])
    if report.get("status") != "ok":
        raise malformed
    cells = []
    try:
        for streams, result in report["cells"]:
            chunks = tuple((str(stream), str(text)) for stream, text in streams)
            if any(stream not in ("stdout", "stderr") for stream, _ in chunks):
                raise malformed
            cells.append(Cell(chunks, None if result is None else str(result)))
        data = list(report["figures"])
    except (KeyError, TypeError, ValueError):
        raise malformed from None
    if len(cells) != cell_count:
        raise malformed
    if any(sum(len(text) for _, text in cell.streams) > OUTPUT_LIMIT for cell in cells):
        raise ExecutionError(
            f"{name}: printed more than its output limit of {OUTPUT_LIMIT:,} characters. Print less "
            "(a page shows it all)."
        )
    if len(data) != len(requests):
        raise malformed
    drawn: dict[tuple[Any, str, str], str] = {}
    for (request, key), found in zip(requests, data, strict=True):
        try:
            checked = figures.from_data(request, found, where)
        except figures.FigureError as error:
            raise ExecutionError(str(error)) from None
        for language in layout.LANGUAGES:
            drawn[request, language, "html"] = figures.html(request, checked, language, key)
            drawn[request, language, "markdown"] = figures.markdown(request, checked, language, key)
    return Result(tuple(cells), drawn)


def _wait(pid: int, result_path: Path, deadline: float) -> bool:
    """Until the child has reported or ended (True), or the deadline passed (False).

    Not `process.join()`: that waits for the forkserver to reap the child and say so, and an example
    can stop the forkserver (it is the example's parent)."""
    stat = Path(f"/proc/{pid}/stat")
    while time.monotonic() < deadline:
        if result_path.exists():
            return True
        try:
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return True  # gone
        if state in ("Z", "X"):
            return True
        time.sleep(0.005)
    return result_path.exists()


def _wake_forkserver() -> None:
    """An example may have stopped the forkserver it was forked from (SIGSTOP to its parent)."""
    from multiprocessing import forkserver

    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    if pid:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGCONT)


def _kill(process) -> None:
    """The child and everything in its process group, whatever they are doing. In the sandbox, first
    the child's own child, the first process of its PID namespace: the kernel kills the rest of the
    namespace with it. (Without one, processes that left the group are killed by the child before it
    reports; one that ends itself early can't do that.)"""
    if process.pid is not None:
        for pid in _children_of(process.pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


def _children_of(parent: int) -> list[int]:
    with contextlib.suppress(OSError, ValueError):  # the kernel's lists (one per thread), where it keeps them
        tasks = os.listdir(f"/proc/{parent}/task")
        return [
            int(pid)
            for task in tasks
            for pid in Path(f"/proc/{parent}/task/{task}/children").read_text().split()
        ]
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def _relative(path: str, watch: Sequence[Path]) -> str:
    for folder in watch:
        base = folder.parent if folder.is_file() else folder
        try:
            return Path(path).relative_to(base.parent).as_posix()
        except ValueError:
            continue
    return path


def _key(sources: Sequence[str], name: str, notebook: bool, figures: Sequence[tuple[Any, str]]) -> tuple:
    """What one run is shared by. A snippet's name too: it is its `__file__` and the file its warnings and
    tracebacks name, so a copy of its code under another name (another example's) prints something else
    and must not stand in for it. Not a notebook's (docs/zh/…, docs/en/…: its cells are `<cell N>`)."""
    return (runner.cache_key(sources, notebook), None if notebook else name, tuple(figures))


def run_ahead(
    sources: Sequence[str],
    name: str,
    *,
    notebook: bool = False,
    timeout_s: float = runner.DEFAULT_TIMEOUT_S,
    figures: Sequence[tuple[Any, str]] = (),
    where: str = "",
) -> None:
    """Start `run` in the pool (pool.py) now, for a page that will ask `cached_run` for it later.

    Only in the sandbox: there an example can write nothing outside its own folder, so examples can run
    side by side and beside the build. Without one, each runs alone when its page asks, and the build's
    check of the files it touched names the one example that ran.
    """
    context()
    if not _sandbox["use"]:
        return
    pool.ahead(
        _key(sources, name, notebook, figures),
        lambda: run(sources, name, notebook=notebook, timeout_s=timeout_s, figures=figures, where=where),
    )


def cached_run(
    sources: Sequence[str],
    name: str,
    *,
    notebook: bool = False,
    timeout_s: float = runner.DEFAULT_TIMEOUT_S,
    figures: Sequence[tuple[Any, str]] = (),
    where: str = "",
    watch: Sequence[Path] = (),
    count: bool = True,
) -> Result:
    """`run`, once per (code, figures asked for, torch, numpy, Python) while builds use it (pool.py): the
    run started ahead (`run_ahead`) if there is one, waited for; else run here.

    `count=False`: a second use of a result already shown (a page's notebook), not counted.
    """
    return pool.result(
        _key(sources, name, notebook, figures),
        lambda: run(
            sources, name, notebook=notebook, timeout_s=timeout_s, figures=figures, where=where, watch=watch
        ),
        kind="notebook" if notebook else "snippet",
        count=count,
    )
