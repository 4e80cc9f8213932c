"""Every claim a page states has both languages and a test; every claim test asserts a stated claim.

The rules of site_tools/claims.py, checked on this repository (and, for the messages, on small texts).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_tools import claims, layout

ROOT = Path(__file__).resolve().parent.parent
STATED = {language: claims.page_claims(ROOT, language) for language in ("zh", "en")}
BOUND = claims.claim_tests(ROOT)


def ids(language: str) -> dict[str, str]:
    """{claim id: the page stating it} for a language."""
    return {claim.id: page for page, found in STATED[language].items() for claim in found}


def test_the_pages_state_claims():
    assert len(ids("zh")) >= 10


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_claim_is_stated_once_per_language(language):
    seen: dict[str, str] = {}
    for page, found in STATED[language].items():
        for claim in found:
            assert claim.id not in seen, (
                f'docs/{language}/{page}: claim id "{claim.id}" is already used by docs/{language}/'
                f"{seen[claim.id]}: give this sentence an id of its own"
            )
            seen[claim.id] = page


def test_every_claim_is_stated_in_both_languages_on_the_same_page():
    zh, en = ids("zh"), ids("en")
    for claim_id, page in zh.items():
        assert en.get(claim_id) == page, (
            f'docs/zh/{page} states claim "{claim_id}"; write its English sentence in docs/en/{page} '
            f'as <claim id="{claim_id}">…</claim>'
        )
    for claim_id, page in en.items():
        assert zh.get(claim_id) == page, (
            f'docs/en/{page} states claim "{claim_id}", which docs/zh/{page} does not: '
            "the Chinese page is the source; add the claim there or remove it here"
        )


def test_claims_appear_in_the_same_order_in_both_languages():
    """Of the claims both languages state (a claim missing from one is the test above's failure)."""
    for page, found in STATED["zh"].items():
        english = [c.id for c in STATED["en"].get(page, [])]
        both = set(english) & {c.id for c in found}
        assert [c.id for c in found if c.id in both] == [i for i in english if i in both], (
            f"docs/en/{page}: state the claims in the order of docs/zh/{page}"
        )


def test_every_claim_has_a_test():
    for claim_id, page in ids("zh").items():
        topic = page.split("/", 1)[0]
        assert BOUND.get(claim_id), (
            f'docs/zh/{page}: claim "{claim_id}" has no test: add @pytest.mark.claim("{claim_id}") to a '
            f"test in tests/{topic}/ that asserts it on real objects, with the counter-case that bounds it"
        )


def test_every_claim_test_asserts_a_stated_claim():
    stated = ids("zh")
    for test in claims.all_claim_tests(ROOT):
        assert test.claims, (
            f'tests/{test.node} asserts no claim: mark it @pytest.mark.claim("<id>") with the id of the '
            "sentence it checks (<claim id=…> on a page); write that sentence if the page does not say it"
        )
        for claim_id in test.claims:
            assert claim_id in stated, (
                f'tests/{test.node} names claim "{claim_id}", which no page states: fix the id, or state '
                f'the claim on its page in both languages as <claim id="{claim_id}">…</claim>'
            )


def test_every_claim_test_asserts_something():
    silent = claims.silent_claim_tests(ROOT)
    assert not silent, (
        "these tests are bound to a claim but assert nothing: "
        + ", ".join(f"tests/{node}" for node in silent)
        + "; assert the claim on the snippet's objects (assert, pytest.raises, pytest.warns)"
    )


SILENT_AND_ASSERTING = """
import pytest, torch

def check(x):
    assert x.is_contiguous()

def build():
    return torch.zeros(3)

@pytest.mark.claim("a")
def test_runs_but_asserts_nothing(run_snippet):
    x = run_snippet("memory/x")["x"]
    x.add_(1)
    print(x)

@pytest.mark.claim("a")
def test_asserts_a_constant():
    build()
    assert True

@pytest.mark.claim("a")
def test_calls_a_helper_that_asserts_nothing():
    build()

@pytest.mark.claim("a")
def test_asserts():
    assert build().sum() == 0

@pytest.mark.claim("a")
def test_raises():
    with pytest.raises(RuntimeError):
        build().view(2)

@pytest.mark.claim("a")
def test_warns():
    with pytest.warns(UserWarning):
        build().storage()

@pytest.mark.claim("a")
def test_uses_torch_testing():
    torch.testing.assert_close(build(), torch.zeros(3))

@pytest.mark.claim("a")
def test_calls_a_helper_that_asserts():
    check(build())

def test_without_a_claim_asserts_nothing():
    build()
"""


def write_claim_test_file(root: Path, source: str) -> None:
    """A project of one topic at `root` whose one claim-test file, tests/memory/test_x.py, holds `source`."""
    (root / "docs" / "zh" / "memory").mkdir(parents=True)
    (root / "tests" / "memory").mkdir(parents=True)
    (root / "tests" / "memory" / "test_x.py").write_text(source, encoding="utf-8")


def test_a_claim_test_that_asserts_nothing_is_named(tmp_path):
    write_claim_test_file(tmp_path, SILENT_AND_ASSERTING)
    assert claims.silent_claim_tests(tmp_path) == [
        "memory/test_x.py::test_runs_but_asserts_nothing",
        "memory/test_x.py::test_asserts_a_constant",
        "memory/test_x.py::test_calls_a_helper_that_asserts_nothing",
    ]


def test_a_helper_that_calls_itself_is_followed_once(tmp_path):
    write_claim_test_file(
        tmp_path,
        "import pytest\n\ndef loop(n):\n    return loop(n - 1) if n else 0\n\n"
        '@pytest.mark.claim("a")\ndef test_one():\n    loop(3)\n',
    )
    assert claims.silent_claim_tests(tmp_path) == ["memory/test_x.py::test_one"]


def test_every_claim_test_that_starts_a_python_is_left_out_of_the_quick_check():
    unmarked = claims.unmarked_fresh_processes(ROOT)
    assert not unmarked, (
        "these tests start a fresh Python (it imports torch again: seconds each) without "
        "@pytest.mark.process, so the quick check would run them: "
        + ", ".join(f"tests/{node}" for node in unmarked)
        + "; mark them @pytest.mark.process (the full check runs them)"
    )


FRESH_PROCESSES = """
import subprocess, sys
import pytest

def in_a_fresh_python(code):
    return subprocess.run([sys.executable, "-c", code], check=True)

def test_starts_one():
    subprocess.run([sys.executable, "-c", "pass"], check=True)

def test_starts_one_through_a_helper():
    in_a_fresh_python("pass")

@pytest.mark.process
def test_marked():
    in_a_fresh_python("pass")

def test_starts_none():
    assert sys.executable
"""


def test_a_claim_test_starting_a_python_without_the_process_mark_is_named(tmp_path):
    write_claim_test_file(tmp_path, FRESH_PROCESSES)
    assert claims.unmarked_fresh_processes(tmp_path) == [
        "memory/test_x.py::test_starts_one",
        "memory/test_x.py::test_starts_one_through_a_helper",
    ]


# --- the reader and the messages ----------------------------------------------------------------------


def test_claims_are_read_in_order_with_their_sentences():
    text = 'A <claim id="one">first `x[0]` sentence</claim>, then\n<claim id="two-b">a\nsecond</claim>.'
    assert claims.claims_in(text) == [
        claims.Claim("one", "first `x[0]` sentence"),
        claims.Claim("two-b", "a second"),
    ]
    assert claims.strip(text) == "A first `x[0]` sentence, then\na\nsecond."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('<claim id="Bad_Id">x</claim>', "lower-case words joined by hyphens"),
        ('<claim id="a">x', "not part of a well-formed claim"),
        ('<claim id="a">x <claim id="b">y</claim></claim>', "contains another claim marker"),
        ('<claim id="a"> </claim>', "has no sentence"),
        ("x</claim>", "not part of a well-formed claim"),
    ],
)
def test_a_malformed_marker_is_an_error_naming_the_page(text, message):
    with pytest.raises(claims.ClaimSyntaxError, match=message) as error:
        claims.claims_in(text, "docs/zh/x.md")
    assert str(error.value).startswith("docs/zh/x.md:")


def test_render_marks_the_sentence_and_links_its_results():
    html = claims.render('Say <claim id="a-b">it</claim>.', "../versions.md", "Checked")
    assert html == (
        'Say <span class="claim" id="claim-a-b">it</span>\u2060'
        '[✓](../versions.md#claim-a-b "Checked"){: .claim-check }.'
    )
    spans = claims.spans('<claim id="a-b">it</claim>')
    assert claims.link_spans(spans, "../versions/", "T") == (
        '<span class="claim" id="claim-a-b">it</span>\u2060'
        '<a class="claim-check" href="../versions/#claim-a-b" title="T">✓</a>'
    )  # a word joiner: the ✓ never starts a line


def test_markers_of_tests_are_read_without_importing_them(tmp_path):
    write_claim_test_file(
        tmp_path,
        "import pytest\nraise SystemExit('never imported')\n\n"
        '@pytest.mark.claim("a", "b")\n@pytest.mark.parametrize("v", [1])\ndef test_one(v): ...\n\n'
        "def test_two(): ...\n\ndef helper(): ...\n",
    )
    found = claims.all_claim_tests(tmp_path)
    assert found == [
        claims.ClaimTest("memory/test_x.py::test_one", ("a", "b")),
        claims.ClaimTest("memory/test_x.py::test_two", ()),
    ]
    assert claims.claim_tests(tmp_path) == {
        "a": ["memory/test_x.py::test_one"],
        "b": ["memory/test_x.py::test_one"],
    }
    assert claims.function_of("memory/test_x.py::test_one[1]") == "memory/test_x.py::test_one"


def test_a_claim_id_that_is_not_a_literal_is_an_error(tmp_path):
    write_claim_test_file(
        tmp_path, 'import pytest\nID = "a"\n\n@pytest.mark.claim(ID)\ndef test_one(): ...\n'
    )
    with pytest.raises(claims.ClaimSyntaxError, match=r"tests/memory/test_x.py::test_one: write claim ids"):
        claims.all_claim_tests(tmp_path)


def test_english_claims_side_by_side_are_separated_by_a_space():
    """A check link ends each claim: without a space, "✓A slice…" (Chinese needs none after 。)."""
    joined = [
        f"docs/en/{page}"
        for page in layout.pages(ROOT, "en") + layout.notebook_pages(ROOT, "en")
        if "</claim><claim" in (ROOT / "docs" / "en" / page).read_text(encoding="utf-8").replace('\\"', '"')
    ]
    assert joined == [], f"put a space between </claim> and <claim in: {joined}"
