"""Consent and sheet rules over the database: settings, the consent walk, consent records, the sheet (no Flask).

Callers pass a preparation they already own (preparation.service.owned); nothing here checks who asks.
A sheet is only ever built whole: when something is missing or out of date, ``build_for`` raises
SheetBlocked with the reason, and the caller shows that instead of a partial sheet.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from easyreport.briefing import facts, free_text, pdf_store, sheet_inputs, sheet_store
from easyreport.briefing.consent import (
    EXTRA_CARDS,
    Consent,
    ConsentError,
    Decision,
    UnknownSection,
    is_stale,
)
from easyreport.briefing.free_text import FREE_TEXT_FIELDS, TextProblem, UncheckedText
from easyreport.briefing.meta_choices import AbsenceReason, CounsellorRole, known_absence, known_role
from easyreport.briefing.models import ConsentDraft, ConsentRecord, SheetSettings
from easyreport.briefing.name_and_language import NameAndLanguage
from easyreport.briefing.needs import SECTIONS
from easyreport.briefing.organisations import organisation_names
from easyreport.briefing.output_fields import consented
from easyreport.briefing.process_info import INFORMED_ABOUT_IDS, UnknownProcessPoint, Urgency, informed_ids
from easyreport.briefing.routing import RoutingAdvice, RoutingInput, suggest_route
from easyreport.briefing.rules import choose_top, pin_top, pinned_for
from easyreport.briefing.sheet import (
    AcuteDanger,
    Goal,
    IdentificationLevel,
    RouteChoices,
    Sheet,
    SheetMeta,
    StaleConsent,
    build_sheet,
)
from easyreport.briefing.suspect import InvalidLawyerContact, LawyerStatus, SuspectInfo, clean_lawyer_contact
from easyreport.content.languages import OTHER_LANGUAGE, known_language
from easyreport.content.model import Questionnaire
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.needs_check import NeedsCheckResult
from easyreport.preparation import flow
from easyreport.preparation import service as preparations
from easyreport.preparation.models import Preparation
from easyreport.timeutil import as_utc

# domain.md §2.0: a short expiry; the sheet describes a person's needs at one moment.
VALID_DAYS = 30
IDENTIFICATION_MAX = FREE_TEXT_FIELDS["identification_value"].max_length
CONTACT_NAME_MAX = FREE_TEXT_FIELDS["contact_name"].max_length
# A phone number as people write it: "+31 6 1234 5678", "(020) 123-4567". The digits are what counts.
CONTACT_PHONE_MAX = 32
CONTACT_PHONE_DIGITS = (6, 20)
_PHONE_CHARACTERS = re.compile(r"[0-9 +\-()]+")


class BlockReason(StrEnum):
    """Why no sheet can be shown now, in the order they are checked."""

    ACUTE_DANGER = "acute_danger"
    INCOMPLETE = "incomplete"
    NO_SETTINGS = "no_settings"
    NO_CONSENT = "no_consent"
    STALE_CONSENT = "stale_consent"
    EXPIRED = "expired"
    # A stored value that is typed text where a choice is needed now, or free text the needs-only check
    # flags and nobody confirmed: the counsellor reviews the settings first (no sheet, no new consent).
    UNCHECKED_TEXT = "unchecked_text"


class SheetBlocked(Exception):
    """No sheet (or consent walk) now; ``reason`` says why, so the page can say what to do."""

    def __init__(self, reason: BlockReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


class InvalidSettings(ValueError):
    """Sheet settings that cannot be saved; ``field`` names the form field, ``problem`` a bad-text kind."""

    def __init__(self, field: str, problem: TextProblem | None = None) -> None:
        super().__init__(field)
        self.field = field
        self.problem = problem


class FlaggedSettings(Exception):
    """The needs-only check flagged free text that is not confirmed; nothing was saved."""

    def __init__(self, results: dict[str, NeedsCheckResult]) -> None:
        super().__init__(", ".join(results))
        self.results = results


# ----------------------------------------------------------------------------------------- settings


def settings_for(session: Session, preparation: Preparation) -> SheetSettings | None:
    """Return the sheet settings of a preparation, if the counsellor saved them."""
    return session.scalar(select(SheetSettings).where(SheetSettings.preparation_id == preparation.id))


def latest_role_and_organisation(session: Session, counsellor_id: int) -> tuple[str, str]:
    """Return the role and organisation this counsellor used last, to fill in the next preparation."""
    row = session.execute(
        select(SheetSettings.prepared_by_role, SheetSettings.prepared_by_organisation)
        .join(Preparation, Preparation.id == SheetSettings.preparation_id)
        .where(Preparation.counsellor_id == counsellor_id)
        .order_by(SheetSettings.updated_at.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row is not None else ("", "")


@dataclass(frozen=True)
class SettingsInput:
    """What the counsellor chooses on the settings page."""

    goal: Goal
    identification: IdentificationLevel
    identification_value: str
    routing: RoutingInput
    possible_suspect: bool
    prepared_by_role: str  # a CounsellorRole value
    prepared_by_organisation: str  # one of the admin's organisation names
    prepared_with_client: bool
    not_with_client_reason: str  # an AbsenceReason value, or "" when prepared with the client
    # The counsellor's own name and phone for the police; empty unless they agree to be called.
    contact_name: str = ""
    contact_phone: str = ""
    # How soon the police should talk with the client (None: not said), and the process points
    # (process_info.INFORMED_ABOUT ids) the counsellor already explained to the client.
    urgency: Urgency | None = None
    informed_about: tuple[str, ...] = ()
    # Whether the client already has a lawyer (None: not asked) and, when yes, an optional contact.
    has_lawyer: LawyerStatus | None = None
    lawyer_contact: str = ""
    # The name the client wants to be called, and the interpreter's language (a content.languages code,
    # "other" with a typed name, or "" when not given).
    preferred_name: str = ""
    interpreter_language: str = ""
    interpreter_language_other: str = ""
    # Free-text fields whose flagged value the counsellor confirmed holds no account (for this exact text),
    # and the counsellor's language for the check.
    confirmed: frozenset[str] = frozenset()
    locale: str = "nl"


def valid_phone(phone: str) -> bool:
    """Return whether a phone number has only phone characters and a plausible number of digits."""
    if len(phone) > CONTACT_PHONE_MAX or not _PHONE_CHARACTERS.fullmatch(phone):
        return False
    low, high = CONTACT_PHONE_DIGITS
    return low <= sum(char.isdigit() for char in phone) <= high


def save_settings(
    session: Session, preparation: Preparation, given: SettingsInput, *, now: datetime
) -> SheetSettings:
    """Validate and save the sheet settings.

    Raise InvalidSettings naming the field that is wrong, or FlaggedSettings when the needs-only check
    flags free text the counsellor has not confirmed; nothing is saved then.
    """
    role = known_role(given.prepared_by_role.strip())
    organisation = given.prepared_by_organisation.strip()
    reason = known_absence(given.not_with_client_reason.strip())
    try:
        has_lawyer = None if given.has_lawyer is None else LawyerStatus(given.has_lawyer)
    except ValueError:
        raise InvalidSettings("has_lawyer") from None
    try:
        lawyer_contact = clean_lawyer_contact(given.lawyer_contact)
    except InvalidLawyerContact:
        raise InvalidSettings("lawyer_contact") from None
    texts = typed_texts(replace(given, has_lawyer=has_lawyer, lawyer_contact=lawyer_contact))
    contact_phone = given.contact_phone.strip()
    if role is None:
        raise InvalidSettings("prepared_by_role")
    if not organisation or organisation not in organisation_names(session):
        raise InvalidSettings("prepared_by_organisation")
    if given.identification is not IdentificationLevel.ANONYMOUS and not texts["identification_value"]:
        raise InvalidSettings("identification_value")
    for name, text in texts.items():
        bad = free_text.problem(text, FREE_TEXT_FIELDS[name])
        if bad is not None:
            raise InvalidSettings(name, bad)
    if not given.prepared_with_client and reason is None:
        raise InvalidSettings("not_with_client_reason")
    if contact_phone and not valid_phone(contact_phone):
        raise InvalidSettings("contact_phone")
    try:
        urgency = None if given.urgency is None else Urgency(given.urgency)
    except ValueError:
        raise InvalidSettings("urgency") from None
    try:
        informed = informed_ids(given.informed_about)
    except (UnknownProcessPoint, TypeError):
        raise InvalidSettings("informed_about") from None
    language = given.interpreter_language.strip()
    if language and known_language(language) is None:
        raise InvalidSettings("interpreter_language")
    if language == OTHER_LANGUAGE and not texts["interpreter_language_other"]:
        raise InvalidSettings("interpreter_language_other")
    results = {
        name: free_text.check_value(text, FREE_TEXT_FIELDS[name], given.locale)
        for name, text in texts.items()
        if text
    }
    flagged = {
        name: result
        for name, result in results.items()
        if not result.ok and not (name in given.confirmed and free_text.confirmable(result))
    }
    if flagged:
        raise FlaggedSettings(flagged)
    row = settings_for(session, preparation)
    if row is None:
        row = SheetSettings(preparation_id=preparation.id)
        session.add(row)
    row.text_checks = {
        name: free_text.check_record(texts[name], result, confirmed=name in given.confirmed)
        for name, result in results.items()
    }
    row.goal = Goal(given.goal).value
    row.identification = IdentificationLevel(given.identification).value
    row.identification_value = texts["identification_value"] or None
    row.routing = routing_to_dict(given.routing)
    row.possible_suspect = bool(given.possible_suspect)
    row.has_lawyer = None if has_lawyer is None else has_lawyer.value
    row.lawyer_contact = texts["lawyer_contact"] or None
    row.urgency = None if urgency is None else urgency.value
    # Always a list once the counsellor saved this page: [] says "nothing explained yet", not "not asked".
    row.informed_about = list(informed)
    row.prepared_by_role = role.value
    row.prepared_by_organisation = organisation
    row.contact_name = texts["contact_name"] or None
    row.contact_phone = contact_phone or None
    row.preferred_name = texts["preferred_name"] or None
    row.interpreter_language = language or None
    row.interpreter_language_other = texts["interpreter_language_other"] or None
    row.prepared_with_client = given.prepared_with_client
    row.not_with_client_reason = None if given.prepared_with_client or reason is None else reason.value
    row.updated_at = now
    pdf_store.forget(session, preparation.id)
    sheet_store.forget(session, preparation.id)
    session.flush()
    return row


def typed_texts(given: SettingsInput) -> dict[str, str]:
    """Return the typed free-text values of the input that would be kept, by FREE_TEXT_FIELDS name."""
    return {
        # An anonymous sheet keeps no name or pseudonym, not even one typed before switching to anonymous.
        "identification_value": ""
        if given.identification is IdentificationLevel.ANONYMOUS
        else given.identification_value.strip(),
        "contact_name": given.contact_name.strip(),
        # A contact is kept only for a lawyer the client has.
        "lawyer_contact": given.lawyer_contact.strip() if given.has_lawyer == LawyerStatus.YES else "",
        "preferred_name": given.preferred_name.strip(),
        # A typed language is kept only with "something else".
        "interpreter_language_other": given.interpreter_language_other.strip()
        if given.interpreter_language.strip() == OTHER_LANGUAGE
        else "",
    }


def stored_texts(settings: SheetSettings) -> dict[str, str]:
    """Return the stored free-text values of the settings, by FREE_TEXT_FIELDS name."""
    return {name: getattr(settings, name) or "" for name in FREE_TEXT_FIELDS}


def flagged_results(given: SettingsInput) -> dict[str, NeedsCheckResult]:
    """Return the needs-only check's result for every flagged free-text value of the input."""
    texts = typed_texts(given)
    results = {
        name: free_text.check_value(text, FREE_TEXT_FIELDS[name], given.locale)
        for name, text in texts.items()
        if text
    }
    return {name: result for name, result in results.items() if not result.ok}


def fields_to_review(
    session: Session, settings: SheetSettings, organisations: Sequence[str] | None = None
) -> tuple[str, ...]:
    """Return the settings fields the counsellor must look at again before a sheet or a new consent.

    Typed text where the page now offers a list (role, reason, an organisation the admin does not list),
    and free text that the needs-only check flags and nobody confirmed, such as values saved before the
    check existed. ``organisations``: the admin's names when already read (read here otherwise).
    """
    review: list[str] = []
    if known_role(settings.prepared_by_role) is None:
        review.append("prepared_by_role")
    listed = organisation_names(session) if organisations is None else organisations
    if settings.prepared_by_organisation not in listed:
        review.append("prepared_by_organisation")
    if not settings.prepared_with_client and known_absence(settings.not_with_client_reason) is None:
        review.append("not_with_client_reason")
    review += free_text.unchecked_fields(stored_texts(settings), settings.text_checks, "nl")
    return tuple(review)


def require_reviewed(
    session: Session, settings: SheetSettings, organisations: Sequence[str] | None = None
) -> None:
    """Raise UncheckedText when a stored value may not reach an output as it is."""
    review = fields_to_review(session, settings, organisations)
    if review:
        raise UncheckedText(review)


def routing_to_dict(given: RoutingInput) -> dict[str, Any]:
    """Return routing input as plain data for storage."""
    return {
        "exploitation": sorted(kind.value for kind in given.exploitation),
        "sexual_offence": given.sexual_offence,
        "threats_or_unsafety": given.threats_or_unsafety,
        "missing_person": given.missing_person,
        "acute_danger": given.acute_danger,
        # Only when set: stored routing from before this mark keeps its consent fingerprint.
        **({"meldcode_applies": True} if given.meldcode_applies else {}),
    }


def routing_input(settings: SheetSettings) -> RoutingInput:
    """Return the stored routing input."""
    data = settings.routing or {}
    return RoutingInput.from_values(
        data.get("exploitation", ()),
        sexual_offence=bool(data.get("sexual_offence")),
        threats_or_unsafety=bool(data.get("threats_or_unsafety")),
        missing_person=bool(data.get("missing_person")),
        acute_danger=bool(data.get("acute_danger")),
        meldcode_applies=bool(data.get("meldcode_applies")),
    )


def routing_advice(settings: SheetSettings, shared: Set[str] | None = None) -> RoutingAdvice:
    """Return the routing suggestion for the stored input; with ``shared``, from those sections' facts only.

    The counsellor's pages show the suggestion from every fact; whatever the client or the police see
    passes the sections the client shares (the sheet itself does this in build_sheet).
    """
    given = routing_input(settings)
    return suggest_route(given if shared is None else consented(given, shared))


def choices_for_consent(settings: SheetSettings | None) -> dict[str, Any]:
    """Return the settings the client is shown during consent, as they enter the fingerprint."""
    if settings is None:
        return {}
    choices: dict[str, Any] = {
        "goal": settings.goal,
        "identification": settings.identification,
        "identification_value": settings.identification_value or "",
        "routing": settings.routing or {},
        "possible_suspect": bool(settings.possible_suspect),
    }
    # Urgency and what the client was told go into the goal section, so the client agrees to them too.
    # Only when given: a consent recorded before these existed keeps its fingerprint and stays valid.
    urgency, informed = stored_urgency(settings), stored_informed_about(settings)
    if urgency is not None:
        choices["urgency"] = urgency.value
    if informed:
        choices["informed_about"] = list(informed)
    # The name and the language go on the sheet too; only when given (as above).
    name_and_language = stored_name_and_language(settings)
    for key, value in dataclasses.asdict(name_and_language).items():
        if value:
            choices[key] = value
    # The lawyer goes on the suspect card, so the client agrees to it too; only when given (as above).
    lawyer = stored_suspect_info(settings)
    if lawyer is not None and lawyer.lawyer is not None:
        choices["has_lawyer"] = lawyer.lawyer.value
        if lawyer.lawyer_contact:
            choices["lawyer_contact"] = lawyer.lawyer_contact
    return choices


def stored_name_and_language(settings: SheetSettings) -> NameAndLanguage:
    """Return the stored preferred name and interpreter's language; a code this version does not know is dropped."""
    return NameAndLanguage(
        preferred_name=settings.preferred_name or "",
        interpreter_language=known_language(settings.interpreter_language) or "",
        interpreter_language_other=settings.interpreter_language_other or "",
    )


def stored_suspect_info(settings: SheetSettings) -> SuspectInfo | None:
    """Return the suspect block's input when the counsellor set the mark; None otherwise."""
    if not settings.possible_suspect:
        return None
    try:
        lawyer = None if settings.has_lawyer is None else LawyerStatus(settings.has_lawyer)
    except ValueError:
        lawyer = None  # a value this version does not know: say nothing rather than block the sheet
    return SuspectInfo(lawyer=lawyer, lawyer_contact=settings.lawyer_contact or "")


def stored_urgency(settings: SheetSettings) -> Urgency | None:
    """Return the stored urgency; None when not said (or a value this version does not know)."""
    try:
        return None if settings.urgency is None else Urgency(settings.urgency)
    except ValueError:
        return None


def stored_informed_about(settings: SheetSettings) -> tuple[str, ...] | None:
    """Return the stored process points explained to the client; None when saved before this was asked."""
    if settings.informed_about is None:
        return None
    # In the fixed order; an id this version does not know is left out rather than blocking the sheet.
    stored = set(settings.informed_about)
    return tuple(point_id for point_id in INFORMED_ABOUT_IDS if point_id in stored)


def set_top_choice(session: Session, settings: SheetSettings, rule_ids: Sequence[str] | None) -> None:
    """Save the counsellor's own top three (rule ids), or None to use the proposal."""
    settings.chosen_top = None if rule_ids is None else list(rule_ids)
    pdf_store.forget(session, settings.preparation_id)
    sheet_store.forget(session, settings.preparation_id)
    session.flush()


# ------------------------------------------------------------------------------- preparation data


@dataclass(frozen=True)
class PreparationData:
    """A preparation's answers and observations, and what they put in each section."""

    answers: dict[str, tuple[str, ...]]
    observations: dict[str, list[str]]
    content: dict[str, facts.SectionContent]
    complete: bool
    fingerprint: str


def gather(
    session: Session,
    preparation: Preparation,
    settings: SheetSettings | None,
    questionnaire: Questionnaire = QUESTIONNAIRE,
) -> PreparationData:
    """Read answers and observations and derive the section content and the consent fingerprint."""
    answers = preparations.answers(session, preparation)
    observations = {
        module_id: list(row.choice_ids)
        for module_id, row in preparations.observations(session, preparation).items()
    }
    return derive(answers, observations, preparation.age_band, settings, questionnaire)


def derive(
    answers: dict[str, tuple[str, ...]],
    observations: dict[str, list[str]],
    age_band: str | None,
    settings: SheetSettings | None,
    questionnaire: Questionnaire = QUESTIONNAIRE,
) -> PreparationData:
    """Derive the section content and the consent fingerprint from answers and observations (no database)."""
    return PreparationData(
        answers=answers,
        observations=observations,
        content=facts.section_content(questionnaire, answers, observations, age_band=age_band),
        complete=flow.is_complete(questionnaire, answers),
        fingerprint=facts.fingerprint(questionnaire, answers, observations, choices_for_consent(settings)),
    )


def ready_for_consent(
    session: Session, preparation: Preparation, inputs: sheet_inputs.SheetInputs | None = None
) -> tuple[SheetSettings, PreparationData]:
    """Return settings and data when consent can be asked; raise SheetBlocked when it cannot yet.

    ``inputs``: what build_for read already (sheet_inputs.read), so that the checks and the sheet use the
    very values its stored copy is keyed by; read here otherwise.
    """
    settings = settings_for(session, preparation) if inputs is None else inputs.settings
    if settings is not None and routing_input(settings).acute_danger:
        raise SheetBlocked(BlockReason.ACUTE_DANGER)
    if inputs is None:
        data = gather(session, preparation, settings)
    else:
        data = derive(inputs.answers, inputs.observations, preparation.age_band, settings)
    if not data.complete:
        raise SheetBlocked(BlockReason.INCOMPLETE)
    if settings is None or settings.goal is None:
        raise SheetBlocked(BlockReason.NO_SETTINGS)
    try:
        require_reviewed(session, settings, None if inputs is None else inputs.organisations)
    except UncheckedText:
        raise SheetBlocked(BlockReason.UNCHECKED_TEXT) from None
    return settings, data


# ------------------------------------------------------------------------------------ consent walk


def draft_for(session: Session, preparation: Preparation, *, now: datetime) -> ConsentDraft:
    """Return the consent walk in progress, starting one when there is none."""
    draft = session.scalar(select(ConsentDraft).where(ConsentDraft.preparation_id == preparation.id))
    if draft is None:
        draft = ConsentDraft(preparation_id=preparation.id, decisions={}, intro_seen=False, updated_at=now)
        session.add(draft)
        session.flush()
    return draft


def mark_intro_seen(session: Session, preparation: Preparation, *, now: datetime) -> None:
    """Note that the client went through the introduction (who gets the sheet, why, the duty to act)."""
    draft = draft_for(session, preparation, now=now)
    draft.intro_seen = True
    draft.updated_at = now
    session.flush()


def record_decision(
    session: Session, preparation: Preparation, section: str, decision: str, *, now: datetime
) -> ConsentDraft:
    """Save the client's choice for one section; raise UnknownSection or ValueError on bad input."""
    # The seven sections and the extra cards (the suspect card) are decided the same way.
    if section not in SECTIONS and section not in EXTRA_CARDS:
        raise UnknownSection(section)
    chosen = Decision(decision)  # ValueError for anything else
    draft = draft_for(session, preparation, now=now)
    # EncryptedJSON does not track changes inside a dict: assign a new one.
    draft.decisions = {**(draft.decisions or {}), section: chosen.value}
    draft.updated_at = now
    session.flush()
    return draft


def next_section(decided: Mapping[str, str], after: str | None = None) -> str | None:
    """Return the section to ask next: the one after ``after``, or the first undecided one."""
    if after is not None:
        index = SECTIONS.index(after)
        return SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None
    return next((section for section in SECTIONS if section not in decided), None)


def record_consent(
    session: Session, preparation: Preparation, consent: Consent, *, asked_by_id: int
) -> ConsentRecord:
    """Store a validated consent as the newest record and end the walk in progress."""
    record = ConsentRecord(
        preparation_id=preparation.id,
        asked_by_id=asked_by_id,
        recorded_at=consent.recorded_at,
        method=consent.method.value,
        data=consent.to_dict(),
    )
    session.add(record)
    draft = session.scalar(select(ConsentDraft).where(ConsentDraft.preparation_id == preparation.id))
    if draft is not None:
        session.delete(draft)
    pdf_store.forget(session, preparation.id)
    sheet_store.forget(session, preparation.id)
    session.flush()
    return record


def latest_consent(session: Session, preparation: Preparation) -> tuple[ConsentRecord, Consent] | None:
    """Return the newest consent record with its validated content, or None."""
    record = session.scalar(
        select(ConsentRecord)
        .where(ConsentRecord.preparation_id == preparation.id)
        .order_by(ConsentRecord.id.desc())
        .limit(1)
    )
    return validated_consent(record)


def validated_consent(record: ConsentRecord | None) -> tuple[ConsentRecord, Consent] | None:
    """Return a consent record with its validated content; None for no record or one under other rules."""
    if record is None:
        return None
    try:
        return record, Consent.from_dict(record.data)
    except (ConsentError, ValueError):
        # A record written under other rules is no consent for today's sheet: ask again.
        return None


def consent_count(session: Session, preparation: Preparation) -> int:
    """Return how many consents were recorded (the sheet's version number)."""
    return (
        session.scalar(
            select(func.count())
            .select_from(ConsentRecord)
            .where(ConsentRecord.preparation_id == preparation.id)
        )
        or 0
    )


def consent_history(session: Session, preparation: Preparation) -> list[ConsentRecord]:
    """Return every consent record, newest first (who, when, how)."""
    return list(
        session.scalars(
            select(ConsentRecord)
            .where(ConsentRecord.preparation_id == preparation.id)
            .order_by(ConsentRecord.id.desc())
        )
    )


# ------------------------------------------------------------------------------------------- sheet


@dataclass(frozen=True)
class BuiltSheet:
    """A sheet with what the pages around it need: the settings row and the preparation data."""

    sheet: Sheet
    settings: SheetSettings
    data: PreparationData
    preparation: Preparation


def _with_chosen_top(sheet: Sheet, chosen: Sequence[str] | None) -> Sheet:
    """Put the counsellor's top three on the sheet, keeping only rules that still fire on it.

    The suspect block's pinned rules stay in the top three whatever the counsellor chose.
    """
    if not chosen:
        return sheet
    # Only questioning advice can be in the top three: an arrangement has its own block on page one.
    fired = {rec.id for rec in sheet.recommendations if rec.rule.questioning}
    kept = [rule_id for rule_id in chosen if rule_id in fired][:3]
    if not kept:
        return sheet  # the answers changed since the choice: the proposal is used
    top = pin_top(
        sheet.recommendations,
        choose_top(sheet.recommendations, kept),
        pinned_for(suspect_block=sheet.suspect is not None),
    )
    return replace(sheet, top_three=tuple(top), top_chosen_by_counsellor=True)


def shareable(built: BuiltSheet) -> bool:
    """Return whether the sheet may be shared anew: its consent record meets today's rules."""
    return built.sheet.consent.valid_for_new_share


def build_for(
    session: Session,
    preparation: Preparation,
    *,
    now: datetime,
    inputs: sheet_inputs.SheetInputs | None = None,
) -> BuiltSheet:
    """Build the preparation's sheet from consented sections only, or raise SheetBlocked with the reason.

    ``inputs``: build from these values (sheet_inputs.read) rather than reading them here; a stored copy
    of the sheet is keyed by their digest, so it must be built from exactly them.
    """
    given = sheet_inputs.read(session, preparation) if inputs is None else inputs
    if given.preparation is not preparation:
        raise ValueError("inputs read for another preparation")
    settings, data = ready_for_consent(session, preparation, given)
    if not settings.prepared_by_role or not settings.prepared_by_organisation:
        raise SheetBlocked(BlockReason.NO_SETTINGS)
    latest = validated_consent(given.consent)
    if latest is None:
        raise SheetBlocked(BlockReason.NO_CONSENT)
    _record, consent = latest
    if is_stale(consent, data.fingerprint):
        raise SheetBlocked(BlockReason.STALE_CONSENT)
    created = as_utc(consent.recorded_at)
    if as_utc(now) >= created + timedelta(days=VALID_DAYS):
        raise SheetBlocked(BlockReason.EXPIRED)
    sheet = assemble(
        settings,
        data,
        consent,
        version=max(given.consent_count, 1),
        client_language=preparation.client_locale,
        interpreter_needed=preparation.interpreter_needed,
    )
    return BuiltSheet(sheet, settings, data, preparation)


def assemble(
    settings: SheetSettings,
    data: PreparationData,
    consent: Consent,
    *,
    version: int,
    client_language: str = "nl",
    interpreter_needed: bool = False,
) -> Sheet:
    """Build the sheet from stored settings, preparation data and a consent (no database, no checks of state).

    build_for checks first that the preparation is complete, the consent current and the sheet not expired.
    Raises SheetBlocked for a stale consent or acute danger.
    """
    created = as_utc(consent.recorded_at)
    meta = SheetMeta(
        sheet_id=settings.sheet_id,
        created=created,
        valid_until=created + timedelta(days=VALID_DAYS),
        # ready_for_consent refused anything else: a known role, a listed organisation, a known reason.
        prepared_by_role=CounsellorRole(settings.prepared_by_role),
        prepared_by_organisation=settings.prepared_by_organisation,
        prepared_with_client=settings.prepared_with_client,
        not_with_client_reason=None
        if settings.prepared_with_client
        else AbsenceReason(settings.not_with_client_reason or ""),
        identification=IdentificationLevel(settings.identification),
        identification_value=settings.identification_value or "",
        version=version,
        contact_name=settings.contact_name or "",
        contact_phone=settings.contact_phone or "",
        client_language=client_language,
        interpreter_needed=interpreter_needed,
    )
    # The routing *input*, not the advice: the builder suggests the route from the consented facts only.
    route = RouteChoices(
        goal=Goal(settings.goal) if settings.goal else None,
        routing=routing_input(settings),
        possible_suspect=bool(settings.possible_suspect),
        urgency=stored_urgency(settings),
        informed_about=stored_informed_about(settings),
    )
    name_and_language = stored_name_and_language(settings)
    needs = facts.needs_by_section(data.content)
    for section, added in name_and_language.needs().items():
        needs[section] = needs.get(section, set()) | added
    try:
        sheet = build_sheet(
            meta=meta,
            consent=consent,
            current_fingerprint=data.fingerprint,
            needs_by_section=needs,
            facts_by_section=facts.facts_by_section(data.content),
            stated_by_section=facts.stated_by_section(data.content),
            route=route,
            suspect=stored_suspect_info(settings),
            name_and_language=name_and_language,
        )
    except StaleConsent:
        raise SheetBlocked(BlockReason.STALE_CONSENT) from None
    except AcuteDanger:
        raise SheetBlocked(BlockReason.ACUTE_DANGER) from None
    return _with_chosen_top(sheet, settings.chosen_top)
