"""Examples inside a real `mkdocs build` of a small project.

A bad example fails the build with one message naming the snippet (file:line) and the page;
an example that prints markup or changes global state renders safely and changes nothing else.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

import site_tools

HOOKS = Path(site_tools.__file__).parent / "mkdocs_hooks" / "hooks.py"
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
          validator: !!python/name:site_tools.mkdocs_hooks.fence.validator
          format: !!python/name:site_tools.mkdocs_hooks.fence.formatter
"""


def build(
    tmp_path: Path,
    page: str | dict[str, str],
    snippets: dict[str, str],
    *,
    strict: bool = False,
    dirty: bool = False,
    extensions: tuple[str, ...] = (),
    theme: str = "",
):
    """Build a project of `page` (index.md) or {file name: page}, with the given snippets (added to
    what an earlier call wrote), Markdown `extensions` besides snippets and superfences, and a `theme`
    (MkDocs' own if none)."""
    pages = {"index.md": page} if isinstance(page, str) else page
    config = MKDOCS_YML.replace(
        "markdown_extensions:\n", "markdown_extensions:\n" + "".join(f"  - {e}\n" for e in extensions)
    )
    config += f"theme: {theme}\n" if theme else ""
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    for name, text in pages.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    for name, code in snippets.items():
        path = tmp_path / "snippets" / f"{name}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        *(["--strict"] if strict else []),
        *(["--dirty"] if dirty else []),
    ]
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
        "snippets/t/bad.py:2: raised ZeroDivisionError: division by zero. "
        "Fix the code, or catch and print an error the page means to show. (in page index.md)"
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
    message = 'page index.md, line 3: an executed block has no id. Add id="<topic>/<snippet name>"'
    assert message in result.stderr


def test_an_id_that_names_another_snippet_fails_the_build(tmp_path):
    page = '# T\n\n```python exec="on" id="t/other"\n--8<-- "snippets/t/good.py"\n```\n'
    result = build(tmp_path, page, {"t/good": "print(1)\n", "t/other": "print(2)\n"})
    assert result.returncode != 0
    assert 'the block with id="t/other" must contain exactly --8<-- "snippets/t/other.py"' in result.stderr


def test_a_hung_example_fails_the_build_at_its_time_limit(tmp_path):
    page = '# T\n\n```python exec="on" id="t/hangs" timeout="1"\n--8<-- "snippets/t/hangs.py"\n```\n'
    result = build(tmp_path, page, {"t/hangs": "import time\n\nwhile True:\n    time.sleep(0.1)\n"})
    assert result.returncode != 0
    assert "snippets/t/hangs.py:4: ran past its time limit of 1 s (stopped here)." in result.stderr
    assert "(in page index.md)" in result.stderr


def output_blocks(html_file: Path) -> list[str]:
    return re.findall(
        r'<details class="example-output"[^>]*>.*?</details>', html_file.read_text(encoding="utf-8"), re.S
    )


GOOD = {"a_good.md": page_including("t/reader")}
READER = (
    "import numpy as np\nimport torch\n\n"
    "print(torch.tensor([1 / 3]), np.array([1 / 3]), torch.get_default_dtype())\n"
    "print(torch.rand(2), torch.is_grad_enabled())\n"
)


@pytest.fixture(scope="module")
def good_page_alone(tmp_path_factory) -> list[str]:
    """The good page's output block, built without any other page (once for all the misbehavers)."""
    folder = tmp_path_factory.mktemp("alone")
    result = build(folder, GOOD, {"t/reader": READER})
    assert result.returncode == 0, result.stderr
    blocks = output_blocks(folder / "site" / "a_good" / "index.html")
    assert len(blocks) == 1
    return blocks


MARKUP = (
    "print('<script>alert(1)</script></code></pre></details>')\n"
    "print('**not bold** <b>not bold</b> [not a link](x.html)')\n"
    "print('\\x1b[31mred\\x1b[0m', 'x' * 500)\n"
)
POLLUTER = (
    "import numpy as np\nimport torch\n\n"
    "torch.set_default_dtype(torch.float64)\ntorch.set_printoptions(precision=1)\n"
    "np.set_printoptions(precision=1)\ntorch.set_grad_enabled(False)\ntorch.manual_seed(1234)\n"
)


PATCHER = "import torch\n\ntorch.Tensor.__repr__ = lambda self: 'a lie'\nprint(torch.ones(1))\n"
THREAD = (
    "import threading\nimport time\n\n\ndef spam():\n    while True:\n        print('SPAM')\n"
    "        time.sleep(0.001)\n\n\nthreading.Thread(target=spam, daemon=True).start()\n"
    "threading.Thread(target=time.sleep, args=(3600,)).start()\ntime.sleep(0.05)\n"
)
BIDI = "print('abc\\u202edef', '\\x85', 'done')\n"


@pytest.mark.parametrize(
    ("name", "code"),
    [("markup", MARKUP), ("polluter", POLLUTER), ("patcher", PATCHER), ("thread", THREAD), ("bidi", BIDI)],
)
def test_a_misbehaving_example_renders_safely_and_changes_nothing_else(tmp_path, good_page_alone, name, code):
    # "0_..." sorts first, so it is built before the good page
    pages = {**GOOD, f"0_{name}.md": page_including(f"t/{name}")}
    result = build(tmp_path, pages, {"t/reader": READER, f"t/{name}": code})
    assert result.returncode == 0, result.stderr
    assert output_blocks(tmp_path / "site" / "a_good" / "index.html") == good_page_alone
    [block] = output_blocks(tmp_path / "site" / f"0_{name}" / "index.html")
    if name == "markup":
        assert "<script>" not in block
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/code&gt;&lt;/pre&gt;&lt;/details&gt;" in block
        assert "**not bold** &lt;b&gt;not bold&lt;/b&gt; [not a link](x.html)" in block
        assert "\u241b[31mred\u241b[0m" in block
        assert "x" * 500 in block
    if name == "bidi":  # shown, never obeyed: a reader sees what the text holds
        assert "abc⟨U+202E⟩def ⟨U+0085⟩ done" in block


def test_an_example_that_ends_the_process_fails_the_build(tmp_path):
    code = "import os\n\nprint('about to leave')\nos._exit(0)\n"
    result = build(tmp_path, page_including("t/leaves"), {"t/leaves": code})
    assert result.returncode != 0
    assert (
        "snippets/t/leaves.py: the example ended its process without reporting: os._exit()" in result.stderr
    )
    assert not (tmp_path / "site" / "index.html").exists()


def test_an_example_that_rewrites_another_snippet_fails_naming_it(tmp_path):
    target = tmp_path / "snippets" / "t" / "victim.py"
    code = f"import pathlib\n\npathlib.Path({str(target)!r}).write_text('print(0)')\n"
    pages = {"index.md": page_including("t/tamper"), "z.md": page_including("t/victim")}
    result = build(tmp_path, pages, {"t/tamper": code, "t/victim": "print(1)\n"})
    assert result.returncode != 0
    # in the sandbox the project is read-only (here, under /tmp, not even there): the write itself fails;
    # without one (NOTES_TRUSTED=1) the build sees the change after the fact
    assert re.search(r"snippets/t/tamper\.py(:3: raised|: changed, created or deleted files)", result.stderr)
    assert "snippets/t/victim.py" in result.stderr
    assert target.read_text(encoding="utf-8") == "print(1)\n"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ('title="<img src=x onerror=alert(1)>"', "uses option(s) title; an executed block may use only"),
        ('colour="red"', "uses option(s) colour; an executed block may use only exec, id, timeout"),
        ('source="tabbed-left"', "uses option(s) source"),
        ('timeout="0"', 'timeout="0" on id="t/good" must be a number of seconds above 0'),
        ('timeout="never"', 'timeout="never" on id="t/good" must be a number of seconds'),
        # the page, the line and the closest allowed option
        (
            'diagrm="x"',
            'page index.md, line 3: the block with id="t/good" uses option(s) diagrm (did you mean '
            "diagram?); an executed block may use only exec, id, timeout, diagram, view_table, "
            "compare_table. Correct or remove the others.",
        ),
        ('timout="5" colour="red"', "uses option(s) colour, timout (did you mean timeout?);"),
        # markdown-exec's own options, even at its default value (its validator is wrapped, not copied)
        # (and returncode="x", on which markdown-exec's validator raises: the block went unexecuted)
        ('html="no" returncode="x"', "uses option(s) html, returncode;"),
    ],
)
def test_fence_options_are_an_allow_list(tmp_path, options, message):
    page = f'# T\n\n```python exec="on" id="t/good" {options}\n--8<-- "snippets/t/good.py"\n```\n'
    result = build(tmp_path, page, {"t/good": "print(1)\n"})
    assert result.returncode != 0
    assert message in result.stderr
    written = [path.read_text(encoding="utf-8") for path in tmp_path.glob("site/**/*.html")]
    assert not any("onerror" in html for html in written)


def test_output_that_cannot_be_written_fails_naming_the_snippet(tmp_path):
    result = build(tmp_path, page_including("t/surrogate"), {"t/surrogate": "print('\\ud800')\n"})
    assert result.returncode != 0
    assert (
        "snippets/t/surrogate.py (in page index.md): contains '\\ud800', which cannot be written"
        in result.stderr
    )


def test_a_dirty_rebuild_renders_again_only_the_pages_that_include_the_edited_snippet(tmp_path):
    """`--dirty` (what `nox -s serve` uses): MkDocs alone would render no page again after a snippet
    edit (no page's own file changed); mkdocs_hooks/dependencies.py marks the pages including it."""
    pages = {"index.md": page_including("t/a"), "other.md": page_including("t/b")}
    result = build(tmp_path, pages, {"t/a": "print('first')\n", "t/b": "print('other')\n"}, dirty=True)
    assert result.returncode == 0, result.stderr
    index, other = tmp_path / "site" / "index.html", tmp_path / "site" / "other" / "index.html"
    other_built = other.stat().st_mtime_ns
    (tmp_path / "snippets" / "t" / "a.py").write_text("print('second')\n", encoding="utf-8")
    result = build(tmp_path, {}, {}, dirty=True)
    assert result.returncode == 0, result.stderr
    assert "<pre><code>second\n</code></pre>" in index.read_text(encoding="utf-8")
    assert other.stat().st_mtime_ns == other_built  # not rendered again
    assert "dirty build: 1 page(s) rendered again for what they include: ['index.md']" in result.stderr
    # the counter-case: with nothing edited, nothing is rendered again
    result = build(tmp_path, {}, {}, dirty=True)
    assert "dirty build: 0 page(s)" in result.stderr


def test_a_dirty_build_into_a_clean_builds_folder_renders_every_page_once(tmp_path):
    """A clean build saves no whole search index: the first dirty build after it renders every page
    (its index would otherwise list only the pages rendered again); the next one only what changed."""
    pages = {"index.md": page_including("t/a"), "other.md": page_including("t/b")}
    assert build(tmp_path, pages, {"t/a": "print(1)\n", "t/b": "print(2)\n"}).returncode == 0
    result = build(tmp_path, {}, {}, dirty=True)
    assert "dirty build: 2 page(s)" in result.stderr
    result = build(tmp_path, {}, {}, dirty=True)
    assert "dirty build: 0 page(s)" in result.stderr


@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "serve --dirty"])
def test_under_serve_a_failing_example_shows_on_its_page_and_the_site_stays_served(tmp_path, dirty):
    """`mkdocs serve` reports the failure in the terminal and in place of the output, keeps serving the
    other pages, and shows the output once the snippet is fixed; `mkdocs build` still fails on it."""
    import socket
    import time
    import urllib.request

    pages = {"index.md": page_including("t/bad"), "other.md": page_including("t/good")}
    snippets = {"t/bad": "x = 1\nraise RuntimeError('broken on purpose')\n", "t/good": "print(6 * 7)\n"}
    assert build(tmp_path, pages, snippets, strict=True).returncode != 0  # a build never publishes it
    with (tmp_path / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("watch: [snippets]\n")  # as the site's mkdocs.yml
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )

    def fetch(path: str, wanted: str, seconds: float = 60) -> str:
        deadline, body = time.monotonic() + seconds, ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                    body = response.read().decode()
                if wanted in body:
                    return body
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"/{path} never showed {wanted!r}; last body: {body[:300]!r}")

    try:
        failing = fetch("", "example-failure")
        assert "snippets/t/bad.py:2: raised RuntimeError: broken on purpose" in failing
        assert "(in page index.md)" in failing
        assert "<pre><code>42\n</code></pre>" in fetch("other/", "42")  # the rest of the site is served
        (tmp_path / "snippets" / "t" / "bad.py").write_text("print('fixed')\n", encoding="utf-8")
        fixed = fetch("", "fixed\n</code></pre>")
        assert "example-failure" not in fixed
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0]
    assert "WARNING" in log
    assert "snippets/t/bad.py:2: raised RuntimeError: broken on purpose" in log


def test_a_fence_error_names_the_line_in_the_page_file_front_matter_included(tmp_path):
    page = '---\ndescription: d\n---\n# T\n\nText.\n\n```python exec="on" id="t/good" diagrm="x"\n'
    result = build(tmp_path, page + '--8<-- "snippets/t/good.py"\n```\n', {"t/good": "print(1)\n"})
    assert result.returncode != 0
    assert "page index.md, line 8: the block" in result.stderr


HOSTILE_PAGE = """---
title: Markup <script>alert("title")</script>
description: 'A page"><script>alert("description")</script>'
---

# Markup

<script>alert("block")</script>

Inline <img src="x.png" onerror="alert('img')"> and <b>bold</b> and
<span class="kept" onmouseover="alert('span')">a span</span>.

[a javascript link](javascript:alert(1)) and [a fine link](other.md){: onclick="alert('attr')" .fine }

<div markdown onclick="alert('div')">**Markdown** in a div <iframe src="https://example.org"></iframe></div>

## A heading <script>alert("toc")</script>

<claim id="a-claim">A claim <img src=x onerror="alert('claim')"> with <b>bold</b> and `code`.</claim>

```python exec="on" id="t/draws" diagram="a,b"
--8<-- "snippets/t/draws.py"
```
"""
DRAWS = "import torch\n\na = torch.arange(6)\nb = a[2:]\nprint(b.storage_offset())\n"
NOT_MADE_BY_THE_BUILD = (r"<script[^>]*>[^<]*alert", r"\son\w+=", "javascript:", "<iframe")
"""Markup the hostile page writes, as it would be published (as text, `&lt;script&gt;` is harmless)."""


def test_html_an_author_writes_reaches_the_page_only_through_the_allow_list(tmp_path):
    """Raw HTML, links, attributes and claim sentences written in a page's Markdown: cleaned by the
    allow-list of notebook Markdown (site_tools/rendering/safe_html.py) on the page and on the version
    page; what the build made (the example's output and diagram, the claim's check link) is kept."""
    pages = {
        "zh/index.md": HOSTILE_PAGE,  # the language of the project's theme: its version page lists zh claims
        "zh/other.md": '# Other\n\nIts first paragraph, the description: `"><script>alert(0)</script>`\n',
        "zh/versions.md": "# Versions\n\n<!-- verified-claims-table -->\n",
    }
    theme = f"{{name: material, language: zh, custom_dir: {HOOKS.parents[2] / 'overrides'}}}"  # the site's
    result = build(tmp_path, pages, {"t/draws": DRAWS}, extensions=("attr_list", "md_in_html"), theme=theme)
    assert result.returncode == 0, result.stderr
    written = {path: path.read_text(encoding="utf-8") for path in (tmp_path / "site").rglob("*.html")}
    assert len(written) >= 4
    for path, html in written.items():
        for markup in NOT_MADE_BY_THE_BUILD:
            assert not re.search(markup, html), (path, markup)
    page = written[tmp_path / "site" / "zh" / "index.html"]
    assert "<b>bold</b>" in page
    assert '<span class="kept">a span</span>' in page
    assert '<img src="x.png">' in page
    assert "<a>a javascript link</a>" in page
    assert '<a class="fine" href="other/">a fine link</a>' in page
    assert "<p><strong>Markdown</strong> in a div </p>" in page
    sentence = 'A claim <img src="x"> with <b>bold</b> and <code>code</code>.'
    assert f'<span class="claim" id="claim-a-claim">{sentence}</span>' in page
    assert '<a class="claim-check" href="versions/#claim-a-claim"' in page  # the build's ✓ link
    assert "<pre><code>2\n</code></pre></details>" in page  # the build's output block
    assert '<figure class="memory-diagram" data-search-exclude><svg' in page  # and its diagram
    assert "<title>Markup &lt;script&gt;alert" in page  # front matter: text
    assert 'content="A page&quot;&gt;&lt;script&gt;alert' in page
    other = written[tmp_path / "site" / "zh" / "other" / "index.html"]
    assert 'content="Its first paragraph, the description: &quot;&gt;&lt;script&gt;alert' in other
    versions = written[tmp_path / "site" / "zh" / "versions" / "index.html"]
    # the claim's row: its short form, cleaned as on its page; the whole sentence, escaped, as its tooltip
    row = re.search(r'<a href="\.\./#claim-a-claim" id="claim-a-claim" title="([^"]*)">(.*?)</a>', versions)
    assert row, "the claim's row links to it"
    assert row[2].startswith('A claim <img src="x"> with')
    assert row[1].startswith("A claim with bold"), "the tooltip: the sentence as a reader sees it"


@pytest.mark.parametrize(
    "line",
    ["````````", "````````\n`````````"],
    ids=["eight, markdown-exec's fence", "nine after eight"],
)
def test_no_line_of_a_snippet_can_close_the_fence_that_shows_it(tmp_path, line):
    code = f's = """\n{line}\n<script>alert(1)</script>\n"""\nprint(len(s.splitlines()))\n'
    result = build(tmp_path, page_including("t/fenced"), {"t/fenced": code})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    [shown] = re.findall(r'<div class="highlight"[^>]*><pre>.*?</pre></div>', html, re.S)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert all(part in shown for part in line.split("\n"))
    assert f"<pre><code>{line.count(chr(10)) + 3}\n</code></pre></details>" in html  # the code ran as written


@contextlib.contextmanager
def serving(project: Path, *, dirty: bool):
    """`mkdocs serve` of `project` on a free port; yields fetch(path, wanted): the page once it holds
    `wanted` (polling for up to a minute, each request given 5 s), else an AssertionError."""
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )

    def fetch(path: str, wanted: str, seconds: float = 60) -> str:
        deadline, body = time.monotonic() + seconds, ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                    body = response.read().decode()
                if wanted in body:
                    return body
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"/{path} never showed {wanted!r}; last body: {body[:300]!r}")

    try:
        yield fetch
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_under_serve_a_bad_fence_or_include_shows_on_its_page_and_the_site_stays_served(tmp_path):
    """`mkdocs serve --dirty` (what `nox -s serve` runs): a fence-option typo, a missing snippet and a
    failing example each show on their own page in time, the other pages are served, and an edit that
    introduces a typo while serving does not leave the server hanging; a strict build fails on each."""
    good = page_including("t/good")
    typo = good.replace('id="t/good"', 'id="t/good" diagrm="x"')
    bad = {"typo.md": typo, "absent.md": page_including("t/absent"), "fails.md": page_including("t/fails")}
    snippets = {"t/good": "print(6 * 7)\n", "t/fails": "raise RuntimeError('broken on purpose')\n"}
    for name, text in bad.items():
        folder = tmp_path / name.removesuffix(".md")
        folder.mkdir()
        assert build(folder, {"index.md": text}, snippets, strict=True).returncode != 0, name
    project = tmp_path / "served"
    project.mkdir()
    assert build(project, {"index.md": good}, snippets).returncode == 0
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("watch: [snippets]\n")
    for name, text in bad.items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    with serving(project, dirty=True) as fetch:
        typo_page = fetch("typo/", "example-failure")
        shown = unescape(typo_page)  # the message as a reader reads it (its quotes escaped in the HTML)
        assert 'page typo.md, line 3: the block with id="t/good" uses option(s) diagrm' in shown
        assert "(did you mean diagram?)" in typo_page
        absent_page = fetch("absent/", "example-failure")
        assert "snippets/t/absent.py does not exist" in absent_page
        assert "broken on purpose" in fetch("fails/", "example-failure")
        assert "<pre><code>42\n</code></pre>" in fetch("", "42")
        # a typo while serving: the page says so, the others stay served
        (project / "docs" / "index.md").write_text(good.replace('id="t/good"', 'id="t/good" timout="5"'))
        assert "(did you mean timeout?)" in fetch("", "example-failure")
        (project / "snippets" / "t" / "absent.py").write_text("print('here now')\n", encoding="utf-8")
        assert "example-failure" not in fetch("absent/", "here now\n</code></pre>")
        assert "broken on purpose" in fetch("fails/", "example-failure")


def test_no_line_of_a_shown_only_snippet_can_close_the_fence_that_shows_it(tmp_path):
    """A block that shows a snippet without running it (GPU-only code) gets its code put into the
    page's own fence (site_tools/mkdocs_hooks/fence.py, with_shown_code): that fence is made longer too."""
    code = 's = """\n```\n<script>alert(1)</script>\n"""\n'
    page = '# T\n\n```python\n--8<-- "snippets/t/shown.py"\n```\n\nAfter.\n'
    result = build(tmp_path, page, {"t/shown": code})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    [shown] = re.findall(r'<div class="highlight"[^>]*><pre>.*?</pre></div>', html, re.S)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "<p>After.</p>" in html


def test_a_fence_registered_with_markdown_execs_validator_alone_fails_the_build(tmp_path):
    result = build(tmp_path, page_including("t/good"), {"t/good": "print(1)\n"})
    assert result.returncode == 0, result.stderr
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    unwrapped = config.replace("site_tools.mkdocs_hooks.fence.validator", "markdown_exec.validator")
    (tmp_path / "mkdocs.yml").write_text(unwrapped, encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env, check=False)
    assert result.returncode != 0
    assert "validator: !!python/name:site_tools.mkdocs_hooks.fence.validator" in result.stderr
