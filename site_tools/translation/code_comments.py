"""Code as a reader sees it: tool comments removed, comments in the page's language.

The snippets (and the code cells of notes written as notebooks) are executed exactly as written.
What a page or a downloadable notebook *shows* is `displayed(code, language)`:

- tool comments go: `# shows-warning: UserWarning` (read by site_tools/execution), `# fmt: skip`,
  `# fmt: off` / `# fmt: on` and `# noqa` (ruff). A line that holds nothing but one disappears;
  a trailing one goes with the spaces before it;
- comments are written in English in the code; a Chinese page shows their Chinese, from
  TRANSLATIONS (snippets/comments.toml: `"<the English text, exactly>" = "<its Chinese>"`). A
  comment without a translation is shown as written; `problems(root)` (tests/site_tools/
  test_code_comments.py) lists it, and every translation no code uses any more.

A snippet whose results a page shows as a table (`compare_table`, site_tools/figures) may keep the code
that makes the table out of sight: a line `# not-shown: <why>` (at the start of a line) and everything
after it are executed but not displayed (`hidden_from`). What is displayed must print the same without
it: a notebook's reader runs only the displayed code (tests/test_notebooks_in_a_kernel.py checks).

Comments are found with `tokenize`, so a `#` inside a string is never one. Translating keeps every
line where it is; only a removed tool-comment line moves the lines below it up, and
`output_as_displayed` renumbers the warnings a run printed about that code to match (a notebook's
reader re-runs the displayed cells: its kernel numbers their lines).
"""

from __future__ import annotations

import functools
import io
import json
import re
import tokenize
import tomllib
from dataclasses import dataclass
from pathlib import Path

from site_tools import layout

TRANSLATIONS = "snippets/comments.toml"
"""English comment (exact text after `# `) -> its Chinese rendering; relative to the project root."""
TRANSLATED_INTO = "zh"  # code comments are written in English; this language gets their translation

_HIDDEN = re.compile(r"^# not-shown: \S.*$", flags=re.MULTILINE)
_TOOL = re.compile(r"\s*#\s*(?:shows-warning:\s*\w+|fmt:\s*(?:skip|off|on)|noqa(?::\s*[\w, ]+)?)\s*$")
_PREFIX = re.compile(r"#+\s*")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class Comment:
    line: int  # 1-based
    column: int  # where its `#` is
    token: str  # as written: `# a copy  # fmt: skip`
    own_line: bool  # nothing but indentation before it

    @property
    def human(self) -> str:
        """The comment without trailing tool comments ("" if it is nothing but tool comments)."""
        text = self.token
        while (match := _TOOL.search(text)) is not None:
            text = text[: match.start()]
        return text.rstrip()

    @property
    def text(self) -> str:
        """What a translation is keyed on: the human part after its `# `."""
        human = self.human
        return human[_PREFIX.match(human).end() :] if human else ""


def comments(code: str) -> list[Comment]:
    """Every comment in `code`, in order. Code that does not tokenize has none (it fails to run anyway)."""
    found = []
    lines = _lines(code)
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.COMMENT:
                row, column = token.start
                own_line = not lines[row - 1][:column].strip()
                found.append(Comment(row, column, token.string, own_line))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []
    return found


def hidden_from(code: str) -> int | None:
    """The line (1-based) of a `# not-shown: <why>` marker: it and the lines after it are not displayed."""
    match = _HIDDEN.search(code)
    return code.count("\n", 0, match.start()) + 1 if match else None


def _lines(code: str) -> list[str]:
    """The lines as `tokenize` counts them (ends kept): split at "\\n" only, unlike str.splitlines."""
    return io.StringIO(code).readlines()


# --- translations --------------------------------------------------------------------------------


def translations(root: Path = layout.ROOT) -> dict[str, str]:
    """The project's comment translations (empty when it has no file), read again when the file changes."""
    path = root / TRANSLATIONS
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    return dict(_read_translations(path, (stat.st_mtime_ns, stat.st_size)))


# Process state, not build state: a file read once per version of it (its stamp), a few files at most.
@functools.lru_cache(maxsize=4)
def _read_translations(path: Path, stamp: tuple[int, int]) -> dict[str, str]:
    with path.open("rb") as file:
        table = tomllib.load(file)
    wrong = [key for key, value in table.items() if not isinstance(value, str)]
    if wrong:
        raise ValueError(f'{TRANSLATIONS}: {wrong[0]!r} must map to a string ("English" = "中文")')
    return table


# --- displaying code -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    code: str
    lines: dict[int, int]  # a line of the code as written -> its number as displayed (kept lines only)


def shown(code: str, language: str, root: Path = layout.ROOT) -> Shown:
    """`code` as a page in `language` displays it, with where each line went."""
    table = translations(root) if language == TRANSLATED_INTO else {}
    lines = _lines(code)
    hidden = hidden_from(code)
    dropped = set(range(hidden - 1, len(lines))) if hidden else set()
    while hidden and dropped and min(dropped) > 0 and not lines[min(dropped) - 1].strip():
        dropped.add(min(dropped) - 1)  # nor the blank lines before the marker
    for comment in comments(code):
        if comment.line - 1 in dropped:
            continue
        index = comment.line - 1
        line = lines[index]
        end = comment.column + len(comment.token)
        human = comment.human
        if not human and comment.own_line:
            dropped.add(index)
            continue
        if not human:
            before = line[: comment.column].rstrip(" \t")
        else:
            prefix = human[: len(human) - len(comment.text)]
            before = line[: comment.column] + prefix + table.get(comment.text, comment.text)
        lines[index] = before + line[end:]
    kept = [i for i in range(len(lines)) if i not in dropped]
    return Shown("".join(lines[i] for i in kept), {i + 1: n for n, i in enumerate(kept, 1)})


def displayed(code: str, language: str, root: Path = layout.ROOT) -> str:
    """`code` as a page (or a notebook) in `language` shows it: see the module's docstring."""
    return shown(code, language, root).code


def output_as_displayed(
    output: str, filename: str, code: str, language: str, root: Path = layout.ROOT
) -> str:
    """A run's printed text, its warnings about `code` (run as `filename`) told of the displayed lines.

    A warning reads `<filename>:<line>: <Category>: <message>` followed by its source line: both are
    rewritten to the displayed code (its line number, its comments), as a kernel running it prints them.
    """
    if f"{filename}:" not in output:
        return output
    view = shown(code, language, root)
    written, displayed_lines = _lines(code), _lines(view.code)
    header = re.compile(rf"^{re.escape(filename)}:(\d+): (?=\w+: )", flags=re.MULTILINE)
    matches = list(header.finditer(output))
    parts, at = [], 0
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        number = int(match[1])
        if number not in view.lines:
            continue
        new = view.lines[number]
        parts.append(output[at : match.start(1)] + str(new))
        at = match.end(1)
        # the source line, after the message (which may span lines), before the next warning
        source = f"\n  {written[number - 1].strip()}\n"
        found = output.find(source, at, following.start() if following else len(output))
        if found != -1:
            parts.append(output[at:found] + f"\n  {displayed_lines[new - 1].strip()}\n")
            at = found + len(source)
    return "".join(parts) + output[at:]


# --- the check -----------------------------------------------------------------------------------


def code_sources(root: Path) -> list[tuple[str, str]]:
    """(where, code): every snippet (snippets/x.py) and every code cell of a note written as a notebook
    (docs/zh/x.ipynb, cell 2), named as the runner names them."""
    found = []
    for snippet_id in layout.snippet_ids(root):
        path = layout.snippet_path(root, snippet_id)
        found.append((layout.display_path(root, path), path.read_text(encoding="utf-8")))
    for language in layout.LANGUAGES:
        for page in layout.notebook_pages(root, language):
            path = layout.page_path(root, language, page)
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
            code = [c.get("source", "") for c in cells if c.get("cell_type") == "code"]
            name = layout.display_path(root, path)
            found += [(f"{name}, cell {n}", "".join(c)) for n, c in enumerate(code, 1)]
    return found


def problems(root: Path = layout.ROOT) -> list[str]:
    """Each comment without its Chinese or not in English, and each translation no comment uses."""
    table = translations(root)
    found, used = [], set()
    for where, code in code_sources(root):
        hidden = hidden_from(code) or len(code) + 1
        for comment in comments(code):
            if comment.line >= hidden:  # not displayed: needs no Chinese
                continue
            text = comment.text
            if not text or layout.NEW_NOTE_MARKER in text:  # a scaffold's placeholder: to be replaced
                continue
            at = f"{where}, line {comment.line}" if ", cell " in where else f"{where}:{comment.line}"
            quoted = json.dumps(text, ensure_ascii=False)  # as a TOML key
            if _CJK.search(text):
                found.append(f"{at}: write code comments in English, and their Chinese in {TRANSLATIONS}")
            elif text not in table:
                found.append(f'{at}: no Chinese for this comment: add to {TRANSLATIONS}: {quoted} = "<中文>"')
            used.add(text)
    for text in sorted(set(table) - used):
        quoted = json.dumps(text, ensure_ascii=False)
        found.append(f"{TRANSLATIONS}: {quoted} is the text of no comment any more: remove its line")
    return found
