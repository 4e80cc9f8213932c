"""Executing the notes' code: snippets and notebook cells, by one runner (runner.py), without MkDocs."""

from site_tools.execution.runner import (
    DEFAULT_TIMEOUT_S,
    SEED,
    Cell,
    Execution,
    ExecutionError,
    run,
    run_file,
    run_file_once,
    run_once,
    stats,
    versions,
)

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "SEED",
    "Cell",
    "Execution",
    "ExecutionError",
    "run",
    "run_file",
    "run_file_once",
    "run_once",
    "stats",
    "versions",
]
