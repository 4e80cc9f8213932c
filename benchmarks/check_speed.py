"""How long the checks take (a script, not a test: these machines are noisy).

- quick check: `nox -s quick`'s pytest run (claims, contract, unit tests), --runs times; the first
  run also writes pytest's rewritten test modules (__pycache__), as a developer's first run does;
  with --compare-workers, the same run with one pytest process and with a pytest-xdist worker per
  core, alternately, with the CPU time each used (getrusage: the run and the processes it waited for);
- full check (with --full): `nox -s check`'s pytest run, once (it builds the site and drives
  Chromium).

Targets: quick check <= 15 s; full check <= 5 minutes.

    python benchmarks/check_speed.py [--runs 3] [--compare-workers] [--full]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_tools import layout  # noqa: E402


def timed_pytest(workers: tuple[str, ...], *arguments: str) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the run and the processes it waited for, pytest's last line)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": ""}  # as nox runs it (noxfile.project_env)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "site_tools.test_run", "-q", *workers, *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode:
        sys.exit(f"the checks failed; no time measured:\n{result.stdout[-3000:]}{result.stderr[-2000:]}")
    return seconds, cpu, result.stdout.strip().splitlines()[-1]


def line(name: str, runs: list[tuple[float, float, str]], target: str) -> str:
    walls = [wall for wall, _, _ in runs]
    return (
        f"{name:<26}{statistics.median(walls):6.1f} s median, {min(walls):.1f}-{max(walls):.1f} s, "
        f"CPU {statistics.median(cpu for _, cpu, _ in runs):.1f} s   {target}   {runs[-1][2]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare-workers", action="store_true")
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    quick = ("-m", layout.QUICK_CHECK)
    workers = layout.PYTEST_WORKERS
    print(f"machine: {os.cpu_count()} cores; quick check run {args.runs} times ({' '.join(workers)})")
    if args.compare_workers:
        one, per_core = [], []
        for _ in range(args.runs):
            one.append(timed_pytest(("-n", "0"), *quick))
            per_core.append(timed_pytest(("-n", "auto"), *quick))
        print(line("quick, one process", one, "(target <= 15 s)"))
        print(line("quick, a worker per core", per_core, "(target <= 15 s)"))
    else:
        runs = [timed_pytest(workers, *quick) for _ in range(args.runs)]
        print(line("quick check", runs, "(target <= 15 s)"))
    if args.full:
        seconds, cpu, summary = timed_pytest(layout.PYTEST_WORKERS)
        print(f"full check                {seconds:6.1f} s, CPU {cpu:.1f} s   (target <= 300 s)   {summary}")


if __name__ == "__main__":
    main()
