"""Figures drawn at build time from an example's real objects: memory diagrams and view-or-copy tables.

A block asks for them with fence options, `diagram="a,b"` (tensors to draw, memory_diagram.py),
`view_table="rows"` (a list of (operation, example, is_view)) and `compare_table="rows"` (a list of
(code, NumPy cell, PyTorch cell), each cell a list of (kind, text) parts named in labels.COMPARE_TABLE:
the same line run with each library, drawn as two tables, the rows that differ and the rows alike).
`request` parses and checks those options once; `data` reads what they draw from the example's
objects (in the example's process, as plain data), `from_data` checks that data in the build, and
`html` draws it for the page and `markdown` for the page's notebook.
"""

from __future__ import annotations

import base64
import html as html_module
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from markupsafe import Markup

from site_tools.figures import memory_diagram
from site_tools.rendering import templates
from site_tools.translation import labels

OPTIONS = ("diagram", "view_table", "compare_table")
CELL_PARTS = tuple(k for k in labels.COMPARE_TABLE["en"] if k not in ("different", "alike", "code", "both"))
"""What a part of a compare_table cell may say (its words in labels.COMPARE_TABLE)."""
MAX_TEXT = 200  # characters of a cell part or a line of code: a table cell, not an output


class FigureError(Exception):
    """A figure that cannot be drawn; the message names the block and what to fix."""


@dataclass(frozen=True)
class Request:
    diagram: tuple[str, ...] = ()  # variable names of the tensors to draw
    view_table: str | None = None  # variable name of the table's rows
    compare_table: str | None = None  # variable name of the NumPy-vs-PyTorch rows

    def __bool__(self) -> bool:
        return bool(self.diagram or self.view_table or self.compare_table)


def request(options: Mapping[str, Any], where: str) -> Request:
    """The figures a fence's options ask for, checked: names are Python identifiers."""
    diagram = tuple(n.strip() for n in str(options.get("diagram") or "").split(",") if n.strip())
    table = str(options.get("view_table") or "").strip() or None
    compare = str(options.get("compare_table") or "").strip() or None
    bad = [
        n
        for n in (*diagram, *([table] if table else []), *([compare] if compare else []))
        if not n.isidentifier()
    ]
    if bad:
        raise FigureError(f"{where}: {bad[0]!r} in a figure option is not a variable name of the snippet")
    return Request(diagram, table, compare)


# --- in the example's process: the data the figures are drawn from ---------------------------------


def data(req: Request, namespace: Mapping[str, Any], where: str) -> dict[str, Any]:
    """What `req` draws, read from the example's objects, as plain JSON data (no markup).

    The example's process computes it; the build draws from it after checking it (`from_data`), so
    nothing an example does in its own process can put markup into a page.
    """
    found: dict[str, Any] = {}
    if req.diagram:
        missing = [n for n in req.diagram if n not in namespace]
        if missing:
            raise FigureError(
                f'{where}: diagram="{",".join(req.diagram)}" names {missing}, not variables of the snippet'
            )
        try:
            found["diagram"] = asdict(memory_diagram.model({n: namespace[n] for n in req.diagram}))
        except memory_diagram.DiagramError as error:
            raise FigureError(f"{where}: cannot draw diagram: {error}") from error
    if req.view_table:
        found["rows"] = [
            [str(op), str(example), bool(is_view)]
            for op, example, is_view in _table_rows(req, namespace, where)
        ]
    if req.compare_table:
        rows = namespace.get(req.compare_table)
        shape = (
            f'{where}: compare_table="{req.compare_table}" must name a list of (code, NumPy, PyTorch cell)'
        )
        if not isinstance(rows, list) or not all(isinstance(r, tuple) and len(r) == 3 for r in rows):
            raise FigureError(shape + ", each cell a list of (kind, text) parts")
        try:
            found["compare"] = [
                [
                    str(code),
                    *([[str(kind), str(text)] for kind, text in cell] for cell in (numpy_cell, torch_cell)),
                ]
                for code, numpy_cell, torch_cell in rows
            ]
        except (TypeError, ValueError):
            raise FigureError(shape + ", each cell a list of (kind, text) parts") from None
    return found


def _table_rows(req: Request, namespace: Mapping[str, Any], where: str) -> list[tuple[str, str, bool]]:
    rows = namespace.get(req.view_table)
    if not isinstance(rows, list) or not all(isinstance(r, tuple) and len(r) == 3 for r in rows):
        raise FigureError(
            f'{where}: view_table="{req.view_table}" must name a list of (operation, example, is_view)'
        )
    return rows


def from_data(req: Request, found: Any, where: str) -> dict[str, Any]:
    """`data`'s result, checked against what `req` asked for: a Model and rows of the right types."""

    def bad(what: str) -> FigureError:
        return FigureError(f"{where}: the figure data the example sent back is malformed ({what})")

    if not isinstance(found, dict) or set(found) - {"diagram", "rows", "compare"}:
        raise bad("not a figure")
    checked: dict[str, Any] = {}
    if req.diagram:
        raw = found.get("diagram")
        try:
            storages = tuple(
                memory_diagram.Storage(
                    size=_int(s["size"], memory_diagram.MAX_CELLS),
                    tensors=tuple(_name(t, req) for t in s["tensors"]),
                )
                for s in raw["storages"]
            )
            tensors = tuple(
                memory_diagram.TensorLayout(
                    name=_name(t["name"], req),
                    storage=_int(t["storage"], len(storages) - 1),
                    shape=tuple(_int(n) for n in t["shape"]),
                    stride=tuple(_int(n, low=-(2**62)) for n in t["stride"]),
                    offset=_int(t["offset"]),
                    contiguous=bool(t["contiguous"]),
                    cells=tuple(_int(c) for c in t["cells"][: memory_diagram.MAX_ELEMENTS]),
                    values=tuple(str(v)[:40] for v in t["values"][: memory_diagram.MAX_ELEMENTS]),
                )
                for t in raw["tensors"]
            )
            for t in tensors:  # what the build will draw: no more than the example could have had
                elements = 1
                for n in t.shape:
                    elements *= n
                if len(t.shape) > memory_diagram.MAX_DIMENSIONS or elements > memory_diagram.MAX_ELEMENTS:
                    raise ValueError(f"{t.name}: shape {t.shape} is larger than a diagram draws")
                if not elements == len(t.cells) == len(t.values):
                    raise ValueError(f"{t.name}: {elements} elements but {len(t.cells)} cells")
                if any(cell >= storages[t.storage].size for cell in t.cells):
                    raise ValueError(f"{t.name}: a cell outside its storage")
        except (KeyError, TypeError, ValueError) as error:
            raise bad(f"diagram: {error}") from None
        checked["diagram"] = memory_diagram.Model(storages, tensors)
    if req.view_table:
        rows = found.get("rows")
        if not isinstance(rows, list) or not all(
            isinstance(r, list) and len(r) == 3 and isinstance(r[0], str) and isinstance(r[1], str)
            for r in rows
        ):
            raise bad("view table")
        checked["rows"] = [(op, example, bool(is_view)) for op, example, is_view in rows]
    if req.compare_table:
        rows = found.get("compare")

        def part(value: Any) -> tuple[str, str]:
            if not (isinstance(value, list) and len(value) == 2 and value[0] in CELL_PARTS):
                raise bad(f"compare table: a cell's part is (one of {', '.join(CELL_PARTS)}, text)")
            if not isinstance(value[1], str) or len(value[1]) > MAX_TEXT:
                raise bad(f"compare table: a part's text is a string of at most {MAX_TEXT} characters")
            return value[0], value[1]

        if not isinstance(rows, list) or not all(
            isinstance(r, list)
            and len(r) == 3
            and isinstance(r[0], str)
            and len(r[0]) <= MAX_TEXT
            and all(isinstance(cell, list) and cell for cell in r[1:])
            for r in rows
        ):
            raise bad("compare table")
        checked["compare"] = [
            (code, tuple(part(p) for p in numpy_cell), tuple(part(p) for p in torch_cell))
            for code, numpy_cell, torch_cell in rows
        ]
    return checked


def cell_text(parts: tuple[tuple[str, str], ...], language: str) -> str:
    """A compare_table cell in words: "副本（int64 标量）", "raises ValueError", "(4, 3, 2) + UserWarning"."""
    words = labels.COMPARE_TABLE[language]
    text = ""
    for number, (kind, value) in enumerate(parts):
        if kind == "value" and number and parts[number - 1][0] == "value":
            kind = "more"  # a second value: "5, int64"
        text += words[kind].format(value)
    return text.lstrip(" ;,；，")


def compare_split(rows: list[tuple[str, Any, Any]]) -> tuple[list, list]:
    """(the rows whose two cells differ, the rows where both libraries gave the same), each in order."""
    return [r for r in rows if r[1] != r[2]], [r for r in rows if r[1] == r[2]]


def _int(value: Any, high: int = 2**62, low: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"{value!r} is not a count")
    return value


def _name(value: Any, req: Request) -> str:
    if value not in req.diagram:
        raise ValueError(f"{value!r} is not a tensor the block asked for")
    return value


# --- in the build: drawing ------------------------------------------------------------------------------


def html(req: Request, checked: Mapping[str, Any], language: str, key: str) -> str:
    """The figures as HTML for the page, below the example's output, drawn from checked data (`from_data`)."""
    parts = []
    if req.diagram:
        drawing = Markup(memory_diagram.svg(checked["diagram"], language, key))  # made here, text escaped
        parts.append(
            templates.render("memory_figure.html", svg=drawing, caption=labels.FIGURE_CAPTION[language])
        )
    if req.view_table:
        rows = [
            (labels.view_table_operation(op, language), example, bool(is_view))
            for op, example, is_view in checked["rows"]
        ]
        parts.append(templates.render("view_table.html", rows=rows, words=labels.VIEW_TABLE[language]))
    if req.compare_table:
        parts.append(_compare_html(checked["compare"], language))
    return "".join(parts)


def _compare_html(rows: list, language: str) -> str:
    def cell(parts: tuple) -> tuple[str, str]:  # (its kinds as classes, its words)
        return " ".join(f"is-{kind.replace('_', '-')}" for kind, _ in parts), cell_text(parts, language)

    different, alike = ([(code, cell(n), cell(t)) for code, n, t in part] for part in compare_split(rows))
    words = labels.COMPARE_TABLE[language]
    return templates.render("compare_tables.html", different=different, alike=alike, words=words)


def markdown(req: Request, checked: Mapping[str, Any], language: str, key: str) -> str:
    """The figures as a notebook's Markdown cell: the diagram as an SVG image, the table as a table
    (drawn from checked data, `from_data`).

    Drawn by the build from the example's tensors, not printed by the code, so a kernel does not
    produce them: the notebook carries them in a Markdown cell after the code.
    """
    parts = []
    if req.diagram:
        caption = labels.FIGURE_CAPTION[language]
        data = base64.b64encode(memory_diagram.svg(checked["diagram"], language, key).encode()).decode()
        parts.append(f"![{caption}](data:image/svg+xml;base64,{data})\n\n*{caption}*")
    if req.view_table:
        text = labels.VIEW_TABLE[language]
        rows = [f"| {text['operation']} | {text['example']} | {text['result']} |", "| --- | --- | --- |"]
        rows += [
            f"| {_md_text(labels.view_table_operation(op, language))} | {_md_code(example)} "
            f"| {text[bool(is_view)]} |"
            for op, example, is_view in checked["rows"]
        ]
        parts.append("\n".join(rows))
    if req.compare_table:
        words = labels.COMPARE_TABLE[language]
        different, alike = compare_split(checked["compare"])

        md = _md_text

        if different:
            lines = [
                f"**{words['different']}**",
                "",
                f"| {words['code']} | NumPy | PyTorch |",
                "| --- | --- | --- |",
            ]
            lines += [
                f"| {_md_code(c)} | {md(cell_text(n, language))} | {md(cell_text(t, language))} |"
                for c, n, t in different
            ]
            parts.append("\n".join(lines))
        if alike:
            lines = [f"**{words['alike']}**", "", f"| {words['code']} | {words['both']} |", "| --- | --- |"]
            lines += [f"| {_md_code(c)} | {md(cell_text(n, language))} |" for c, n, _ in alike]
            parts.append("\n".join(lines))
    return "\n\n".join(parts)


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def _md_text(text: str) -> str:
    """Text an example made, as one cell of a Markdown table: one line, its Markdown punctuation escaped
    and its HTML as text, so that nothing it holds becomes markup in the notebook."""
    one_line = " ".join(text.split())
    return html_module.escape(_MARKDOWN_PUNCTUATION.sub(r"\\\1", one_line), quote=False)


def _md_code(text: str) -> str:
    """Code an example made, as a code span in one cell of a Markdown table: one line, in a run of
    backticks longer than any inside it (so none ends it), its pipes escaped (GFM splits cells on them)."""
    one_line = " ".join(text.split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", one_line)), default=0) + 1)
    return f"{fence} {one_line} {fence}"
