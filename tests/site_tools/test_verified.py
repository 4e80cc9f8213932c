"""The version table and page notices (site_tools/verified.py), on records written by each test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_tools import verified

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path):
    """A copy of the real pages with records of our own."""
    import shutil

    shutil.copytree(ROOT / "docs", tmp_path / "docs")
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


VIEW = "memory/test_view_shares_storage.py::test_views_share_storage_and_are_contiguous"
SLICE = "tensor_ops/test_slicing_start_stop_step.py::test_start_stop_step"


def test_records_are_ordered_by_torch_version_not_by_name(project):
    for version in ("2.10.0", "2.9.1", "2.13.0+cpu"):
        write_record(project, version, {VIEW: "pass"})
    assert [r["torch"] for r in verified.load_records(project)] == ["2.9.1", "2.10.0", "2.13.0+cpu"]


def test_table_has_a_column_per_version_and_a_mark_per_claim(project):
    write_record(project, "2.13.0", {VIEW: "pass", SLICE: "pass"})
    write_record(
        project, "2.14.1", {VIEW: "fail", SLICE: "pass"}, outputs_changed=["memory/view_shares_storage"]
    )
    table = verified.table(project, "en")
    lines = table.splitlines()
    assert lines[0] == "| Page | Claim (test) | torch 2.13.0 | torch 2.14.1 |"
    view_row = next(line for line in lines if "test_views_share_storage_and_are_contiguous" in line)
    assert view_row.endswith("| ✅ | ❌ |")
    assert "[view and contiguity](memory/view_and_contiguity.md)" in view_row
    assert "| memory/view_shares_storage |" in table  # the changed outputs row
    zh = verified.table(project, "zh")
    assert "[view 与连续性](memory/view_and_contiguity.md)" in zh


def test_a_claim_missing_from_a_record_shows_as_unchecked(project):
    write_record(project, "2.13.0", {VIEW: "pass"})
    write_record(project, "2.14.1", {VIEW: "pass", SLICE: "pass"})
    slice_row = next(
        line for line in verified.table(project, "en").splitlines() if "test_start_stop_step" in line
    )
    assert slice_row.endswith("| — | ✅ |")


def test_notice_lists_versions_where_every_claim_of_the_page_holds(project):
    write_record(project, "2.13.0", {VIEW: "pass"})
    write_record(project, "2.14.1", {VIEW: "fail"})
    text = verified.notice(project, "en", {"memory/view_shares_storage"}, "../versions.md")
    assert '!!! warning "Verified torch versions"' in text
    assert "verified on torch 2.13.0 ([version compatibility](../versions.md))" in text
    assert "On torch 2.14.1, 1 claim(s) on this page do not hold" in text


def test_notice_without_records_says_unchecked(project):
    text = verified.notice(project, "zh", {"memory/view_shares_storage"}, "../versions.md")
    assert "还没有在任何记录的 torch 版本上检查过" in text
