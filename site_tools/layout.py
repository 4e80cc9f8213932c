"""Where everything lives in the project: the one module that knows the folder layout.

    snippets/<topic>/<name>.py          an example (a page includes it; it runs at build time)
    tests/<topic>/test_<name>.py        its test, asserting the claims of the page on its objects
    docs/<language>/<topic>/<page>.md   a note, in Chinese (zh, the source) and English (en)
    docs/<language>/<topic>/<page>.ipynb  a note written as a notebook; its test is named after it
    records/torch-<release>.json        what each claim's tests gave on a torch release

The scaffold (site_tools/new.py), the contract tests, the upgrade report, the version page and the
benchmark all ask this module, so a new topic made by the scaffold is seen by all of them.
Every function takes the project's root: a build of a copy of the project passes the copy's.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""This repository (a build of another mkdocs.yml uses that file's folder instead)."""
LANGUAGES = ("zh", "en")
SOURCE_LANGUAGE = "zh"


def snippets_dir(root: Path) -> Path:
    return root / "snippets"


def snippet_path(root: Path, snippet_id: str) -> Path:
    """snippets/memory/x.py for the id `memory/x`."""
    return snippets_dir(root) / f"{snippet_id}.py"


def snippet_ids(root: Path) -> list[str]:
    """`memory/from_numpy_shares_memory` for snippets/memory/from_numpy_shares_memory.py."""
    snippets = snippets_dir(root)
    return sorted(
        p.relative_to(snippets).with_suffix("").as_posix()
        for p in snippets.rglob("*.py")
        if p.name != "__init__.py"
    )


def test_path(root: Path, snippet_id: str) -> Path:
    """tests/<topic>/test_<name>.py for a snippet id or a notebook note's id."""
    topic, _, name = snippet_id.rpartition("/")
    return root / "tests" / topic / f"test_{name}.py"


def language_dir(root: Path, language: str) -> Path:
    return root / "docs" / language


def page_path(root: Path, language: str, page: str) -> Path:
    """docs/<language>/<page> for a page path below the language folder (memory/x.md)."""
    return language_dir(root, language) / page


def pages(root: Path, language: str) -> list[str]:
    """Markdown page paths relative to the language folder, e.g. `memory/view_and_contiguity.md`."""
    folder = language_dir(root, language)
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))


def notebook_pages(root: Path, language: str) -> list[str]:
    """Notes written as notebooks, relative to the language folder, e.g. `memory/copy_or_share.ipynb`."""
    folder = language_dir(root, language)
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )


NEW_NOTE_MARKER = "TODO(new note)"
"""What the scaffold (site_tools/new.py) leaves to fill in; the checks fail while one is left."""
NOTEBOOK_METADATA_KEY = "pytorch_notes"
"""This project's key in a notebook's (and a cell's) metadata: which snippet, which Chinese text."""


def is_note_about_sharing(page: str) -> bool:
    """A note about memory sharing (under memory/, about indexing, or slicing): it draws a memory diagram."""
    return page.startswith("memory/") or "indexing" in page or page.endswith("slicing.md")


def note_id(page: str) -> str:
    """`memory/copy_or_share` for memory/copy_or_share.ipynb: what its test is named after."""
    return page.rsplit(".", 1)[0]


def topics(root: Path) -> list[str]:
    """The topics of the notes (folders under docs/zh/), e.g. ["memory", "tensor_ops"]."""
    source = language_dir(root, SOURCE_LANGUAGE)
    return sorted(p.name for p in source.iterdir() if p.is_dir()) if source.is_dir() else []


def claim_test_files(root: Path) -> list[Path]:
    """tests/<topic>/test_*.py for every topic: the tests that assert the pages' claims."""
    return sorted(
        path
        for topic in topics(root)
        for path in (root / "tests" / topic).glob("test_*.py")
        if path.is_file()
    )


def records_dir(root: Path) -> Path:
    return root / "records"


def reports_dir(root: Path) -> Path:
    return root / "reports"


PROJECT_PARTS = (
    "docs",
    "snippets",
    "overrides",
    "site_tools",
    "records",
    "tests",
    "mkdocs.yml",
    "pyproject.toml",
)
"""What a site build reads (tests/: the claims they assert, for the version page and notes)."""


def project_parts(root: Path) -> tuple[Path, ...]:
    return tuple(root / part for part in PROJECT_PARTS)


def display_path(root: Path, path: Path) -> str:
    """Project-relative path: never an absolute path in an output or message."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


# --- the checks (noxfile.py and benchmarks/check_speed.py read them here) --------------------------------

QUICK_CHECK = "not build and not browser and not kernel and not process"
"""pytest's -m for the quick check (`nox -s quick`): no site build, browser, kernel or fresh Python."""


PYTEST_WORKERS = ("-n", "auto")
"""pytest-xdist's option for both checks: a worker per core. For the quick check on two cores this was
measured against one process (whose claim-test modules already run on every core): 15.0 s against
17.0 s, median of three alternating runs (`benchmarks/check_speed.py --compare-workers`)."""
