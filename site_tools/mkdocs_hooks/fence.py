"""The executed fence: how an example appears on a page.

A page includes a snippet with

    ```python exec="on" id="memory/from_numpy_shares_memory"
    --8<-- "snippets/memory/from_numpy_shares_memory.py"
    ```

`validator` (markdown-exec's, wrapped: registered with the `python` custom fence in mkdocs.yml) parses
the fence and sets aside any option outside ALLOWED_OPTIONS; `formatter` reports those (page, line
and the closest allowed option), checks that the `id` names the included snippet, runs it with
site_tools/execution (cached: zh and en share one run) and renders the code as the page's
language shows it (translation/code_comments.py: no tool comments, translated comments) followed by a
collapsed `<details>` block holding the output as escaped text, labelled in the page's language,
then the figures the block asks for (site_tools/figures). The code is shown in a fence longer than
any run of backticks it holds, so no line of a snippet can end it. What it returns is the build's own
HTML (`safe_html.BuildHTML`): the policy for what authors write (site_tools/rendering/safe_html.py)
leaves it as it is.

Under `mkdocs serve` every error of a block (an option typo, a missing snippet, an example that
fails) is shown on its page in place of the block, and reported in the terminal; a build fails on it.

A block that is shown and not executed (GPU-only code) includes its snippet the same way;
`with_shown_code` puts that snippet's code, as the page's language shows it, in place of the
include before the page (and its notebook) is made from the Markdown.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

import markdown_exec
from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

from site_tools import contract, execution, figures, layout, verified
from site_tools.execution import isolated
from site_tools.mkdocs_hooks import context, dependencies
from site_tools.mkdocs_hooks.context import serve_log
from site_tools.rendering.output import (
    NOT_EXECUTED,
    render_failure,
    render_other_outputs,
    render_output,
    shown_code,
    visible_text,
)
from site_tools.rendering.safe_html import BuildHTML
from site_tools.translation import code_comments


class BuildError(SuperFencesException, PluginError):
    """An example or notebook that cannot be rendered. Fails `mkdocs build` with its message.

    SuperFences swallows any other exception raised by a fence formatter and renders the fence as
    plain text; MkDocs reports a PluginError as one line.
    """


ALLOWED_OPTIONS = ("exec", "id", "timeout", *figures.OPTIONS)
"""The fence options a block may use; anything else fails the build (nothing passes into the page)."""
MAX_TIMEOUT_S = 600.0


def validator(language: str, inputs: dict[str, str], options: dict[str, Any], attrs: dict, md: Any) -> bool:
    """markdown-exec's validator (`exec="on"` and its other options), given only the options a block may
    use; the others are kept in `options["not_allowed"]` for `formatter` to report, with the line.

    A block that is not executed is left to the highlighter with all its options, as before.
    """
    written = dict(inputs)
    not_allowed = {key: inputs.pop(key) for key in written if key not in ALLOWED_OPTIONS}
    if not markdown_exec.validator(language, inputs, options, attrs, md):
        inputs.update(not_allowed)
        return False
    options["written"] = written
    options["not_allowed"] = not_allowed
    return True


def encodable(text: str, what: str) -> str:
    """`text`, if it can be written to a page (UTF-8); else a BuildError naming `what`."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise BuildError(
            f"{what}: contains {text[error.start : error.end]!r}, which cannot be written to a page (UTF-8). "
            "Print something else."
        ) from None
    return text


def with_shown_code(markdown: str, language: str, page: str) -> str:
    """`markdown` with each shown-only block's `--8<--` include replaced by the code as `language`
    shows it (no tool comments, comments translated), in a fence longer than any run of backticks in
    the code (`longer_fence`). A missing file is left to pymdownx.snippets, which fails the build
    naming it (under `mkdocs serve`, `without_missing_includes` has shown it on the page)."""
    build = context.current()
    for fence in reversed(contract.fences_in(page, markdown)):
        if fence.executed or not fence.includes:
            continue
        start, end = fence.span
        block = markdown[start:end]
        for included in fence.includes:
            path = (build.root / included).resolve()
            if not path.is_file() or not path.is_relative_to((build.root / "snippets").resolve()):
                continue  # left to pymdownx.snippets (its own checks and errors)
            name = layout.display_path(build.root, path)
            shown = code_comments.displayed(path.read_text(encoding="utf-8"), language, build.root)
            shown = encodable(shown, f"{name} (in page {page})").rstrip("\n")
            block = re.sub(
                rf'^--8<--\s+"{re.escape(included)}"[ \t]*$',
                lambda _, code=shown: code,
                block,
                count=1,
                flags=re.M,
            )
        markdown = markdown[:start] + longer_fence(block) + markdown[end:]
    return markdown


def longer_fence(block: str) -> str:
    """A ```python block whose opening and closing fences are longer than any run of backticks in its
    body, so that no line of the code it shows can end it (SuperFences ends a fence at a line of
    exactly its backticks)."""
    first, _, rest = block.partition("\n")
    body, closing, tail = rest.rpartition("```")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    if longest < 3 or not closing:
        return block
    fence = "`" * (longest + 1)
    return f"{fence}{first.removeprefix('```')}\n{body}{fence}{tail}"


_INCLUDE_LINE = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<path>[^"]+)"[ \t]*$', flags=re.M)


def without_missing_includes(markdown: str, language: str, page: str) -> str:
    """Under `mkdocs serve`: each ```python block that includes a file that does not exist (and any other
    such include line) replaced by the error, shown on the page and in the terminal, where
    pymdownx.snippets would fail the whole rebuild (and MkDocs would leave every request hanging)."""
    build = context.current()
    missing = []

    def failure(path: str) -> str:
        message = f'page {page}: --8<-- "{path}" but {path} does not exist. Fix the path or add the file.'
        missing.append(message)
        return render_failure(message, language) + "\n\n"

    for fence in reversed(contract.fences_in(page, markdown)):
        absent = [path for path in fence.includes if not (build.root / path).is_file()]
        if absent:
            start, end = fence.span
            markdown = markdown[:start] + failure(absent[0]) + markdown[end:]
    markdown = _INCLUDE_LINE.sub(
        lambda m: m[0] if (build.root / m["path"]).is_file() else failure(m["path"]), markdown
    )
    for message in missing:
        serve_log.warning(message)
    if missing:
        dependencies.failed(build.root, page)  # rendered again on the next rebuild
    return markdown


def formatter(
    source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any
) -> BuildHTML:
    """SuperFences formatter for `python exec="on" id="<topic>/<snippet>"` fences (after `validator`).

    Raises BuildError for a block that cannot be rendered; under `mkdocs serve`, shows it in its place.
    """
    build = context.current()
    try:
        return BuildHTML(_format(source, options, md))
    except BuildError as error:
        if not build.serving:
            raise
        # `mkdocs serve`: say it in the terminal and on the page, keep the rest of the site served
        serve_log.warning(str(error))
        dependencies.failed(build.root, build.page)  # rendered again on the next rebuild
        return BuildHTML(render_failure(str(error), build.language))


def fence_line(written: dict[str, str]) -> int | None:
    """The line of the page being built where the ```python fence with these options starts (the
    first such fence, counted in the page's file, front matter included); None if it is not found."""
    build = context.current()
    if build.source is None or not build.source.is_file():
        return None
    text = build.source.read_text(encoding="utf-8")
    found = [f for f in contract.fences_in(build.page, text) if f.options == written]
    found = found or [f for f in contract.fences_in(build.page, text) if f.block_id == written.get("id")]
    return text.count("\n", 0, found[0].span[0]) + 1 if found else None


def not_allowed_message(where: str, snippet_id: str, not_allowed: dict[str, str]) -> str:
    """Which options a block may not use, each with the allowed option it most likely meant."""
    named = []
    for key in sorted(not_allowed):
        close = difflib.get_close_matches(key, ALLOWED_OPTIONS, n=1, cutoff=0.6)
        named.append(f"{key} (did you mean {close[0]}?)" if close else key)
    return (
        f'{where}: the block with id="{snippet_id}" uses option(s) {", ".join(named)}; an executed block '
        f"may use only {', '.join(ALLOWED_OPTIONS)}. Correct or remove the others."
    )


def _format(source: str, options: dict[str, Any], md: Any) -> str:
    build = context.current()
    if "not_allowed" not in options:  # markdown-exec's validator alone would let any option through
        raise BuildError(
            "mkdocs.yml: the python custom fence must use validator: "
            "!!python/name:site_tools.mkdocs_hooks.fence.validator (it checks the options a block may use)."
        )
    snippet_id = options.get("id", "")
    line = fence_line(options.get("written", {}))
    where = f"page {build.page}" + (f", line {line}" if line else "")
    if not snippet_id:
        raise BuildError(
            f'{where}: an executed block has no id. Add id="<topic>/<snippet name>" naming its snippet.'
        )
    path = layout.snippet_path(build.root, snippet_id)
    name = layout.display_path(build.root, path)
    if not path.is_file():
        raise BuildError(f'{where}: id="{snippet_id}" but {name} does not exist. Fix the id or add the file.')
    code = path.read_text(encoding="utf-8")
    if source.strip() != code.strip():
        raise BuildError(
            f'{where}: the block with id="{snippet_id}" must contain exactly '
            f'--8<-- "{name}" (it includes other code).'
        )
    not_allowed = options["not_allowed"]
    if not_allowed:
        raise BuildError(not_allowed_message(where, snippet_id, not_allowed))
    extra = dict(options.get("extra", {}))
    timeout = extra.pop("timeout", None)
    try:
        timeout_s = timeout_of(timeout, build.timeout_s)
    except ValueError:
        raise BuildError(
            f'{where}: timeout="{timeout}" on id="{snippet_id}" must be a number of seconds '
            f"above 0 and at most {MAX_TIMEOUT_S:g}."
        ) from None
    try:
        wanted = figures.request(
            {kind: extra.pop(kind, None) for kind in figures.OPTIONS}, f"{where}, {name}"
        )
    except figures.FigureError as error:
        raise BuildError(str(error)) from None
    where = f"page {build.page}"  # an example's own errors name its snippet's line, and the page
    language_ = build.language
    if not build.execute:
        output_html = render_output(NOT_EXECUTED, language_)
    else:
        try:
            # in a process of its own (site_tools/execution/isolated.py), which also draws the figures
            run = isolated.cached_run(
                [code],
                name,
                timeout_s=timeout_s,
                figures=[(wanted, snippet_id)] if wanted else [],
                where=f"{where}, {name}",
                watch=build.watch,
            )
            output_html = render_output(encodable(run.output, f"{name} (in {where})"), language_)
            others = verified.other_outputs(build.root, snippet_id, run.output)
            output_html += render_other_outputs(others, language_)
            output_html += run.figures.get((wanted, language_, "html"), "")
        except execution.ExecutionError as error:
            raise BuildError(f"{error} (in {where})") from error

    # What the reader sees and copies: no tool comments, comments in the page's language
    # (site_tools/translation/code_comments.py); what ran is the snippet as written.
    shown = visible_text(encodable(code_comments.displayed(code, language_, build.root), name))
    # Rendering the code through markdown-exec builds a Markdown instance per block (~20 ms):
    # reuse the HTML for the same code and output (the en build, rebuilds; the session keeps what the
    # last build used: context.py).
    rendered = context.session.fences
    key = (shown, output_html)
    if key not in rendered:
        rendered[key] = shown_code(shown, output_html, md)
    return rendered[key]


def timeout_of(value: str | None, default: float) -> float:
    """A block's `timeout="…"` in seconds (`default` without one); ValueError unless it is a number above
    0 and at most MAX_TIMEOUT_S. The one reading of the option: the page's and the one run ahead."""
    seconds = default if value is None else float(value)
    if not 0 < seconds <= MAX_TIMEOUT_S:  # nan too
        raise ValueError(f"timeout {value!r}")
    return seconds


def run_ahead(root, timeout_s: float) -> None:
    """Hand every executed block's example on every page, and every note written as a notebook, to the
    pool (site_tools/execution/pool.py) before a page renders: they run side by side while MkDocs reads
    and renders, and each block then waits only for its own.

    What cannot be read here (a missing snippet, a bad option, an invalid notebook) is left to its page,
    which reports it; a block read differently here than there only runs once more, at its page.
    """
    from site_tools import notebooks

    for language in layout.LANGUAGES:
        for page in layout.pages(root, language):
            for fence in contract.fences(root, language, page):
                path = layout.snippet_path(root, fence.block_id or "")
                if not fence.executed or not fence.block_id or not path.is_file():
                    continue
                name = layout.display_path(root, path)
                try:
                    timeout = timeout_of(fence.options.get("timeout"), timeout_s)
                    wanted = figures.request(fence.options, f"page {language}/{page}, {name}")
                except (ValueError, figures.FigureError):
                    continue
                isolated.run_ahead(
                    [path.read_text(encoding="utf-8")],
                    name,
                    timeout_s=timeout,
                    figures=[(wanted, fence.block_id)] if wanted else [],
                    where=f"page {language}/{page}, {name}",
                )
        for page in layout.notebook_pages(root, language):
            path = layout.page_path(root, language, page)
            try:
                cells = notebooks.code_cells(notebooks.read(path, root))
            except notebooks.NotebookError:
                continue
            isolated.run_ahead(cells, layout.display_path(root, path), notebook=True, timeout_s=timeout_s)
