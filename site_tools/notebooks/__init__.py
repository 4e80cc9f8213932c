"""Notebooks: notes written as Jupyter notebooks, and every note offered as a notebook.

Two directions, one module (no MkDocs here: site_tools/mkdocs_hooks/ calls it):

- A note *written* as a notebook (docs/<lang>/<topic>/<name>.ipynb, committed without
  outputs) is read and checked here and its code cells are run by the site's one runner
  (site_tools/execution: same isolation, warning rules and time limit as a snippet, cells in
  order in one namespace as a kernel would). The build writes the executed copy next to the
  page and mkdocs-jupyter renders *that* copy.
- A note written in Markdown is turned into a notebook (`page_notebook`): its prose as
  Markdown cells, its examples as code cells carrying this build's outputs.

Either way the code cells a reader gets are the code as written, displayed as on the page
(site_tools/translation/code_comments.py: no tool comments, comments in the notebook's language); the outputs
are those of the code as written, their warnings numbered as a kernel running the cells numbers them.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import nbformat
from nbformat import v4

from site_tools import claims, contract, execution, figures, layout
from site_tools.execution import isolated
from site_tools.translation import code_comments, labels

METADATA_KEY = layout.NOTEBOOK_METADATA_KEY
"""Notebook metadata of this project: {"translates": hash} on English notebooks."""


class NotebookError(execution.ExecutionError):
    """A notebook that cannot be read as a note (invalid, not Python, stored outputs)."""


# --- reading a notebook someone wrote -------------------------------------------------


def read(path: Path, root: Path = layout.ROOT) -> nbformat.NotebookNode:
    """A committed notebook, checked: valid, Python, code cells without outputs."""
    name = layout.display_path(root, path)
    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
    except (OSError, ValueError, nbformat.ValidationError) as error:
        raise NotebookError(
            f"{name}: not a valid Jupyter notebook ({error}). Re-save it from Jupyter."
        ) from None
    language = notebook.metadata.get("kernelspec", {}).get("language", "python")
    if language != "python":
        raise NotebookError(f"{name}: the kernel language is {language!r}; notes are Python notebooks.")
    stored = [i for i, cell in enumerate(notebook.cells, 1) if cell.cell_type == "code" and cell.outputs]
    if stored:
        raise NotebookError(
            f"{name}: cell {stored[0]} has stored outputs. Outputs come from the build, never from the file: "
            f"clear them (jupyter nbconvert --clear-output --inplace {name}) and commit again."
        )
    return notebook


def code_cells(notebook: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


# --- running code cells as a kernel would --------------------------------------------


def outputs(run: execution.Execution | isolated.Result) -> list[list[dict[str, Any]]]:
    """nbformat outputs, one list per code cell: its streams, then its displayed last expression."""
    found = []
    for number, cell in enumerate(run.cells, 1):
        cell_outputs = [v4.new_output("stream", name=stream, text=text) for stream, text in cell.streams]
        if cell.result is not None:
            cell_outputs.append(
                v4.new_output("execute_result", data={"text/plain": cell.result}, execution_count=number)
            )
        found.append(cell_outputs)
    return found


def run_file(path: Path, root: Path, *, cached: bool = False, timeout_s: float | None = None):
    """The code cells of the notebook at `path`, run by the site's runner: an execution.Execution."""
    run = execution.run_once if cached else execution.run
    return run(
        code_cells(read(path, root)), layout.display_path(root, path), notebook=True, timeout_s=timeout_s
    )


def output_text(path: Path, root: Path = layout.ROOT) -> str:
    """What the notebook at `path` shows, cell by cell, as one text: its entry in the output record."""
    parts = []
    for number, cell_outputs in enumerate(outputs(run_file(path, root)), 1):
        parts.append(f"[cell {number}]\n")
        for output in cell_outputs:
            text = output.get("text") or output["data"]["text/plain"]
            parts.append(text if text.endswith("\n") else text + "\n")
    return "".join(parts)


def with_outputs(
    notebook: nbformat.NotebookNode, run: execution.Execution | isolated.Result
) -> nbformat.NotebookNode:
    """A copy of `notebook` whose code cells carry `run`'s outputs and execution counts."""
    executed = nbformat.from_dict(json.loads(json.dumps(notebook)))
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    for number, (cell, cell_outputs) in enumerate(zip(code, outputs(run), strict=True), 1):
        cell.outputs = [nbformat.from_dict(o) for o in cell_outputs]
        cell.execution_count = number
    nbformat.validate(executed)
    return executed


def execute_file(
    path: Path,
    root: Path,
    *,
    timeout_s: float | None = None,
    language: str | None = None,
    watch: tuple[Path, ...] = (),
) -> nbformat.NotebookNode:
    """The notebook at `path`, executed in a process of its own (cached), claims marked for the page.

    `watch`: what its cells may not touch (site_tools/execution/isolated.py).

    Its code cells as the page shows them in `language` (by default the one of its docs/<language>/).
    """
    notebook = read(path, root)
    name = layout.display_path(root, path)
    run = isolated.cached_run(
        code_cells(notebook),
        name,
        notebook=True,
        timeout_s=execution.DEFAULT_TIMEOUT_S if timeout_s is None else timeout_s,
        watch=watch,
    )
    executed = with_outputs(notebook, run)
    for cell in executed.cells:
        if cell.cell_type == "markdown":
            cell.source = claims.spans(cell.source)  # the page links each claim to its test results
    if language is None:
        folders = name.split("/")
        language = folders[1] if len(folders) > 2 and folders[0] == "docs" else ""
    return displayed(executed, language, root)


def displayed(notebook: nbformat.NotebookNode, language: str, root: Path) -> nbformat.NotebookNode:
    """`notebook` with its code cells as a page in `language` shows them (translation/code_comments.py).

    Their warnings (stderr) are renumbered to the displayed cells, as a kernel running them prints
    them: the runner names a notebook's cells `<cell N>`, and a warning in one cell may come from another.
    """
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    written = [cell.source for cell in code]
    for cell in code:
        cell.source = code_comments.displayed(cell.source, language, root)
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == "stderr":
                for number, source in enumerate(written, 1):
                    output.text = code_comments.output_as_displayed(
                        output.text, f"<cell {number}>", source, language, root
                    )
    return notebook


# --- a Markdown note as a notebook ----------------------------------------------------

_SHOWN_FENCE = re.compile(r'^```python[ \t]*\n--8<--\s+"(?P<path>[^"]+)"\s*\n```[ \t]*$', flags=re.MULTILINE)
_HEADING_ATTRIBUTES = re.compile(r"^(#{1,6} .*?)\s*\{\s*#[\w-]+\s*\}\s*$", flags=re.MULTILINE)
_ADMONITION = re.compile(
    r'^(?:!!!|\?\?\?\+?) *[\w-]+(?: +"(?P<title>[^"]*)")?[ \t]*\n(?P<body>(?:(?: {4}.*)?\n)*)',
    flags=re.MULTILINE,
)
_LINK = re.compile(r"\]\((?P<target>[^)\s]+\.(?:md|ipynb))(?P<anchor>#[^)\s]*)?\)")


def _jupyter_markdown(text: str, page_url: str, site_url: str, root: Path, language: str) -> str:
    """Markdown for a notebook cell: no MkDocs-only syntax, links that leave the site's folder absolute."""

    def admonition(match: re.Match) -> str:
        body = re.sub(r"^ {4}", "", match.group("body"), flags=re.MULTILINE).strip("\n")
        title = f"**{match.group('title')}**\n\n" if match.group("title") else ""
        return "".join(f"> {line}".rstrip() + "\n" for line in (title + body).split("\n")) + "\n"

    def link(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_url.rstrip("/")), match["target"]))
        stem = target.rsplit(".", 1)[0]  # a page's URL: its path without the suffix, as a folder
        url = stem.removesuffix("index") if stem.endswith("/index") else stem + "/"
        return f"]({site_url}{url.lstrip('/')}{match['anchor'] or ''})"

    def shown(match: re.Match) -> str:
        code = (root / match["path"]).read_text(encoding="utf-8").rstrip("\n")
        return f"```python\n{code_comments.displayed(code, language, root)}\n```"

    text = claims.strip(_SHOWN_FENCE.sub(shown, text))
    text = _HEADING_ATTRIBUTES.sub(r"\1", text)
    text = _ADMONITION.sub(admonition, text)
    return _LINK.sub(link, text).strip("\n")


def page_notebook(
    markdown: str,
    *,
    root: Path,
    execute: bool,
    language: str,
    page_url: str,
    site_url: str,
    title: str,
    build_info: dict[str, str],
) -> nbformat.NotebookNode:
    """A Markdown note as a notebook: Markdown cells for its prose, code cells with this build's outputs.

    `page_url` is the page's URL below the site root (en/memory/x/), used to make relative links absolute.
    The outputs come from the runner's cache, so nothing is executed twice (`execute=False`: no outputs).
    """
    text = labels.NOTEBOOK[language]
    base = page_url.split("/", 1)[1] if page_url.startswith(f"{language}/") else page_url
    site_root = site_url.rstrip("/") + "/" + (f"{language}/" if page_url.startswith(f"{language}/") else "")
    cells = [
        v4.new_markdown_cell(
            text["intro"].format(title=title, url=site_root + base, **build_info),
            metadata={"tags": ["generated"]},
        )
    ]

    def prose(text: str) -> None:
        text = _jupyter_markdown(text, "/" + base, site_root, root, language)
        if text.strip():
            cells.append(v4.new_markdown_cell(text))

    at = 0
    for fence in contract.fences_in(page_url, markdown):
        if not fence.executed:
            continue
        start, end = fence.span
        prose(markdown[at:start])
        path = layout.snippet_path(root, fence.block_id or "")
        name = layout.display_path(root, path)
        code = path.read_text(encoding="utf-8").rstrip("\n")
        shown = code_comments.displayed(code, language, root)  # the code as the page shows it
        cell = v4.new_code_cell(shown, metadata={METADATA_KEY: {"snippet": fence.block_id}})
        cells.append(cell)
        if execute:
            wanted = figures.request(fence.options, f"page {page_url}, {name}")
            # the run the page's block made (same code, same figures): from the cache, not run again
            run = isolated.cached_run(
                [path.read_text(encoding="utf-8")],
                name,
                figures=[(wanted, fence.block_id)] if wanted else [],
                where=f"page {page_url}, {name}",
                count=False,
            )
            for stream, text in run.streams:
                if stream == "stderr":  # warnings: numbered as a kernel running the displayed cell does
                    text = code_comments.output_as_displayed(text, name, code, language, root)
                cell.outputs.append(v4.new_output("stream", name=stream, text=text))
            drawn = run.figures.get((wanted, language, "markdown"), "")
            if drawn:
                cells.append(v4.new_markdown_cell(drawn, metadata={"tags": ["generated"]}))
        at = end
    prose(markdown[at:])
    code = [cell for cell in cells if cell.cell_type == "code"]
    for number, cell in enumerate(code, 1):
        cell.execution_count = number if execute else None
    return new_notebook(cells)


def without_heading_ids(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """`notebook` with its Markdown headings' `{ #id }` removed (the site's anchors; Jupyter shows them)."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = _HEADING_ATTRIBUTES.sub(r"\1", cell.source)
    return notebook


def new_notebook(cells: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    """A Python 3 notebook of `cells`, validated, with cell ids cell-1, cell-2, ...

    Not nbformat's random ids: the same cells give the same bytes (two builds, the scaffold).
    """
    for number, cell in enumerate(cells, 1):
        cell.id = f"cell-{number}"
    notebook = v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(notebook)
    return notebook


def write(notebook: nbformat.NotebookNode | str, path: Path) -> None:
    """Write a notebook (or its text from `nbformat.writes`) to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = notebook if isinstance(notebook, str) else nbformat.writes(notebook)
    path.write_text(text, encoding="utf-8")


def cached_page_notebook(markdown: str, cache: MutableMapping[str, str], **page: Any) -> str:
    """`page_notebook` as text, kept in `cache` by (page source, its snippets' code, page, versions).

    `mkdocs serve` rebuilds every page on each change; a page whose source and snippets did not
    change gets the same notebook without building and validating it again. The cache is the serve
    session's (site_tools/mkdocs_hooks/context.py), which keeps what the last build used.
    """
    root = page["root"]
    snippets = [
        layout.snippet_path(root, fence.block_id or "")
        for fence in contract.fences_in("", markdown)
        if fence.executed
    ]
    code = [p.read_bytes() if p.is_file() else b"" for p in snippets]
    translated = sorted(code_comments.translations(root).items())  # the code cells' comments
    key = hashlib.sha256(
        repr(
            (markdown, code, translated, sorted(page.items(), key=str), sorted(execution.versions().items()))
        ).encode()
    ).hexdigest()
    if key not in cache:
        cache[key] = nbformat.writes(page_notebook(markdown, **page))
    return cache[key]
