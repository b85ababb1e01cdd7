"""The client's feedback in client mode: locked walk, one question per screen, saved at once, never for the police."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from easyreport.content.texts import all_client_texts
from easyreport.extensions import db
from easyreport.feedback.client_questions import CLIENT_FEEDBACK
from easyreport.feedback.models import ClientFeedback
from easyreport.roles import Role
from tests.briefing.factory import make_preparation
from tests.conftest import csrf_token, login


@pytest.fixture
def handed_over(app, make_user):
    counsellor = make_user(Role.COUNSELLOR)
    public_id = make_preparation(app, counsellor.id)
    client = app.test_client()
    login(client, counsellor.username)
    page = client.get(f"/counsellor/preparations/{public_id}/interview")
    assert page.status_code == 200
    started = client.post(
        f"/counsellor/preparations/{public_id}/client-feedback/start",
        data={"csrf_token": csrf_token(page.text)},
    )
    assert started.status_code == 302
    return client, public_id


def test_every_question_offers_dont_know_and_rather_not_say_and_is_read_aloud():
    texts = set(all_client_texts())
    for question in CLIENT_FEEDBACK:
        ids = [option.id for option in question.options]
        assert ids[-2:] == ["dont_know", "rather_not_say"]
        assert set(question.texts()) <= texts
    assert [len(q.content_options) for q in CLIENT_FEEDBACK if q.id.startswith("police_feeling")] == [5, 5]


def test_the_client_answers_one_question_per_screen(app, handed_over):
    client, public_id = handed_over
    start = client.get(f"/counsellor/preparations/{public_id}/client-feedback")
    assert start.status_code == 200 and 'class="client' in start.text
    for index, question in enumerate(CLIENT_FEEDBACK):
        url = f"/counsellor/preparations/{public_id}/client-feedback/q/{question.id}"
        page = client.get(url)
        assert page.status_code == 200
        assert page.text.count('name="option"') == len(question.options)
        choice = "rather_not_say" if index == 0 else question.content_options[0].id
        answer = client.post(url, data={"csrf_token": csrf_token(page.text), "option": choice})
        assert answer.status_code == 302
    assert answer.location.endswith("/client-feedback/done")
    with app.app_context():
        row = db.session.scalar(select(ClientFeedback))
        assert row.answers["police_listened"] == "rather_not_say" and len(row.answers) == len(CLIENT_FEEDBACK)


def test_a_made_up_answer_is_refused_and_nothing_is_lost(app, handed_over):
    client, public_id = handed_over
    url = f"/counsellor/preparations/{public_id}/client-feedback/q/police_listened"
    page = client.get(url)
    client.post(url, data={"csrf_token": csrf_token(page.text), "option": "yes"})
    response = client.post(url, data={"csrf_token": csrf_token(page.text), "option": "very_good"})
    assert response.status_code == 400 and 'role="alert"' in response.text
    with app.app_context():
        assert db.session.scalar(select(ClientFeedback)).answers == {"police_listened": "yes"}


def test_client_mode_keeps_the_client_in_the_walk(handed_over):
    client, public_id = handed_over
    for path in (
        f"/counsellor/preparations/{public_id}",
        f"/counsellor/preparations/{public_id}/interview",
        "/counsellor/",
    ):
        response = client.get(path)
        assert response.status_code == 302 and "/client/locked" in response.location
    stop = client.get(f"/counsellor/preparations/{public_id}/client-feedback/stop?at=support_there")
    assert stop.status_code == 200
    assert client.get(f"/counsellor/preparations/{public_id}/client-feedback/break?at=x").status_code == 200
