"""The question flow in client mode, as pure functions over the questionnaire and the answers.

Answers map a question id to the chosen option ids. Every answer is saved the moment it is
given, so the client can stop and resume another day: resuming goes to the first unanswered
question in order; after answering, the flow moves to the question right after it (also when
the client went back to change an earlier answer).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from easyreport.content import client_screens as screens
from easyreport.content.model import Question, Questionnaire
from easyreport.content.questionnaire import ADDED_IN_VERSION_2
from easyreport.preparation.errors import InvalidOption, UnknownQuestion

Answers = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Position:
    """Where a question stands: overall and within its module (numbers count from 1)."""

    number: int
    total: int
    module_id: str
    module_number: int
    module_total: int
    number_in_module: int
    module_size: int

    @property
    def first_in_module(self) -> bool:
        """Say whether the question opens a new subject (announce the topic change)."""
        return self.number_in_module == 1

    @property
    def last(self) -> bool:
        """Say whether this is the last question."""
        return self.number == self.total

    @property
    def stage(self) -> str:
        """Return the encouraging word for the part the client is in (a msgid): "nearly halfway", ..."""
        return stage(self.module_number, self.module_total)


@dataclass(frozen=True)
class ModuleProgress:
    """How many questions of one module have an answer."""

    module_id: str
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        """Say whether every question of the module has an answer."""
        return self.answered == self.total


def question_exists(questionnaire: Questionnaire, question_id: str) -> bool:
    """Say whether the questionnaire has a question with this id."""
    return questionnaire.find(question_id) is not None


def get_question(questionnaire: Questionnaire, question_id: str) -> Question:
    """Return the question with this id; raise UnknownQuestion if there is none."""
    question = questionnaire.find(question_id)
    if question is None:
        raise UnknownQuestion(question_id)
    return question


def is_valid_option(questionnaire: Questionnaire, question_id: str, option_id: str) -> bool:
    """Say whether an option id is one of the answers a question offers."""
    question = questionnaire.find(question_id)
    return question is not None and question.option(option_id) is not None


def validate_answer(
    questionnaire: Questionnaire, question_id: str, option_ids: Iterable[str]
) -> tuple[str, ...]:
    """Check submitted option ids against the question and return them in the question's order.

    Raises UnknownQuestion for a question id that does not exist and InvalidOption for an option
    the question does not offer, no answer, a repeated answer, more than one answer to a
    one-choice question, or "I don't know" / "I'd rather not say" combined with other answers.
    """
    question = get_question(questionnaire, question_id)
    chosen = tuple(option_ids)
    if not chosen:
        raise InvalidOption(question_id, chosen, "no answer chosen")
    if len(set(chosen)) != len(chosen):
        raise InvalidOption(question_id, chosen, "an answer is repeated")
    unknown = [option_id for option_id in chosen if question.option(option_id) is None]
    if unknown:
        raise InvalidOption(question_id, chosen, f"not offered: {', '.join(unknown)}")
    if question.kind.single_choice and len(chosen) > 1:
        raise InvalidOption(question_id, chosen, "this question takes one answer")
    if len(chosen) > 1 and any(option.is_fixed for option in question.options if option.id in chosen):
        raise InvalidOption(question_id, chosen, "a fixed answer must be the only answer")
    return tuple(option.id for option in question.options if option.id in chosen)


class KnownAnswers(dict[str, tuple[str, ...]]):
    """Answers that known_answers kept for one questionnaire: checking them again against it is skipped.

    A page asks several of the functions here about the same answers (progress, complete, flags...); each
    checked every answer anew, which was a tenth of the overview page.
    """

    def __init__(self, questionnaire: Questionnaire) -> None:
        super().__init__()
        self.questionnaire = questionnaire


def known_answers(questionnaire: Questionnaire, answers: Answers) -> dict[str, tuple[str, ...]]:
    """Keep only answers that are still valid, e.g. after the content changed since they were saved."""
    if isinstance(answers, KnownAnswers) and answers.questionnaire is questionnaire:
        return answers
    kept = KnownAnswers(questionnaire)
    for question in questionnaire:
        if question.id not in answers:
            continue
        try:
            kept[question.id] = validate_answer(questionnaire, question.id, answers[question.id])
        except InvalidOption:
            continue
    return kept


def is_answered(questionnaire: Questionnaire, answers: Answers, question_id: str) -> bool:
    """Say whether a question has a valid answer."""
    get_question(questionnaire, question_id)
    try:
        validate_answer(questionnaire, question_id, answers.get(question_id, ()))
    except InvalidOption:
        return False
    return True


def next_question(
    questionnaire: Questionnaire, answers: Answers, after: str | None = None
) -> Question | None:
    """Return the question to show next, or None when there is nothing left to ask.

    Without ``after`` this is the resume point: the first unanswered question in order.
    With ``after`` (the question just answered) it is the question right after that one.
    """
    if after is not None:
        index = questionnaire.index(get_question(questionnaire, after).id)
        return questionnaire.questions[index + 1] if index + 1 < len(questionnaire) else None
    valid = known_answers(questionnaire, answers)
    return next((question for question in questionnaire if question.id not in valid), None)


def previous_question(questionnaire: Questionnaire, question_id: str) -> Question | None:
    """Return the question before this one, or None for the first question."""
    index = questionnaire.index(get_question(questionnaire, question_id).id)
    return questionnaire.questions[index - 1] if index > 0 else None


def stage(number: int, total: int) -> str:
    """Say how far part `number` of `total` is, in words that encourage (a msgid); never "1 of 34"."""
    if number >= total:
        return screens.STAGE_LAST
    if number <= 1:
        return screens.STAGE_START
    middle = (number - 0.5) / total  # the middle of this part, as a share of all parts
    if abs(middle - 0.5) < 0.5 / total:
        return screens.STAGE_HALF
    return screens.STAGE_BEFORE_HALF if middle < 0.5 else screens.STAGE_AFTER_HALF


def position(questionnaire: Questionnaire, question_id: str) -> Position:
    """Return where a question stands, for the progress strip."""
    question = get_question(questionnaire, question_id)
    module_ids = [module.id for module in questionnaire.modules]
    in_module = questionnaire.questions_in(question.module_id)
    return Position(
        number=questionnaire.index(question.id) + 1,
        total=len(questionnaire),
        module_id=question.module_id,
        module_number=module_ids.index(question.module_id) + 1,
        module_total=len(module_ids),
        number_in_module=in_module.index(question) + 1,
        module_size=len(in_module),
    )


def progress(questionnaire: Questionnaire, answers: Answers) -> tuple[ModuleProgress, ...]:
    """Return answered and total questions per module, in module order."""
    valid = known_answers(questionnaire, answers)
    return tuple(
        ModuleProgress(
            module.id,
            sum(1 for question in questionnaire.questions_in(module.id) if question.id in valid),
            len(questionnaire.questions_in(module.id)),
        )
        for module in questionnaire.modules
    )


def answered_count(questionnaire: Questionnaire, answers: Answers) -> int:
    """Return how many questions have a valid answer."""
    return len(known_answers(questionnaire, answers))


def answered_before_version_2(questionnaire: Questionnaire, answers: Answers) -> bool:
    """Say whether the answers are a whole preparation from before content version 2 (issue 12).

    That is: every question but the ones added in version 2 has a valid answer, and none of those has.
    Such a preparation still counts as complete; its sheet shows the added questions as "not asked".
    """
    valid = known_answers(questionnaire, answers)
    added = {question.id for question in questionnaire if question.id in ADDED_IN_VERSION_2}
    if not added or added & valid.keys():
        return False
    return len(valid) == len(questionnaire) - len(added)


def is_complete(questionnaire: Questionnaire, answers: Answers) -> bool:
    """Say whether every question has a valid answer, or the preparation was answered before version 2."""
    if answered_count(questionnaire, answers) == len(questionnaire):
        return True
    return answered_before_version_2(questionnaire, answers)


def needs_from_answers(questionnaire: Questionnaire, answers: Answers) -> tuple[str, ...]:
    """Return the need ids the valid answers signal, without repeats, in questionnaire order."""
    found: dict[str, None] = {}
    for question_id, option_ids in known_answers(questionnaire, answers).items():
        found.update(dict.fromkeys(get_question(questionnaire, question_id).needs_for(option_ids)))
    return tuple(found)
