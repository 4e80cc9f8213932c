"""The pages follow the glossary (site_tools/translation/glossary.py); the rules, on small pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_tools.translation import glossary

ROOT = Path(__file__).resolve().parent.parent


def test_every_page_follows_the_glossary():
    found = glossary.problems(ROOT)
    assert found == [], "\n".join(found)


def page(tmp_path: Path, zh: str, en: str) -> Path:
    for language, text in (("zh", zh), ("en", en)):
        (tmp_path / "docs" / language / "memory").mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / language / "memory" / "x.md").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        ("您可以切片。", "You can slice.", "address the reader as 你"),
        ("用遮罩选择。", "Select with a mask.", "write 掩码, not 遮罩"),
        ("它只改变步长（stride）。", "It changes only the strides.", "步长 is a slice's step"),
        ("它只改变步长（stride）。", "It changes only the steps.", "步长 is a slice's step"),
        ("它只改变步长。", "It changes only the strides.", "should say 步幅"),
        ("就地修改。", "Modify it in-place.", "write 原地, not 就地"),
        ("原地修改。", "Modify it inplace.", "write 'in-place', not 'inplace'"),
        ("冲突。", "Aliasing conflicts.", "calque of 冲突"),
    ],
)
def test_a_break_of_the_rules_names_the_page_and_the_term(tmp_path, zh, en, expected):
    found = glossary.problems(page(tmp_path, f"# x\n\n{zh}\n", f"# x\n\n{en}\n"))
    assert any(expected in problem and "docs/" in problem for problem in found), found


def test_step_and_stride_in_one_sentence_are_fine(tmp_path):
    zh = "# x\n\n带步长的切片是视图，只是步幅变成了 2。\n"
    en = "# x\n\nA slice with a step is a view whose stride is 2.\n"
    assert glossary.problems(page(tmp_path, zh, en)) == []


def test_code_is_not_prose(tmp_path):
    zh = "# x\n\n你可以调用 `x.add_(1)`。\n\n```python\ny.inplace = 1  # 您 遮罩\n```\n"
    en = "# x\n\nYou can call `torch.inplace_conflicts()`, which writes in-place.\n"
    assert glossary.problems(page(tmp_path, zh.replace("你可以", "你可以原地"), en)) == []


def test_the_glossary_table_lists_every_term_in_both_languages():
    for language in ("zh", "en"):
        table = glossary.table(language)
        assert all(f"| {term.zh} | {term.shown_en} |" in table for term in glossary.TERMS)


def test_contiguous_is_defined_with_no_gaps_in_both_languages():
    import torch

    term = next(t for t in glossary.TERMS if t.shown_en == "contiguous")
    # row-major order alone is not enough: every other column keeps the order and leaves gaps
    gapped = torch.arange(12.0).reshape(3, 4)[:, ::2]
    assert gapped.stride() == (4, 2)  # rows before columns: row-major order ...
    assert not gapped.is_contiguous()  # ... but not contiguous
    assert gapped.contiguous().is_contiguous()
    assert "no gaps" in term.note_en
    assert "紧挨着" in term.note_zh
