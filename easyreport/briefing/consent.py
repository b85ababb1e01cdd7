"""Record what may be shared with the police, on what legal basis, and whether that record is still current.

Consent is asked per section (domain.md §2.8). Only "yes" shares a section; "no" and "don't know"
both keep it back, so doubt never leads to sharing.

Legal basis. With consent, the per-section decisions are the client's. With the meldcode, a conflict
of duties or a legal duty, the counsellor still decides per section what goes on the sheet, and only
"yes" sections are shared: those bases allow sharing what is *necessary* (NVO: "welke informatie is
noodzakelijk?"), not everything, so the same per-section choice records that minimum. The sheet shows
the legal basis, so the officer knows whose decision it was. A conflict of duties needs the
counsellor's written answers to the checklist below (domain.md §1.4); the answers stay in the file
and are not printed on the sheet.

Staleness. Consent is given to a particular set of answers. Its record keeps a fingerprint of those
answers; when an answer changes later, the fingerprint differs and the consent must be asked again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

from easyreport.briefing.needs import SECTIONS
from easyreport.translatable import N_


class Decision(StrEnum):
    """The answer to "May the police know this?" for one section."""

    YES = "yes"
    NO = "no"
    DONT_KNOW = "dont_know"


class TeachBack(StrEnum):
    """How well the client could explain back what will be shared, with whom and why."""

    COULD_EXPLAIN = "could_explain"
    PARTLY = "partly"
    NOT = "not"


class LegalBasis(StrEnum):
    """Why sharing is lawful."""

    CONSENT = "consent"
    MELDCODE = "meldcode"
    CONFLICT_OF_DUTIES = "conflict_of_duties"
    LEGAL_DUTY = "legal_duty"


class Method(StrEnum):
    """How consent (or the decision to share) was recorded."""

    ORAL = "oral"
    WRITTEN = "written"


DECISION_LABELS: dict[Decision, str] = {
    Decision.YES: N_("Shared"),
    # Translators: a section of the sheet the client did not agree to share.
    Decision.NO: N_("Not shared: the client does not want this"),
    Decision.DONT_KNOW: N_("Not shared: the client did not know yet"),
}

TEACH_BACK_LABELS: dict[TeachBack, str] = {
    TeachBack.COULD_EXPLAIN: N_("The client could explain in their own words what is shared"),
    TeachBack.PARTLY: N_("The client could partly explain what is shared"),
    TeachBack.NOT: N_("The client could not explain what is shared"),
}

LEGAL_BASIS_LABELS: dict[LegalBasis, str] = {
    LegalBasis.CONSENT: N_("Consent of the client"),
    LegalBasis.MELDCODE: N_("Reporting code for domestic violence and child abuse (meldcode)"),
    LegalBasis.CONFLICT_OF_DUTIES: N_("Conflict of duties (reasoning recorded by the counsellor)"),
    LegalBasis.LEGAL_DUTY: N_("Legal duty"),
}

METHOD_LABELS: dict[Method, str] = {
    Method.ORAL: N_("Oral, recorded by the counsellor"),
    Method.WRITTEN: N_("Written"),
}


@dataclass(frozen=True)
class ReasoningQuestion:
    """One question the counsellor answers before sharing on the basis of a conflict of duties."""

    id: str
    text: str


# The afwegingskader's considerations, the NVO's necessity question and the advice step (domain.md §1.4).
CONFLICT_OF_DUTIES_QUESTIONS: tuple[ReasoningQuestion, ...] = (
    ReasoningQuestion("suspicion", N_("What makes you suspect serious harm?")),
    ReasoningQuestion("unsafety", N_("Is there acute or ongoing unsafety? What shows this?")),
    ReasoningQuestion("own_help", N_("Can you offer or organise effective help yourself? Why not?")),
    ReasoningQuestion("help_accepted", N_("Does the client accept help?")),
    ReasoningQuestion("in_time", N_("Will the help work well enough and in time?")),
    ReasoningQuestion("no_consent", N_("Why can you not share with the client's consent?")),
    ReasoningQuestion(
        "necessary", N_("Which information is necessary? Can you share less, or share it another way?")
    ),
    ReasoningQuestion("advice", N_("Whom did you ask for advice, and what did they say?")),
)
_QUESTION_IDS = frozenset(q.id for q in CONFLICT_OF_DUTIES_QUESTIONS)

LIMITED_OVERVIEW = "limited_overview"


class ConsentError(ValueError):
    """A consent record that cannot be accepted."""


class UnknownSection(ConsentError):
    """A decision for a section that does not exist."""


class MissingDecision(ConsentError):
    """A section without a decision: every section must be decided, even if the answer is "no"."""


class InvalidValue(ConsentError):
    """A value that is not one of the allowed choices."""


class MissingRecord(ConsentError):
    """Who asked, when, or the answers' fingerprint is missing."""


class MissingReasoning(ConsentError):
    """A conflict of duties without an answer to every checklist question."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        super().__init__(", ".join(missing))
        self.missing = missing


class UnknownReasoningQuestion(ConsentError):
    """An answer to a question that is not on the checklist."""


class NotInformedOfDutyToAct(ConsentError):
    """Consent to share without first telling the client that the police must act on ongoing exploitation."""


class ConsentWithoutUnderstanding(ConsentError):
    """Consent to share while the client could not explain what sharing means."""


_E = TypeVar("_E", bound=StrEnum)


def _choice(enum: type[_E], value: object) -> _E:
    try:
        return enum(str(value))
    except ValueError:
        raise InvalidValue(f"{enum.__name__}: {value!r}") from None


@dataclass(frozen=True)
class Consent:
    """Per-section decisions with the teach-back result, legal basis and who/when/how."""

    decisions: Mapping[str, Decision]
    teach_back: TeachBack
    legal_basis: LegalBasis
    asked_by: str  # role (or name) of the counsellor who asked
    recorded_at: datetime  # timezone-aware
    method: Method
    answers_fingerprint: str  # fingerprint of the answers the consent was given to
    informed_of_duty_to_act: bool  # told before consent that the police must act on ongoing exploitation
    reasoning: Mapping[str, str] = field(default_factory=dict)  # question id -> answer (conflict of duties)
    consulted: str = ""  # whom the counsellor consulted when the client's overview was in doubt

    def __post_init__(self) -> None:
        decisions = {}
        for section, value in self.decisions.items():
            if section not in SECTIONS:
                raise UnknownSection(section)
            decisions[section] = _choice(Decision, value)
        undecided = [s for s in SECTIONS if s not in decisions]
        if undecided:
            raise MissingDecision(", ".join(undecided))
        # Frozen dataclass: normalise the fields once, here, so every Consent in circulation is valid.
        object.__setattr__(self, "decisions", MappingProxyType(decisions))
        object.__setattr__(self, "teach_back", _choice(TeachBack, self.teach_back))
        object.__setattr__(self, "legal_basis", _choice(LegalBasis, self.legal_basis))
        object.__setattr__(self, "method", _choice(Method, self.method))
        object.__setattr__(self, "reasoning", MappingProxyType(dict(self.reasoning)))

        if not self.asked_by.strip():
            raise MissingRecord("asked_by")
        if self.recorded_at.tzinfo is None:
            raise MissingRecord("recorded_at must carry a time zone")
        if not self.answers_fingerprint:
            raise MissingRecord("answers_fingerprint")

        unknown = sorted(set(self.reasoning) - _QUESTION_IDS)
        if unknown:
            raise UnknownReasoningQuestion(", ".join(unknown))
        if self.legal_basis is LegalBasis.CONFLICT_OF_DUTIES:
            missing = tuple(
                q.id for q in CONFLICT_OF_DUTIES_QUESTIONS if not self.reasoning.get(q.id, "").strip()
            )
            if missing:
                raise MissingReasoning(missing)

        shares = any(d is Decision.YES for d in self.decisions.values())
        if self.legal_basis is LegalBasis.CONSENT and shares:
            # domain.md §0.6/§5.3: the client hears about the duty to act before consenting.
            if not self.informed_of_duty_to_act:
                raise NotInformedOfDutyToAct()
            # domain.md §1.4: the client must be able to oversee the consequences. "Not" means ask again
            # another day, with easier information, or use another legal basis with its own reasoning.
            if self.teach_back is TeachBack.NOT:
                raise ConsentWithoutUnderstanding()

    def to_dict(self) -> dict[str, Any]:
        """Return plain JSON-ready data for storage."""
        return {
            "decisions": {s: self.decisions[s].value for s in SECTIONS},
            "teach_back": self.teach_back.value,
            "legal_basis": self.legal_basis.value,
            "asked_by": self.asked_by,
            "recorded_at": self.recorded_at.isoformat(),
            "method": self.method.value,
            "answers_fingerprint": self.answers_fingerprint,
            "informed_of_duty_to_act": self.informed_of_duty_to_act,
            "reasoning": dict(self.reasoning),
            "consulted": self.consulted,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Consent:
        """Rebuild a record from to_dict() output, validating it again."""
        try:
            recorded_at = datetime.fromisoformat(data["recorded_at"])
            return cls(
                decisions=dict(data["decisions"]),
                teach_back=data["teach_back"],
                legal_basis=data["legal_basis"],
                asked_by=data["asked_by"],
                recorded_at=recorded_at,
                method=data["method"],
                answers_fingerprint=data["answers_fingerprint"],
                informed_of_duty_to_act=bool(data["informed_of_duty_to_act"]),
                reasoning=dict(data.get("reasoning", {})),
                consulted=data.get("consulted", ""),
            )
        except (KeyError, TypeError) as exc:
            raise MissingRecord(str(exc)) from None


def shared_sections(consent: Consent) -> frozenset[str]:
    """Return the sections that may be shared: only those decided "yes"."""
    return frozenset(s for s, d in consent.decisions.items() if d is Decision.YES)


def consent_needs(consent: Consent) -> frozenset[str]:
    """Return the needs the teach-back adds: limited overview when the client could not fully explain."""
    if consent.teach_back in (TeachBack.PARTLY, TeachBack.NOT):
        return frozenset({LIMITED_OVERVIEW})
    return frozenset()


def _canonical(value: object) -> object:
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def answers_fingerprint(answers: Mapping[str, Any]) -> str:
    """Return a stable hash of the answers (key order and set order do not matter)."""
    text = json.dumps(answers, sort_keys=True, separators=(",", ":"), default=_canonical, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_stale(consent: Consent, current_fingerprint: str) -> bool:
    """Return whether the answers changed since consent was recorded."""
    return consent.answers_fingerprint != current_fingerprint
