"""Imported once by the forkserver that every example's process is forked from (isolated.py).

What an example needs is imported here, so that each example's process starts with it loaded.
"""

import IPython.lib.pretty  # noqa: F401  (a notebook cell's displayed value)
import numpy  # noqa: F401
import torch  # noqa: F401

import site_tools.execution.runner
import site_tools.figures  # noqa: F401
