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


def test_every_term_has_a_definition_in_both_languages():
    empty = [term.shown_en for term in glossary.TERMS if not (term.note_zh.strip() and term.note_en.strip())]
    assert empty == []


@pytest.mark.parametrize(
    ("zh", "en"),
    [("版本计数器", "version counter"), ("别名", "alias"), ("叶子张量", "leaf"), ("行优先", "row-major")],
)
def test_the_terms_the_notes_use_are_in_the_glossary(zh, en):
    terms = {term.zh: term for term in glossary.TERMS}
    assert zh in terms
    assert glossary._uses_en(terms[zh], f"a {en} here")


def test_an_english_page_using_a_paired_term_needs_its_chinese_term(tmp_path):
    found = glossary.problems(
        page(tmp_path, "# x\n\n它共用计数器。\n", "# x\n\nThe version counter is shared.\n")
    )
    assert any("should say 版本计数器" in problem for problem in found), found
    # "leaves" the verb is not the term "leaf"
    assert glossary.problems(page(tmp_path, "# x\n\n不变。\n", "# x\n\nIt leaves x unchanged.\n")) == []


def test_the_glossary_terms_are_whole_words_for_search():
    """Material's search cuts Chinese with jieba, given the site's terms (mkdocs.yml `jieba_dict_user`):
    a term cut in two (行优先 as 按行 + 优先) was searched and highlighted in pieces."""
    import re

    import jieba

    setting = re.search(
        r"^\s*jieba_dict_user:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M
    )
    assert setting, "mkdocs.yml: search's jieba_dict_user"
    words = (ROOT / setting.group(1)).read_text(encoding="utf-8").split()
    missing = [term.zh for term in glossary.TERMS if term.zh not in words]
    assert missing == [], f"add them to {setting.group(1)}"
    tokenizer = jieba.Tokenizer()
    with (ROOT / setting.group(1)).open("rb") as terms:  # jieba leaves a file it opens unclosed
        tokenizer.load_userdict(terms)
    assert list(tokenizer.cut("连续张量是指元素在内存中按行优先的顺序")).count("行优先") == 1
    assert "行优先" not in jieba.Tokenizer().cut("连续张量是指元素在内存中按行优先的顺序")  # without it


def test_the_version_counter_definition_holds_as_written():
    """The glossary's "version counter": in-place operations on the data or the shape count, views and
    detach() results share it, x.data has its own, a few in-place methods leave it alone. (An independent
    review found "in-place writes to a tensor's data" with views only.)"""
    import torch

    term = next(t for t in glossary.TERMS if t.shown_en == "version counter")
    assert "its data or its shape" in term.note_en
    assert "detach()" in term.note_en
    x = torch.zeros(2, 3)
    x.t_()  # the shape only
    x.unsqueeze_(0)
    assert x._version == 2
    x.add_(1)  # the data
    assert x._version == 3
    view, detached, data = x[0], x.detach(), x.data
    view.zero_()
    detached.zero_()
    assert x._version == view._version == detached._version == 5
    data.zero_()
    assert data._version == 1
    assert x._version == 5
    # counter-case: apply_() rewrites every value and leaves it alone
    x.apply_(lambda value: value + 1)
    assert x.tolist() == [[[1.0, 1.0], [1.0, 1.0], [1.0, 1.0]]]
    assert x._version == 5
