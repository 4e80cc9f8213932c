"""Theme templates compiled once per process, not once per build.

MkDocs makes a new Jinja2 environment for every build, so under `mkdocs serve` every rebuild
compiled Material's templates again (about 80 of them, per language). Jinja2's bytecode cache keeps
the compiled code; its buckets are keyed on the template's name and checked against a checksum of its
source, so an edited template (overrides/) is compiled again.
"""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja2's bytecode cache, kept in this process's memory."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # checks the source checksum: a changed source resets it

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


cache = MemoryBytecodeCache()  # process state: one entry per template (its source checked on each load)
