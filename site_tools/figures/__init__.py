"""Figures drawn at build time from an example's real objects: memory diagrams and view-or-copy tables.

A block asks for them with fence options, `diagram="a,b"` (tensors to draw, memory_diagram.py) and
`view_table="rows"` (a list of (operation, example, is_view)). `request` parses and checks those
options once; `html` draws them for the page and `markdown` for the page's notebook, from the same
request and the same objects.
"""

from __future__ import annotations

import base64
import html as html_module
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from site_tools import labels
from site_tools.figures import memory_diagram

OPTIONS = ("diagram", "view_table")


class FigureError(Exception):
    """A figure that cannot be drawn; the message names the block and what to fix."""


@dataclass(frozen=True)
class Request:
    diagram: tuple[str, ...] = ()  # variable names of the tensors to draw
    view_table: str | None = None  # variable name of the table's rows

    def __bool__(self) -> bool:
        return bool(self.diagram or self.view_table)


def request(options: Mapping[str, Any], where: str) -> Request:
    """The figures a fence's options ask for, checked: names are Python identifiers."""
    diagram = tuple(n.strip() for n in str(options.get("diagram") or "").split(",") if n.strip())
    table = str(options.get("view_table") or "").strip() or None
    bad = [n for n in (*diagram, *([table] if table else [])) if not n.isidentifier()]
    if bad:
        raise FigureError(f"{where}: {bad[0]!r} in a figure option is not a variable name of the snippet")
    return Request(diagram, table)


def _diagram_svg(req: Request, namespace: Mapping[str, Any], language: str, key: str, where: str) -> str:
    missing = [n for n in req.diagram if n not in namespace]
    if missing:
        raise FigureError(
            f'{where}: diagram="{",".join(req.diagram)}" names {missing}, not variables of the snippet'
        )
    try:
        return memory_diagram.svg(memory_diagram.model({n: namespace[n] for n in req.diagram}), language, key)
    except memory_diagram.DiagramError as error:
        raise FigureError(f"{where}: cannot draw diagram: {error}") from error


def _table_rows(req: Request, namespace: Mapping[str, Any], where: str) -> list[tuple[str, str, bool]]:
    rows = namespace.get(req.view_table)
    if not isinstance(rows, list) or not all(isinstance(r, tuple) and len(r) == 3 for r in rows):
        raise FigureError(
            f'{where}: view_table="{req.view_table}" must name a list of (operation, example, is_view)'
        )
    return rows


def html(req: Request, namespace: Mapping[str, Any], language: str, key: str, where: str) -> str:
    """The figures as HTML for the page, below the example's output."""
    parts = []
    if req.diagram:
        drawing = _diagram_svg(req, namespace, language, key, where)
        parts.append(
            f'<figure class="memory-diagram" data-search-exclude>{drawing}'
            f"<figcaption>{labels.FIGURE_CAPTION[language]}</figcaption></figure>"
        )
    if req.view_table:
        text = labels.VIEW_TABLE[language]
        body = "".join(
            f"<tr><td>{html_module.escape(op)}</td><td><code>{html_module.escape(example)}</code></td>"
            f'<td class="{"is-view" if is_view else "is-copy"}">{text[bool(is_view)]}</td></tr>'
            for op, example, is_view in _table_rows(req, namespace, where)
        )
        parts.append(
            f'<div class="view-or-copy" data-search-exclude><table><thead><tr><th>{text["operation"]}</th>'
            f"<th>{text['example']}</th><th>{text['result']}</th></tr></thead><tbody>{body}</tbody></table></div>"
        )
    return "".join(parts)


def markdown(req: Request, namespace: Mapping[str, Any], language: str, key: str, where: str) -> str:
    """The figures as a notebook's Markdown cell: the diagram as an SVG image, the table as a table.

    Drawn by the build from the example's tensors, not printed by the code, so a kernel does not
    produce them: the notebook carries them in a Markdown cell after the code.
    """
    parts = []
    if req.diagram:
        caption = labels.FIGURE_CAPTION[language]
        data = base64.b64encode(_diagram_svg(req, namespace, language, key, where).encode()).decode()
        parts.append(f"![{caption}](data:image/svg+xml;base64,{data})\n\n*{caption}*")
    if req.view_table:
        text = labels.VIEW_TABLE[language]
        rows = [f"| {text['operation']} | {text['example']} | {text['result']} |", "| --- | --- | --- |"]
        rows += [
            f"| {op} | `{example.replace('|', chr(92) + '|')}` | {text[bool(is_view)]} |"
            for op, example, is_view in _table_rows(req, namespace, where)
        ]
        parts.append("\n".join(rows))
    return "\n\n".join(parts)
