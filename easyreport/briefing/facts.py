"""Turn a preparation's answers and observations into what each sheet section says (pure, no Flask).

Each questionnaire module is one consent section, so everything is grouped by the module the answer
or observation belongs to: a section the client keeps back then takes all of its content with it.

What reaches the sheet:
- "I'd rather not say" never does: no fact, no need, nothing that shows the question was skipped.
- "I don't know" shows as the fact "Not known". The officer then knows the point is open and can ask
  in the interview (domain.md §2: every field allows "unknown"). It signals no need.
- The counsellor's ticked observations become needs and facts labelled "The counsellor noticed", so
  the officer can tell the client's own answers from what the counsellor saw.
- The counsellor's free-text notes do not: they are unvetted and cannot be put into the officer's
  language, and the sheet must stay free of anything about what happened.

The consent fingerprint covers the answers, the ticked observations and the sheet choices the client
is shown during consent (goal, route, possible suspect, identification, urgency, what the client was told
about the process): a change to any of them after consent means the client agreed to something else, so
the sheet stays blocked until consent is asked again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from easyreport.briefing.consent import answers_fingerprint
from easyreport.briefing.fact_texts import AGE, AGE_BANDS, FACT_TEXTS, NOT_KNOWN, OBSERVED, STATES
from easyreport.briefing.fact_texts_needs import FACT_TEXTS_V2, NOT_ASKED
from easyreport.briefing.needs import SECTIONS
from easyreport.content.model import DONT_KNOW, RATHER_NOT_SAY, Option, Question, Questionnaire
from easyreport.content.observations import OBSERVATIONS
from easyreport.content.questionnaire import ADDED_IN_VERSION_2
from easyreport.preparation.flow import answered_before_version_2, known_answers

Answers = Mapping[str, Iterable[str]]
Observed = Mapping[str, Iterable[str]]  # module id -> ticked observation ids
Fact = tuple[str, str]  # (label msgid, value msgid)

_OBSERVATIONS = {(o.module_id, o.id): o for o in OBSERVATIONS}
# The officer's texts: version 2 (issue 12) replaces the entries of the questions whose answers changed.
ALL_FACT_TEXTS: dict[str, tuple[str, dict[str, str]]] = {**FACT_TEXTS, **FACT_TEXTS_V2}


class MissingFactText(LookupError):
    """A question or answer without an officer-facing text in fact_texts (content changed)."""


@dataclass(frozen=True)
class SectionContent:
    """What one section would tell the officer: needs and facts, in questionnaire order."""

    needs: frozenset[str]
    facts: tuple[Fact, ...]
    # The needs an answer's fact or an observation says in substance; the other needs are inferred.
    stated: frozenset[str] = frozenset()


def _clean(questionnaire: Questionnaire, answers: Answers) -> dict[str, tuple[str, ...]]:
    return known_answers(questionnaire, {qid: tuple(opts) for qid, opts in answers.items()})


def fact_for(question: Question, option_id: str) -> Fact | None:
    """Return the officer's (label, value) for one chosen answer; None for "I'd rather not say"."""
    if option_id == RATHER_NOT_SAY.id:
        return None
    try:
        label, values = ALL_FACT_TEXTS[question.id]
    except KeyError:
        raise MissingFactText(question.id) from None
    if option_id == DONT_KNOW.id:
        return (label, NOT_KNOWN)
    try:
        return (label, values[option_id])
    except KeyError:
        raise MissingFactText(f"{question.id}.{option_id}") from None


def section_content(
    questionnaire: Questionnaire,
    answers: Answers,
    observations: Observed,
    *,
    age_band: str | None = None,
) -> dict[str, SectionContent]:
    """Return needs and facts for every section, from valid answers and known observations only."""
    valid = _clean(questionnaire, answers)
    before_v2 = answered_before_version_2(questionnaire, valid)
    needs: dict[str, set[str]] = {section: set() for section in SECTIONS}
    facts: dict[str, list[Fact]] = {section: [] for section in SECTIONS}
    stated: dict[str, set[str]] = {section: set() for section in SECTIONS}
    for question in questionnaire:
        chosen = valid.get(question.id)
        if question.module_id not in needs:
            continue
        if not chosen:
            if question.id in ADDED_IN_VERSION_2 and question.id in ALL_FACT_TEXTS and before_v2:
                # A preparation answered before these questions existed: say so rather than stay silent.
                facts[question.module_id].append((ALL_FACT_TEXTS[question.id][0], NOT_ASKED))
            continue
        signalled = set(question.needs_for(chosen))
        needs[question.module_id].update(signalled)
        stated[question.module_id].update(signalled & STATES.get(question.id, frozenset()))
        for option_id in chosen:
            fact = fact_for(question, option_id)
            if fact is not None:
                facts[question.module_id].append(fact)
    for module_id, choice_ids in observations.items():
        for choice_id in choice_ids:
            observation = _OBSERVATIONS.get((module_id, choice_id))
            if observation is None or module_id not in needs:
                continue  # an observation dropped from the content since it was ticked
            needs[module_id].update(observation.needs)
            stated[module_id].update(observation.needs)
            facts[module_id].append((OBSERVED, observation.text))
    if age_band in AGE_BANDS:
        # Age matters to the officer (a minor has other rules) and belongs with the practical matters.
        facts["practical"].insert(0, (AGE, AGE_BANDS[age_band]))
    return {
        section: SectionContent(frozenset(needs[section]), tuple(facts[section]), frozenset(stated[section]))
        for section in SECTIONS
    }


def needs_by_section(content: Mapping[str, SectionContent]) -> dict[str, set[str]]:
    """Return the needs per section in the shape build_sheet takes."""
    return {section: set(item.needs) for section, item in content.items()}


def stated_by_section(content: Mapping[str, SectionContent]) -> dict[str, set[str]]:
    """Return per section the needs an answer or observation states (the others are inferred)."""
    return {section: set(item.stated) for section, item in content.items()}


def facts_by_section(content: Mapping[str, SectionContent]) -> dict[str, list[Fact]]:
    """Return the facts per section in the shape build_sheet takes."""
    return {section: list(item.facts) for section, item in content.items()}


@dataclass(frozen=True)
class ClientAnswer:
    """One question as the client sees it on a consent card or their own copy, with the answers chosen."""

    question: Question
    options: tuple[Option, ...]


def client_answers(questionnaire: Questionnaire, answers: Answers, section: str) -> tuple[ClientAnswer, ...]:
    """Return what the client said in one section, in the client's words; "rather not say" is left out."""
    valid = _clean(questionnaire, answers)
    said = []
    for question in questionnaire.questions_in(section):
        options = tuple(
            option
            for option_id in valid.get(question.id, ())
            if option_id != RATHER_NOT_SAY.id and (option := question.option(option_id)) is not None
        )
        if options:
            said.append(ClientAnswer(question, options))
    return tuple(said)


def observed_sections(observations: Observed) -> frozenset[str]:
    """Return the sections in which the counsellor ticked at least one known observation."""
    return frozenset(
        module_id
        for module_id, choice_ids in observations.items()
        if any((module_id, choice_id) in _OBSERVATIONS for choice_id in choice_ids)
    )


def fingerprint(
    questionnaire: Questionnaire,
    answers: Answers,
    observations: Observed,
    choices: Mapping[str, Any] | None = None,
) -> str:
    """Return the fingerprint consent is given to: valid answers, ticked observations and sheet choices."""
    valid = _clean(questionnaire, answers)
    ticked = {
        module_id: sorted(set(choice_ids)) for module_id, choice_ids in observations.items() if choice_ids
    }
    return answers_fingerprint(
        {
            "answers": {qid: list(opts) for qid, opts in valid.items()},
            "observations": ticked,
            "choices": dict(choices or {}),
        }
    )
