"""What the MkDocs hooks know and the executed fence needs: the project being built and the page.

markdown-exec calls the fence formatter with the fence alone, so the hooks keep this one object
up to date (on_config, on_page_markdown); nothing else in the build holds state between events
except the caches of site_tools/execution and fence.py, which are keyed on what they depend on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from site_tools import layout
from site_tools.execution import DEFAULT_TIMEOUT_S


@dataclass
class Build:
    root: Path = layout.ROOT  # the folder of the mkdocs.yml being built
    timeout_s: float = DEFAULT_TIMEOUT_S  # extra.examples.timeout_s in mkdocs.yml
    execute: bool = True  # NOTES_EXECUTE=0 renders code without running it (benchmark, some tests)
    serving: bool = False  # under `mkdocs serve`: a failing example is shown in place, not fatal
    dirty: bool = False  # `--dirty`: pages rendered again only when what they are made from changed
    watch: tuple[Path, ...] = ()  # what an example may not touch: the project and the site being built
    page: str = "?"  # src_uri of the page being rendered, e.g. zh/memory/x.md
    source: Path | None = None  # its file (the fence's errors name a line of it)
    language: str = "zh"


build = Build()

# Under `mkdocs serve`, a failing example is reported outside MkDocs' own loggers: in strict mode MkDocs
# counts their warnings and would abort the whole preview ("The server will appear stuck").
serve_log = logging.getLogger("pytorch_notes.serve")
if not serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    serve_log.addHandler(_handler)
    serve_log.propagate = False
