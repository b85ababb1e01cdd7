"""Generate whole preparations over the real questionnaire and render every output of their sheet, no HTTP.

A seeded generator (random.Random) makes answers (with "I don't know" and "I'd rather not say"), ticked
observations, sheet settings with route facts, and consent decisions. ``without(case, section)`` removes
one section's data, as the domain says what belongs to a section (``SETTINGS_OF``, written here and not
taken from output_fields, so the test does not trust the registry it checks). ``outputs`` renders the
built sheet through the real templates in an app context: JSON, the sheet page (screen; print is the same
HTML under print CSS), the document the PDF is made from, the officer's page and the client's copy.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from flask import g
from pypdf import PdfReader

from easyreport.briefing import service
from easyreport.briefing.client_copy_views import render_client_copy
from easyreport.briefing.consent import (
    GROUNDS,
    REASONING_QUESTIONS,
    SUSPECT_CARD,
    Consent,
    Decision,
    LegalBasis,
    TeachBack,
)
from easyreport.briefing.fact_texts import AGE_BANDS
from easyreport.briefing.meta_choices import AbsenceReason, CounsellorRole
from easyreport.briefing.models import SheetSettings
from easyreport.briefing.needs import SECTIONS
from easyreport.briefing.process_info import INFORMED_ABOUT_IDS, Urgency
from easyreport.briefing.render import DOCUMENT_TEMPLATE, render_sheet_html, typeset_pdf
from easyreport.briefing.routing import Exploitation
from easyreport.briefing.sheet import Goal, IdentificationLevel, sheet_to_json
from easyreport.content.languages import CODES, OTHER_LANGUAGE
from easyreport.content.model import DONT_KNOW, RATHER_NOT_SAY, QuestionKind
from easyreport.content.observations import OBSERVATIONS
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.preparation.models import Preparation
from easyreport.sharing.models import Share
from easyreport.sharing.views import render_officer_sheet

# Fixed so that two builds of the same case differ only in what the case holds.
RECORDED_AT = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
SHEET_ID = "ER-GEN00001"
PUBLIC_ID = "gen-preparation"
SHARE_ID = "gen-share"

# What belongs to a section besides its answers and observations: settings and route facts, each set to
# what "not given" means. Read from domain.md §2.1/§2.2/§2.7: the route facts about the matter and the
# process are goal facts; threats and a missing person are safety facts; the age band is practical.
SETTINGS_OF: dict[str, dict[str, Any]] = {
    "goal": {
        "goal": None,
        "urgency": None,
        "informed_about": None,
        "routing.exploitation": [],
        "routing.sexual_offence": False,
    },
    "safety": {
        "routing.threats_or_unsafety": False,
        "routing.missing_person": False,
        # The meldcode applies (Veilig Thuis suggested): the counsellor's judgement about safety.
        "routing.meldcode_applies": False,
    },
    "practical": {"age_band": None, "interpreter_language": None, "interpreter_language_other": None},
    # The name the client wants to be called is how the client communicates: domain.md §2.3.
    "communication": {"preferred_name": None},
    # The possible-suspect card: the counsellor's mark and the lawyer go with the client's consent to it.
    SUSPECT_CARD: {"possible_suspect": False, "has_lawyer": None, "lawyer_contact": None},
}
# What a case can withhold: the seven sections and the suspect card.
WITHHOLDABLE: tuple[str, ...] = (*SECTIONS, SUSPECT_CARD)
# Settings of no section: the frame, the counsellor, the identification the client hears in the intro,
# the counsellor's top three choice, and acute danger (which stops any sheet).
SETTINGS_OF_NO_SECTION = frozenset(
    {
        "id",
        "preparation_id",
        "updated_at",
        "sheet_id",
        "identification",
        "identification_value",
        "chosen_top",
        "prepared_by_role",
        "prepared_by_organisation",
        "contact_name",
        "contact_phone",
        "prepared_with_client",
        "not_with_client_reason",
        "routing.acute_danger",
        "text_checks",  # which free-text values passed the needs-only check: never printed
    }
)

_OBSERVATIONS_BY_MODULE: dict[str, list[str]] = {}
for _observation in OBSERVATIONS:
    _OBSERVATIONS_BY_MODULE.setdefault(_observation.module_id, []).append(_observation.id)


@dataclass(frozen=True)
class Case:
    """One generated preparation with its settings and consent decisions."""

    seed: int
    answers: dict[str, tuple[str, ...]]
    observations: dict[str, list[str]]
    age_band: str | None
    settings: dict[str, Any]  # SheetSettings column -> value; routing as a dict
    decisions: dict[str, str]
    card: str  # the suspect card's decision (used only when the counsellor set the mark)
    card_teach_back: str
    teach_back: str
    legal_basis: str
    locale: str
    client_locale: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def withheld(self) -> tuple[str, ...]:
        """Return the sections (and the suspect card, when it is shown) the client did not share."""
        sections = tuple(s for s in SECTIONS if self.decisions[s] != Decision.YES.value)
        if not self.settings.get("possible_suspect"):
            return sections
        shared = self.card == Decision.YES.value and self.card_teach_back == TeachBack.COULD_EXPLAIN.value
        return sections if shared else (*sections, SUSPECT_CARD)


def _answer(rng: random.Random, question: Any) -> tuple[str, ...] | None:
    roll = rng.random()
    if roll < 0.05:
        return None  # not answered (content changed, or the counsellor entered part)
    if roll < 0.15:
        return (DONT_KNOW.id,)
    if roll < 0.25:
        return (RATHER_NOT_SAY.id,)
    content = [option.id for option in question.content_options]
    if question.kind is QuestionKind.SEVERAL:
        chosen = set(rng.sample(content, rng.randint(1, len(content))))
        return tuple(option for option in content if option in chosen)
    return (rng.choice(content),)


def generate(seed: int, *, complete: bool = False) -> Case:
    """Return a random preparation; ``complete`` answers every question (needed to build through HTTP)."""
    rng = random.Random(seed)
    answers = {}
    for question in QUESTIONNAIRE:
        chosen = _answer(rng, question)
        if chosen is None and complete:
            chosen = (DONT_KNOW.id,)
        if chosen is not None:
            answers[question.id] = chosen
    observations = {
        module: sorted(rng.sample(ids, rng.randint(1, len(ids))))
        for module, ids in _OBSERVATIONS_BY_MODULE.items()
        if rng.random() < 0.6
    }
    identification = rng.choice(list(IdentificationLevel))
    with_client = rng.random() < 0.7
    settings: dict[str, Any] = {
        "sheet_id": SHEET_ID,
        "goal": rng.choice(list(Goal)).value,
        "identification": identification.value,
        "identification_value": None if identification is IdentificationLevel.ANONYMOUS else "Cliënt A7",
        "routing": {
            "exploitation": sorted(k.value for k in Exploitation if rng.random() < 0.35),
            "sexual_offence": rng.random() < 0.3,
            "threats_or_unsafety": rng.random() < 0.5,
            "missing_person": rng.random() < 0.3,
            "meldcode_applies": rng.random() < 0.2,
            "acute_danger": rng.random() < 0.02,
        },
        "possible_suspect": rng.random() < 0.45,
        "has_lawyer": rng.choice([None, "yes", "no", "unknown"]),
        "urgency": rng.choice([None, *[u.value for u in Urgency]]),
        "informed_about": None
        if rng.random() < 0.2
        else [p for p in INFORMED_ABOUT_IDS if rng.random() < 0.5],
        "chosen_top": None,
        "prepared_by_role": rng.choice(list(CounsellorRole)).value,
        "prepared_by_organisation": "Koraal",
        "contact_name": rng.choice([None, "J. Jansen"]),
        "contact_phone": rng.choice([None, "+31 6 1234 5678"]),
        "prepared_with_client": with_client,
        "not_with_client_reason": None if with_client else rng.choice(list(AbsenceReason)).value,
    }
    settings["lawyer_contact"] = "Mr. J. Jansen, 043 123 4567" if settings["has_lawyer"] == "yes" else None
    # issue 12: the preferred name and the interpreter's language (a code from the list, or a typed one).
    settings["preferred_name"] = rng.choice([None, "Sam"])
    settings["interpreter_language"] = rng.choice([None, None, *sorted(CODES)])
    settings["interpreter_language_other"] = (
        "Tamil" if settings["interpreter_language"] == OTHER_LANGUAGE else None
    )
    decisions = {
        s: rng.choice([Decision.YES, Decision.YES, Decision.NO, Decision.DONT_KNOW]).value for s in SECTIONS
    }
    if all(d == Decision.YES.value for d in decisions.values()):
        decisions[rng.choice(SECTIONS)] = Decision.NO.value  # every case withholds something
    # The meldcode is no basis for sharing with the police (it reports to Veilig Thuis).
    legal_basis = rng.choice([b for b in LegalBasis if b is not LegalBasis.MELDCODE]).value
    teach_back = rng.choice(
        [TeachBack.COULD_EXPLAIN, TeachBack.PARTLY]
        + ([TeachBack.NOT] if legal_basis != LegalBasis.CONSENT.value else [])
    ).value
    case = Case(
        seed=seed,
        answers=answers,
        observations=observations,
        age_band=rng.choice([None, *AGE_BANDS]),
        settings=settings,
        decisions=decisions,
        card=rng.choice([Decision.YES, Decision.YES, Decision.NO, Decision.DONT_KNOW]).value,
        card_teach_back=rng.choice(list(TeachBack)).value,
        teach_back=teach_back,
        legal_basis=legal_basis,
        locale=rng.choice(["nl", "en"]),
        client_locale=rng.choice(["nl", "en"]),
    )
    if rng.random() < 0.4:
        # The counsellor's own top three, picked from what fires with everything shared: it may name
        # rules that fire only because of a section the client later withholds.
        everything = replace(
            case,
            decisions=dict.fromkeys(SECTIONS, Decision.YES.value),
            card=Decision.YES.value,
            card_teach_back=TeachBack.COULD_EXPLAIN.value,
        )
        sheet = build(everything)
        if not isinstance(sheet, service.BlockReason):
            fired = [rec.id for rec in sheet.sheet.recommendations]
            settings["chosen_top"] = rng.sample(fired, min(len(fired), rng.randint(1, 3)))
    return case


def without(case: Case, section: str) -> Case:
    """Return the same case with every piece of data of one section removed."""
    answers = {
        qid: opts for qid, opts in case.answers.items() if QUESTIONNAIRE.find(qid).module_id != section
    }  # type: ignore[union-attr]
    observations = {module: ids for module, ids in case.observations.items() if module != section}
    settings = {**case.settings, "routing": dict(case.settings["routing"])}
    age_band = case.age_band
    for key, empty in SETTINGS_OF.get(section, {}).items():
        if key == "age_band":
            age_band = empty
        elif key.startswith("routing."):
            settings["routing"][key.removeprefix("routing.")] = empty
        else:
            settings[key] = empty
    return replace(case, answers=answers, observations=observations, settings=settings, age_band=age_band)


def settings_row(case: Case) -> SheetSettings:
    """Return the case's settings as an unsaved SheetSettings row."""
    return SheetSettings(preparation_id=1, **case.settings)


def preparation_row(case: Case) -> Preparation:
    """Return an unsaved preparation with fixed ids."""
    return Preparation(
        id=1,
        public_id=PUBLIC_ID,
        client_code="A7",
        age_band=case.age_band or "18-22",
        client_locale=case.client_locale,
    )


def consent_for(case: Case, fingerprint: str) -> Consent:
    """Return the case's consent, given to the answers with this fingerprint."""
    basis = LegalBasis(case.legal_basis)
    reasoning = {q.id: "Afweging" for q in REASONING_QUESTIONS[basis]}
    return Consent(
        decisions=case.decisions,
        teach_back=case.teach_back,  # type: ignore[arg-type]
        legal_basis=case.legal_basis,  # type: ignore[arg-type]
        asked_by=CounsellorRole.SUPPORT_WORKER.value,
        recorded_at=RECORDED_AT,
        method="oral",  # type: ignore[arg-type]
        answers_fingerprint=fingerprint,
        informed_of_duty_to_act=True,
        reasoning=reasoning,
        legal_ground=GROUNDS[basis][0] if GROUNDS[basis] else None,
        cards={SUSPECT_CARD: case.card} if case.settings.get("possible_suspect") else {},
        card_teach_back={SUSPECT_CARD: case.card_teach_back} if case.settings.get("possible_suspect") else {},
    )


def build(case: Case) -> service.BuiltSheet | service.BlockReason:
    """Build the case's sheet as build_for does, minus the database; a BlockReason when none may be built."""
    settings = settings_row(case)
    data = service.derive(dict(case.answers), dict(case.observations), case.age_band, settings)
    try:
        sheet = service.assemble(settings, data, consent_for(case, data.fingerprint), version=1)
    except service.SheetBlocked as blocked:
        return blocked.reason
    return service.BuiltSheet(sheet, settings, data, preparation_row(case))


def _fresh_request_state() -> None:
    # Per-page state a new request would not have (the "no audio" message is shown once per page).
    g.pop("read_aloud_unavailable_shown", None)


def outputs(
    built: service.BuiltSheet | service.BlockReason, locale: str, *, pdf: bool = False
) -> dict[str, Any]:
    """Render every output of a built sheet in ``locale``; call inside a test request context."""
    if isinstance(built, service.BlockReason):
        return {"blocked": built.value}
    share = Share(public_id=SHARE_ID, read_confirmed_at=None, applied_rule_ids=None)
    out: dict[str, Any] = {"json": sheet_to_json(built.sheet, locale)}
    _fresh_request_state()
    out["screen"] = render_sheet_html(built, locale, counsellor_view=True, overview="/overview")
    _fresh_request_state()
    out["document"] = render_sheet_html(built, locale, template=DOCUMENT_TEMPLATE, pdf=True)
    _fresh_request_state()
    out["officer"] = render_officer_sheet(built, share, locale)
    _fresh_request_state()
    out["client_copy"] = render_client_copy(built)
    if pdf:  # the file itself: typesetting is deterministic, so equal inputs give equal bytes
        out["pdf"] = typeset_pdf(out["document"])
    return out


def pdf_text(data: bytes) -> str:
    """Return the text of a PDF, whitespace folded."""
    assert data.startswith(b"%PDF")
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def first_difference(a: Mapping[str, Any], b: Mapping[str, Any]) -> str:
    """Describe where two output sets differ first, for a readable failure."""
    for key in sorted(set(a) | set(b)):
        left, right = str(a.get(key)), str(b.get(key))
        if left != right:
            at = next(
                (i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y),
                min(len(left), len(right)),
            )
            return f"{key}: …{left[max(0, at - 160) : at + 160]}… != …{right[max(0, at - 160) : at + 160]}…"
    return "no difference"
