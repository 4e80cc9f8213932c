"""What a page is made from, for `serve --dirty` (mkdocs_hooks/dependencies.py), on small projects."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_tools.mkdocs_hooks import context, dependencies


@dataclass
class FakeFile:  # the part of MkDocs' File the module reads
    src_uri: str
    abs_src_path: str
    abs_dest_path: str

    def is_modified(self) -> bool:
        return False


class FakeFiles:
    def __init__(self, files):
        self.files = files

    def documentation_pages(self):
        return self.files


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch):
    """What this test's `serve` session records (the process's stays untouched)."""
    monkeypatch.setattr(context, "session", context.Session())


@pytest.fixture
def project(tmp_path):
    """zh/a.md includes snippets/t/a.py, zh/b.md includes nothing; both built (HTML written)."""
    (tmp_path / "docs" / "zh").mkdir(parents=True)
    (tmp_path / "snippets" / "t").mkdir(parents=True)
    (tmp_path / "snippets" / "t" / "a.py").write_text("print(1)\n")
    (tmp_path / "docs" / "zh" / "a.md").write_text(
        '# A\n\n```python exec="on" id="t/a"\n--8<-- "snippets/t/a.py"\n```\n'
    )
    (tmp_path / "docs" / "zh" / "b.md").write_text("# B\n")
    files = []
    for name in ("a", "b"):
        dest = tmp_path / "site" / name / "index.html"
        dest.parent.mkdir(parents=True)
        files.append(FakeFile(f"zh/{name}.md", str(tmp_path / "docs" / "zh" / f"{name}.md"), str(dest)))
    return tmp_path, files


def at(path: Path, seconds: float) -> None:
    path.touch()
    os.utime(path, (seconds, seconds))


def test_a_snippet_saved_while_its_page_renders_is_rendered_again(project):
    root, files = project
    for file in files:
        at(root / "docs" / file.src_uri, 1000)
    at(root / "snippets" / "t" / "a.py", 1000)
    for file in files:
        dependencies.rendering(root, file)  # rendering begins
    at(root / "snippets" / "t" / "a.py", 1001)  # saved while the example runs
    for file in files:
        at(Path(file.abs_dest_path), 1002)  # the HTML written after: newer than the save
    assert dependencies.mark_changed(FakeFiles(files), root) == ["zh/a.md"]
    # the counter-case: comparing with the HTML alone (a new process, nothing recorded) misses it
    context.session.rendered_from.clear()
    assert dependencies.mark_changed(FakeFiles(files), root) == []


def test_a_page_that_showed_a_failure_is_rendered_again_until_it_renders_cleanly(project):
    root, files = project
    for file in files:
        at(root / "docs" / file.src_uri, 1000)
        at(Path(file.abs_dest_path), 1002)
        dependencies.rendering(root, file)
    at(root / "snippets" / "t" / "a.py", 1000)
    assert dependencies.mark_changed(FakeFiles(files), root) == []
    dependencies.failed(root, "zh/b.md")  # a time limit passed under load, say
    assert dependencies.mark_changed(FakeFiles(files), root) == ["zh/b.md"]
    dependencies.rendering(root, files[1])  # rendered again (cleanly: no new failure reported)
    assert dependencies.mark_changed(FakeFiles(files), root) == []
    assert dependencies.mark_changed(FakeFiles(files), root, everything=True) == ["zh/a.md", "zh/b.md"]


def test_a_pages_sources_are_itself_its_snippets_the_translations_and_for_english_its_chinese(project):
    root, _ = project
    (root / "snippets" / "comments.toml").write_text("")
    (root / "docs" / "en").mkdir()
    text = (root / "docs" / "zh" / "a.md").read_text()
    assert dependencies.sources(root, "zh/a.md", text) == [
        root / "docs" / "zh" / "a.md",
        root / "snippets" / "t" / "a.py",
        root / "snippets" / "comments.toml",
    ]
    assert dependencies.sources(root, "en/a.md", text)[-1] == root / "docs" / "zh" / "a.md"
