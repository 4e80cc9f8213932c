"""Memory diagrams (site_tools/memory_diagram.py): the model is checked against the tensors."""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET

import numpy as np
import pytest
import torch

from site_tools.figures import memory_diagram
from site_tools.figures.memory_diagram import DiagramError, model, svg

SVG = "{http://www.w3.org/2000/svg}"


def layout(m, name):
    return next(t for t in m.tensors if t.name == name)


def test_a_slice_is_a_window_at_an_offset_of_the_same_storage():
    x = torch.arange(9).reshape(3, 3)
    m = model({"x": x, "s": x[0:2, 1:3], "copy": x.clone()})
    assert [s.tensors for s in m.storages] == [("x", "s"), ("copy",)]
    assert layout(m, "s").cells == (1, 2, 4, 5)
    assert layout(m, "s").offset == x[0:2, 1:3].storage_offset()
    assert layout(m, "s").stride == (3, 1)
    assert m.shared_cells(0) == {1, 2, 4, 5}
    assert m.shared_cells(1) == set()
    assert layout(m, "copy").storage == 1


def test_transpose_maps_the_same_cells_in_another_order():
    x = torch.arange(6).reshape(2, 3)
    m = model({"x": x, "t": x.t()})
    assert layout(m, "t").cells == (0, 3, 1, 4, 2, 5)
    assert not layout(m, "t").contiguous
    # each element's cell holds that element's value
    values = dict(zip(layout(m, "x").cells, layout(m, "x").values, strict=True))
    assert all(values[c] == v for c, v in zip(layout(m, "t").cells, layout(m, "t").values, strict=True))


def test_expand_maps_many_elements_to_one_cell():
    row = torch.zeros(2)
    m = model({"row": row, "grid": row.expand(3, 2)})
    assert m.storages[0].size == 2
    assert layout(m, "grid").cells == (0, 1, 0, 1, 0, 1)


def test_numpy_array_and_from_numpy_tensor_are_one_buffer():
    array = np.arange(4, dtype=np.float32)
    m = model({"array": array, "tensor": torch.from_numpy(array), "copied": torch.tensor(array)})
    assert [s.tensors for s in m.storages] == [("array", "tensor"), ("copied",)]


def test_a_read_only_array_is_drawn_without_a_warning():
    frozen = np.arange(3.0)
    frozen.flags.writeable = False
    warn_always = torch.is_warn_always_enabled()
    torch.set_warn_always(True)  # torch's warn-once warning, every time
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            m = model({"frozen": frozen, "tensor": torch.from_numpy(frozen.copy())})
        # counter-case: torch itself still warns about the same array
        with pytest.warns(UserWarning, match="not writable"):
            torch.from_numpy(frozen)
    finally:
        torch.set_warn_always(warn_always)
    assert [s.tensors for s in m.storages] == [("frozen",), ("tensor",)]


def test_counter_case_boolean_indexing_gets_new_storage():
    data = torch.arange(6)
    m = model({"data": data, "picked": data[data > 2]})
    assert len(m.storages) == 2
    assert m.shared_cells(0) == set()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_svg_is_well_formed_and_says_what_is_shared(language):
    x = torch.arange(6).reshape(2, 3)
    drawing = svg(model({"x": x, "v": x.view(3, 2), "c": x.clone()}), language, "k")
    root = ET.fromstring(drawing)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    expected = {
        "zh": "x, v 共享存储 #1（其中 6 个单元被不止一个张量或数组使用）。",
        "en": "x, v share storage #1 (6 of its cells used by more than one of them).",
    }
    assert expected[language] in desc.text
    # one grid cell per element, each tagged with the storage cell it maps to
    cells = [r for r in root.iter(f"{SVG}rect") if r.get("data-tensor") == "v"]
    assert [int(r.get("data-cell")) for r in cells] == [0, 1, 2, 3, 4, 5]
    # text is drawn in the page's colour, so it reads in light and dark palettes
    style = root.find(f"{SVG}style").text
    assert f"#{root.get('id')} text{{fill:currentColor;" in style
    assert all(t.get("fill") is None for t in root.iter(f"{SVG}text"))


def test_ids_differ_between_diagrams_and_are_stable():
    a = svg(model({"x": torch.arange(2)}), "en", "one")
    assert a == svg(model({"x": torch.arange(2)}), "en", "one")
    assert a != svg(model({"x": torch.arange(2)}), "en", "two")


def test_too_large_or_not_a_tensor_is_a_clear_error():
    with pytest.raises(DiagramError, match="at most 64"):
        model({"big": torch.zeros(100)})
    with pytest.raises(DiagramError, match="is a list, not a tensor"):
        model({"numbers": [1, 2]})
    assert memory_diagram.MAX_ELEMENTS == 64


def test_no_text_is_drawn_under_12_px_and_the_svg_is_drawn_at_its_own_size():
    import re

    x = torch.arange(24).reshape(2, 3, 4)
    root = ET.fromstring(svg(model({"x": x, "p": x.permute(1, 2, 0)}), "en", "k"))
    sizes = [float(s) for s in re.findall(r"font-size:([\d.]+)px", root.find(f"{SVG}style").text)]
    assert sizes
    assert min(sizes) >= 12
    # one unit is one CSS pixel: the page scrolls a wide diagram rather than shrinking its text
    _, _, width, height = root.get("viewBox").split()
    assert (root.get("width"), root.get("height")) == (width, height)
    assert int(width) >= 24 * memory_diagram.CELL
    # keyboard users can focus it, and so scroll it when it is wider than the page
    assert root.get("tabindex") == "0"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "zh",
            [
                "a 的元素，以及只有它使用的单元",
                "b 的元素",
                "被多个张量或数组使用的单元",
                "没有使用的单元",
                "号单元",
            ],
        ),
        (
            "en",
            [
                "elements of a, and cells only it uses",
                "elements of b",
                "more than one tensor",
                "none of these",
                "cell n",
            ],
        ),
    ],
)
def test_the_legend_explains_every_colour_and_mark_drawn(language, words):
    a = torch.arange(6)
    b = a[1:3]  # cells 1 and 2 are shared; 0, 3, 4, 5 are a's alone
    c = torch.arange(8)[::4]  # cells 1-3 and 5-7 of its storage: none of the tensors uses them
    root = ET.fromstring(svg(model({"a": a, "b": b, "c": c}), language, "k"))
    legend = root.find(f"{SVG}g[@data-legend]")
    swatches = {r.get("class") for r in legend.iter(f"{SVG}rect")}
    # tensor borders (one colour each), shared cells, cells no tensor uses
    drawn = {r.get("class") for r in root.iter(f"{SVG}rect") if r.get("data-tensor")}
    assert {kind.replace(" x", "") for kind in drawn} <= swatches
    assert {"x", "s"} <= swatches
    text = "".join(legend.itertext())
    assert "→n" in text
    for phrase in words:
        assert phrase in text
    # c uses cells of its own storage: its legend line says so too
    assert (
        "c 的元素，以及只有它使用的单元" if language == "zh" else "elements of c, and cells only it uses"
    ) in text
