"""Imported once by the forkserver that every example's process is forked from (isolated.py).

What an example needs is imported here, so that each example's process starts with it loaded: the
modules below, and the modules that NumPy, torch and the runner import only when first used
(FIRST_USE: each child would import them again, ~20 ms an example, measured).

Not torch._dynamo, which an optimizer's step() imports: it would add 1.6 s to the start of every
build to save 1.5 s in each example that steps an optimizer, of which this site has one (and most
builds the tests make have none).
"""

import contextlib
import importlib

import IPython.lib.pretty  # noqa: F401  (a notebook cell's displayed value)
import numpy  # noqa: F401
import torch  # noqa: F401

import site_tools.execution.runner
import site_tools.figures  # noqa: F401

FIRST_USE = (
    "numpy.random",  # the runner seeds it before every run
    "torch._subclasses.schema_check_mode",  # printing a tensor imports it
)
for _module in FIRST_USE:
    with contextlib.suppress(ImportError):  # a torch without it does not import it either
        importlib.import_module(_module)
