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
