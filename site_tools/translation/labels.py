"""Every zh/en label the build puts on a page, in one place (the page text itself is in docs/).

Each is a dict keyed by language; tests/site_tools/test_labels.py checks that both languages
have the same entries. A new language is a new key in each.
"""

from __future__ import annotations

OUTPUT = {"zh": "点我看输出", "en": "Show output"}
"""Summary of the collapsed output block under an example."""

FAILURE = {
    "zh": "这个例子运行失败（只在 mkdocs serve 预览中显示；mkdocs build 会因此失败）",
    "en": "This example failed (shown only in the mkdocs serve preview; mkdocs build fails on it)",
}
"""Title of a failing example's error, shown only under `mkdocs serve`."""

FIGURE_CAPTION = {
    "zh": "内存示意图：由本例的真实张量在构建时绘制",
    "en": "Memory diagram, drawn at build time from this example's real tensors",
}
"""Caption of a memory diagram."""

VIEW_TABLE = {
    "zh": {"operation": "操作", "example": "例子", "result": "结果", True: "视图", False: "副本"},
    "en": {"operation": "Operation", "example": "Example", "result": "Result", True: "view", False: "copy"},
}
"""Head and cells of a view-or-copy table (`view_table="…"`)."""

VIEW_TABLE_OPERATIONS = {
    "zh": {
        "slicing": "切片",
        "select / integer index": "select / 整数索引",
        "reshape (view when possible)": "reshape（能返回视图时）",
        "reshape (copy when it must)": "reshape（必须复制时）",
        "flatten (view when possible)": "flatten（能返回视图时）",
        "flatten (copy when it must)": "flatten（必须复制时）",
        "advanced indexing (integers)": "高级索引（整数）",
        "advanced indexing (mask)": "高级索引（掩码）",
        "contiguous (non-contiguous input)": "contiguous（输入不连续时）",
    },
}
VIEW_TABLE_OPERATIONS["en"] = {operation: operation for operation in VIEW_TABLE_OPERATIONS["zh"]}
"""A view-or-copy table's operations in the page's language, where they are words (a snippet names them
in English; a name of PyTorch's, such as `view_as`, stays as it is)."""


def view_table_operation(operation: str, language: str) -> str:
    return VIEW_TABLE_OPERATIONS.get(language, {}).get(operation, operation)


COMPARE_TABLE = {
    "zh": {
        "different": "两个库结果不同",
        "alike": "两个库结果相同",
        "code": "代码",
        "both": "两个库的结果",
        # a cell's parts (site_tools/figures: compare_table); {} is the part's text
        "view": "视图",
        "copy": "副本",
        "itself": "就是 {} 本身",
        "scalar": "（{} 标量）",
        "zero_d": "（0 维张量）",
        "raises": "抛出 {}",
        "warns": "，并发出 {}",
        "value": "{}",
        "more": "，{}",
        "method": "一个方法",
        "after": "；之后 {}",
    },
    "en": {
        "different": "Different in NumPy and PyTorch",
        "alike": "The same in both",
        "code": "Code",
        "both": "In both",
        "view": "view",
        "copy": "copy",
        "itself": "{} itself",
        "scalar": " ({} scalar)",
        "zero_d": " (0-d tensor)",
        "raises": "raises {}",
        "warns": " + {}",
        "value": "{}",
        "more": ", {}",
        "method": "a method",
        "after": "; afterwards {}",
    },
}
"""Head and cells of a NumPy-vs-PyTorch table (`compare_table="…"`): captions, column heads, and the
words of each part of a cell ("after" and "more" follow another part)."""

NOTEBOOK = {
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
"""A page's notebook: the download button's title and the notebook's first cell."""

DIAGRAM = {
    "zh": {
        "storage": "存储 #{n}：{size} 个单元",
        # "\n" starts a second line: a diagram stays narrow enough for a phone
        "tensor": "{name}：形状 {shape} · 步幅 {stride}\n偏移 {offset} · {contiguous}",
        "contiguous": "连续",
        "not_contiguous": "不连续",
        "title": "{names} 的内存",
        "shares": "{names} 共享存储 #{n}（其中 {count} 个单元被不止一个张量或数组使用）。",
        "alone": "{name} 独占存储 #{n}。",
        "maps": "{name} 的元素对应存储 #{n} 的单元 {cells}。",
        # the legend: one line for each colour and mark the diagram uses
        "elements": "{name} 的元素",
        "own": "{name} 的元素，以及只有它使用的单元",
        "shared": "被多个张量或数组使用的单元，以及存放在其中的元素",
        "unused": "这些张量或数组都没有使用的单元",
        "maps_to": "该元素存放在存储的 n 号单元（编号标在存储条下方）",
    },
    "en": {
        "storage": "storage #{n}: {size} cells",
        "tensor": "{name}: shape {shape} · stride {stride}\noffset {offset} · {contiguous}",
        "contiguous": "contiguous",
        "not_contiguous": "not contiguous",
        "title": "Memory of {names}",
        "shares": "{names} share storage #{n} ({count} of its cells used by more than one of them).",
        "alone": "{name} has storage #{n} to itself.",
        "maps": "The elements of {name} map to cells {cells} of storage #{n}.",
        "elements": "elements of {name}",
        "own": "elements of {name}, and cells only it uses",
        "shared": "cells used by more than one tensor or array,\nand the elements stored in them",
        "unused": "cells none of these tensors or arrays uses",
        "maps_to": "the element is stored in cell n\n(cells are numbered under the storage)",
    },
}
"""Text inside a memory diagram, its title, description and legend."""

VERSIONS = {
    "zh": {
        "claim": "说法",
        "build": "严格构建",
        "changed": "输出有变化的例子",
        "none": "无",
        "checked": "检查日期",
        "records": "检查记录",
        "pass": "成立",
        "fail": "不成立",
        "skip": "跳过",
        "missing": "未检查",
        "message": "行为成立，措辞不同",
        "held": "成立的说法",
        "build_pass": "通过",
        "build_fail": "失败",
        "legend": "表中的符号：",
        "list_separator": "；",
        "since": "torch {release} 之前不成立",
        "until": "自 torch {release} 起不成立",
        "fails_on": "不成立于 torch {releases}",
        "skipped_everywhere": "未经完整检查：它的某个测试（例如需要 GPU 的）在记录的每个版本上都被跳过了",
        "skipped_on": "未经完整检查：它的某个测试（例如需要 GPU 的）在 torch {releases} 上被跳过了，"
        "检查其他版本时还没有这个测试",
        "unchecked_everywhere": "还没有在任何记录的版本上检查过",
        "message_on": "torch {releases} 上措辞不同",
        "message_before": "torch {release} 之前措辞不同",
        "note_separator": "；",
        "note": "（{note}）",  # Chinese sets no space between sentences: the note is bracketed
        "summary": "概览",
        "changed_on": "torch {release} 上输出有变化的例子：{examples}",
        "sentence_separator": "",
        "releases_checked": "检查过的 torch 版本（{count} 个，从新到旧）：{releases}。",
        "varying": "下表列出在各版本间有变化的说法：{fails} 条至少在一个记录的版本上不成立{worded}。"
        "其余 {held} 条在检查过它们的版本上都成立{partial}。{unchecked}",
        "varying_one": "下表列出在各版本间有变化的说法：1 条至少在一个记录的版本上不成立{worded}。"
        "其余 {held} 条在检查过它们的版本上都成立{partial}。{unchecked}",
        "none_vary": "没有说法在记录的版本上不成立：{held} 条在检查过它们的版本上都成立"
        "{partial}。{unchecked}",
        "worded": "；还有 {count} 条成立，只是引用的报错信息在某些版本上措辞不同",
        "worded_one": "；还有 1 条成立，只是引用的报错信息在某些版本上措辞不同",
        "partial": "（其中 {count} 条有的版本没有检查过）",
        "unchecked_claims": "另有 {count} 条从未检查过：在每个版本上都被跳过或没有检查"
        "（例如只有 GPU 才能检查的说法），"
        "不算作成立。",
        "unchecked_claims_one": "另有 1 条从未检查过：在每个版本上都被跳过或没有检查"
        "（例如只有 GPU 才能检查的说法），"
        "不算作成立。",
        "all_hold": "全部 {count} 条说法在每个记录的版本上都成立。",
        "page": "页面",
        "change": "变化",
        "by_page": "各页面的说法",
        "folded": "{count} 条说法在全部 {releases} 个版本上都成立",
        "folded_one": "1 条说法在全部 {releases} 个版本上都成立",
        "folded_partial": "{count} 条说法在检查过的版本上都成立（其中 {partial} 条有的版本没有检查过）",
        "folded_changes": "{count} 条说法至少在一个版本上不成立（见概览）",
        "folded_changes_one": "1 条说法至少在一个版本上不成立（见概览）",
        "folded_worded": "{count} 条说法成立，但报错信息在某些版本上措辞不同（见概览）",
        "folded_worded_one": "1 条说法成立，但报错信息在某些版本上措辞不同（见概览）",
        "folded_unchecked": "{count} 条说法从未检查过",
        "folded_unchecked_one": "1 条说法从未检查过",
        "folded_partial_one": "1 条说法在检查过的版本上成立（有的版本没有检查过）",
        "records_folded": "检查记录：每次检查的日期、NumPy 版本、严格构建，以及输出有变化的例子",
        "other_outputs": "其他 torch 版本的输出",
        "other_outputs_on": "torch {releases} 输出：",
        "verified": "本页的说法已在 torch {versions} 上验证通过（[版本兼容性]({link})）。",
        "verified_but_gpu": "本页的说法（需要 GPU 才能完整检查的除外）已在 torch {versions} 上验证通过"
        "（[版本兼容性]({link})）。",
        "broken": "在 torch {versions} 上，本页有 {count} 项说法不成立（[版本兼容性]({link})）。",
        "broken_one": "在 torch {versions} 上，本页有 1 项说法不成立（[版本兼容性]({link})）。",
        "title": "已验证的 torch 版本",
        "unchecked": "本页的说法还没有在任何记录的 torch 版本上检查过（[版本兼容性]({link})）。",
        "link_title": "这句话由测试检查：查看它在各 torch 版本上的结果",
    },
    "en": {
        "claim": "Claim",
        "build": "strict build",
        "changed": "examples whose output changed",
        "none": "none",
        "checked": "checked on",
        "records": "Check records",
        "pass": "holds",
        "fail": "fails",
        "skip": "skipped",
        "missing": "not checked",
        "message": "holds, worded differently",
        "held": "claims that hold",
        "build_pass": "passes",
        "build_fail": "fails",
        "legend": "Symbols in the tables: ",
        "list_separator": "; ",
        "since": "fails before torch {release}",
        "until": "fails from torch {release} on",
        "fails_on": "fails on torch {releases}",
        "skipped_everywhere": "not fully checked: a test it needs (one that needs a GPU, for example) was "
        "skipped on every recorded release",
        "skipped_on": "not fully checked: a test it needs (one that needs a GPU, for example) was skipped on "
        "torch {releases} and did not exist when the other releases were checked",
        "unchecked_everywhere": "not yet checked on any recorded release",
        "message_on": "worded differently on torch {releases}",
        "message_before": "worded differently before torch {release}",
        "note_separator": "; ",
        "note": "{note}",
        "summary": "Summary",
        "changed_on": "examples whose output changed on torch {release}: {examples}",
        "sentence_separator": " ",
        "releases_checked": "torch releases checked ({count}, newest first): {releases}.",
        "varying": "The table below lists the claims that change across releases: {fails} fail on at least "
        "one recorded release{worded}. The other {held} hold on every release they were checked "
        "on{partial}.{unchecked}",
        "varying_one": "The table below lists the claims that change across releases: 1 fails on at least "
        "one recorded release{worded}. The other {held} hold on every release they were checked "
        "on{partial}.{unchecked}",
        "none_vary": "No claim fails on a recorded release: {held} hold on every release they were checked "
        "on{partial}.{unchecked}",
        "worded": ", and {count} hold but quote a message that is worded differently on some releases",
        "worded_one": ", and 1 holds but quotes a message that is worded differently on some releases",
        "partial": " ({count} of them not checked on some releases)",
        "unchecked_claims": " Another {count} were never checked: skipped or not checked on every release "
        "(those that only a GPU can check, for example), so they are not counted as holding.",
        "unchecked_claims_one": " Another 1 was never checked: skipped or not checked on every release "
        "(one that only a GPU can check, for example), so it is not counted as holding.",
        "all_hold": "All {count} claims hold on every recorded release.",
        "page": "Page",
        "change": "Change",
        "by_page": "Claims by page",
        "folded": "{count} claims hold on all {releases} releases",
        "folded_one": "1 claim holds on all {releases} releases",
        "folded_partial": "{count} claims hold wherever checked ({partial} not checked on some releases)",
        "folded_changes": "{count} claims fail on at least one release (see the summary)",
        "folded_changes_one": "1 claim fails on at least one release (see the summary)",
        "folded_worded": "{count} claims hold, with a message worded differently on some release "
        "(see the summary)",
        "folded_worded_one": "1 claim holds, with a message worded differently on some release "
        "(see the summary)",
        "folded_unchecked": "{count} claims never checked",
        "folded_unchecked_one": "1 claim never checked",
        "folded_partial_one": "1 claim holds wherever checked (not checked on some releases)",
        "records_folded": "Check records: the date of each check, its NumPy, the strict build, "
        "and examples whose output changed",
        "other_outputs": "Output on other torch releases",
        "other_outputs_on": "torch {releases} prints:\u00a0",  # a space that stays when minified
        "verified": "The claims on this page were verified on torch {versions} "
        "([version compatibility]({link})).",
        "verified_but_gpu": "The claims on this page (except those that need a GPU to be fully checked) "
        "were verified on torch {versions} ([version compatibility]({link})).",
        "broken": "On torch {versions}, {count} claims on this page do not hold "
        "([version compatibility]({link})).",
        "broken_one": "On torch {versions}, 1 claim on this page does not hold "
        "([version compatibility]({link})).",
        "title": "Verified torch versions",
        "unchecked": "The claims on this page have not been checked on any recorded torch version "
        "([version compatibility]({link})).",
        "link_title": "Checked by a test: see its result on each torch version",
    },
}
"""The version page's table, the notice under each note, a claim's check link."""

GLOSSARY_TABLE = {
    "zh": ("中文", "English", "说明"),
    "en": ("中文", "English", "Meaning"),
}
"""Head of the glossary table."""

DOWNLOAD = {"zh": "下载 Notebook", "en": "Download notebook"}
"""The words on a page's notebook download button."""

NOT_FOUND = {
    "zh": {
        "title": "找不到这个页面",
        "text": "这个地址上没有页面：链接可能写错了，或者页面已经改名或移走。",
        "home": "回到首页",
        "after_home": "，在目录里找你要的笔记，或者用页面顶部的搜索。",
    },
    "en": {
        "title": "Page not found",
        "text": (
            "There is no page at this address: the link may be mistyped, "
            "or the page has been renamed or moved."
        ),
        "home": "Go to the home page",
        "after_home": " and find the note in its contents, or use the search at the top of the page.",
    },
}
"""The 404 page of each language (overrides/404.html, site_tools/mkdocs_hooks/not_found.py)."""

FOOTER = {
    "zh": {"before": "本站使用 ", "after": " 构建"},
    "en": {"before": "Made with ", "after": ""},
}
"""The footer's line naming the theme (overrides/partials/copyright.html), around its name."""

SWITCH_TO = {"zh": "阅读本页的英文版", "en": "Read this page in Chinese"}
"""Title of the language switcher, a link to the same page in the other language."""

SHOW_ALL_OUTPUTS = {"zh": "展开全部输出", "en": "Show all outputs"}
"""The switch above a page's first output that opens (or folds) all its outputs (docs/assets/reader.js)."""

PERMALINK = {"zh": "永久链接", "en": "Permanent link"}
"""Title of the ¶ link after a heading (the toc extension's `permalink_title`, set per page by the hooks)."""
