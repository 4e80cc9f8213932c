"""The one runner: executes a snippet, or a notebook's code cells, as the site shows them.

A snippet is one cell run as `python <file>` would; a notebook is its code cells run in order
in one namespace, as one kernel session would (each cell's last expression is displayed, unless
the cell ends with `;`). Both go through `run`, under the same rules:

- the process-wide state code can change (random seeds, default dtype, print options, grad
  mode, warning filters and torch's warn-once flags, thread count, working directory, imported
  snippet modules) is reset to one baseline before and after every run; every run is seeded
  with SEED;
- printed text *and* warnings are captured, in order, as a terminal (or a notebook) shows them;
- a warning the code does not declare (`# shows-warning: UserWarning`), an exception, or running
  past the time limit raises ExecutionError, whose message names the file (and cell) and line;
- `run_once` runs each (code, torch, numpy, Python) once, in this process (what tests use to look
  at an example's objects); the build runs each example in a sandboxed process of its own, once per
  build, through isolated.cached_run: the zh and en pages share that run.

Nothing here knows MkDocs: the build (site_tools/mkdocs_hooks/) turns an ExecutionError into a build error.
torch and numpy are imported on the first run only.
"""

from __future__ import annotations

import ast
import codeop
import contextlib
import functools
import hashlib
import importlib.metadata
import io
import json
import linecache
import os
import platform
import random
import re
import signal
import sys
import threading
import traceback
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SEED = 0
DEFAULT_TIMEOUT_S = 60.0
"""Per-run time limit; mkdocs.yml `extra.examples.timeout_s` or a block's `timeout="…"` overrides it."""


class ExecutionError(Exception):
    """Code that cannot be shown: it raised, ran past its limit or warned undeclared. Names file and line."""


class OutputLimit(BaseException):
    """Raised inside the code when it prints past its limit; once past it, the run fails even if caught."""


class Timeout(BaseException):
    """Raised inside the code past its time limit; a BaseException, so `except Exception` can't eat it."""


@dataclass(frozen=True)
class Cell:
    streams: tuple[tuple[str, str], ...]  # (stdout or stderr, text) in order: prints and warnings
    result: str | None = None  # what a notebook shows for the cell's last expression


@dataclass(frozen=True)
class Cells:
    """What a run printed, cell by cell (one cell for a snippet)."""

    cells: tuple[Cell, ...]

    @property
    def streams(self) -> tuple[tuple[str, str], ...]:
        return tuple(chunk for cell in self.cells for chunk in cell.streams)

    @property
    def output(self) -> str:
        """What a terminal would show (a snippet's output)."""
        return "".join(text for _, text in self.streams)


@dataclass(frozen=True)
class Execution(Cells):
    """A run in this process: its output and its objects."""

    namespace: dict[str, Any]  # the variables after the last cell: for diagrams, tables and tests


def versions() -> dict[str, str]:
    """Installed versions, read without importing torch (slow) or numpy; a copy of the cached answer."""
    return dict(_versions())


@functools.cache  # process state: packages do not change under a running process
def _versions() -> tuple[tuple[str, str], ...]:
    # Read once per process: packages do not change under a running build.
    return (
        ("torch", importlib.metadata.version("torch")),
        ("numpy", importlib.metadata.version("numpy")),
        ("python", platform.python_version()),
    )


# --- process-wide state -------------------------------------------------------


@dataclass(frozen=True)
class _GlobalState:
    default_dtype: Any
    grad_enabled: bool
    anomaly: bool
    deterministic: bool
    num_threads: int
    warn_always: bool
    numpy_printoptions: dict[str, Any]
    default_device: Any  # set by torch.set_default_device, else None (no device mode on the stack)


def _capture_state() -> _GlobalState:
    import numpy as np
    import torch

    return _GlobalState(
        default_dtype=torch.get_default_dtype(),
        grad_enabled=torch.is_grad_enabled(),
        anomaly=torch.is_anomaly_enabled(),
        deterministic=torch.are_deterministic_algorithms_enabled(),
        num_threads=torch.get_num_threads(),
        warn_always=torch.is_warn_always_enabled(),
        numpy_printoptions=np.get_printoptions(),
        default_device=_default_device(),
    )


def _default_device() -> Any:
    """The device torch.set_default_device set, or None where it set none. Not get_default_device(),
    which says "cpu" either way: set to the CPU, a device mode stays on the stack, and every warning
    raised under it names torch/utils/_device.py instead of the line that caused it."""
    import torch

    context = getattr(getattr(torch, "_GLOBAL_DEVICE_CONTEXT", None), "device_context", None)
    return None if context is None else context.device


def _apply_state(state: _GlobalState) -> None:
    import numpy as np
    import torch

    torch.set_default_dtype(state.default_dtype)
    if _default_device() != state.default_device:
        torch.set_default_device(state.default_device)
    torch.set_grad_enabled(state.grad_enabled)
    torch.autograd.set_detect_anomaly(state.anomaly)
    if torch.are_deterministic_algorithms_enabled() != state.deterministic:
        torch.use_deterministic_algorithms(state.deterministic)  # ~2 s on first call: only when changed
    if torch.get_num_threads() != state.num_threads:
        torch.set_num_threads(state.num_threads)
    torch.set_warn_always(state.warn_always)
    torch.set_printoptions(profile="default")
    np.set_printoptions(**state.numpy_printoptions)
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    # A fresh `python snippet.py` shows torch's warn-once warnings; so must every run.
    reset_typed_storage_warning = getattr(torch.storage, "_reset_warn_typed_storage_removal", None)
    if reset_typed_storage_warning is not None:
        reset_typed_storage_warning()


# Process state: the global state this process found before its first run, captured once and put back
# around every run (in each example's process too, forked before any run).
_baseline: list[_GlobalState] = []


@contextlib.contextmanager
def isolated_state():
    """Run the body from the baseline state and put the baseline back afterwards."""
    if not _baseline:
        _baseline.append(_capture_state())
    cwd = os.getcwd()
    modules = set(sys.modules)
    _apply_state(_baseline[0])
    try:
        yield
    finally:
        _apply_state(_baseline[0])
        os.chdir(cwd)
        # A snippet that imports a sibling module must see its current code on the next run.
        for module in set(sys.modules) - modules:
            if module == "snippets" or module.startswith("snippets."):
                del sys.modules[module]


@contextlib.contextmanager
def time_limit(seconds: float):
    """Interrupt the body after `seconds`.

    SIGALRM works in the main thread only: where MkDocs builds, and rebuilds under `mkdocs serve`.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise Timeout(f"ran past its time limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- capture ------------------------------------------------------------------


def declared_warnings(code: str) -> set[str]:
    """Warning categories code means to show: `# shows-warning: UserWarning`."""
    return set(re.findall(r"^# shows-warning: (\w+)\s*$", code, flags=re.MULTILINE))


class Capture(io.TextIOBase):
    """Printed text and warnings in the order they happen, as a terminal (or a notebook) shows them.

    Used as sys.stdout; `show_warning` replaces warnings.showwarning. A warning whose category
    is not in `allowed` is also listed in `undeclared`.
    """

    def __init__(self, allowed: set[str], limit: int | None = None):
        super().__init__()
        self.allowed = allowed
        self.limit = limit  # characters: past it, nothing more is kept and the run fails
        self.size = 0
        self.chunks: list[tuple[str, list[str]]] = []  # (stream name, its pieces), as Jupyter's streams
        self.undeclared: list[str] = []

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._add("stdout", text)
        return len(text)

    def show_warning(self, message, category, filename, lineno, file=None, line=None):
        self._add("stderr", warnings.formatwarning(message, category, filename, lineno, line))
        if category.__name__ not in self.allowed:
            self.undeclared.append(f"{filename}:{lineno}: {category.__name__}: {message}")

    def _add(self, stream: str, text: str) -> None:
        if not text:
            return
        self.size += len(text)
        if self.limit is not None and self.size > self.limit:
            raise OutputLimit(f"printed more than its output limit of {self.limit:,} characters")
        if self.chunks and self.chunks[-1][0] == stream:
            self.chunks[-1][1].append(text)  # joined once at the end: no copy of the text per write
        else:
            self.chunks.append((stream, [text]))

    def streams(self) -> tuple[tuple[str, str], ...]:
        return tuple((stream, "".join(pieces)) for stream, pieces in self.chunks)


@contextlib.contextmanager
def captured(allowed: set[str], limit: int | None = None):
    """Capture stdout and warnings; every warning shown once per location, as in a fresh process.

    torch's C++ warn-once warnings too, even when an earlier run already triggered them.
    """
    import torch

    capture = Capture(allowed, limit)
    with warnings.catch_warnings(), contextlib.redirect_stdout(capture):
        warnings.simplefilter("default")
        warnings.showwarning = capture.show_warning
        torch.set_warn_always(True)
        yield capture


def remember_source(name: str, code: str) -> None:
    """The warnings module reads source lines through linecache: let it find `name`."""
    linecache.cache[name] = (len(code), None, code.splitlines(keepends=True), name)


def line_in(error: BaseException, filename: str) -> int | None:
    """The last line of `filename` in the error's traceback (or its syntax error): where the code failed."""
    if isinstance(error, SyntaxError) and error.filename == filename:
        return error.lineno
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
    return frames[-1].lineno if frames else None


def _display(value: Any) -> str:
    """The text Jupyter shows for a cell's last expression."""
    from IPython.lib.pretty import pretty

    return pretty(value, max_width=79)


# --- running ------------------------------------------------------------------


def run(
    sources: Sequence[str],
    name: str,
    *,
    notebook: bool = False,
    timeout_s: float | None = None,
    output_limit: int | None = None,
) -> Execution:
    """Run code as the site shows it: one snippet (`notebook=False`, one source) or a notebook's cells.

    `name` is the project-relative file (snippets/x.py, docs/zh/x.ipynb): every message names it,
    and a notebook's messages also name the cell. Raises ExecutionError.
    """
    if not notebook and len(sources) != 1:
        raise ValueError("a snippet is one source; pass notebook=True for cells")
    timeout_s = DEFAULT_TIMEOUT_S if timeout_s is None else timeout_s
    namespace: dict[str, Any] = {"__name__": "__main__"}
    if not notebook:
        namespace["__file__"] = name
    cells = []
    # compiles as `python` does: nothing inherited from this module's own `from __future__` imports; a
    # cell's `from __future__` import holds in the later cells, as in a kernel (codeop, as IPython does)
    code_of = codeop.Compile()
    with isolated_state():
        for number, source in enumerate(sources, 1):
            filename = f"<cell {number}>" if notebook else name
            where = f"{name}, cell {number}" if notebook else name

            def at(error: BaseException, filename=filename, where=where) -> str:
                line = line_in(error, filename)
                return f"{where}, line {line}" if notebook and line else f"{where}:{line}" if line else where

            remember_source(filename, source)
            value = None
            with captured(declared_warnings(source), output_limit) as capture:
                try:
                    tree = ast.parse(source, filename=filename)
                    last = None
                    if notebook and tree.body and isinstance(tree.body[-1], ast.Expr):
                        last = tree.body.pop()
                    with time_limit(timeout_s):
                        exec(code_of(tree, filename, "exec"), namespace)
                        if last is not None:
                            value = eval(code_of(ast.Expression(last.value), filename, "eval"), namespace)
                except OutputLimit as error:
                    raise ExecutionError(f"{at(error)}: {error}. Print less (a page shows it all).") from None
                except Timeout as error:
                    raise ExecutionError(
                        f"{at(error)}: {error} (stopped here). Make it faster, or raise the limit: "
                        'timeout="<seconds>" on its block, or extra.examples.timeout_s in mkdocs.yml.'
                    ) from None
                except BaseException as error:
                    said = str(error).rstrip()
                    end = "" if said.endswith((".", "!", "?", "。")) else "."  # one full stop, not two
                    raise ExecutionError(
                        f"{at(error)}: raised {type(error).__name__}: {said}{end} Fix the code, or catch "
                        "and print an error the page means to show."
                    ) from error
            if output_limit is not None and capture.size > output_limit:  # the limit's error was caught
                raise ExecutionError(
                    f"{where}: printed more than its output limit of {output_limit:,} characters "
                    "(and caught the error that said so). Print less (a page shows it all)."
                )
            if capture.undeclared:
                cell = f"cell {number} of {name}" if notebook else name
                prefix = f"{name}, " if notebook else ""
                raise ExecutionError(
                    f"{prefix}{capture.undeclared[0]} -- an undeclared warning. If the page means to show "
                    f"it, add '# shows-warning: <Category>' to {cell}; otherwise fix the code."
                )
            shown = value is not None and not source.rstrip().endswith(";")
            cells.append(Cell(capture.streams(), _display(value) if shown else None))
    return Execution(tuple(cells), namespace)


def run_file(path: Path, root: Path, *, timeout_s: float | None = None) -> Execution:
    """Run the snippet at `path` as `python <path>` would (in this process)."""
    from site_tools import layout

    name = layout.display_path(root, path)
    if not path.is_file():
        raise ExecutionError(f"{name}: snippet file not found. Create it or fix the path in the page.")
    return run([path.read_text(encoding="utf-8")], name, timeout_s=timeout_s)


_cache: dict[str, Execution] = {}  # process state: the in-process runs of tests (`run_once`), not the build's
stats: Counter[tuple[str, str]] = Counter()
"""In this process, by kind ("snippet", "notebook"): "executed" (really run) and "reused" (from the cache).
Process state: counts, not build state (the build log says "in this process so far")."""


def cache_key(sources: Sequence[str], notebook: bool) -> str:
    """What a run's result depends on: its code, how it runs, and the installed versions."""
    return hashlib.sha256(
        json.dumps([list(sources), notebook, sorted(versions().items())]).encode()
    ).hexdigest()


def run_once(
    sources: Sequence[str],
    name: str,
    *,
    notebook: bool = False,
    timeout_s: float | None = None,
    count: bool = True,
) -> Execution:
    """`run`, once per (code, torch, numpy, Python) in this process.

    `count=False`: a second use of a result already shown (a page's notebook), not counted in `stats`.
    """
    return remembered(
        _cache,
        cache_key(sources, notebook),
        notebook,
        count,
        lambda: run(sources, name, notebook=notebook, timeout_s=timeout_s),
    )


def remembered(cache: dict, key: Any, notebook: bool, count: bool, make: Callable[[], Any]) -> Any:
    """`cache[key]`, made by `make()` the first time; counted in `stats` as executed or reused."""
    kind = "notebook" if notebook else "snippet"
    if key not in cache:
        cache[key] = make()
        stats[kind, "executed"] += 1
    elif count:
        stats[kind, "reused"] += 1
    return cache[key]


def run_file_once(path: Path, root: Path, *, timeout_s: float | None = None, count: bool = True) -> Execution:
    """`run_file`, once per (code, versions) in this process (`count`: as in `run_once`)."""
    from site_tools import layout

    if not path.is_file():
        return run_file(path, root)  # raises: not found
    code = path.read_text(encoding="utf-8")
    return run_once([code], layout.display_path(root, path), timeout_s=timeout_s, count=count)
