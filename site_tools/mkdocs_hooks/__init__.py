"""The MkDocs glue: everything that only makes sense inside `mkdocs build` / `mkdocs serve`.

- hooks.py: the hooks mkdocs.yml lists; they call the rest of site_tools;
- context.py: all build state: one `Build` per build (the project, the page being rendered), one serve
  `session` for what outlives a build (what `--dirty` needs, the caches a rebuild reuses, bounded);
- fence.py: the executed ```python fence (markdown-exec's custom fence, its validator wrapped): checks
  the block, runs its example through site_tools/execution (started ahead of the page: `run_ahead`),
  and renders it with site_tools/rendering;
- dependencies.py: what a page is made from, so that `serve --dirty` renders again only what changed;
- head.py: what a page says about itself in its head (title, description, hreflang links);
- not_found.py: the 404 page of each language;
- plugin_fixes.py: fixes to third-party plugins (mkdocs-jupyter under mkdocs-static-i18n);
- search_index.py: one search index per language;
- template_cache.py: Jinja templates compiled once per process.
"""
