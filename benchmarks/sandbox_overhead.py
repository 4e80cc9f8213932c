"""What the sandbox adds to each example (site_tools/execution/sandbox.py), measured.

`print(1)` through isolated.run, --runs times with the sandbox and --runs times without it (as a
trusted checkout runs where none can be made), alternating, in one process with one warm forkserver;
the median of each and their difference. Budget: at most 80 ms more per example.

    python benchmarks/sandbox_overhead.py [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_tools.execution import isolated


def timed(use: bool) -> float:
    isolated._sandbox["use"] = use
    start = time.perf_counter()
    assert isolated.run(["print(1)\n"], "snippets/bench.py").output == "1\n"
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    isolated.context()
    if not isolated._sandbox["use"]:
        sys.exit("no sandbox can be made here: nothing to measure")
    timed(True), timed(False)  # warm: first use of each path
    times: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(runs):
        for use in (False, True):
            times[use].append(timed(use))
    without, with_ = statistics.median(times[False]), statistics.median(times[True])
    print(f"print(1) through isolated.run, {runs} runs each, alternating (median; min-max)")
    for label, use in (("without the sandbox", False), ("in the sandbox", True)):
        values = times[use]
        print(
            f"  {label:20} {statistics.median(values) * 1000:6.1f} ms "
            f"({min(values) * 1000:.1f}-{max(values) * 1000:.1f})"
        )
    print(f"  the sandbox adds     {(with_ - without) * 1000:6.1f} ms per example (budget: 80 ms)")


if __name__ == "__main__":
    main()
