"""Which torch versions the notes' claims were verified on, from records/torch-<version>.json.

The records are written by `nox -s upgrade -- <version>` (site_tools/upgrade_report.py). The MkDocs
hook turns them into the version page's table (`<!-- verified-claims-table -->` in
docs/<lang>/versions.md) and into the notice at the bottom of each note page.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from packaging.version import Version

from site_tools import claims, layout
from site_tools.rendering import templates
from site_tools.rendering.templates import markdown
from site_tools.translation import labels

TABLE_MARKER = "<!-- verified-claims-table -->"


def release(version: str) -> str:
    """A torch version without its local build label: "2.13.0+cpu" and "2.13.0+cu130" -> "2.13.0".

    The CPU and CUDA wheels of one release behave alike on the CPU, where every claim is checked;
    records and notices speak of releases (a record keeps its build as information).
    """
    return Version(version).public


def load_records(root: Path) -> list[dict]:
    """Every record, oldest torch first."""
    return [dict(record) for record in _state(root).records]


@dataclass(frozen=True)
class _State:
    records: tuple[dict, ...]  # oldest torch first
    bound: dict[str, list[str]]  # {claim id: its tests}
    message_tests: frozenset[str]
    gpu_tests: frozenset[str]
    results: dict[str, list[tuple[str, str]]]  # `results`: computed once per state, not once per page


def _fingerprint(root: Path) -> tuple:
    """What the records and the claim bindings are read from, with modification times."""
    paths = sorted(layout.records_dir(root).glob("torch-*.json")) + layout.claim_test_files(root)
    return tuple((str(p), p.stat().st_mtime_ns) for p in paths)


@functools.lru_cache(maxsize=4)  # process state: bounded, keyed on the files' modification times
def _read_state(root: Path, fingerprint: tuple) -> _State:
    records = [
        json.loads(p.read_text(encoding="utf-8")) for p in layout.records_dir(root).glob("torch-*.json")
    ]
    records.sort(key=lambda r: Version(r["torch"]))
    bound = claims.claim_tests(root)
    message_tests = frozenset(claims.message_tests(root))
    gpu_tests = frozenset(claims.gpu_tests(root))
    by_test = [_by_test(record) for record in records]
    results = {
        claim_id: [
            (record["torch"], _outcome(found, tests, message_tests, gpu_tests))
            for record, found in zip(records, by_test, strict=True)
        ]
        for claim_id, tests in bound.items()
    }
    return _State(tuple(records), bound, message_tests, gpu_tests, results)


def _state(root: Path) -> _State:
    """Records and claim bindings, read once per change of their files (not once per page)."""
    return _read_state(root, _fingerprint(root))


def _outcomes(state: _State, claim_id: str) -> list[str]:
    """A claim's outcome in each record, oldest first (a claim no test asserts: as `_outcome` says)."""
    if claim_id in state.results:
        return [found for _, found in state.results[claim_id]]
    return [_outcome({}, [], state.message_tests, state.gpu_tests)] * len(state.records)


def results(root: Path) -> dict[str, list[tuple[str, str]]]:
    """{claim id: [(torch release, outcome), ...] oldest first} for every claim bound to a test."""
    return dict(_state(root).results)


def _releases(items: list[str]) -> str:
    return ", ".join(items)


def claim_note(language: str, outcomes: list[tuple[str, str]]) -> str:
    """Beside a claim that does not hold on every recorded release, in words: where it fails or is
    worded differently ("fails on torch 2.15.0", "fails before torch 2.4.1", "worded differently before
    torch 2.13.0").

    "" when it holds where checked. A claim that held on no recorded release, and failed on none,
    says so ("skipped on every recorded release": a test that needs a GPU, say): its ✓ links results
    that checked nothing. Releases between two recorded ones are not checked, so "fails before
    2.4.1" means: on the recorded releases older than it.
    """
    text = labels.VERSIONS[language]
    held = [release for release, result in outcomes if result in ("pass", "message")]
    failed = [release for release, result in outcomes if result == "fail"]
    if outcomes and not held and not failed:
        skipped = [release for release, result in outcomes if result == "skip"]
        if not skipped:
            return text["unchecked_everywhere"]
        if len(skipped) == len(outcomes):
            return text["skipped_everywhere"]
        return text["skipped_on"].format(releases=_releases(skipped))
    worded = [release for release, result in outcomes if result == "message"]
    order = {release: i for i, (release, _) in enumerate(outcomes)}
    notes = []
    if failed and held and len(failed) > 1:
        if max(order[r] for r in failed) < min(order[r] for r in held):
            notes.append(text["since"].format(release=held[0]))
        elif min(order[r] for r in failed) > max(order[r] for r in held):
            notes.append(text["until"].format(release=failed[0]))
        else:
            notes.append(text["fails_on"].format(releases=_releases(failed)))
    elif failed:
        notes.append(text["fails_on"].format(releases=_releases(failed)))
    exact = [release for release, result in outcomes if result == "pass"]
    if worded and exact and max(order[r] for r in worded) < min(order[r] for r in exact):
        notes.append(text["message_before"].format(release=exact[0]))
    elif worded:
        notes.append(text["message_on"].format(releases=_releases(worded)))
    return text["note_separator"].join(notes)


def _counted(text: dict[str, str], key: str, count: int) -> str:
    """`text[key]` for `count` things; for one, its singular `text[key + "_one"]` if the language has one."""
    return (text.get(f"{key}_one", text[key]) if count == 1 else text[key]).format(count=count)


def standing(cells: list[str]) -> str:
    """A claim across the recorded releases, from its outcomes there: "fails" (on one at least);
    "unchecked" (it held on none: skipped, a GPU-only claim say, or not checked on every one: it is
    never counted as holding); "worded" (it holds where checked, quoting a message worded differently
    on one at least: it holds); "held" (it holds on every one); else "partial" (it holds where checked,
    skipped or not checked on some)."""
    if "fail" in cells:
        return "fails"
    if not any(cell in ("pass", "message") for cell in cells):
        return "unchecked"
    if "message" in cells:
        return "worded"
    return "held" if all(cell == "pass" for cell in cells) else "partial"


def fails_somewhere(outcomes: list[tuple[str, str]]) -> bool:
    """The claim fails on a recorded release (not only worded differently)."""
    return any(result == "fail" for _, result in outcomes)


def claim_notes(root: Path, language: str) -> dict[str, claims.Note]:
    """{claim id: its note} for the claims that do not hold alike on every recorded release."""
    wrap = labels.VERSIONS[language]["note"]
    return {
        claim_id: claims.Note(wrap.format(note=note), fails_somewhere(outcomes))
        for claim_id, outcomes in results(root).items()
        if (note := claim_note(language, outcomes))
    }


def other_outputs(root: Path, name: str, output: str) -> list[tuple[list[str], str]]:
    """[(releases, output)] for the recorded releases where example `name` printed something else.

    `name` is an output-record entry (a snippet id, or memory/x.ipynb); releases that printed the
    same text are grouped, oldest first.
    """
    groups: dict[str, list[str]] = {}
    for record in _state(root).records:
        shown = record.get("outputs", {}).get(name)
        if shown is not None and shown != output:
            groups.setdefault(shown, []).append(record["torch"])
    return [(releases, shown) for shown, releases in groups.items()]


def outcome(
    record: dict,
    tests: list[str],
    message_tests: set[str] | frozenset[str] = frozenset(),
    gpu_tests: set[str] | frozenset[str] = frozenset(),
) -> str:
    """A claim's outcome in one record, from its tests' outcomes there (parametrized ones included).

    "fail" if any test failed, or "message" if the only tests that failed are `message_tests` (those
    that check the wording of a message the page quotes: the behaviour holds, the words differ);
    "missing" if the claim has no test or one of its tests is not in the record (the record predates
    it: nothing may be called verified that was not run); "skip" if all were skipped, or if one of
    its `gpu_tests` (marked `cuda`) was skipped: what only a GPU can show was not checked, whatever
    its tests on the CPU showed; else "pass".
    """
    return _outcome(_by_test(record), tests, message_tests, gpu_tests)


def _by_test(record: dict) -> dict[str, list[str]]:
    """A record's outcomes by test function (a parametrized test has several)."""
    found: dict[str, list[str]] = {}
    for node, result in record["claims"].items():
        found.setdefault(claims.function_of(node), []).append(result)
    return found


def _outcome(
    found: dict[str, list[str]],
    tests: list[str],
    message_tests: frozenset[str] | set[str],
    gpu_tests: frozenset[str] | set[str] = frozenset(),
) -> str:
    results = [found.get(test) for test in tests]
    failed = [test for test, r in zip(tests, results, strict=True) if r and "fail" in r]
    if failed:
        return "message" if all(test in message_tests for test in failed) else "fail"
    if not results or any(r is None for r in results):
        return "missing"
    if any(test in gpu_tests and "pass" not in r for test, r in zip(tests, results, strict=True)):
        return "skip"  # the GPU part was not run: a passing stand-in on the CPU does not make it hold
    flat = [o for r in results for o in r]
    return "pass" if "pass" in flat else "skip"


def page_title(root: Path, language: str, page: str) -> str:
    match = re.search(r"^# (.+)$", claims.page_markdown(root, language, page), flags=re.MULTILINE)
    return match.group(1).strip() if match else page


def nav_order(root: Path) -> list[str]:
    """The pages in the order of the nav in mkdocs.yml (language-independent paths)."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    return re.findall(r"^\s+- [^:\n]+: (\S+\.(?:md|ipynb))\s*$", text, flags=re.MULTILINE)


_LINK_IN_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")


SYMBOLS = {"pass": "✓", "fail": "✗", "message": "≈", "skip": "–", "missing": "?"}
"""One text glyph per outcome in the matrix (no emoji: they need a colour font); its word is beside it,
for screen readers and as a tooltip (the `status` macro of rendering/templates/versions.md)."""


def legend(language: str) -> str:
    text = labels.VERSIONS[language]
    return text["legend"] + text["list_separator"].join(
        f"{symbol} {text[result]}" for result, symbol in SYMBOLS.items()
    )


_CODE_SPAN = re.compile(r"(`[^`]*`)")
_EMPHASIS = re.compile(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_CLAUSE_END = re.compile(r"[：；。]|[:;](?=\s)|\.(?=\s)")
_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
SHORT_COLUMNS = 60
"""The widest a claim's short form may be, in columns (a CJK character counts as two): one line on the
version page at 1280 px."""


def _columns(text: str) -> int:
    return len(text) + len(_WIDE.findall(text))


def short_form(sentence: str, columns: int = SHORT_COLUMNS) -> str:
    """A claim's short form for the version page (inline Markdown, code spans kept whole): its first
    clause (up to the first colon, semicolon or full stop), cut at a word or a comma to fit
    `columns`, with "…" where something was left out. Links keep their text; bold is dropped."""
    text = _EMPHASIS.sub("", _LINK_IN_TEXT.sub(r"\1", " ".join(sentence.split())))
    pieces = _CODE_SPAN.split(text)  # odd indices: code spans, never cut
    kept, width, cut = [], 0, False
    for index, piece in enumerate(pieces):
        if index % 2:  # a code span: whole or not at all
            shown = piece.strip("`")
            if kept and width + _columns(shown) > columns:
                cut = True
                break
            kept.append(piece)
            width += _columns(shown)
            continue
        clause = _CLAUSE_END.search(piece)
        if clause and width + _columns(piece[: clause.start()]) >= 12:
            piece, cut = piece[: clause.start()], True
        if width + _columns(piece) > columns:
            room, taken = columns - width, ""
            for part in re.split(r"(?<=[ ，、])", piece):
                if _columns(taken + part) > room:
                    break
                taken += part
            if not taken and not kept:  # one long word: cut it
                taken = piece[: max(room // 2, 1)]
            piece, cut = taken, True
        kept.append(piece)
        width += _columns(piece)
        if cut:
            break
    short = _without_open_bracket("".join(kept)).rstrip(" ，、,（(—–-。.")
    return short + "…" if cut or len(short) < len(text.rstrip("。.")) else short


def _without_open_bracket(text: str) -> str:
    """`text` cut before a bracket it opens and does not close (outside code spans)."""
    pieces = _CODE_SPAN.split(text)
    depth, start = 0, None
    position = 0
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            for offset, char in enumerate(piece):
                if char in "(（":
                    if depth == 0:
                        start = position + offset
                    depth += 1
                elif char in ")）" and depth:
                    depth -= 1
        position += len(piece)
    return text[:start] if depth and start else text


_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _without_tags(sentence: str) -> str:
    """The HTML tags an author wrote left out (a reader sees them cleaned, never as text), code spans kept."""
    parts = _CODE_SPAN.split(sentence)  # odd indices: code spans, kept
    return "".join(part if i % 2 else _TAG.sub("", part) for i, part in enumerate(parts))


def _plain(sentence: str) -> str:
    """A claim as plain text, for a tooltip: no Markdown marks or tags, no quotes that would end it."""
    text = _EMPHASIS.sub("", _LINK_IN_TEXT.sub(r"\1", " ".join(_without_tags(sentence).split())))
    text = re.sub(r'"([^"]*)"', "“\\1”", text.replace("`", "").replace("\\", ""))  # quotes in pairs
    return text.replace('"', "”")


def _claim_link(claim: claims.Claim, href: str, anchor: str = "") -> str:
    """A claim's short form linking to `href` (a Markdown link: MkDocs makes its .md address the page's),
    the whole sentence as its tooltip, as a reader sees it (tags an author wrote left out)."""
    link = f'[{_cell_text(short_form(claim.text))}]({href} "{_plain(claim.text)}")'
    return link + (f"{{: #{anchor} }}" if anchor else "")


def _cell_text(markdown: str) -> str:
    """Inline Markdown that may stand in a table cell."""
    return markdown.replace("|", "\\|")


def table(root: Path, language: str, link_prefix: str = "") -> str:
    """The version page's body, in `language`:

    - a summary: the releases checked, and each claim that does not hold on every recorded release,
      with where it fails (or is worded differently) and a link to where its page states it;
    - per page (in nav order), its claims x the recorded releases (newest first), one line per claim
      (its short form, linking to where its page states it, carrying the claim's anchor: the check
      link beside the sentence on its page points here); claims that hold on every release folded;
    - the records (one row per check, newest first), folded.
    """
    text = labels.VERSIONS[language]
    state = _state(root)
    records = state.records
    releases = [r["torch"] for r in records]
    newest_first = list(reversed(releases))
    stated = claims.page_claims(root, language)
    order = {page: number for number, page in enumerate(nav_order(root))}
    outcomes = results(root)
    pages = sorted((p for p in stated if stated[p]), key=lambda p: (order.get(p, len(order)), p))
    cells_of = {c.id: _outcomes(state, c.id) for page in pages for c in stated[page]}
    notes = {
        claim_id: claim_note(language, list(zip(releases, cells, strict=True)))
        for claim_id, cells in cells_of.items()
    }
    titles = {page: page_title(root, language, page) for page in pages}
    kind_of = {claim_id: standing(cells) for claim_id, cells in cells_of.items()}
    # listed in the summary: the claims that fail somewhere, then those that hold with other words
    varying = [
        (page, c)
        for kind in ("fails", "worded")
        for page in pages
        for c in stated[page]
        if kind_of[c.id] == kind
    ]
    count = {
        kind: list(kind_of.values()).count(kind)
        for kind in ("fails", "worded", "held", "partial", "unchecked")
    }
    holding = count["held"] + count["partial"]
    counts = {
        "fails": count["fails"],
        "held": holding,
        "worded": _counted(text, "worded", count["worded"]) if count["worded"] else "",
        "partial": text["partial"].format(count=count["partial"]) if count["partial"] else "",
        "unchecked": _counted(text, "unchecked_claims", count["unchecked"]) if count["unchecked"] else "",
    }

    checked = text["releases_checked"].format(
        count=len(releases), releases=text["list_separator"].join(newest_first)
    )
    if varying:
        key = "varying_one" if counts["fails"] == 1 and "varying_one" in text else "varying"
        checked += text["sentence_separator"] + text[key].format(**counts)
    elif holding == len(cells_of) and not count["partial"]:
        checked += text["sentence_separator"] + text["all_hold"].format(count=len(cells_of))
    else:
        checked += text["sentence_separator"] + text["none_vary"].format(**counts)
    summary_rows = [
        (
            markdown(_claim_link(claim, f"{link_prefix}{page}#{claims.anchor(claim.id)}")),
            markdown(f"[{_cell_text(titles[page])}]({link_prefix}{page})"),
            notes[claim.id],
        )
        for page, claim in varying
    ]

    # one fold per page, its title in the fold's summary: the claims that change are listed in the summary
    # above (a ✓ link opens the fold its row is in: docs/assets/versions.js), so the page stays short
    folds = []
    for page in pages:
        of_kind = {
            kind: [c for c in stated[page] if kind_of[c.id] in kinds]
            for kind, kinds in (
                ("fails", ("fails",)),
                ("worded", ("worded",)),
                ("alike", ("held", "partial")),
                ("unchecked", ("unchecked",)),
            )
        }
        changed, alike = of_kind["fails"], of_kind["alike"]
        unsure = sum(kind_of[c.id] == "partial" for c in alike)  # "holds on all" only where checked on all
        key = "folded" + ("_partial" if unsure else "") + ("_one" if len(alike) == 1 else "")
        pieces = [
            _counted(text, "folded_changes", len(changed)) if changed else "",
            _counted(text, "folded_worded", len(of_kind["worded"])) if of_kind["worded"] else "",
            text[key].format(count=len(alike), releases=len(releases), partial=unsure) if alike else "",
            _counted(text, "folded_unchecked", len(of_kind["unchecked"])) if of_kind["unchecked"] else "",
        ]
        summary = text["list_separator"].join(piece for piece in pieces if piece)
        rows = []  # each claim: its short form (linking to its page, carrying its anchor), its results
        for claim in [c for of_this_kind in of_kind.values() for c in of_this_kind]:
            anchor = claims.anchor(claim.id)
            link = markdown(_claim_link(claim, f"{link_prefix}{page}#{anchor}", anchor))
            rows.append((link, list(reversed(cells_of[claim.id]))))
        kind = "claims-held claims-vary" if changed else "claims-held"  # the warning look where some change
        # its title as text: a link inside a summary is a control inside a control
        folds.append({"kind": kind, "title": titles[page], "summary": summary, "rows": rows})

    records_rows, changed_lists = [], []
    for record in reversed(records):  # newest first: the release a reader most likely runs
        held = sum(
            dict(claim_outcomes).get(record["torch"]) in ("pass", "message")
            for claim_outcomes in outcomes.values()
        )
        changed = record.get("outputs_changed", [])
        records_rows.append(
            [
                record["torch"],
                record.get("numpy", "?"),
                record.get("date", "—"),
                text["build_pass" if record["build"] == "pass" else "build_fail"],
                f"{held} / {len(outcomes)}",
                str(len(changed) or text["none"]),
            ]
        )
        if changed:  # the names below the table, where they wrap (in a cell: a tall narrow column)
            names = ", ".join(f"`{name}`" for name in changed)
            changed_lists.append(markdown(text["changed_on"].format(release=record["torch"], examples=names)))
    return templates.render(
        "versions.md",
        words=text,
        symbols=SYMBOLS,
        checked=checked,
        varying=summary_rows,
        legend=legend(language),
        releases=newest_first,
        folds=folds,
        records=records_rows,
        changed=changed_lists,
    )


def notice(root: Path, language: str, page_claims: list[claims.Claim], link: str) -> str:
    """The admonition at the bottom of a note page: the versions on which its claims hold."""
    text = labels.VERSIONS[language]
    state = _state(root)
    verified, broken, skipped = [], {}, False
    by_claim = [_outcomes(state, c.id) for c in page_claims]
    for index, record in enumerate(state.records):
        found = [outcomes[index] for outcomes in by_claim]
        failures = found.count("fail")
        if failures:
            broken[record["torch"]] = failures
        elif found and "missing" not in found and ("pass" in found or "message" in found):
            verified.append(record["torch"])  # every claim of the page was checked there
            skipped = skipped or "skip" in found  # ... except those only a GPU runs
    sentences = []
    if verified:
        key = "verified_but_gpu" if skipped else "verified"
        sentences.append(text[key].format(versions=", ".join(verified), link=link))
    by_count: dict[int, list[str]] = {}  # each count of failures with its releases, oldest first
    for release, count in broken.items():
        by_count.setdefault(count, []).append(release)
    for count, releases in by_count.items():
        key = "broken_one" if count == 1 else "broken"
        sentences.append(text[key].format(versions=", ".join(releases), count=count, link=link))
    if not sentences:
        sentences.append(text["unchecked"].format(link=link))
    kind = "warning" if broken else "info"
    shown = [templates.markdown(sentence) for sentence in sentences]  # the labels' Markdown, with its link
    return "\n\n" + templates.render("verified_notice.md", kind=kind, title=text["title"], sentences=shown)
