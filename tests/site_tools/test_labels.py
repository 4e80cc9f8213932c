"""translation/labels.py: every label exists in each language, with the same entries and placeholders."""

from __future__ import annotations

import string

import pytest

from site_tools import layout
from site_tools.translation import labels

LABELS = {
    name: value
    for name, value in vars(labels).items()
    if name.isupper() and isinstance(value, dict) and set(value) == set(layout.LANGUAGES)
}


def leaves(value, path=()):
    """(path, text) of every string in a label, however deeply it is nested."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_every_label_is_found_and_keyed_by_every_language():
    public = {name for name, value in vars(labels).items() if name.isupper() and isinstance(value, dict)}
    assert public == set(LABELS), f"labels not keyed by exactly {layout.LANGUAGES}: {public - set(LABELS)}"
    assert len(LABELS) >= 10


@pytest.mark.parametrize("name", sorted(LABELS))
def test_each_language_has_the_same_entries_and_placeholders_and_some_words(name):
    by_language = {language: dict(leaves(LABELS[name][language])) for language in layout.LANGUAGES}
    source, *others = layout.LANGUAGES
    for language in others:
        assert by_language[language].keys() == by_language[source].keys(), f"{name}: {language} differs"
        for path, text in by_language[language].items():
            assert placeholders(text) == placeholders(by_language[source][path]), (
                f"labels.{name}{list(path)}: {language} and {source} fill in different values"
            )
    # a label with no words in a language was forgotten there (a part may be blank where the language's
    # word order needs nothing: the Chinese sentence separator, English text after the theme's name)
    for language in layout.LANGUAGES:
        assert any(text.strip() for text in by_language[language].values()), f"labels.{name}: no {language}"
