"""The built site, as readers get it: built once per test session with `mkdocs build --strict`."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
import torch
from bs4 import BeautifulSoup

from site_tools import claims, contract, execution, layout, verified
from site_tools.translation import code_comments, labels
from tests.conftest import build_site, copy_project, language_folder

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.build


@pytest.fixture(scope="session")
def build_log(built_site) -> str:
    return built_site[1]


@pytest.fixture(scope="session")
def site(built_site) -> Path:
    return built_site[0]


def built_page(site: Path, language: str, page: str) -> Path:
    """docs/<language>/<page> -> its HTML file."""
    stem = page.rsplit(".", 1)[0]
    return language_folder(site, language) / ("index.html" if stem == "index" else f"{stem}/index.html")


def search_index(site: Path, language: str) -> dict:
    """The language's search index, as Material's search loads it."""
    path = language_folder(site, language) / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))


def soup(path: Path) -> BeautifulSoup:
    """The page parsed, once per file version (the version page takes ~0.7 s): read it, never change it."""
    stat = path.stat()
    return _parsed(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _parsed(path: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


ALL_PAGES = [(lang, page) for lang in layout.LANGUAGES for page in layout.pages(ROOT, lang)]
LABELS = {"zh": "点我看输出", "en": "Show output"}


@pytest.mark.parametrize(("language", "page"), ALL_PAGES)
def test_every_executed_block_shows_a_collapsed_output(site, language, page):
    html = soup(built_page(site, language, page))
    executed = [f for f in contract.fences(ROOT, language, page) if f.executed]
    outputs = html.select("details.example-output")
    assert len(outputs) == len(executed)
    for details in outputs:
        assert not details.has_attr("open"), "outputs are collapsed on load"
        assert details.summary.get_text() == LABELS[language]
        assert details.pre.code.get_text().strip(), "an output block is empty"
        # the code block it belongs to sits right above it
        assert "highlight" in details.find_previous_sibling().get("class", [])


@pytest.mark.parametrize("page", layout.pages(ROOT, "zh"))
def test_zh_and_en_pages_show_identical_outputs(site, page):
    def outputs(language):
        return [
            d.pre.code.get_text()
            for d in soup(built_page(site, language, page)).select("details.example-output")
        ]

    assert outputs("zh") == outputs("en")


@pytest.mark.parametrize(("language", "page"), ALL_PAGES)
def test_pages_with_outputs_state_versions_and_no_traceback_leaks(site, language, page):
    html = soup(built_page(site, language, page))
    info = html.select_one(".build-info")
    shows_outputs = bool(html.select("details.example-output, .jp-OutputArea-output"))
    assert (info is not None) == shows_outputs, "the versions line stands exactly where outputs do"
    if info is not None:
        # the versions the build read (importlib.metadata: the CUDA wheel from PyPI says "2.13.0" there
        # while torch.__version__ says "2.13.0+cu130")
        for version in execution.versions().values():
            assert version in info.get_text()
        assert verified.release(torch.__version__) in info.get_text()
        assert re.search(r"\d{4}-\d{2}-\d{2}", info.get_text())
    assert "Traceback (most recent call last)" not in html.get_text()


@pytest.mark.parametrize(("language", "page"), ALL_PAGES)
def test_language_switcher_leads_to_the_same_note(site, language, page):
    path = built_page(site, language, page)
    other = "en" if language == "zh" else "zh"
    links = {a["hreflang"]: a["href"] for a in soup(path).select("a.notes-language[hreflang]")}
    href = links[other]
    # every page links relatively (a 404 page, served at any address, root-absolute: not tested here)
    target = (site / href.lstrip("/") if href.startswith("/") else path.parent / href).resolve()
    target = target / "index.html" if target.is_dir() else target
    assert target == built_page(site, other, page).resolve()


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for html_file in site.rglob("*.html"):
        html = soup(html_file)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in html.find_all(tag):
                url = element.get(attr, "")
                is_load = tag != "link" or {"stylesheet", "preload", "modulepreload", "icon"} & set(
                    element.get("rel", [])
                )
                if is_load and re.match(r"(https?:)?//", url):
                    offenders.append(f"{html_file.relative_to(site)}: <{tag} {attr}={url}>")
    for css in site.rglob("*.css"):
        for url in re.findall(
            r"@import\s+(?:url\()?['\"]?((?:https?:)?//[^'\")]+)", css.read_text(encoding="utf-8")
        ):
            offenders.append(f"{css.relative_to(site)}: @import {url}")
    assert offenders == []


def search_pages(site: Path, language: str):
    """`pages_with(word)`: the pages whose text in the language's index has `word` as a word of its own."""
    index = search_index(site, language)
    separator = re.compile(index["config"]["separator"])

    def pages_with(word):
        return {
            doc["location"].split("#")[0] for doc in index["docs"] if word in separator.split(doc["text"])
        }

    return pages_with


def test_chinese_search_finds_words_inside_sentences(site):
    pages_with = search_pages(site, "zh")
    # jieba has cut the sentences, so 共享 and 切片 are words of their own
    assert "memory/slices_share_storage/" in pages_with("共享")
    assert "memory/slices_share_storage/" in pages_with("切片")
    assert "memory/view_and_contiguity/" in search_pages(site, "en")("contiguous")


def test_each_language_searches_its_own_pages_and_never_code(site):
    """mkdocs-static-i18n's one index for both languages is split (mkdocs_hooks/search_index.py)."""
    indexes = {language: search_index(site, language) for language in layout.LANGUAGES}
    for language, index in indexes.items():
        locations = [doc["location"] for doc in index["docs"]]
        assert "" in locations, f"{language}: its home page is in its index"
        assert not any(loc.startswith("en/") for loc in locations), "locations are relative to the language"
        assert not any("import torch" in doc["text"] for doc in index["docs"]), "code is not searched"
    # jieba separates Chinese words with U+200B in the indexed text
    titles = {
        language: {doc["title"].replace("\u200b", "") for doc in index["docs"]}
        for language, index in indexes.items()
    }
    assert "布尔索引与整数索引" in titles["zh"]
    assert "布尔索引与整数索引" not in titles["en"]
    assert "Boolean and Integer Indexing" in titles["en"]
    assert "Boolean and Integer Indexing" not in titles["zh"]
    page = built_page(site, "en", "memory/view_and_contiguity.md").read_text(encoding="utf-8")
    config = json.loads(re.search(r"<script id=__config type=application/json>(.*?)</script>", page).group(1))
    assert config["base"] == "../../../en/", "English pages search the English index"


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_every_section_of_every_page_is_in_its_languages_search_index(site, language):
    """Every page, and every section under a heading of it, is found in its language's search. A
    section whose title and text read the same in both languages (a heading over code only) included:
    mkdocs-static-i18n's de-duplication dropped it from the English index."""
    folder = language_folder(site, language)
    indexed = {doc["location"] for doc in search_index(site, language)["docs"]}
    missing, sections = [], 0
    for page in layout.pages(ROOT, language) + layout.notebook_pages(ROOT, language):
        html_file = built_page(site, language, page)
        location = html_file.parent.relative_to(folder).as_posix() + "/"
        location = "" if location == "./" else location
        if location not in indexed:
            missing.append(location or "(home page)")
        for heading in soup(html_file).select("article :is(h2, h3, h4, h5, h6)[id]"):
            if heading.find_parent(attrs={"data-search-exclude": True}) is None:
                sections += 1
                if f"{location}#{heading['id']}" not in indexed:
                    missing.append(f"{location}#{heading['id']}")
    assert sections > 50, "the pages' sections were found"
    assert missing == []


def test_search_finds_the_note_written_as_a_notebook_in_both_languages(site):
    stem = layout.notebook_pages(ROOT, "zh")[0].rsplit(".", 1)[0]
    assert f"{stem}/" in search_pages(site, "zh")("只读")
    assert f"{stem}/" in search_pages(site, "en")("legacy")


def test_each_example_executes_once_for_both_languages(build_log):
    executed = contract.executed_blocks(ROOT)
    distinct = len(set(executed))
    counts = re.findall(
        r"examples: (\d+) executed in this process so far, (\d+) rendered from the cache", build_log
    )
    assert counts, build_log
    executions, cached = map(int, counts[-1])
    assert executions == distinct
    assert executions + cached == len(executed)


@pytest.mark.parametrize(("language", "page"), ALL_PAGES)
def test_outputs_hold_no_addresses_absolute_paths_or_times(site, language, page):
    for details in soup(built_page(site, language, page)).select("details.example-output"):
        text = details.get_text()
        assert not re.search(r"0x[0-9a-fA-F]{6,}", text), "a memory address: print a comparison instead"
        assert str(ROOT) not in text
        assert "/tmp/" not in text
        assert not re.search(r"\b\d{1,2}:\d{2}:\d{2}\b", text), "a wall-clock time"


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_version_page_has_a_column_per_recorded_torch(site, language):
    records = sorted(p.stem.removeprefix("torch-") for p in (ROOT / "records").glob("torch-*.json"))
    assert records, "no record yet: run `python -m nox -s upgrade -- <pinned torch version>`"
    page = soup(built_page(site, language, "versions.md"))
    # the records: a row per release, newest first; each claims matrix: a column per release, newest first
    listed = [tr.select("td")[0].get_text() for tr in page.select("#records table tbody tr")]
    assert sorted(listed) == records
    by_version = sorted(records, key=lambda r: tuple(int(n) for n in r.split(".")))
    assert listed == by_version[::-1]
    matrices = page.select(".claims-matrix table")
    assert matrices
    for matrix in matrices:
        assert [th.get_text() for th in matrix.select("th")][1:] == by_version[::-1]
    pinned = verified.release(torch.__version__)  # whichever build of it pip installed (+cpu, +cu130)
    assert pinned in records, f"the pinned torch has no record: run python -m nox -s upgrade -- {pinned}"


NOTE_PAGES = [(lang, page) for lang in layout.LANGUAGES for page in contract.note_pages(ROOT, lang)]


@pytest.mark.parametrize(
    ("language", "page"),
    NOTE_PAGES + [(lang, page) for lang in layout.LANGUAGES for page in layout.notebook_pages(ROOT, lang)],
)
def test_every_note_page_links_its_verified_versions(site, language, page):
    path = built_page(site, language, page)
    title = labels.VERSIONS[language]["title"]
    notices = [
        box
        for box in soup(path).select(".admonition")
        if box.select_one(".admonition-title").get_text() == title
    ]
    assert len(notices) == 1, f"{path}: no 'verified on' notice"
    notice = notices[0]
    href = notice.select_one("a[href*=versions]")["href"]
    assert (path.parent / href).resolve() == built_page(site, language, "versions.md").parent.resolve()
    pinned = verified.release(torch.__version__)
    assert pinned in notice.get_text(), (
        f"docs/{language}/{page}: its claims are not recorded on torch {pinned}: once its claim tests "
        "pass, run python -m nox -s record (writes records/ and reports/; commit both)"
    )


def test_a_stale_translation_shows_a_notice_linking_to_the_chinese_page(tmp_path):
    import nbformat

    copy = copy_project(tmp_path / "project")
    source = copy / "docs" / "zh" / "tensor_ops" / "slicing.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n新增的一段。\n", encoding="utf-8")
    notebook_page = layout.notebook_pages(ROOT, "zh")[0]
    notebook = nbformat.read(copy / "docs" / "zh" / notebook_page, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell("新增的一段。"))
    nbformat.write(notebook, copy / "docs" / "zh" / notebook_page)
    build_site(copy, tmp_path / "site", execute=False)  # the notice does not depend on outputs
    for page in ("tensor_ops/slicing.md", notebook_page):
        stale = soup(built_page(tmp_path / "site", "en", page))
        notice = stale.select_one(".admonition.warning")
        assert notice.select_one(".admonition-title").get_text() == "This translation may be out of date"
        assert notice.find_previous("h1") is not None, "the notice sits under the page's title"
        link = built_page(tmp_path / "site", "en", page).parent / notice.a["href"]
        assert link.resolve() == built_page(tmp_path / "site", "zh", page).parent.resolve()
    fresh = soup(built_page(tmp_path / "site", "en", "tensor_ops/boolean_and_integer_indexing.md"))
    assert "out of date" not in fresh.get_text()


def test_a_broken_anchor_fails_the_strict_build(tmp_path):
    copy = copy_project(tmp_path / "project")
    page = copy / "docs" / "zh" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[x](memory/view_and_contiguity.md#no-such-anchor)\n"
    )
    result = build_site(copy, tmp_path / "site", check=False, execute=False)
    assert result.returncode != 0
    assert "does not contain an anchor '#no-such-anchor'" in result.stderr


@pytest.mark.parametrize(("language", "page"), [p for p in NOTE_PAGES if layout.is_note_about_sharing(p[1])])
def test_every_note_about_sharing_has_a_memory_diagram(site, language, page):
    figures = soup(built_page(site, language, page)).select("figure.memory-diagram")
    assert figures, (
        f"docs/{language}/{page}: a note about memory sharing draws at least one memory diagram: add "
        'diagram="<tensor>,<tensor>" to an executed block (the variables to draw; CONTRIBUTING.md, '
        '"Memory diagrams")'
    )
    for figure in figures:
        drawing = figure.find("svg")
        assert drawing["role"] == "img"
        assert drawing.find("title").get_text()
        assert drawing.find("desc").get_text()


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_the_view_or_copy_table_is_rendered_from_the_executed_rows(site, language):
    from site_tools import execution

    rows = execution.run_file(layout.snippet_path(ROOT, "memory/views_and_copies"), ROOT).namespace["rows"]
    table = soup(built_page(site, language, "memory/views_and_copies.md")).select_one(".view-or-copy table")
    rendered = [[td.get_text() for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    words = {"zh": {True: "视图", False: "副本"}, "en": {True: "view", False: "copy"}}[language]
    assert rendered == [
        [labels.view_table_operation(op, language), example, words[is_view]] for op, example, is_view in rows
    ]
    if language == "zh":  # an operation is a name of PyTorch's (view_as, torch.tensor) or Chinese words
        english = [op for op, _, _ in rendered if re.search(r"[a-z]+ [a-z]+|\(", op)]
        assert not english, f"view table operations left in English on the Chinese page: {english}"


# --- notebooks ----------------------------------------------------------------------------------------

NOTEBOOK_NOTES = [(lang, page) for lang in layout.LANGUAGES for page in layout.notebook_pages(ROOT, lang)]


def page_notebook(site: Path, language: str, page: str):
    """The notebook the page's download button links, read with nbformat."""
    import nbformat

    path = built_page(site, language, page)
    button = soup(path).select_one("a.notebook-download[download]")
    assert button is not None, f"{language}/{page} has no notebook download button"
    target = path.parent / button["href"]
    assert target.is_file(), f"{button['href']} is linked from {language}/{page} but not in the site"
    notebook = nbformat.read(target, as_version=4)
    nbformat.validate(notebook)
    return notebook


def stream_text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs)


@pytest.mark.parametrize(("language", "page"), NOTEBOOK_NOTES)
def test_a_note_written_as_a_notebook_is_rendered_with_its_executed_outputs(site, language, page):
    from site_tools import notebooks

    executed = notebooks.execute_file(layout.page_path(ROOT, language, page), ROOT)
    outputs_by_cell = [c.outputs for c in executed.cells if c.cell_type == "code"]
    html = soup(built_page(site, language, page))
    article = html.select_one("article")
    cells = article.select(".jp-CodeCell .jp-CodeCell")  # nbconvert nests one code cell in another
    assert len(cells) == len(outputs_by_cell)
    for cell, outputs in zip(cells, outputs_by_cell, strict=True):
        shown = [pre.get_text() for pre in cell.select(".jp-OutputArea-output pre")]
        expected = [o.get("text") or o["data"]["text/plain"] for o in outputs]
        assert [s.strip() for s in shown] == [e.strip() for e in expected]
    assert article.select("pre > code"), "code sits in <pre><code> for Material's copy button"
    traps = {"zh": "注意", "en": "Watch out"}
    titles = [t.get_text() for t in article.select(".admonition.warning .admonition-title")]
    assert traps[language] in titles, "the traps (read-only arrays, negative strides) stand out in boxes"
    assert not article.find_all(["style", "script"]), "mkdocs-jupyter's inlined CSS/JS is dropped"
    # the TOC links the page's own headings, Chinese ones included
    ids = {h["id"] for h in article.select("h1, h2, h3")}
    toc = [a["href"][1:] for a in html.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc
    assert set(toc) <= ids


@pytest.mark.parametrize(("language", "page"), NOTEBOOK_NOTES)
def test_a_notebook_notes_download_is_the_executed_notebook(site, language, page):
    from site_tools import notebooks

    notebook = page_notebook(site, language, page)
    source = notebooks.read(ROOT / "docs" / language / page)
    assert notebooks.code_cells(notebook) == [
        code_comments.displayed(code, language, ROOT) for code in notebooks.code_cells(source)
    ], "the code cells as written, displayed as on the page (no tool comments, comments translated)"
    assert [c.source for c in notebook.cells if c.cell_type == "markdown"] == [
        claims.spans(c.source)
        for c in notebooks.without_heading_ids(source).cells
        if c.cell_type == "markdown"
    ], "the prose as written, claims marked as on the page, without the site's heading anchors"
    assert all(c.execution_count for c in notebook.cells if c.cell_type == "code")


@pytest.mark.parametrize(("language", "page"), NOTE_PAGES)
def test_every_note_page_links_its_notebook_with_this_builds_outputs(site, language, page):

    notebook = page_notebook(site, language, page)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    executed = [f.block_id for f in contract.fences(ROOT, language, page) if f.executed]
    assert [c.metadata["pytorch_notes"]["snippet"] for c in code] == executed
    for cell, snippet_id in zip(code, executed, strict=True):
        path = layout.snippet_path(ROOT, snippet_id)
        written = path.read_text(encoding="utf-8").rstrip("\n")
        assert cell.source == code_comments.displayed(written, language, ROOT)
        name = layout.display_path(ROOT, path)
        assert stream_text(cell) == "".join(
            code_comments.output_as_displayed(text, name, written, language, ROOT)
            if stream == "stderr"
            else text
            for stream, text in execution.run_file_once(path, ROOT).streams
        ), "this build's outputs, warnings numbered as in the displayed cell"
    drawn = [f.block_id for f in contract.fences(ROOT, language, page) if f.executed and f.draws]
    for cell, following in zip(notebook.cells, notebook.cells[1:], strict=False):
        if cell.cell_type == "code" and cell.metadata["pytorch_notes"]["snippet"] in drawn:
            assert following.cell_type == "markdown"
            assert "data:image/svg+xml;base64," in following.source
    prose = "".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "--8<--" not in prose
    assert "!!! " not in prose
    assert "{ #" not in prose
    intro = {"zh": "本 notebook 由网页", "en": "This notebook was generated from the page"}[language]
    assert notebook.cells[0].source.startswith("> " + intro)


def test_the_build_executes_each_notebook_once_for_both_languages(build_log):
    counts = re.findall(r"notebooks: (\d+) executed", build_log)
    assert counts, build_log
    assert int(counts[-1]) == len(layout.notebook_pages(ROOT, "zh")), "zh and en share one run"


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_the_version_page_lists_the_notebook_notes_claims_under_its_title(site, language):
    page = layout.notebook_pages(ROOT, language)[0]
    versions = built_page(site, language, "versions.md")
    headings = [  # a page's heading
        a
        for a in soup(versions).select("article h2 a[href]")
        if (versions.parent / a["href"]).resolve() == built_page(site, language, page).parent.resolve()
    ]
    folds = [  # or, when its claims all hold on every release, its title in its fold's summary
        span.get_text()
        for span in soup(versions).select("article details.claims-held > summary .claims-page")
    ]
    assert [a.get_text() for a in headings] + [t for t in folds if t == verified_title(language, page)] == [
        verified_title(language, page)
    ]
    rows = soup(versions).select(f'article table a[href*="{Path(page).stem}/#claim-"]')
    assert len(rows) == len(claims.claims_in(claims.page_markdown(ROOT, language, page)))


CLAIM_PAGES = [(lang, page) for lang in layout.LANGUAGES for page in claims.all_pages(ROOT, lang)]


@pytest.mark.parametrize(("language", "page"), CLAIM_PAGES)
def test_every_claim_on_a_page_links_its_row_on_the_version_page_and_back(site, language, page):
    path = built_page(site, language, page)
    versions = built_page(site, language, "versions.md")
    rows = {tag["id"]: tag for tag in soup(versions).select("[id]")}  # one pass, not one per claim
    stated = claims.claims_in(claims.page_markdown(ROOT, language, page))
    spans = soup(path).select("article span.claim")
    assert [span["id"] for span in spans] == [claims.anchor(c.id) for c in stated]
    for span in spans:
        check = span.find_next_sibling("a")
        assert check is not None, f"{span['id']}: no check link"
        assert "claim-check" in check["class"]
        target, _, anchor = check["href"].partition("#")
        assert (path.parent / target).resolve() == versions.parent.resolve()
        assert anchor == span["id"]
        assert anchor in rows
        row = rows[anchor]
        back, _, back_anchor = row["href"].partition("#")
        assert (versions.parent / back).resolve() == path.parent.resolve()
        assert back_anchor == span["id"]


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_the_version_page_shows_sentences_not_test_names_or_emoji(site, language):
    text = soup(built_page(site, language, "versions.md")).select_one("article").get_text()
    assert "test_" not in text
    assert not set(text) & {"✅", "❌"}
    cells = soup(built_page(site, language, "versions.md")).select("td .claim-status")
    words = {labels.VERSIONS[language][k] for k in verified.SYMBOLS}
    # each matrix cell: a text symbol, and its word for screen readers (hidden) and as a tooltip
    for cell in cells:
        word = cell.select_one(".visually-hidden").get_text()
        assert word in words
        assert cell["title"] == word
        assert cell.select_one("[aria-hidden]").get_text() in verified.SYMBOLS.values()
    assert labels.VERSIONS[language]["pass"] in {cell["title"] for cell in cells}


def test_search_previews_of_the_version_page_hold_no_test_names(site):
    index = search_index(site, "zh")
    entries = [d for d in index["docs"] if d["location"].split("#")[0] in ("versions/", "en/versions/")]
    assert entries
    assert not any("test_" in d["text"] or "test_" in d["title"] for d in entries)


def verified_title(language: str, page: str) -> str:
    return verified.page_title(ROOT, language, page)


def test_a_raising_cell_fails_the_build_naming_notebook_cell_and_line(tmp_path):
    import nbformat

    copy = copy_project(tmp_path / "project")
    page = layout.notebook_pages(ROOT, "zh")[0]
    notebook = nbformat.read(copy / "docs" / "zh" / page, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    code[1].source += "\nraise RuntimeError('a cell that fails')"
    nbformat.write(notebook, copy / "docs" / "zh" / page)
    result = build_site(copy, tmp_path / "site", check=False)
    assert result.returncode != 0
    line = code[1].source.count("\n") + 1
    assert f"docs/zh/{page}, cell 2, line {line}: raised RuntimeError: a cell that fails" in result.stderr


def test_without_the_i18n_fix_notebooks_are_copied_as_plain_files_and_strict_passes(tmp_path):
    """Why build/plugin_fixes.keep_notebook_pages_under_i18n exists (ultrabug/mkdocs-static-i18n#198).

    If this test fails, a release of mkdocs-static-i18n or mkdocs-jupyter has fixed the conflict:
    the fix can go.
    """
    copy = copy_project(tmp_path / "project")
    hooks = copy / "site_tools" / "mkdocs_hooks" / "hooks.py"
    text = hooks.read_text(encoding="utf-8")
    assert "    plugin_fixes.keep_notebook_pages_under_i18n(config)\n" in text
    hooks.write_text(
        text.replace("    plugin_fixes.keep_notebook_pages_under_i18n(config)\n", ""), encoding="utf-8"
    )
    build_site(copy, tmp_path / "site", execute=False)  # strict, and it passes
    page = layout.notebook_pages(ROOT, "zh")[0]
    for language in layout.LANGUAGES:
        served = built_page(tmp_path / "site", language, page).read_text(encoding="utf-8")
        # the page's URL serves the notebook's raw JSON, copied as a static file: no page, no outputs
        assert served.startswith('{\n "cells": [')
        assert "jp-OutputArea" not in served


# --- the code a reader sees and copies ----------------------------------------------------------------

TOOL_COMMENTS = ("shows-warning", "fmt: skip")


def test_no_page_and_no_notebook_shows_a_tool_comment(site):
    """Tool comments stay in the snippets, where the runner and ruff read them (code_comments.py)."""
    import nbformat

    found = []
    for html_file in sorted(site.rglob("*.html")):
        for code in soup(html_file).select(".highlight pre"):  # code blocks, notebook cells included
            found += [f"{html_file.relative_to(site)}: {t}" for t in TOOL_COMMENTS if t in code.get_text()]
    notebooks_written = sorted(site.rglob("*.ipynb"))
    assert notebooks_written
    for path in notebooks_written:
        for cell in nbformat.read(path, as_version=4).cells:
            found += [f"{path.relative_to(site)}: {t}" for t in TOOL_COMMENTS if t in cell.source]
    assert found == []


def shown_code(site: Path, language: str, page: str) -> list[str]:
    """The code of each executed block on the built page, as the reader sees (and copies) it."""
    blocks = soup(built_page(site, language, page)).select("details.example-output")
    return [details.find_previous_sibling().select_one("pre").get_text() for details in blocks]


@pytest.mark.parametrize(("language", "page"), NOTE_PAGES)
def test_the_code_on_a_page_carries_the_comments_of_its_language(site, language, page):
    executed = [f.block_id for f in contract.fences(ROOT, language, page) if f.executed]
    written = [layout.snippet_path(ROOT, s).read_text(encoding="utf-8") for s in executed]
    expected = [code_comments.displayed(code, language, ROOT) for code in written]
    assert [code.strip() for code in shown_code(site, language, page)] == [code.strip() for code in expected]


# Blocks shown and not executed (GPU-only code): (language, page, the snippet they include)
SHOWN_ONLY = [
    (language, page, fence.includes[0])
    for language in layout.LANGUAGES
    for page in layout.pages(ROOT, language)
    for fence in contract.fences(ROOT, language, page)
    if not fence.executed and fence.includes
]


def test_the_site_has_code_shown_without_running_it():
    assert SHOWN_ONLY, "no shown-only block left: the test below checks nothing"
    # the counter-case it guards: such a block's Chinese differs from the file as written
    assert any(
        code_comments.displayed((ROOT / snippet).read_text(encoding="utf-8"), "zh", ROOT)
        != (ROOT / snippet).read_text(encoding="utf-8")
        for _, _, snippet in SHOWN_ONLY
    )


@pytest.mark.parametrize(("language", "page", "snippet"), SHOWN_ONLY)
def test_code_shown_without_running_carries_the_comments_of_its_language(site, language, page, snippet):
    expected = code_comments.displayed((ROOT / snippet).read_text(encoding="utf-8"), language, ROOT).strip()
    html_file = built_page(site, language, page)
    assert expected in [pre.get_text().strip() for pre in soup(html_file).select(".highlight pre")]
    import nbformat

    notebook = html_file.parent / (Path(page).stem + ".ipynb")
    assert any(expected in cell.source for cell in nbformat.read(notebook, as_version=4).cells)


# (page, its Chinese comment, its English one)
COMMENTS_SHOWN = [("memory/slices_share_storage.md", "# 取一个切片", "# Take a slice")] + [
    (page, "# 复制", "# copies") for page in layout.notebook_pages(ROOT, "zh")
]


@pytest.mark.parametrize(("page", "chinese", "english"), COMMENTS_SHOWN)
def test_chinese_pages_show_chinese_comments_and_english_pages_english_ones(site, page, chinese, english):
    for language, wanted, unwanted in (("zh", chinese, english), ("en", english, chinese)):
        code = "\n".join(
            pre.get_text() for pre in soup(built_page(site, language, page)).select("article pre")
        )
        assert wanted in code, f"{language}/{page}"
        assert unwanted not in code, f"{language}/{page}"
        downloaded = notebooks_code(page_notebook(site, language, page))
        assert wanted in downloaded, f"the notebook of {language}/{page}"
        assert unwanted not in downloaded, f"the notebook of {language}/{page}"


def notebooks_code(notebook) -> str:
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "code")


@pytest.mark.parametrize("page", contract.note_pages(ROOT, "zh") + layout.notebook_pages(ROOT, "zh"))
def test_the_zh_and_en_notebooks_run_the_same_code_and_carry_the_same_outputs(site, page):
    import ast

    books = {language: page_notebook(site, language, page) for language in layout.LANGUAGES}
    code = {lang: [c for c in book.cells if c.cell_type == "code"] for lang, book in books.items()}
    assert len(code["zh"]) == len(code["en"])
    for zh, en in zip(code["zh"], code["en"], strict=True):
        # the same statements at the same lines and columns (a warning or traceback names the line):
        # only comments differ. tests/test_notebooks_in_a_kernel.py relies on it to run zh alone.
        same = [ast.dump(ast.parse(c.source), include_attributes=True) for c in (zh, en)]
        assert same[0] == same[1], "only comments differ"
        assert zh.outputs == en.outputs


# --- What a page says about itself: browser title, description, alternates; the 404 pages -----------

READER_PAGES = [(lang, page) for lang in layout.LANGUAGES for page in claims.all_pages(ROOT, lang)]
HREFLANG = {"zh": "zh-Hans", "en": "en"}
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


def site_url_of(html) -> str:
    """The site's address as this build wrote it (the canonical link of the home page)."""
    return html.select_one("link[rel=canonical]")["href"]


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_browser_titles_follow_one_rule_in_both_languages(site, language):
    from site_tools import titles

    name = titles.site_name(ROOT, language)
    nav = titles.nav_titles(ROOT, language)
    for page in claims.all_pages(ROOT, language):
        title = soup(built_page(site, language, page)).title.get_text()
        expected = name if page == titles.HOME else f"{nav[page]} - {name}"
        assert title == expected, f"{language}/{page}"


@pytest.mark.parametrize(("language", "page"), READER_PAGES)
def test_every_page_links_both_language_versions_and_x_default_in_its_head(site, language, page):
    html = soup(built_page(site, language, page))
    home = soup(built_page(site, language, "index.md"))
    root = site_url_of(home).removesuffix("en/") if language == "en" else site_url_of(home)
    links = {link["hreflang"]: link["href"] for link in html.head.select("link[rel=alternate][hreflang]")}
    assert set(links) == {"zh-Hans", "en", "x-default"}
    assert links["x-default"] == links["zh-Hans"]
    for other in layout.LANGUAGES:
        href = links[HREFLANG[other]]
        assert href.startswith(root), "absolute, under site_url"
        target = site / href.removeprefix(root) / "index.html"
        assert target.resolve() == built_page(site, other, page).resolve()
    assert links[HREFLANG[language]] == html.select_one("link[rel=canonical]")["href"]


def test_the_material_script_looks_up_no_sitemap_for_hreflang_links(site):
    (bundle,) = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    script = bundle.read_text(encoding="utf-8")
    assert '"link[rel=alternate]:not([hreflang])"' in script
    assert '"link[rel=alternate]"' not in script


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_every_page_has_its_own_description_in_its_language(site, language):
    descriptions = {}
    for page in claims.all_pages(ROOT, language):
        tags = soup(built_page(site, language, page)).select("meta[name=description]")
        assert len(tags) == 1, f"{language}/{page}"
        text = tags[0]["content"]
        assert 40 <= len(text) <= 160, f"{language}/{page}: {text!r}"
        assert not re.search(r"</?(p|a|code|strong|em|span|div|br)\b", text), "plain text, no markup"
        has_chinese = re.search(r"[\u4e00-\u9fff]", text) is not None
        if language == "zh":
            assert has_chinese, f"{language}/{page}: {text!r}"
        else:  # the glossary names Chinese terms in its first sentence: count the letters
            assert len(re.findall(r"[A-Za-z]", text)) > 4 * len(re.findall(r"[\u4e00-\u9fff]", text)), text
        descriptions[page] = text
    assert len(set(descriptions.values())) == len(descriptions), "descriptions differ from page to page"


NOT_FOUND = {"zh": ("404.html", "/"), "en": ("en/404.html", "/en/")}


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_each_language_has_its_own_404_page_leading_to_its_home(site, language):
    file, home = NOT_FOUND[language]
    html = soup(site / file)
    words = labels.NOT_FOUND[language]
    assert html.html["lang"] == language
    assert html.select_one("article h1").get_text() == words["title"]
    assert words["text"] in html.select_one("article").get_text()
    assert [a["href"] for a in html.select("article a")] == [home]
    # a 404 page is served at any depth: its styles, scripts and links are root-relative
    for tag, attr in (("link", "href"), ("script", "src"), ("a", "href")):
        for element in html.find_all(tag, attrs={attr: True}):
            url = element[attr]
            assert url.startswith(("/", "#", "http", "data:")), f"{file}: <{tag} {attr}={url}>"
    # the switcher leads to the other language's home page, and names that language
    other = "en" if language == "zh" else "zh"
    links = {a["hreflang"]: a["href"] for a in html.select("a.notes-language")}
    assert links == {other: {"zh": "/", "en": "/en/"}[other]}
    assert html.select_one("a.notes-language").get_text(strip=True) == {"zh": "中文", "en": "English"}[other]
    assert not html.head.select("link[rel=alternate][hreflang]"), "a missing page has no translations"


@pytest.mark.parametrize(("language", "page"), READER_PAGES)
def test_the_language_switcher_names_the_language_it_leads_to(site, language, page):
    html = soup(built_page(site, language, page))
    other = "en" if language == "zh" else "zh"
    switcher = html.select(".md-header a.notes-language")
    assert len(switcher) == 1
    assert switcher[0].get_text(strip=True) == {"zh": "中文", "en": "English"}[other]
    assert (switcher[0]["hreflang"], switcher[0]["lang"]) == (other, other)  # read in its own language
    assert switcher[0]["title"] == labels.SWITCH_TO[language]  # its tooltip in the page's language


@pytest.mark.parametrize(("language", "page"), ALL_PAGES)
def test_the_theme_s_tooltips_are_in_the_page_s_language(site, language, page):
    html = soup(built_page(site, language, page))
    permalinks = {a["title"] for a in html.select("a.headerlink")}
    assert permalinks == {labels.PERMALINK[language]}  # Markdown and notebook pages alike
    palette = html.select_one("form[data-md-component=palette]")
    expected = {
        "zh": ["切换到深色模式", "切换到浅色模式"],
        "en": ["Switch to dark mode", "Switch to light mode"],
    }
    assert [label["title"] for label in palette.select("label")] == expected[language]
    assert [option["aria-label"] for option in palette.select("input")] == expected[language]


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_a_claim_that_does_not_hold_on_every_recorded_release_says_where(site, language):
    notes = verified.claim_notes(ROOT, language)
    assert notes, "the records show claims that differ between releases"
    for page, stated in claims.page_claims(ROOT, language).items():
        html = soup(built_page(site, language, page))
        for claim in stated:
            span = html.find(id=claims.anchor(claim.id))
            note = span.find_next_sibling(class_="claim-note") if span else None
            if claim.id in notes:
                assert note is not None, f"{page}: {claim.id} has no note"
                assert note.get_text() == notes[claim.id].text
                # a claim that fails on a recorded release says so in words, marked as such
                assert ("claim-note--fails" in note["class"]) == notes[claim.id].fails
                if notes[claim.id].fails:  # "不成立" / "fails"
                    assert labels.VERSIONS[language]["fail"] in note.get_text()
            else:
                assert note is None or note.find_previous_sibling(class_="claim") is not span


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_an_example_shows_what_other_recorded_releases_printed(site, language):
    shown = 0
    for page in contract.note_pages(ROOT, language):
        html = soup(built_page(site, language, page))
        for fence, output in zip(
            [f for f in contract.fences(ROOT, language, page) if f.executed],
            html.select("details.example-output"),
            strict=True,
        ):
            current = execution.run_file_once(layout.snippet_path(ROOT, fence.block_id), ROOT).output
            others = verified.other_outputs(ROOT, fence.block_id, current)
            block = output.find_next_sibling("details", class_="other-outputs")
            if not others:
                assert (
                    block is None
                    or block.find_previous_sibling("details", class_="example-output") is not output
                )
                continue
            shown += 1
            texts = [pre.get_text() for pre in block.select("pre")]
            assert texts == [text for _, text in others]
            for releases, _ in others:
                assert ", ".join(releases) in block.get_text()
    assert shown, "the records hold outputs that differ from this build's"


def test_a_second_build_elsewhere_with_properdocs_is_byte_identical(site, tmp_path):
    """One build checks two things: the build is reproducible (a copy of the project in another folder
    builds every file byte for byte the same: no absolute path, no time), and the exit path off MkDocs
    1.x works (CONTRIBUTING, "If MkDocs or Material stop"): ProperDocs builds this site unchanged, the
    same but for the generator it names. A difference names the file: the generator line is ProperDocs',
    anything else is the build's."""
    from importlib.metadata import version

    build_site(copy_project(tmp_path / "elsewhere" / "project"), tmp_path / "site", tool="properdocs")
    ours, theirs = (
        f"mkdocs-{version('mkdocs')},".encode(),
        f"mkdocs-ProperDocs {version('properdocs')},".encode(),
    )
    files = {path.relative_to(site) for path in site.rglob("*") if path.is_file()}
    assert files == {
        path.relative_to(tmp_path / "site") for path in (tmp_path / "site").rglob("*") if path.is_file()
    }
    differ = [
        str(name)
        for name in sorted(files)
        if (site / name).read_bytes().replace(ours, theirs) != (tmp_path / "site" / name).read_bytes()
    ]
    assert differ == [], f"a second build, elsewhere and by ProperDocs, differs in: {differ[:10]}"
    assert str(ROOT) not in (site / "index.html").read_text(encoding="utf-8")
    assert ours in (site / "index.html").read_bytes()  # the replacement above changed something real
