"""A bad example fails `mkdocs build` with one message naming the snippet and the page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import site_tools

HOOKS = Path(site_tools.__file__).parent / "mkdocs_hooks.py"
pytestmark = pytest.mark.build

MKDOCS_YML = f"""
site_name: t
hooks: [{HOOKS}]
markdown_extensions:
  - pymdownx.snippets: {{base_path: ["."], check_paths: true}}
  - pymdownx.superfences:
      custom_fences:
        - name: python
          class: python
          validator: !!python/name:markdown_exec.validator
          format: !!python/name:site_tools.examples.formatter
"""


def build(tmp_path: Path, page: str, snippets: dict[str, str], *, strict: bool = False):
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    for name, code in snippets.items():
        path = tmp_path / "snippets" / f"{name}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else [])]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env, check=False)


def page_including(snippet_id: str) -> str:
    return f'# T\n\n```python exec="on" id="{snippet_id}"\n--8<-- "snippets/{snippet_id}.py"\n```\n'


def test_a_good_example_builds_and_renders_its_output(tmp_path):
    result = build(tmp_path, page_including("t/good"), {"t/good": "print(6 * 7)\n"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<pre><code>42\n</code></pre></details>" in html


def test_a_raising_example_fails_a_plain_build(tmp_path):
    result = build(tmp_path, page_including("t/bad"), {"t/bad": "x = 1\ny = x / 0\n"})
    assert result.returncode != 0
    assert (
        "snippets/t/bad.py:2: the example raised ZeroDivisionError: division by zero. "
        "Fix the snippet, or catch and print an error the page means to show. (in page index.md)"
    ) in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_an_undeclared_warning_fails_the_build(tmp_path):
    code = "import warnings\nwarnings.warn('going away', DeprecationWarning)\n"
    result = build(tmp_path, page_including("t/warns"), {"t/warns": code})
    assert result.returncode != 0
    assert "snippets/t/warns.py:2: DeprecationWarning: going away -- an undeclared warning" in result.stderr


def test_a_missing_snippet_fails_the_build(tmp_path):
    result = build(tmp_path, page_including("t/absent"), {})
    assert result.returncode != 0
    assert "snippets/t/absent.py" in result.stderr


def test_a_block_without_id_fails_the_build(tmp_path):
    page = '# T\n\n```python exec="on"\n--8<-- "snippets/t/good.py"\n```\n'
    result = build(tmp_path, page, {"t/good": "print(1)\n"})
    assert result.returncode != 0
    assert 'page index.md: an executed block has no id. Add id="<topic>/<snippet name>"' in result.stderr


def test_an_id_that_names_another_snippet_fails_the_build(tmp_path):
    page = '# T\n\n```python exec="on" id="t/other"\n--8<-- "snippets/t/good.py"\n```\n'
    result = build(tmp_path, page, {"t/good": "print(1)\n", "t/other": "print(2)\n"})
    assert result.returncode != 0
    assert 'the block with id="t/other" must contain exactly --8<-- "snippets/t/other.py"' in result.stderr
