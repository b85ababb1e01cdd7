"""Compiled templates kept for the life of the process, shared by every app it builds.

Each Flask app has its own Jinja environment, and an environment compiles every template it renders once. A
process that builds many apps (the test suite builds one per test) paid that compilation again for each: about
40 templates, tens of milliseconds an app. Jinja's bytecode cache keeps
the compiled code; Jinja checks each entry against a checksum of the template's source, so an edited template
is compiled again.
"""

from __future__ import annotations

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


class ProcessBytecodeCache(BytecodeCache):
    """Compiled template code in memory, keyed by template and by the settings that change compiled code."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        # Two environments with other extensions or whitespace rules compile the same source differently.
        flavour = repr((sorted(environment.extensions), environment.trim_blocks, environment.lstrip_blocks))
        return super().get_bucket(environment, f"{flavour}|{name}", filename, source)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


SHARED = ProcessBytecodeCache()
