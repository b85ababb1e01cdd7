"""Client-facing texts of the consent walk and of the client's own copy of what the police will know.

Easy read (domain.md §4.3): short sentences, one idea each, "you", the same word for the same thing
("the sheet", "the police officer", "your support worker"). Before the client chooses anything, the
introduction says who gets the sheet, why, and that the police must act when someone is still being
forced to do things (domain.md §0.6, §5.3): the client must hear that before agreeing to share.
The plain-language checker reads every text here (``UNITS``) in every complete locale.
"""

from __future__ import annotations

from easyreport.briefing.needs import SECTIONS
from easyreport.content import client_screens
from easyreport.content.model import DONT_KNOW
from easyreport.content.observations import OBSERVATIONS
from easyreport.translatable import N_

# ---------------------------------------------------------------------------------- introduction
INTRO_TITLE = N_("Who gets to know what you need")
INTRO_LINES: tuple[str, ...] = (
    N_("Your support worker makes a sheet for the police."),
    N_("The sheet says what you need in the talk."),
    N_("For example: short sentences, or a break."),
    N_("The sheet is not about what happened."),
    N_("The police officer who talks with you reads the sheet."),
    N_("Then the police officer knows what helps you."),
)
# Said on the introduction, one of the three, as the counsellor chose for the sheet.
NAME_NOT_ON_SHEET = N_("Your name is not on the sheet.")
OTHER_NAME_ON_SHEET = N_("Your name is not on the sheet. The sheet uses another name for you.")
NAME_ON_SHEET = N_("Your name is on the sheet.")
CHOICE_TITLE = N_("You choose")
CHOICE_LINES: tuple[str, ...] = (
    N_("You choose what is on the sheet."),
    N_("For each part you say: yes, no, or I don't know."),
    N_("No is fine. I don't know is fine too."),
    N_("Then the police do not get that part."),
)
DUTY_TITLE = N_("Something important")
DUTY_LINES: tuple[str, ...] = (
    N_("Maybe someone still forces you to do things."),
    N_("Then the police must act right away."),
    N_("The police cannot wait. Also not when you ask them to."),
    N_("Your support worker can tell you more about this."),
)

# ------------------------------------------------------------------------------- a section's card
CARD_QUESTION = N_("May the police know this?")
CARD_SAID = N_("This is what you said:")
CARD_NOTHING_SAID = N_("You did not tell anything about this part.")
CARD_OBSERVED = N_("Your support worker also writes down what they noticed.")
CARD_ROUTE = N_("Your support worker also writes which team can help you.")
# Only when the counsellor said how soon, or explained part of the police process (process_info.py).
CARD_URGENCY = N_("Your support worker also writes if the talk should be soon.")
CARD_KNOWN = N_("Your support worker also writes what you know about the talk.")
# The preferred name and the interpreter's language (issue 12), on the card of the section they belong to.
CARD_NAMED = N_("Your support worker also writes your name for the talk.")
CARD_LANGUAGE = N_("Your support worker also writes your language for the talk.")
# The route on the goal card: which police team the support worker suggests, and why, in easy words.
# Keys are routing.Unit values; 112 never gets here (acute danger stops the consent walk).
ROUTE_TEAMS: dict[str, tuple[str, str]] = {
    "avim": (
        N_("A special team of the police."),
        N_("This team helps people who are forced to do things."),
    ),
    "zeden": (
        N_("The police team Zeden."),
        N_("This team is trained for very personal talks."),
    ),
    "basisteam": (
        N_("The police team in your area."),
        N_("This team helps when you do not feel safe."),
    ),
    "labour_inspectorate": (
        N_("The Labour Authority."),
        N_("It checks that people are treated well at work."),
    ),
}
ROUTE_PICTOGRAM = "police_officer"
# Opens the full list of answers on a card; the short list shows first.
CARD_SHOW_ALL = N_("Show everything you said")
# A decision for a card the client has not seen, or for a card whose content changed meanwhile.
CARD_NOT_SEEN = N_("You did not see this part yet. Look at it first.")
CARD_CHANGED = N_("Something changed in this part. Please look at it again.")
CARD_RIGHTS: tuple[str, ...] = (
    N_("Your support worker also writes something about your rights."),
    N_("Your support worker explains that to you."),
)
# ------------------------------------------------------------------ the card on the client's rights
# Only when the counsellor set "may also be heard as a suspect" (consent.SUSPECT_CARD). It names no
# offence and no label: it says what it means that the police may also ask about things the client had
# to do, and what the client's rights are (domain.md §8). Its teach-back must be in the client's own words.
SUSPECT_CARD_TITLE = N_("Questions about things you had to do")
SUSPECT_CARD_LINES: tuple[str, ...] = (
    N_("Maybe someone made you do things that are not allowed."),
    N_("The police may also ask about those things."),
    N_("You have the right to a lawyer."),
    N_("The lawyer can be there before and during the talk."),
    N_("You may also say nothing."),
    N_("That is your right."),
    N_("Your support worker can help you find a lawyer."),
    N_("The sheet says nothing about the things you had to do."),
)
# Only when the counsellor recorded whether the client already has a lawyer.
SUSPECT_CARD_LAWYER = N_("Your support worker also writes if you already have a lawyer.")
SUSPECT_CARD_WHY = N_("Then the police know your rights in the talk.")

# Why each part helps, said on its card.
SECTION_WHY: dict[str, str] = {
    "communication": N_("Then the police officer knows how to talk with you."),
    "stress": N_("Then the police officer knows what helps when you feel stressed."),
    "conversation": N_("Then the police can plan the talk the way you like."),
    "support": N_("Then the police know who can be with you."),
    "safety": N_("Then the police can help you feel safe."),
    "practical": N_("Then the police can arrange practical things."),
    "goal": N_("Then the police know what you want to do first."),
}
# The three big buttons. "I don't know" keeps the part back, like "No".
# "I don't understand" on a card: the support worker explains again, and not knowing is a fine answer.
CARD_EXPLAIN: tuple[str, ...] = (
    N_("Your support worker explains it again. In other words."),
    N_("You can also say: I don't know."),
    CHOICE_LINES[3],  # "Then the police do not get that part."
)

# Stop during consent: nothing is recorded yet, so nothing new reaches the police.
STOPPED_LINES: tuple[str, ...] = (
    client_screens.STOPPED_LINES[0],  # "You stopped. That is fine."
    N_("Nothing new goes to the police now."),
)

YES = N_("Yes, that's fine")
NO = N_("No, rather not")
DONT_KNOW_BUTTON = DONT_KNOW.text
DECISION_PICTOGRAMS = {
    "yes": "nodding_head",
    "no": "shaking_head",
    "dont_know": "shrug",
}  # neutral, no tick/cross

# ---------------------------------------------------------------------- end of the client's part
DONE_TITLE = client_screens.THANKS_TITLE
DONE_LINES: tuple[str, ...] = (
    N_("You made your choices."),
    N_("Can you tell in your own words what the police will know?"),
)
# The one button on the done and stopped screens: it leads to the locked screen.
HAND_BACK_BUTTON = N_("Give the screen back")

# --------------------------------------------------------------------------------- the client's copy
COPY_TITLE = N_("What the police will know")
COPY_LINES: tuple[str, ...] = (
    N_("This is what the police will know about you."),
    N_("It is about what you need. It is not about what happened."),
)
COPY_NOT_SHARED = N_("The police will not get this:")
COPY_NOTHING_SHARED = N_("The police will not get any of your answers.")
NEXT_TITLE = N_("What happens next")
NEXT_LINES: tuple[str, ...] = (
    N_("Your support worker gives the sheet to the police."),
    N_("The police officer reads the sheet before the talk."),
    N_("You can change your mind. Tell your support worker."),
    N_("The sheet is only valid for a short time."),
)
VALID_UNTIL = N_("Valid until")
PRINT = N_("Print")
# The copy in client mode is a few short pages, one topic each, with Back and Go on.
COPY_PAGE = N_("Page %(number)s of %(total)s")
COPY_PART_TITLE = N_("The police will know this:")

# Units read together, for the plain-language checker (the mean sentence length applies per unit).
UNITS: list[tuple[str, tuple[str, ...]]] = [
    ("consent intro", (INTRO_TITLE, *INTRO_LINES)),
    ("consent name", (NAME_NOT_ON_SHEET,)),
    ("consent other name", (OTHER_NAME_ON_SHEET,)),
    ("consent name shown", (NAME_ON_SHEET,)),
    ("consent choice", (CHOICE_TITLE, *CHOICE_LINES)),
    ("consent duty to act", (DUTY_TITLE, *DUTY_LINES)),
    (
        "consent card",
        (CARD_QUESTION, CARD_SAID, CARD_NOTHING_SAID, CARD_OBSERVED, CARD_ROUTE, CARD_URGENCY, CARD_KNOWN),
    ),
    ("consent card name and language", (CARD_NAMED, CARD_LANGUAGE)),
    ("consent card rights", CARD_RIGHTS),
    (
        "consent card suspect",
        (SUSPECT_CARD_TITLE, *SUSPECT_CARD_LINES, SUSPECT_CARD_LAWYER, SUSPECT_CARD_WHY),
    ),
    *((f"consent route {unit}", lines) for unit, lines in ROUTE_TEAMS.items()),
    ("consent card more", (CARD_SHOW_ALL, CARD_NOT_SEEN, CARD_CHANGED)),
    *((f"observation {o.module_id}.{o.id}", (o.client_text,)) for o in OBSERVATIONS),
    ("consent card explain", CARD_EXPLAIN),
    ("consent stopped", (client_screens.THANKS_TITLE, *STOPPED_LINES, client_screens.HAND_BACK)),
    *((f"consent card {section}", (SECTION_WHY[section],)) for section in SECTIONS),
    ("consent buttons", (YES, NO)),
    ("consent done", (DONE_TITLE, *DONE_LINES, HAND_BACK_BUTTON)),
    ("client copy", (COPY_TITLE, *COPY_LINES, COPY_NOT_SHARED, COPY_NOTHING_SHARED)),
    ("client copy next", (NEXT_TITLE, *NEXT_LINES, VALID_UNTIL, PRINT)),
    ("client copy pages", (COPY_PAGE, COPY_PART_TITLE)),
]
