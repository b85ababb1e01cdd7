"""Example preparations built from seeded data, for reviewers (`flask content examples`) and the page tests.

Each example is a whole preparation — answers over the real questionnaire, ticked observations, the
counsellor's settings and a consent record — built into a sheet exactly as the app builds it
(service.derive and service.assemble), without a database. ``maximal`` is the worst case for the page
limit: every answer that adds advice, every observation, the suspect card consented, long names.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from easyreport.briefing import service
from easyreport.briefing.consent import (
    GROUNDS,
    REASONING_QUESTIONS,
    SUSPECT_CARD,
    Consent,
    Decision,
    LegalBasis,
    TeachBack,
)
from easyreport.briefing.meta_choices import CounsellorRole
from easyreport.briefing.models import SheetSettings
from easyreport.briefing.needs import SECTIONS
from easyreport.briefing.process_info import INFORMED_ABOUT_IDS, Urgency
from easyreport.briefing.sheet import Goal, IdentificationLevel
from easyreport.content.model import DONT_KNOW, QuestionKind
from easyreport.content.observations import OBSERVATIONS
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.preparation.models import Preparation

RECORDED_AT = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
LONG_ORGANISATION = "Stichting Koraal, locatie Maasveld en Ambulante Begeleiding Zuid-Limburg"
LONG_CONTACT = "Wilhelmina van der Heijden-Oosterbroek"
LONG_CLIENT = "Cliënt Alexandra-Maria B7 (pseudoniem)"
LONG_LAWYER = "Mr. Johannes van Oldenbarnevelt-Smit, Advocatenkantoor Maas, 043 123 4567"


@dataclass(frozen=True)
class Example:
    """One example preparation: its inputs, ready to be built."""

    name: str
    answers: dict[str, tuple[str, ...]]
    observations: dict[str, list[str]]
    settings: dict[str, Any]
    decisions: dict[str, str]
    suspect_card: bool = False
    age_band: str | None = "18-22"


def _with_needs(question: Any, rng: random.Random) -> tuple[str, ...]:
    """Return an answer that adds advice: every option with needs (several), or one of them (one)."""
    adding = [option.id for option in question.content_options if option.needs]
    if not adding:
        return (question.content_options[0].id,)
    if question.kind is QuestionKind.SEVERAL:
        return tuple(adding)
    return (rng.choice(adding),)


def _settings(rng: random.Random, **overrides: Any) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "sheet_id": f"ER-EX{rng.randrange(16**6):06X}",
        "goal": rng.choice(list(Goal)).value,
        "identification": IdentificationLevel.ANONYMOUS.value,
        "identification_value": None,
        "routing": {
            "exploitation": ["criminal"],
            "sexual_offence": False,
            "threats_or_unsafety": False,
            "missing_person": False,
            "acute_danger": False,
        },
        "possible_suspect": False,
        "has_lawyer": None,
        "lawyer_contact": None,
        "urgency": Urgency.SOON.value,
        "informed_about": [INFORMED_ABOUT_IDS[0]],
        "chosen_top": None,
        "prepared_by_role": CounsellorRole.SUPPORT_WORKER.value,
        "prepared_by_organisation": "Koraal",
        "contact_name": "J. Jansen",
        "contact_phone": "+31 6 1234 5678",
        "prepared_with_client": True,
        "not_with_client_reason": None,
    }
    settings.update(overrides)
    return settings


def maximal(seed: int) -> Example:
    """Return a maximal preparation: every answer adds advice, every observation, suspect card, long names."""
    rng = random.Random(seed)  # noqa: S311 - reproducible examples, not security
    answers = {question.id: _with_needs(question, rng) for question in QUESTIONNAIRE}
    observations: dict[str, list[str]] = {}
    for observation in OBSERVATIONS:
        observations.setdefault(observation.module_id, []).append(observation.id)
    settings = _settings(
        rng,
        identification=IdentificationLevel.PSEUDONYM.value,
        identification_value=LONG_CLIENT,
        prepared_by_organisation=LONG_ORGANISATION,
        contact_name=LONG_CONTACT,
        possible_suspect=True,
        has_lawyer="yes",
        lawyer_contact=LONG_LAWYER,
        routing={
            "exploitation": ["sexual", "criminal", "labour"],
            "sexual_offence": True,
            "threats_or_unsafety": True,
            "missing_person": True,
            "acute_danger": False,
        },
        informed_about=list(INFORMED_ABOUT_IDS[: rng.randint(0, len(INFORMED_ABOUT_IDS))]),
    )
    decisions = dict.fromkeys(SECTIONS, Decision.YES.value)
    return Example(f"maximal-{seed}", answers, observations, settings, decisions, suspect_card=True)


def _typical(seed: int) -> Example:
    rng = random.Random(seed)  # noqa: S311 - reproducible examples, not security
    answers: dict[str, tuple[str, ...]] = {}
    for question in QUESTIONNAIRE:
        roll = rng.random()
        if roll < 0.1:
            answers[question.id] = (DONT_KNOW.id,)
        elif roll < 0.55:
            answers[question.id] = _with_needs(question, rng)[:2]
        else:
            answers[question.id] = (question.content_options[-1].id,)
    observations: dict[str, list[str]] = {}
    for observation in rng.sample(list(OBSERVATIONS), 8):
        observations.setdefault(observation.module_id, []).append(observation.id)
    return Example(
        f"typical-{seed}", answers, observations, _settings(rng), dict.fromkeys(SECTIONS, Decision.YES.value)
    )


def _quiet(seed: int) -> Example:
    """A client who needs little: every answer without needs, nothing observed."""
    rng = random.Random(seed)  # noqa: S311 - reproducible examples, not security
    answers: dict[str, tuple[str, ...]] = {}
    for question in QUESTIONNAIRE:
        calm = [option.id for option in question.content_options if not option.needs]
        answers[question.id] = (calm[0] if calm else DONT_KNOW.id,)
    return Example(f"quiet-{seed}", answers, {}, _settings(rng), dict.fromkeys(SECTIONS, Decision.YES.value))


def _withholding(seed: int) -> Example:
    """A full preparation of which the client withholds stress and safety."""
    full = maximal(seed)
    decisions = {**full.decisions, "stress": Decision.NO.value, "safety": Decision.DONT_KNOW.value}
    return Example(f"withholds-{seed}", full.answers, full.observations, full.settings, decisions, True)


def _not_asked(seed: int) -> Example:
    """A preparation made before newer questions existed: half the questions have no answer ("not asked")."""
    full = _typical(seed)
    kept = dict(list(full.answers.items())[::2])
    return Example(f"older-{seed}", kept, full.observations, full.settings, full.decisions)


EXAMPLES: tuple[tuple[str, Callable[[int], Example]], ...] = (
    ("maximal", maximal),
    ("typical", _typical),
    ("quiet", _quiet),
    ("withholds", _withholding),
    ("older", _not_asked),
)


def examples(seed: int = 12) -> list[Example]:
    """Return the reviewers' handful of examples, seeded."""
    return [make(seed + n) for n, (_name, make) in enumerate(EXAMPLES)]


def _consent(example: Example, fingerprint: str) -> Consent:
    basis = LegalBasis.CONSENT
    return Consent(
        decisions=example.decisions,  # type: ignore[arg-type]
        teach_back=TeachBack.COULD_EXPLAIN,
        legal_basis=basis,
        asked_by=CounsellorRole.SUPPORT_WORKER.value,
        recorded_at=RECORDED_AT,
        method="oral",  # type: ignore[arg-type]
        answers_fingerprint=fingerprint,
        informed_of_duty_to_act=True,
        reasoning={q.id: "" for q in REASONING_QUESTIONS[basis]},
        legal_ground=GROUNDS[basis][0] if GROUNDS[basis] else None,
        cards={SUSPECT_CARD: Decision.YES} if example.suspect_card else {},
        card_teach_back={SUSPECT_CARD: TeachBack.COULD_EXPLAIN} if example.suspect_card else {},
    )


def build(example: Example) -> service.BuiltSheet:
    """Build the example's sheet as build_for does, minus the database."""
    settings = SheetSettings(preparation_id=1, **example.settings)
    data = service.derive(dict(example.answers), dict(example.observations), example.age_band, settings)
    sheet = service.assemble(settings, data, _consent(example, data.fingerprint), version=1)
    preparation = Preparation(
        id=1, public_id=f"example-{example.name}", client_code="B7", age_band=example.age_band or "18-22"
    )
    return service.BuiltSheet(sheet, settings, data, preparation)
