"""Flag modules whose answers may be yes-saying rather than real choices, for the counsellor to check.

People with a mild intellectual disability often say "yes" when unsure, and the app's answers
are open to the same bias as the interview (domain.md §5.4). Two signals, each per module:

* first option: the client chose the first answer (the "yes" end of a scale) for most of the
  module's answered one-choice questions;
* too fast: most answers came faster than the question can be read (under 0.25 seconds per
  word of question text).

"Most" means more than two thirds, and at least three questions. A flag is a prompt to go over
the answers together; it never changes or discards them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from easyreport.content.model import Question, Questionnaire
from easyreport.content.plain_language import words
from easyreport.preparation.flow import Answers, known_answers
from easyreport.translatable import N_

MIN_QUESTIONS = 3
MOST = 2 / 3
SECONDS_PER_WORD = 0.25


class FlagReason(StrEnum):
    """Why a module's answers need a second look."""

    FIRST_OPTION = "first_option"
    TOO_FAST = "too_fast"


REASON_TEXTS: dict[FlagReason, str] = {
    FlagReason.FIRST_OPTION: N_(
        'The client chose the first answer (often "yes") for most questions in this part. '
        "Go over these answers together."
    ),
    FlagReason.TOO_FAST: N_(
        "The client answered most questions in this part faster than they can be read. "
        "Go over these answers together."
    ),
}


@dataclass(frozen=True)
class AcquiescenceFlag:
    """One module whose answers the counsellor should check with the client."""

    module_id: str
    reason: FlagReason
    question_ids: tuple[str, ...]  # the questions that showed the pattern
    considered: int  # how many answers the rule looked at

    @property
    def message(self) -> str:
        """Return the counsellor-facing explanation (English msgid)."""
        return REASON_TEXTS[self.reason]


def _most(hits: int, considered: int) -> bool:
    return hits >= MIN_QUESTIONS and hits > MOST * considered


def first_option_flags(questionnaire: Questionnaire, answers: Answers) -> list[AcquiescenceFlag]:
    """Flag modules where most answered one-choice questions got their first answer."""
    valid = known_answers(questionnaire, answers)
    flags = []
    for module in questionnaire.modules:
        answered = [
            question
            for question in questionnaire.questions_in(module.id)
            if question.kind.single_choice and question.id in valid
        ]
        hits = tuple(
            question.id for question in answered if valid[question.id] == (question.content_options[0].id,)
        )
        if _most(len(hits), len(answered)):
            flags.append(AcquiescenceFlag(module.id, FlagReason.FIRST_OPTION, hits, len(answered)))
    return flags


def question_word_count(question: Question, translator: Callable[[str], str] | None = None) -> int:
    """Count the words of the question text as shown (translated when a translator is given)."""
    return len(words(translator(question.text) if translator else question.text))


def _reading_seconds(question: Question, word_counts: Mapping[str, int] | None) -> float:
    count = word_counts.get(question.id) if word_counts else None
    return SECONDS_PER_WORD * (count if count is not None else question_word_count(question))


def too_fast_flags(
    questionnaire: Questionnaire,
    durations: Mapping[str, float],
    word_counts: Mapping[str, int] | None = None,
) -> list[AcquiescenceFlag]:
    """Flag modules where most timed answers came faster than the question can be read.

    ``durations`` maps question ids to the seconds between showing the question and the
    answer; ``word_counts`` gives the words of each question as shown (default: the English text).
    """
    flags = []
    for module in questionnaire.modules:
        timed = [question for question in questionnaire.questions_in(module.id) if question.id in durations]
        hits = tuple(
            question.id
            for question in timed
            if durations[question.id] < _reading_seconds(question, word_counts)
        )
        if _most(len(hits), len(timed)):
            flags.append(AcquiescenceFlag(module.id, FlagReason.TOO_FAST, hits, len(timed)))
    return flags


def acquiescence_flags(
    questionnaire: Questionnaire,
    answers: Answers,
    durations: Mapping[str, float] | None = None,
    word_counts: Mapping[str, int] | None = None,
) -> list[AcquiescenceFlag]:
    """Return every flag, first-option flags before speed flags, each in module order."""
    flags = first_option_flags(questionnaire, answers)
    if durations:
        answered = known_answers(questionnaire, answers)
        timed = {
            question_id: seconds for question_id, seconds in durations.items() if question_id in answered
        }
        flags += too_fast_flags(questionnaire, timed, word_counts)
    return flags
