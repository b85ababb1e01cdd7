"""The client-mode flow: resume, next, back, position, progress and answer validation."""

from __future__ import annotations

import pytest

from easyreport.content.model import Module, Option, Question, QuestionKind, Questionnaire
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.preparation import flow
from easyreport.preparation.errors import InvalidOption, PreparationError, UnknownQuestion


def _q(qid: str, module: str, kind: QuestionKind = QuestionKind.ONE) -> Question:
    options = (Option("a", "A", "p", ("need_a",)), Option("b", "B", "p", ("need_b",)), Option("c", "C", "p"))
    return Question(qid, module, f"{qid}?", "Simpler?", "p", kind, options)


SMALL = Questionnaire(
    (Module("m1", "One", "p"), Module("m2", "Two", "p")),
    (_q("q1", "m1"), _q("q2", "m1", QuestionKind.SEVERAL), _q("q3", "m2"), _q("q4", "m2")),
)


def test_a_new_client_starts_at_the_first_question():
    assert flow.next_question(SMALL, {}).id == "q1"
    assert flow.next_question(QUESTIONNAIRE, {}).id == QUESTIONNAIRE.questions[0].id


def test_resume_goes_to_the_first_unanswered_question():
    assert flow.next_question(SMALL, {"q1": ("a",), "q2": ("b",)}).id == "q3"
    # A gap left behind (e.g. the client went forward after going back) is filled first.
    assert flow.next_question(SMALL, {"q1": ("a",), "q3": ("a",)}).id == "q2"


def test_after_answering_the_flow_moves_to_the_following_question_even_if_answered():
    answers = {"q1": ("a",), "q2": ("b",), "q3": ("c",)}
    assert flow.next_question(SMALL, answers, after="q1").id == "q2"
    assert flow.next_question(SMALL, answers, after="q4") is None


def test_nothing_is_left_when_everything_is_answered():
    answers = {"q1": ("a",), "q2": ("a", "b"), "q3": ("dont_know",), "q4": ("rather_not_say",)}
    assert flow.next_question(SMALL, answers) is None
    assert flow.is_complete(SMALL, answers)
    assert not flow.is_complete(SMALL, {"q1": ("a",)})


def test_stale_or_tampered_stored_answers_do_not_count():
    answers = {"q1": ("zzz",), "q2": ("a",), "gone": ("a",), "q3": ("a", "b")}
    assert flow.known_answers(SMALL, answers) == {"q2": ("a",)}
    assert flow.next_question(SMALL, answers).id == "q1"
    assert flow.answered_count(SMALL, answers) == 1
    assert not flow.is_answered(SMALL, answers, "q3")
    assert flow.is_answered(SMALL, answers, "q2")


def test_previous_question():
    assert flow.previous_question(SMALL, "q3").id == "q2"
    assert flow.previous_question(SMALL, "q1") is None


def test_position_counts_overall_and_within_the_module():
    pos = flow.position(SMALL, "q3")
    assert (pos.number, pos.total) == (3, 4)
    assert (pos.module_id, pos.module_number, pos.module_total) == ("m2", 2, 2)
    assert (pos.number_in_module, pos.module_size) == (1, 2)
    assert pos.first_in_module and not pos.last
    assert flow.position(SMALL, "q4").last
    assert not flow.position(SMALL, "q2").first_in_module


def test_progress_per_module():
    progress = flow.progress(SMALL, {"q1": ("a",), "q3": ("b",), "q4": ("c",)})
    assert [(p.module_id, p.answered, p.total, p.complete) for p in progress] == [
        ("m1", 1, 2, False),
        ("m2", 2, 2, True),
    ]
    assert sum(p.total for p in flow.progress(QUESTIONNAIRE, {})) == len(QUESTIONNAIRE)


def test_validation_accepts_offered_answers_and_orders_them():
    assert flow.validate_answer(SMALL, "q1", ["b"]) == ("b",)
    assert flow.validate_answer(SMALL, "q2", ["c", "a"]) == ("a", "c")
    assert flow.validate_answer(SMALL, "q2", ["dont_know"]) == ("dont_know",)
    assert flow.validate_answer(SMALL, "q1", ("rather_not_say",)) == ("rather_not_say",)


@pytest.mark.parametrize(
    ("question_id", "option_ids", "reason"),
    [
        ("q1", [], "no answer"),
        ("q1", ["a", "b"], "one answer"),
        ("q1", ["<script>"], "not offered"),
        ("q2", ["a", "a"], "repeated"),
        ("q2", ["a", "dont_know"], "fixed answer"),
        ("q2", ["rather_not_say", "dont_know"], "fixed answer"),
    ],
)
def test_validation_refuses_tampered_answers(question_id, option_ids, reason):
    with pytest.raises(InvalidOption, match=reason) as caught:
        flow.validate_answer(SMALL, question_id, option_ids)
    assert caught.value.question_id == question_id
    assert isinstance(caught.value, PreparationError)


def test_unknown_questions_raise_a_typed_error():
    assert not flow.question_exists(SMALL, "nope")
    assert flow.question_exists(SMALL, "q1")
    for call in (
        lambda: flow.get_question(SMALL, "nope"),
        lambda: flow.validate_answer(SMALL, "nope", ["a"]),
        lambda: flow.next_question(SMALL, {}, after="nope"),
        lambda: flow.previous_question(SMALL, "nope"),
        lambda: flow.position(SMALL, "nope"),
    ):
        with pytest.raises(UnknownQuestion) as caught:
            call()
        assert caught.value.question_id == "nope"


def test_is_valid_option():
    assert flow.is_valid_option(SMALL, "q1", "a")
    assert flow.is_valid_option(SMALL, "q1", "dont_know")
    assert not flow.is_valid_option(SMALL, "q1", "zzz")
    assert not flow.is_valid_option(SMALL, "nope", "a")


def test_needs_come_from_valid_answers_only():
    answers = {"q1": ("a",), "q2": ("a", "b"), "q3": ("zzz",), "q4": ("dont_know",)}
    assert flow.needs_from_answers(SMALL, answers) == ("need_a", "need_b")


def test_walking_the_real_questionnaire_visits_every_question_once():
    answers: dict[str, tuple[str, ...]] = {}
    seen = []
    question = flow.next_question(QUESTIONNAIRE, answers)
    while question is not None:
        seen.append(question.id)
        answers[question.id] = flow.validate_answer(QUESTIONNAIRE, question.id, [question.options[0].id])
        question = flow.next_question(QUESTIONNAIRE, answers, after=question.id)
    assert seen == [q.id for q in QUESTIONNAIRE]
    assert flow.is_complete(QUESTIONNAIRE, answers)


def test_answers_kept_once_are_not_checked_again_for_the_same_questionnaire_but_are_for_another():
    first = QUESTIONNAIRE.questions[0]
    raw = {first.id: (first.options[0].id,), "no_such_question": ("x",)}
    kept = flow.known_answers(QUESTIONNAIRE, raw)
    assert kept == {first.id: (first.options[0].id,)}
    assert flow.known_answers(QUESTIONNAIRE, kept) is kept
    assert flow.known_answers(SMALL, kept) == {}  # another questionnaire checks them anew
