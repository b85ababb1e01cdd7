"""One list holds every client-facing text, for the checker and for speech pre-generation."""

from __future__ import annotations

from easyreport.content import client_screens, consent_cards, language_screen
from easyreport.content.glossary import GLOSSARY
from easyreport.content.model import FIXED_OPTIONS
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.content.texts import all_client_texts
from easyreport.feedback.client_questions import text_units as client_feedback_units


def test_all_client_texts_holds_every_client_facing_string_once():
    texts = all_client_texts()
    assert len(texts) == len(set(texts))
    expected = {m.title for m in QUESTIONNAIRE.modules}
    for question in QUESTIONNAIRE:
        expected.update(question.texts())
        expected.update(option.text for option in question.options)
    expected.update(option.text for option in FIXED_OPTIONS)
    expected.update(text for entry in GLOSSARY for text in (entry.term, entry.explanation))
    expected.update(client_screens.SCREEN_TEXTS)
    expected.update(language_screen.TEXTS)
    expected.update(text for _where, unit in consent_cards.UNITS for text in unit)
    expected.update(text for _where, unit in client_feedback_units() for text in unit)
    assert set(texts) == expected


def test_info_lines_and_screen_texts_are_included():
    texts = all_client_texts()
    assert "Sometimes that person cannot stay in the room during the talk." in texts
    assert client_screens.DONT_UNDERSTAND in texts
    assert "They are not about what happened." in texts


def test_consent_cards_and_client_copy_are_checked_like_every_client_text():
    texts = all_client_texts()
    assert consent_cards.CARD_QUESTION in texts
    assert all(line in texts for line in consent_cards.DUTY_LINES)
    assert all(consent_cards.SECTION_WHY[section] in texts for section in consent_cards.SECTION_WHY)
    assert all(line in texts for line in consent_cards.NEXT_LINES)
