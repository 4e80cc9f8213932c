"""The MkDocs glue: everything that only makes sense inside `mkdocs build` / `mkdocs serve`.

- hooks.py: the hooks mkdocs.yml lists; they call the rest of site_tools;
- context.py: what the hooks tell the fence (the project, the page being rendered);
- fence.py: the executed ```python fence (markdown-exec's custom fence, its validator wrapped): runs
  the snippet through site_tools/execution and renders code, output and figures;
- safe_html.py: the one allow-list (nh3) for HTML that authors write, on Markdown and notebook pages;
- notebook_page.py: mkdocs-jupyter's page HTML made to look like the other pages, the download button;
- plugin_fixes.py: fixes to third-party plugins (mkdocs-jupyter under mkdocs-static-i18n);
- search_index.py: one search index per language.
"""
