"""Notebooks: notes written as Jupyter notebooks, and every note offered as a notebook.

Two directions, one module:

- A note *written* as a notebook (docs/<lang>/<topic>/<name>.ipynb, committed without
  outputs) is executed here, in the build's process, cell after cell in one namespace as a
  kernel would, with the same isolation, warning rules and time limit as a snippet
  (site_tools/examples.py). The executed copy is written next to the page in the site and
  mkdocs-jupyter renders *that* copy: no kernel start per page, outputs from the installed
  torch (the cache key holds the versions, so an upgrade never shows stale outputs), and a
  raising cell fails the build.
- A note written in Markdown is turned into a notebook (`page_notebook`): its prose as
  Markdown cells, its examples as code cells carrying this build's outputs.

`keep_notebook_pages_under_i18n` is the fix that lets mkdocs-jupyter and
mkdocs-static-i18n work together (ultrabug/mkdocs-static-i18n#198).
"""

from __future__ import annotations

import ast
import hashlib
import html as html_module
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbformat import v4

from site_tools import claims, examples

JUPYTER_PLUGIN = "mkdocs-jupyter"
METADATA_KEY = "pytorch_notes"
"""Notebook metadata of this project: {"translates": hash} on English notebooks."""


class NotebookError(examples.ExampleError):
    """A notebook that cannot be built. Fails `mkdocs build` with its message."""


# --- mkdocs-jupyter under mkdocs-static-i18n ------------------------------------------


def keep_notebook_pages_under_i18n(config: Any) -> None:
    """Let mkdocs-static-i18n keep the notebooks mkdocs-jupyter made pages of.

    mkdocs-jupyter (on_files, priority 0) wraps each notebook in a File that says it is a
    documentation page. mkdocs-static-i18n (on_files, priority -100) then rebuilds every File
    as a plain mkdocs File, and a plain File is a page only if it ends in .md: the notebooks
    turn back into static files, their raw JSON is copied to the page's URL (page/index.html),
    and `--strict` sees nothing wrong (tests/test_built_site.py shows it, without this fix).
    Here the files i18n creates for notebooks that mkdocs-jupyter includes are pages again.
    Their destination (page/index.html) and URL already came from mkdocs-jupyter's File, so
    i18n's language folders, alternates (the language switcher) and nav work unchanged.
    """
    from mkdocs_static_i18n import folder

    jupyter = config.plugins.get(JUPYTER_PLUGIN)
    if jupyter is None or getattr(folder.create_i18n_file, "keeps_notebook_pages", False):
        return
    create_i18n_file = folder.create_i18n_file

    def create_i18n_file_keeping_notebooks(file, *args, **kwargs):
        i18n_file = create_i18n_file(file, *args, **kwargs)
        if jupyter.should_include(i18n_file):
            i18n_file.is_documentation_page = lambda: True
        return i18n_file

    create_i18n_file_keeping_notebooks.keeps_notebook_pages = True
    folder.create_i18n_file = create_i18n_file_keeping_notebooks


def remember_rendered_notebooks() -> None:
    """Render each executed notebook once per process: `mkdocs serve` rebuilds and zh/en share the work.

    mkdocs-jupyter converts a notebook to HTML with nbconvert on every build (~0.5 s a page, most
    of it nbconvert looking up its exporters). Its own cache is off (see mkdocs.yml): under i18n
    each language's build evicts the other's entries. Here its converter is memoised on the
    executed notebook's bytes (outputs included, so a new torch never gets old HTML) and options.
    """
    from mkdocs_jupyter import convert

    if getattr(convert.nb2html, "remembers", False):
        return
    convert_to_html = convert.nb2html
    rendered: dict[tuple[bytes, str], str] = {}

    def nb2html(nb_path, **options):
        key = (Path(nb_path).read_bytes(), repr(sorted(options.items())))
        if key not in rendered:
            rendered[key] = convert_to_html(nb_path, **options)
        return rendered[key]

    nb2html.remembers = True
    convert.nb2html = nb2html


# --- reading a notebook someone wrote -------------------------------------------------


def read(path: Path) -> nbformat.NotebookNode:
    """A committed notebook, checked: valid, Python, code cells without outputs."""
    name = examples.display_path(path)
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


# --- executing code cells as a kernel would -------------------------------------------


@dataclass(frozen=True)
class Run:
    outputs: list[list[dict[str, Any]]]  # nbformat outputs, one list per code cell
    namespace: dict[str, Any]  # the variables after the last cell: what tests assert on


def _display(value: Any) -> str:
    """The text Jupyter shows for a cell's last expression."""
    from IPython.lib.pretty import pretty

    return pretty(value, max_width=79)


def run_cells(sources: list[str], name: str, *, timeout_s: float | None = None) -> Run:
    """Execute code cells in order in one namespace, as one kernel session would.

    Each cell's prints become a stdout stream, its warnings a stderr stream, and its last
    expression (unless the cell ends with `;`) an execute_result. A cell that raises, runs past
    the time limit or emits a warning it does not declare (`# shows-warning: UserWarning`)
    raises NotebookError naming `name`, the cell and the line.
    """
    timeout_s = examples.project.timeout_s if timeout_s is None else timeout_s
    namespace: dict[str, Any] = {"__name__": "__main__"}
    outputs = []
    with examples.isolated_state():
        for number, source in enumerate(sources, 1):
            cell = f"<cell {number}>"
            examples.remember_source(cell, source)
            with examples.captured(examples.declared_warnings(source)) as capture:
                try:
                    tree = ast.parse(source, filename=cell)
                    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
                    with examples.time_limit(timeout_s):
                        exec(compile(tree, cell, "exec"), namespace)
                        value = None
                        if last is not None:
                            value = eval(compile(ast.Expression(last.value), cell, "eval"), namespace)
                except examples.ExampleTimeout as error:
                    raise NotebookError(
                        f"{name}, {_where(error, cell)}: {error} (stopped here). Make the cell faster or "
                        "raise extra.examples.timeout_s in mkdocs.yml."
                    ) from None
                except BaseException as error:
                    raise NotebookError(
                        f"{name}, {_where(error, cell)}: raised {type(error).__name__}: {error}. Fix the "
                        "cell, or catch and print an error the note means to show."
                    ) from error
            if capture.undeclared:
                raise NotebookError(
                    f"{name}, {capture.undeclared[0]} -- an undeclared warning. If the note means to show "
                    f"it, add '# shows-warning: <Category>' to cell {number}; otherwise fix the code."
                )
            cell_outputs = [
                v4.new_output("stream", name=stream, text=text) for stream, text in capture.chunks
            ]
            if value is not None and not source.rstrip().endswith(";"):
                cell_outputs.append(
                    v4.new_output(
                        "execute_result", data={"text/plain": _display(value)}, execution_count=number
                    )
                )
            outputs.append(cell_outputs)
    return Run(outputs, namespace)


def _where(error: BaseException, cell: str) -> str:
    """`cell 3, line 2` from a traceback through the cell's code (`<cell 3>`), or its syntax error."""
    if isinstance(error, SyntaxError) and error.filename == cell:
        line = error.lineno
    else:
        line = examples.line_in(error, cell)
    return f"{cell[1:-1]}, line {line}" if line else cell[1:-1]


_runs: dict[str, Run] = {}
executions = 0
"""Notebooks really executed (not served from the cache) in this process."""


def cached_run(sources: list[str], name: str) -> Run:
    """`run_cells`, once per (code cells, torch, numpy, Python) in this process: zh and en share a run."""
    global executions
    key = hashlib.sha256(json.dumps([sources, sorted(examples.versions().items())]).encode()).hexdigest()
    if key not in _runs:
        _runs[key] = run_cells(sources, name)
        executions += 1
    return _runs[key]


def output_text(path: Path) -> str:
    """What the notebook at `path` shows, cell by cell, as one text: its entry in the output record."""
    run = run_cells(code_cells(read(path)), examples.display_path(path))
    parts = []
    for number, outputs in enumerate(run.outputs, 1):
        parts.append(f"[cell {number}]\n")
        for output in outputs:
            text = output.get("text") or output["data"]["text/plain"]
            parts.append(text if text.endswith("\n") else text + "\n")
    return "".join(parts)


def with_outputs(notebook: nbformat.NotebookNode, run: Run) -> nbformat.NotebookNode:
    """A copy of `notebook` whose code cells carry `run`'s outputs and execution counts."""
    executed = nbformat.from_dict(json.loads(json.dumps(notebook)))
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    for number, (cell, outputs) in enumerate(zip(code, run.outputs, strict=True), 1):
        cell.outputs = [nbformat.from_dict(o) for o in outputs]
        cell.execution_count = number
    nbformat.validate(executed)
    return executed


def execute_file(path: Path) -> nbformat.NotebookNode:
    """The notebook at `path`, executed in this process (cached)."""
    notebook = read(path)
    run = cached_run(code_cells(notebook), examples.display_path(path))
    executed = with_outputs(notebook, run)
    for cell in executed.cells:
        if cell.cell_type == "markdown":
            cell.source = claims.spans(cell.source)  # the page links each claim to its test results
    return executed


# --- a Markdown note as a notebook ----------------------------------------------------

_EXECUTED_FENCE = re.compile(
    r'^```python(?P<options>[^\n]*\bexec="on"[^\n]*\bid="(?P<id>[^"]+)"[^\n]*)\n.*?^```[ \t]*$\n?',
    flags=re.MULTILINE | re.DOTALL,
)
_SHOWN_FENCE = re.compile(r'^```python[ \t]*\n--8<--\s+"(?P<path>[^"]+)"\s*\n```[ \t]*$', flags=re.MULTILINE)
_HEADING_ATTRIBUTES = re.compile(r"^(#{1,6} .*?)\s*\{\s*#[\w-]+\s*\}\s*$", flags=re.MULTILINE)
_ADMONITION = re.compile(
    r'^(?:!!!|\?\?\?\+?) *[\w-]+(?: +"(?P<title>[^"]*)")?[ \t]*\n(?P<body>(?:(?: {4}.*)?\n)*)',
    flags=re.MULTILINE,
)
_LINK = re.compile(r"\]\((?P<target>[^)\s]+\.(?:md|ipynb))(?P<anchor>#[^)\s]*)?\)")

NOTEBOOK_LABELS = {
    "zh": {
        "download": "下载本页的 Jupyter notebook",
        "intro": (
            "> 本 notebook 由网页 [{title}]({url}) 生成：文字是 Markdown 单元，例子是代码单元，"
            "其中的输出是构建本站时（{date}，torch {torch}，numpy {numpy}，Python {python}）真实执行得到的。"
            "请在同样的版本下从上到下运行；装的是别的版本时，输出可能不同。"
        ),
    },
    "en": {
        "download": "Download this page as a Jupyter notebook",
        "intro": (
            "> This notebook was generated from the page [{title}]({url}): prose as Markdown cells, "
            "examples as code cells, with the outputs this site's build really produced ({date}: "
            "torch {torch}, numpy {numpy}, Python {python}). Run it top to bottom with the same versions; "
            "with others, outputs may differ."
        ),
    },
}


def _figures(options: str, namespace: dict[str, Any], language: str, snippet_id: str) -> str:
    """The block's diagram (an SVG image) and view table (a Markdown table), drawn as on the page.

    A Markdown cell after the code: these are drawn by the build from the example's tensors, not
    printed by the code, so a kernel does not produce them.
    """
    import base64

    from site_tools import memory_diagram

    parts = []
    diagram = re.search(r'\bdiagram="([^"]+)"', options)
    if diagram:
        names = [n.strip() for n in diagram[1].split(",") if n.strip()]
        drawing = memory_diagram.svg(
            memory_diagram.model({n: namespace[n] for n in names}), language, snippet_id
        )
        caption = examples.FIGURE_CAPTIONS.get(language, examples.FIGURE_CAPTIONS["en"])
        data = base64.b64encode(drawing.encode()).decode()
        parts.append(f"![{caption}](data:image/svg+xml;base64,{data})\n\n*{caption}*")
    table = re.search(r'\bview_table="([^"]+)"', options)
    if table:
        labels = examples.TABLE_LABELS.get(language, examples.TABLE_LABELS["en"])
        header = f"| {labels['operation']} | {labels['example']} | {labels['result']} |"
        rows = [header, "| --- | --- | --- |"]
        rows += [
            f"| {op} | `{example.replace('|', chr(92) + '|')}` | {labels[bool(is_view)]} |"
            for op, example, is_view in namespace[table[1]]
        ]
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


def _jupyter_markdown(text: str, page_url: str, site_url: str, root: Path) -> str:
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
        return f"```python\n{code}\n```"

    text = claims.strip(_SHOWN_FENCE.sub(shown, text))
    text = _HEADING_ATTRIBUTES.sub(r"\1", text)
    text = _ADMONITION.sub(admonition, text)
    return _LINK.sub(link, text).strip("\n")


def page_notebook(
    markdown: str, *, language: str, page_url: str, site_url: str, title: str, build_info: dict[str, str]
) -> nbformat.NotebookNode:
    """A Markdown note as a notebook: Markdown cells for its prose, code cells with this build's outputs.

    `page_url` is the page's URL below the site root (en/memory/x/), used to make relative links absolute.
    The outputs come from the example cache, so nothing is executed twice.
    """
    labels = NOTEBOOK_LABELS.get(language, NOTEBOOK_LABELS["en"])
    root = examples.project.root
    base = page_url.split("/", 1)[1] if page_url.startswith(f"{language}/") else page_url
    site_root = site_url.rstrip("/") + "/" + (f"{language}/" if page_url.startswith(f"{language}/") else "")
    cells = [
        v4.new_markdown_cell(
            labels["intro"].format(title=title, url=site_root + base, **build_info),
            metadata={"tags": ["generated"]},
        )
    ]

    def prose(text: str) -> None:
        text = _jupyter_markdown(text, "/" + base, site_root, root)
        if text.strip():
            cells.append(v4.new_markdown_cell(text))

    at = 0
    for match in _EXECUTED_FENCE.finditer(markdown):
        prose(markdown[at : match.start()])
        path = examples.snippet_path(match["id"])
        code = path.read_text(encoding="utf-8").rstrip("\n")
        cell = v4.new_code_cell(code, metadata={METADATA_KEY: {"snippet": match["id"]}})
        cells.append(cell)
        if examples.project.execute:
            execution = examples.cached_execution(path, reuse=True)
            cell.outputs = [v4.new_output("stream", name=s, text=t) for s, t in execution.streams]
            figures = _figures(match["options"], execution.namespace, language, match["id"])
            if figures:
                cells.append(v4.new_markdown_cell(figures, metadata={"tags": ["generated"]}))
        at = match.end()
    prose(markdown[at:])
    code = [cell for cell in cells if cell.cell_type == "code"]
    for number, cell in enumerate(code, 1):
        cell.execution_count = number if examples.project.execute else None
    return new_notebook(cells)


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


_page_notebooks: dict[str, str] = {}


def cached_page_notebook(markdown: str, **page: Any) -> str:
    """`page_notebook` as text, once per (page source, its snippets' code, page, versions) in this process.

    `mkdocs serve` rebuilds every page on each change; a page whose source and snippets did not
    change gets the same notebook without building and validating it again.
    """
    snippets = [examples.snippet_path(m["id"]) for m in _EXECUTED_FENCE.finditer(markdown)]
    code = [p.read_bytes() if p.is_file() else b"" for p in snippets]
    key = hashlib.sha256(
        repr((markdown, code, sorted(page.items(), key=str), examples.project.execute)).encode()
    ).hexdigest()
    if key not in _page_notebooks:
        _page_notebooks[key] = nbformat.writes(page_notebook(markdown, **page))
    return _page_notebooks[key]


# --- mkdocs-jupyter's page HTML --------------------------------------------------------

_INLINED = re.compile(
    r"<(style|script)\b[^>]*>.*?</\1>\s*"  # JupyterLab's CSS, MathJax/Mermaid from a CDN, clipboard JS
    r"|<!--.*?-->\s*"
    r'|<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*'  # needs the dropped JS
    r'|<div class="clipboard-copy-txt" id="cell-\d+">.*?</div>\s*'  # its hidden copy of the code
    r'|<div class="jp-(?:Collapser|InputPrompt|OutputPrompt)\b[^"]*"[^>]*>[^<]*</div>\s*',  # In [1]: etc.
    flags=re.DOTALL | re.IGNORECASE,
)
_CODE = re.compile(r'(<div class="highlight-ipynb[^"]*"><pre>)<span></span>(.*?)</pre>', flags=re.DOTALL)
_HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="[^"]*">(?P<inner>.*?)<a class="anchor-link" href="#[^"]*">¶</a></h(?P=level)>',
    flags=re.DOTALL,
)


def tidy_rendered_notebook(html: str, slugify: Any) -> tuple[str, list[dict[str, Any]]]:
    """mkdocs-jupyter's page body made to behave like the site's other pages; and its TOC tokens.

    - The `<style>`/`<script>` elements it inlines go: JupyterLab's stylesheet (~575 KB, on every
      notebook page), MathJax and Mermaid loaded from a CDN, a clipboard helper. The notes hold
      Markdown, code and text outputs; docs/assets/extra.css styles those. So do the prompts
      (In [1]:) and the empty collapser boxes that only JupyterLab's stylesheet lays out.
    - Code goes into `<pre><code>`, so Material adds its copy button, as on the other pages.
    - Headings get ids from the site's own slugify (mkdocs-jupyter's drops Chinese characters,
      giving empty or clashing ids) and Material's permalink; the TOC is rebuilt from them,
      since mkdocs-jupyter's TOC ids do not match its own headings.
    """
    html = _INLINED.sub("", html)
    html = _CODE.sub(r"\1<code>\2</code></pre>", html)
    tokens: list[dict[str, Any]] = []
    open_tokens: list[dict[str, Any]] = []
    used: set[str] = set()

    def heading(match: re.Match) -> str:
        level, inner = int(match["level"]), match["inner"].strip()
        name = re.sub(r"<[^>]+>", "", inner)
        anchor = base = slugify(html_module.unescape(name), "-") or "section"
        number = 0
        while anchor in used:
            number += 1
            anchor = f"{base}_{number}"
        used.add(anchor)
        token = {"level": level, "id": anchor, "name": name, "children": []}
        while open_tokens and open_tokens[-1]["level"] >= level:
            open_tokens.pop()
        (open_tokens[-1]["children"] if open_tokens else tokens).append(token)
        open_tokens.append(token)
        return (
            f'<h{level} id="{anchor}">{inner}<a class="headerlink" href="#{anchor}" '
            f'title="Permanent link">¶</a></h{level}>'
        )

    return _HEADING.sub(heading, html), tokens


DOWNLOAD_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">'
    '<path d="M5 20h14v-2H5m14-9h-4V3H9v6H5l7 7z"/></svg>'
)


def download_button(file_name: str, language: str) -> str:
    """The page's notebook link, placed like Material's edit button (top right of the content).

    An icon and words ("下载 Notebook" / "Download notebook"): the words are the link's name, for
    screen readers and voice control alike (no aria-label to differ from them); the title says more.
    """
    words = {"zh": "下载 Notebook", "en": "Download notebook"}.get(language, "Download notebook")
    title = NOTEBOOK_LABELS.get(language, NOTEBOOK_LABELS["en"])["download"]
    return (
        f'<a href="{file_name}" download class="md-content__button notebook-download" '
        f'title="{title}">{DOWNLOAD_ICON}<span class="notebook-download__label">{words}</span></a>'
    )
