"""What reaches the officer: only consented sections, never a note or reasoning, always the officer's language.

Checked on the three outputs the officer can get: the HTML sheet, the PDF (its extracted text) and the JSON.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from easyreport.briefing import service
from easyreport.briefing.consent import CONFLICT_OF_DUTIES_QUESTIONS
from easyreport.briefing.fact_texts import AGE, AGE_BANDS, NOT_KNOWN, OBSERVED
from easyreport.briefing.fact_texts_needs import NOT_ASKED, SOMETHING_ELSE
from easyreport.briefing.facts import ALL_FACT_TEXTS as FACT_TEXTS
from easyreport.briefing.meta_choices import ROLE_LABELS, CounsellorRole
from easyreport.briefing.needs import NEEDS, SECTION_TITLES, SECTIONS, get_need
from easyreport.briefing.process_info import INFORMED_ABOUT, URGENCY_LABELS, Urgency
from easyreport.briefing.render import ALSO_SEEN_NOTE
from easyreport.briefing.routing import UNIT_LABELS, RoutingInput
from easyreport.briefing.rules import get_rule
from easyreport.briefing.rules_data import RULES
from easyreport.briefing.sheet import SOURCE_LABELS, FactSource, IdentificationLevel, fact_source
from easyreport.content import consent_cards
from easyreport.content.model import FIXED_OPTIONS
from easyreport.content.observations import OBSERVATIONS
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import service as preparations
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from easyreport.translatable import translate
from tests.briefing.factory import get_preparation, give_consent, make_preparation, save_settings
from tests.conftest import login

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

# Free text the counsellor types (or the admin, for the organisation) that belongs on the sheet, and the
# role the counsellor chose from the list...
ON_SHEET = {
    "identification_value": "Zebra Quasar",
    "prepared_by_organisation": "Organisatie Pulsar",
}
ROLE = CounsellorRole.BEHAVIOURAL_SPECIALIST
# ...and free text that must never leave the file.
NOTE = "Notitie Xylofoon"
STATEMENT = "Woorden Kolibrie"
REASONING = "Afweging Kwetsbaar"
CONSULTED = "Raadpleging Omega"
# The goal section's own lines: urgency and what the client was told (prepare_everything sets them).
ROUTE_LINES = (
    "Urgentie: Geen haast",
    "Al uitgelegd aan de cliënt: Bedenktijd",
    "Aan het begin nog uitleggen: Eerst een informatief gesprek; Ambtshalve vervolging; "
    "Opname van het verhoor",
)
# One tick box in every module, so every section carries the counsellor's observations too.
OBSERVED_TICKS = {
    "communication": ["says_yes"],
    "stress": ["freezes"],
    "conversation": ["plain_clothes"],
    "support": ["counsellor_present"],
    "safety": ["phone"],
    "practical": ["interpreter"],
    "goal": ["time_to_decide"],
}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return normalise(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def sheet_article(html: str) -> str:
    start = html.index('<article class="sheet"')
    return html[start : html.index("</article>", start)]


def visible(html: str) -> str:
    return normalise(re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").replace("&amp;", "&"))


@pytest.fixture
def counsellor(client, make_user):
    user = make_user(Role.COUNSELLOR)
    assert login(client, user.username).status_code == 302
    return user


def prepare_everything(app, owner_id, withheld, *, client_locale="nl"):
    """A preparation with a distinctive value in every field a counsellor can type, consent for some parts."""
    public_id = make_preparation(
        app, owner_id, observations=OBSERVED_TICKS, note=NOTE, client_locale=client_locale
    )
    with app.app_context():
        preparations.add_statement(
            db.session, get_preparation(public_id), owner_id, STATEMENT, "vandaag", "Begeleider", now=utcnow()
        )
        db.session.commit()
    save_settings(
        app,
        public_id,
        identification=IdentificationLevel.NAME,
        identification_value=ON_SHEET["identification_value"],
        prepared_by_role=ROLE.value,
        prepared_by_organisation=ON_SHEET["prepared_by_organisation"],
        routing=RoutingInput.from_values(["criminal"], threats_or_unsafety=True),
        possible_suspect=True,
        urgency=Urgency.NO_RUSH,
        informed_about=("time_to_think",),
    )
    give_consent(
        app,
        public_id,
        owner_id,
        withheld=withheld,
        legal_basis="conflict_of_duties",
        legal_ground="danger_to_client",
        teach_back="partly",
        reasoning={q.id: f"{REASONING} {q.id}" for q in CONFLICT_OF_DUTIES_QUESTIONS},
        consulted=CONSULTED,
    )
    return public_id


def outputs(client, public_id):
    html = client.get(f"/briefing/{public_id}/sheet")
    pdf = client.get(f"/briefing/{public_id}/sheet.pdf")
    document = client.get(f"/briefing/{public_id}/sheet.json")
    assert (html.status_code, pdf.status_code, document.status_code) == (200, 200, 200)
    return {
        "html": visible(sheet_article(html.text)),
        "pdf": pdf_text(pdf.data),
        "json": json.dumps(document.get_json(), ensure_ascii=False),
    }


def nl(msgid: str) -> str:
    return translate(msgid, "nl")


@pytest.mark.parametrize(
    "withheld",
    [
        pytest.param({"stress", "safety", "goal"}, id="stress-safety-goal"),
        pytest.param({"communication", "conversation", "support", "practical"}, id="four-others"),
    ],
)
def test_withheld_sections_and_private_notes_never_reach_the_officer(app, client, counsellor, withheld):
    public_id = prepare_everything(app, counsellor.id, withheld)
    out = outputs(client, public_id)
    with app.app_context():
        data = service.gather(db.session, get_preparation(public_id), None)
        built = service.build_for(db.session, get_preparation(public_id), now=utcnow())
    shared = [s for s in SECTIONS if s not in withheld]

    # What may be on the sheet: the shared sections' facts and needs, the recommendations, fixed texts.
    allowed = {nl(text) for s in shared for fact in data.content[s].facts for text in fact}
    allowed |= {nl(get_need(n).label) for s in shared for n in data.content[s].needs}
    allowed |= {nl(rec.rule.text) for rec in built.sheet.recommendations}
    allowed |= {nl(SECTION_TITLES[s]) for s in SECTIONS}  # every part's name heads it, shared or not

    allowed |= {nl(label) for label in SOURCE_LABELS.values()}

    # Consented content is there. On screen each point once under its source: the client's answers with
    # their label, observations and the age under "the counsellor saw" / "recorded", a need only when no
    # answer or observation states it ("inferred from answers"). On paper each point is the source mark
    # after its advice; the JSON holds them all.
    sheet_sections = {section.id: section for section in built.sheet.sections}
    for section in shared:
        for label, value in data.content[section].facts:
            source = fact_source(label)
            printed_label = label if source is FactSource.CLIENT else SOURCE_LABELS[source]
            assert nl(printed_label) in out["html"], (section, label)
            # An observation the client's answer already states is printed once, as a star on that answer.
            confirmed = source is FactSource.COUNSELLOR and nl(ALSO_SEEN_NOTE) in out["html"]
            assert nl(value) in out["html"] or confirmed, (section, value)
            assert nl(label) in out["json"] and nl(value) in out["json"], (section, label, value)
        for need in data.content[section].needs:
            assert nl(get_need(need).label) in out["json"], (section, need)
        for need in sheet_sections[section].inferred:
            assert nl(get_need(need).label) in out["html"], (section, need)
            assert nl(SOURCE_LABELS[FactSource.INFERRED]) in out["html"]
    for rec in built.sheet.recommendations:
        assert nl(rec.rule.text) in out["json"], rec.id
    for value in (*ON_SHEET.values(), nl(ROLE_LABELS[ROLE])):
        assert all(value in out[where] for where in out), value

    # Withheld content is not, unless the very same words are also legitimately on the sheet.
    checked = 0
    for section in withheld:
        strings = {nl(text) for fact in data.content[section].facts for text in fact}
        strings |= {nl(get_need(n).label) for n in data.content[section].needs}
        if section == "goal":
            strings |= {nl(UNIT_LABELS[unit]) for unit in UNIT_LABELS} | {
                nl(get_rule("S01_lawyer_present").text)
            }
            strings |= {nl(label) for label in URGENCY_LABELS.values()}
            strings |= {nl(point.sheet_label) for point in INFORMED_ABOUT}
            strings |= {nl("Urgency"), nl("Explained to the client"), nl("Still to explain at the start")}
        for text in strings:
            if any(re.search(rf"(?<!\w){re.escape(text)}(?!\w)", legit) for legit in allowed):
                continue
            checked += 1
            pattern = rf"(?<!\w){re.escape(text)}(?!\w)"
            for where in ("html", "pdf", "json"):
                assert not re.search(pattern, out[where]), (where, section, text)
    assert checked >= 8 * len(withheld), "the test must check real content"

    for private in (NOTE, STATEMENT, REASONING, CONSULTED):
        assert all(private not in out[where] for where in out), private

    # Urgency and what the client was told go with the goal section, in every output, or not at all.
    route = json.loads(out["json"])["route"]
    for line in ROUTE_LINES:
        for where in ("html", "pdf"):
            assert (line in out[where]) == ("goal" not in withheld), (where, line)
    if "goal" in withheld:
        assert route is None
        for where in out:
            for words in (
                "Urgentie",
                "Geen haast",
                "Al uitgelegd aan de cliënt",
                "Aan het begin nog uitleggen",
                "Eerst een informatief gesprek",
                "Ambtshalve vervolging",
                "Opname van het verhoor",
            ):
                assert words not in out[where], (where, words)
        for key in ("urgency", "informed_about", "no_rush", "time_to_think", "ex_officio"):
            assert key not in out["json"], key
    else:
        assert route["urgency"]["id"] == "no_rush"
        assert [p["id"] for p in route["informed_about"] if p["explained"]] == ["time_to_think"]


def english_texts() -> set[str]:
    """Every English text that could describe the client, where Dutch says it differently."""
    texts = {module.title for module in QUESTIONNAIRE.modules}
    for question in QUESTIONNAIRE:
        texts.update(question.texts())
        texts.update(option.text for option in question.options)
    texts.update(option.text for option in FIXED_OPTIONS)
    for label, values in FACT_TEXTS.values():
        texts.add(label)
        texts.update(values.values())
    texts.update(
        {NOT_KNOWN, OBSERVED, AGE, NOT_ASKED, SOMETHING_ELSE, *AGE_BANDS.values(), *SOURCE_LABELS.values()}
    )
    texts.update(need.label for need in NEEDS.values())
    texts.update(observation.text for observation in OBSERVATIONS)
    texts.update(rule.text for rule in RULES)
    texts.update(text for _where, unit in consent_cards.UNITS for text in unit)
    texts.update(URGENCY_LABELS.values())
    texts.update(text for point in INFORMED_ABOUT for text in (point.label, point.sheet_label))
    texts.update({"Urgency", "Explained to the client", "Still to explain at the start"})
    return {text for text in texts if nl(text) != text}


def test_a_dutch_sheet_for_a_client_who_answered_in_english_holds_no_english(app, client, counsellor):
    public_id = prepare_everything(app, counsellor.id, withheld=set(), client_locale="en")
    page = client.get(f"/briefing/{public_id}/sheet").text
    assert '<html lang="nl"' in page
    out = outputs(client, public_id)
    # Source citations name publications ("Talking Mats"); they are references, not text about the client.
    out["json"] = re.sub(r'"source": "[^"]*"', '"source": ""', out["json"])
    english = english_texts()
    assert len(english) > 300
    for where, text in out.items():
        found = [e for e in english if re.search(rf"(?<!\w){re.escape(e)}(?!\w)", text)]
        assert not found, (
            where,
            found[:10],
            [text[max(0, text.find(f) - 80) : text.find(f) + 40] for f in found[:3]],
        )
    # And the client's answers are there, in Dutch: on screen as the answer, on paper as the advice.
    assert "Wil teksten voorgelezen krijgen" in out["html"]
    assert "Lees elke tekst voor" in out["pdf"]
    assert "Wordt stil" in out["json"]


def test_an_english_officer_reads_the_same_sheet_in_english(app, client, counsellor):
    public_id = prepare_everything(app, counsellor.id, withheld=set(), client_locale="nl")
    from tests.conftest import csrf_token

    client.post("/language", data={"locale": "en", "csrf_token": csrf_token(client.get("/about").text)})
    out = outputs(client, public_id)
    assert "Pre-briefing: what does this person need?" in out["pdf"]
    assert "Wants texts read out" in out["html"]
    assert "Read every text aloud" in out["pdf"]
    assert json.loads(out["json"])["locale"] == "en"
    assert "Wil teksten voorgelezen krijgen" not in out["pdf"] + out["html"]
