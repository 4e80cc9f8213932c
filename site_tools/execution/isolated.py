"""Each example in a process of its own, so that it can break only its own output.

The build runs every snippet, and every notebook (its cells in order), in a child process forked
from a warm parent (multiprocessing's forkserver, with torch and NumPy imported once): a child
costs milliseconds, not an `import torch`, and nothing an example does to interpreter state,
threads, signals, the environment or patched classes outlives it. The child runs the code with
the one runner (runner.py: same seed, isolation, warning rules), draws the figures the page asks
for from the real objects (site_tools/figures), and sends back text only.

The parent enforces, from outside, what the child cannot be trusted to: the time limit (the child's
whole process group is killed, whatever it runs, C code included), a memory limit (RLIMIT_AS in the
child), an output limit, and that the child reports at all (`os._exit`, a crash or a kill is an
error saying so). The child starts in an empty scratch folder of its own, and `watch` names the
folders it may not touch (the project and the site being built): a file changed, created or
deleted there while it ran fails the run, naming the file.

Tests that inspect a snippet's objects run it in their own process (runner.run_file); the build
uses `cached_run` here.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import re
import resource
import shutil
import signal
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_tools.execution import runner
from site_tools.execution.runner import Cell, ExecutionError

OUTPUT_LIMIT = 200_000
"""Characters an example may print (its page shows them all)."""
MEMORY_LIMIT = 4 * 2**30
"""Bytes of address space an example may add to what the warm parent already maps."""
GRACE_S = 2.0
"""Seconds past its time limit a child has to report (its own timer names the line) before it is killed."""
PRELOAD = ["__main__", "site_tools.execution.preload"]
"""Imported once by the forkserver. "__main__" first: the program that started the build (mkdocs, pytest;
its `if __name__ == "__main__"` guard keeps it from running) is then not imported again in each child."""


@dataclass(frozen=True)
class Result:
    cells: tuple[Cell, ...]
    figures: dict[tuple[Any, str, str], str] = field(default_factory=dict)  # (request, language, kind)

    @property
    def streams(self) -> tuple[tuple[str, str], ...]:
        return tuple(chunk for cell in self.cells for chunk in cell.streams)

    @property
    def output(self) -> str:
        return "".join(text for _, text in self.streams)


_context: list[Any] = []


def context() -> Any:
    """The forkserver context, its server started on first use with torch and NumPy imported."""
    if not _context:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        _context.append(ctx)
    return _context[0]


def _address_space() -> int:
    try:
        return int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _child(connection, sources, name, notebook, timeout_s, requests, where, traceback_path) -> None:
    """In the child: run, draw, report; never return into multiprocessing's machinery."""
    os.setsid()  # its own process group: whatever it starts is killed with it
    limit = _address_space() + MEMORY_LIMIT
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    scratch = tempfile.mkdtemp(prefix="example-")
    os.chdir(scratch)
    with open(traceback_path, "w") as traceback_file:
        if timeout_s > 0:  # where it was when the time ran out, even inside C code
            faulthandler.dump_traceback_later(timeout_s, file=traceback_file)
        try:
            run = runner.run(sources, name, notebook=notebook, timeout_s=timeout_s, output_limit=OUTPUT_LIMIT)
            drawn = _draw(requests, run.namespace, where)
            message = ("ok", run.cells, drawn)
        except ExecutionError as error:
            message = ("error", str(error))
        except MemoryError:
            message = ("error", f"{name}: ran out of its memory limit of {MEMORY_LIMIT // 2**30} GiB.")
        except BaseException as error:
            message = ("error", f"{name}: {type(error).__name__}: {error}")
        faulthandler.cancel_dump_traceback_later()
    try:
        connection.send(message)
    except BaseException as error:
        connection.send(("error", f"{name}: its result could not be sent back ({error})."))
    connection.close()
    shutil.rmtree(scratch, ignore_errors=True)
    os._exit(0)


def _draw(requests, namespace, where) -> dict[tuple[Any, str, str], str]:
    from site_tools import figures, layout

    drawn = {}
    for request, key in requests:
        for language in layout.LANGUAGES:
            try:
                drawn[request, language, "html"] = figures.html(request, namespace, language, key, where)
                drawn[request, language, "markdown"] = figures.markdown(
                    request, namespace, language, key, where
                )
            except figures.FigureError as error:
                raise ExecutionError(str(error)) from error
    return drawn


def snapshot(folders: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """{file: (modification time, size)} under `folders` (files directly named are included)."""
    found = {}
    for folder in folders:
        paths = [folder] if folder.is_file() else (folder.rglob("*") if folder.is_dir() else [])
        for path in paths:
            if "__pycache__" in path.parts or not path.is_file():
                continue
            stat = path.stat()
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def touched(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    changed = [p for p in before.keys() & after.keys() if before[p] != after[p]]
    return sorted([*changed, *(before.keys() - after.keys()), *(after.keys() - before.keys())])


def _line_when_stopped(traceback_text: str, name: str) -> str:
    """`snippets/x.py:7` (or `…, line 7` of a cell) from faulthandler's dump, if it shows the code."""
    lines = re.findall(rf'File "{re.escape(name)}", line (\d+)', traceback_text)
    cells = re.findall(r'File "<cell (\d+)>", line (\d+)', traceback_text)
    if cells:
        return f"{name}, cell {cells[0][0]}, line {cells[0][1]}"
    return f"{name}:{lines[0]}" if lines else name


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
    killed), prints past OUTPUT_LIMIT, exits without reporting, or touches a file under `watch`.
    """
    if timeout_s <= 0:
        raise ExecutionError(f"{name}: a time limit must be a positive number of seconds, not {timeout_s}.")
    ctx = context()
    before = snapshot(watch)
    receive, send = ctx.Pipe(duplex=False)
    with tempfile.NamedTemporaryFile(prefix="example-traceback-", suffix=".txt", delete=False) as file:
        traceback_path = file.name
    process = ctx.Process(
        target=_child,
        args=(send, list(sources), name, notebook, timeout_s, list(figures), where or name, traceback_path),
        daemon=True,
    )
    process.start()
    send.close()
    limit = timeout_s * (len(sources) if notebook else 1) + GRACE_S
    try:
        reported = receive.poll(limit)
        message = receive.recv() if reported else None
    except EOFError:
        message = None
    finally:
        receive.close()
        _kill(process)
    traceback_text = Path(traceback_path).read_text(errors="replace") if Path(traceback_path).exists() else ""
    Path(traceback_path).unlink(missing_ok=True)
    changed = touched(before, snapshot(watch))
    if changed:
        shown = ", ".join(_relative(p, watch) for p in changed[:5])
        raise ExecutionError(
            f"{name}: changed, created or deleted files it may not touch: {shown}"
            f"{' …' if len(changed) > 5 else ''}. An example may write only in its own working folder."
        )
    if message is None and not reported:
        raise ExecutionError(
            f"{_line_when_stopped(traceback_text, name)}: ran past its time limit of {timeout_s:g} s and was "
            'stopped. Make it faster, or raise the limit: timeout="<seconds>" on its block, or '
            "extra.examples.timeout_s in mkdocs.yml."
        )
    if message is None:
        code = process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        raise ExecutionError(
            f"{name}: the example ended its process without reporting ({how}): os._exit(), a crash or a "
            "kill. An example must run to its end."
        )
    if message[0] == "error":
        raise ExecutionError(message[1])
    _, cells, drawn = message
    return Result(tuple(cells), drawn)


def _kill(process) -> None:
    """The child and everything it started (its process group), whatever they are doing."""
    if process.pid is not None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    process.join(5)


def _relative(path: str, watch: Sequence[Path]) -> str:
    for folder in watch:
        base = folder.parent if folder.is_file() else folder
        try:
            return Path(path).relative_to(base.parent).as_posix()
        except ValueError:
            continue
    return path


_cache: dict[tuple, Result] = {}


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
    """`run`, once per (code, figures asked for, torch, numpy, Python) in this process.

    `count=False`: a second use of a result already shown (a page's notebook), not counted.
    """
    key = (runner.cache_key(sources, notebook), tuple(figures))
    kind = "notebook" if notebook else "snippet"
    if key not in _cache:
        _cache[key] = run(
            sources, name, notebook=notebook, timeout_s=timeout_s, figures=figures, where=where, watch=watch
        )
        runner.stats[kind, "executed"] += 1
    elif count:
        runner.stats[kind, "reused"] += 1
    return _cache[key]
