"""The client's feedback after the interview: six easy-read questions, one per screen (content, no Flask).

The counsellor and the client sit together again after the talk with the police. The questions ask how the
talk went for the client, never what was said in it. Every question offers "I don't know" and "I'd rather
not say" (added by the content model). How the client feels about the police is asked twice, for before
and for now, on a five-face scale. The answers stay with the preparation: never on the sheet, never shown
to the officer, and in the evaluation only as counts of at least 5.
"""

from __future__ import annotations

from dataclasses import dataclass

from easyreport.content.model import FIXED_OPTIONS, Module, Option
from easyreport.content.questionnaire import no, yes
from easyreport.translatable import N_

MODULE = Module("after_the_talk", N_("After the talk with the police"), "people_dialogue")


def _faces() -> tuple[Option, ...]:
    return (
        Option("very_bad", N_("Very bad"), "face_very_bad"),
        Option("bad", N_("Bad"), "face_bad"),
        Option("in_between", N_("In between"), "face_neutral"),
        Option("good", N_("Good"), "face_good"),
        Option("very_good", N_("Very good"), "face_very_good"),
    )


@dataclass(frozen=True)
class FeedbackQuestion:
    """One screen of the client's feedback: a question, a line that explains it, a pictogram, the answers.

    Not a content.model.Question: that model allows at most three answers (domain.md §1.3, "never more
    than 2 or 3 choices"), while the issue asks for a five-face scale for how the client feels about the
    police. The faces are one ordered row with a word under each; the lead may prefer three faces.
    """

    id: str
    text: str
    explanation: str
    pictogram: str
    content_options: tuple[Option, ...]

    @property
    def options(self) -> tuple[Option, ...]:
        """The answers, always ending with "I don't know" and "I'd rather not say"."""
        return self.content_options + FIXED_OPTIONS

    def option(self, option_id: str) -> Option | None:
        """The answer with this id, if it is one of this question's."""
        return next((option for option in self.options if option.id == option_id), None)

    def texts(self) -> tuple[str, ...]:
        """Every text of the screen, in reading order."""
        return (self.text, self.explanation, *(option.text for option in self.options))


def _question(
    qid: str, text: str, explanation: str, pictogram: str, options: tuple[Option, ...]
) -> FeedbackQuestion:
    return FeedbackQuestion(qid, text, explanation, pictogram, options)


A_BIT = Option("a_little", N_("A little"), "pinching_hand")  # the same words and picture as in the questions
MAYBE = Option("maybe", N_("Maybe"), "white_question_mark")

CLIENT_FEEDBACK: tuple[FeedbackQuestion, ...] = (
    _question(
        "police_listened",
        N_("Did the police listen to you?"),
        N_("Think of the talk with the police. Did they hear what you said?"),
        "ear",
        (yes(), A_BIT, no()),
    ),
    _question(
        "understood_questions",
        N_("Did you understand the questions?"),
        N_("The police asked you questions. Were the questions clear to you?"),
        "thinking_face",
        (yes(), A_BIT, no()),
    ),
    _question(
        "breaks_when_needed",
        N_("Could you take a break when you needed one?"),
        N_("A break is a short rest. You stop talking for a while."),
        "hot_drink",
        (yes(), A_BIT, no()),
    ),
    _question(
        "support_there",
        N_("Was the support you wanted there?"),
        N_("Support is a person who helps you. Or something that helps you."),
        "handshake",
        (yes(), A_BIT, no()),
    ),
    _question(
        "police_feeling_before",
        N_("How did you feel about the police before the talk?"),
        N_("Think of the time before the talk. Choose a face."),
        "police_officer",
        _faces(),
    ),
    _question(
        "police_feeling_now",
        N_("How do you feel about the police now?"),
        N_("Think of the police now, after the talk. Choose a face."),
        "police_officer",
        _faces(),
    ),
    _question(
        "would_do_again",
        N_("Would you talk to the police again?"),
        N_("Maybe something happens again one day. Would you go to the police then?"),
        "repeat",
        (yes(), MAYBE, no()),
    ),
)


_BY_ID = {question.id: question for question in CLIENT_FEEDBACK}


def question(question_id: str) -> FeedbackQuestion | None:
    """The question with this id, if any."""
    return _BY_ID.get(question_id)


def next_open(answers: dict[str, str]) -> FeedbackQuestion | None:
    """The first question without an answer, or None when all are answered."""
    return next((q for q in CLIENT_FEEDBACK if q.id not in answers), None)


def previous(question_id: str) -> FeedbackQuestion | None:
    """The question before this one, if any."""
    ids = [q.id for q in CLIENT_FEEDBACK]
    index = ids.index(question_id)
    return CLIENT_FEEDBACK[index - 1] if index > 0 else None


def text_units() -> list[tuple[str, tuple[str, ...]]]:
    """The client-facing texts, in units (for the language checker and speech pre-generation)."""
    units: list[tuple[str, tuple[str, ...]]] = [("client feedback module", (MODULE.title,))]
    units.extend((f"client feedback {q.id}", (q.text, q.explanation)) for q in CLIENT_FEEDBACK)
    seen: dict[str, None] = {}
    for q in CLIENT_FEEDBACK:
        seen.update(dict.fromkeys(o.text for o in q.content_options))
    units.extend(("client feedback answer", (text,)) for text in seen)
    units.extend(("client feedback screen", (text,)) for text in SCREEN_TEXTS)
    return units


# Translators: the client's feedback screens, easy read (short sentences, one idea each).
START_TITLE = N_("How did the talk go?")
START_TEXT = N_("You talked with the police. Now we ask you a few questions about it.")
START_PRIVATE = N_("Your answers stay with your support worker.")
DONE_TEXT = N_("You answered all the questions.")
CHOOSE_ONE = N_("Choose one answer.")
CHOOSE_AGAIN = N_("Please choose your answer again.")
SCREEN_TEXTS = (START_TITLE, START_TEXT, START_PRIVATE, DONE_TEXT, CHOOSE_ONE, CHOOSE_AGAIN)
