"""Counsellor mode over HTTP: own preparations only, review with who answered, corrections, observations, statements."""

from __future__ import annotations

from sqlalchemy import select

from easyreport.audit.storage import AuditEntry
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation.models import Observation, StatementNote
from easyreport.roles import Role
from tests.conftest import csrf_token, login
from tests.preparation.conftest import answer

COMMUNICATION = QUESTIONNAIRE.questions_in("communication")


def test_create_preparation_with_a_code_only(client, counsellor):
    page = client.get("/counsellor/preparations/new")
    response = client.post(
        "/counsellor/preparations/new",
        data={
            "csrf_token": csrf_token(page.text),
            "client_code": "a7",
            "age_band": "16-17",
            "client_locale": "en",
        },
    )
    assert response.status_code == 302
    overview = client.get(response.location)
    assert "Cliënt A7" in overview.text
    home = client.get("/counsellor/")
    assert "Cliënt A7" in home.text and "0 van" in home.text


def test_names_and_bad_values_are_refused(client, counsellor):
    page = client.get("/counsellor/preparations/new")
    for code, band in (("Jan de Vries", "18-22"), ("", "18-22"), ("A1", "99-100"), ("A1\x00", "<b>")):
        response = client.post(
            "/counsellor/preparations/new",
            data={
                "csrf_token": csrf_token(page.text),
                "client_code": code,
                "age_band": band,
                "client_locale": "nl",
            },
        )
        assert response.status_code == 200, (code, band)
        assert "error-summary" in response.text


def test_other_counsellors_preparation_is_404(app, client, make_user, make_preparation):
    owner = make_user(Role.COUNSELLOR)
    public_id = make_preparation(owner)
    other = make_user(Role.COUNSELLOR)
    login(client, other.username)
    for path in (
        f"/counsellor/preparations/{public_id}",
        f"/counsellor/preparations/{public_id}/parts/communication",
    ):
        assert client.get(path).status_code == 404
    token = csrf_token(client.get("/counsellor/").text)
    assert (
        client.post(
            f"/counsellor/preparations/{public_id}/client-mode", data={"csrf_token": token}
        ).status_code
        == 404
    )
    # The code as the list shows it: a bare "A7" can turn up inside the random CSRF token.
    assert "Cliënt A7" not in client.get("/counsellor/").text


def test_review_marks_who_answered_and_correction_marks_counsellor(app, client, in_client_mode):
    from tests.conftest import PASSWORD

    first = COMMUNICATION[0]
    answer(client, first.id, first.content_options[0].id)
    token = csrf_token(client.get("/client/locked").text)
    client.post("/client/unlock", data={"csrf_token": token, "secret": PASSWORD})
    review = client.get(f"/counsellor/preparations/{in_client_mode}/parts/communication")
    assert "Beantwoord door de cliënt." in review.text
    response = client.post(
        f"/counsellor/preparations/{in_client_mode}/answers/{first.id}",
        data={"csrf_token": token, "option": "dont_know", "version": "1"},
    )
    assert response.status_code == 302
    review = client.get(f"/counsellor/preparations/{in_client_mode}/parts/communication")
    assert "Ingevuld door de begeleider namens de cliënt." in review.text
    stale = client.post(
        f"/counsellor/preparations/{in_client_mode}/answers/{first.id}",
        data={"csrf_token": token, "option": first.content_options[0].id, "version": "1"},
    )
    assert stale.status_code == 400 and "intussen veranderd" in stale.text
    bad = client.post(
        f"/counsellor/preparations/{in_client_mode}/answers/{first.id}",
        data={"csrf_token": token, "option": "invented", "version": "2"},
    )
    assert bad.status_code == 400
    assert (
        client.post(
            f"/counsellor/preparations/{in_client_mode}/answers/nope",
            data={"csrf_token": token, "option": "x"},
        ).status_code
        == 404
    )


def test_observations_are_saved_encrypted_with_the_reminder_shown(
    app, client, counsellor, make_preparation, tmp_path
):
    public_id = make_preparation(counsellor)
    page = client.get(f"/counsellor/preparations/{public_id}/parts/stress")
    assert "Nooit wat er gebeurd is" in page.text or "Never what happened" in page.text
    choices = [
        o for o in __import__("easyreport.content.observations", fromlist=["x"]).observations_for("stress")
    ]
    response = client.post(
        f"/counsellor/preparations/{public_id}/observations/stress",
        data={"csrf_token": csrf_token(page.text), "choices": [choices[0].id], "note": "Needs-note-XYZZY"},
    )
    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalar(select(Observation))
        assert row.choice_ids == [choices[0].id] and row.note == "Needs-note-XYZZY"
        db.session.close()  # return the connection first: dispose() only closes connections in the pool
        db.engine.dispose()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("test.sqlite*"))
    if raw:
        assert b"XYZZY" not in raw
    bad = client.post(
        f"/counsellor/preparations/{public_id}/observations/stress",
        data={"csrf_token": csrf_token(page.text), "choices": ["invented"], "note": ""},
    )
    assert bad.status_code == 400


def test_statement_is_only_for_its_author_and_every_read_is_logged(app, client, make_user, make_preparation):
    author = make_user(Role.COUNSELLOR)
    login(client, author.username)
    public_id = make_preparation(author)
    page = client.get(f"/counsellor/preparations/{public_id}/statements/new")
    response = client.post(
        f"/counsellor/preparations/{public_id}/statements/new",
        data={
            "csrf_token": csrf_token(page.text),
            "words": "exact words here",
            "said_at": "28-11-2026 14:10",
            "present": "counsellor",
        },
    )
    assert response.status_code == 302
    statement_url = response.location
    assert "exact words here" in client.get(statement_url).text
    with app.app_context():
        reads = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "statement_read")).all()
        assert len(reads) == 1 and reads[0].actor == str(author.id)
        assert db.session.scalar(select(StatementNote)).words == "exact words here"

    for role in (Role.COUNSELLOR, Role.ADMIN, Role.OFFICER):
        other = make_user(role)
        other_client = app.test_client()
        login(other_client, other.username)
        assert other_client.get(statement_url).status_code in (403, 404)
        assert "exact words" not in other_client.get(statement_url).text


def test_acquiescence_prompt_appears_for_yes_saying(app, client, in_client_mode):
    from tests.conftest import PASSWORD

    for question in COMMUNICATION:
        answer(client, question.id, question.content_options[0].id)
    token = csrf_token(client.get("/client/locked").text)
    client.post("/client/unlock", data={"csrf_token": token, "secret": PASSWORD})
    overview = client.get(f"/counsellor/preparations/{in_client_mode}")
    assert "Bekijk deze antwoorden samen" in overview.text


def test_speech_settings_are_saved_and_validated(client, counsellor, make_preparation):
    public_id = make_preparation(counsellor)
    token = csrf_token(client.get(f"/counsellor/preparations/{public_id}").text)
    ok = client.post(
        f"/counsellor/preparations/{public_id}/speech",
        data={"csrf_token": token, "speed": "slow", "read_aloud_auto": "y"},
        follow_redirects=True,
    )
    assert "opgeslagen" in ok.text and '<option selected value="slow">' in ok.text
    bad = client.post(
        f"/counsellor/preparations/{public_id}/speech",
        data={"csrf_token": token, "speed": "warp"},
        follow_redirects=True,
    )
    assert "Kies een van de snelheden." in bad.text
