"""Build cost as the site grows (a script, not a test): a copy of the project with --notes notes per
language (default 100), built cold (and with execution off: what the pages alone cost), then
rebuilt under `mkdocs serve --dirty` (what `nox -s serve` runs) after editing one snippet.

The copy keeps every page of the site and adds copies of its Markdown notes until each language has
--notes notes: each copy includes its own copies of the snippets, each with a line of its own
(`_copy = <k>`), so no execution comes from a cache; claim markup is left out of the copies (a claim
is stated once), and each English copy is marked as the translation of its Chinese copy.

Targets: cold build <= 25 s; rebuild after a snippet edit <= 2 s (edit -> browsers
reloaded), with 100 notes per language.

    python benchmarks/scaled_build.py [--notes 100] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.build_benchmark import EXECUTED, build, serve_rebuild  # noqa: E402
from site_tools import contract, layout  # noqa: E402
from site_tools.translation import freshness  # noqa: E402

CLAIM_TAG = re.compile(r"</?claim(?: id=\"[^\"]*\")?>")


def scaled_copy(destination: Path, notes: int) -> tuple[Path, int]:
    """A copy of the project with `notes` notes per language; (its root, pages added per language)."""
    from tests.conftest import copy_project

    project = copy_project(destination)
    originals = contract.note_pages(ROOT, "zh")
    notebook_notes = len(layout.notebook_pages(ROOT, "zh"))
    added: list[str] = []
    k = 0
    while len(originals) + notebook_notes + len(added) < notes:
        k += 1
        for page in originals:
            if len(originals) + notebook_notes + len(added) >= notes:
                break
            copy = page.replace(".md", f"_copy{k}.md")
            for language in layout.LANGUAGES:
                text = CLAIM_TAG.sub("", (project / "docs" / language / page).read_text(encoding="utf-8"))
                for fence in contract.fences(ROOT, language, page):
                    if not fence.executed:
                        continue
                    snippet_id = fence.block_id
                    copy_id = f"{snippet_id}_copy{k}"
                    snippet = layout.snippet_path(project, copy_id)
                    if not snippet.exists():
                        code = layout.snippet_path(ROOT, snippet_id).read_text(encoding="utf-8")
                        snippet.write_text(f"{code.rstrip()}\n_copy = {k}\n", encoding="utf-8")
                    text = text.replace(f'id="{snippet_id}"', f'id="{copy_id}"')
                    text = text.replace(f'"snippets/{snippet_id}.py"', f'"snippets/{copy_id}.py"')
                (project / "docs" / language / copy).write_text(text, encoding="utf-8")
            freshness.mark(project, copy)
            added.append(copy)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    section = "  - 副本:\n" + "".join(f"      - {page}\n" for page in added)
    text = text.replace("\nmarkdown_extensions:", f"{section}\nmarkdown_extensions:", 1)
    config.write_text(text, encoding="utf-8")
    return project, len(added)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notes", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        project, added = scaled_copy(Path(tmp) / "project", args.notes)
        notes = {language: len(contract.note_pages(project, language)) for language in layout.LANGUAGES}
        notes = {k: v + len(layout.notebook_pages(project, k)) for k, v in notes.items()}
        cold, floor, executed = [], [], 0
        for _ in range(args.runs):
            seconds, log = build(str(Path(tmp) / "site"), execute=True, project=project)
            cold.append(seconds)
            executed = int(EXECUTED.findall(log)[-1][0])
            floor.append(build(str(Path(tmp) / "site"), execute=False, project=project)[0])
        snippet = next(
            iter(sorted((project / "snippets" / "tensor_ops").glob("slicing_start_stop_step*.py")))
        )
        rebuilds = [serve_rebuild(snippet, project=project, dirty=True) for _ in range(args.runs)]

    print(f"machine: {os.cpu_count()} cores; median of {args.runs} runs")
    print(f"notes per language             {notes}  ({added} copies of Markdown notes added per language)")
    print(f"examples executed per build    {executed:6d}")
    print(f"cold build                     {statistics.median(cold):6.2f} s   (target <= 25 s)")
    print(f"  the same with execution off  {statistics.median(floor):6.2f} s   (NOTES_EXECUTE=0: pages only)")
    print(
        f"rebuild after a snippet edit   {statistics.median(r[0] for r in rebuilds):6.2f} s   "
        "edit -> browsers reloaded, `mkdocs serve --dirty` (target <= 2 s)"
    )
    print(f"  of which MkDocs' build       {statistics.median(r[1] for r in rebuilds):6.2f} s")


if __name__ == "__main__":
    main()
