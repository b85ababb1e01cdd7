"""Every `flask content …` command the README documents exists, accepts the documented options and runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from easyreport.content_cli import content_cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
DOCUMENTED = re.findall(r"`flask content ([a-z][a-z-]*)((?: \[[^\]`]+\])*)`", README)
OPTION = re.compile(r"\[(--[a-z-]+) ([a-z|]+)\]")


def invocations() -> list[list[str]]:
    """Each documented command without options, and with every documented value of every option."""
    runs = []
    for command, options in DOCUMENTED:
        runs.append([command])
        for flag, values in OPTION.findall(options):
            runs.extend([command, flag, value] for value in values.split("|"))
    return runs


def test_the_readme_documents_every_content_command_and_nothing_else():
    assert DOCUMENTED, "the README has a content commands section"
    assert {command for command, _options in DOCUMENTED} == set(content_cli.commands)


def test_the_readme_documents_no_option_pattern_the_test_cannot_read():
    for _command, options in DOCUMENTED:
        assert OPTION.sub("", options).strip() == "", options


@pytest.mark.parametrize("args", invocations(), ids=lambda args: " ".join(args))
def test_each_documented_command_runs(app, args):
    result = app.test_cli_runner().invoke(args=["content", *args])
    assert result.exit_code == 0, result.output
    assert result.output.strip()


def test_the_option_that_does_not_exist_is_refused(app):
    result = app.test_cli_runner().invoke(args=["content", "glossary", "--locale", "nl"])
    assert result.exit_code != 0 and "No such option" in result.output
