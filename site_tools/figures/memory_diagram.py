"""Memory diagrams drawn from the real tensors of an example, at build time.

`model(tensors)` reads, from the tensors themselves, which storage each one lives in and which
storage cell each of its elements maps to (through its offset and strides). `svg(model, language)`
draws it: every storage as a strip of cells, every tensor as its grid of elements, each element
labelled with the cell it maps to, cells used by more than one tensor highlighted. A page asks for
a diagram with `diagram="a,b"` on an executed block; the names are variables of the snippet.
Nothing is drawn by hand: when PyTorch changes what shares memory, the picture changes.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import warnings
from dataclasses import dataclass

from site_tools.translation import labels

MAX_ELEMENTS = 64
MAX_CELLS = 256
"""Cells of one storage a diagram draws: a view of a few elements in a larger storage is refused, with a
message, rather than drawn as a strip of thousands of cells (a page of megabytes)."""
MAX_DIMENSIONS = 8
CELL = 38  # px: a value and its →n fit in a cell at 13 and 12 px
FONT = 13  # px: labels and values; cell numbers, →n and the legend are SMALL
SMALL = 12  # px: the least any text of a diagram is drawn at (it is never scaled down)
PALETTE = ("#1a73e8", "#e8710a", "#12b5cb", "#9334e6", "#188038")
SHARED = "#d93025"


class DiagramError(ValueError):
    pass


@dataclass(frozen=True)
class TensorLayout:
    name: str
    storage: int  # index into Model.storages
    shape: tuple[int, ...]
    stride: tuple[int, ...]
    offset: int  # first element's cell, counted from the start of the storage strip
    contiguous: bool
    cells: tuple[int, ...]  # the cell of each element, in row-major order
    values: tuple[str, ...]


@dataclass(frozen=True)
class Storage:
    size: int  # cells
    tensors: tuple[str, ...]


@dataclass(frozen=True)
class Model:
    storages: tuple[Storage, ...]
    tensors: tuple[TensorLayout, ...]

    def shared_cells(self, storage: int) -> set[int]:
        """Cells of a storage that more than one tensor maps to."""
        seen: dict[int, set[str]] = {}
        for layout in self.tensors:
            if layout.storage == storage:
                for cell in layout.cells:
                    seen.setdefault(cell, set()).add(layout.name)
        return {cell for cell, names in seen.items() if len(names) > 1}


def _as_tensor(name: str, value):
    import numpy as np
    import torch

    if isinstance(value, np.ndarray):
        with warnings.catch_warnings():  # a read-only array: only read here, so torch's warning is noise
            warnings.filterwarnings("ignore", "The given NumPy array is not writable", UserWarning)
            return torch.from_numpy(value)  # the same memory, seen as a tensor
    if isinstance(value, torch.Tensor):
        return value.detach()
    raise DiagramError(f"{name} is a {type(value).__name__}, not a tensor or a NumPy array")


def _format(value: float | int | bool | complex) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def model(named: dict[str, object]) -> Model:
    """Storages and element-to-cell maps of the named tensors or arrays."""
    tensors = {name: _as_tensor(name, value) for name, value in named.items()}
    ranges = {}
    for name, t in tensors.items():
        if t.numel() > MAX_ELEMENTS:
            raise DiagramError(f"{name} has {t.numel()} elements; a diagram shows at most {MAX_ELEMENTS}")
        start = t.untyped_storage().data_ptr()
        ranges[name] = (start, start + t.untyped_storage().nbytes(), t.element_size())
    # tensors whose storage address ranges overlap share memory: one strip for them
    groups: list[list[str]] = []
    for name in tensors:
        start, end, _ = ranges[name]
        for group in groups:
            if any(start < ranges[other][1] and ranges[other][0] < end for other in group):
                group.append(name)
                break
        else:
            groups.append([name])
    storages, layouts = [], []
    for index, group in enumerate(groups):
        sizes = {ranges[name][2] for name in group}
        if len(sizes) > 1:
            raise DiagramError(f"{', '.join(group)} share memory with different element sizes")
        itemsize = sizes.pop()
        first = min(ranges[name][0] for name in group)
        last = max(ranges[name][1] for name in group)
        size = (last - first) // itemsize
        if size > MAX_CELLS:
            raise DiagramError(
                f"{', '.join(group)}: a storage of {size} cells; a diagram shows at most {MAX_CELLS} "
                "(draw a smaller example)"
            )
        storages.append(Storage(size=size, tensors=tuple(group)))
        for name in group:
            t = tensors[name]
            offset = (t.data_ptr() - first) // itemsize
            cells = tuple(
                offset + sum(i * s for i, s in zip(position, t.stride(), strict=True))
                for position in itertools.product(*(range(n) for n in t.shape))
            )
            values = tuple(_format(v) for v in t.flatten().tolist())
            layouts.append(
                TensorLayout(
                    name, index, tuple(t.shape), tuple(t.stride()), offset, t.is_contiguous(), cells, values
                )
            )
    return Model(tuple(storages), tuple(layouts))


def _ranges(cells: list[int]) -> str:
    """[0, 1, 2, 5] -> '0–2, 5'."""
    parts, ordered = [], sorted(set(cells))
    for _, run in itertools.groupby(enumerate(ordered), key=lambda pair: pair[1] - pair[0]):
        block = [cell for _, cell in run]
        parts.append(str(block[0]) if len(block) == 1 else f"{block[0]}–{block[-1]}")
    return ", ".join(parts)


def description(m: Model, language: str) -> str:
    """The text alternative: what is shared, and where each tensor's elements live."""
    text = labels.DIAGRAM[language]
    sentences = []
    for n, storage in enumerate(m.storages, start=1):
        if len(storage.tensors) > 1:
            names = ", ".join(storage.tensors)
            sentences.append(text["shares"].format(names=names, n=n, count=len(m.shared_cells(n - 1))))
        else:
            sentences.append(text["alone"].format(name=storage.tensors[0], n=n))
    for layout in m.tensors:
        sentences.append(
            text["maps"].format(name=layout.name, cells=_ranges(list(layout.cells)), n=layout.storage + 1)
        )
    return " ".join(sentences)


def _grid_rows(layout: TensorLayout) -> list[list[int]]:
    """Element indices laid out as rows: a 3-D tensor's matrices side by side, with a gap."""
    shape = layout.shape or (1,)
    if len(shape) == 1:
        return [list(range(shape[0]))]
    columns = shape[-1]
    rows_per_matrix = shape[-2]
    matrices = max(1, len(layout.cells) // (columns * rows_per_matrix))
    rows = []
    for r in range(rows_per_matrix):
        row: list[int] = []
        for m in range(matrices):
            base = m * rows_per_matrix * columns + r * columns
            row += ([-1] if m else []) + list(range(base, base + columns))
        rows.append(row)
    return rows


def _style(ident: str) -> str:
    """The diagram's own style, scoped to it: text in the page's colour (light and dark palettes)."""
    rules = [
        f"text{{fill:currentColor;font-size:{FONT}px;text-anchor:middle}}",
        ".l{text-anchor:start}",
        ".b{font-weight:bold}",
        f".i{{font-size:{SMALL}px;fill-opacity:.8}}",
        f".m{{font-size:{SMALL}px;fill-opacity:.75}}",
        f".n{{font-size:{SMALL}px}}",
        "rect{stroke:currentColor;stroke-opacity:.6;fill:none}",
        ".s{fill-opacity:.3}",
        ".g{fill-opacity:.18;stroke-width:1.5;stroke-opacity:1}",
        *(f".k{i}{{fill:{color}}}" for i, color in enumerate(PALETTE)),
        *(f".g.k{i}{{stroke:{color}}}" for i, color in enumerate(PALETTE)),
        f".x{{fill:{SHARED};fill-opacity:.55}}",
        ".g.x{fill-opacity:.3}",
    ]
    return "<style>" + "".join(f"#{ident} {rule}" for rule in rules) + "</style>"


def _text_width(content: str, size: float) -> float:
    """A rough width: CJK characters and arrows are about as wide as the font size, others about 0.6 of it."""
    return sum(size if ord(ch) >= 0x2190 else 0.6 * size for ch in content)


def svg(m: Model, language: str, key: str = "") -> str:
    """Inline SVG of the model, labelled in `language`; `key` makes its element ids unique on a page.

    Drawn at its real size (1 unit = 1 CSS px, no text under SMALL px): the page lets a wide diagram
    scroll inside its figure rather than shrink it, and `tabindex` lets a keyboard scroll it too.
    """
    text = labels.DIAGRAM[language]
    ident = "mem-" + hashlib.sha256(f"{key}|{language}|{m}".encode()).hexdigest()[:10]
    color = {layout.name: i % len(PALETTE) for i, layout in enumerate(m.tensors)}
    parts: list[str] = []
    y = 8
    width = 0.0
    esc = html.escape
    half = CELL // 2

    def label(x, y, content, size=FONT, css="l"):
        """Text from (x, baseline y), one <text> per line; returns the height it takes."""
        nonlocal width
        lines = content.split("\n")
        step = size + 5
        for n, line in enumerate(lines):
            width = max(width, x + _text_width(line, size))
            parts.append(f'<text class="{css}" x="{x}" y="{y + n * step}">{esc(line)}</text>')
        return len(lines) * step

    unused = False
    owned: set[str] = set()  # tensors with storage cells drawn in their colour
    for index, storage in enumerate(m.storages):
        shared = m.shared_cells(index)
        y += label(0, y + 14, text["storage"].format(n=index + 1, size=storage.size), css="l b")
        users = {}
        for layout in m.tensors:
            if layout.storage == index:
                for cell in layout.cells:
                    users.setdefault(cell, layout.name)
        for cell in range(storage.size):
            x = cell * CELL
            if cell in shared:
                kind = "s x"
            elif cell in users:
                kind = f"s k{color[users[cell]]}"
                owned.add(users[cell])
            else:
                kind = "s"
                unused = True
            parts.append(
                f'<rect class="{kind}" x="{x}" y="{y}" width="{CELL}" height="{CELL}" data-cell="{cell}"/>'
                f'<text class="i" x="{x + half}" y="{y + CELL + 15}">{cell}</text>'
            )
        width = max(width, storage.size * CELL)
        y += CELL + 28
        for layout in m.tensors:
            if layout.storage != index:
                continue
            contiguous = text["contiguous"] if layout.contiguous else text["not_contiguous"]
            y += label(
                0,
                y + 12,
                text["tensor"].format(
                    name=layout.name,
                    shape=tuple(layout.shape),
                    stride=layout.stride,
                    offset=layout.offset,
                    contiguous=contiguous,
                ),
            )
            y += 2
            rows = _grid_rows(layout)
            name = esc(layout.name)
            for r, row in enumerate(rows):
                for c, element in enumerate(row):
                    if element < 0:
                        continue
                    x, top = c * CELL, y + r * CELL
                    cell = layout.cells[element]
                    kind = f"g k{color[layout.name]}{' x' if cell in shared else ''}"
                    parts.append(
                        f'<rect class="{kind}" x="{x}" y="{top}" width="{CELL}" height="{CELL}" '
                        f'data-tensor="{name}" data-cell="{cell}"/>'
                        f'<text x="{x + half}" y="{top + 16}">{esc(layout.values[element])}</text>'
                        f'<text class="m" x="{x + half}" y="{top + 32}">→{cell}</text>'
                    )
                width = max(width, len(row) * CELL)
            y += len(rows) * CELL + 16
        y += 4
    # The legend: every colour and mark drawn above, in the words of the page's language.
    legend: list[tuple[str, str]] = []  # (the swatch's markup, at 0..14 × 0..14, the words)
    for layout in m.tensors:
        if layout.cells:
            words = text["own" if layout.name in owned else "elements"].format(name=layout.name)
            legend.append((f'<rect class="g k{color[layout.name]}" {{at}}/>', words))
    if any(m.shared_cells(i) for i in range(len(m.storages))):
        legend.append(('<rect class="x" {at}/>', text["shared"]))
    if unused:
        legend.append(('<rect class="s" {at}/>', text["unused"]))
    if any(layout.cells for layout in m.tensors):
        legend.append(('<text class="m" x="11" y="{baseline}">→n</text>', text["maps_to"]))
    if legend:
        parts.append('<g class="legend" data-legend="">')
        for swatch, words in legend:
            at = f'x="0" y="{y + 1}" width="16" height="16"'
            parts.append(swatch.replace("{at}", at).replace("{baseline}", str(y + 13)))
            y += label(26, y + 13, words, SMALL, "l n") + 4
        parts.append("</g>")
    names = ", ".join(layout.name for layout in m.tensors)
    title = esc(text["title"].format(names=names))
    desc = esc(description(m, language))
    width = int(max(width, 300)) + 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{ident}" class="memory-diagram" role="img" '
        f'tabindex="0" viewBox="-1 0 {width} {y}" width="{width}" height="{y}" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{title}</title><desc id="{ident}-desc">{desc}</desc>'
        + _style(ident)
        + "".join(parts)
        + "</svg>"
    )
