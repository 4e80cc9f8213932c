"""Run the site's examples: a snippet file in, the text a terminal would show out.

This is the one place where the build executes code. A page includes a snippet with

    ```python exec="on" id="memory/from_numpy_shares_memory"
    --8<-- "snippets/memory/from_numpy_shares_memory.py"
    ```

markdown-exec's validator parses the fence; `formatter` (registered as the
`python` custom fence in mkdocs.yml) checks that the `id` names the included
snippet, runs it with `run_snippet` and renders the code followed by a
collapsed `<details>` block holding the output, escaped, labelled in the
page's language.

What `run_snippet` guarantees, so that an output depends only on its code:
- the process-wide state an example can change (random seeds, default dtype,
  print options, grad mode, warning filters, thread count...) is reset to one
  baseline before and after every example;
- printed text *and* warnings are captured, in order, as a terminal shows them;
- a warning the snippet does not declare, or any exception, fails the build
  with a message naming the snippet file and line;
- results are cached on (code, torch, numpy, Python), so the zh and en builds
  execute each example once.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import linecache
import platform
import random
import re
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from markdown_exec import base_format
from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Project:
    """Where the snippets live: the folder of the mkdocs.yml being built (set by the hook)."""

    root: Path = REPO_ROOT

    @property
    def snippets_dir(self) -> Path:
        return self.root / "snippets"


project = Project()

OUTPUT_LABELS = {"zh": "点我看输出", "en": "Show output"}
"""Summary of the collapsed output block, by page language."""

SEED = 0


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
    return {
        "torch": torch.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
    }


# --- process-wide state -------------------------------------------------------


@dataclass(frozen=True)
class _GlobalState:
    default_dtype: torch.dtype
    grad_enabled: bool
    anomaly: bool
    deterministic: bool
    num_threads: int
    warn_always: bool
    numpy_printoptions: dict[str, Any]


def _capture_state() -> _GlobalState:
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
    torch.set_default_dtype(state.default_dtype)
    torch.set_grad_enabled(state.grad_enabled)
    torch.autograd.set_detect_anomaly(state.anomaly)
    torch.use_deterministic_algorithms(state.deterministic)
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


_BASELINE = _capture_state()


@contextlib.contextmanager
def isolated_state():
    """Run the body from the baseline state and put the baseline back afterwards."""
    _apply_state(_BASELINE)
    try:
        yield
    finally:
        _apply_state(_BASELINE)


# --- running one snippet ------------------------------------------------------


def declared_warnings(code: str) -> set[str]:
    """Warning categories a snippet means to show: `# shows-warning: UserWarning`."""
    return set(re.findall(r"^# shows-warning: (\w+)\s*$", code, flags=re.MULTILINE))


def _first_snippet_frame(error: BaseException, filename: str) -> int | None:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
    return frames[-1].lineno if frames else None


def run_snippet(path: Path) -> str:
    """Execute one snippet as `python <path>` would, in this process; return its output.

    Raises ExampleError if it raises, or emits a warning it does not declare.
    """
    name = display_path(path)
    if not path.is_file():
        raise ExampleError(f"{name}: snippet file not found. Create it or fix the path in the page.")
    code = path.read_text(encoding="utf-8")
    # The warning module reads source lines through linecache: give it this file.
    linecache.cache[name] = (len(code), None, code.splitlines(keepends=True), name)
    allowed = declared_warnings(code)
    buffer = io.StringIO()
    undeclared: list[str] = []

    def show_warning(message, category, filename, lineno, file=None, line=None):
        text = warnings.formatwarning(message, category, filename, lineno, line)
        buffer.write(text)
        if category.__name__ not in allowed:
            undeclared.append(f"{filename}:{lineno}: {category.__name__}: {message}")

    namespace = {"__name__": "__main__", "__file__": name}
    with isolated_state(), warnings.catch_warnings(), contextlib.redirect_stdout(buffer):
        warnings.simplefilter("default")
        warnings.showwarning = show_warning
        try:
            exec(compile(code, name, "exec"), namespace)
        except BaseException as error:
            line = _first_snippet_frame(error, name)
            where = f"{name}:{line}" if line else name
            raise ExampleError(
                f"{where}: the example raised {type(error).__name__}: {error}. "
                "Fix the snippet, or catch and print an error the page means to show."
            ) from error
    if undeclared:
        raise ExampleError(
            f"{undeclared[0]} -- an undeclared warning. If the page means to show it, "
            f"add '# shows-warning: <Category>' to {name}; otherwise fix the code."
        )
    return buffer.getvalue()


_cache: dict[str, str] = {}
execution_count = 0
"""How many snippets were really executed (not served from the cache) in this process."""


def cached_output(path: Path) -> str:
    """`run_snippet`, once per (code, torch, numpy, Python) in this process."""
    global execution_count
    code = path.read_bytes() if path.is_file() else b""
    key = hashlib.sha256(code + repr(sorted(versions().items())).encode()).hexdigest()
    if key not in _cache:
        _cache[key] = run_snippet(path)
        execution_count += 1
    return _cache[key]


# --- the markdown-exec fence ----------------------------------------------------


def render_output(output: str, language: str) -> str:
    label = OUTPUT_LABELS.get(language, OUTPUT_LABELS["en"])
    return (
        f'<details class="example-output"><summary>{label}</summary>'
        f"<pre><code>{html.escape(output)}</code></pre></details>"
    )


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
    try:
        output = cached_output(path)
    except ExampleError as error:
        raise ExampleError(f"{error} (in {where})") from error

    options = {**options, "html": True, "source": "above"}
    return base_format(
        language="python",
        run=lambda *_, **__: render_output(output, current_page.language),
        code=source,
        md=md,
        **options,
    )
