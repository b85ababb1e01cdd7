"""The content model appends the fixed answers in one place and refuses malformed content."""

from __future__ import annotations

import dataclasses

import pytest

from easyreport.content.model import (
    DONT_KNOW,
    FIXED_OPTIONS,
    RATHER_NOT_SAY,
    Module,
    Option,
    Question,
    QuestionKind,
    Questionnaire,
)


def _question(qid: str = "q", module: str = "m", kind: QuestionKind = QuestionKind.ONE, n: int = 2, **kw):
    options = tuple(Option(f"o{i}", f"Option {i}", "pic", (f"need_{i}",)) for i in range(n))
    return Question(qid, module, "Text?", "Simpler?", "pic", kind, options, **kw)


def test_every_question_ends_with_the_two_fixed_answers():
    question = _question(n=3)
    assert question.options[-2:] == (DONT_KNOW, RATHER_NOT_SAY)
    assert [o.id for o in question.options] == ["o0", "o1", "o2", "dont_know", "rather_not_say"]
    assert [o.id for o in question.content_options] == ["o0", "o1", "o2"]


def test_fixed_answers_are_ordinary_options_with_their_own_pictograms():
    for option in FIXED_OPTIONS:
        assert isinstance(option, Option)
        assert option.is_fixed
        assert option.pictogram
        assert option.needs == ()
    assert DONT_KNOW.text == "I don't know"
    assert RATHER_NOT_SAY.text == "I'd rather not say"


def test_replacing_a_field_does_not_append_the_fixed_answers_twice():
    question = _question()
    changed = dataclasses.replace(question, text="Another text?")
    assert changed.options == question.options
    assert len(changed.options) == 4


def test_fixed_answers_given_by_hand_in_the_wrong_way_are_refused():
    with pytest.raises(ValueError, match="added by the model"):
        Question("q", "m", "T?", "S?", "p", QuestionKind.ONE, (Option("a", "A", "p"), DONT_KNOW))


@pytest.mark.parametrize(
    ("kind", "allowed"), [(QuestionKind.ONE, 3), (QuestionKind.SCALE, 3), (QuestionKind.SEVERAL, 6)]
)
def test_answer_count_limits(kind, allowed):
    assert len(_question(kind=kind, n=allowed).content_options) == allowed
    with pytest.raises(ValueError, match="answers"):
        _question(kind=kind, n=allowed + 1)


def test_a_scale_needs_two_points_and_every_question_an_answer():
    with pytest.raises(ValueError, match="scale"):
        _question(kind=QuestionKind.SCALE, n=1)
    with pytest.raises(ValueError, match="answers"):
        _question(n=0)


@pytest.mark.parametrize("bad", ["Camel", "with space", "trailing_", "1digit", ""])
def test_ids_must_be_snake_case(bad):
    with pytest.raises(ValueError, match="snake_case"):
        Option(bad, "x", "p")
    with pytest.raises(ValueError, match="snake_case"):
        Module(bad, "x", "p")


def test_repeated_answer_ids_and_needs_are_refused():
    with pytest.raises(ValueError, match="repeat"):
        Question("q", "m", "T?", "S?", "p", QuestionKind.ONE, (Option("a", "A", "p"), Option("a", "B", "p")))
    with pytest.raises(ValueError, match="twice"):
        Option("a", "A", "p", ("x", "x"))


def test_needs_for_collects_needs_of_chosen_answers_once():
    question = Question(
        "q",
        "m",
        "T?",
        "S?",
        "p",
        QuestionKind.SEVERAL,
        (Option("a", "A", "p", ("x", "y")), Option("b", "B", "p", ("y", "z"))),
    )
    assert question.needs_for(("a", "b")) == ("x", "y", "z")
    assert question.needs_for(("dont_know",)) == ()
    assert question.needs_for(("unknown",)) == ()


def test_questionnaire_keeps_modules_in_blocks_and_in_order():
    modules = (Module("m", "M", "p"), Module("n", "N", "p"))
    ok = Questionnaire(modules, (_question("a", "m"), _question("b", "m"), _question("c", "n")))
    assert [q.id for q in ok.questions_in("m")] == ["a", "b"]
    assert ok.index("c") == 2
    assert ok.find("zzz") is None
    with pytest.raises(ValueError, match="module order"):
        Questionnaire(modules, (_question("a", "m"), _question("c", "n"), _question("b", "m")))
    with pytest.raises(ValueError, match="module order"):
        Questionnaire(modules, (_question("a", "m"),))
    with pytest.raises(ValueError, match="unknown module"):
        Questionnaire(modules, (_question("a", "x"),))
    with pytest.raises(ValueError, match="repeats"):
        Questionnaire(modules, (_question("a", "m"), _question("a", "n")))
