"""Translating: everything a translator touches, and the checks that keep the two languages together.

Chinese (docs/zh/) is the source; English (docs/en/) is its translation. The places:

- docs/en/<topic>/<page>.md (or .ipynb): the page, same path, same anchors, same snippet includes and
  claims as its Chinese source; `python -m nox -s mark -- docs/en/…` records which Chinese text it
  translates (freshness.py: `nox -s mark` lists the stale ones, the built page shows a notice);
- mkdocs.yml: the nav's Chinese titles, and their English under the i18n plugin's `nav_translations`
  (site_tools/titles.py checks they agree with the pages' headings; English in Title Case);
- snippets/comments.toml: the Chinese of each English code comment a page shows (code_comments.py);
- glossary.py: the terms both languages use (the 术语表 / Glossary page; tests/test_glossary.py);
- labels.py: every label the build itself puts on a page (output block, captions, notices, version
  page, diagrams, 404 page), in each language.
"""
