"""Suggest which police unit (or the Labour Inspectorate) the sheet should go to, and say why.

The suggestion uses only what the counsellor states about the kind of matter, never the story
(domain.md §0.5 and §2.1). It is advice: the police decide. Acute danger always wins: call 112 and
do not use the sheet now.

Labour exploitation: the Nederlandse Arbeidsinspectie investigates it under the public prosecutor and
the AVIM teams take such cases too (domain.md §0.5, §5.4, §8). So labour exploitation goes to the
Labour Authority with the AVIM team as a second address, and no text says it is "not for the police".
The Labour Authority is a unit like the police units: it receives sheets, has fixed contacts and its
inspectors have officer accounts (sharing/service.py DEFAULT_UNITS).

Veilig Thuis: where the meldcode huiselijk geweld en kindermishandeling applies (violence or
exploitation in the home circle, or child abuse; Veilig Thuis also handles trafficking by a partner,
family member or house friend, domain.md §1.4), the advice tells the counsellor to follow the meldcode
and consult Veilig Thuis. Veilig Thuis is a route suggestion for the counsellor only, never a recipient:
the meldcode ends in a report to Veilig Thuis, not in sharing this sheet (domain.md §8; consent.py refuses
the meldcode as a basis for sharing), and the sheet is for preparing a police interview. So it is no
``Unit``, it has no accounts, and ``RoutingAdvice.veilig_thuis`` is shown on the counsellor's pages only,
never printed on the sheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from easyreport.translatable import N_


class Exploitation(StrEnum):
    """The kind of exploitation the counsellor suspects."""

    SEXUAL = "sexual"
    CRIMINAL = "criminal"
    LABOUR = "labour"
    OTHER_UNKNOWN = "other_unknown"


class Unit(StrEnum):
    """Where the sheet can go."""

    EMERGENCY_112 = "emergency_112"
    AVIM = "avim"
    ZEDEN = "zeden"
    BASISTEAM = "basisteam"
    LABOUR_INSPECTORATE = "labour_inspectorate"


UNIT_LABELS: dict[Unit, str] = {
    Unit.EMERGENCY_112: N_("Emergency number 112"),
    Unit.AVIM: N_("AVIM human trafficking team"),
    Unit.ZEDEN: N_("Sexual offences team (Zeden)"),
    Unit.BASISTEAM: N_("Local police team (Basisteam)"),
    Unit.LABOUR_INSPECTORATE: N_("Netherlands Labour Authority (Nederlandse Arbeidsinspectie)"),
}

EXPLOITATION_LABELS: dict[Exploitation, str] = {
    Exploitation.SEXUAL: N_("Sexual exploitation"),
    Exploitation.CRIMINAL: N_("Criminal exploitation"),
    Exploitation.LABOUR: N_("Labour exploitation"),
    Exploitation.OTHER_UNKNOWN: N_("Other or unknown exploitation"),
}
# Police matters come before the Labour Authority; the local team handles what no specialist team takes.
# Labour exploitation alone puts the Labour Authority first and the AVIM team second (see _police_route).
_PRIMARY_ORDER = (Unit.AVIM, Unit.ZEDEN, Unit.LABOUR_INSPECTORATE, Unit.BASISTEAM)

POLICE_DECIDE = N_("This is the counsellor's suggestion. The police decide where the matter goes.")

REASON_ACUTE = N_("There is acute danger. Call 112 now. Do not use the sheet now.")
REASON_AVIM = N_("Sexual and criminal exploitation are handled by the AVIM human trafficking team.")
REASON_AVIM_UNKNOWN = N_(
    "The kind of exploitation is not clear. The AVIM human trafficking team can assess the signals."
)
REASON_LABOUR = N_(
    "Labour exploitation is investigated by the Netherlands Labour Authority, under the public prosecutor."
)
REASON_LABOUR_POLICE = N_(
    "The AVIM human trafficking team also takes cases of labour exploitation. Keep the police informed."
)
REASON_LABOUR_ALSO = N_(
    "There are also signs of labour exploitation. Inform the Netherlands Labour Authority as well."
)
# Counsellor-only (never on the sheet): the meldcode is the counsellor's own procedure.
REASON_VEILIG_THUIS = N_(
    "The meldcode for domestic violence and child abuse applies. Follow its steps and ask Veilig Thuis for "
    "advice. A report under the meldcode goes to Veilig Thuis, not with this sheet."
)
REASON_ZEDEN = N_("Sexual offences are handled by the sexual offences team (Zeden).")
REASON_ZEDEN_ALSO = N_(
    "This is also a sexual offence matter. "
    "The rules for sexual offences apply, for example for a trusted person."
)
REASON_THREATS = N_("Threats and unsafety are handled by the local police team.")
REASON_MISSING = N_("A missing person is reported to the local police team. When it is urgent, call 112.")
REASON_NONE = N_("There is not enough information for a suggestion. Discuss the route with the police.")


@dataclass(frozen=True)
class RoutingInput:
    """What the counsellor states about the matter: kinds of exploitation and a few yes/no facts."""

    exploitation: frozenset[Exploitation] = field(default_factory=frozenset)
    sexual_offence: bool = False
    threats_or_unsafety: bool = False
    missing_person: bool = False
    acute_danger: bool = False
    # Violence or exploitation in the home circle, or child abuse: the meldcode applies (Veilig Thuis).
    meldcode_applies: bool = False

    @classmethod
    def from_values(
        cls,
        exploitation: Iterable[str] = (),
        *,
        sexual_offence: bool = False,
        threats_or_unsafety: bool = False,
        missing_person: bool = False,
        acute_danger: bool = False,
        meldcode_applies: bool = False,
    ) -> RoutingInput:
        """Build the input from plain strings (e.g. form values); raise ValueError on an unknown kind."""
        return cls(
            frozenset(Exploitation(value) for value in exploitation),
            sexual_offence=sexual_offence,
            threats_or_unsafety=threats_or_unsafety,
            missing_person=missing_person,
            acute_danger=acute_danger,
            meldcode_applies=meldcode_applies,
        )


@dataclass(frozen=True)
class RoutingAdvice:
    """The suggested unit (None when there is too little to go on), other units to involve, and why."""

    unit: Unit | None
    also: tuple[Unit, ...]
    reasons: tuple[str, ...]  # N_ msgids, in the order they apply
    use_sheet: bool = True
    # Counsellor-only: the meldcode applies, so also follow it and ask Veilig Thuis (never on the sheet).
    veilig_thuis: bool = False

    @property
    def unit_label(self) -> str | None:
        """Return the msgid naming the suggested unit."""
        return None if self.unit is None else UNIT_LABELS[self.unit]

    @property
    def counsellor_reasons(self) -> tuple[str, ...]:
        """Return the reasons the counsellor reads: the sheet's reasons, then the Veilig Thuis advice."""
        return (*self.reasons, REASON_VEILIG_THUIS) if self.veilig_thuis else self.reasons


def suggest_route(given: RoutingInput) -> RoutingAdvice:
    """Suggest a unit with its reasons; acute danger means 112 and no sheet."""
    if given.acute_danger:
        return RoutingAdvice(Unit.EMERGENCY_112, (), (REASON_ACUTE,), use_sheet=False)
    advice = _police_route(given)
    return replace(advice, veilig_thuis=True) if given.meldcode_applies else advice


def _police_route(given: RoutingInput) -> RoutingAdvice:
    """Suggest the unit and the other units to involve, from the kinds of matter."""
    kinds = given.exploitation
    reasons: dict[Unit, list[str]] = {}
    if kinds & {Exploitation.SEXUAL, Exploitation.CRIMINAL}:
        reasons[Unit.AVIM] = [REASON_AVIM]
    elif Exploitation.OTHER_UNKNOWN in kinds:
        reasons[Unit.AVIM] = [REASON_AVIM_UNKNOWN]
    if given.sexual_offence:
        reasons[Unit.ZEDEN] = [REASON_ZEDEN_ALSO if Unit.AVIM in reasons else REASON_ZEDEN]
    if Exploitation.LABOUR in kinds:
        reasons[Unit.LABOUR_INSPECTORATE] = [REASON_LABOUR]
    if given.threats_or_unsafety:
        reasons.setdefault(Unit.BASISTEAM, []).append(REASON_THREATS)
    if given.missing_person:
        reasons.setdefault(Unit.BASISTEAM, []).append(REASON_MISSING)

    if not reasons:
        return RoutingAdvice(None, (), (REASON_NONE,))
    units = [unit for unit in _PRIMARY_ORDER if unit in reasons]
    if units[0] is not Unit.LABOUR_INSPECTORATE and Unit.LABOUR_INSPECTORATE in reasons:
        # Labour exploitation next to a police matter: the Labour Authority is an extra address.
        reasons[Unit.LABOUR_INSPECTORATE] = [REASON_LABOUR_ALSO]
    elif units[0] is Unit.LABOUR_INSPECTORATE:
        # Labour exploitation without a police specialist team: the AVIM teams take such cases too,
        # so the police stay informed (domain.md §5.4); the AVIM team comes right after the Labour Authority.
        reasons[Unit.AVIM] = [REASON_LABOUR_POLICE]
        units.insert(1, Unit.AVIM)
    return RoutingAdvice(units[0], tuple(units[1:]), tuple(r for unit in units for r in reasons[unit]))
