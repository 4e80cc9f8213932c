"""site_tools/execution/pool.py: examples started ahead run side by side, once each, and a page waits
only for its own."""

from __future__ import annotations

import concurrent.futures
import threading

import pytest

from site_tools.execution import pool


@pytest.fixture(autouse=True)
def fresh_pool(monkeypatch):
    """Each test with its own results (the build's stay untouched)."""
    monkeypatch.setattr(pool, "runs", pool.Runs())
    monkeypatch.setattr(pool, "_executor", [])
    yield
    for executor in pool._executor:
        executor.shutdown(wait=True, cancel_futures=True)


def test_examples_started_ahead_run_side_by_side():
    if pool.width() < 2:
        pytest.skip("one core: the pool runs one example at a time")
    both_running = threading.Barrier(2, timeout=30)  # passes only if two runs are in progress at once

    def example(name):
        def make():
            both_running.wait()
            return name

        return make

    pool.ahead("a", example("a"))
    pool.ahead("b", example("b"))
    assert pool.result("a", example("again"), kind="snippet") == "a"
    assert pool.result("b", example("again"), kind="snippet") == "b"


def test_an_example_runs_once_whoever_asks_first():
    runs = []
    release = threading.Event()

    def make():
        release.wait(30)
        runs.append(1)
        return "output"

    pool.ahead("x", make)
    pool.ahead("x", make)  # asked again ahead: the same run
    with concurrent.futures.ThreadPoolExecutor(3) as pages:
        waiting = [pages.submit(pool.result, "x", make, kind="snippet") for _ in range(3)]
        release.set()
        assert [page.result(30) for page in waiting] == ["output"] * 3
    assert runs == [1]


def test_a_page_that_asks_first_runs_it_itself():
    assert pool.result("y", lambda: threading.current_thread().name, kind="snippet") == (
        threading.current_thread().name
    )
    assert pool._executor == [], "nothing was started ahead: no pool"


def test_a_failed_run_is_raised_to_its_page_and_not_kept():
    def fails():
        raise ValueError("broken")

    pool.ahead("z", fails)
    with pytest.raises(ValueError, match="broken"):
        pool.result("z", fails, kind="snippet")
    assert pool.result("z", lambda: "fixed", kind="snippet") == "fixed", "asked again: run again"


def test_the_first_use_counts_as_executed_later_ones_as_reused(monkeypatch):
    monkeypatch.setattr(pool, "stats", pool.stats.__class__())
    pool.ahead("w", lambda: 1)
    pool.result("w", lambda: 2, kind="notebook")
    pool.result("w", lambda: 2, kind="notebook")
    pool.result("w", lambda: 2, kind="notebook", count=False)
    assert pool.stats == {("notebook", "executed"): 1, ("notebook", "reused"): 1}


def test_runs_not_started_are_dropped_when_the_build_stops(monkeypatch):
    monkeypatch.setattr(pool, "width", lambda: 1)
    release, started = threading.Event(), []

    def busy():
        release.wait(30)
        return "busy"

    pool.ahead("first", busy)  # the one worker is busy with this one
    pool.ahead("second", lambda: started.append("second"))
    pool.cancel_waiting()
    release.set()
    assert pool.result("first", busy, kind="snippet") == "busy", "a run that started ends as it would"
    assert pool.result("second", lambda: "run here", kind="snippet") == "run here"
    assert started == [], "the dropped run never started"


def test_without_a_sandbox_examples_run_one_at_a_time_when_their_page_asks(monkeypatch):
    from site_tools.execution import isolated

    monkeypatch.setattr(isolated, "context", lambda: None)
    monkeypatch.setattr(isolated, "_sandbox", {"use": False, "refused": "", "hidden": []})
    isolated.run_ahead(["print(1)\n"], "snippets/t/one.py")
    assert pool.runs.results == {}, "nothing started ahead: the check of touched files names one example"


@pytest.mark.process  # the forkserver: a fresh Python that imports torch
def test_an_example_started_ahead_is_the_one_its_page_shows():
    from site_tools.execution import isolated

    isolated.run_ahead(["import os\nprint(os.getpid())\n"], "snippets/t/pid.py")
    if not isolated._sandbox["use"]:
        pytest.skip("no sandbox here: examples do not run ahead")
    ahead = isolated.cached_run(["import os\nprint(os.getpid())\n"], "snippets/t/pid.py").output
    assert ahead == "1\n", "it ran as the first process of its own PID namespace, as every example does"
    assert len(pool.runs.results) == 1


def test_a_long_serve_keeps_only_what_the_last_build_asked_for():
    pool.new_build()
    pool.result("edited, first version", lambda: 1, kind="snippet")
    pool.result("unchanged", lambda: 2, kind="snippet")
    pool.forget_unused()
    pool.new_build()  # the snippet was edited: the next build asks for its new version
    pool.result("edited, second version", lambda: 3, kind="snippet")
    pool.result("unchanged", lambda: "run again", kind="snippet")
    pool.forget_unused()
    assert set(pool.runs.results) == {"edited, second version", "unchanged"}
    assert pool.result("unchanged", lambda: "run again", kind="snippet") == 2, "still from the cache"
