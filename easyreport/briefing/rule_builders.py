"""The two builders every rule table uses: ``do(...)`` and ``dont(...)`` (one parameter list for both).

A module of its own so that the tables in rules_data_needs.py, which rules_data.py imports, can use them too.
"""

from __future__ import annotations

from typing import Any

from easyreport.briefing.rule_model import Condition, Kind, Rule


def _rule(
    kind: Kind,
    rule_id: str,
    when: Condition,
    text: str,
    *,
    priority: int,
    section: str,
    source: str,
    pair: int | None = None,
    supersedes: tuple[str, ...] = (),
    conflicts: tuple[str, ...] = (),
    arrange: str | None = None,
    warning: bool = False,
) -> Rule:
    return Rule(
        rule_id,
        when,
        kind,
        text,
        priority,
        section,
        source,
        pair,
        frozenset(supersedes),
        frozenset(conflicts),
        arrange,
        warning,
    )


def do(rule_id: str, when: Condition, text: str, **fields: Any) -> Rule:
    """Build a 'do' rule (the keyword fields of _rule)."""
    return _rule(Kind.DO, rule_id, when, text, **fields)


def dont(rule_id: str, when: Condition, text: str, **fields: Any) -> Rule:
    """Build a 'don't' rule (the keyword fields of _rule)."""
    return _rule(Kind.DONT, rule_id, when, text, **fields)
