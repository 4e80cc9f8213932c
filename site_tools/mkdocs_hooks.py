"""MkDocs hooks of the site (listed under `hooks:` in mkdocs.yml).

- on_config: hands the Markdown configuration to markdown-exec (which its own
  plugin would do) and puts the versions and build date into `config.extra`
  for the footer template.
- on_page_markdown: tells the example formatter which page, in which
  language, it is rendering.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess

from markdown_exec import markdown_config

from site_tools import examples


def build_date() -> str:
    """SOURCE_DATE_EPOCH, else the last commit's date: never the clock, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=examples.REPO_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        epoch = result.stdout.strip()
    if not epoch:
        raise RuntimeError(
            "Cannot date the build: set SOURCE_DATE_EPOCH or build from a git checkout with a commit."
        )
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()


def on_config(config, **kwargs):
    markdown_config.save(config.markdown_extensions, config.mdx_configs)
    config.extra["build_info"] = {**examples.versions(), "date": build_date()}
    return config


def on_page_markdown(markdown, page, config, files, **kwargs):
    examples.current_page.src_uri = page.file.src_uri
    examples.current_page.language = config.theme.get("language", "zh")
    return markdown
