"""Fixes to third-party MkDocs plugins, each with the upstream problem it works around.

- `keep_notebook_pages_under_i18n`: mkdocs-jupyter and mkdocs-static-i18n together
  (ultrabug/mkdocs-static-i18n#198);
- `remember_rendered_notebooks`: mkdocs-jupyter converts each notebook again on every build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from site_tools.mkdocs_hooks import context

JUPYTER_PLUGIN = "mkdocs-jupyter"


def keep_notebook_pages_under_i18n(config: Any) -> None:
    """Let mkdocs-static-i18n keep the notebooks mkdocs-jupyter made pages of.

    mkdocs-jupyter (on_files, priority 0) wraps each notebook in a File that says it is a
    documentation page. mkdocs-static-i18n (on_files, priority -100) then rebuilds every File
    as a plain mkdocs File, and a plain File is a page only if it ends in .md: the notebooks
    turn back into static files, their raw JSON is copied to the page's URL (page/index.html),
    and `--strict` sees nothing wrong (tests/test_built_site.py shows it, without this fix).
    Here the files i18n creates for notebooks that mkdocs-jupyter includes are pages again.
    Their destination (page/index.html) and URL already came from mkdocs-jupyter's File, so
    i18n's language folders, alternates (the language switcher) and nav work unchanged.
    """
    from mkdocs_static_i18n import folder

    jupyter = config.plugins.get(JUPYTER_PLUGIN)
    if jupyter is None or getattr(folder.create_i18n_file, "keeps_notebook_pages", False):
        return
    create_i18n_file = folder.create_i18n_file

    def create_i18n_file_keeping_notebooks(file, *args, **kwargs):
        i18n_file = create_i18n_file(file, *args, **kwargs)
        if jupyter.should_include(i18n_file):
            i18n_file.is_documentation_page = lambda: True
        return i18n_file

    create_i18n_file_keeping_notebooks.keeps_notebook_pages = True
    folder.create_i18n_file = create_i18n_file_keeping_notebooks  # process state: patched once


def remember_rendered_notebooks() -> None:
    """Render each executed notebook once, not per build: `mkdocs serve` rebuilds and zh/en share the work.

    mkdocs-jupyter converts a notebook to HTML with nbconvert on every build (~0.5 s a page, most
    of it nbconvert looking up its exporters). Its own cache is off (see mkdocs.yml): under i18n
    each language's build evicts the other's entries. Here its converter is memoised on the
    executed notebook's bytes (outputs included, so a new torch never gets old HTML) and options, in
    the serve session's cache (context.py: it keeps what the last build used).
    """
    from mkdocs_jupyter import convert

    if getattr(convert.nb2html, "remembers", False):
        return
    convert_to_html = convert.nb2html

    def nb2html(nb_path, **options):
        rendered = context.session.notebook_html
        key = (Path(nb_path).read_bytes(), repr(sorted(options.items())))
        if key not in rendered:
            rendered[key] = convert_to_html(nb_path, **options)
        return rendered[key]

    nb2html.remembers = True
    convert.nb2html = nb2html  # process state: patched once (its cache is the session's)
