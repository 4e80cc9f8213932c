"""Which torch versions the notes' claims were verified on, from records/torch-<version>.json.

The records are written by `nox -s upgrade -- <version>` (site_tools/upgrade_report.py). The MkDocs
hook turns them into the version page's table (`<!-- verified-claims-table -->` in
docs/<lang>/versions.md) and into the notice at the bottom of each note page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from packaging.version import Version

from site_tools import contract

TABLE_MARKER = "<!-- verified-claims-table -->"
MARKS = {"pass": "✅", "fail": "❌", "skip": "—"}
TEXT = {
    "zh": {
        "claim": "说法（测试）",
        "page": "页面",
        "build": "严格构建",
        "changed": "输出有变化的例子",
        "none": "无",
        "checked": "检查日期",
        "verified": "本页的说法已在 torch {versions} 上验证通过（[版本兼容性]({link})）。",
        "broken": "在 torch {versions} 上，本页有 {count} 项说法不成立（[版本兼容性]({link})）。",
        "title": "已验证的 torch 版本",
        "unchecked": "本页的说法还没有在任何记录的 torch 版本上检查过（[版本兼容性]({link})）。",
    },
    "en": {
        "claim": "Claim (test)",
        "page": "Page",
        "build": "strict build",
        "changed": "examples whose output changed",
        "none": "none",
        "checked": "checked on",
        "verified": "The claims on this page were verified on torch {versions} "
        "([version compatibility]({link})).",
        "broken": "On torch {versions}, {count} claim(s) on this page do not hold "
        "([version compatibility]({link})).",
        "title": "Verified torch versions",
        "unchecked": "The claims on this page have not been checked on any recorded torch version "
        "([version compatibility]({link})).",
    },
}


def load_records(root: Path) -> list[dict]:
    """Every record, oldest torch first."""
    records = [json.loads(p.read_text(encoding="utf-8")) for p in (root / "records").glob("torch-*.json")]
    return sorted(records, key=lambda r: Version(r["torch"]))


def snippet_of_test(test: str) -> str:
    """`memory/test_view_shares_storage.py::test_x` -> `memory/view_shares_storage`."""
    path = test.split("::")[0].removesuffix(".py")
    topic, _, name = path.rpartition("/")
    return f"{topic}/{name.removeprefix('test_')}"


def page_title(root: Path, language: str, page: str) -> str:
    path = root / "docs" / language / page
    if path.suffix == ".ipynb":
        import nbformat

        cells = nbformat.read(path, as_version=4).cells
        text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, flags=re.MULTILINE)
    return match.group(1).strip() if match else page


def page_of_snippet(root: Path, language: str) -> dict[str, str]:
    """{snippet id: the page including it}; a note written as a notebook stands for itself."""
    pages = {
        snippet: page
        for page in contract.pages(root, language)
        for snippet in contract.included_snippets(root, language, page)
    }
    pages.update({contract.note_id(page): page for page in contract.notebook_pages(root, language)})
    return pages


def table(root: Path, language: str, link_prefix: str = "") -> str:
    """The claims x versions table in Markdown (links relative to the version page)."""
    text = TEXT[language]
    records = load_records(root)
    if not records:
        return text["unchecked"].format(link="#")
    pages = page_of_snippet(root, language)
    claims = sorted(
        {test for record in records for test in record["claims"]},
        key=lambda test: (pages.get(snippet_of_test(test), "~"), test),
    )
    header = [text["page"], text["claim"], *(f"torch {r['torch']}" for r in records)]
    rows = [
        ["", f"*{text['checked']}*", *(r["date"] for r in records)],
        ["", f"*{text['build']}*", *(MARKS.get(r["build"], "?") for r in records)],
        ["", f"*{text['changed']}*", *(", ".join(r["outputs_changed"]) or text["none"] for r in records)],
    ]
    for test in claims:
        page = pages.get(snippet_of_test(test))
        where = f"[{page_title(root, language, page)}]({link_prefix}{page})" if page else ""
        name = test.split("::")[1]
        rows.append([where, f"`{name}`", *(MARKS.get(r["claims"].get(test, "skip"), "?") for r in records)])
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def notice(root: Path, language: str, snippets: set[str], link: str) -> str:
    """The admonition at the bottom of a note page whose examples are `snippets`."""
    text = TEXT[language]
    verified, broken = [], {}
    for record in load_records(root):
        outcomes = [o for t, o in record["claims"].items() if snippet_of_test(t) in snippets]
        if not outcomes:
            continue
        failures = outcomes.count("fail")
        if failures:
            broken[record["torch"]] = failures
        elif "pass" in outcomes:
            verified.append(record["torch"])
    sentences = []
    if verified:
        sentences.append(text["verified"].format(versions=", ".join(verified), link=link))
    if broken:
        sentences.append(
            text["broken"].format(versions=", ".join(broken), count=max(broken.values()), link=link)
        )
    if not sentences:
        sentences.append(text["unchecked"].format(link=link))
    kind = "warning" if broken else "info"
    body = "\n".join(f"    {s}" for s in sentences)
    return f'\n\n!!! {kind} "{text["title"]}"\n{body}\n'
