"""One terminology for both languages: the glossary the pages follow, and the check that enforces it.

Each term has its Chinese and English form (d2l-zh's terms) and the variants a page must not use.
`problems(root)` lists every page that breaks a rule (tests/test_glossary.py fails on any), and the
glossary page (docs/<lang>/glossary.md, `<!-- glossary-table -->`) is generated from `TERMS`.

Rules, on the prose of every page and notebook (code spans and code blocks are not prose):
- a Chinese page never uses a term's banned Chinese variants, an English page its banned English ones;
- where an English page uses a paired term, its Chinese source uses the Chinese one ("stride" on the
  English page and no 步幅 on the Chinese one means the Chinese calls it something else);
- Chinese pages address the reader as 你, never 您;
- 步长 is a slice's step, never a stride: 步长 glossed as "stride" is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from site_tools import claims, layout
from site_tools.rendering import templates
from site_tools.translation import labels


@dataclass(frozen=True)
class Term:
    zh: str
    en: str  # a regular expression, case-insensitive, matched on word boundaries
    shown_en: str  # as the glossary page shows it
    note_zh: str = ""
    note_en: str = ""
    banned_zh: tuple[str, ...] = ()
    banned_en: tuple[str, ...] = ()
    paired: bool = True  # an English page using it means its Chinese source uses the Chinese term


TERMS = (
    Term(
        "张量",
        r"tensors?",
        "tensor",
        "由存储、形状、步幅和偏移描述的多维数组",
        "a multi-dimensional array, described by its storage, shape, strides and offset",
        paired=False,
    ),
    Term(
        "存储",
        r"storages?",
        "storage",
        "张量背后的一维内存块",
        "the flat block of memory behind a tensor",
        paired=False,
    ),
    Term(
        "视图",
        r"views?",
        "view",
        "由另一个张量的存储、换一种形状或步幅看出来的张量",
        "a tensor that looks at another's storage with its own shape and strides",
    ),
    Term(
        "副本",
        r"cop(?:y|ies)",
        "copy",
        "有自己存储的张量：修改它不影响原张量",
        "a tensor with storage of its own: changing it leaves the original alone",
        banned_zh=("拷贝",),
        paired=False,
    ),
    Term(
        "形状",
        r"shapes?",
        "shape",
        "每一维的长度，如 (2, 3)",
        "the length of each dimension, such as (2, 3)",
        paired=False,
    ),
    Term(
        "步幅",
        r"strides?",
        "stride",
        "沿某一维前进一步，在存储中移动的元素数",
        "how many storage elements apart two neighbours along a dimension are",
        banned_zh=("跨步", "跨度"),
    ),
    Term(
        "步长",
        r"steps?",
        "step (of a slice)",
        "切片 start:stop:step 中的 step",
        "the step of start:stop:step",
    ),
    Term(
        "偏移", r"offsets?", "offset", "张量第一个元素在存储中的位置", "where a tensor's first element sits"
    ),
    Term(
        "连续",
        r"contiguous",
        "contiguous",
        "元素按行优先顺序紧挨着存放",
        "elements laid out in row-major order with no gaps",
    ),
    Term(
        "行优先",
        r"row-major",
        "row-major",
        "最后一维变化最快的存放顺序（C 顺序）",
        "the order in which the last dimension changes fastest (C order)",
    ),
    Term(
        "原地",
        r"in-place|in place",
        "in-place",
        "直接改写张量自身的数据（如 add_()），而不是得到一个新张量",
        "changing a tensor's own data (add_(), say) instead of making a new tensor",
        banned_zh=("就地", "原位"),
        banned_en=(r"inplace",),
    ),
    Term(
        "别名",
        r"alias(?:es|ed|ing)?",
        "alias",
        "与另一个张量共享存储的张量，例如视图或 detach() 的结果",
        "a tensor that shares another's storage, such as a view or the result of detach()",
    ),
    Term(
        "掩码",
        r"masks?",
        "mask",
        "用于布尔索引的布尔张量",
        "a boolean tensor used for indexing",
        ("遮罩", "蒙版"),
    ),
    Term(
        "广播",
        r"broadcast\w*",
        "broadcast",
        "把形状不同的张量按规则扩展到同一形状，再逐元素运算",
        "stretching tensors of different shapes to one shape for an elementwise operation",
    ),
    Term(
        "梯度",
        r"gradients?",
        "gradient",
        "自动求导算出的导数，存放在张量的 .grad 中",
        "the derivative autograd computes, kept in a tensor's .grad",
        paired=False,
    ),
    Term(
        "自动求导",
        r"autograd",
        "autograd",
        "PyTorch 记录运算、再反向算出梯度的机制",
        "PyTorch's machinery that records operations and then computes gradients backwards",
        banned_zh=("自动梯度",),
        paired=False,
    ),
    Term(
        "计算图",
        r"(?:computation(?:al)? )?graphs?",
        "(computation) graph",
        "自动求导记录下来的运算及其输入，反向传播沿着它计算梯度",
        "the operations autograd recorded, with their inputs, along which backward computes gradients",
    ),
    Term(
        "叶子张量",
        r"leaf(?: tensors?)?",
        "leaf (tensor)",
        "不是由自动求导记录的运算得到的张量，例如你直接创建的张量",
        "a tensor that no operation recorded by autograd produced, such as one you create directly",
    ),
    Term(
        "版本计数器",
        r"version counters?",
        "version counter",
        "记录张量被原地操作（改数据或改形状）次数的计数器，与它的视图和 detach() 的结果共用"
        "（x.data 有自己的），用 _version 读出；少数原地方法不改变它（见“自动求导与别名”）",
        "a count of in-place operations on a tensor (on its data or its shape), shared with its views "
        "and with the results of detach() (x.data has its own), read with _version; a few in-place "
        "methods leave it alone (see Autograd and Aliasing)",
    ),
    Term(
        "共轭位",
        r"conjugate bits?",
        "conjugate bit",
        "张量只记下“取共轭”而不改数据的标志",
        "a flag that marks a tensor as conjugated without changing its data",
    ),
    Term(
        "取负位",
        r"negative bits?",
        "negative bit",
        "张量只记下“取负”而不改数据的标志",
        "a flag that marks a tensor as negated without changing its data",
        banned_zh=("负号位",),
    ),
)
BANNED_EN_ANYWHERE = (r"conflicts?",)  # a calque of 冲突: say what happens (one change shows in both)

EXEMPT = {"glossary.md"}  # generated from TERMS; its prose names the renderings it rules out
# 步长 glossed as a stride ("步长（stride）", "stride (步长)"): elsewhere the English page's "stride"
# without 步幅 on the Chinese one catches it.
_STEP_AS_STRIDE = re.compile(r"步长\s*[（(]\s*strides?|strides?\s*[（(]\s*步长", flags=re.IGNORECASE)
_CODE = re.compile(r"```.*?```|`[^`\n]*`|<[^>\n]*>", flags=re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", flags=re.DOTALL)


def prose(text: str) -> str:
    """A page's text without front matter, code blocks, code spans and HTML tags."""
    return _CODE.sub(" ", _FRONT_MATTER.sub("", text))


def _uses_en(term: Term, text: str) -> bool:
    return re.search(rf"\b(?:{term.en})\b", text, flags=re.IGNORECASE) is not None


def problems(root: Path) -> list[str]:
    """Every break of the glossary's rules, each naming the page and what to do."""
    found = []
    for page in claims.all_pages(root, "zh"):
        if page in EXEMPT:
            continue
        zh = prose(claims.page_markdown(root, "zh", page))
        en_path = layout.page_path(root, "en", page)
        en = prose(claims.page_markdown(root, "en", page)) if en_path.exists() else ""
        where_zh, where_en = f"docs/zh/{page}", f"docs/en/{page}"
        if "您" in zh:
            found.append(f"{where_zh}: address the reader as 你, not 您")
        for match in _STEP_AS_STRIDE.finditer(zh):
            found.append(f"{where_zh}: 步长 is a slice's step; a stride is 步幅: {match.group(0)!r}")
        for word in BANNED_EN_ANYWHERE:
            for match in re.finditer(rf"\b{word}\b", en, flags=re.IGNORECASE):
                found.append(f"{where_en}: {match.group(0)!r} is a calque of 冲突: say what actually happens")
        for term in TERMS:
            for banned in term.banned_zh:
                if banned in zh:
                    found.append(f"{where_zh}: write {term.zh}, not {banned} ({term.shown_en})")
            for banned in term.banned_en:
                if re.search(rf"\b{banned}\b", en, flags=re.IGNORECASE):
                    found.append(f"{where_en}: write {term.shown_en!r}, not {banned!r}")
            if not en or not term.paired:
                continue
            if _uses_en(term, en) and term.zh not in zh:
                found.append(f"{where_en} uses {term.shown_en!r}: its source {where_zh} should say {term.zh}")
    return found


TABLE_MARKER = "<!-- glossary-table -->"


def table(language: str) -> str:
    """The glossary page's table, in Markdown, in a `.glossary` box (set at the text's size)."""
    rows = [(term.zh, term.shown_en, term.note_zh if language == "zh" else term.note_en) for term in TERMS]
    return templates.render("glossary.md", head=labels.GLOSSARY_TABLE[language], terms=rows)
