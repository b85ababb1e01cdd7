"""Anonymous evaluation history for a demo install (no Flask): counts only, never a client or preparation.

``flask seed-demo --with-history`` adds a year of made-up counts, so the evaluation page has something to
show on a fresh install. They are built as PreparationFacts from a fixed seed and added straight to the
kept counts (EvaluationTally), the same form purged preparations take: nothing is created that a
counsellor or officer could open, and every figure is consistent (shared never exceeds consented, ...).
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from easyreport.briefing.rules_data import RULES
from easyreport.evaluation.models import EvaluationTally
from easyreport.evaluation.service import add_counts
from easyreport.evaluation.tally import PreparationFacts, tally
from easyreport.feedback.client_questions import CLIENT_FEEDBACK

DEMO_MONTHS = 12
DEMO_UNITS = ("avim", "zeden", "basisteam")
GOALS = ("information", "report", "aangifte", "undecided")


def _months(today: date, count: int) -> list[str]:
    start = today.year * 12 + today.month - 1 - (count - 1)
    return [f"{(start + i) // 12:04d}-{(start + i) % 12 + 1:02d}" for i in range(count)]


def demo_facts(today: date, seed: int = 16) -> list[PreparationFacts]:
    """A year of made-up preparations as facts only (deterministic for a seed)."""
    rng = random.Random(seed)  # noqa: S311 - demo figures, not security
    rule_ids = [rule.id for rule in RULES]
    facts = []
    for index, month in enumerate(_months(today, DEMO_MONTHS)):
        for _n in range(12 + index + rng.randint(0, 6)):  # a slowly growing pilot
            consented = rng.random() < 0.8
            shared = consented and rng.random() < 0.85
            unit = rng.choice(DEMO_UNITS) if shared else None
            interviewed = shared and rng.random() < 0.8
            applied = frozenset(rng.sample(rule_ids[:20], rng.randint(2, 6))) if interviewed else frozenset()
            helped = frozenset(r for r in applied if rng.random() < 0.7)
            answers: dict[str, str] = {}
            if interviewed and rng.random() < 0.7:
                for question in CLIENT_FEEDBACK:
                    options = [o.id for o in question.options]
                    weights = [3] + [2] * (len(options) - 3) + [1, 1]
                    answers[question.id] = rng.choices(options, weights=weights[: len(options)])[0]
            facts.append(
                PreparationFacts(
                    month=month,
                    units=frozenset({unit}) if unit else frozenset(),
                    consented=consented,
                    shared=shared,
                    read_before=shared and rng.random() < 0.75,
                    days_to_interview=rng.randint(2, 70) if interviewed else None,
                    goal=rng.choice(GOALS),
                    route=unit if unit in ("avim", "zeden", "basisteam") else None,
                    rules_applied=applied,
                    rules_helped=helped,
                    client_answers=answers,
                )
            )
    return facts


def seed_history(session: Session, today: date) -> int:
    """Add the demo counts once (none when any counts are kept already); return how many preparations."""
    if session.scalar(select(func.count()).select_from(EvaluationTally)):
        return 0
    facts = demo_facts(today)
    add_counts(session, tally(facts))
    return len(facts)
