"""Theme templates compiled once per process (site_tools/mkdocs_hooks/template_cache.py)."""

from __future__ import annotations

import jinja2

from site_tools.mkdocs_hooks.template_cache import MemoryBytecodeCache


def environment(folder, cache) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache)


def test_a_second_build_reuses_the_compiled_template_and_an_edit_is_compiled_again(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text("{{ title | upper }}", encoding="utf-8")
    cache = MemoryBytecodeCache()
    compiled = []
    original = jinja2.Environment.compile

    def counting(self, source, *args, **kwargs):
        compiled.append(source)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    assert environment(tmp_path, cache).get_template("page.html").render(title="a") == "A"
    assert environment(tmp_path, cache).get_template("page.html").render(title="b") == "B"
    assert len(compiled) == 1  # the second environment (build) used the cached code
    (tmp_path / "page.html").write_text("{{ title }}!", encoding="utf-8")
    assert environment(tmp_path, cache).get_template("page.html").render(title="c") == "c!"
    assert len(compiled) == 2  # the edited source: compiled again, not the stale code
    # the counter-case: without the cache every environment compiles
    environment(tmp_path, None).get_template("page.html").render(title="d")
    assert len(compiled) == 3
