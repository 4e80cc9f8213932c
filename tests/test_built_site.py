"""The built site, as readers get it: built once per test session with `mkdocs build --strict`."""

from __future__ import annotations

import json
import platform
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from bs4 import BeautifulSoup

from site_tools import contract

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.build


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def built_page(site: Path, language: str, page: str) -> Path:
    """docs/<language>/<page> -> its HTML file: zh is served at /, en at /en/."""
    prefix = site if language == "zh" else site / language
    stem = page.removesuffix(".md")
    return prefix / ("index.html" if stem == "index" else f"{stem}/index.html")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


ALL_PAGES = [(lang, page) for lang in contract.LANGUAGES for page in contract.pages(ROOT, lang)]
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


@pytest.mark.parametrize("page", contract.pages(ROOT, "zh"))
def test_zh_and_en_pages_show_identical_outputs(site, page):
    def outputs(language):
        return [
            d.pre.code.get_text()
            for d in soup(built_page(site, language, page)).select("details.example-output")
        ]

    assert outputs("zh") == outputs("en")


@pytest.mark.parametrize(("language", "page"), ALL_PAGES)
def test_pages_state_versions_and_no_traceback_leaks(site, language, page):
    text = soup(built_page(site, language, page)).get_text()
    info = soup(built_page(site, language, page)).select_one(".build-info").get_text()
    for version in (torch.__version__, np.__version__, platform.python_version()):
        assert version in info
    assert re.search(r"\d{4}-\d{2}-\d{2}", info)
    assert "Traceback (most recent call last)" not in text


@pytest.mark.parametrize(("language", "page"), ALL_PAGES)
def test_language_switcher_leads_to_the_same_note(site, language, page):
    path = built_page(site, language, page)
    other = "en" if language == "zh" else "zh"
    links = {a["hreflang"]: a["href"] for a in soup(path).select("a.md-select__link[hreflang]")}
    href = links[other]
    # home pages link root-absolute (site_url's path, "/" when built locally), the others relatively
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


def test_chinese_search_finds_words_inside_sentences(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])

    def pages_with(word):
        return {
            doc["location"].split("#")[0] for doc in index["docs"] if word in separator.split(doc["text"])
        }

    # jieba has cut the sentences, so 共享 and 切片 are words of their own
    assert "memory/slices_share_storage/" in pages_with("共享")
    assert "memory/slices_share_storage/" in pages_with("切片")
    assert any(loc.startswith("en/") for loc in pages_with("contiguous"))
