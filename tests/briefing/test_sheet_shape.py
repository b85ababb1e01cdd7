"""The sheet's shape (issue 12): page one is the brief, page two the limited lists, two A4 pages at most.

Over generated preparations (seeded): no two conflicting or superseding rules print together, no advice is
printed twice, at most 12 do's and 6 don'ts are printed, every recommendation has one place. Maximal
preparations (every answer that adds advice, every observation, the suspect card, long names) are typeset by
WeasyPrint and counted: two pages, the page-one blocks on page one, body text at 10 pt with line height 1.3.
"""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from pypdf import PdfReader

from easyreport.briefing import examples, rules
from easyreport.briefing.fact_texts import FACT_TEXTS, STATES
from easyreport.briefing.render import render_sheet_document, typeset_pdf
from easyreport.briefing.rule_model import ARRANGE_TOPICS
from easyreport.briefing.rules import ALL_RULES, MAX_DONTS, MAX_DOS
from easyreport.briefing.rules_data import SUSPECT_BLOCK_SAYS
from easyreport.briefing.service import BuiltSheet
from easyreport.briefing.sheet import (
    ARRANGE_PAGE_ONE_PER_TOPIC,
    ARRANGE_PAGE_ONE_PRIORITY,
    Placement,
    sheet_layout,
)
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.paths import STATIC_DIR
from easyreport.translatable import translate
from tests.briefing.generated import build, generate

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

BY_ID = {rule.id: rule for rule in ALL_RULES}


def test_every_conflict_and_supersession_names_a_known_rule_and_no_rule_supersedes_in_a_circle():
    for rule in ALL_RULES:
        assert rule.supersedes <= BY_ID.keys(), (rule.id, rule.supersedes - BY_ID.keys())
        assert rule.conflicts <= BY_ID.keys(), (rule.id, rule.conflicts - BY_ID.keys())
        for other in rule.supersedes:
            assert rule.id not in BY_ID[other].supersedes, (rule.id, other)
        assert rule.arrange is None or rule.arrange in ARRANGE_TOPICS


def test_a_rule_defined_elsewhere_needs_no_conflict_fields():
    # Other data files (rules_data_needs.py, rules_data_practice.py) build rules without the new fields.
    from easyreport.briefing.rule_model import Kind, Rule, any_of

    rule = Rule(
        "R90_example", any_of("short_sentences"), Kind.DO, "Use short sentences.", 3, "communication", "x"
    )
    assert rule.questioning and not rule.supersedes and not rule.conflicts
    assert [r.id for r in rules.resolve([rule, BY_ID["R01_short_sentences"]])] == [
        "R01_short_sentences",
        "R90_example",
    ]


def test_the_specific_break_plan_supersedes_breaks_only_when_asked():
    fired = {r.id for r in rules.evaluate({"attention_medium", "breaks_on_request", "breaks_sometimes"})}
    assert "R18_breaks_every_30_minutes" in fired
    assert not fired & {"R18_break_when_asked", "R18_plan_some_breaks"}
    fired = {r.id for r in rules.evaluate({"attention_short", "attention_medium"})}
    assert "R18_breaks_every_15_minutes" in fired and "R18_breaks_every_30_minutes" not in fired
    assert {r.id for r in rules.evaluate({"breaks_on_request"})} >= {"R18_break_when_asked"}


def test_of_two_conflicting_rules_the_more_important_stays():
    fired = {r.id for r in rules.evaluate({"door_open", "door_closed"})}
    assert "R22_door_open" in fired and "R40_keep_door_closed" not in fired
    fired = {r.id for r in rules.evaluate({"officer_woman", "officer_man"})}
    assert len(fired & {"R25_female_officer", "R25_male_officer"}) == 1


def _printed_texts(built: BuiltSheet, locale: str) -> list[str]:
    return [translate(rec.rule.text, locale) for rec in sheet_layout(built.sheet).printed]


def _check_layout(built: BuiltSheet) -> None:
    sheet = built.sheet
    layout = sheet_layout(sheet)
    printed = [rec.id for rec in layout.printed]
    # No advice printed twice: by id and by text.
    assert len(printed) == len(set(printed)), Counter(printed).most_common(3)
    texts = [rec.rule.text for rec in layout.printed]
    assert len(texts) == len(set(texts)), Counter(texts).most_common(3)
    # No two conflicting rules, and nothing superseded, anywhere on the sheet.
    fired = [rec.rule for rec in sheet.recommendations]
    for rule in fired:
        for other in fired:
            assert not rule.clashes_with(other), (rule.id, other.id)
            assert other.id not in rule.supersedes, (rule.id, other.id)
    # The limits, and the order: highest priority first.
    assert len(layout.dos) <= MAX_DOS and len(layout.donts) <= MAX_DONTS
    for kept, cut in ((layout.dos, layout.more), (layout.donts, layout.more)):
        if kept:
            worst = max((rec.rule.priority, rec.id) for rec in kept)
            for rec in cut:
                if rec.rule.kind is kept[0].rule.kind:
                    assert (rec.rule.priority, rec.id) > worst
    # Every recommendation has exactly one place; the top three are questioning advice only.
    said_by_block = [rec.id for rec in sheet.recommendations if rec.id in SUSPECT_BLOCK_SAYS]
    also_arranged = [rec for topic in layout.arrange_also for rec in topic.items]
    placed = printed + [rec.id for rec in (*layout.more, *also_arranged)] + said_by_block
    assert Counter(placed) == Counter(rec.id for rec in sheet.recommendations)
    # Beyond the limits, and the arrangements that are not urgent: on screen and in the JSON, not printed.
    assert all(layout.placement(rec.id) is Placement.MORE for rec in (*layout.more, *also_arranged))
    for topic in layout.arrange:
        assert len(topic.items) <= ARRANGE_PAGE_ONE_PER_TOPIC
        assert all(rec.rule.priority <= ARRANGE_PAGE_ONE_PRIORITY for rec in topic.items)
    assert all(rec.rule.questioning for rec in layout.top_three)
    assert all(rec.rule.arrange for topic in layout.arrange for rec in topic.items)


def test_over_a_thousand_generated_preparations_no_conflict_no_duplicate_and_the_limits_hold():
    built_count = 0
    for seed in range(1000):
        built = build(generate(seed))
        if not isinstance(built, BuiltSheet):
            continue
        _check_layout(built)
        built_count += 1
    for seed in range(60):
        _check_layout(examples.build(examples.maximal(seed)))
    assert built_count >= 900, built_count


@pytest.mark.parametrize("seed", range(0, 1000, 125))
def test_no_advice_text_appears_twice_in_the_printed_document(app, seed):
    # The first preparation from this seed on that builds a sheet (acute danger builds none).
    built = next(b for n in range(seed, seed + 50) if isinstance(b := build(generate(n)), BuiltSheet))
    with app.test_request_context():
        html = render_sheet_document(built, "nl")
    for text in _printed_texts(built, "nl"):
        escaped = text.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;")
        assert html.count(escaped) == 1, text


def _pages(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


MAXIMAL_SEEDS = range(6)


@pytest.mark.parametrize("locale", ["nl", "en"])
@pytest.mark.parametrize("seed", MAXIMAL_SEEDS)
def test_a_maximal_preparation_prints_on_two_a4_pages_with_the_brief_on_page_one(app, seed, locale):
    built = examples.build(examples.maximal(seed))
    with app.test_request_context():
        pages = _pages(typeset_pdf(render_sheet_document(built, locale)))
    assert len(pages) <= 2, f"seed {seed} ({locale}) prints on {len(pages)} pages"
    one, two = pages[0], " ".join(pages[1:])
    t = lambda msgid: re.sub(r"\s+", " ", translate(msgid, locale))  # noqa: E731
    # Page one: who prepared it and how to reach them, goal and route, the warning, arrange, the top three.
    for text in (
        examples.LONG_CONTACT,
        "+31 6 1234 5678",
        t("Goal, route and urgency"),
        t("Safety warning"),
        t("Arrange before the interview"),
        t("Interpreter needed."),
        t("Session length and breaks"),
        t("Contact with the person"),
        t("Lawyer"),
        t("Top 3 for the questioning"),
    ):
        assert text in one, (seed, locale, text)
    for rec in built.sheet.top_three:
        assert t(rec.rule.text)[:40] in one
    # Page two: the do's and don'ts and the consent summary.
    for text in (t("Do"), t("Don't"), t("Consent"), t("Terms of use")):
        assert text in two, (seed, locale, text)
    for text in (t("Arrange before the interview"), t("Top 3 for the questioning")):
        assert text not in two


def test_the_printed_body_text_is_at_least_10_pt_with_line_height_at_least_1_3():
    css = (STATIC_DIR / "css" / "sheet.css").read_text(encoding="utf-8")
    print_block = css[css.index("@media print") :]
    body = re.search(r"body \{ font-size: ([\d.]+)pt; line-height: ([\d.]+); \}", print_block)
    assert body is not None
    assert float(body.group(1)) >= 10 and float(body.group(2)) >= 1.3
    # No smaller type for text anywhere in the printed sheet (the running footer is not body text).
    sizes = [float(size) for size in re.findall(r"font-size: ([\d.]+)pt", print_block)]
    assert min(sizes) >= 10, sizes
    print_css = (STATIC_DIR / "css" / "print.css").read_text(encoding="utf-8")
    assert float(re.search(r"body \{ font-size: ([\d.]+)pt", print_css).group(1)) >= 10  # type: ignore[union-attr]


def test_inferred_needs_are_marked_inferred_and_never_as_the_clients_words():
    # "Can follow fast speech: No" states that fast speech is hard; extra thinking time is inferred.
    assert STATES["fast_talk"] == {"fast_speech_hard"}
    example = examples.Example(
        "fast", {"fast_talk": ("no",)}, {}, examples.maximal(0).settings, examples.maximal(0).decisions
    )
    section = next(s for s in examples.build(example).sheet.sections if s.id == "communication")
    assert "slow_processing" in section.needs
    assert "slow_processing" in section.inferred
    assert "fast_speech_hard" not in section.inferred
    # Every question of the questionnaire says what its fact states; what it does not say is inferred.
    for question in QUESTIONNAIRE:
        signalled = {need for option in question.content_options for need in option.needs}
        assert STATES.get(question.id, frozenset()) <= signalled, question.id


def test_a_song_is_three_to_four_minutes_and_the_time_rule_allows_the_order_of_events():
    assert "3 to 4 minutes" in FACT_TEXTS["attention"][1]["song"]
    assert "15" not in FACT_TEXTS["attention"][1]["song"]
    dont_ask = BY_ID["R11_dont_ask_dates_or_clock_times"]
    assert "order" not in dont_ask.text and "clock times" in dont_ask.text
    order = BY_ID["R11_order_with_before_after"]
    assert "before" in order.text and "after" in order.text and "picture time line" in order.text
    # The rule that forbade the order of events is gone; its id is not reused.
    assert "R11_dont_ask_exact_dates" not in BY_ID and "R11_use_anchors" not in BY_ID


def test_a_sheet_made_before_this_change_still_builds():
    # An older preparation: half the questions never asked, and a top three chosen with rule ids since retired.
    older = examples.examples()[4]
    settings = {**older.settings, "chosen_top": ["R11_dont_ask_exact_dates", "R18_breaks_every_15_minutes"]}
    built = examples.build(
        examples.Example("older", older.answers, older.observations, settings, older.decisions)
    )
    assert len(built.sheet.top_three) == 3
    assert not built.sheet.top_chosen_by_counsellor  # nothing of the old choice still fires as questioning
