"""Dutch police practice as recommendation rules (P01-P05), for review by a domain expert.

What the Dutch police and victim support already offer for a vulnerable witness, named so the officer can
arrange it (domain.md §1.3, §8): an interviewer trained for people with an intellectual disability, the
studio interview with audio-visual recording, a behavioural expert's advice on the interview plan, a
victim's lawyer, and Slachtofferhulp Nederland during the case. rules_data.RULES adds these rules.

Ids start with P (practice) so they never clash with the need pairs (R..) or the suspect block (S..).
None is an ``always`` rule: each fires on the needs that make it matter. Each is something to arrange before
the interview, so each names its topic of that block on page one (rule_model.ARRANGE_TOPICS). Sources marked [M] were not
checked against the source text (domain.md, confidence marks); domain.md §8 asks to verify current names
before citing, so every name of a course, instruction or scheme here carries [M] unless domain.md marks it [V].
"""

from __future__ import annotations

from easyreport.briefing.rule_model import Kind, Rule, any_of
from easyreport.translatable import N_

_CONVERSATION = "conversation"
_SUPPORT = "support"
_GOAL = "goal"

# Signals that the person's answers are easily shaped by the questioning: the reason for a trained
# interviewer, a recorded studio interview and expert advice on the plan.
_VULNERABLE_ANSWERS = ("masks_not_understanding", "acquiescence", "suggestible")
# The person wants to report or file a formal complaint: a victim's lawyer and victim support in the case matter.
_REPORTING = ("goal_report", "goal_aangifte")

_AV_INSTRUCTION = "OM Instructie auditief en audiovisueel registreren van verhoren 2021I101"

PRACTICE_RULES: tuple[Rule, ...] = (
    Rule(
        "P01_trained_interviewer",
        any_of(*_VULNERABLE_ANSWERS, "short_sentences", "slow_processing"),
        Kind.DO,
        N_(
            "Arrange an interviewer trained to interview people with an intellectual disability, "
            "such as an interviewer specialised in vulnerable witnesses."
        ),
        priority=2,
        section=_CONVERSATION,
        source=(
            "Politieacademie courses on hearing vulnerable (young or intellectually disabled) witnesses "
            "(domain.md §8) [M]; EU 2012/29 art. 23(2)(b) [M]; "
            "College voor de Rechten van de Mens 2023 (LVB not in basic police training)"
        ),
        arrange="interviewer",
    ),
    Rule(
        "P02_studio_interview",
        any_of(*_VULNERABLE_ANSWERS),
        Kind.DO,
        N_(
            "Plan the interview in a studio for vulnerable witnesses, with audio-visual recording, "
            "so that every question and answer can be checked later."
        ),
        priority=3,
        section=_CONVERSATION,
        source=f"{_AV_INSTRUCTION} (studio) [M]; seksueelmisdrijf.nl (audio and video for vulnerable persons)",
        arrange="interview",
    ),
    Rule(
        "P03_behavioural_expert",
        any_of("masks_not_understanding", "suggestible", "freezes"),
        Kind.DO,
        N_("Ask a behavioural expert for advice on the interview plan before the interview."),
        priority=3,
        section=_CONVERSATION,
        source=(
            f"{_AV_INSTRUCTION} (gedragskundig adviseur) [M]; "
            "Kamerstuk 30143-31 (experts advise in the preparatory phase)"
        ),
        arrange="interview",
    ),
    Rule(
        "P04_victims_lawyer",
        any_of(*_REPORTING),
        Kind.DO,
        N_(
            "Tell the person they may have a victim's lawyer, "
            "free of charge for victims of serious violent and sexual offences."
        ),
        priority=3,
        section=_GOAL,
        source=(
            "Sv art. 51c (legal assistance for victims) [M]; Wet op de rechtsbijstand art. 44 "
            "(free for serious violent and sexual offences) [M]; Slachtofferhulp Nederland (slachtofferadvocaat) [M]"
        ),
        arrange="lawyer",
    ),
    Rule(
        "P05_victim_support_during_the_case",
        any_of(*_REPORTING),
        Kind.DO,
        N_(
            "Tell the person that Victim Support Netherlands can also help during the criminal case, "
            "for example with information and by going along to appointments."
        ),
        priority=4,
        section=_SUPPORT,
        source="slachtofferhulp.nl (Mensenhandel: support during the case) [M]; Besluit slachtoffers art. 2(4)",
        arrange="aftercare",
    ),
)
