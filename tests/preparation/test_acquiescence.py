"""Modules whose answers look like yes-saying or were given faster than reading allows are flagged."""

from __future__ import annotations

from easyreport.content.model import Module, Option, Question, QuestionKind, Questionnaire
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.preparation.acquiescence import (
    REASON_TEXTS,
    FlagReason,
    acquiescence_flags,
    first_option_flags,
    question_word_count,
    too_fast_flags,
)


def _q(
    qid: str, module: str, kind: QuestionKind = QuestionKind.SCALE, text: str = "one two three four"
) -> Question:
    options = (Option("yes", "Yes", "p"), Option("sometimes", "Sometimes", "p"), Option("no", "No", "p"))
    return Question(qid, module, text, "Simpler?", "p", kind, options)


MODULES = (Module("m1", "One", "p"), Module("m2", "Two", "p"))
QN = Questionnaire(
    MODULES,
    (
        _q("a1", "m1"),
        _q("a2", "m1"),
        _q("a3", "m1"),
        _q("a4", "m1"),
        _q("a5", "m1", QuestionKind.SEVERAL),
        _q("b1", "m2"),
        _q("b2", "m2"),
    ),
)


def test_mostly_first_answers_flag_the_module_with_the_questions():
    answers = {"a1": ("yes",), "a2": ("yes",), "a3": ("yes",), "a4": ("no",)}
    flags = first_option_flags(QN, answers)
    assert len(flags) == 1
    flag = flags[0]
    assert (flag.module_id, flag.reason, flag.question_ids, flag.considered) == (
        "m1",
        FlagReason.FIRST_OPTION,
        ("a1", "a2", "a3"),
        4,
    )
    assert flag.message == REASON_TEXTS[FlagReason.FIRST_OPTION]


def test_exactly_two_thirds_is_not_most():
    six = Questionnaire((Module("m", "M", "p"),), tuple(_q(f"q{i}", "m") for i in range(6)))
    four_of_six = {f"q{i}": ("yes",) if i < 4 else ("no",) for i in range(6)}
    assert first_option_flags(six, four_of_six) == []
    five_of_six = {f"q{i}": ("yes",) if i < 5 else ("no",) for i in range(6)}
    assert first_option_flags(six, five_of_six)[0].question_ids == ("q0", "q1", "q2", "q3", "q4")


def test_several_choice_questions_are_not_counted():
    answers = {"a1": ("yes",), "a2": ("yes",), "a3": ("yes",), "a4": ("no",), "a5": ("yes",)}
    assert first_option_flags(QN, answers)[0].considered == 4


def test_fewer_than_three_questions_never_flag():
    assert first_option_flags(QN, {"b1": ("yes",), "b2": ("yes",)}) == []


def test_i_dont_know_is_not_yes_saying():
    answers = {"a1": ("dont_know",), "a2": ("dont_know",), "a3": ("rather_not_say",), "a4": ("yes",)}
    assert first_option_flags(QN, answers) == []


def test_answers_faster_than_reading_flag_the_module():
    # Four words need one second at 0.25 s per word.
    durations = {"a1": 0.4, "a2": 0.5, "a3": 0.9, "a4": 3.0, "b1": 0.2}
    flags = too_fast_flags(QN, durations)
    assert [(f.module_id, f.reason, f.question_ids, f.considered) for f in flags] == [
        ("m1", FlagReason.TOO_FAST, ("a1", "a2", "a3"), 4)
    ]


def test_reading_time_follows_the_words_shown():
    durations = {"a1": 1.5, "a2": 1.5, "a3": 1.5}
    assert too_fast_flags(QN, durations) == []  # four English words: 1 s
    dutch_words = {"a1": 8, "a2": 8, "a3": 8}  # a longer translation: 2 s
    assert len(too_fast_flags(QN, durations, dutch_words)) == 1


def test_combined_flags_only_time_answered_questions():
    answers = {"a1": ("yes",), "a2": ("yes",), "a3": ("yes",)}
    durations = {"a1": 0.1, "a2": 0.1, "a3": 0.1, "a4": 0.1, "b1": 0.1, "b2": 0.1, "b3": 0.1}
    flags = acquiescence_flags(QN, answers, durations)
    assert [(f.module_id, f.reason) for f in flags] == [
        ("m1", FlagReason.FIRST_OPTION),
        ("m1", FlagReason.TOO_FAST),
    ]
    assert flags[1].question_ids == ("a1", "a2", "a3")
    assert acquiescence_flags(QN, {}, durations) == []


def test_on_the_real_questionnaire_all_yes_flags_every_module_with_enough_questions():
    answers = {q.id: (q.content_options[0].id,) for q in QUESTIONNAIRE}
    flagged = {f.module_id for f in acquiescence_flags(QUESTIONNAIRE, answers)}
    big_enough = {
        m.id
        for m in QUESTIONNAIRE.modules
        if sum(1 for q in QUESTIONNAIRE.questions_in(m.id) if q.kind.single_choice) >= 3
    }
    assert flagged == big_enough
    assert "communication" in flagged


def test_word_count_uses_the_translation_when_given():
    question = QUESTIONNAIRE.find("fast_talk")
    assert question_word_count(question) == 7
    assert question_word_count(question, lambda text: "Iemand praat snel.") == 3
