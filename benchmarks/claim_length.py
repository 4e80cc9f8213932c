"""Claim length: how long each claim a page states is, in both languages ("the rule first").

A claim is measured as a reader reads it, without its code: inline code spans (`x[::2]`) are not
counted, a link counts by its text, emphasis marks are dropped.
- Chinese (docs/zh/): Chinese characters (CJK ideographs; punctuation, Latin words and digits aside);
- English (docs/en/): words (runs of letters or digits, with inner ' or -).

Prints, per language, the number of claims, the median, the 90th percentile (nearest rank) and the
maximum, then every claim over the limit, longest first, with its page and id; and `--top N` longest.

Targets: median <= 25 English words and <= 40 Chinese characters; none over 50 words /
80 characters.

    python benchmarks/claim_length.py [--top 10]
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_tools import claims  # noqa: E402

TARGETS = {"zh": (40, 80), "en": (25, 50)}  # (median at most, none over)
UNIT = {"zh": "Chinese characters", "en": "words"}

_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", flags=re.DOTALL)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")


def prose(text: str) -> str:
    """A claim's text as read: code spans out, links by their text, no emphasis marks."""
    text = _CODE_SPAN.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    return text.replace("**", "").replace("*", "")


def length(text: str, language: str) -> int:
    """Chinese characters (zh) or words (en) of a claim, its code spans not counted."""
    pattern = _HAN if language == "zh" else _WORD
    return len(pattern.findall(prose(text)))


def percentile(values: list[int], share: float) -> int:
    """Nearest-rank percentile of sorted values."""
    return values[max(0, math.ceil(share * len(values)) - 1)]


def measured(root: Path, language: str) -> list[tuple[int, str, str]]:
    """(length, page, claim id) of every claim a language states."""
    return [
        (length(claim.text, language), page, claim.id)
        for page, found in claims.page_claims(root, language).items()
        for claim in found
    ]


def report(root: Path, language: str, top: int) -> bool:
    """Print one language's figures; whether it meets the targets."""
    rows = sorted(measured(root, language), reverse=True)
    values = sorted(n for n, _, _ in rows)
    median_target, limit = TARGETS[language]
    median = statistics.median(values)
    over = [row for row in rows if row[0] > limit]
    print(
        f"{language}: {len(values)} claims, in {UNIT[language]}: median {median:g}, "
        f"90th percentile {percentile(values, 0.9)}, max {values[-1]}  "
        f"(targets: median <= {median_target}, none over {limit})"
    )
    print(f"  over {limit}: {len(over)}")
    for n, page, claim_id in over:
        print(f"    {n:4d}  {page}  {claim_id}")
    if top:
        print(f"  longest {top}:")
        for n, page, claim_id in rows[:top]:
            print(f"    {n:4d}  {page}  {claim_id}")
    return median <= median_target and not over


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=0, help="also list the N longest claims")
    args = parser.parse_args()
    met = [report(ROOT, language, args.top) for language in ("zh", "en")]
    print("targets met" if all(met) else "targets not met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
