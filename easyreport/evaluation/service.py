"""The evaluation over the database: facts of live preparations, counts kept at purge (no Flask).

Live preparations are read into PreparationFacts (decrypting only the goal, the routing input and the
officers' answers); purged ones exist only as EvaluationTally counts. ``report`` adds both up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from easyreport.briefing import service as briefing
from easyreport.briefing.models import ConsentRecord, SheetSettings
from easyreport.evaluation.models import EvaluationTally, ShareTrace
from easyreport.evaluation.tally import (
    ALL_UNITS,
    Period,
    PreparationFacts,
    Report,
    TallyKey,
    build_report,
    month_of,
    tally,
)
from easyreport.feedback import client_service
from easyreport.feedback.models import InterviewDate, OfficerFeedback
from easyreport.feedback.officer import FeedbackAnswers, Outcome, ReadBefore
from easyreport.preparation.models import Preparation
from easyreport.sharing.models import Share, Unit, UnitMember
from easyreport.timeutil import as_utc


class UnknownUnit(ValueError):
    """A unit filter that names no unit."""


def unit_keys(session: Session) -> dict[str, str]:
    """Every unit's key and name, for the filter."""
    return {unit.key: unit.name for unit in session.scalars(select(Unit).order_by(Unit.id))}


def _officer_units(session: Session) -> dict[int, str]:
    rows = session.execute(select(UnitMember.user_id, Unit.key).join(Unit, Unit.id == UnitMember.unit_id))
    return {user_id: key for user_id, key in rows}


def facts_of(session: Session, preparations: Iterable[Preparation]) -> list[PreparationFacts]:
    """The evaluation facts of these preparations."""
    chosen = list(preparations)
    if not chosen:
        return []
    ids = [p.id for p in chosen]
    officer_units = _officer_units(session)
    consented = set(
        session.scalars(select(ConsentRecord.preparation_id).where(ConsentRecord.preparation_id.in_(ids)))
    )
    shares: dict[int, list[Share]] = {}
    for record in session.scalars(select(Share).where(Share.preparation_id.in_(ids))):
        shares.setdefault(record.preparation_id, []).append(record)
    traces: dict[int, list[ShareTrace]] = {}
    for trace in session.scalars(select(ShareTrace).where(ShareTrace.preparation_id.in_(ids))):
        traces.setdefault(trace.preparation_id, []).append(trace)
    feedback: dict[int, list[OfficerFeedback]] = {}
    for row in session.scalars(select(OfficerFeedback).where(OfficerFeedback.preparation_id.in_(ids))):
        feedback.setdefault(row.preparation_id, []).append(row)
    interviews = {
        row.preparation_id: row.interview_on
        for row in session.scalars(select(InterviewDate).where(InterviewDate.preparation_id.in_(ids)))
    }
    settings = {
        row.preparation_id: row
        for row in session.scalars(select(SheetSettings).where(SheetSettings.preparation_id.in_(ids)))
    }
    client_answers = client_service.answers_of(session, ids)
    result = []
    for preparation in chosen:
        started = as_utc(preparation.created_at)
        live = shares.get(preparation.id, [])
        kept = traces.get(preparation.id, [])
        given = feedback.get(preparation.id, [])
        units = {officer_units[s.officer_id] for s in live if s.officer_id in officer_units}
        units |= {t.unit_key for t in kept if t.unit_key}
        units |= {row.unit_key for row in given if row.unit_key}
        answers = [FeedbackAnswers.from_data(row.answers) for row in given]
        read = (
            any(s.read_confirmed_at is not None for s in live)
            or any(t.read_confirmed for t in kept)
            or any(a.read_before is ReadBefore.YES for a in answers)
        )
        applied: set[str] = set()
        helped: set[str] = set()
        for a in answers:
            for rule_id, answer in a.rules.items():
                if answer.outcome is not Outcome.NOT_APPLIED:
                    applied.add(rule_id)
                if answer.outcome is Outcome.HELPED:
                    helped.add(rule_id)
        for s in live:
            applied.update(s.applied_rule_ids or ())
        interview = interviews.get(preparation.id)
        days = (interview - started.date()).days if interview is not None else None
        setting = settings.get(preparation.id)
        route = None
        if setting is not None and setting.routing is not None:
            advice = briefing.routing_advice(setting)
            route = advice.unit.value if advice.unit is not None else None
        result.append(
            PreparationFacts(
                month=month_of(started.date()),
                units=frozenset(units),
                consented=preparation.id in consented,
                shared=bool(live or kept),
                read_before=read,
                days_to_interview=days if days is not None and days >= 0 else None,
                goal=setting.goal if setting is not None else None,
                route=route,
                rules_applied=frozenset(applied),
                rules_helped=frozenset(helped),
                client_answers=client_answers.get(preparation.id, {}),
            )
        )
    return result


def kept_counts(session: Session) -> Counter[TallyKey]:
    """The counts kept from purged preparations."""
    counts: Counter[TallyKey] = Counter()
    for row in session.scalars(select(EvaluationTally)):
        counts[TallyKey(row.month, row.unit_key, row.metric, row.category)] += row.count
    return counts


def all_counts(session: Session) -> Counter[TallyKey]:
    """Live preparations and kept counts together."""
    counts = tally(facts_of(session, session.scalars(select(Preparation))))
    counts.update(kept_counts(session))
    return counts


def report(session: Session, period: Period, unit: str = ALL_UNITS) -> Report:
    """The evaluation for a period and unit (UnknownUnit for a unit that does not exist)."""
    if unit != ALL_UNITS and unit not in unit_keys(session):
        raise UnknownUnit(unit)
    return build_report(all_counts(session), period, unit)


def add_counts(session: Session, counts: Mapping[TallyKey, int]) -> None:
    """Add counts to the kept tallies (one row per figure)."""
    existing = {
        (row.month, row.unit_key, row.metric, row.category): row
        for row in session.scalars(select(EvaluationTally))
    }
    for key, count in counts.items():
        if count <= 0:
            continue
        row = existing.get((key.month, key.unit, key.metric, key.category))
        if row is None:
            row = EvaluationTally(
                month=key.month, unit_key=key.unit, metric=key.metric, category=key.category, count=0
            )
            session.add(row)
            existing[(key.month, key.unit, key.metric, key.category)] = row
        row.count += count
    session.flush()


def keep_before_purge(session: Session, preparation_cutoff: datetime, now: datetime) -> int:
    """Before the purge: keep expiring shares as traces, and expiring preparations as counts only.

    Returns how many preparations were added to the counts. Call it in the purge's transaction, right
    before the deletes, so a preparation is counted exactly once: either live or kept.
    """
    officer_units = _officer_units(session)
    for record in session.scalars(select(Share).where(Share.expires_at <= now)):
        session.add(
            ShareTrace(
                preparation_id=record.preparation_id,
                unit_key=officer_units.get(record.officer_id),
                read_confirmed=record.read_confirmed_at is not None,
            )
        )
    session.flush()
    expiring = list(session.scalars(select(Preparation).where(Preparation.updated_at <= preparation_cutoff)))
    add_counts(session, tally(facts_of(session, expiring)))
    return len(expiring)
