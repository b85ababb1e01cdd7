"""Compiled templates kept per process (easyreport/template_cache.py): reused, and never stale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from jinja2 import Environment, FileSystemLoader

from easyreport import template_cache
from easyreport.template_cache import ProcessBytecodeCache
from tests.conftest import make_test_app


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source during the test."""
    names: list[str] = []
    compile_source = Environment.compile

    def counting(self: Environment, source: Any, name: str | None = None, *rest: Any, **named: Any) -> Any:
        names.append(name)
        return compile_source(self, source, name, *rest, **named)

    monkeypatch.setattr(Environment, "compile", counting)
    return names


def test_a_second_environment_reuses_the_code_and_an_edited_template_is_compiled_again(
    tmp_path: Path, compiled: list[str]
) -> None:
    cache = ProcessBytecodeCache()
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")

    def render(name: str) -> str:
        environment = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache)
        return environment.get_template("page.html").render(name=name)

    assert render("Ada") == "Hello Ada"
    assert render("Bo") == "Hello Bo"
    assert compiled == ["page.html"]
    (tmp_path / "page.html").write_text("Goodbye {{ name }}", encoding="utf-8")
    assert render("Cy") == "Goodbye Cy"
    assert compiled == ["page.html", "page.html"]


def test_environments_with_other_whitespace_rules_do_not_share_code(tmp_path: Path) -> None:
    cache = ProcessBytecodeCache()
    (tmp_path / "page.html").write_text("{% if on %}\nyes{% endif %}", encoding="utf-8")
    kept = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache)
    trimmed = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache, trim_blocks=True)
    assert kept.get_template("page.html").render(on=True) == "\nyes"
    assert trimmed.get_template("page.html").render(on=True) == "yes"


def test_a_later_app_renders_without_compiling_what_an_earlier_app_compiled(
    app: Flask, tmp_path: Path, compiled: list[str]
) -> None:
    assert app.jinja_env.bytecode_cache is template_cache.SHARED
    template_cache.SHARED.clear()
    with app.test_request_context():
        app.jinja_env.get_template("base.html")
    assert "base.html" in compiled
    compiled.clear()
    later = make_test_app(tmp_path / "later")
    with later.test_request_context():
        later.jinja_env.get_template("base.html")
    assert compiled == []
