"""The URL builders kept per test process (tests/route_builders.py) build what Werkzeug's own build."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.routing import IntegerConverter

from tests import route_builders
from tests.conftest import make_test_app


def _values(rule) -> dict[str, object]:
    return {
        name: 7 if isinstance(rule._converters.get(name), IntegerConverter) else "a b/é"
        for name in rule.arguments
        if name not in (rule.defaults or {})
    }


def test_every_rule_builds_the_same_urls_as_werkzeug_compiles(app: Flask) -> None:
    rules = list(app.url_map.iter_rules())
    assert len(rules) > 50
    for rule in rules:
        values = _values(rule)
        own_plain = route_builders.werkzeug_compile_builder(rule, False).__get__(rule, None)
        own_unknown = route_builders.werkzeug_compile_builder(rule, True).__get__(rule, None)
        assert rule._build(**values) == own_plain(**values), rule.rule
        # The second builder also appends unknown arguments as a query string.
        assert rule._build_unknown(**values, extra="x y") == own_unknown(**values, extra="x y"), rule.rule


def test_a_second_app_reuses_the_first_apps_builders(app: Flask, tmp_path: Path) -> None:
    other = make_test_app(tmp_path / "other")
    first = {rule.endpoint: rule for rule in app.url_map.iter_rules()}
    second = {rule.endpoint: rule for rule in other.url_map.iter_rules()}
    login_first, login_second = first["accounts.login"], second["accounts.login"]
    assert login_first is not login_second
    assert login_first._build.__func__ is login_second._build.__func__
