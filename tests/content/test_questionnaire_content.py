"""The questionnaire, glossary and observations are complete, about needs only, and use the shared need ids."""

from __future__ import annotations

import re

import pytest

from easyreport.briefing.needs import NEEDS
from easyreport.content import client_screens
from easyreport.content.glossary import GLOSSARY
from easyreport.content.model import QuestionKind
from easyreport.content.observations import FREE_TEXT_REMINDER, OBSERVATIONS, observations_for
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.content.texts import all_client_texts

from .conftest import NEED_IDS

MODULE_ORDER = ["communication", "stress", "conversation", "support", "safety", "practical", "goal"]


def test_modules_come_in_the_agreed_order():
    assert [m.id for m in QUESTIONNAIRE.modules] == MODULE_ORDER


def test_there_are_enough_questions_and_every_module_has_some():
    assert 28 <= len(QUESTIONNAIRE) <= 40
    for module in QUESTIONNAIRE.modules:
        assert QUESTIONNAIRE.questions_in(module.id), module.id


def test_every_need_an_answer_signals_is_in_the_shared_vocabulary():
    used = {need for q in QUESTIONNAIRE for o in q.options for need in o.needs}
    assert used <= NEED_IDS, used - NEED_IDS
    assert {need for o in OBSERVATIONS for need in o.needs} <= NEED_IDS


def test_needs_belong_to_the_section_of_their_module():
    # Consent is given per module (= sheet section); a need filed under another section would be
    # shared or withheld by the wrong consent card.
    for question in QUESTIONNAIRE:
        for option in question.options:
            for need in option.needs:
                assert NEEDS[need].section == question.module_id, (question.id, need)
    for observation in OBSERVATIONS:
        for need in observation.needs:
            assert NEEDS[need].section == observation.module_id, (observation.id, need)


def test_every_question_signals_at_least_one_need():
    for question in QUESTIONNAIRE:
        assert any(o.needs for o in question.options), question.id


def test_the_questionnaire_covers_the_goals_and_the_main_needs():
    used = {need for q in QUESTIONNAIRE for o in q.options for need in o.needs}
    for need in (
        "goal_information",
        "goal_report",
        "goal_aangifte",
        "goal_undecided",
        "acquiescence",
        "short_sentences",
        "stress_laughs",
        "trusted_person_counsellor",
        "fear_being_seen",
        "interpreter",
        "medication_tired",
    ):
        assert need in used, need


def test_one_choice_questions_offer_at_most_three_answers():
    for question in QUESTIONNAIRE:
        limit = 6 if question.kind is QuestionKind.SEVERAL else 3
        assert len(question.content_options) <= limit, question.id
        assert question.options[-2].id == "dont_know"
        assert question.options[-1].id == "rather_not_say"


def test_scales_put_the_yes_end_first():
    # The acquiescence rule reads "first answer" as "yes"; scales must keep that order.
    for question in QUESTIONNAIRE:
        if question.kind is QuestionKind.SCALE:
            assert question.content_options[0].id == "yes", question.id


def test_the_explanation_says_it_differently():
    for question in QUESTIONNAIRE:
        assert question.explanation and question.explanation != question.text, question.id


def test_no_question_asks_for_the_story_or_anything_identifying():
    story = re.compile(
        r"what happened|who did|where (were|was|did)|when did|your name|address|birth|how old|which person",
        re.IGNORECASE,
    )
    for question in QUESTIONNAIRE:
        for text in question.texts() + tuple(o.text for o in question.options):
            assert not story.search(text), (question.id, text)


def test_the_glossary_explains_the_police_words_the_client_meets():
    terms = {entry.id for entry in GLOSSARY}
    assert {"information_talk", "report", "official_report", "time_to_think"} <= terms


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_every_glossary_term_is_used_in_some_client_text(locale, translators):
    tr = translators[locale]
    texts = [tr(t).lower() for t in all_client_texts()]
    for entry in GLOSSARY:
        term = tr(entry.term).lower()
        users = [t for t in texts if term in t and t != term and t != tr(entry.explanation).lower()]
        assert users, f"{locale}: {term!r} is explained but never used"


def test_glossary_terms_are_the_police_words_in_dutch(translators):
    nl = translators["nl"]
    assert [nl(e.term) for e in GLOSSARY] == [
        "informatief gesprek",
        "melding",
        "aangifte",
        "bedenktijd",
        "advocaat",
    ]


def test_observations_exist_for_every_module_and_have_unique_ids():
    ids = [o.id for o in OBSERVATIONS]
    assert len(ids) == len(set(ids))
    for module in QUESTIONNAIRE.modules:
        assert observations_for(module.id), module.id
    assert {o.module_id for o in OBSERVATIONS} <= set(MODULE_ORDER)


def test_observations_are_functional_never_a_diagnosis_or_the_story():
    labels = re.compile(
        r"\b(lvb|iq|autis\w*|adhd|ptsd|ptss|disorder|diagnos\w*|disabilit\w*|retard\w*|trauma\w*|"
        r"victim|perpetrator|abuse\w*|exploit\w*|traffick\w*)\b",
        re.IGNORECASE,
    )
    for observation in OBSERVATIONS:
        assert not labels.search(observation.text), observation.text


def test_the_free_text_reminder_says_needs_only():
    assert FREE_TEXT_REMINDER == "Write needs only. Never what happened, who, where or when."


def test_client_screens_offer_every_control_the_client_needs():
    for label in (
        client_screens.BACK,
        client_screens.PAUSE,
        client_screens.STOP,
        client_screens.DONT_UNDERSTAND,
        client_screens.READ_ALOUD,
    ):
        assert label in client_screens.SCREEN_TEXTS
    assert set(client_screens.BUTTON_PICTOGRAMS) >= {"back", "pause", "stop", "dont_understand", "read_aloud"}
