"""Examples run ahead of the rendering: the build hands every example to a pool as wide as the machine's
cores as soon as it knows its pages, and a page waits only for its own examples' results.

Each example still runs as isolated.run runs it (its own sandboxed process, scratch folder, time limit
and report); the pool only decides when. One result per (code, figures asked for, versions), as before:
the first to ask runs it (the pool, or the page when nothing asked earlier) and the others wait for that
same run. A failed run is not kept: the next one to ask runs it again, as `mkdocs serve` needs after an
edit. Threads are enough: the work is in the child processes, the build's threads only wait for them.
"""

from __future__ import annotations

import concurrent.futures
import os
import threading
from collections.abc import Callable, Hashable
from typing import Any

from site_tools.execution.runner import stats  # "executed": a page used a run made for it; "reused"


class Runs:
    """The runs of this process's builds: `mkdocs serve` keeps them from one rebuild to the next (what
    an edit did not change is not run again), bounded by `forget_unused`."""

    def __init__(self) -> None:
        self.results: dict[Hashable, concurrent.futures.Future] = {}
        self.shown: set[Hashable] = set()  # keys whose result a page has used: a later use is a reuse
        self.queued: list[concurrent.futures.Future] = []  # the pool's own jobs, cancelled if the build stops
        self.asked: set[Hashable] = set()  # keys asked for (ahead or by a page) since `new_build`


runs = Runs()  # the serve session's (site_tools/mkdocs_hooks/context.py names it `session.examples`)
_lock = threading.Lock()  # process state: guards `runs`, which the pool's threads and the build share
_executor: list[concurrent.futures.ThreadPoolExecutor] = []  # process state: the threads, made once


def width() -> int:
    """How many examples run at once: the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _claim(key: Hashable) -> tuple[concurrent.futures.Future, bool]:
    """The run for `key`, and whether the caller must make it (no run yet, or only a failed one)."""
    with _lock:
        runs.asked.add(key)
        future = runs.results.get(key)
        if future is not None and not _failed(future):
            return future, False
        future = concurrent.futures.Future()
        runs.results[key] = future
        return future, True


def _failed(future: concurrent.futures.Future) -> bool:
    return future.cancelled() or (future.done() and future.exception() is not None)


def _make(future: concurrent.futures.Future, make: Callable[[], Any]) -> None:
    if not future.set_running_or_notify_cancel():
        return
    try:
        future.set_result(make())
    except BaseException as error:  # the run's error is its result: the page that asks raises it
        future.set_exception(error)


def ahead(key: Hashable, make: Callable[[], Any]) -> None:
    """Start `make()` in the pool now, unless a run for `key` is made or being made."""
    future, mine = _claim(key)
    if mine:
        with _lock:
            if not _executor:
                _executor.append(concurrent.futures.ThreadPoolExecutor(width(), "example"))
            runs.queued.append(_executor[0].submit(_make, future, make))


def result(key: Hashable, make: Callable[[], Any], *, kind: str, count: bool = True) -> Any:
    """The result for `key`: the run made or started earlier, else `make()` here, now. Raises its error."""
    future, mine = _claim(key)
    if mine:
        _make(future, make)
    value = future.result()
    with _lock:
        if key not in runs.shown:
            runs.shown.add(key)
            stats[kind, "executed"] += 1
        elif count:
            stats[kind, "reused"] += 1
    return value


def cancel_waiting() -> None:
    """Drop the runs that have not started (the build stopped, or ended without needing them); one that
    runs ends as it would have. Whoever waits for a dropped run gets CancelledError."""
    with _lock:
        for job in runs.queued:
            job.cancel()
        runs.queued.clear()
        for key, future in list(runs.results.items()):
            if future.cancel():  # only a run that has not started
                del runs.results[key]


def new_build() -> None:
    """A build starts: from here on, what it asks for is what `forget_unused` keeps."""
    with _lock:
        runs.asked.clear()


def forget_unused() -> None:
    """Keep only the results the last build asked for: a long `mkdocs serve` keeps one result per example
    on the site, not one per version of each example it was ever edited into."""
    with _lock:
        for key in [k for k in runs.results if k not in runs.asked and runs.results[k].done()]:
            del runs.results[key]
            runs.shown.discard(key)
