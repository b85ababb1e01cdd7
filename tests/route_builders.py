"""URL builders compiled once per test process instead of once per test app.

Werkzeug compiles every URL rule of every app into two small Python functions (an ``ast`` tree, then
``compile()``): about 80 rules an app, over half of what making an app costs, and the suite makes an app for
almost every test. Those functions depend only on the rule's parsed parts and the names of its defaults, so the
same rule gives the same code in every app; this keeps them per process. Only the tests do this (a server makes
its one app once); tests/test_route_builders.py checks that the kept functions build what Werkzeug's own do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.routing.rules import Rule

werkzeug_compile_builder = Rule._compile_builder
_built: dict[tuple[Any, ...], Callable[..., tuple[str, str]]] = {}


def _kept_compile_builder(self: Rule, append_unknown: bool = True) -> Callable[..., tuple[str, str]]:
    defaults = self.defaults or {}
    if any(dynamic and part in defaults for dynamic, part in self._trace):
        # A default for a part of the path is turned into text by that rule's converter: not shared.
        return werkzeug_compile_builder(self, append_unknown)
    key = (tuple(self._trace), tuple(defaults), append_unknown)
    if key not in _built:
        _built[key] = werkzeug_compile_builder(self, append_unknown)
    return _built[key]


def keep_compiled_builders() -> None:
    """Make Werkzeug reuse a rule's compiled builder functions for every later app in this process."""
    Rule._compile_builder = _kept_compile_builder  # type: ignore[method-assign]
