"""Turn a set of needs into the officer's do's and don'ts, using the reviewable rules in rules_data.

A rule fires when its condition holds over the need ids: ``always``, ``any_of`` (at least one),
``all_of`` (every one), or ``any_of`` and ``all_of`` together. Rules say what the officer should do,
in the product's own words; they never quote the client.

Rules that fire together are reconciled before anything is shown (``resolve``): a rule another fired rule
supersedes is dropped, and of two rules that conflict only the more important one stays. The top three are
questioning advice only: what must be arranged beforehand is printed in its own block on page one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from easyreport.briefing.needs import SECTIONS
from easyreport.briefing.rule_model import Kind, Recommendation, Rule
from easyreport.briefing.rules_data import RULES, SUSPECT_PINNED, SUSPECT_RULES
from easyreport.translatable import N_, translate


class UnknownRule(ValueError):
    """A rule id that is not in the rule set."""


class RuleNotApplicable(ValueError):
    """A chosen rule did not fire for these needs, so it cannot be put in the top box."""


class InvalidTopChoice(ValueError):
    """The chosen top list is empty, too long or repeats a rule."""


# Every rule a sheet can carry: the need rules and the rules of the suspect block.
ALL_RULES: tuple[Rule, ...] = (*RULES, *SUSPECT_RULES)
_SUSPECT_IDS = frozenset(rule.id for rule in SUSPECT_RULES)


def _sort_key(rule: Rule) -> tuple[int, str]:
    return (rule.priority, rule.id)


def resolve(fired: Iterable[Rule]) -> list[Rule]:
    """Return the fired rules without superseded ones and without the weaker side of any conflict.

    Superseded first: a rule that another fired rule supersedes goes, whatever its priority. Then the
    conflicts, from the most important rule down: a rule that clashes with one already kept goes.
    """
    ranked = sorted(fired, key=_sort_key)
    superseded = {rule_id for rule in ranked for rule_id in rule.supersedes}
    kept: list[Rule] = []
    for rule in ranked:
        if rule.id in superseded or any(rule.clashes_with(other) for other in kept):
            continue
        kept.append(rule)
    return kept


def evaluate(needs: Iterable[str], rules: Sequence[Rule] | None = None) -> list[Recommendation]:
    """Return the recommendations that fire for these needs, reconciled, by priority then id."""
    present = frozenset(needs)
    active = RULES if rules is None else rules
    fired = resolve(rule for rule in active if rule.when.holds(present))
    return [Recommendation(rule, rule.when.matched(present)) for rule in fired]


def evaluate_sheet(needs: Iterable[str], *, suspect_block: bool) -> list[Recommendation]:
    """Return the sheet's recommendations: the need rules, plus the suspect rules only with that block."""
    return evaluate(needs, ALL_RULES if suspect_block else RULES)


TOP_SIZE = 3
# The do's and don'ts printed on page two; the rest is on screen under "all advice" and in the JSON.
MAX_DOS = 12
MAX_DONTS = 6


def top_candidates(recommendations: Sequence[Recommendation]) -> list[Recommendation]:
    """Return the recommendations that may be in the top three: questioning advice, not arrangements."""
    return [rec for rec in recommendations if rec.rule.questioning]


def propose_top_three(recommendations: Sequence[Recommendation]) -> list[Recommendation]:
    """Propose the three most specific questioning recommendations: one per need, general rules last.

    Rules that hold for everyone ("always") come only when fewer than three needs call for advice; what must
    be arranged beforehand (a female interviewer, short sessions) has its own block and is never proposed.
    """
    candidates = top_candidates(recommendations)
    chosen: list[Recommendation] = []
    covered: set[str] = set()
    for rec in sorted(candidates, key=lambda r: (r.rule.when.always, *_sort_key(r.rule))):
        if rec.rule.when.always:
            break
        # A second rule for the same need would crowd out another need.
        if rec.because & covered:
            continue
        covered |= rec.because
        chosen.append(rec)
        if len(chosen) == TOP_SIZE:
            return chosen
    # Too few distinct needs: fill up with the next most specific rules rather than leave the box short.
    ranked = sorted(candidates, key=lambda r: (r.rule.when.always, *_sort_key(r.rule)))
    chosen += [rec for rec in ranked if rec not in chosen][: TOP_SIZE - len(chosen)]
    return chosen


def choose_top(recommendations: Sequence[Recommendation], chosen_ids: Sequence[str]) -> list[Recommendation]:
    """Return the counsellor's own top choice (1 to 3 rule ids that fired), in the order given."""
    if not 1 <= len(chosen_ids) <= TOP_SIZE or len(set(chosen_ids)) != len(chosen_ids):
        raise InvalidTopChoice(list(chosen_ids))
    known = {rule.id for rule in ALL_RULES}
    by_id = {rec.id: rec for rec in recommendations}
    out = []
    for rule_id in chosen_ids:
        if rule_id not in known and rule_id not in by_id:
            raise UnknownRule(rule_id)
        if rule_id not in by_id or not by_id[rule_id].rule.questioning:
            # An arrangement is printed in its own block on page one, never in the top three.
            raise RuleNotApplicable(rule_id)
        out.append(by_id[rule_id])
    return out


def pin_top(
    recommendations: Sequence[Recommendation], top: Sequence[Recommendation], pinned: Sequence[str]
) -> list[Recommendation]:
    """Return the top three with the pinned rules that fired first, then the given top without repeats.

    Pinned rules are never crowded out, whatever the counsellor chose for the other places; without
    pinned rules the given top is returned as it is.
    """
    by_id = {rec.id: rec for rec in recommendations}
    out = [by_id[rule_id] for rule_id in pinned if rule_id in by_id]
    if not out:
        return list(top)
    # The given top first, then the proposal, so a choice that the pinned rules already hold leaves no gap.
    for rec in (*top, *propose_top_three(recommendations)):
        if len(out) == TOP_SIZE:
            break
        if rec.id not in {chosen.id for chosen in out}:
            out.append(rec)
    return out


def pinned_for(*, suspect_block: bool) -> tuple[str, ...]:
    """Return the rule ids that must be in the top three: the suspect block's two, only with that block."""
    return SUSPECT_PINNED if suspect_block else ()


def get_rule(rule_id: str) -> Rule:
    """Return the rule with this id, or raise UnknownRule."""
    for rule in ALL_RULES:
        if rule.id == rule_id:
            return rule
    raise UnknownRule(rule_id)


KIND_LABELS: dict[Kind, str] = {Kind.DO: N_("Do"), Kind.DONT: N_("Don't")}


def rules_table(locale: str = "en", rules: Sequence[Rule] | None = None) -> str:
    """Render the rules as a Markdown table for review by a domain expert, section by section."""
    active = ALL_RULES if rules is None else rules
    header = ["id", "when", "kind", "priority", "section", "pair", "place", "reconciles", "text", "source"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for rule in sorted(active, key=lambda r: (SECTIONS.index(r.section), r.id)):
        cells = [
            rule.id,
            # A suspect rule's condition holds only when the suspect block is on the sheet.
            ("suspect block + " if rule.id in _SUSPECT_IDS else "") + rule.when.describe(),
            translate(KIND_LABELS[rule.kind], locale),
            str(rule.priority),
            rule.section,
            "" if rule.pair is None else str(rule.pair),
            # Where the sheet prints it: arrange before the interview (topic), the warning, or the questioning.
            f"arrange: {rule.arrange}" if rule.arrange else ("warning" if rule.warning else "questioning"),
            "; ".join(
                [f"supersedes {rule_id}" for rule_id in sorted(rule.supersedes)]
                + [f"conflicts with {rule_id}" for rule_id in sorted(rule.conflicts)]
            ),
            translate(rule.text, locale),
            rule.source,
        ]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"
