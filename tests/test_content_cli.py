"""The review commands print the real content."""

from __future__ import annotations

from easyreport.briefing.rules_data import RULES
from easyreport.content.questionnaire import QUESTIONNAIRE


def test_questions_table_lists_every_question(app):
    output = app.test_cli_runner().invoke(args=["content", "questions", "--locale", "en"]).output
    for question in QUESTIONNAIRE:
        assert question.id in output
    assert "I don't know" in output


def test_rules_table_lists_every_rule_in_dutch(app):
    output = app.test_cli_runner().invoke(args=["content", "rules", "--locale", "nl"]).output
    for rule in RULES:
        assert rule.id in output


def test_language_figures_for_both_locales(app):
    output = app.test_cli_runner().invoke(args=["content", "language"]).output
    assert "nl" in output and "en" in output


def test_examples_table_prints_pages_lists_top_three_and_route_per_example(app):
    output = app.test_cli_runner().invoke(args=["content", "examples", "--locale", "nl"]).output
    rows = [
        line for line in output.splitlines() if line.startswith("| ") and not line.startswith("| example")
    ]
    assert len(rows) == 5, output
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        pages, dos, donts = int(cells[1]), int(cells[2]), int(cells[3])
        assert pages <= 2, row
        assert dos <= 12 and donts <= 6, row
        assert len(cells[6].split(", ")) == 3, row  # the top three
        assert cells[7], row  # the route
    assert any(row.startswith("| maximal-") for row in rows)


def test_language_command_shows_a_client_languages_status(app):
    result = app.test_cli_runner().invoke(args=["content", "language", "--locale", "ar"])
    assert result.exit_code == 0
    assert "ar العربية (Arabic)" in result.output
    assert "NOT reviewed by a native speaker" in result.output
    assert "client texts translated" in result.output
    assert "reading ease none (no formula for this language)" in result.output


def test_language_command_refuses_an_unknown_locale(app):
    result = app.test_cli_runner().invoke(args=["content", "language", "--locale", "xx"])
    assert result.exit_code != 0 and "xx" in result.output
