"""One build state (site_tools/mkdocs_hooks/context.py): builds of a small project in this process, as
`mkdocs serve` rebuilds it. Each build starts from a state of its own; what outlives it is the serve
session's, which keeps only what the last build used."""

from __future__ import annotations

import copy
import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority

from site_tools.execution import pool
from site_tools.mkdocs_hooks import context
from tests.site_tools.test_examples_in_a_build import MKDOCS_YML, page_including

BAD_OPTION = '```python exec="on" id="t/a" colour="red"\n--8<-- "snippets/t/a.py"\n```\n'
"""A block with an option no block may use: a build stops at it (under serve, it shows on its page)."""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project of two pages, a.md and b.md, each including its own snippet, built in this process
    (without running the examples: NOTES_EXECUTE=0) by a session of this test's own."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.setenv("NOTES_EXECUTE", "0")
    monkeypatch.chdir(tmp_path)  # where pymdownx.snippets looks (base_path ".")
    monkeypatch.setattr(context, "session", context.Session())
    monkeypatch.setattr(pool, "runs", pool.Runs())
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "snippets" / "t").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    for name in ("a", "b"):
        (tmp_path / "snippets" / "t" / f"{name}.py").write_text(f"print({name!r})\n", encoding="utf-8")
        page(tmp_path, name, page_including(f"t/{name}"))
    return tmp_path


def page(root: Path, name: str, text: str) -> None:
    (root / "docs" / f"{name}.md").write_text(text, encoding="utf-8")


class Probe(BasePlugin):
    """Takes a copy of the build state when the build has just started (after the hooks' on_config)."""

    def __init__(self) -> None:
        super().__init__()
        self.at_start: list[context.Build] = []

    @event_priority(-1000)
    def on_config(self, config):
        self.at_start.append(copy.deepcopy(context.current()))
        return config


def build_here(root: Path, *, probe: Probe | None = None, dirty: bool = False) -> None:
    """`mkdocs build` of the project at `root`, in this process (as each `mkdocs serve` rebuild is)."""
    config = load_config(config_file=str(root / "mkdocs.yml"))
    if probe is not None:
        config.plugins["probe"] = probe
    build(config, dirty=dirty)


def test_a_build_that_stopped_leaves_nothing_to_the_next_build(project):
    # build 1 stops at a.md's second block, after the hooks set a.md's Markdown aside for its notebook
    page(project, "a", page_including("t/a") + "\n" + BAD_OPTION)
    with pytest.raises(Abort):
        build_here(project)
    # the author drops a.md's examples; the next build must not make a notebook of what it said before
    page(project, "a", "# A\n\nNo example any more.\n")
    build_here(project)
    assert "notebook-download" not in (project / "site" / "a" / "index.html").read_text(encoding="utf-8")
    assert not (project / "site" / "a" / "a.ipynb").exists()
    # the counter-case: b.md, which includes an example, has its notebook and the button
    assert "notebook-download" in (project / "site" / "b" / "index.html").read_text(encoding="utf-8")
    assert (project / "site" / "b" / "b.ipynb").is_file()


def test_a_second_build_in_the_same_process_starts_from_a_clean_build_state(project):
    probe = Probe()
    build_here(project, probe=probe)
    assert context.session.builds == [], "between builds there is no build state"
    with pytest.raises(RuntimeError, match="no MkDocs build is being made"):
        context.current()
    page(project, "a", page_including("t/a") + "\n" + BAD_OPTION)
    with pytest.raises(Abort):
        build_here(project, probe=probe)  # stopped with a.md's Markdown set aside and a.md being rendered
    assert context.session.builds == []
    page(project, "a", page_including("t/a"))
    build_here(project, probe=probe)
    fresh = context.Build(root=project, execute=False, watch=probe.at_start[0].watch)
    assert probe.at_start == [fresh, fresh, fresh], "each build starts from a state of its own"


def test_the_session_keeps_only_what_the_last_build_used(project):
    build_here(project)
    assert sorted(shown for shown, _ in context.session.fences) == ["print('a')\n", "print('b')\n"]
    assert len(context.session.page_notebooks) == 2
    page(project, "b", "# B\n\nNo example any more.\n")  # a serve rebuild after this edit
    build_here(project)
    assert [shown for shown, _ in context.session.fences] == ["print('a')\n"]
    assert len(context.session.page_notebooks) == 1
    # the counter-case: what the build used is kept, not rendered again (the same entry, the same object)
    kept = context.session.fences[next(iter(context.session.fences))]
    build_here(project)
    assert context.session.fences[next(iter(context.session.fences))] is kept


def test_a_nested_build_uses_its_parents_round_and_a_failed_build_forgets_nothing(tmp_path, monkeypatch):
    """mkdocs-static-i18n builds the English site inside the Chinese build's on_post_build: what either
    uses is kept; the next build's use decides what stays; a build that failed used only part."""
    monkeypatch.setattr(context, "session", context.Session())
    monkeypatch.setattr(pool, "runs", pool.Runs())
    session = context.session

    def one_build(*uses: str, nested: str = "", completed: bool = True) -> None:
        outer = context.start(context.Build(root=tmp_path))
        for key in uses:
            session.fences[key] = session.fences.get(key, key.upper())
            pool.result(key, lambda key=key: key.upper(), kind="snippet")
        if nested:
            inner = context.start(context.Build(root=tmp_path, nested=True))
            assert context.current() is inner
            session.fences[nested] = nested.upper()
            pool.result(nested, lambda: nested.upper(), kind="snippet")
            context.end(completed=completed)
        assert context.current() is outer
        context.end(completed=completed)

    one_build("zh only", "both", nested="en only")
    assert set(session.fences) == set(pool.runs.results) == {"zh only", "both", "en only"}
    one_build("both")
    assert set(session.fences) == set(pool.runs.results) == {"both"}
    one_build("new", completed=False)
    assert set(session.fences) == set(pool.runs.results) == {"both", "new"}
    assert session.builds == []


def test_under_serve_dirty_a_page_that_showed_a_failure_is_rendered_again_by_the_next_rebuild(
    project, caplog
):
    """What a `--dirty` rebuild must know about the build before it outlives that build (the session's)."""
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=True)
    page(project, "a", page_including("t/a") + "\n" + BAD_OPTION)
    build_here(project, dirty=True)  # under serve: the error is shown on a.md, and the build goes on
    assert "uses option(s) colour" in (project / "site" / "a" / "index.html").read_text(encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.examples"):
        build_here(project, dirty=True)  # nothing edited
    assert "dirty build: 1 page(s) rendered again for what they include: ['a.md']" in caplog.text
