"""Rendering what an example produced, without MkDocs: how a reader sees an output and its code.

- output.py: the output block (`<details>`), other releases' outputs, a failure shown under serve, the
  displayed code as a fenced block one backtick longer than any run in it; text made visible and safe;
- compact_code.py: Pygments' highlighted code with fewer spans, same colours;
- safe_html.py: the one allow-list (nh3) for HTML that authors write, on Markdown and notebook pages;
- templates.py and templates/: every block of HTML (or Markdown) the build puts on a page, one Jinja
  template each (the output block, figures' tables, notices, the version page's body), autoescaped.

Figures drawn from an example's objects are site_tools/figures/; notebooks, site_tools/notebooks/.
"""
