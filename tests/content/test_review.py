"""The review table shows every question, answer, need and pictogram in the chosen language."""

from __future__ import annotations

from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.content.review import questionnaire_table


def test_table_lists_every_question_answer_need_and_pictogram(translators):
    table = questionnaire_table("en", translator=translators["en"])
    for question in QUESTIONNAIRE:
        assert question.id in table
        assert question.text in table
        assert question.pictogram in table
        for option in question.options:
            assert f"{option.id}: {option.text}" in table
            for need in option.needs:
                assert need in table
    assert f"{len(QUESTIONNAIRE)} questions" in table.splitlines()[0]


def test_table_is_translated_and_includes_glossary_and_observations(translators):
    table = questionnaire_table("nl", translator=translators["nl"])
    assert "Weet ik niet" in table
    assert "Hoe lees je een tekst het liefst?" in table
    assert "aangifte" in table
    assert "Schrijf alleen behoeften op." in table
    header = table.splitlines()[2]
    assert header.split("|")[0].strip() == "module"
