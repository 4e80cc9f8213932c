"""Which torch versions the notes' claims were verified on, from records/torch-<version>.json.

The records are written by `nox -s upgrade -- <version>` (site_tools/upgrade_report.py). The MkDocs
hook turns them into the version page's table (`<!-- verified-claims-table -->` in
docs/<lang>/versions.md) and into the notice at the bottom of each note page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from packaging.version import Version

from site_tools import claims, labels

TABLE_MARKER = "<!-- verified-claims-table -->"


def release(version: str) -> str:
    """A torch version without its local build label: "2.13.0+cpu" and "2.13.0+cu130" -> "2.13.0".

    The CPU and CUDA wheels of one release behave alike on the CPU, where every claim is checked;
    records and notices speak of releases (a record keeps its build as information).
    """
    return Version(version).public


def load_records(root: Path) -> list[dict]:
    """Every record, oldest torch first."""
    records = [json.loads(p.read_text(encoding="utf-8")) for p in (root / "records").glob("torch-*.json")]
    return sorted(records, key=lambda r: Version(r["torch"]))


def outcome(record: dict, tests: list[str], message_tests: set[str] | frozenset[str] = frozenset()) -> str:
    """A claim's outcome in one record, from its tests' outcomes there (parametrized ones included).

    "fail" if any test failed, or "message" if the only tests that failed are `message_tests` (those
    that check the wording of a message the page quotes: the behaviour holds, the words differ);
    "missing" if the claim has no test or one of its tests is not in the record (the record predates
    it: nothing may be called verified that was not run); "skip" if all were skipped (a test that
    needs a GPU, say); else "pass" (all passed, GPU-only ones may be skipped).
    """
    found: dict[str, list[str]] = {}
    for node, result in record["claims"].items():
        found.setdefault(claims.function_of(node), []).append(result)
    results = [found.get(test) for test in tests]
    failed = [test for test, r in zip(tests, results, strict=True) if r and "fail" in r]
    if failed:
        return "message" if all(test in message_tests for test in failed) else "fail"
    if not results or any(r is None for r in results):
        return "missing"
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


def _status(language: str, result: str) -> str:
    return f'<span class="claim-status claim-status--{result}">{labels.VERSIONS[language][result]}</span>'


def table(root: Path, language: str, link_prefix: str = "") -> str:
    """The version page's body: per page (in nav order), its claims x the recorded torch versions.

    Each row is the claim's sentence in `language`, linking to where its page states it, and
    carrying the claim's anchor (the check link beside the sentence on its page points here).
    """
    text = labels.VERSIONS[language]
    records = load_records(root)
    bound = claims.claim_tests(root)
    stated = claims.page_claims(root, language)
    order = {page: number for number, page in enumerate(nav_order(root))}
    versions = [f"torch {r['torch']}" for r in records]
    parts = [
        f"## {text['records']} {{ #records }}",
        "",
        "| | " + " | ".join(versions) + " |",
        "| --- |" + " --- |" * len(records),
        f"| {text['checked']} | " + " | ".join(r["date"] for r in records) + " |",
        f"| {text['build']} | " + " | ".join(_status(language, r["build"]) for r in records) + " |",
        f"| {text['changed']} | "
        + " | ".join(", ".join(f"`{s}`" for s in r["outputs_changed"]) or text["none"] for r in records)
        + " |",
    ]
    for page in sorted((p for p in stated if stated[p]), key=lambda p: (order.get(p, len(order)), p)):
        title = page_title(root, language, page)
        parts += ["", f"## [{title}]({link_prefix}{page})", ""]
        parts += [
            "| " + text["claim"] + " | " + " | ".join(versions) + " |",
            "|" + " --- |" * (1 + len(records)),
        ]
        for claim in stated[page]:
            sentence = _LINK_IN_TEXT.sub(r"\1", claim.text).replace("|", "\\|")
            anchor = claims.anchor(claim.id)
            link = f"[{sentence}]({link_prefix}{page}#{anchor}){{: #{anchor} }}"
            results = [_status(language, outcome(r, bound.get(claim.id, []))) for r in records]
            parts.append(f"| {link} | " + " | ".join(results) + " |")
    return "\n".join(parts)


def notice(root: Path, language: str, page_claims: list[claims.Claim], link: str) -> str:
    """The admonition at the bottom of a note page: the versions on which its claims hold."""
    text = labels.VERSIONS[language]
    bound = claims.claim_tests(root)
    verified, broken = [], {}
    for record in load_records(root):
        results = [outcome(record, bound.get(c.id, [])) for c in page_claims]
        failures = results.count("fail")
        if failures:
            broken[record["torch"]] = failures
        elif results and "missing" not in results and "pass" in results:
            verified.append(record["torch"])  # every claim of the page was checked there
    sentences = []
    if verified:
        sentences.append(text["verified"].format(versions=", ".join(verified), link=link))
    if broken:
        sentences.append(
            text["broken"].format(versions=", ".join(broken), count=max(broken.values()), link=link)
        )
    if not sentences:
        sentences.append(text["unchecked"].format(link=link))
    kind = "warning" if broken else "info"
    body = "\n".join(f"    {s}" for s in sentences)
    return f'\n\n!!! {kind} "{text["title"]}"\n{body}\n'
