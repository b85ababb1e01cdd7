"""Domain failures of the preparation flow; views turn them into friendly messages."""

from __future__ import annotations


class PreparationError(Exception):
    """Base class for failures a view should answer with a message, not a crash."""


class UnknownQuestion(PreparationError):
    """A question id that the questionnaire does not have (stale link or tampered form)."""

    def __init__(self, question_id: str) -> None:
        super().__init__(f"unknown question {question_id!r}")
        self.question_id = question_id


class InvalidOption(PreparationError):
    """An answer that the question does not offer, or a combination it does not allow."""

    def __init__(self, question_id: str, option_ids: tuple[str, ...], reason: str) -> None:
        super().__init__(f"invalid answer {option_ids!r} to {question_id!r}: {reason}")
        self.question_id = question_id
        self.option_ids = option_ids
        self.reason = reason
