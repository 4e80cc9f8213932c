"""site_tools/mkdocs_hooks/not_found.py: the 404 page of each language, its links and where it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_tools.mkdocs_hooks import not_found
from site_tools.translation import labels


@pytest.mark.parametrize(
    ("site_url", "zh", "en"),
    [
        ("http://127.0.0.1:8000/", "/", "/en/"),
        ("https://example.org/notes/", "/notes/", "/notes/en/"),
        ("https://example.org/notes", "/notes/", "/notes/en/"),
        ("", "/", "/en/"),
    ],
)
def test_home_urls_are_root_relative_under_the_sites_path(site_url, zh, en):
    assert not_found.home_url("zh", site_url) == zh
    assert not_found.home_url("en", site_url) == en


def test_each_language_has_its_own_file():
    site = Path("/site")
    assert not_found.path(site, "zh") == site / "404.html"
    assert not_found.path(site, "en") == site / "en" / "404.html"


def test_the_switcher_leads_to_the_home_pages():
    alternates = [
        {"name": "中文", "link": "/tensor_ops/slicing/", "lang": "zh"},
        {"name": "English", "link": "/en/tensor_ops/slicing/", "lang": "en"},
    ]
    homes = not_found.switcher_to_homes(alternates, "https://example.org/notes/")
    assert homes == [
        {"name": "中文", "link": "/notes/", "lang": "zh"},
        {"name": "English", "link": "/notes/en/", "lang": "en"},
    ]
    assert alternates[0]["link"] == "/tensor_ops/slicing/", "the configuration is not changed in place"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_page_has_its_words_in_its_language_and_its_home(language):
    context = not_found.context(language, "http://127.0.0.1:8000/")
    assert context["home_url"] == not_found.home_url(language, "http://127.0.0.1:8000/")
    assert {k: v for k, v in context.items() if k != "home_url"} == labels.NOT_FOUND[language]
    assert labels.NOT_FOUND["zh"].keys() == labels.NOT_FOUND["en"].keys()
