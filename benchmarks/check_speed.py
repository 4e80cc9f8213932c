"""How long the checks take (a script, not a test: these machines are noisy).

- quick check: `nox -s quick`'s pytest run (claims, contract, unit tests), --runs times; the first
  run also writes pytest's rewritten test modules (__pycache__), as a developer's first run does;
- full check (with --full): `nox -s check`'s pytest run, once (it builds the site and drives
  Chromium: about 9-10 minutes of pytest on a 2-core machine, see README).

Targets: quick check <= 15 s; full check <= 5 minutes.

    python benchmarks/check_speed.py [--runs 3] [--full]
"""

from __future__ import annotations

import argparse
import ast
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# the quick check's -m expression and pytest-xdist's workers, as noxfile.py defines them (nox is not
# installed in the project's env)
NOXFILE = {
    target.id: ast.literal_eval(node.value)
    for node in ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8")).body
    if isinstance(node, ast.Assign)
    for target in node.targets
    if isinstance(target, ast.Name) and target.id in ("QUICK", "PARALLEL")
}
QUICK, PARALLEL = NOXFILE["QUICK"], NOXFILE["PARALLEL"]


def timed_pytest(*arguments: str) -> tuple[float, str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": ""}  # as nox runs it (noxfile.project_env)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "site_tools.test_run", "-q", *PARALLEL, *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"the checks failed; no time measured:\n{result.stdout[-3000:]}{result.stderr[-2000:]}")
    return seconds, result.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    quick = [timed_pytest("-m", QUICK) for _ in range(args.runs)]
    print(f"machine: {os.cpu_count()} cores; quick check run {args.runs} times")
    print(
        f"quick check     {statistics.median(s for s, _ in quick):6.1f} s median, "
        f"{min(s for s, _ in quick):.1f}-{max(s for s, _ in quick):.1f} s   (target <= 15 s)   {quick[-1][1]}"
    )
    if args.full:
        seconds, summary = timed_pytest()
        print(f"full check      {seconds:6.1f} s   (target <= 300 s)   {summary}")


if __name__ == "__main__":
    main()
