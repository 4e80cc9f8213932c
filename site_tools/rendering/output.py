"""An example's output and code as a reader sees them: the collapsed output block, what other torch
releases printed, a failure shown under `mkdocs serve`, and the code as a fenced block.

Plain functions of text: the MkDocs glue (site_tools/mkdocs_hooks/fence.py) decides what to render.
Everything printed is escaped and made visible (control characters as symbols), never markup.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from markdown_exec import MarkdownConverter

from site_tools.rendering import templates
from site_tools.translation import labels

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_INVISIBLE = re.compile("[\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
"""C1 controls, and the marks and overrides that reorder text (bidi): shown as their code point."""


def visible_text(text: str) -> str:
    """Control characters (ANSI colour codes' ESC, say) as their visible symbols: ␛[31m; C1 controls
    and bidi overrides (which can make code read differently from what runs) as ⟨U+202E⟩."""
    text = _CONTROL_CHARACTERS.sub(lambda m: "\u2421" if m[0] == "\x7f" else chr(0x2400 + ord(m[0])), text)
    return _INVISIBLE.sub(lambda m: f"⟨U+{ord(m[0]):04X}⟩", text)


def render_output(output: str, language: str) -> str:
    """The collapsed output block: whatever was printed appears as literal text."""
    return templates.render("output.html", label=labels.OUTPUT[language], text=visible_text(output))


def render_other_outputs(others: list[tuple[list[str], str]], language: str) -> str:
    """What the example printed on other recorded torch releases (site_tools/verified.other_outputs)."""
    if not others:
        return ""
    text = labels.VERSIONS[language]
    shown = [
        (text["other_outputs_on"].format(releases=", ".join(releases)), visible_text(output))
        for releases, output in others
    ]
    return templates.render("other_outputs.html", label=text["other_outputs"], others=shown)


NOT_EXECUTED = "(not executed: this build ran with NOTES_EXECUTE=0)"


def render_failure(message: str, language: str) -> str:
    """What `mkdocs serve` shows in place of a failing example: its error, never in a built site."""
    return templates.render("failure.html", title=labels.FAILURE[language], message=visible_text(message))


def shown_code(code: str, output_html: str, md: Any) -> str:
    """The code as a fenced block, then the output block (HTML), rendered as markdown-exec renders
    `source="above"`, but in a fence one backtick longer than the longest run of backticks in the code
    (at least markdown-exec's eight): a line of the code, in a string say, can never end the fence.
    Every line is shown (markdown-exec would hide a line marked `markdown-exec: hide`)."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(8, longest + 1)
    placeholder = f'<div class="{uuid.uuid4()}"></div>'
    text = f"{fence}python \n{code.strip()}\n{fence}\n\n{placeholder}"
    return MarkdownConverter(md).convert(text, stash={placeholder: output_html})
