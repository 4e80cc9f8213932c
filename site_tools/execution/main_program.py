"""Imported first by the forkserver (isolated.PRELOAD): the program that started the build, once.

CPython 3.13.8 and later import it there themselves, for "__main__" in the preload list; earlier
versions skip it (gh-126631), and each example's process imports it again: ~90 ms an example for
the `mkdocs` command (measured). isolated.py passes its path in MAIN_PATH, which is in the
environment only while the forkserver starts, and is removed here first, so that no example's
process inherits it; the rest of the environment is then cut to sandbox.ENVIRONMENT.

A program that fails to import here (one that needs its own folder on sys.path, say) is imported by
each example's process instead, as before: slower, same results. So is a program after the forkserver
is restarted (an example killed it), since multiprocessing then starts it without the variable.
"""

import contextlib
import multiprocessing.spawn
import os
import sys

from site_tools.execution import sandbox
from site_tools.execution.isolated import MAIN_PATH

_path = os.environ.pop(MAIN_PATH, "")
sandbox.scrub_environment()  # first: every example's process inherits only the allow-listed variables
if _path:  # as multiprocessing.forkserver.main does it
    multiprocessing.current_process()._inheriting = True
    try:
        with contextlib.suppress(Exception):
            multiprocessing.spawn.import_main_path(_path)
    finally:
        del multiprocessing.current_process()._inheriting
        sys.stdout.flush()  # what it printed, once: 3.11's forkserver does not flush before it forks
        sys.stderr.flush()
