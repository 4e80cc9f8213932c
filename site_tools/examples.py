"""Run the site's examples: a snippet file in, the text a terminal would show out.

This is the one place where the build executes code. A page includes a snippet with

    ```python exec="on" id="memory/from_numpy_shares_memory"
    --8<-- "snippets/memory/from_numpy_shares_memory.py"
    ```

markdown-exec's validator parses the fence; `formatter` (registered as the
`python` custom fence in mkdocs.yml) checks that the `id` names the included
snippet, runs it with `run_snippet` and renders the code followed by a
collapsed `<details>` block holding the output as escaped text, labelled in the
page's language.

What `run_snippet` guarantees, so that an output depends only on its code:
- the process-wide state an example can change (random seeds, default dtype,
  print options, grad mode, warning filters and torch's warn-once flags, thread
  count, working directory, imported snippet modules) is reset to one baseline
  before and after every example; every example is seeded with SEED;
- printed text *and* warnings are captured, in order, as a terminal shows them;
- a warning the snippet does not declare, an exception, or running past the time
  limit fails the build with one message naming the snippet file and line;
- results are cached on (code, torch, numpy, Python), so the zh and en builds
  execute each example once, and `mkdocs serve` re-runs only edited snippets.

torch and numpy are imported on the first execution only, so a build with
execution switched off (NOTES_EXECUTE=0, used by the benchmark) never imports them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import importlib.metadata
import io
import linecache
import logging
import os
import platform
import random
import re
import signal
import sys
import threading
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_exec import base_format
from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

# Under `mkdocs serve`, a failing example is reported outside MkDocs' own loggers: in strict mode MkDocs
# counts their warnings and would abort the whole preview ("The server will appear stuck").
serve_log = logging.getLogger("pytorch_notes.serve")
if not serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    serve_log.addHandler(_handler)
    serve_log.propagate = False
REPO_ROOT = Path(__file__).resolve().parent.parent
SEED = 0
DEFAULT_TIMEOUT_S = 60.0
"""Per-example time limit; mkdocs.yml `extra.examples.timeout_s` or a block's `timeout="…"` overrides it."""


@dataclass
class Project:
    """Where the snippets live: the folder of the mkdocs.yml being built (set by the hook)."""

    root: Path = REPO_ROOT
    timeout_s: float = DEFAULT_TIMEOUT_S
    execute: bool = True
    serving: bool = False  # under `mkdocs serve`: a failing example is shown in place, not fatal

    @property
    def snippets_dir(self) -> Path:
        return self.root / "snippets"


project = Project()

OUTPUT_LABELS = {"zh": "点我看输出", "en": "Show output"}
"""Summary of the collapsed output block, by page language."""


class ExampleError(SuperFencesException, PluginError):
    """An example that cannot be rendered. Fails `mkdocs build` with its message.

    SuperFences swallows any other exception raised by a fence formatter and
    renders the fence as plain text; MkDocs reports a PluginError as one line.
    """


@dataclass
class PageContext:
    """What the formatter knows of the page being rendered (set by the MkDocs hook)."""

    src_uri: str = "?"
    language: str = "zh"


current_page = PageContext()


def snippet_path(snippet_id: str) -> Path:
    return project.snippets_dir / f"{snippet_id}.py"


def display_path(path: Path) -> str:
    """Project-relative path: never an absolute path in an output or message."""
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return path.name


def versions() -> dict[str, str]:
    """Installed versions, read without importing torch (slow) or numpy; a copy of the cached answer."""
    return dict(_versions())


@functools.cache
def _versions() -> tuple[tuple[str, str], ...]:
    # Read once per process (~5 ms a read, and every cache lookup needs them): packages do not
    # change under a running build.
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
    )


def _apply_state(state: _GlobalState) -> None:
    import numpy as np
    import torch

    torch.set_default_dtype(state.default_dtype)
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
    # A fresh `python snippet.py` shows torch's warn-once warnings; so must every example.
    reset_typed_storage_warning = getattr(torch.storage, "_reset_warn_typed_storage_removal", None)
    if reset_typed_storage_warning is not None:
        reset_typed_storage_warning()


_baseline: _GlobalState | None = None


@contextlib.contextmanager
def isolated_state():
    """Run the body from the baseline state and put the baseline back afterwards.

    The baseline is the state found before the first example ran.
    """
    global _baseline
    if _baseline is None:
        _baseline = _capture_state()
    cwd = os.getcwd()
    modules = set(sys.modules)
    _apply_state(_baseline)
    try:
        yield
    finally:
        _apply_state(_baseline)
        os.chdir(cwd)
        # A snippet that imports a sibling module must see its current code on the next run.
        for module in set(sys.modules) - modules:
            if module == "snippets" or module.startswith("snippets."):
                del sys.modules[module]


class ExampleTimeout(BaseException):
    """Raised inside a snippet past its time limit; a BaseException, so `except Exception` can't eat it."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Interrupt the body after `seconds`.

    SIGALRM works in the main thread only: where MkDocs builds, and rebuilds under `mkdocs serve`.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise ExampleTimeout(f"ran past its time limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- running one snippet ------------------------------------------------------


def declared_warnings(code: str) -> set[str]:
    """Warning categories a snippet means to show: `# shows-warning: UserWarning`."""
    return set(re.findall(r"^# shows-warning: (\w+)\s*$", code, flags=re.MULTILINE))


def line_in(error: BaseException, filename: str) -> int | None:
    """The last line of `filename` in the error's traceback: where the snippet (or cell) failed."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
    return frames[-1].lineno if frames else None


def _where(error: BaseException, filename: str) -> str:
    """`snippets/x.py:LINE`: the snippet's last line in the traceback (the file alone if none)."""
    line = line_in(error, filename)
    return f"{filename}:{line}" if line else filename


class Capture(io.TextIOBase):
    """Printed text and warnings in the order they happen, as a terminal (or a notebook) shows them.

    Used as sys.stdout; `show_warning` replaces warnings.showwarning. A warning whose category
    is not in `allowed` is also listed in `undeclared`.
    """

    def __init__(self, allowed: set[str]):
        super().__init__()
        self.allowed = allowed
        self.chunks: list[tuple[str, str]] = []  # (stream name, text), as Jupyter's stream outputs
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
        if self.chunks and self.chunks[-1][0] == stream:
            self.chunks[-1] = (stream, self.chunks[-1][1] + text)
        else:
            self.chunks.append((stream, text))


@contextlib.contextmanager
def captured(allowed: set[str]):
    """Capture stdout and warnings; every warning shown once per location, as in a fresh process.

    torch's C++ warn-once warnings too, even when an earlier example already triggered them.
    """
    import torch

    capture = Capture(allowed)
    with warnings.catch_warnings(), contextlib.redirect_stdout(capture):
        warnings.simplefilter("default")
        warnings.showwarning = capture.show_warning
        torch.set_warn_always(True)
        yield capture


def remember_source(name: str, code: str) -> None:
    """The warnings module reads source lines through linecache: let it find `name`."""
    linecache.cache[name] = (len(code), None, code.splitlines(keepends=True), name)


@dataclass(frozen=True)
class Execution:
    streams: tuple[tuple[str, str], ...]  # (stdout or stderr, text) in order: prints and warnings
    namespace: dict[str, Any]  # the snippet's variables, for diagrams and tables drawn from them

    @property
    def output(self) -> str:
        """What a terminal would show."""
        return "".join(text for _, text in self.streams)


def run_snippet(path: Path, *, timeout_s: float | None = None) -> str:
    """Execute one snippet as `python <path>` would, in this process; return its output."""
    return execute(path, timeout_s=timeout_s).output


def execute(path: Path, *, timeout_s: float | None = None) -> Execution:
    """Execute one snippet as `python <path>` would, in this process; return its output.

    Raises ExampleError if it raises, runs past `timeout_s` (default: the project's),
    or emits a warning it does not declare.
    """
    timeout_s = project.timeout_s if timeout_s is None else timeout_s
    name = display_path(path)
    if not path.is_file():
        raise ExampleError(f"{name}: snippet file not found. Create it or fix the path in the page.")
    code = path.read_text(encoding="utf-8")
    remember_source(name, code)
    namespace = {"__name__": "__main__", "__file__": name}
    with isolated_state(), captured(declared_warnings(code)) as capture:
        try:
            with time_limit(timeout_s):
                exec(compile(code, name, "exec"), namespace)
        except ExampleTimeout as error:
            raise ExampleError(
                f"{_where(error, name)}: the example {error} (stopped here). Make it faster, or raise "
                'the limit with timeout="<seconds>" on its block or extra.examples.timeout_s in mkdocs.yml.'
            ) from None
        except BaseException as error:
            raise ExampleError(
                f"{_where(error, name)}: the example raised {type(error).__name__}: {error}. "
                "Fix the snippet, or catch and print an error the page means to show."
            ) from error
    if capture.undeclared:
        raise ExampleError(
            f"{capture.undeclared[0]} -- an undeclared warning. If the page means to show it, "
            f"add '# shows-warning: <Category>' to {name}; otherwise fix the code."
        )
    return Execution(tuple(capture.chunks), namespace)


_cache: dict[str, Execution] = {}
execution_count = 0
"""How many snippets were really executed (not served from the cache) in this process."""
cache_hits = 0


def cached_execution(path: Path, *, timeout_s: float | None = None, reuse: bool = False) -> Execution:
    """`execute`, once per (code, torch, numpy, Python) in this process.

    `reuse=True`: a second use of an output already rendered (the page's notebook), not counted as a hit.
    """
    global execution_count, cache_hits
    code = path.read_bytes() if path.is_file() else b""
    key = hashlib.sha256(code + repr(sorted(versions().items())).encode()).hexdigest()
    if key in _cache:
        cache_hits += 0 if reuse else 1
    else:
        _cache[key] = execute(path, timeout_s=timeout_s)
        execution_count += 1
    return _cache[key]


# --- the markdown-exec fence ----------------------------------------------------


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def visible_text(output: str) -> str:
    """Control characters (ANSI colour codes' ESC, say) as their visible symbols: ␛[31m."""
    return _CONTROL_CHARACTERS.sub(lambda m: "\u2421" if m[0] == "\x7f" else chr(0x2400 + ord(m[0])), output)


def render_output(output: str, language: str) -> str:
    """The collapsed output block: whatever was printed appears as literal text."""
    label = OUTPUT_LABELS.get(language, OUTPUT_LABELS["en"])
    return (
        f'<details class="example-output" data-search-exclude><summary>{label}</summary>'
        f"<pre><code>{html.escape(visible_text(output))}</code></pre></details>"
    )


NOT_EXECUTED = "(not executed: this build ran with NOTES_EXECUTE=0)"

FAILURE_LABELS = {
    "zh": "这个例子运行失败（只在 mkdocs serve 预览中显示；mkdocs build 会因此失败）",
    "en": "This example failed (shown only in the mkdocs serve preview; mkdocs build fails on it)",
}


def render_failure(message: str, language: str) -> str:
    """What `mkdocs serve` shows in place of a failing example: its error, never in a built site."""
    label = FAILURE_LABELS.get(language, FAILURE_LABELS["en"])
    return (
        f'<div class="admonition failure example-failure"><p class="admonition-title">{label}</p>'
        f"<pre><code>{html.escape(visible_text(message))}</code></pre></div>"
    )


FIGURE_CAPTIONS = {
    "zh": "内存示意图：由本例的真实张量在构建时绘制",
    "en": "Memory diagram, drawn at build time from this example's real tensors",
}
TABLE_LABELS = {
    "zh": {"operation": "操作", "example": "例子", "result": "结果", True: "视图", False: "副本"},
    "en": {"operation": "Operation", "example": "Example", "result": "Result", True: "view", False: "copy"},
}


def render_figures(namespace: dict[str, Any], figures: dict[str, str | None], where: str, key: str) -> str:
    """What a block asks to draw from its snippet's variables: `diagram="a,b"`, `view_table="rows"`."""
    from site_tools import memory_diagram

    language = current_page.language
    html_parts = []
    if figures.get("diagram"):
        names = [n.strip() for n in figures["diagram"].split(",") if n.strip()]
        missing = [n for n in names if n not in namespace]
        if missing:
            raise ExampleError(
                f'{where}: diagram="{figures["diagram"]}" names {missing}, not variables of the snippet'
            )
        try:
            drawing = memory_diagram.svg(
                memory_diagram.model({n: namespace[n] for n in names}), language, key
            )
        except memory_diagram.DiagramError as error:
            raise ExampleError(f"{where}: cannot draw diagram: {error}") from error
        caption = FIGURE_CAPTIONS.get(language, FIGURE_CAPTIONS["en"])
        html_parts.append(
            f'<figure class="memory-diagram" data-search-exclude>{drawing}'
            f"<figcaption>{caption}</figcaption></figure>"
        )
    if figures.get("view_table"):
        rows = namespace.get(figures["view_table"])
        if not isinstance(rows, list) or not all(isinstance(r, tuple) and len(r) == 3 for r in rows):
            raise ExampleError(
                f'{where}: view_table="{figures["view_table"]}" must name a list of '
                "(operation, example, is_view)"
            )
        labels = TABLE_LABELS.get(language, TABLE_LABELS["en"])
        body = "".join(
            f"<tr><td>{html.escape(op)}</td><td><code>{html.escape(example)}</code></td>"
            f'<td class="{"is-view" if is_view else "is-copy"}">{labels[bool(is_view)]}</td></tr>'
            for op, example, is_view in rows
        )
        html_parts.append(
            f'<div class="view-or-copy" data-search-exclude><table><thead><tr><th>{labels["operation"]}</th>'
            f"<th>{labels['example']}</th><th>{labels['result']}</th></tr></thead><tbody>{body}</tbody></table></div>"
        )
    return "".join(html_parts)


def formatter(
    source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any
) -> str:
    """SuperFences formatter for `python exec="on" id="<topic>/<snippet>"` fences."""
    snippet_id = options.get("id", "")
    where = f"page {current_page.src_uri}"
    if not snippet_id:
        raise ExampleError(
            f'{where}: an executed block has no id. Add id="<topic>/<snippet name>" naming its snippet.'
        )
    path = snippet_path(snippet_id)
    name = display_path(path)
    if not path.is_file():
        raise ExampleError(
            f'{where}: id="{snippet_id}" but {name} does not exist. Fix the id or add the file.'
        )
    if source.strip() != path.read_text(encoding="utf-8").strip():
        raise ExampleError(
            f'{where}: the block with id="{snippet_id}" must contain exactly '
            f'--8<-- "{name}" (it includes other code).'
        )
    timeout = options.get("extra", {}).pop("timeout", None)
    try:
        timeout_s = float(timeout) if timeout is not None else None
    except ValueError:
        raise ExampleError(
            f'{where}: timeout="{timeout}" on id="{snippet_id}" is not a number of seconds.'
        ) from None
    figures = {kind: options.get("extra", {}).pop(kind, None) for kind in ("diagram", "view_table")}
    if not project.execute:
        output_html = render_output(NOT_EXECUTED, current_page.language)
    else:
        try:
            execution = cached_execution(path, timeout_s=timeout_s)
        except ExampleError as error:
            message = f"{error} (in {where})"
            if not project.serving:
                raise ExampleError(message) from error
            # `mkdocs serve`: say it in the terminal and on the page, keep the rest of the site served
            serve_log.warning(message)
            return render_failure(message, current_page.language)
        output_html = render_output(execution.output, current_page.language)
        # drawn once per execution, language and request: rebuilds and the other language reuse it
        figure_key = (id(execution), current_page.language, figures["diagram"], figures["view_table"])
        if figure_key not in _figures:
            _figures[figure_key] = render_figures(
                execution.namespace, figures, f"{where}, {name}", snippet_id
            )
        output_html += _figures[figure_key]

    # Rendering the code through markdown-exec builds a Markdown instance per block (~20 ms):
    # reuse the HTML for the same code, output, language and fence options (the en build, rebuilds).
    key = (source, output_html, repr(sorted((k, repr(v)) for k, v in options.items())))
    if key not in _rendered:
        _rendered[key] = base_format(
            language="python",
            run=lambda *_, **__: output_html,
            code=source,
            md=md,
            **{**options, "html": True, "source": "above"},
        )
    return _rendered[key]


_rendered: dict[tuple[str, str, str], str] = {}
_figures: dict[tuple[int, str, str | None, str | None], str] = {}
