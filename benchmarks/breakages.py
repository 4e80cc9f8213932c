"""Deliberate breakages, each caught by the check: proof that a change to how the check runs lost nothing.

BREAKAGES below lists mistakes a contributor could make (a missing translation, an output cut off, a
diagram label under 12 px, a search index in the wrong language, an accessibility violation on one
page, a broken claim link, ...), one per entry, over the kinds of page the checks exist for: a note
with outputs, a note with a diagram, the notebook page, the version page, the glossary, home, 404, in
Chinese and English, light and dark where they differ. Each entry names the tests of `nox -s check`
that must catch it.

For the commit asked for (HEAD unless --commit), the script extracts the committed tree into a
throwaway folder (`git archive`) and, with the Python running it (run it with .nox/check/bin/python, so
nothing is installed), runs only the named tests there, one pytest at a time (`-n 0 -p no:randomly`;
the tests that need the site build it once for that run, into a temporary NOTES_TESTED_SITE):

1. the baseline: every named test, on the unbroken copy, must pass (else the proof is void);
2. each breakage, on a fresh copy with its edits applied: every named test must fail (or error, as
   when the strict build fails), and the run's output must match the entry's `expect` expression,
   which names the breakage (a test that fails for another reason is not a catch).

It prints a table (breakage, page, tests, result, seconds) and exits non-zero when the baseline fails
or any breakage is missed, cannot be applied to that commit, or names tests that commit lacks.

    .nox/check/bin/python benchmarks/breakages.py                 # the whole list on HEAD (6-13 min here)
    .nox/check/bin/python benchmarks/breakages.py --list          # names and descriptions only
    .nox/check/bin/python benchmarks/breakages.py --only axe-image-without-alt [--only …]
    .nox/check/bin/python benchmarks/breakages.py --commit <rev>  # the same list on another commit
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Edit:
    """In `path` (relative to the repository), replace every match of the regular expression `old` by
    `new` (at least one match, else the edit cannot apply); `old=None` deletes the file."""

    path: str
    old: str | None
    new: str = ""

    def apply(self, root: Path) -> str:
        """Make the edit in the project at `root`; return the path edited (a file's former place, on
        a commit from before it moved)."""
        path = self.path
        for now, before in FORMER_PLACES.items():
            if not (root / path).is_file() and path.startswith(now):
                path = before + path.removeprefix(now)
                break
        file = root / path
        if not file.is_file():
            raise CannotApply(f"{self.path} does not exist")
        if self.old is None:
            file.unlink()
            return path
        text = file.read_text(encoding="utf-8")
        changed, count = re.subn(self.old, lambda _: self.new, text)
        if count == 0:
            raise CannotApply(f"{self.path}: no match for {self.old!r}")
        file.write_text(changed, encoding="utf-8")
        return path


# where files lived before the MkDocs glue moved out of site_tools/build/ (to break an older commit)
FORMER_PLACES = {
    "site_tools/notebooks/page.py": "site_tools/build/notebook_page.py",
    "site_tools/rendering/output.py": "site_tools/build/fence.py",
    "site_tools/rendering/": "site_tools/build/",
    "site_tools/mkdocs_hooks/": "site_tools/build/",
}


def append(path: str, text: str) -> Edit:
    return Edit(path, r"\Z", text)


class CannotApply(Exception):
    pass


@dataclass(frozen=True)
class Breakage:
    name: str
    page: str  # the kind of page it breaks
    what: str
    edits: tuple[Edit, ...]
    tests: tuple[str, ...]  # pytest node ids, each of which must fail
    expect: str  # a regular expression the failing run's output must match: it names the breakage


ONE_PIXEL_PNG = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
A11Y = "tests/browser/test_reader_experience.py::test_no_serious_or_critical_accessibility_violations"
SITE = "tests/test_built_site.py::"
CONTRACT = "tests/test_site_contract.py::"

BREAKAGES = (
    Breakage(
        "missing-english-page",
        "note, en",
        "the English translation of a note is missing",
        (Edit("docs/en/memory/detach_shares_memory.md", None),),
        (CONTRACT + "test_every_page_has_its_counterpart_in_the_other_language",),
        r"detach_shares_memory",
    ),
    Breakage(
        "translation-without-source-marker",
        "note, en",
        "an English page no longer records which Chinese text it translates (its staleness unknowable)",
        (Edit("docs/en/tensor_ops/slicing.md", r"\A---\ntranslates: \w+\n---\n", ""),),
        (
            CONTRACT
            + "test_every_english_page_records_which_chinese_page_it_translates[tensor_ops/slicing.md]",
        ),
        r"translates",
    ),
    Breakage(
        "stale-translation-unmarked",
        "note + notebook page, en",
        "an English page whose Chinese source changed shows no 'may be out of date' notice",
        (Edit("site_tools/mkdocs_hooks/hooks.py", r'!= "stale"', '!= "stale-never"'),),
        (SITE + "test_a_stale_translation_shows_a_notice_linking_to_the_chinese_page",),
        r"test_a_stale_translation_shows_a_notice",
    ),
    Breakage(
        "nav-title-differs",
        "note, en",
        "a page's heading differs from its title in mkdocs.yml's nav",
        (
            Edit(
                "docs/en/memory/slices_share_storage.md",
                r"(?m)^# Slices Share Storage$",
                "# Slices Share Their Storage",
            ),
        ),
        (CONTRACT + "test_every_nav_title_agrees_with_its_pages_title[en]",),
        r"Slices Share Their Storage",
    ),
    Breakage(
        "fence-option-typo",
        "note, zh",
        'an executed block misspells an option (diagramm="…")',
        (Edit("docs/zh/memory/detach_shares_memory.md", r' diagram="', ' diagramm="'),),
        (CONTRACT + "test_executed_blocks_use_only_the_fence_options_the_build_knows",),
        r"diagramm",
    ),
    Breakage(
        "memory-note-without-diagram",
        "note with a diagram, en",
        "a note about memory sharing draws no memory diagram",
        (Edit("docs/en/memory/detach_shares_memory.md", r' diagram="weights,detached,copy"', ""),),
        (
            CONTRACT + "test_every_note_about_sharing_asks_for_a_memory_diagram[en]",
            SITE + "test_every_note_about_sharing_has_a_memory_diagram[en-memory/detach_shares_memory.md]",
        ),
        r"detach_shares_memory",
    ),
    Breakage(
        "output-not-the-recorded-one",
        "note with outputs",
        "an example prints a line more than the reviewed output record",
        (append("snippets/memory/detach_shares_memory.py", 'print("one line more")\n'),),
        ("tests/test_output_record.py::test_output_matches_the_record[memory/detach_shares_memory]",),
        r"one line more",
    ),
    Breakage(
        "output-cut-short",
        "note with outputs, zh",
        "the renderer shows only the first 40 characters of each output",
        (Edit("site_tools/rendering/output.py", r"visible_text\(output\)\)", "visible_text(output)[:40])"),),
        (
            "tests/browser/test_reader_experience.py"
            "::test_outputs_are_collapsed_open_on_click_and_show_the_executed_output[zh-memory/detach_shares_memory.md]",
        ),
        r"inner_text\(\)\.strip\(\) == expected\.strip\(\)",
    ),
    Breakage(
        "output-cut-off",
        "note with outputs, phone, en",
        "a long output line is cut off instead of scrolling (CSS)",
        (
            append(
                "docs/assets/extra.css",
                "\n.md-typeset details.example-output pre > code { overflow-x: hidden !important; }\n",
            ),
        ),
        (
            "tests/browser/test_reader_experience.py::test_outputs_and_diagrams_read_well_on_every_note[en-phone]",
        ),
        r"a long line is cut off",
    ),
    Breakage(
        "diagram-label-under-12px",
        "note with a diagram, desktop, zh",
        "a memory diagram's labels are drawn at 9 px (CSS)",
        (
            append(
                "docs/assets/extra.css",
                "\n.md-typeset figure.memory-diagram svg text { font-size: 9px !important; }\n",
            ),
        ),
        (
            "tests/browser/test_reader_experience.py::test_outputs_and_diagrams_read_well_on_every_note[zh-desktop]",
        ),
        r"text under 12 px",
    ),
    Breakage(
        "search-index-wrong-language",
        "search, zh and en",
        "the Chinese pages land in the English search index and the English pages in the Chinese one",
        (
            Edit(
                "site_tools/mkdocs_hooks/search_index.py",
                r"docs\[language\]\.append\(",
                'docs["" if language else "en"].append(',
            ),
        ),
        (SITE + "test_each_language_searches_its_own_pages_and_never_code",),
        r"布尔索引与整数索引|Boolean and Integer Indexing",
    ),
    Breakage(
        "axe-low-contrast-on-one-note",
        "note, en, light",
        "the paragraph under one heading of a note is light grey on white (CSS)",
        (append("docs/assets/extra.css", "\n.md-typeset h2#table + p { color: #d0d0d0 !important; }\n"),),
        (A11Y + "[en-memory/views_and_copies.md]",),
        r"color-contrast",
    ),
    Breakage(
        "allow-list-keeps-inline-styles",
        "note, en, light",
        "the allow-list for authors' HTML lets inline styles through; a note writes light grey with one",
        (
            Edit("site_tools/rendering/safe_html.py", r'"aria-label"\}', '"aria-label", "style"}'),
            append(
                "docs/en/memory/views_and_copies.md", '\n<p style="color: #d0d0d0">A faint sentence.</p>\n'
            ),
        ),
        (
            "tests/site_tools/test_safe_html.py::test_what_the_author_wrote_is_cleaned_and_what_the_build_made_is_kept",
            A11Y + "[en-memory/views_and_copies.md]",
        ),
        r"style=",
    ),
    Breakage(
        "axe-low-contrast-dark-only",
        "home, zh, dark",
        "in the dark scheme only, paragraphs are dark grey on the dark background (CSS)",
        (
            append(
                "docs/assets/extra.css",
                '\n[data-md-color-scheme="slate"] .md-typeset p { color: #404040 !important; }\n',
            ),
        ),
        (A11Y + "_in_the_dark[zh]",),
        r"color-contrast",
    ),
    Breakage(
        "axe-image-without-alt",
        "glossary, zh",
        "the glossary shows an image without alternative text",
        (append("docs/zh/glossary.md", f'\n<img src="{ONE_PIXEL_PNG}">\n'),),
        (A11Y + "[zh-glossary.md]",),
        r"image-alt",
    ),
    Breakage(
        "broken-claim-link",
        "notebook page, en",
        "a claim's check link on the notebook page points at no row of the version page",
        (
            Edit(
                "site_tools/claims.py",
                r'href="\{href\}#\{m\.group\("anchor"\)\}"',
                'href="{href}#x-{m.group("anchor")}"',
            ),
        ),
        (
            SITE + "test_every_claim_on_a_page_links_its_row_on_the_version_page_and_back"
            "[en-memory/copy_or_share.ipynb]",
        ),
        r"x-claim-",
    ),
    Breakage(
        "claim-without-test",
        "note, zh and en",
        "a new claim is stated in both languages but no test asserts it",
        (
            append(
                "docs/zh/memory/detach_shares_memory.md",
                '\n<claim id="detach-is-instant">detach() 立即返回。</claim>\n',
            ),
            append(
                "docs/en/memory/detach_shares_memory.md",
                '\n<claim id="detach-is-instant">detach() returns at once.</claim>\n',
            ),
        ),
        ("tests/test_claims.py::test_every_claim_has_a_test",),
        r"detach-is-instant",
    ),
    Breakage(
        "claim-test-asserts-nothing",
        "claims",
        "a claim test runs its example but its asserts are gone",
        (
            Edit(
                "tests/memory/test_detach_shares_memory.py",
                r"(?m)^    assert (weights\.requires_grad|detached\.grad_fn is None"
                r"|shares_storage\(detached, weights\)|overlaps\(detached, weights\)"
                r"|weights\.tolist\(\) == \[10\.0, 2\.0, 3\.0\]"
                r"|not detached\.requires_grad)$",
                "    _ = ...",
            ),
        ),
        ("tests/test_claims.py::test_every_claim_test_asserts_something",),
        r"test_detach_leaves_autograd_but_shares_memory",
    ),
    Breakage(
        "code-wider-than-80-columns",
        "note with outputs, zh and en",
        "an example has a line of 92 columns",
        (append("snippets/memory/detach_shares_memory.py", 'padding = "' + "-" * 80 + '"\n'),),
        (
            "tests/test_code_width.py::test_every_line_of_code_shown_fits_80_columns[zh]",
            "tests/test_code_width.py::test_every_line_of_code_shown_fits_80_columns[en]",
        ),
        r"detach_shares_memory",
    ),
    Breakage(
        "comment-without-chinese",
        "note code, zh",
        "a code comment shown on a page has lost its Chinese translation (snippets/comments.toml)",
        (Edit("snippets/comments.toml", r'(?m)^"not a leaf: in-place ops on it run" = .*\n', ""),),
        (
            "tests/test_code_width.py::test_no_english_docstring_or_comment_on_a_chinese_page",
            "tests/site_tools/test_code_comments.py"
            "::test_every_comment_of_the_project_has_its_chinese_and_every_translation_is_used",
        ),
        r"not a leaf",
    ),
    Breakage(
        "chinese-term-off-the-glossary",
        "note, zh",
        "a Chinese note says 跨距 where the glossary's term for stride is 步幅",
        (Edit("docs/zh/memory/view_and_contiguity.md", "步幅", "跨距"),),
        ("tests/test_glossary.py::test_every_page_follows_the_glossary",),
        r"步幅",
    ),
    Breakage(
        "glossary-table-gone",
        "glossary, en",
        "the English glossary page lost the marker where its table of terms goes",
        (Edit("docs/en/glossary.md", r"<!-- glossary-table -->\n", ""),),
        ("tests/browser/test_reading.py::test_boxes_and_the_glossary_are_set_at_the_texts_size",),
        r"assert cells|assert \[\]",
    ),
    Breakage(
        "home-start-link-elsewhere",
        "home, en",
        "the English home page's 'New here? Start with' link leads to the glossary instead of the first note",
        (
            Edit(
                "docs/en/index.md",
                r"Start with \[Slicing\]\(tensor_ops/slicing\.md\)",
                "Start with [Glossary](glossary.md)",
            ),
        ),
        (
            "tests/browser/test_reading.py::test_the_home_pages_first_screen_says_what_the_site_is_and_where_to_start[desktop-en]",
        ),
        r"glossary/",
    ),
    Breakage(
        "version-table-gone",
        "version page, zh",
        "the Chinese version page lost the marker where its claims x releases tables go",
        (Edit("docs/zh/versions.md", r"<!-- verified-claims-table -->\n", ""),),
        (SITE + "test_version_page_has_a_column_per_recorded_torch[zh]",),
        r"test_version_page_has_a_column_per_recorded_torch",
    ),
    Breakage(
        "404-home-link-broken",
        "404, en",
        "the English 404 page's link home leads to a page that does not exist",
        (
            Edit(
                "site_tools/mkdocs_hooks/not_found.py",
                r'else f"\{root\}\{language\}/"',
                'else f"{root}{language}/home/"',
            ),
        ),
        (
            SITE + "test_each_language_has_its_own_404_page_leading_to_its_home[en]",
            "tests/browser/test_typography_and_controls.py::test_the_404_page_of_each_language_reads_in_it_and_leads_home[en]",
        ),
        r"/en/home/",
    ),
    Breakage(
        "version-page-broken-link",
        "version page, en",
        "the version page links a page that does not exist",
        (append("docs/en/versions.md", "\nSee [the release notes](no_such_page.md).\n"),),
        (SITE + "test_version_page_has_a_column_per_recorded_torch[en]",),
        r"no_such_page\.md",
    ),
    Breakage(
        "version-page-too-wide-on-a-phone",
        "version page, zh, phone",
        "the version page's check records get a minimum width of 700 px (CSS)",
        (
            append(
                "docs/assets/extra.css",
                "\n.md-typeset .check-records { min-width: 700px !important; }\n",
            ),
        ),
        (
            "tests/browser/test_reader_experience.py"
            "::test_phone_viewport_does_not_overflow_except_code_that_scrolls[zh-versions.md]",
        ),
        r"assert 7\d\d <= 390",
    ),
    Breakage(
        "notebook-download-button-missing",
        "notebook page, zh",
        "the notebook page (and every note) lost its notebook download button",
        (
            Edit(
                "site_tools/rendering/templates/download_button.html",
                r'download class="md-content__button notebook-download"',
                'class="md-content__button"',
            ),
        ),
        (
            SITE + "test_a_notebook_notes_download_is_the_executed_notebook[zh-memory/copy_or_share.ipynb]",
            "tests/browser/test_reader_experience.py::test_the_download_button_saves_the_pages_notebook[memory/copy_or_share.ipynb-zh]",
        ),
        r"no notebook download button",
    ),
    Breakage(
        "wrong-hreflang",
        "home, en (every page's head)",
        "each page's <link hreflang> alternates all point at the Chinese page",
        (
            Edit(
                "site_tools/mkdocs_hooks/head.py",
                r"url_in\(lang, url\)",
                "url_in(layout.SOURCE_LANGUAGE, url)",
            ),
        ),
        (SITE + "test_every_page_links_both_language_versions_and_x_default_in_its_head[en-index.md]",),
        r"test_every_page_links_both_language_versions",
    ),
    Breakage(
        "font-from-another-host",
        "every page",
        "the site's stylesheet imports a web font from another host (readers offline or in mainland China)",
        (
            Edit(
                "docs/assets/extra.css",
                r"\A",
                '@import url("https://fonts.googleapis.com/css2?family=Inter");\n',
            ),
        ),
        (SITE + "test_no_page_loads_anything_from_another_host",),
        r"fonts\.googleapis\.com",
    ),
    Breakage(
        "notebook-languages-run-different-code",
        "notebook page, en",
        "the English notebook runs other code than the Chinese one (float32 for float64)",
        (Edit("docs/en/memory/copy_or_share.ipynb", r"dtype=torch\.float64\)", "dtype=torch.float32)"),),
        (CONTRACT + "test_both_languages_of_a_notebook_run_the_same_code[memory/copy_or_share.ipynb]",),
        r"float32",
    ),
)


# --- running -------------------------------------------------------------------------------------------

OUTCOME = re.compile(r"^(PASSED|FAILED|ERROR|XFAIL|XPASS) (\S+)", re.MULTILINE)


def extract(commit: str, folder: Path) -> Path:
    """The committed tree of `commit`, extracted into `folder`/project."""
    project = folder / "project"
    project.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(project)], input=archive.stdout, check=True)
    return project


def pytest(project: Path, args: list[str], epoch: str) -> tuple[int, str]:
    """This Python's pytest in `project`, its own code first on the path; (exit status, output)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(project),  # the copy's site_tools and tests, not the editable install's
        "PYTHONDONTWRITEBYTECODE": "",  # as nox runs the check
        "SOURCE_DATE_EPOCH": epoch,  # the copy has no .git to date its build from
        "NOTES_TESTED_SITE": str(project.parent / "site"),
    }
    command = [sys.executable, "-m", "pytest", "-n", "0", "-p", "no:randomly", "-p", "no:cacheprovider"]
    result = subprocess.run(
        [*command, *args], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    return result.returncode, result.stdout + result.stderr


def collected(project: Path, tests: set[str], epoch: str) -> set[str]:
    """The node ids among `tests` that the project's test files define."""
    files = sorted({test.split("::")[0] for test in tests if (project / test.split("::")[0]).is_file()})
    if not files:
        return set()
    _, output = pytest(project, ["--collect-only", "-q", *files], epoch)
    return tests & set(output.split())


def run_tests(project: Path, tests: tuple[str, ...] | list[str], epoch: str) -> tuple[dict[str, str], str]:
    """Run `tests`: each one's outcome (PASSED, FAILED, ERROR, ...), and the output."""
    _, output = pytest(project, ["-rA", "--tb=short", *tests], epoch)
    outcomes = {}
    for outcome, node in OUTCOME.findall(output):
        outcomes.setdefault(node, outcome)  # an error in teardown after a pass: the first one counts
        if outcome == "ERROR":
            outcomes[node] = outcome
    return outcomes, output


def judge(breakage: Breakage, outcomes: dict[str, str], output: str) -> str:
    missed = [t for t in breakage.tests if outcomes.get(t) not in {"FAILED", "ERROR"}]
    if missed:
        return "MISSED by " + ", ".join(short(t) for t in missed)
    if not re.search(breakage.expect, output):
        return f"failed, but not naming it (no {breakage.expect!r} in the output)"
    return "caught"


def short(test: str) -> str:
    return test.removeprefix("tests/").replace(".py::", "::")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list the breakages and their tests, run nothing")
    parser.add_argument("--only", action="append", metavar="NAME", help="run this breakage only (repeatable)")
    parser.add_argument("--commit", default="HEAD", help="the commit to break (default: HEAD)")
    parser.add_argument("--keep-logs", metavar="DIR", help="write each run's pytest output into DIR")
    options = parser.parse_args(argv)
    names = [b.name for b in BREAKAGES]
    unknown = sorted(set(options.only or []) - set(names))
    if unknown:
        parser.error(f"no breakage named {', '.join(unknown)}; --list shows them")
    chosen = [b for b in BREAKAGES if not options.only or b.name in options.only]
    if options.list:
        for b in chosen:
            print(f"{b.name}  [{b.page}]  {b.what}")
            for test in b.tests:
                print(f"    {test}")
        print(f"{len(chosen)} breakages")
        return 0

    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", options.commit],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    epoch = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%ct", commit],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    logs = Path(options.keep_logs) if options.keep_logs else None
    if logs:
        logs.mkdir(parents=True, exist_ok=True)
    print(f"breakages on {commit}, with {sys.executable}", flush=True)

    rows, failures = [], 0
    with tempfile.TemporaryDirectory(prefix="breakages-") as temporary:
        started = time.monotonic()
        project = extract(commit, Path(temporary) / "baseline")
        wanted = {t for b in chosen for t in b.tests}
        found = collected(project, wanted, epoch)
        outcomes, output = run_tests(project, sorted(found), epoch) if found else ({}, "")
        if logs:
            (logs / "baseline.log").write_text(output, encoding="utf-8")
        passing = {t for t in found if outcomes.get(t) == "PASSED"}
        baseline = f"{len(passing)} of {len(wanted)} named tests pass"
        rows.append(
            ("(baseline, unbroken)", "", f"{len(wanted)} tests", baseline, time.monotonic() - started)
        )
        if passing != wanted:
            failures += 1
            for test in sorted(wanted - passing):
                missing = "not run" if test in found else "not in this commit"
                print(f"baseline: {test}: {outcomes.get(test, missing)}")
        print(f"  baseline: {baseline} ({rows[-1][-1]:.0f} s)", flush=True)

        for index, breakage in enumerate(chosen):
            started = time.monotonic()
            tests = ", ".join(short(t) for t in breakage.tests)
            if not set(breakage.tests) <= passing:
                result = (
                    "void: its tests do not pass unbroken"
                    if set(breakage.tests) <= found
                    else "tests not in this commit"
                )
            else:
                project = extract(commit, Path(temporary) / str(index))
                try:
                    edited = [edit.apply(project) for edit in breakage.edits]
                except CannotApply as error:
                    result = f"cannot apply: {error}"
                else:
                    outcomes, output = run_tests(project, breakage.tests, epoch)
                    result = judge(breakage, outcomes, output)
                    moved = [p for p, e in zip(edited, breakage.edits, strict=True) if p != e.path]
                    if moved:
                        result += f" (edited {', '.join(moved)}: its former place)"
                    if logs:
                        (logs / f"{breakage.name}.log").write_text(output, encoding="utf-8")
                shutil.rmtree(project.parent)
            failures += not result.startswith("caught")
            rows.append((breakage.name, breakage.page, tests, result, time.monotonic() - started))
            print(f"  {breakage.name}: {result} ({rows[-1][-1]:.0f} s)", flush=True)

    print()
    print(f"Deliberate breakages on {commit} ({len(chosen)} breakages):")
    print()
    print("| breakage | page | tests that must catch it | result | s |")
    print("|---|---|---|---|---:|")
    for name, page, tests, result, seconds in rows:
        print(f"| {name} | {page} | {tests} | {result} | {seconds:.0f} |")
    caught = sum(row[3].startswith("caught") for row in rows[1:])
    print()
    print(f"{caught} of {len(chosen)} caught; baseline: {rows[0][3]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
