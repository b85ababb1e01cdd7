"""Texts of the client-mode screens around the questions: start, buttons, pause, stop, thanks.

They live here, not in templates, so that the language checker and speech pre-generation can
reach them. Templates use these constants (translated with gettext at render time).
"""

from __future__ import annotations

from easyreport.translatable import N_

# Start screen. It says early that this is about needs, never about what happened.
WELCOME_TITLE = N_("Questions about what you need")
WELCOME_LINES: tuple[str, ...] = (
    N_("These questions are about what you need at the police."),
    N_("They are not about what happened."),
    N_("There are no right or wrong answers."),
    N_("You can always choose: I don't know."),
    N_("You can take a break or stop at any time."),
)
START = N_("Start")

# Buttons on every question screen.
BACK = N_("Back")
PAUSE = N_("Break")
STOP = N_("Stop")
DONT_UNDERSTAND = N_("I don't understand")
READ_ALOUD = N_("Read aloud")
# The name of the small speaker beside one answer, for screen readers: "Read aloud: Yes".
READ_ALOUD_ITEM = N_("Read aloud: %(text)s")
# Next to the texts when the speech engine is missing or fails; the page works on without sound.
READ_ALOUD_UNAVAILABLE = N_("Reading aloud does not work right now.")
# Confirms the answers of a question where more than one answer may be chosen.
READY = N_("Ready")
CHOOSE_SEVERAL = N_("You can choose more than one answer.")
YOUR_ANSWER = N_("Your answer: %(answer)s")

# Shown after "I don't understand": the question said in another way.
EXPLANATION_TITLE = N_("Said in another way")
ASK_SUPPORT_WORKER = N_("You can also ask your support worker.")
GLOSSARY_TITLE = N_("What does this word mean?")

# Progress strip and the announcement of a new subject (recommendation 16: announce topic changes).
PROGRESS_QUESTION = N_("Question %(number)s of %(total)s")
PROGRESS_PART = N_("Part %(number)s of %(total)s: %(part)s")
# The progress line says how far the client is in words that encourage: "Part 2 of 7: nearly halfway".
PROGRESS_STAGE = N_("Part %(number)s of %(total)s: %(stage)s")
PROGRESS_TITLE = N_("How far you are")
STAGE_START = N_("a good start")
STAGE_BEFORE_HALF = N_("nearly halfway")
STAGE_HALF = N_("halfway")
STAGE_AFTER_HALF = N_("more than halfway")
STAGE_LAST = N_("the last part")
PART_DONE = N_("%(part)s: done")
PART_NOW = N_("%(part)s: now")
NEW_SUBJECT = N_("Now we go on to a new subject.")

# Pause screen.
PAUSE_TITLE = N_("Break")
PAUSE_LINES: tuple[str, ...] = (
    N_("We take a break now. Your answers are saved."),
    N_("You can go on later. Or on another day."),
)
GO_ON = N_("Go on")

# Stop: a short check first, then the thank-you screen.
STOP_QUESTION = N_("Do you want to stop?")
STOP_CONFIRM = N_("Yes, stop")
THANKS_TITLE = N_("Thank you")
STOPPED_LINES: tuple[str, ...] = (
    N_("You stopped. That is fine."),
    N_("Your answers are saved."),
)
DONE_LINES: tuple[str, ...] = (
    N_("You answered all the questions."),
    N_("Your answers are saved."),
)
HAND_BACK = N_("Please give the screen back to your support worker.")

# Display settings: the client (or the counsellor) chooses how big the letters are, the space between the lines
# and the colours. Keys are the values of easyreport/preparation/display.py.
DISPLAY_TITLE = N_("Letters and colours")
DISPLAY_SIZE = N_("How big are the letters?")
DISPLAY_SPACING = N_("How much space is there between the lines?")
DISPLAY_CONTRAST = N_("Which colours do you want?")
SIZE_LABELS: dict[int, str] = {
    100: N_("Normal letters"),
    125: N_("Bigger letters"),
    150: N_("Very big letters"),
}
SPACING_LABELS: dict[str, str] = {"normal": N_("Normal space"), "wide": N_("More space")}
CONTRAST_LABELS: dict[str, str] = {"normal": N_("Normal colours"), "high": N_("Only black and white")}

# Pictograms of the buttons, by button; the button label stands right next to each one.
BUTTON_PICTOGRAMS: dict[str, str] = {
    "back": "back_arrow",
    "pause": "hot_drink",  # a cup of tea: a break, more recognisable than a pause sign
    "stop": "stop_sign",
    "dont_understand": "question_mark",
    "read_aloud": "speaker",
    "ready": "check_mark",
    "go_on": "play",
    "glossary": "information",
}

SCREEN_TEXTS: tuple[str, ...] = (
    WELCOME_TITLE,
    *WELCOME_LINES,
    START,
    BACK,
    PAUSE,
    STOP,
    DONT_UNDERSTAND,
    READ_ALOUD,
    READ_ALOUD_ITEM,
    READ_ALOUD_UNAVAILABLE,
    READY,
    CHOOSE_SEVERAL,
    YOUR_ANSWER,
    EXPLANATION_TITLE,
    ASK_SUPPORT_WORKER,
    GLOSSARY_TITLE,
    PROGRESS_QUESTION,
    PROGRESS_PART,
    PROGRESS_STAGE,
    PROGRESS_TITLE,
    STAGE_START,
    STAGE_BEFORE_HALF,
    STAGE_HALF,
    STAGE_AFTER_HALF,
    STAGE_LAST,
    PART_DONE,
    PART_NOW,
    NEW_SUBJECT,
    PAUSE_TITLE,
    *PAUSE_LINES,
    GO_ON,
    STOP_QUESTION,
    STOP_CONFIRM,
    THANKS_TITLE,
    *STOPPED_LINES,
    *DONE_LINES,
    HAND_BACK,
    DISPLAY_TITLE,
    DISPLAY_SIZE,
    DISPLAY_SPACING,
    DISPLAY_CONTRAST,
    *SIZE_LABELS.values(),
    *SPACING_LABELS.values(),
    *CONTRAST_LABELS.values(),
)
