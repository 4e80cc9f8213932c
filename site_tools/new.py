"""Scaffold a new bilingual note: snippet, claim test, zh and en pages, nav entries.

    python -m site_tools.new memory/pin_memory "固定内存" "Pinned Memory"

creates
    snippets/memory/pin_memory.py         a runnable placeholder example
    tests/memory/test_pin_memory.py       a placeholder claim test that fails until you write it
    docs/zh/memory/pin_memory.md          the Chinese page (the source), including the snippet
    docs/en/memory/pin_memory.md          the English page, marked as translating the Chinese one
and adds the page to `nav:` (after the topic's last page) and its English title to `nav_translations:`
in mkdocs.yml. Nothing existing is overwritten. Right after it, the strict build passes and
`python -m nox -s check` lists what is left to fill in: every `TODO(new note)`, and the records.

A note written as Jupyter notebooks instead:

    python -m site_tools.new memory/pin_memory "固定内存" "Pinned Memory" --notebook

creates docs/zh/memory/pin_memory.ipynb and docs/en/memory/pin_memory.ipynb (no outputs: the build
executes them) and tests/memory/test_pin_memory.py, which runs the notebook's cells.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from site_tools import layout, titles
from site_tools.translation import freshness

ROOT = layout.ROOT
MARKER = layout.NEW_NOTE_MARKER
_ID = re.compile(r"^[a-z][a-z0-9_]*/[a-z][a-z0-9_]*$")

SNIPPET = f"""import torch

# {MARKER}: replace with the example: a flat script that prints what it shows.
x = torch.arange(6)
y = x.view(2, 3)
print(y)
"""

TEST = f'''import pytest


@pytest.mark.claim("{{claim_id}}")
def test_claim(run_snippet):
    ns = run_snippet("{{snippet_id}}")
    assert "x" in ns
    pytest.fail(
        "{MARKER}: assert the claim of snippets/{{snippet_id}}.py on the objects it creates "
        "(tests.conftest.shares_storage, overlaps, is_contiguous(), pytest.raises ...), with a counter-case."
    )
'''

PAGE = {
    "zh": f"""# {{title}}

{MARKER}: 用中文写这篇笔记：它说明什么、为什么重要；执行结果与文字不符时，以执行结果为准。

<claim id="{{claim_id}}">{MARKER}: 把每一句描述 PyTorch 或 NumPy 行为的话写成这样的说法，
并在测试上标注 @pytest.mark.claim("{{claim_id}}")。</claim>

## 例子 {{{{ #example }}}}

```python exec="on" id="{{snippet_id}}"
--8<-- "snippets/{{snippet_id}}.py"
```
""",
    "en": f"""# {{title}}

{MARKER}: translate the Chinese page faithfully, then run
`python -m nox -s mark -- docs/en/{{page}}`.

<claim id="{{claim_id}}">{MARKER}: write every sentence that says how PyTorch or NumPy behaves
as a claim like this one, and mark its test @pytest.mark.claim("{{claim_id}}").</claim>

## Example {{{{ #example }}}}

```python exec="on" id="{{snippet_id}}"
--8<-- "snippets/{{snippet_id}}.py"
```
""",
}


NOTEBOOK_TEST = f'''import pytest

from tests.conftest import run_notebook


@pytest.mark.claim("{{claim_id}}")
def test_claim():
    run = run_notebook("{{note_id}}")
    assert "x" in run.namespace
    pytest.fail(
        "{MARKER}: assert the claims of docs/zh/{{note_id}}.ipynb on the objects its cells create "
        "(run.namespace; tests.conftest.shares_storage, overlaps, pytest.raises ...), with a counter-case."
    )
'''

NOTEBOOK_TEXT = {
    "zh": [
        f"# {{title}}\n\n{MARKER}: 用中文写这篇笔记（Markdown 单元），例子写在代码单元里；"
        "执行结果与文字不符时，以执行结果为准。不要保存输出：构建时执行。\n\n"
        f'<claim id="{{claim_id}}">{MARKER}: 把每一句描述 PyTorch 或 NumPy 行为的话写成这样的说法。</claim>',
        "## 例子",
    ],
    "en": [
        f"# {{title}}\n\n{MARKER}: translate the Chinese notebook's Markdown cells faithfully (the code "
        "cells stay identical), then run `python -m nox -s mark -- docs/en/{{page}}`.\n\n"
        f'<claim id="{{claim_id}}">{MARKER}: write every sentence about behaviour as a claim.</claim>',
        "## Example",
    ],
}
NOTEBOOK_CODE = f"""import torch

# {MARKER}: replace with the example; a cell may end with an expression to display it.
x = torch.arange(6)
x.view(2, 3)"""


def notebook(language: str, title: str, page: str) -> str:
    """A new note's notebook, without outputs, as nbformat writes it."""
    import nbformat
    from nbformat import v4

    from site_tools import notebooks

    claim_id = claim_id_of(page)
    intro, heading = (
        text.format(title=title, page=page, claim_id=claim_id) for text in NOTEBOOK_TEXT[language]
    )
    cells = [v4.new_markdown_cell(intro), v4.new_markdown_cell(heading), v4.new_code_cell(NOTEBOOK_CODE)]
    return nbformat.writes(notebooks.new_notebook(cells)) + "\n"


class ScaffoldError(Exception):
    pass


def claim_id_of(page: str) -> str:
    """The placeholder claim's id: memory/pin_memory.md -> pin-memory."""
    return Path(page).stem.replace("_", "-")


def planned_files(root: Path, snippet_id: str, *, as_notebook: bool = False) -> dict[str, Path]:
    topic, name = snippet_id.split("/")
    if as_notebook:
        return {
            "test": root / "tests" / topic / f"test_{name}.py",
            "zh": layout.page_path(root, "zh", f"{topic}/{name}.ipynb"),
            "en": layout.page_path(root, "en", f"{topic}/{name}.ipynb"),
        }
    return {
        "snippet": root / "snippets" / topic / f"{name}.py",
        "test": root / "tests" / topic / f"test_{name}.py",
        "zh": layout.page_path(root, "zh", f"{topic}/{name}.md"),
        "en": layout.page_path(root, "en", f"{topic}/{name}.md"),
    }


def _reads_as_written(title: str) -> bool:
    """Whether YAML reads `- title: page` back with this very title (a leading backtick, quote or `&`
    is YAML syntax, not text)."""
    import yaml

    try:
        return yaml.safe_load(f"- {title}: page.md") == [{title: "page.md"}]
    except yaml.YAMLError:
        return False


def add_to_nav(config: str, page: str, zh_title: str, en_title: str) -> str:
    """mkdocs.yml with the page after its topic's last nav entry (or in a new section), title translated."""
    lines = config.splitlines(keepends=True)
    topic = page.split("/")[0]
    nav_start = next((i for i, line in enumerate(lines) if line.startswith("nav:")), None)
    if nav_start is None:
        raise ScaffoldError("mkdocs.yml has no nav: section")
    nav_end = next(
        (i for i in range(nav_start + 1, len(lines)) if lines[i].strip() and not lines[i][0].isspace()),
        len(lines),
    )
    topic_lines = [
        i
        for i in range(nav_start, nav_end)
        if re.search(rf":\s+{re.escape(topic)}/\S+\.(?:md|ipynb)\s*$", lines[i])
    ]
    if topic_lines:
        last = topic_lines[-1]
        indent = re.match(r"\s*", lines[last]).group(0)
        lines.insert(last + 1, f"{indent}- {zh_title}: {page}\n")
    else:
        lines[nav_end:nav_end] = [f"  - {topic}:\n", f"      - {zh_title}: {page}\n"]
    text = "".join(lines)
    translations_at = re.search(r"^(\s+)nav_translations:\n((?:\1\s+.*\n)*)", text, flags=re.MULTILINE)
    if translations_at is None:
        raise ScaffoldError("mkdocs.yml has no nav_translations: for the English site")
    entry_indent = translations_at.group(1) + "  "
    insert_at = translations_at.end()
    return text[:insert_at] + f"{entry_indent}{zh_title}: {en_title}\n" + text[insert_at:]


def scaffold(
    root: Path, snippet_id: str, zh_title: str, en_title: str, *, as_notebook: bool = False
) -> list[Path]:
    if not _ID.match(snippet_id):
        raise ScaffoldError(
            f"'{snippet_id}' is not <topic>/<what_it_shows> in snake_case (e.g. memory/pin_memory)"
        )
    files = planned_files(root, snippet_id, as_notebook=as_notebook)
    either_kind = {**planned_files(root, snippet_id, as_notebook=not as_notebook), **files}
    existing = sorted({path for path in either_kind.values() if path.exists()})
    if existing:
        names = ", ".join(str(p.relative_to(root)) for p in existing)
        raise ScaffoldError(f"{names} already exist(s): choose another name; nothing was changed")
    for title in (zh_title, en_title):
        if not title.strip() or ":" in title or "\n" in title:
            raise ScaffoldError(f"title {title!r} must be one line without ':'")
        if not _reads_as_written(title):
            raise ScaffoldError(
                f"title {title!r} is not read back as written in mkdocs.yml (YAML): start it with a "
                "letter, and write code in it without backticks (a nav title is plain text)"
            )
    wrong = titles.not_title_case(en_title)
    if wrong:
        raise ScaffoldError(
            f"English title {en_title!r}: {', '.join(wrong)} break(s) Title Case (capitalize every word but "
            "articles, conjunctions and short prepositions; code such as view() keeps its case); "
            "nothing was changed"
        )
    page = f"{snippet_id}.ipynb" if as_notebook else f"{snippet_id}.md"
    config_path = root / "mkdocs.yml"
    new_config = add_to_nav(config_path.read_text(encoding="utf-8"), page, zh_title, en_title)

    topic = snippet_id.split("/")[0]
    package = root / "snippets" / topic / "__init__.py"
    created = []
    if not package.exists() and not as_notebook:
        package.parent.mkdir(parents=True, exist_ok=True)
        package.write_text(f'"""{zh_title} · {en_title}."""\n', encoding="utf-8")
        created.append(package)
    claim_id = claim_id_of(page)
    contents = {
        "snippet": SNIPPET,
        "test": TEST.format(snippet_id=snippet_id, claim_id=claim_id),
        "zh": PAGE["zh"].format(title=zh_title, snippet_id=snippet_id, page=page, claim_id=claim_id),
        "en": PAGE["en"].format(title=en_title, snippet_id=snippet_id, page=page, claim_id=claim_id),
    }
    if as_notebook:
        contents = {
            "test": NOTEBOOK_TEST.format(note_id=snippet_id, claim_id=claim_id),
            "zh": notebook("zh", zh_title, page),
            "en": notebook("en", en_title, page),
        }
    for kind, path in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(contents[kind], encoding="utf-8")
        created.append(path)
    freshness.mark(root, page)
    config_path.write_text(new_config, encoding="utf-8")
    created.append(config_path)
    return created


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("snippet_id", help="<topic>/<what_it_shows>, e.g. memory/pin_memory")
    parser.add_argument("zh_title", help="the Chinese title, e.g. 固定内存")
    parser.add_argument("en_title", help="the English title, e.g. 'Pinned Memory' (Title Case)")
    parser.add_argument(
        "--notebook", action="store_true", help="write the note as Jupyter notebooks (zh and en) instead"
    )
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        created = scaffold(
            args.root, args.snippet_id, args.zh_title, args.en_title, as_notebook=args.notebook
        )
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in created:
        print(f"wrote {path.relative_to(args.root)}")
    print(f"\nnext (CONTRIBUTING.md, 'Adding a note'): fill in every {MARKER}; python -m nox -s quick")
    print("lists what is left. Once your claim tests pass, record the outputs and the claims:")
    print("  python -m nox -s record")
    return 0


if __name__ == "__main__":
    sys.exit(main())
