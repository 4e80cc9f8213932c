"""MkDocs hooks of the site (listed under `hooks:` in mkdocs.yml).

Build state lives in site_tools/mkdocs_hooks/context.py, nowhere here: one `Build` per build (made
by on_config, dropped by on_post_build or on_build_error; under `mkdocs serve`, every rebuild starts
from a new one) and one serve `session` for what outlives a build by design.

- on_startup (once per process): notes on the session whether this is `mkdocs serve` (a failing
  example is then shown on its page instead of stopping the preview) and `--dirty`.
- on_config: starts the build's state, hands the Markdown configuration to markdown-exec (which its own
  plugin would do), adds the policy for HTML written by authors to the pages' own conversion
  (site_tools/rendering/safe_html.py), and puts the versions and build date into `config.extra`
  for the footer template.
- on_page_markdown: tells the example formatter which page, in which
  language, it is rendering.
- on_pre_page / on_page_content: notebooks (site_tools/notebooks/: running them, page.py: their page). A note
  written as a notebook is executed here and mkdocs-jupyter renders the
  executed copy; every note page gets its notebook written next to it and a
  download button.
- on_page_context / on_*_template: what a page says about itself in its head (browser title,
  description, hreflang alternates: site_tools/mkdocs_hooks/head.py); the 404 page of each language
  (site_tools/mkdocs_hooks/not_found.py).
- on_post_build: turns off Material's sitemap lookup for hreflang links (head.py); logs how
  many examples were executed and how many came from the cache (the benchmark reads this line);
  ends the build's state (the session's caches then keep what the whole build used, no more).
- on_build_error: starts no more examples and drops the build's state.

Settings: `extra.examples.timeout_s` in mkdocs.yml (per-example time limit) and
the environment variable NOTES_EXECUTE=0 (render code without running it; for
the benchmark's floor and for tests of what running cannot change, never for publishing).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import re
import subprocess
import time
from pathlib import Path

import markdown as python_markdown
import nbformat
from markdown_exec import markdown_config
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.toc import get_toc
from pymdownx.slugs import slugify as pymdownx_slugify

from site_tools import claims, contract, execution, layout, notebooks, verified
from site_tools.execution import pool as execution_pool
from site_tools.mkdocs_hooks import (
    context,
    dependencies,
    fence,
    head,
    not_found,
    plugin_fixes,
    search_index,
    template_cache,
)
from site_tools.mkdocs_hooks.context import serve_log
from site_tools.notebooks import page as notebook_page
from site_tools.rendering import compact_code, safe_html, templates
from site_tools.rendering.output import render_failure
from site_tools.translation import freshness, glossary, labels

log = logging.getLogger("mkdocs.hooks.examples")


def source_date_epoch(root: Path = layout.ROOT) -> str:
    """SOURCE_DATE_EPOCH, else the last commit's time (of the checkout at `root`): never the clock, so
    builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        epoch = result.stdout.strip()
    if not epoch:
        raise RuntimeError(
            "Cannot date the build: set SOURCE_DATE_EPOCH or build from a git checkout with a commit."
        )
    return epoch


def on_startup(command, **kwargs):  # once per process: `mkdocs serve` rebuilds without it
    context.session.serving = command == "serve"
    context.session.dirty = bool(kwargs.get("dirty"))  # `--dirty`: render again only what an edit changed


def on_config(config, **kwargs):
    # a new build state (under serve, every rebuild); mkdocs-static-i18n's other language is built
    # inside this build's on_post_build, with one of its own (context.py)
    root = Path(config.config_file_path).resolve().parent
    build = context.start(context.Build(root=root, nested=_building_other_languages(config)))
    settings = config.extra.get("examples", {})
    build.timeout_s = float(settings.get("timeout_s", execution.DEFAULT_TIMEOUT_S))
    build.execute = os.environ.get("NOTES_EXECUTE", "1") != "0"
    # an example may change none of these (it runs in a scratch folder of its own)
    build.watch = (*layout.project_parts(build.root), Path(config.site_dir))
    markdown_config.save(config.markdown_extensions, config.mdx_configs)
    # Only the pages' own conversion cleans what authors wrote (safe_html.py); markdown-exec's
    # conversion of an executed block's code (fence.py) keeps the list saved above.
    config.markdown_extensions = [*config.markdown_extensions, safe_html.AuthorHtml()]
    epoch = source_date_epoch(build.root)
    # MkDocs itself dates pages and the sitemap from this variable: pin it for the whole build.
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    date = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    config.extra["build_info"] = {**execution.versions(), "date": date}
    if build.dirty:
        dependencies.allow_dirty_builds()
    plugin_fixes.keep_notebook_pages_under_i18n(config)
    if config.plugins.get(plugin_fixes.JUPYTER_PLUGIN) is not None:
        plugin_fixes.remember_rendered_notebooks()
    return config


def _building_other_languages(config) -> bool:
    """Whether mkdocs-static-i18n is building its other languages, each inside this build's on_post_build."""
    return getattr(config.plugins.get("i18n"), "building", False)


_ALTERNATE_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def without_alternate_links(head: str) -> str:
    """Drop Material's `<link rel="alternate" hreflang>` tags (its language switcher's links, relative,
    hreflang "zh") from the page head: the hooks' own take their place (zh-Hans, en, x-default,
    absolute: site_tools/mkdocs_hooks/head.py), which Material's script no longer fetches a sitemap for.
    The language switcher in the header is unaffected.
    """
    return _ALTERNATE_LINK.sub("", head)


# After mkdocs-static-i18n (priority -100) has chosen the language's files.
@event_priority(-120)
def on_files(files, config, **kwargs):
    build = context.current()
    if build.dirty:
        # an index but not the whole one saved (a clean build made this folder): render every page once
        site = Path(config.site_dir)
        everything = (site / search_index.INDEX).is_file() and not (site / search_index.SAVED).is_file()
        marked = dependencies.mark_changed(files, build.root, everything=everything)
        log.info("dirty build: %d page(s) rendered again for what they include: %s", len(marked), marked)
    if build.execute:
        # every example starts now, in a pool as wide as the cores; a page waits only for its own
        # (what a dirty rebuild has already run comes from the cache, so only what an edit changed runs)
        fence.run_ahead(build.root, build.timeout_s)
    return files


def on_build_error(error, **kwargs):
    execution_pool.cancel_waiting()  # a failed build starts no more examples
    context.end(completed=False)  # its state is dropped; the session's caches keep all they hold


def on_env(env, config, files, **kwargs):
    env.filters["without_alternate_links"] = without_alternate_links
    env.globals["notes_labels"] = labels  # the footer's and the switcher's words (overrides/partials)
    env.bytecode_cache = template_cache.cache  # compiled once per process (serve's rebuilds)
    return env


# After mkdocs-static-i18n (priority 50) has set the language switcher's links for the page.
def on_page_context(context, page, config, nav, **kwargs):
    """The page's browser title, description and hreflang alternates (site_tools/mkdocs_hooks/head.py)."""
    home = head.is_home(page.url)
    context["browser_title"] = head.browser_title(page.title, config.site_name, home=home)
    # Text, written into an attribute by Material's template (which escapes nothing): escaped here.
    page.meta["description"] = html.escape(head.description(page.content or "", page.meta.get("description")))
    context["hreflang_links"] = head.alternate_links(page.url, config.site_url or "")
    return context


def on_pre_template(template, template_name, config, **kwargs):
    if template_name == not_found.TEMPLATE:  # its language switcher leads to the home pages
        # mkdocs-static-i18n sets the switcher per page as an attribute, which templates read first
        alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
        config.extra.alternate = not_found.switcher_to_homes(alternates, config.site_url)
    return template


def on_template_context(context, template_name, config, **kwargs):
    if template_name == not_found.TEMPLATE:
        context["not_found"] = not_found.context(config.theme.get("language", "zh"), config.site_url)
    return context


@event_priority(100)  # before mkdocs-minify-html-plugin (priority 0)
def _english_404_searches_english(output, template_name, config, **kwargs):
    if template_name == not_found.TEMPLATE and config.theme.get("language", "zh") != "zh":
        output = search_index.search_base_for_english(output)
    return output


@event_priority(-50)  # after mkdocs-minify-html-plugin
def _english_404_in_its_folder(output, template_name, config, **kwargs):
    """The English build's 404 page goes to en/404.html, not over the Chinese one at the root."""
    language = config.theme.get("language", "zh")
    if template_name != not_found.TEMPLATE or language == "zh":
        return output
    target = not_found.path(Path(config.site_dir), language)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs writes nothing at the root ("generated empty output")


on_post_template = CombinedEvent(_english_404_searches_english, _english_404_in_its_folder)


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def notebook_path(page) -> Path:
    """Where a page's notebook goes in the site: next to its index.html, named after the page."""
    return Path(page.file.abs_dest_path).parent / f"{Path(page.file.src_uri).stem}.ipynb"


# Before mkdocs-jupyter's on_pre_page (priority 0), which reads the notebook to render.
@event_priority(10)
def on_pre_page(page, config, files, **kwargs):
    build = context.current()
    if build.dirty:  # before its examples run: a source saved while they run is seen next time
        dependencies.rendering(build.root, page.file)
    if is_notebook(page):
        build.notebook_started[page.file.src_uri] = time.perf_counter()
        source = Path(page.file.abs_src_path)
        if not build.execute:
            notebook = notebooks.read(source, build.root)
        else:
            try:
                notebook = notebooks.execute_file(
                    source, build.root, timeout_s=build.timeout_s, watch=build.watch
                )
            except execution.ExecutionError as error:
                if not build.serving:
                    raise fence.BuildError(str(error)) from error
                # `mkdocs serve`: the error in the terminal and at the top of the page, cells unexecuted
                serve_log.warning(str(error))
                dependencies.failed(build.root, page.file.src_uri)
                notebook = notebooks.read(source, build.root)
                language = config.theme.get("language", "zh")
                failure = nbformat.v4.new_markdown_cell(render_failure(str(error), language))
                notebook.cells.insert(0, failure)
        target = notebook_path(page)
        notebooks.write(notebook, target)
        page.file.abs_src_path = str(target)  # mkdocs-jupyter renders the executed copy
    return page


def on_page_markdown(markdown, page, config, files, **kwargs):
    build = context.current()
    if isinstance(page.meta.get("title"), str):  # front matter: text, which the templates print as they get
        page.meta["title"] = html.escape(page.meta["title"])
    if is_notebook(page):
        page.meta["has_outputs"] = True
        return markdown  # JSON: mkdocs-jupyter renders it
    language = config.theme.get("language", "zh")
    if language in labels.PERMALINK:  # the ¶ after each heading, titled in the page's language
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = labels.PERMALINK[language]
    build.page = page.file.src_uri
    build.source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    build.language = language
    if language not in labels.VERSIONS:
        return markdown
    if build.serving:  # a missing include is shown on its page, not a rebuild that never ends
        markdown = fence.without_missing_includes(markdown, language, page.file.src_uri)
    markdown = fence.with_shown_code(markdown, language, page.file.src_uri)
    snippets = {f.block_id for f in contract.fences_in(page.file.src_uri, markdown) if f.executed}
    if snippets:
        build.note_sources[page.file.src_uri] = markdown
        page.meta["has_outputs"] = True  # the footer names the versions that produced them
    # its depth below the language folder gives the way back up
    up = "../" * in_language(page).count("/")
    if verified.TABLE_MARKER in markdown:
        table = verified.table(build.root, language, up)
        markdown = markdown.replace(verified.TABLE_MARKER, table)
        # no table of contents beside it: its tables take the width (a release column each)
        page.meta["hide"] = [*page.meta.get("hide", []), "toc"]
    if glossary.TABLE_MARKER in markdown:
        markdown = markdown.replace(glossary.TABLE_MARKER, glossary.table(language))
    notice = stale_notice(page, language)
    if notice:
        title = re.search(r"^# .*\n", markdown, flags=re.MULTILINE)
        at = title.end() if title else 0
        markdown = markdown[:at] + "\n" + notice + markdown[at:]  # under the page's title
    if snippets:
        stated = claims.claims_in(markdown, f"docs/{page.file.src_uri}")
        markdown += verified.notice(build.root, language, stated, f"{up}versions.md")
    link_title = labels.VERSIONS[language]["link_title"]
    return claims.render(markdown, f"{up}versions.md", link_title, verified.claim_notes(build.root, language))


def in_language(page) -> str:
    """The page's path below its language folder: zh/memory/x.md -> memory/x.md."""
    return page.file.src_uri.split("/", 1)[-1]


def stale_notice(page, language: str) -> str:
    """The stale-translation notice (HTML) for an English page whose Chinese source has changed; else ""."""
    if language == "zh" or freshness.status(context.current().root, in_language(page)) != "stale":
        return ""
    chinese_url = page.url.split("/", 1)[1]  # en/memory/x/ -> memory/x/
    link = "../" * page.url.count("/") + chinese_url
    return templates.render("stale_notice.html", link=link) + "\n\n"  # a blank line ends the HTML block


def on_page_content(html, page, config, files, **kwargs):
    return search_index.without_code(compact_code.compact(page_content(html, page, config)))


def page_content(html, page, config):
    """The page's HTML with what the notes add: notebook rendering, claim links, the download button."""
    build = context.current()
    language = config.theme.get("language", "zh")
    if is_notebook(page):
        html, toc_tokens = notebook_page.tidy_rendered_notebook(html, slugify, language)
        page.toc = get_toc(toc_tokens)
        # rendered: the download loses the headings' `{ #id }`, which only the site reads
        target = notebook_path(page)
        notebooks.write(notebooks.without_heading_ids(nbformat.read(target, as_version=4)), target)
        depth = page.url.count("/") - (0 if language == "zh" else 1)
        versions_url = "../" * depth + "versions/"
        link_title = labels.VERSIONS[language]["link_title"]
        notes = verified.claim_notes(build.root, language)
        html = claims.link_spans(html, versions_url, link_title, notes)
        stated = claims.claims_in(claims.page_markdown(build.root, language, in_language(page)))
        notice = verified.notice(build.root, language, stated, versions_url)
        html += python_markdown.markdown(notice, extensions=["admonition"])
        html = html.replace("</h1>", "</h1>" + stale_notice(page, language), 1)  # under the title
        started = build.notebook_started.pop(page.file.src_uri)
        context.session.notebook_pages += 1
        context.session.notebook_seconds += time.perf_counter() - started
    elif page.file.src_uri in build.note_sources:
        try:
            notebook = notebooks.cached_page_notebook(
                build.note_sources.pop(page.file.src_uri),
                context.session.page_notebooks,
                root=build.root,
                execute=build.execute,
                language=language,
                page_url=page.url,
                site_url=config.site_url or "",
                title=page.title,
                build_info=config.extra["build_info"],
            )
        except execution.ExecutionError as error:
            if build.serving:  # the failing example is shown on the page: no notebook yet
                dependencies.failed(build.root, page.file.src_uri)
                return html
            raise fence.BuildError(str(error)) from error
        notebooks.write(notebook, notebook_path(page))
    else:
        return html
    return notebook_page.download_button(notebook_path(page).name, language) + html


slugify = pymdownx_slugify(case="lower")  # as the toc extension in mkdocs.yml


# Before mkdocs-minify-html-plugin (priority 0) rewrites the HTML.
@event_priority(100)
def on_post_page(output, page, config, **kwargs):
    if page.url.startswith("en/"):
        output = search_index.search_base_for_english(output)  # search the English index
    return output


# After mkdocs-static-i18n (priority -100) has written the index of both languages.
@event_priority(-110)
def on_post_build(config, **kwargs):
    build = context.current()
    execution_pool.cancel_waiting()  # none should be left; a page no longer built may have left one
    # a language mkdocs-static-i18n builds inside its own loop: the outer build has the whole index
    if not _building_other_languages(config):
        search_index.split_by_language(Path(config.site_dir), dirty=build.dirty)
    if config.theme.name == "material":  # a project on another theme has no bundle to fix
        try:
            head.patch_material_bundle(Path(config.site_dir))
            search_index.patch_material_search(Path(config.site_dir))
        except head.MaterialChanged as error:
            raise fence.BuildError(str(error)) from error
    log.info(
        "examples: %d executed in this process so far, %d rendered from the cache; "
        "notebooks: %d executed, %d notebook pages built in %.2f s",
        execution.stats["snippet", "executed"],
        execution.stats["snippet", "reused"],
        execution.stats["notebook", "executed"],
        context.session.notebook_pages,
        context.session.notebook_seconds,
    )
    # its state is dropped; the outermost build's end also bounds the session's caches (the examples'
    # runs included: a long serve keeps the results of the examples on the site only)
    context.end(completed=True)
