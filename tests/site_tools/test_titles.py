"""site_tools/titles.py: nav titles from mkdocs.yml, page titles, and the rules they follow."""

from __future__ import annotations

import pytest

from site_tools import titles

MKDOCS_YML = """\
site_name: 站名
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
plugins:
  - search
  - i18n:
      languages:
        - locale: zh
          default: true
        - locale: en
          site_name: Site Name
          nav_translations:
            首页: Home
            内存共享: Memory Sharing
            切片: Slicing
nav:
  - 首页: index.md
  - 内存共享:
      - 切片: memory/slicing.md
      - 未翻译: memory/untranslated.md
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: python
          format: !!python/name:site_tools.mkdocs_hooks.fence.formatter
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for language, title in (("zh", "切片"), ("en", "Slicing")):
        page = tmp_path / "docs" / language / "memory" / "slicing.md"
        page.parent.mkdir(parents=True)
        page.write_text(f"---\ntranslates: 0\n---\n\n# {title} {{ #top }}\n\nText.\n", encoding="utf-8")
    return tmp_path


def test_nav_titles_of_each_language_from_mkdocs_yml(project):
    assert titles.nav_titles(project, "zh") == {
        "index.md": "首页",
        "memory/slicing.md": "切片",
        "memory/untranslated.md": "未翻译",
    }
    assert titles.nav_titles(project, "en") == {
        "index.md": "Home",
        "memory/slicing.md": "Slicing",
        "memory/untranslated.md": "未翻译",
    }
    assert titles.nav_sections(project, "en") == ["Memory Sharing"]
    assert titles.site_name(project, "zh") == "站名"
    assert titles.site_name(project, "en") == "Site Name"


def test_a_pages_heading_without_its_anchor(project):
    assert titles.heading(project, "zh", "memory/slicing.md") == "切片"
    assert titles.heading(project, "en", "memory/slicing.md") == "Slicing"


@pytest.mark.parametrize(
    ("nav", "heading", "agree"),
    [
        ("Slicing", "Slicing", True),
        ("Copy or Share", "Copy or Share? Creating Tensors from Data", True),
        ("复制还是共享", "从数据创建张量：复制还是共享", True),
        ("Copy", "Copy or Share", False),
        ("Slicing", "Slices", False),
    ],
)
def test_a_nav_title_agrees_with_the_heading_or_its_part_before_or_after_a_colon(nav, heading, agree):
    assert titles.agrees(nav, heading) is agree


@pytest.mark.parametrize(
    ("title", "wrong"),
    [
        ("A Small View Keeps the Whole Storage", []),
        ("A Tensor Is Storage + Shape + Stride + Offset", []),
        ("In-Place Operations", []),
        ("view() and Contiguity", []),
        ("permute() and contiguous()", []),
        ("Copy or Share? Creating Tensors from Data", []),
        ("The Model: a Tensor", ["a"]),
        ("In-place operations", ["In-place", "operations"]),
        ("A small view keeps the whole storage", ["small", "view", "keeps", "whole", "storage"]),
        ("Views And Copies", ["And"]),
        ("the Start", ["the"]),
    ],
)
def test_title_case(title, wrong):
    assert titles.not_title_case(title) == wrong
