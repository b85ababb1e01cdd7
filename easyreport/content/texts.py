"""Every client-facing text in one place, for the language checker and speech pre-generation."""

from __future__ import annotations

from easyreport.content import client_screens, consent_cards, language_screen
from easyreport.content.glossary import GLOSSARY
from easyreport.content.model import FIXED_OPTIONS, Questionnaire
from easyreport.content.pictograms import PICTOGRAMS
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.feedback.client_questions import text_units as client_feedback_units

# A unit is a group of texts read together (a question with its explanation and info line);
# the mean sentence length rule applies per unit.
Unit = tuple[str, tuple[str, ...]]


def client_text_units(questionnaire: Questionnaire = QUESTIONNAIRE) -> list[Unit]:
    """Return every client-facing msgid grouped in units, each with a label saying where it is used."""
    units: list[Unit] = [(f"module {module.id}", (module.title,)) for module in questionnaire.modules]
    for question in questionnaire:
        units.append((f"question {question.id}", question.texts()))
        units.extend(
            (f"option {question.id}.{option.id}", (option.text,)) for option in question.content_options
        )
    units.extend((f"fixed option {option.id}", (option.text,)) for option in FIXED_OPTIONS)
    units.extend((f"glossary {entry.id}", (entry.term, entry.explanation)) for entry in GLOSSARY)
    units.extend(("screen", (text,)) for text in client_screens.SCREEN_TEXTS)
    units.extend(("language screen", (text,)) for text in language_screen.TEXTS)
    units.extend(consent_cards.UNITS)
    units.extend(client_feedback_units())
    return units


def all_client_texts(questionnaire: Questionnaire = QUESTIONNAIRE) -> list[str]:
    """Return every client-facing msgid once, in reading order.

    Question texts, explanations, info lines, option texts (fixed ones included), module titles,
    glossary terms and explanations, the client-mode screen texts, and the consent cards and client copy.
    """
    seen: dict[str, None] = {}
    for _label, texts in client_text_units(questionnaire):
        seen.update(dict.fromkeys(texts))
    return list(seen)


def alt_text_units() -> list[Unit]:
    """Return the pictograms' alt texts as units (screen readers say them; speech does not)."""
    return [(f"pictogram {pictogram.id}", (pictogram.alt,)) for pictogram in PICTOGRAMS]
