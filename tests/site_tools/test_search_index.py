"""One search index per language (site_tools/search_index.py), on small indexes and pages."""

from __future__ import annotations

import json

from site_tools.mkdocs_hooks import search_index


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
