"""The state of the MkDocs build: one object per build, one for the serve session; the rest is process state.

- `Build`, one per build: what the hooks know and the executed fence needs (markdown-exec calls the
  fence formatter with the fence alone): the project and its settings, the page being rendered, and
  what one page event hands to a later one (a notebook page's start time, a note's Markdown as
  written). on_config makes it and `start`s it (under `mkdocs serve`, every rebuild), `end` drops it
  (on_post_build, on_build_error); `current()` is the build being made, and between builds there is
  none. mkdocs-static-i18n builds the English site inside the Chinese build's on_post_build: that
  build has a `Build` of its own, on top of its parent's, dropped when it ends.
- `session`, one per process (one `mkdocs build`, or `mkdocs serve` and all its rebuilds): what must
  outlive a build by design. Whether this is `serve` and `--dirty` (on_startup, which MkDocs calls
  once); what a `--dirty` rebuild needs to know about the builds before it (dependencies.py:
  `rendered_from`, `failed`); the caches keyed on what they depend on, so that a rebuild after one
  edit redoes only what the edit changed: the examples' runs (site_tools/execution/pool.py's `runs`,
  which knows no MkDocs: `session.examples`), blocks' HTML (`fences`: fence.py), pages' notebooks
  (`page_notebooks`: site_tools/notebooks), mkdocs-jupyter's HTML (`notebook_html`:
  plugin_fixes.py); and the counts of notebook pages the build log reports. Each cache is bounded:
  what a whole build (its nested English build included) did not use is dropped when it ends.
- Process facts, not build state, stay in their modules, each with a comment saying so: the forkserver
  and the sandbox probe (execution/isolated.py), the C library's handle (execution/sandbox.py), the
  baseline of the global state every run starts from, the installed versions and the in-process runs
  of tests (execution/runner.py; the build never uses the last), the example threads
  (execution/pool.py), the execution counts of the log line (execution.stats), compiled templates
  (template_cache.py: one per template), the filter for MkDocs' dirty-build warning
  (dependencies.py), the fixes plugin_fixes.py installs once into third-party plugins, bounded caches
  of files read, keyed on their text or modification times (translation/code_comments.py, claims.py,
  verified.py), and the serve logger below.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_tools import layout
from site_tools.execution import DEFAULT_TIMEOUT_S, pool


@dataclass
class Build:
    """One build: made by `start` (on_config), dropped by `end` (on_post_build, on_build_error)."""

    root: Path = layout.ROOT  # the folder of the mkdocs.yml being built
    timeout_s: float = DEFAULT_TIMEOUT_S  # extra.examples.timeout_s in mkdocs.yml
    execute: bool = True  # NOTES_EXECUTE=0 renders code without running it (benchmark, some tests)
    serving: bool = False  # under `mkdocs serve`: a failing example is shown in place, not fatal
    dirty: bool = False  # `--dirty`: pages rendered again only when what they are made from changed
    watch: tuple[Path, ...] = ()  # what an example may not touch: the project and the site being built
    page: str = "?"  # src_uri of the page being rendered, e.g. zh/memory/x.md
    source: Path | None = None  # its file (the fence's errors name a line of it)
    language: str = "zh"
    nested: bool = False  # built inside another build's on_post_build (mkdocs-static-i18n's other language)
    notebook_started: dict[str, float] = field(default_factory=dict)  # src_uri -> on_pre_page's clock
    note_sources: dict[str, str] = field(default_factory=dict)
    """src_uri -> the Markdown of a note page as written (before the hooks add notices), from
    on_page_markdown to on_page_content, which makes the page's notebook of it."""


class Kept(MutableMapping):
    """A cache of the session: an entry that a whole build did not read or write is dropped when the
    build ends (`forget_unused`), so a long `mkdocs serve` keeps what its last build used, no more."""

    def __init__(self) -> None:
        self._entries: dict[Hashable, Any] = {}
        self._used: set[Hashable] = set()

    def __getitem__(self, key: Hashable) -> Any:
        value = self._entries[key]
        self._used.add(key)
        return value

    def __setitem__(self, key: Hashable, value: Any) -> None:
        self._entries[key] = value
        self._used.add(key)

    def __delitem__(self, key: Hashable) -> None:
        del self._entries[key]

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def new_round(self) -> None:
        """A build starts: from here on, what it uses is what `forget_unused` keeps."""
        self._used.clear()

    def forget_unused(self) -> None:
        for key in self._entries.keys() - self._used:
            del self._entries[key]


@dataclass
class Session:
    """What outlives one build, by design (see the module's docstring); one per process: `session`."""

    serving: bool = False  # `mkdocs serve` (on_startup)
    dirty: bool = False  # `--dirty` (on_startup)
    builds: list[Build] = field(default_factory=list)  # the builds being made, innermost last
    rendered_from: Kept = field(default_factory=Kept)  # dependencies.py: how new a page's sources were
    failed: Kept = field(default_factory=Kept)  # dependencies.py: pages that showed a failure (serve)
    fences: Kept = field(default_factory=Kept)  # fence.py: a block's HTML, by (code shown, output HTML)
    page_notebooks: Kept = field(default_factory=Kept)  # notebooks: a note's notebook, by what it is made of
    notebook_html: Kept = field(default_factory=Kept)  # plugin_fixes.py: mkdocs-jupyter's HTML of a notebook
    notebook_pages: int = 0  # notebook pages built in this process (in the build log, which benchmarks read)
    notebook_seconds: float = 0.0  # their time from on_pre_page (execution) to on_page_content

    @property
    def examples(self) -> pool.Runs:
        """The examples' runs: site_tools/execution/pool.py's, which knows no MkDocs."""
        return pool.runs

    def caches(self) -> tuple[Kept, ...]:
        return (self.rendered_from, self.failed, self.fences, self.page_notebooks, self.notebook_html)


session = Session()  # the serve session: one per process, what outlives a build


def start(build: Build) -> Build:
    """A build starts (on_config): it is `current()` until it ends. A build that is not nested starts
    a round of the session's caches (what it and its nested builds use is what they keep) and drops
    whatever an interrupted build left."""
    build.serving, build.dirty = session.serving, session.dirty
    if build.nested:
        session.builds.append(build)
        return build
    session.builds[:] = [build]
    for cache in session.caches():
        cache.new_round()
    pool.new_build()
    return build


def end(*, completed: bool) -> None:
    """The current build ends (on_post_build: `completed`; on_build_error: not) and is dropped. When
    the outermost build completes, the session's caches forget what it did not use; a failed build
    used only part of them: they keep everything until a build completes."""
    if not session.builds:
        return  # on_build_error after on_post_build (strict mode's warnings), or before on_config ran
    build = session.builds.pop()
    if completed and not build.nested:
        for cache in session.caches():
            cache.forget_unused()
        pool.forget_unused()


def current() -> Build:
    """The build being made (the innermost, under mkdocs-static-i18n)."""
    if not session.builds:
        raise RuntimeError("no MkDocs build is being made: the hooks' on_config starts one")
    return session.builds[-1]


# Process state: under `mkdocs serve`, a failing example is reported outside MkDocs' own loggers: in
# strict mode MkDocs counts their warnings and would abort the whole preview ("The server will appear stuck").
serve_log = logging.getLogger("pytorch_notes.serve")
if not serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    serve_log.addHandler(_handler)
    serve_log.propagate = False
