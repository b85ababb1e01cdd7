"""Build the pre-briefing sheet from needs, facts, consent and meta data, and export it as versioned JSON.

Only sections the consent shares contribute facts and needs, and recommendations come only from those
needs (plus the rules that always apply). A withheld section appears on the sheet as "not shared",
without content, so the officer knows something exists but nothing about it. The goal and route
section follows the same consent: without it the sheet carries no goal or route. "Possible suspect" is
no need and no part of the route: it is its own block (suspect.py), present only when the client consented
to the suspect card, and then two of its rules are pinned in the top three. Every format carries the fixed
terms of use (terms.py).

Every input is stripped of what the client withheld before anything is computed from it, field by field
as output_fields.INPUTS says: the route is suggested from the consented route facts only, so a withheld
"Feeling safe" card cannot reach the sheet through a route reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import Any

from easyreport.briefing import fact_texts, terms
from easyreport.briefing import suspect as suspect_texts
from easyreport.briefing.consent import (
    DECISION_LABELS,
    LEGAL_BASIS_LABELS,
    LEGAL_GROUND_LABELS,
    METHOD_LABELS,
    SUSPECT_CARD,
    TEACH_BACK_LABELS,
    Consent,
    Decision,
    card_consented,
    consent_needs,
    is_stale,
    shared_sections,
)
from easyreport.briefing.facts import ALL_FACT_TEXTS
from easyreport.briefing.meta_choices import ABSENCE_LABELS, ROLE_LABELS, AbsenceReason, CounsellorRole
from easyreport.briefing.name_and_language import NameAndLanguage, name_and_language_json
from easyreport.briefing.needs import SECTION_TITLES, SECTIONS, get_need, vocabulary_order
from easyreport.briefing.output_fields import consented
from easyreport.briefing.process_info import INFORMED_ABOUT, URGENCY_LABELS, Urgency, informed_ids
from easyreport.briefing.routing import POLICE_DECIDE, UNIT_LABELS, RoutingAdvice, RoutingInput, suggest_route
from easyreport.briefing.rule_model import ARRANGE_TOPICS, Kind
from easyreport.briefing.rules import (
    KIND_LABELS,
    MAX_DONTS,
    MAX_DOS,
    Recommendation,
    choose_top,
    evaluate_sheet,
    pin_top,
    pinned_for,
    propose_top_three,
)
from easyreport.briefing.rules_data import SUSPECT_BLOCK_SAYS
from easyreport.briefing.suspect import LAWYER_LABELS, SuspectInfo
from easyreport.client_languages import ALL_LANGUAGES
from easyreport.content.observations import OBSERVATIONS
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.translatable import N_, translate

SCHEMA = "easyreport.sheet/2"

TITLE = N_("Pre-briefing: what does this person need?")
STATEMENT = N_(
    "This sheet describes needs only. It holds no information about what happened. "
    "The content was not discussed."
)
TOP_THREE_TITLE = N_("Top 3 for the questioning")


class IdentificationLevel(StrEnum):
    """How the client is named on the sheet; anonymous unless the counsellor chooses otherwise."""

    ANONYMOUS = "anonymous"
    PSEUDONYM = "pseudonym"
    NAME = "name"


IDENTIFICATION_LABELS: dict[IdentificationLevel, str] = {
    IdentificationLevel.ANONYMOUS: N_("Anonymous"),
    IdentificationLevel.PSEUDONYM: N_("Pseudonym"),
    IdentificationLevel.NAME: N_("Name"),
}


class Goal(StrEnum):
    """What the client wants from the police, as the counsellor records it."""

    INFORMATION = "information"
    REPORT = "report"
    AANGIFTE = "aangifte"
    UNDECIDED = "undecided"


GOAL_LABELS: dict[Goal, str] = {
    Goal.INFORMATION: N_("Information only (information talk)"),
    Goal.REPORT: N_("Report to the police (melding)"),
    Goal.AANGIFTE: N_("Formal complaint (aangifte)"),
    Goal.UNDECIDED: N_("Not decided yet"),
}

# The counsellor's goal choice counts as a need too, so the goal rules fire on it.
GOAL_NEEDS: dict[Goal, str] = {
    Goal.INFORMATION: "goal_information",
    Goal.REPORT: "goal_report",
    Goal.AANGIFTE: "goal_aangifte",
    Goal.UNDECIDED: "goal_undecided",
}


class SheetError(ValueError):
    """Input from which no sheet may be built."""


class UnknownSection(SheetError):
    """Needs or facts for a section that does not exist."""


class InvalidMeta(SheetError):
    """Meta data that is incomplete or inconsistent."""


class InvalidFact(SheetError):
    """A fact without a label or a value."""


class StaleConsent(SheetError):
    """The answers changed after consent was recorded: ask consent again before building the sheet."""


class AcuteDanger(SheetError):
    """The routing says acute danger: call 112, do not use the sheet now."""


@dataclass(frozen=True)
class SheetMeta:
    """The sheet's header: id, dates, who prepared it, and how the client is identified."""

    sheet_id: str
    created: datetime
    valid_until: datetime
    prepared_by_role: CounsellorRole  # a choice from a list, never typed text
    prepared_by_organisation: str  # one of the admin's organisation names
    prepared_with_client: bool
    not_with_client_reason: AbsenceReason | None = None
    identification: IdentificationLevel = IdentificationLevel.ANONYMOUS
    identification_value: str = ""  # e.g. "client A7", a pseudonym or a name, as the level says
    version: int = 1
    # The counsellor's own name and phone, only when they agreed that the police contact them directly.
    contact_name: str = ""
    contact_phone: str = ""
    # The language the client used (a code of easyreport/client_languages.py): the sheet names it in the officer's
    # language and never holds text in it.
    client_language: str = "nl"
    interpreter_needed: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "identification", IdentificationLevel(self.identification))
        try:
            object.__setattr__(self, "prepared_by_role", CounsellorRole(self.prepared_by_role))
            if self.not_with_client_reason is not None:
                object.__setattr__(self, "not_with_client_reason", AbsenceReason(self.not_with_client_reason))
        except ValueError:
            raise InvalidMeta("prepared_by_role and not_with_client_reason come from their lists") from None
        if not self.sheet_id.strip():
            raise InvalidMeta("sheet_id")
        if self.created.tzinfo is None or self.valid_until.tzinfo is None:
            raise InvalidMeta("dates must carry a time zone")
        if self.valid_until <= self.created:
            raise InvalidMeta("valid_until must be after created")
        if not self.prepared_by_organisation.strip():
            raise InvalidMeta("prepared_by")
        if not self.prepared_with_client and self.not_with_client_reason is None:
            raise InvalidMeta("not_with_client_reason is required when prepared without the client")
        if self.identification is not IdentificationLevel.ANONYMOUS and not self.identification_value.strip():
            raise InvalidMeta("identification_value is required for a pseudonym or a name")
        if self.version < 1:
            raise InvalidMeta("version")

    @property
    def role_label(self) -> str:
        """Return the msgid of the role."""
        return ROLE_LABELS[self.prepared_by_role]

    @property
    def language_label(self) -> str:
        """Return the msgid of the client's language's name ("Arabic")."""
        language = ALL_LANGUAGES.get(self.client_language)
        return language.english_name if language is not None else self.client_language

    @property
    def absence_label(self) -> str:
        """Return the msgid of why the client was not present, or "" when they were."""
        reason = self.not_with_client_reason
        return "" if self.prepared_with_client or reason is None else ABSENCE_LABELS[reason]


def _normalise_route(route: RouteChoices | RouteInfo) -> None:
    if route.goal is not None:
        object.__setattr__(route, "goal", Goal(route.goal))
    if route.urgency is not None:
        object.__setattr__(route, "urgency", Urgency(route.urgency))
    if route.informed_about is not None:
        object.__setattr__(route, "informed_about", informed_ids(route.informed_about))


@dataclass(frozen=True)
class RouteChoices:
    """What the counsellor chose for the goal and route section, as the builder takes it.

    ``routing`` is what the counsellor states about the matter; the builder suggests the route from the
    consented part of it only. ``informed_about`` lists the process points explained to the client
    (process_info ids); None when the counsellor was never asked.
    """

    goal: Goal | None = None
    routing: RoutingInput | None = None
    possible_suspect: bool = False
    urgency: Urgency | None = None
    informed_about: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        _normalise_route(self)


@dataclass(frozen=True)
class RouteInfo:
    """The goal and route section on the sheet: goal, routing suggestion, 'possible suspect', urgency, process.

    ``informed_about`` lists the process points explained to the client (process_info ids); None when the
    counsellor was never asked, so the sheet then claims nothing either way.
    """

    goal: Goal | None = None
    routing: RoutingAdvice | None = None
    possible_suspect: bool = False
    urgency: Urgency | None = None
    informed_about: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        _normalise_route(self)


@dataclass(frozen=True)
class SheetSection:
    """One section as the officer sees it: empty unless shared."""

    id: str
    decision: Decision
    needs: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]  # (label msgid, value msgid)
    # The needs no answer states and no observation shows: printed as "inferred from answers".
    inferred: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """Return the section title msgid."""
        return SECTION_TITLES[self.id]

    @property
    def shared(self) -> bool:
        """Return whether the section may be shown."""
        return self.decision is Decision.YES


@dataclass(frozen=True)
class Sheet:
    """The pre-briefing sheet, holding only what may be shared."""

    meta: SheetMeta
    consent: Consent
    sections: tuple[SheetSection, ...]  # in SECTIONS order
    route: RouteInfo | None  # None when the goal section is not shared
    consent_needs: tuple[str, ...]  # from the teach-back, shown with the consent record
    recommendations: tuple[Recommendation, ...]
    top_three: tuple[Recommendation, ...]
    top_chosen_by_counsellor: bool
    statement: str = STATEMENT
    # The suspect block: None unless the counsellor set the mark and the client consented to its card.
    suspect: SuspectInfo | None = None
    # The preferred name (communication) and the interpreter's language (practical), as consented.
    name_and_language: NameAndLanguage = field(default_factory=NameAndLanguage)

    @property
    def terms(self) -> tuple[tuple[str, str], ...]:
        """Return the terms of use as (id, msgid), with the suspect line when the block is present."""
        return terms.lines_for(suspect_block=self.suspect is not None)


class FactSource(StrEnum):
    """Where a point on the sheet comes from; each point is printed once, under its source."""

    CLIENT = "client"  # the client's own answer
    COUNSELLOR = "counsellor"  # what the counsellor observed
    INFERRED = "inferred"  # a need the app derived from the client's answers
    RECORD = "record"  # recorded for the file, such as the age band


SOURCE_LABELS: dict[FactSource, str] = {
    FactSource.CLIENT: fact_texts.SOURCE_CLIENT,
    FactSource.COUNSELLOR: fact_texts.SOURCE_COUNSELLOR,
    FactSource.INFERRED: fact_texts.SOURCE_INFERRED,
    FactSource.RECORD: fact_texts.SOURCE_RECORD,
}


# The mark after a piece of advice: which kind of point made it fire (advice_sources).
# Short, because they follow many lines; SOURCE_LEGEND on page one spells them out.
SOURCE_MARKS: dict[FactSource, str] = {
    # Translators: after a piece of advice on the officer's sheet, in brackets: the client says so.
    FactSource.CLIENT: N_("client"),
    # Translators: after a piece of advice, in brackets: the counsellor saw it.
    FactSource.COUNSELLOR: N_("counsellor"),
    # Translators: after a piece of advice, in brackets: inferred from the client's answers.
    FactSource.INFERRED: N_("inferred"),
    # Translators: after a piece of advice, in brackets: recorded by the counsellor (e.g. the goal).
    FactSource.RECORD: N_("recorded"),
}
SOURCE_LEGEND = N_(
    "After each point, in brackets, where it comes from: client = the client says; counsellor = the "
    "counsellor saw; inferred = inferred from answers; recorded = recorded by the counsellor."
)


@cache
def _stated_by_answer() -> dict[tuple[str, str], frozenset[str]]:
    """Return (fact label, fact value) -> the needs that answer states (fact_texts.STATES)."""
    out: dict[tuple[str, str], frozenset[str]] = {}
    for question in QUESTIONNAIRE:
        entry = ALL_FACT_TEXTS.get(question.id)
        if entry is None:
            continue
        label, values = entry
        for option in question.content_options:
            if option.id in values:
                out[(label, values[option.id])] = frozenset(option.needs) & fact_texts.STATES.get(
                    question.id, frozenset()
                )
    return out


@cache
def _observation_needs() -> dict[str, frozenset[str]]:
    """Return an observation's text -> the needs it shows."""
    return {observation.text: frozenset(observation.needs) for observation in OBSERVATIONS}


def answer_states(label: str, value: str) -> frozenset[str]:
    """Return the needs a client's answer (as a section fact) states in substance."""
    return _stated_by_answer().get((label, value), frozenset())


def observation_shows(text: str) -> frozenset[str]:
    """Return the needs an observation (as a section fact) shows."""
    return _observation_needs().get(text, frozenset())


def advice_sources(sheet: Sheet, rec: Recommendation) -> tuple[FactSource, ...]:
    """Return where the needs behind a piece of advice come from, in a fixed order; () for general advice."""
    found: set[FactSource] = set()
    for section in sheet.sections:
        for need in rec.because & set(section.needs):
            client = any(
                need in answer_states(label, value)
                for label, value in section.facts
                if fact_source(label) is FactSource.CLIENT
            )
            seen = any(
                need in observation_shows(value)
                for label, value in section.facts
                if label == fact_texts.OBSERVED
            )
            found |= {FactSource.CLIENT} if client else set()
            found |= {FactSource.COUNSELLOR} if seen else set()
            if need in section.inferred:
                found.add(FactSource.INFERRED)
            elif not (client or seen):
                found.add(FactSource.RECORD)  # e.g. the goal the counsellor chose
    if rec.because & set(sheet.consent_needs):
        found.add(FactSource.COUNSELLOR)  # the counsellor's teach-back check
    return tuple(source for source in FactSource if source in found)


def fact_source(label: str) -> FactSource:
    """Return the source of a section fact, told by its label (facts.py labels observations and the age)."""
    if label == fact_texts.OBSERVED:
        return FactSource.COUNSELLOR
    if label == fact_texts.AGE:
        return FactSource.RECORD
    return FactSource.CLIENT


class Placement(StrEnum):
    """Where a recommendation is printed: page one (arrange, warning, top three), page two, or not at all."""

    ARRANGE = "arrange"
    WARNING = "warning"
    TOP_THREE = "top_three"
    LIST = "list"  # the grouped do's and don'ts on page two
    MORE = "more"  # beyond the limits: on screen under "all advice" and in the JSON, not printed


@dataclass(frozen=True)
class ArrangeTopic:
    """One topic of "arrange before the interview": the rules to arrange, and the interpreter's language."""

    id: str
    title: str
    items: tuple[Recommendation, ...]
    language: str | None = None  # the interpreter's language code (name_and_language), when given


@dataclass(frozen=True)
class SheetLayout:
    """Where every recommendation of a sheet goes; each one in exactly one place."""

    arrange: tuple[ArrangeTopic, ...]  # page one: the arrangements of priority 1 to 3
    warnings: tuple[Recommendation, ...]
    top_three: tuple[Recommendation, ...]
    dos: tuple[Recommendation, ...]  # printed, at most MAX_DOS, highest priority first
    donts: tuple[Recommendation, ...]  # printed, at most MAX_DONTS
    more: tuple[Recommendation, ...]  # the rest, not printed
    arrange_also: tuple[ArrangeTopic, ...] = ()  # page two: helpful arrangements (priority 4 and lower)

    def placement(self, rule_id: str) -> Placement:
        """Return where the recommendation with this id is placed."""
        if rule_id in SUSPECT_BLOCK_SAYS:
            return Placement.WARNING  # said by the suspect block's own lines
        places = (
            (Placement.TOP_THREE, self.top_three),
            (Placement.ARRANGE, tuple(rec for topic in self.arrange for rec in topic.items)),
            (Placement.WARNING, self.warnings),
            (Placement.LIST, (*self.dos, *self.donts)),
        )
        for place, recs in places:
            if any(rec.id == rule_id for rec in recs):
                return place
        return Placement.MORE

    @property
    def printed(self) -> tuple[Recommendation, ...]:
        """Return every recommendation the printed sheet shows, in page order."""
        arranged = tuple(rec for topic in self.arrange for rec in topic.items)
        return (*self.warnings, *arranged, *self.top_three, *self.dos, *self.donts)


# Arrangements up to this priority are on page one, at most ARRANGE_PAGE_ONE_PER_TOPIC per topic (the most
# important first); the helpful rest ("also arrange, if you can") is on screen under "all advice" and in the
# JSON, not printed, like the do's and don'ts beyond their limits. Both limits keep a maximal sheet on 2 pages.
ARRANGE_PAGE_ONE_PRIORITY = 2
ARRANGE_PAGE_ONE_PER_TOPIC = 3


def sheet_layout(sheet: Sheet) -> SheetLayout:
    """Place every recommendation once: arrangements and warnings on page one, the top three, then the lists.

    The do's and don'ts are questioning advice outside the top three, highest priority first, cut at
    MAX_DOS and MAX_DONTS; what is cut stays in ``more`` (on screen and in the JSON, not printed).
    """
    in_top = {rec.id for rec in sheet.top_three}
    rest = [rec for rec in sheet.recommendations if rec.id not in in_top]
    # The interpreter's language (a code, or "other" with a typed name) is printed with the interpreter topic.
    language = sheet.name_and_language.interpreter_language or None
    topics, also = [], []
    for topic_id, title in ARRANGE_TOPICS.items():
        items = [rec for rec in rest if rec.rule.arrange == topic_id]
        urgent = [rec for rec in items if rec.rule.priority <= ARRANGE_PAGE_ONE_PRIORITY]
        first = tuple(sorted(urgent, key=lambda rec: rec.rule.priority)[:ARRANGE_PAGE_ONE_PER_TOPIC])
        later = tuple(rec for rec in items if rec not in first)
        topic_language = language if topic_id == "interpreter" else None
        if first or topic_language:
            topics.append(ArrangeTopic(topic_id, title, first, topic_language))
        if later:
            also.append(ArrangeTopic(topic_id, title, later))
    questioning = [rec for rec in rest if rec.rule.questioning]
    dos = [rec for rec in questioning if rec.rule.kind is Kind.DO]
    donts = [rec for rec in questioning if rec.rule.kind is Kind.DONT]
    return SheetLayout(
        arrange=tuple(topics),
        # The suspect block prints its own lines in the warning; a rule saying the same is not repeated.
        warnings=tuple(rec for rec in rest if rec.rule.warning and rec.id not in SUSPECT_BLOCK_SAYS),
        top_three=sheet.top_three,
        dos=tuple(dos[:MAX_DOS]),
        donts=tuple(donts[:MAX_DONTS]),
        more=tuple(dos[MAX_DOS:] + donts[MAX_DONTS:]),
        arrange_also=tuple(also),
    )


def _check_sections(mapping: Mapping[str, object]) -> None:
    unknown = sorted(set(mapping) - set(SECTIONS))
    if unknown:
        raise UnknownSection(", ".join(unknown))


def build_sheet(
    *,
    meta: SheetMeta,
    consent: Consent,
    current_fingerprint: str,
    needs_by_section: Mapping[str, Set[str]],
    facts_by_section: Mapping[str, Sequence[tuple[str, str]]],
    route: RouteChoices | None = None,
    chosen_top: Sequence[str] | None = None,
    suspect: SuspectInfo | None = None,
    stated_by_section: Mapping[str, Set[str]] | None = None,
    name_and_language: NameAndLanguage | None = None,
) -> Sheet:
    """Build a sheet from consented sections only; raise a SheetError when it must not be built.

    ``suspect`` is given when the counsellor set the possible-suspect mark; the block reaches the sheet
    only with the client's consent to the suspect card. ``stated_by_section`` names the needs an answer or
    an observation states (facts.stated_by_section); every other need is marked "inferred from answers".
    """
    if is_stale(consent, current_fingerprint):
        raise StaleConsent(meta.sheet_id)
    route = route or RouteChoices()
    on_sheet = suspect if suspect is not None and card_consented(consent, SUSPECT_CARD) else None
    # The route says "possible suspect" only when the block itself may be shown.
    route = replace(route, possible_suspect=on_sheet is not None)
    # Acute danger is a gate, whatever the consent: call 112, no sheet.
    if route.routing is not None and not suggest_route(route.routing).use_sheet:
        raise AcuteDanger(meta.sheet_id)
    _check_sections(needs_by_section)
    _check_sections(facts_by_section)
    stated_by_section = stated_by_section or {}
    _check_sections(stated_by_section)
    for ids in needs_by_section.values():
        for need_id in ids:
            get_need(need_id)  # raises UnknownNeed

    shared = shared_sections(consent)
    # Strip what the client withheld before anything is computed from it (output_fields.INPUTS).
    meta = consented(meta, shared)
    route = consented(route, shared)
    name_and_language = consented(name_and_language or NameAndLanguage(), shared)
    routing = None if route.routing is None else suggest_route(consented(route.routing, shared))
    sections = []
    for section_id in SECTIONS:
        decision = consent.decisions[section_id]
        if section_id not in shared:
            sections.append(SheetSection(section_id, decision, (), ()))
            continue
        needs = set(needs_by_section.get(section_id, ()))
        stated = set(stated_by_section.get(section_id, ())) & needs
        if section_id == "goal" and route.goal is not None:
            needs.add(GOAL_NEEDS[route.goal])
            stated.add(GOAL_NEEDS[route.goal])  # the goal is printed as such, in the route
        facts = tuple((label, value) for label, value in facts_by_section.get(section_id, ()))
        # An empty msgid would translate to the catalogue header, so refuse it here.
        if any(not label.strip() or not value.strip() for label, value in facts):
            raise InvalidFact(section_id)
        sections.append(
            SheetSection(
                section_id, decision, vocabulary_order(needs), facts, vocabulary_order(needs - stated)
            )
        )

    from_consent = consent_needs(consent)
    all_needs = {need for section in sections for need in section.needs} | from_consent
    recommendations = evaluate_sheet(all_needs, suspect_block=on_sheet is not None)
    if chosen_top is None:
        top = propose_top_three(recommendations)
    else:
        top = choose_top(recommendations, chosen_top)
    top = pin_top(recommendations, top, pinned_for(suspect_block=on_sheet is not None))

    return Sheet(
        meta=meta,
        consent=consent,
        sections=tuple(sections),
        route=RouteInfo(
            goal=route.goal,
            routing=routing,
            possible_suspect=route.possible_suspect,
            urgency=route.urgency,
            informed_about=route.informed_about,
        )
        if "goal" in shared
        else None,
        consent_needs=vocabulary_order(from_consent),
        recommendations=tuple(recommendations),
        top_three=tuple(top),
        top_chosen_by_counsellor=chosen_top is not None,
        suspect=on_sheet,
        name_and_language=name_and_language,
    )


def _labelled(value_id: str, msgid: str, locale: str) -> dict[str, str]:
    return {"id": value_id, "text": translate(msgid, locale)}


def _need_json(need_id: str, locale: str) -> dict[str, str]:
    return _labelled(need_id, get_need(need_id).label, locale)


def _recommendation_json(
    rec: Recommendation, locale: str, layout: SheetLayout, sheet: Sheet
) -> dict[str, Any]:
    rule = rec.rule
    return {
        "id": rule.id,
        "placement": layout.placement(rule.id).value,
        "sources": [source.value for source in advice_sources(sheet, rec)],
        "arrange": None
        if rule.arrange is None
        else _labelled(rule.arrange, ARRANGE_TOPICS[rule.arrange], locale),
        "kind": rule.kind.value,
        "kind_text": translate(KIND_LABELS[rule.kind], locale),
        "text": translate(rule.text, locale),
        "priority": rule.priority,
        "section": rule.section,
        "source": rule.source,
        "because": [_need_json(n, locale) for n in vocabulary_order(rec.because)],
    }


def _routing_json(routing: RoutingAdvice, locale: str) -> dict[str, Any]:
    return {
        "unit": None
        if routing.unit is None
        else _labelled(routing.unit.value, UNIT_LABELS[routing.unit], locale),
        "also": [_labelled(unit.value, UNIT_LABELS[unit], locale) for unit in routing.also],
        "reasons": [translate(reason, locale) for reason in routing.reasons],
        "note": translate(POLICE_DECIDE, locale),
    }


def _informed_json(informed: tuple[str, ...] | None, locale: str) -> list[dict[str, Any]] | None:
    if informed is None:
        return None
    # Every point, in the fixed order, each with yes/no: a reader needs no list of the points beforehand.
    return [
        {**_labelled(point.id, point.sheet_label, locale), "explained": point.id in informed}
        for point in INFORMED_ABOUT
    ]


def _route_json(route: RouteInfo | None, locale: str) -> dict[str, Any] | None:
    # None when the goal section is withheld: no goal, route, urgency or process points then.
    if route is None:
        return None
    return {
        "goal": None if route.goal is None else _labelled(route.goal.value, GOAL_LABELS[route.goal], locale),
        "possible_suspect": route.possible_suspect,
        "routing": None if route.routing is None else _routing_json(route.routing, locale),
        "urgency": None
        if route.urgency is None
        else _labelled(route.urgency.value, URGENCY_LABELS[route.urgency], locale),
        "informed_about": _informed_json(route.informed_about, locale),
    }


def _suspect_json(info: SuspectInfo | None, locale: str) -> dict[str, Any] | None:
    # None unless the client consented to the suspect card: then fixed texts and structured fields only.
    if info is None:
        return None
    return {
        "title": translate(suspect_texts.TITLE, locale),
        "lines": [translate(line, locale) for line in suspect_texts.LINES],
        "lawyer": None
        if info.lawyer is None
        else _labelled(info.lawyer.value, LAWYER_LABELS[info.lawyer], locale),
        "lawyer_contact": info.lawyer_contact,
    }


def sheet_to_json(sheet: Sheet, locale: str) -> dict[str, Any]:
    """Return the sheet as JSON-ready data (schema easyreport.sheet/2), texts in the given locale."""
    meta, consent = sheet.meta, sheet.consent
    layout = sheet_layout(sheet)
    return {
        "schema": SCHEMA,
        "locale": locale,
        "sheet": {
            "id": meta.sheet_id,
            "version": meta.version,
            "created": meta.created.isoformat(),
            "valid_until": meta.valid_until.isoformat(),
        },
        "title": translate(TITLE, locale),
        "statement": translate(sheet.statement, locale),
        "prepared_by": {
            "role": translate(meta.role_label, locale),
            "organisation": meta.prepared_by_organisation,
            "with_client": meta.prepared_with_client,
            "not_with_client_reason": translate(meta.absence_label, locale) if meta.absence_label else "",
            "contact_name": meta.contact_name,
            "contact_phone": meta.contact_phone,
        },
        "client": {
            "identification": _labelled(
                meta.identification.value, IDENTIFICATION_LABELS[meta.identification], locale
            ),
            "value": meta.identification_value,
            "language": _labelled(meta.client_language, meta.language_label, locale),
            "interpreter_needed": meta.interpreter_needed,
        },
        "top_three": {
            "title": translate(TOP_THREE_TITLE, locale),
            "chosen_by": "counsellor" if sheet.top_chosen_by_counsellor else "proposed",
            "items": [_recommendation_json(rec, locale, layout, sheet) for rec in sheet.top_three],
        },
        "recommendations": [
            _recommendation_json(rec, locale, layout, sheet) for rec in sheet.recommendations
        ],
        "sections": [
            {
                "id": section.id,
                "title": translate(section.title, locale),
                "shared": section.shared,
                "status": _labelled(section.decision.value, DECISION_LABELS[section.decision], locale),
                "needs": [_need_json(n, locale) for n in section.needs],
                "facts": [
                    {
                        "label": translate(label, locale),
                        "value": translate(value, locale),
                        "source": fact_source(label).value,
                    }
                    for label, value in section.facts
                ],
                "inferred": [_need_json(n, locale) for n in section.inferred],
            }
            for section in sheet.sections
        ],
        "route": _route_json(sheet.route, locale),
        "suspect": _suspect_json(sheet.suspect, locale),
        "name_and_language": name_and_language_json(sheet.name_and_language, locale),
        "terms_of_use": {
            "title": translate(terms.TITLE, locale),
            "lines": [_labelled(line_id, text, locale) for line_id, text in sheet.terms],
        },
        "consent": {
            "legal_basis": _labelled(
                consent.legal_basis.value, LEGAL_BASIS_LABELS[consent.legal_basis], locale
            ),
            # The ground's name only; the counsellor's reasoning stays in the file.
            "legal_ground": None
            if consent.legal_ground is None
            else _labelled(consent.legal_ground.value, LEGAL_GROUND_LABELS[consent.legal_ground], locale),
            "teach_back": _labelled(consent.teach_back.value, TEACH_BACK_LABELS[consent.teach_back], locale),
            "method": _labelled(consent.method.value, METHOD_LABELS[consent.method], locale),
            "asked_by": consent.asked_by,
            "recorded_at": consent.recorded_at.isoformat(),
            "needs": [_need_json(n, locale) for n in sheet.consent_needs],
        },
    }
