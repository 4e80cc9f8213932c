"""One search index per language (site_tools/search_index.py), on small indexes and pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_tools.mkdocs_hooks import search_index
from site_tools.mkdocs_hooks.head import MaterialChanged


def test_the_shared_index_is_split_by_language(tmp_path):
    config = {"lang": ["en", "zh"], "separator": "[\\\\s]+"}
    docs = [
        {"location": "", "title": "首页", "text": "中文"},
        {"location": "memory/x/#a", "title": "x", "text": "中文"},
        {"location": "en/", "title": "Home", "text": "English"},
        {"location": "en/memory/x/#a", "title": "x", "text": "English"},
    ]
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": docs}))
    assert search_index.split_by_language(tmp_path) == {"": 2, "en": 2}
    zh = json.loads((tmp_path / "search" / "search_index.json").read_text())
    en = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text())
    assert [d["location"] for d in zh["docs"]] == ["", "memory/x/#a"]
    assert [d["location"] for d in en["docs"]] == ["", "memory/x/#a"]  # relative to en/
    assert zh["config"] == en["config"] == config  # same tokenizer


def write_index(site, locations):
    config = {"lang": ["en", "zh"], "separator": "[\\s]+"}
    docs = [{"location": loc, "title": loc, "text": "t"} for loc in locations]
    (site / "search").mkdir(exist_ok=True)
    (site / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": docs}))


def locations(site, language=""):
    return [
        d["location"]
        for d in json.loads((site / language / "search" / "search_index.json").read_text())["docs"]
    ]


def test_a_dirty_rebuild_keeps_the_entries_of_the_pages_it_did_not_render_again(tmp_path):
    write_index(tmp_path, ["", "a/", "a/#x", "b/", "en/", "en/a/", "en/b/"])
    assert search_index.split_by_language(tmp_path, dirty=True) == {"": 4, "en": 3}
    write_index(tmp_path, ["a/", "a/#y", "en/a/"])  # only page a rendered again: its sections changed
    assert search_index.split_by_language(tmp_path, dirty=True) == {"": 4, "en": 3}
    assert sorted(locations(tmp_path)) == ["", "a/", "a/#y", "b/"]
    assert sorted(locations(tmp_path, "en")) == ["", "a/", "b/"]
    # the counter-case: a clean build's index is the whole site; nothing is carried over
    write_index(tmp_path, ["a/", "en/a/"])
    assert search_index.split_by_language(tmp_path) == {"": 1, "en": 1}


def test_an_entry_listed_twice_is_kept_once(tmp_path):
    write_index(tmp_path, ["", "a/", "", "a/", "en/"])
    assert search_index.split_by_language(tmp_path) == {"": 2, "en": 1}


def test_without_an_index_nothing_is_written(tmp_path):
    assert search_index.split_by_language(tmp_path) == {}
    assert not (tmp_path / "en").exists()


def test_english_pages_fetch_the_english_index():
    config = '{"base": "../..", "features": []}'
    page = f'<head><script id="__config" type="application/json">{config}</script></head>'
    moved = search_index.search_base_for_english(page)
    assert json.loads(moved.split('json">')[1].split("</script>")[0]) == {"base": "../../en/", "features": []}
    assert search_index.search_base_for_english("<p>no config</p>") == "<p>no config</p>"


def test_the_moved_config_cannot_end_its_script_element():
    config = '{"base": "..", "translations": {"x": "\\u003c/script\\u003e\\u0026"}}'  # as tojson writes it
    page = f'<script id="__config" type="application/json">{config}</script>'
    moved = search_index.search_base_for_english(page)
    assert moved.count("</script>") == 1
    body = moved.split('json">')[1].split("</script>")[0]
    assert json.loads(body)["translations"]["x"] == "</script>&"


def test_code_blocks_and_notebook_outputs_are_left_out_of_search():
    html = (
        '<p>prose</p><div class="language-python highlight"><pre>code</pre></div>'
        '<div class="jp-OutputArea jp-Cell-outputArea"><pre>out</pre></div><div class="admonition">x</div>'
    )
    marked = search_index.without_code(html)
    assert marked.count("data-search-exclude") == 2
    assert '<div class="admonition">' in marked


# --- What a reader sees of search: previews, ranking, Material's script fixed ------------------------


def test_a_page_entry_previews_the_prose_under_its_title_not_the_download_button():
    entries = [
        {"location": "memory/x/", "title": "X", "text": ""},  # the button, left out of search
        {"location": "memory/x/#x", "title": "X", "text": "<p>The rule.</p>"},
        {"location": "memory/x/#more", "title": "More", "text": "<p>More.</p>"},
        {"location": "", "title": "Home", "text": "<p>Home.</p>"},  # already has its prose
        {"location": "#contents", "title": "Contents", "text": "<p>1.</p>"},
    ]
    merged = search_index.with_intro_on_the_page_entry(entries)
    assert merged == [
        {"location": "memory/x/", "title": "X", "text": "<p>The rule.</p>"},
        entries[2],
        entries[3],
        entries[4],
    ]
    # the counter-case: a page whose entry is empty and has no section keeps its one entry
    assert search_index.with_intro_on_the_page_entry(entries[:1]) == entries[:1]
    # a title with no prose under it: the page takes its (empty) section, the next section stays
    bare = [
        {"location": "p/", "title": "P", "text": ""},
        {"location": "p/#p", "title": "P", "text": ""},
        {"location": "p/#a", "title": "A", "text": "<p>A.</p>"},
    ]
    assert search_index.with_intro_on_the_page_entry(bare) == [bare[0], bare[2]]


def test_the_reference_pages_rank_below_the_notes(tmp_path):
    write_index(tmp_path, ["", "versions/#a", "glossary/", "memory/x/", "en/versions/", "en/memory/x/"])
    search_index.split_by_language(tmp_path)
    for language, expected in (
        ("", {"": 0.001, "versions/#a": 0.001, "glossary/": 0.001}),
        ("en", {"versions/": 0.001}),
    ):
        docs = json.loads((tmp_path / language / "search" / "search_index.json").read_text())["docs"]
        assert {d["location"]: d["boost"] for d in docs if "boost" in d} == expected
        assert all("boost" not in d for d in docs if d["location"].startswith("memory/"))


def material_scripts():
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    worker = next((folder / "workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    bundle = next(folder.glob("bundle.*.min.js")).read_text(encoding="utf-8")
    return worker, bundle


def test_materials_search_is_fixed_once_and_a_second_build_changes_nothing():
    worker, bundle = material_scripts()
    fixed = search_index.fixed(worker, search_index.SEARCH_WORKER_FIXES, "search worker")
    assert "<=t.length;o++)t.slice(s,o)in e" in fixed  # the whole query is tried as a word
    assert "lunr.QueryLexer.termSeparator=new RegExp(e.separator)" in fixed
    assert search_index.fixed(fixed, search_index.SEARCH_WORKER_FIXES, "search worker") == fixed
    fixed_bundle = search_index.fixed(bundle, search_index.BUNDLE_FIXES, "bundle")
    assert '.replace(/[\\s*+:~^]+/g," ")' in fixed_bundle
    assert fixed_bundle != bundle


def test_a_changed_material_search_fails_the_build_saying_what_to_check():
    with pytest.raises(MaterialChanged, match=r"search worker.*site_tools/mkdocs_hooks/search_index\.py"):
        search_index.fixed("function fe(t,e){}", search_index.SEARCH_WORKER_FIXES, "search worker")


def test_patching_a_site_without_materials_scripts_says_so(tmp_path):
    with pytest.raises(MaterialChanged, match="no Material search worker"):
        search_index.patch_material_search(tmp_path)
