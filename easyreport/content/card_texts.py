"""The easy-read words of the card the client carries (briefing/card.py): short needs, titles, one note.

Client-facing: the card is in Dutch and in the client's language, so every text here is in the client
catalogue (babel-client.cfg) and translated for the five client-only languages. A need's words complete
"I may need…"; they say what helps, never what happened. Where the questionnaire already has the client's
words for a need (an answer such as "A plan with pictures"), the card uses those and nothing new is written.
"""

from __future__ import annotations

from easyreport.translatable import N_

# Translators: the front of the client's card; the needs follow as a list. Easy language.
FRONT_TITLE = N_("I may need…")
# Translators: on the client's card, above the things that calm the client down.
HELPS_TITLE = N_("What helps me")
# Translators: on the client's card, before the name the client wants to be called.
CALL_ME = N_("Call me")
# Translators: the first line of the client's card, for the police officer who reads it.
NOTE = N_("This card says what I need.")
# Translators: on the client's card, before the counsellor's name and phone number.
CONTACT_TITLE = N_("My support worker")
# Translators: on the client's card, before a phone number.
PHONE = N_("Phone")

# Short words for needs that have no answer in the client's own words (each completes "I may need…").
TIME_TO_THINK = N_("Time to think before I answer")
SHORT_SENTENCES = N_("Short sentences")
ONE_QUESTION = N_("One question at a time")
BREAKS = N_("A break now and then")
TRUSTED_PERSON = N_("Someone I trust with me")
READ_OUT = N_("Someone who reads out to me")
PICTURES = N_("Pictures or drawings")
SLOW_TALKING = N_("Slow talking")
CHECK_UNDERSTANDING = N_("Check that I understand")
EASY_WORDS = N_("Easy words")
LOUD_AND_CLEAR = N_("Speak loud and clear")
INTERPRETER = N_("An interpreter")
WHAT_HAPPENS = N_("To know what happens next")
DOOR_OPEN = N_("The door open")
