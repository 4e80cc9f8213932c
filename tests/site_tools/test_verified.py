"""The version page and page notices (site_tools/verified.py), on records written by each test."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from site_tools import claims, layout, verified

ROOT = Path(__file__).resolve().parents[2]
PAGE = "tensor_ops/boolean_and_integer_indexing.md"


@pytest.fixture
def project(tmp_path):
    """The real pages and tests (linked: read, never written) with records of our own."""
    for part in ("docs", "tests"):
        (tmp_path / part).symlink_to(ROOT / part, target_is_directory=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "records").mkdir()
    return tmp_path


def write_record(root: Path, torch: str, claims: dict[str, str], **extra):
    record = {
        "torch": torch,
        "numpy": "2.0",
        "python": "3.11",
        "date": "2026-01-02",
        "build": "pass",
        "outputs_changed": [],
        "claims": claims,
        **extra,
    }
    (root / "records" / f"torch-{torch}.json").write_text(json.dumps(record), encoding="utf-8")


MASK = "mask-is-not-broadcast"
BROADCAST_TEST = "tensor_ops/test_boolean_mask_indexing.py::test_a_mask_is_never_broadcast"
COUNTER_TEST = (
    "tensor_ops/test_boolean_mask_indexing.py::test_counter_case_a_mask_matching_the_leading_dims_is_accepted"
)


def stated(root: Path, language: str) -> list[claims.Claim]:
    return claims.claims_in(claims.page_markdown(root, language, PAGE))


def row(table: str, claim_id: str) -> str:
    return next(line for line in table.splitlines() if f"#{claims.anchor(claim_id)} }}" in line)


def test_records_are_ordered_by_torch_version_not_by_name(project):
    for version in ("2.10.0", "2.9.1", "2.13.0+cpu"):
        write_record(project, version, {})
    assert [r["torch"] for r in verified.load_records(project)] == ["2.9.1", "2.10.0", "2.13.0+cpu"]


def test_a_claim_holds_when_all_its_tests_pass_parametrized_ones_included(project):
    tests = claims.claim_tests(project)[MASK]
    assert {BROADCAST_TEST, COUNTER_TEST} <= set(tests)
    others = {test: "pass" for test in tests if test != BROADCAST_TEST}
    write_record(
        project, "2.13.0", {f"{BROADCAST_TEST}[a]": "pass", f"{BROADCAST_TEST}[b]": "pass", **others}
    )
    write_record(
        project, "2.14.1", {f"{BROADCAST_TEST}[a]": "pass", f"{BROADCAST_TEST}[b]": "fail", **others}
    )
    write_record(project, "2.15.0", {f"{BROADCAST_TEST}[a]": "skip", **{t: "skip" for t in others}})
    text = verified.table(project, "en")
    mask_row = row(text, MASK)
    assert mask_row.startswith("| [A mask is never broadcast")
    assert re.search(
        rf'\]\({PAGE}#claim-{MASK} "A mask is never broadcast[^"]*"\){{: #claim-{MASK} }}', mask_row
    )
    # newest release first
    assert re.findall(r'claim-status--\w+" title="([^"]+)"', mask_row) == ["skipped", "fails", "holds"]
    assert re.findall(r'aria-hidden="true">(.)<', mask_row) == ["–", "✗", "✓"]
    assert "test_" not in text


def test_a_claim_missing_from_a_record_shows_as_not_checked(project):
    write_record(project, "2.13.0", {})
    assert "claim-status--missing" in row(verified.table(project, "zh"), MASK)
    assert "未检查" in row(verified.table(project, "zh"), MASK)


def test_a_claim_with_one_test_not_in_the_record_is_not_called_verified(project):
    write_record(project, "2.13.0", {BROADCAST_TEST: "pass"})  # its counter-case test is not in it
    assert "claim-status--missing" in row(verified.table(project, "en"), MASK)
    text = verified.notice(project, "en", stated(project, "en"), "../versions.md")
    assert "have not been checked" in text
    assert "verified on" not in text


def test_the_page_groups_claims_under_their_page_in_nav_order_in_the_reader_language(project):
    write_record(project, "2.13.0", {})
    zh = verified.table(project, "zh")
    # a page's heading, or (all its claims alike on every release) its title in its fold's summary
    titles = {verified.page_title(project, "zh", p): p for p in verified.nav_order(project)}
    found = re.findall(r'^(?:## \[([^\]]+)\]|<details.*<span class="claims-page">([^<]+)</span>)', zh, re.M)
    pages = [titles[a or b] for a, b in found]
    assert pages == [p for p in verified.nav_order(project) if p in pages]
    assert len(pages) == len([p for p, c in claims.page_claims(project, "zh").items() if c])
    assert '<span class="claims-page">布尔索引与整数索引</span>' in zh
    assert "| [掩码不会广播" in zh


def every_test_of(root: Path, result: str) -> dict[str, str]:
    bound = claims.claim_tests(root)
    return {test: result for claim in stated(root, "en") for test in bound[claim.id]}


def test_notice_lists_versions_where_every_claim_of_the_page_holds(project):
    write_record(project, "2.13.0", every_test_of(project, "pass"))
    write_record(project, "2.14.1", {BROADCAST_TEST: "fail"})
    text = verified.notice(project, "en", stated(project, "en"), "../versions.md")
    assert '!!! warning "Verified torch versions"' in text
    assert "verified on torch 2.13.0 ([version compatibility](../versions.md))" in text
    assert "On torch 2.14.1, 1 claim on this page does not hold" in text


def test_notice_without_records_says_unchecked(project):
    text = verified.notice(project, "zh", stated(project, "zh"), "../versions.md")
    assert "还没有在任何记录的 torch 版本上检查过" in text


# --- across releases: notes beside claims, messages, other outputs ------------------------------------

NOTE_CASES = [
    ([("2.0.1", "fail"), ("2.4.1", "pass"), ("2.13.0", "pass")], "fails on torch 2.0.1"),
    (
        [("2.0.1", "fail"), ("2.2.2", "fail"), ("2.4.1", "pass"), ("2.13.0", "pass")],
        "fails before torch 2.4.1",
    ),
    ([("2.0.1", "pass"), ("2.13.0", "pass"), ("2.15.0", "fail")], "fails on torch 2.15.0"),
    ([("2.0.1", "pass"), ("2.13.0", "fail"), ("2.15.0", "fail")], "fails from torch 2.13.0 on"),
    ([("2.0.1", "pass"), ("2.4.1", "fail"), ("2.13.0", "pass")], "fails on torch 2.4.1"),
    ([("2.0.1", "fail"), ("2.4.1", "pass"), ("2.13.0", "fail")], "fails on torch 2.0.1, 2.13.0"),
    ([("2.0.1", "fail"), ("2.13.0", "fail")], "fails on torch 2.0.1, 2.13.0"),
    ([("2.10.0", "message"), ("2.13.0", "pass")], "worded differently before torch 2.13.0"),
    ([("2.10.0", "pass"), ("2.13.0", "message")], "worded differently on torch 2.13.0"),
    ([("2.0.1", "skip"), ("2.13.0", "pass"), ("2.15.0", "missing")], ""),
    # checked nowhere: its ✓ would link results that checked nothing, so the note says so
    (
        [("2.0.1", "skip"), ("2.13.0", "skip")],
        "not fully checked: a test it needs (one that needs a GPU, for example) was skipped on every "
        "recorded release",
    ),
    (
        [("2.0.1", "missing"), ("2.13.0", "skip")],
        "not fully checked: a test it needs (one that needs a GPU, for example) was skipped on torch "
        "2.13.0 and did not exist when the other releases were checked",
    ),
    ([("2.0.1", "missing"), ("2.13.0", "missing")], "not yet checked on any recorded release"),
    ([("2.0.1", "pass"), ("2.13.0", "pass")], ""),
]


@pytest.mark.parametrize(("outcomes", "note"), NOTE_CASES)
def test_a_claim_note_says_where_it_fails_or_is_worded_differently(outcomes, note):
    assert verified.claim_note("en", outcomes) == note


def test_a_claim_note_reads_in_chinese():
    assert verified.claim_note("zh", NOTE_CASES[0][0]) == "不成立于 torch 2.0.1"
    assert verified.claim_note("zh", NOTE_CASES[1][0]) == "torch 2.4.1 之前不成立"
    assert verified.claim_note("zh", NOTE_CASES[3][0]) == "自 torch 2.13.0 起不成立"


SHORT_FORMS = [
    # the first clause, up to a colon (code spans whole, links as their text, bold dropped)
    (
        "NumPy's `ndarray.flatten()` always returns a **copy**: whatever the input.",
        "NumPy's `ndarray.flatten()` always returns a copy…",
    ),
    (
        "NumPy 的 `ndarray.flatten()` 总是返回副本：无论输入是什么。",
        "NumPy 的 `ndarray.flatten()` 总是返回副本…",
    ),
    # a short sentence stays whole
    ("Ravel views only [contiguous](x.md) input.", "Ravel views only contiguous input"),
    # too long a clause: cut at a word, never inside a code span, never leaving a bracket open
    (
        "For a NumPy array on the CPU (barring the exceptions listed below) as long as the requested "
        "dtype is the array's",
        "For a NumPy array on the CPU…",
    ),
    (
        "`a` and `b` and `a_very_long_name_of_a_function_that_does_not_fit_in_the_column()` too",
        "`a` and `b` and…",
    ),
]


@pytest.mark.parametrize(("sentence", "short"), SHORT_FORMS)
def test_a_claims_short_form_is_its_first_clause_cut_to_fit(sentence, short):
    assert verified.short_form(sentence) == short


def test_every_short_form_fits_its_column():
    for language in layout.LANGUAGES:
        for stated_claims in claims.page_claims(layout.ROOT, language).values():
            for claim in stated_claims:
                short = verified.short_form(claim.text)
                shown = short.replace("`", "")
                assert verified._columns(shown) <= verified.SHORT_COLUMNS + 1, short
                assert short.count("`") % 2 == 0, short


MESSAGE = (
    "memory/test_autograd_and_aliasing.py::test_the_message_names_the_saved_output_as_the_page_quotes_it"
)
WORDED = "write-through-view-of-saved-tensor-is-caught"


def test_only_message_tests_failing_means_the_behaviour_holds_with_other_words(project):
    tests = claims.claim_tests(project)[WORDED]
    assert MESSAGE in tests
    assert MESSAGE in claims.message_tests(project)
    record = {"claims": {test: "pass" for test in tests} | {MESSAGE: "fail"}}
    assert verified.outcome(record, tests, claims.message_tests(project)) == "message"
    # counter-case: a behaviour test failing too makes it fail
    behaviour = next(t for t in tests if t != MESSAGE)
    record["claims"][behaviour] = "fail"
    assert verified.outcome(record, tests, claims.message_tests(project)) == "fail"
    # and without the message marker a wording failure is a failure
    assert verified.outcome({"claims": {t: "pass" for t in tests} | {MESSAGE: "fail"}}, tests) == "fail"


def test_the_page_note_and_matrix_follow_the_records(project):
    tests = claims.claim_tests(project)[MASK]
    write_record(project, "2.0.1", {t: "fail" for t in tests})
    write_record(project, "2.13.0", {t: "pass" for t in tests})
    assert verified.claim_notes(project, "en")[MASK] == claims.Note("fails on torch 2.0.1", fails=True)
    assert verified.claim_notes(project, "zh")[MASK].text == "（不成立于 torch 2.0.1）"  # set apart
    rendered = claims.render(
        '<claim id="m">x</claim>', "v.md", "t", {"m": claims.Note("fails on torch 2.0.1", True)}
    )
    assert rendered.endswith(' <span class="claim-note claim-note--fails">fails on torch 2.0.1</span>')
    # only worded differently: a note, not marked as failing
    worded = claims.render(
        '<claim id="m">x</claim>', "v.md", "t", {"m": claims.Note("worded differently", False)}
    )
    assert worded.endswith(' <span class="claim-note">worded differently</span>')
    # a record written later is read without restarting (mkdocs serve)
    write_record(project, "2.15.0", {t: "fail" for t in tests})
    assert verified.claim_notes(project, "en")[MASK].text == "fails on torch 2.0.1, 2.15.0"


def test_other_outputs_group_the_releases_that_printed_the_same(project):
    write_record(project, "2.0.1", {}, outputs={"t/x": "old\n"})
    write_record(project, "2.2.2", {}, outputs={"t/x": "old\n"})
    write_record(project, "2.12.1", {}, outputs={"t/x": "other\n"})
    write_record(project, "2.13.0", {})
    assert verified.other_outputs(project, "t/x", "now\n") == [
        (["2.0.1", "2.2.2"], "old\n"),
        (["2.12.1"], "other\n"),
    ]
    assert verified.other_outputs(project, "t/x", "old\n") == [(["2.12.1"], "other\n")]
    assert verified.other_outputs(project, "t/y", "now\n") == []


def test_the_summary_lists_each_claim_that_changes_with_where_and_folds_the_rest(project):
    everything = every_test_of(project, "pass")
    write_record(project, "2.13.0", everything)
    # the one test bound to this claim alone (its others also bind the claims the rule was split into)
    write_record(project, "2.15.0", {**everything, BROADCAST_TEST: "fail"})
    text = verified.table(project, "en")
    summary = text[text.index("## Summary") : text.index("{: .claim-legend }")]
    assert "torch releases checked (2, newest first): 2.15.0; 2.13.0." in summary
    lines = [line for line in summary.splitlines() if line.startswith("| [")]
    assert len(lines) == 1
    assert lines[0].startswith("| [A mask is never broadcast")
    assert lines[0].endswith("| fails on torch 2.15.0 |")
    # on its page: one fold, its title and what changes in the summary, the claim that changes first
    page = text[text.index('<span class="claims-page">Boolean and Integer Indexing</span>') :]
    page = page[: page.index("</details>")]
    assert page.index("1 claim fails on at least one release (see the summary)") < page.index(
        f"#claim-{MASK} }}"
    )
    assert "## [Boolean and Integer Indexing]" not in text, "no heading: the page is one line until unfolded"
    # its fold looks like a warning; a page whose claims all hold keeps the success look
    vary = '<details class="claims-held claims-vary" markdown><summary><span class="claims-page">Boolean'
    assert vary in text
    assert '<details class="claims-held" markdown><summary><span class="claims-page">Slicing' in text
    assert "claims hold on all 2 releases" in page, "checked on both and held on both: 'all'"
    # a page with no change: its title in the fold's summary, no heading; its claims were never checked
    # in these records, so the fold never says they hold
    assert '<summary><span class="claims-page">Slicing</span> · 7 claims never checked</summary>' in text
    assert "## [Slicing]" not in text


def test_notice_counts_the_claims_that_fail_on_each_release_apart(project):
    """An independent review found "On torch 2.0.1, 2.2.2, 2.4.1, 13 claims do not hold" where 13 failed
    on 2.0.1 only and 3 on the others: each count is said with its own releases."""
    bound = claims.claim_tests(project)
    page_claims = stated(project, "en")
    alone = [  # a test of each claim that binds no other claim
        next(t for t in bound[c.id] if sum(t in tests for tests in bound.values()) == 1)
        for c in page_claims
        if any(sum(t in tests for tests in bound.values()) == 1 for t in bound[c.id])
    ]
    everything = every_test_of(project, "pass")
    write_record(project, "2.0.1", {**everything, **{t: "fail" for t in alone[:2]}})
    write_record(project, "2.2.2", {**everything, alone[0]: "fail"})
    write_record(project, "2.4.1", {**everything, alone[0]: "fail"})
    text = verified.notice(project, "en", page_claims, "../versions.md")
    assert "On torch 2.0.1, 2 claims on this page do not hold" in text
    assert "On torch 2.2.2, 2.4.1, 1 claim on this page does not hold" in text


GPU_PAGE = "memory/numpy_and_tensors.md"
GPU_AND_CPU = "numpy-force-copies-only-when-needed"  # bound to a test marked cuda and to tests on the CPU


def test_a_claim_whose_gpu_test_was_skipped_is_not_called_holding(project):
    """An independent review found GPU-only claims shown as holding, on the strength of tests on the CPU
    bound to them (a stand-in on the meta device): what only a GPU shows was never run."""
    bound = claims.claim_tests(project)
    gpu = claims.gpu_tests(project)
    assert set(bound[GPU_AND_CPU]) & gpu
    assert set(bound[GPU_AND_CPU]) - gpu
    page_claims = claims.claims_in(claims.page_markdown(project, "en", GPU_PAGE))
    everything = {t: "pass" for c in page_claims for t in bound[c.id]}
    write_record(project, "2.13.0", {**everything, **{t: "skip" for t in everything if t in gpu}})
    text = verified.table(project, "en")
    assert re.findall(r'claim-status--\w+" title="([^"]+)"', row(text, GPU_AND_CPU)) == ["skipped"]
    on_gpu = sum(any(t in gpu for t in bound[c.id]) for c in page_claims)

    def unchecked(text: str) -> int:  # the claims the summary does not count as holding: never checked
        return int(
            re.search(r"Another (\d+) were never checked: skipped or not checked on every release", text)[1]
        )

    skipped = unchecked(text)
    notice = verified.notice(project, "en", page_claims, "../versions.md")
    assert "(except those that need a GPU to be fully checked) were verified on torch 2.13.0" in notice
    # counter-case: where the GPU test ran and passed, the claim holds, and is counted as holding
    write_record(project, "2.13.0", everything)
    text = verified.table(project, "en")
    assert re.findall(r'title="([^"]+)"', row(text, GPU_AND_CPU)) == ["holds"]
    assert unchecked(text) == skipped - on_gpu
    notice = verified.notice(project, "en", page_claims, "../versions.md")
    assert "The claims on this page were verified on torch 2.13.0" in notice


def test_a_claim_worded_differently_is_counted_as_holding_alike_everywhere(project):
    """An independent review found a claim that holds, worded differently, counted among those that do
    not hold in the summary and its page's fold, while the page's notice did not count it."""
    tests = claims.claim_tests(project)[WORDED]
    page = "memory/autograd_and_aliasing.md"
    page_claims = claims.claims_in(claims.page_markdown(project, "en", page))
    everything = {t: "pass" for c in page_claims for t in claims.claim_tests(project)[c.id]}
    write_record(project, "2.0.1", {**everything, MESSAGE: "fail"})
    write_record(project, "2.13.0", everything)
    assert {t: "pass" for t in tests if t != MESSAGE}.items() <= everything.items()
    text = verified.table(project, "en")
    summary = text[text.index("## Summary") : text.index("{: .claim-legend }")]
    assert "0 fail on at least one recorded release, and 1 holds but quotes a message" in summary
    listed = [line for line in summary.splitlines() if f"#{claims.anchor(WORDED)} " in line]
    assert len(listed) == 1
    assert listed[0].endswith("| worded differently before torch 2.13.0 |")
    fold = text[text.index('<span class="claims-page">Autograd and Aliasing</span>') :]
    fold = fold[: fold.index("</summary>")]
    assert "not holding" not in fold
    assert "1 claim holds, with a message worded differently on some release" in fold
    notice = verified.notice(project, "en", page_claims, "../versions.md")
    assert "do not hold" not in notice
    assert "verified on torch 2.0.1, 2.13.0" in notice
    # counter-case: a behaviour test failing makes it a claim that does not hold, in all three places
    behaviour = next(
        t for t in tests if t != MESSAGE and sum(t in b for b in claims.claim_tests(project).values()) == 1
    )
    write_record(project, "2.0.1", {**everything, behaviour: "fail"})
    text = verified.table(project, "en")
    assert "1 fails on at least one recorded release." in text
    fold = text[text.index('<span class="claims-page">Autograd and Aliasing</span>') :]
    assert "1 claim fails on at least one release" in fold[: fold.index("</summary>")]
    assert "On torch 2.0.1, 1 claim on this page does not hold" in verified.notice(
        project, "en", page_claims, "../versions.md"
    )


def test_a_tooltip_turns_straight_quotes_into_pairs_of_curly_ones():
    plain = verified._plain('Call `warnings.simplefilter("always")`, then "this" and "that".')
    assert plain == "Call warnings.simplefilter(“always”), then “this” and “that”."
    # counter-case: an unpaired quote still cannot end the title it stands in
    assert '"' not in verified._plain('a lone " quote')
