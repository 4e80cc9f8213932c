"""The HTML blocks the build writes on a page, from the Jinja templates in templates/ (one file a block),
as Material's own hooks render theirs (overrides/hooks/translations.py with translations.html).

Autoescaping is on: a value is text, escaped, unless it is passed as `markupsafe.Markup`, which only
HTML the build made or cleaned may be (a memory diagram's SVG, a notebook cell's outputs after
safe_html.safe). The `.md` templates write Markdown into a page's Markdown (the version page, the
glossary, the notice under a note): what they are given as `markdown(...)` is Markdown source (the
build's links and labelled sentences, a claim's short form, a page's title), which the page's
conversion renders and safe_html.AuthorHtml cleans with the rest of the page. A value a template names
but is not given is an error (`StrictUndefined`), never an empty string.

Small pieces stay in Python, as in Material's hooks (shortcodes.py builds its badges in Python): a
single tag around text, an attribute, the SVG of a memory diagram (its coordinates are computed per
cell: site_tools/figures/memory_diagram.py).
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from markupsafe import Markup

FOLDER = "templates"  # beside this module; pyproject.toml's package-data ships it


@functools.cache
def _environment() -> jinja2.Environment:
    """Loaded once per process; the templates are part of the code, not of the site being built."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("site_tools.rendering", FOLDER),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,  # a line that holds only a `{% %}` tag leaves nothing behind
        lstrip_blocks=True,
        auto_reload=False,
    )


def render(name: str, **values: Any) -> str:
    """The template `name` (a file in templates/) filled with `values`."""
    return _environment().get_template(name).render(**values)


def markdown(text: str) -> Markup:
    """Markdown source for a `.md` template, placed as written (not HTML-escaped): only for the build's
    own Markdown (links, labelled sentences) and for an author's Markdown going into a page's Markdown,
    whose HTML safe_html.AuthorHtml cleans once Markdown has made it."""
    return Markup(text)
