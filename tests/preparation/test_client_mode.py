"""Client mode over HTTP: saved at once, resumable, locked to the client screens, hostile input handled."""

from __future__ import annotations

from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import service
from easyreport.preparation.client_views import MAX_PIN_FAILURES
from easyreport.preparation.models import Preparation
from tests.conftest import PASSWORD, csrf_token
from tests.preparation.conftest import answer

FIRST, SECOND, THIRD = (q.id for q in QUESTIONNAIRE.questions[:3])


def _stored(app, public_id):
    with app.app_context():
        preparation = db.session.query(Preparation).filter_by(public_id=public_id).one()
        return service.stored_answers(db.session, preparation)


def _first_content_option(question_id: str) -> str:
    return QUESTIONNAIRE.find(question_id).content_options[0].id


def test_welcome_then_first_question(client, in_client_mode):
    welcome = client.get("/client/")
    assert welcome.status_code == 200
    assert "Vragen over wat je nodig hebt" in welcome.text
    page = client.get(f"/client/questions/{FIRST}")
    assert page.status_code == 200
    assert "Weet ik niet" in page.text and "Zeg ik liever niet" in page.text
    # Progress encourages by part, never counts down "question 1 of 34".
    assert f"Deel 1 van {len(QUESTIONNAIRE.modules)}: een goed begin" in page.text
    assert "Vraag 1 van" not in page.text


def test_answer_is_saved_at_once_and_flow_moves_on(app, client, in_client_mode):
    response = answer(client, FIRST, _first_content_option(FIRST))
    assert response.status_code == 302 and response.location == f"/client/questions/{SECOND}"
    stored = _stored(app, in_client_mode)
    assert stored[FIRST].option_ids == (_first_content_option(FIRST),)
    assert stored[FIRST].entered_by == "client"
    assert stored[FIRST].seconds_taken is not None


def test_fixed_answers_are_as_easy_as_any_other(app, client, in_client_mode):
    assert answer(client, FIRST, "dont_know").status_code == 302
    assert answer(client, SECOND, "rather_not_say").status_code == 302
    stored = _stored(app, in_client_mode)
    assert stored[FIRST].option_ids == ("dont_know",) and stored[SECOND].option_ids == ("rather_not_say",)


def test_resume_goes_to_first_unanswered_question(client, in_client_mode):
    answer(client, FIRST, "dont_know")
    answer(client, SECOND, "dont_know")
    assert client.get("/client/").location == f"/client/questions/{THIRD}"


def test_skipping_ahead_by_url_goes_to_the_resume_point(client, in_client_mode):
    last = QUESTIONNAIRE.questions[-1].id
    assert client.get(f"/client/questions/{last}").location == f"/client/questions/{FIRST}"
    token = csrf_token(client.get("/client/locked").text)
    post = client.post(f"/client/questions/{last}", data={"option": "dont_know", "csrf_token": token})
    assert post.location == f"/client/questions/{FIRST}"


def test_back_to_an_answered_question_shows_the_answer(client, in_client_mode):
    option = _first_content_option(FIRST)
    answer(client, FIRST, option)
    page = client.get(f"/client/questions/{FIRST}")
    assert f'value="{option}" class="answer-button" aria-pressed="true"' in page.text


def test_unknown_question_id_goes_to_the_resume_point(client, in_client_mode):
    assert client.get("/client/questions/no_such_question").location == f"/client/questions/{FIRST}"
    assert client.get("/client/questions/" + "x" * 500).status_code == 302


def test_tampered_option_is_refused_and_nothing_is_lost(app, client, in_client_mode):
    answer(client, FIRST, "dont_know")
    response = answer(client, FIRST, "<script>alert(1)</script>")
    assert response.status_code == 400
    assert "Dit antwoord kan niet" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert _stored(app, in_client_mode)[FIRST].option_ids == ("dont_know",)


def test_dont_know_goes_alone_on_a_several_choice_screen(app, client, in_client_mode):
    several = next(q for q in QUESTIONNAIRE if q.kind.value == "several")
    for question in QUESTIONNAIRE.questions[: QUESTIONNAIRE.index(several.id)]:
        answer(client, question.id, "dont_know")
    content = several.content_options[0].id
    response = answer(client, several.id, content, "dont_know")
    assert response.status_code == 400
    assert "Kies &#34;Weet ik niet&#34; alleen, of andere antwoorden." in response.text
    # Nothing is saved, and the ticks the client gave are still there to change.
    assert several.id not in _stored(app, in_client_mode)
    assert (
        f'value="{content}" id="option-{content}"\n         data-answer-group="content" checked'
        in response.text
    )
    assert (
        'value="dont_know" id="option-dont_know"\n         data-answer-group="fixed" checked' in response.text
    )
    # On its own "I don't know" is saved, and only with Ready: every answer on this screen is a tick box.
    assert 'type="submit" name="option"' not in client.get(f"/client/questions/{several.id}").text
    assert answer(client, several.id, "dont_know").status_code == 302


def test_no_answer_gets_a_clear_message(client, in_client_mode):
    response = answer(client, FIRST)
    assert response.status_code == 400 and "Kies een antwoord." in response.text


def test_double_submission_keeps_one_answer(app, client, in_client_mode):
    page = client.get(f"/client/questions/{FIRST}")
    data = {"csrf_token": csrf_token(page.text), "option": "dont_know", "version": "0"}
    first = client.post(f"/client/questions/{FIRST}", data=data)
    second = client.post(f"/client/questions/{FIRST}", data=data)
    assert first.status_code == second.status_code == 302
    assert _stored(app, in_client_mode)[FIRST].version == 1


def test_stale_form_after_a_change_elsewhere(app, client, in_client_mode):
    answer(client, FIRST, "dont_know")  # version 1
    page = client.get(f"/client/questions/{FIRST}")
    token = csrf_token(page.text)
    client.post(
        f"/client/questions/{FIRST}", data={"csrf_token": token, "option": "rather_not_say", "version": "1"}
    )
    stale = client.post(
        f"/client/questions/{FIRST}",
        data={"csrf_token": token, "option": _first_content_option(FIRST), "version": "1"},
    )
    assert stale.status_code == 400 and "net veranderd" in stale.text
    assert _stored(app, in_client_mode)[FIRST].option_ids == ("rather_not_say",)


def test_staff_pages_lead_to_the_locked_screen(client, in_client_mode):
    for path in (
        "/counsellor/",
        f"/counsellor/preparations/{in_client_mode}",
        "/admin/",
        "/about",
        "/login",
        "/",
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.location == "/client/locked", path


def test_pause_and_stop_screens(client, in_client_mode):
    pause = client.get(f"/client/break?at={SECOND}")
    assert pause.status_code == 200 and f"/client/questions/{SECOND}" in pause.text
    stop = client.get(f"/client/stop?at={FIRST}")
    assert "Wil je stoppen?" in stop.text
    confirmed = client.post("/client/stop", data={"csrf_token": csrf_token(stop.text)})
    assert confirmed.location == "/client/locked?stopped=1"
    locked = client.get(confirmed.location)
    assert "Dank je wel" in locked.text or "Bedankt" in locked.text


def test_unlock_needs_the_counsellors_password(client, in_client_mode):
    page = client.get("/client/locked")
    wrong = client.post("/client/unlock", data={"csrf_token": csrf_token(page.text), "secret": "guess"})
    assert wrong.status_code == 400
    assert client.get("/counsellor/").location == "/client/locked"
    right = client.post("/client/unlock", data={"csrf_token": csrf_token(page.text), "secret": PASSWORD})
    assert right.location == f"/counsellor/preparations/{in_client_mode}"
    assert client.get("/counsellor/").status_code == 200


def test_pin_works_until_guessed_at_too_often(client, counsellor, make_preparation):
    public_id = make_preparation(counsellor, code="B1", pin="4321")
    page = client.get(f"/counsellor/preparations/{public_id}")
    client.post(
        f"/counsellor/preparations/{public_id}/client-mode", data={"csrf_token": csrf_token(page.text)}
    )
    token = csrf_token(client.get("/client/locked").text)
    assert client.post("/client/unlock", data={"csrf_token": token, "secret": "4321"}).status_code == 302
    client.post(f"/counsellor/preparations/{public_id}/client-mode", data={"csrf_token": token})
    for _ in range(MAX_PIN_FAILURES):
        client.post("/client/unlock", data={"csrf_token": token, "secret": "0000"})
    assert client.post("/client/unlock", data={"csrf_token": token, "secret": "4321"}).status_code == 400
    assert client.post("/client/unlock", data={"csrf_token": token, "secret": PASSWORD}).status_code == 302


def test_quick_exit_page_shows_nothing_about_the_app(client, in_client_mode):
    page = client.get("/client/closed")
    assert page.status_code == 200
    for word in ("easyreport", "politie", "vraag", "cliënt"):
        assert word not in page.text.lower()


def test_client_screens_are_closed_outside_client_mode(client, counsellor):
    assert client.get(f"/client/questions/{FIRST}").status_code == 404
    assert client.get("/client/locked").location == "/"


def test_client_mode_outlasts_the_staff_idle_limit(app, client, in_client_mode):
    from datetime import timedelta

    from sqlalchemy import update

    from easyreport.accounts.models import StoredSession
    from easyreport.timeutil import utcnow

    # Staff sessions end after 30 idle minutes; a client taking a long break keeps going for up to 2 hours.
    with app.app_context():
        db.session.execute(update(StoredSession).values(last_seen=utcnow() - timedelta(minutes=110)))
        db.session.commit()
    assert client.get(f"/client/questions/{FIRST}").status_code == 200


def test_every_question_can_be_answered_to_the_end(app, client, in_client_mode):
    for question in QUESTIONNAIRE:
        response = answer(client, question.id, question.content_options[-1].id)
        assert response.status_code == 302, question.id
    assert response.location == "/client/locked?done=1"
    assert len(_stored(app, in_client_mode)) == len(QUESTIONNAIRE)


def test_answers_are_encrypted_in_the_database_file(app, client, in_client_mode, tmp_path):
    answer(client, FIRST, _first_content_option(FIRST))
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
        db.session.close()  # return the connection first: dispose() only closes connections in the pool
        db.engine.dispose()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("test.sqlite*"))
    assert _first_content_option(FIRST).encode() not in raw
