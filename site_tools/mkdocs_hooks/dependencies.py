"""What each page is made from, so that a `--dirty` rebuild renders only what an edit changed.

`nox -s serve` runs `mkdocs serve --dirty`: MkDocs then renders again only the pages whose own source
is newer than their HTML. A page is also made from the snippets it includes, the code-comment
translations (snippets/comments.toml) and, for an English page, its Chinese source (the stale-
translation notice); `mark_changed` tells MkDocs about those, so that editing one snippet renders
the pages (both languages) that include it, and nothing else. Execution follows: only the edited
snippet runs again (site_tools/execution caches by code).

What a dirty rebuild cannot see (a page's title changed in the nav, records/ or tests/ edited, an
include written anywhere but in a ```python fence at the start of a line) needs a full build: stop and
start the server, or run `nox -s build`. A first dirty build into a folder whose whole search index
was not saved by a dirty build (one a clean `mkdocs build` made) renders every page.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from site_tools import contract, layout
from site_tools.mkdocs_hooks import context
from site_tools.translation import code_comments

DIRTY_WARNING = "A 'dirty' build is being performed"


def sources(root: Path, src_uri: str, text: str) -> list[Path]:
    """The files a page (docs/<src_uri>, whose text is `text`) is rendered from, itself included."""
    found = [root / "docs" / src_uri]
    language, _, page = src_uri.partition("/")
    if src_uri.endswith(".md"):
        found += [root / include for fence in contract.fences_in(src_uri, text) for include in fence.includes]
    # read if they exist (a project without translations, a page without its Chinese source)
    optional = [root / code_comments.TRANSLATIONS]
    if language != layout.LANGUAGES[0]:
        optional.append(root / "docs" / layout.LANGUAGES[0] / page)
    return found + [path for path in optional if path.is_file()]


def _mtime(path: Path) -> float:
    try:
        return os.path.getmtime(path)
    except OSError:
        return float("inf")  # an included file missing: render the page again (it fails, naming it)


def _newest(root: Path, file) -> float:
    text = Path(file.abs_src_path).read_text(encoding="utf-8") if file.abs_src_path else ""
    return max(_mtime(path) for path in sources(root, file.src_uri, text))


def rendering(root: Path, file) -> None:
    """A page's rendering begins: remember how new its sources are now. A source saved while the page
    renders (its example running) is then newer than this, and the next rebuild renders it again."""
    key = (str(root), file.src_uri)
    # (project, src_uri) -> the newest modification time of the page's sources when its rendering began:
    # the serve session keeps it for the next rebuild (context.py)
    context.session.rendered_from[key] = _newest(root, file)
    context.session.failed.pop(key, None)


def failed(root: Path, src_uri: str) -> None:
    """The page shows a failing example (serve): render it again on the next rebuild, whatever changed
    (a time limit passed under load fails once and not again)."""
    context.session.failed[str(root), src_uri] = True  # the session keeps it for the next rebuild


def mark_changed(files, root: Path, *, everything: bool = False) -> list[str]:
    """Mark as modified (MkDocs' `File.is_modified`, which a dirty build asks) every page one of whose
    sources changed since its rendering began (else, in a new process: is newer than its HTML), and
    every page whose last rendering failed; `everything`: every page. Return their src_uris."""
    marked = []
    for file in files.documentation_pages():
        if not os.path.isfile(file.abs_dest_path):
            continue  # never built: MkDocs renders it anyway
        key = (str(root), file.src_uri)
        recorded = context.session.rendered_from.get(key)  # read: kept for the rebuild after this one
        changed = (
            everything
            or context.session.failed.get(key, False)
            or _newest(root, file)
            > (recorded if recorded is not None else os.path.getmtime(file.abs_dest_path))
        )
        if changed:
            file.is_modified = lambda: True
            marked.append(file.src_uri)
    return marked


class _DirtyWarningFilter(logging.Filter):
    """MkDocs warns that a dirty build may leave other pages' navigation stale; in strict mode that
    warning alone would abort every rebuild. `mark_changed` renders what an edit of a page's content
    changes; the warning is kept as an INFO line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and DIRTY_WARNING in record.getMessage():
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


_FILTER = _DirtyWarningFilter()  # process state: installed once on MkDocs' logger, which outlives builds


def allow_dirty_builds() -> None:
    """Install the filter on MkDocs' build logger (once)."""
    logger = logging.getLogger("mkdocs.commands.build")
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
