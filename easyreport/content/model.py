"""The shape of the questionnaire: modules, questions and answer options.

Everything here is immutable data with stable ids. Texts are English msgids marked with ``N_``;
views translate them at render time. Every question gets the two fixed answers ("I don't know",
"I'd rather not say") appended here, in one place, as ordinary options: they must be exactly as
easy to choose as any other answer (domain.md §5.4).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from easyreport.translatable import N_

_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")

# One-choice questions show at most three content answers (domain.md §3 rec. 13); a
# several-choice question may list more because the client can pick any of them.
MAX_SINGLE_CHOICE_OPTIONS = 3
MAX_SEVERAL_CHOICE_OPTIONS = 6


class QuestionKind(StrEnum):
    """How a question is answered."""

    ONE = "one"  # pick exactly one answer
    SEVERAL = "several"  # pick one or more answers
    SCALE = "scale"  # pick one point on an ordered scale, e.g. yes / sometimes / no

    @property
    def single_choice(self) -> bool:
        """Say whether exactly one answer is allowed."""
        return self is not QuestionKind.SEVERAL


def check_id(value: str, what: str) -> None:
    """Raise ValueError unless value is a snake_case id."""
    if not _ID.match(value):
        raise ValueError(f"{what} id {value!r} is not snake_case")


@dataclass(frozen=True)
class Option:
    """One answer a client can choose, with the needs it signals."""

    id: str
    text: str
    pictogram: str
    needs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_id(self.id, "option")
        for need in self.needs:
            check_id(need, "need")
        if len(set(self.needs)) != len(self.needs):
            raise ValueError(f"option {self.id!r} lists a need twice")

    @property
    def is_fixed(self) -> bool:
        """Say whether this is one of the two answers every question offers."""
        return self.id in FIXED_OPTION_IDS


DONT_KNOW = Option("dont_know", N_("I don't know"), "shrug")
RATHER_NOT_SAY = Option("rather_not_say", N_("I'd rather not say"), "zipped_mouth")
FIXED_OPTIONS: tuple[Option, ...] = (DONT_KNOW, RATHER_NOT_SAY)
FIXED_OPTION_IDS = frozenset(option.id for option in FIXED_OPTIONS)


@dataclass(frozen=True)
class Module:
    """A group of questions about one subject; also a consent section of the sheet."""

    id: str
    title: str
    pictogram: str

    def __post_init__(self) -> None:
        check_id(self.id, "module")


@dataclass(frozen=True)
class Question:
    """One screen in client mode: a question about a need, never about what happened.

    ``options`` is given as the content answers only; the fixed answers are appended here, so
    ``question.options`` always ends with "I don't know" and "I'd rather not say".
    """

    id: str
    module_id: str
    text: str
    explanation: str
    pictogram: str
    kind: QuestionKind
    options: tuple[Option, ...]
    info: str | None = None
    _content: tuple[Option, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_id(self.id, "question")
        given_fixed = tuple(option for option in self.options if option.is_fixed)
        if given_fixed and given_fixed != FIXED_OPTIONS:
            raise ValueError(f"question {self.id!r}: the fixed answers are added by the model")
        content = tuple(option for option in self.options if not option.is_fixed)
        limit = MAX_SINGLE_CHOICE_OPTIONS if self.kind.single_choice else MAX_SEVERAL_CHOICE_OPTIONS
        if not 1 <= len(content) <= limit:
            raise ValueError(f"question {self.id!r}: {len(content)} answers, allowed 1 to {limit}")
        if self.kind is QuestionKind.SCALE and len(content) < 2:
            raise ValueError(f"question {self.id!r}: a scale needs at least two points")
        ids = [option.id for option in content]
        if len(set(ids)) != len(ids):
            raise ValueError(f"question {self.id!r}: answer ids repeat")
        # Frozen dataclass: set the normalised tuples once, here and nowhere else.
        object.__setattr__(self, "_content", content)
        object.__setattr__(self, "options", content + FIXED_OPTIONS)

    @property
    def content_options(self) -> tuple[Option, ...]:
        """Return the answers specific to this question, without the fixed ones."""
        return self._content

    def option(self, option_id: str) -> Option | None:
        """Return the answer with this id, or None."""
        return next((option for option in self.options if option.id == option_id), None)

    def needs_for(self, option_ids: tuple[str, ...]) -> tuple[str, ...]:
        """Return the needs signalled by the chosen answers, without repeats, in order."""
        found: dict[str, None] = {}
        for option_id in option_ids:
            option = self.option(option_id)
            if option is not None:
                found.update(dict.fromkeys(option.needs))
        return tuple(found)

    def texts(self) -> tuple[str, ...]:
        """Return the question's own texts: the question, the explanation and the info line."""
        return (self.text, self.explanation) + ((self.info,) if self.info else ())


@dataclass(frozen=True)
class Questionnaire:
    """The modules in order and their questions in order."""

    modules: tuple[Module, ...]
    questions: tuple[Question, ...]
    _by_id: dict[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        module_ids = [module.id for module in self.modules]
        if len(set(module_ids)) != len(module_ids):
            raise ValueError("module ids repeat")
        by_id: dict[str, Question] = {}
        for question in self.questions:
            if question.id in by_id:
                raise ValueError(f"question id {question.id!r} repeats")
            if question.module_id not in module_ids:
                raise ValueError(f"question {question.id!r} names unknown module {question.module_id!r}")
            by_id[question.id] = question
        # Questions must follow the module order, each module in one block, so that progress
        # and "new subject" announcements make sense to the client.
        order = [module_ids.index(question.module_id) for question in self.questions]
        if order != sorted(order) or set(order) != set(range(len(module_ids))):
            raise ValueError("questions must come in module order and every module needs a question")
        object.__setattr__(self, "_by_id", by_id)

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    def find(self, question_id: str) -> Question | None:
        """Return the question with this id, or None."""
        return self._by_id.get(question_id)

    def index(self, question_id: str) -> int:
        """Return the 0-based place of a known question."""
        return self.questions.index(self._by_id[question_id])

    def module(self, module_id: str) -> Module:
        """Return the module with this id."""
        return next(module for module in self.modules if module.id == module_id)

    def questions_in(self, module_id: str) -> tuple[Question, ...]:
        """Return the questions of one module, in order."""
        return tuple(question for question in self.questions if question.module_id == module_id)
