"""Example code of the PyTorch notes: one flat script per example, by topic.

Every file is included into a zh and an en page and executed at build time;
`tests/<topic>/test_<name>.py` runs the same file and asserts its claim.
"""
