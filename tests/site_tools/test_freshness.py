"""Translation freshness (site_tools/translation/freshness.py) on a small docs tree written by each test."""

from __future__ import annotations

import pytest

from site_tools.translation import freshness


@pytest.fixture
def root(tmp_path):
    (tmp_path / "docs" / "zh").mkdir(parents=True)
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "zh" / "page.md").write_text("# 标题\n\n正文。\n", encoding="utf-8")
    (tmp_path / "docs" / "en" / "page.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    return tmp_path


def test_unmarked_then_fresh_then_stale_then_fresh_again(root):
    assert freshness.status(root, "page.md") == "unmarked"
    freshness.mark(root, "page.md")
    assert freshness.status(root, "page.md") == "fresh"
    zh = root / "docs" / "zh" / "page.md"
    zh.write_text(zh.read_text(encoding="utf-8") + "新的一段。\n", encoding="utf-8")
    assert freshness.status(root, "page.md") == "stale"
    assert freshness.stale_pages(root) == ["page.md"]
    freshness.mark(root, "page.md")
    assert freshness.status(root, "page.md") == "fresh"
    assert freshness.stale_pages(root) == []


def test_mark_keeps_the_page_and_other_front_matter(root):
    en = root / "docs" / "en" / "page.md"
    en.write_text("---\ntitle: Custom\n---\n# Title\n\nText.\n", encoding="utf-8")
    freshness.mark(root, "page.md")
    freshness.mark(root, "page.md")
    text = en.read_text(encoding="utf-8")
    mark = freshness.source_hash(root, "page.md")
    assert text == f"---\ntitle: Custom\ntranslates: {mark}\n---\n# Title\n\nText.\n"


def test_a_missing_translation_is_reported_missing(root):
    (root / "docs" / "en" / "page.md").unlink()
    assert freshness.status(root, "page.md") == "missing"


def test_the_command_lists_stale_translations_and_succeeds(capsys):
    assert freshness.main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        ("stale translation: docs/en/", "every English page translates the current Chinese page")
    )
