"""Officer feedback over HTTP: one form per share, after the interview date, refused politely otherwise."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from easyreport.audit.storage import AuditEntry
from easyreport.extensions import db
from easyreport.feedback.models import InterviewDate, OfficerFeedback
from easyreport.roles import Role
from easyreport.sharing.models import Share
from easyreport.timeutil import utcnow
from tests.briefing.factory import ready_sheet
from tests.conftest import csrf_token, login


@pytest.fixture
def world(app, make_user):
    people = {
        "counsellor": make_user(Role.COUNSELLOR),
        "officer": make_user(Role.OFFICER),
        "officer2": make_user(Role.OFFICER),
    }
    public_id = ready_sheet(app, people["counsellor"].id)
    clients = {}
    for name, user in people.items():
        clients[name] = app.test_client()
        login(clients[name], user.username)
        token = csrf_token(clients[name].get("/about").text)
        clients[name].post("/language", data={"locale": "en", "csrf_token": token})
    page = clients["counsellor"].get(f"/counsellor/preparations/{public_id}/share")
    clients["counsellor"].post(
        f"/counsellor/preparations/{public_id}/share",
        data={"csrf_token": csrf_token(page.text), "officers": [str(people["officer"].id)], "days": "14"},
    )
    with app.app_context():
        share_id = db.session.scalar(select(Share.public_id))
    return people, clients, public_id, share_id


def _rule_ids(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r'name="outcome-([^"]+)"', html)))


def _post(client, share_id, **data):
    url = f"/officer/sheets/{share_id}/feedback"
    page = client.get(url)
    return client.post(url, data={"csrf_token": csrf_token(page.text), **data}), page


def test_officer_gives_feedback_and_can_change_it(app, world):
    _people, clients, public_id, share_id = world
    officer = clients["officer"]
    page = officer.get(f"/officer/sheets/{share_id}/feedback")
    assert page.status_code == 200
    rule_ids = _rule_ids(page.text)
    assert rule_ids
    today = utcnow().date().isoformat()
    response, _page = _post(
        officer,
        share_id,
        interview_on=today,
        read_before="yes",
        missing=["papers"],
        **{
            f"outcome-{rule_ids[0]}": "helped",
            f"outcome-{rule_ids[-1]}": "not_applied",
            f"reason-{rule_ids[-1]}": "no_time",
        },
    )
    assert response.status_code == 302
    again = officer.get(f"/officer/sheets/{share_id}/feedback")
    assert 'value="yes" checked' in again.text or "checked" in again.text
    response, _page = _post(officer, share_id, interview_on=today, read_before="no")
    assert response.status_code == 302
    with app.app_context():
        rows = list(db.session.scalars(select(OfficerFeedback)))
        assert len(rows) == 1 and rows[0].answers["read_before"] == "no"
        assert db.session.get(InterviewDate, rows[0].preparation_id).entered_by_role == "officer"
        changes = list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == "feedback")))
        assert len(changes) == 2
        assert '"given"' in changes[0].metadata_json and '"changed"' in changes[1].metadata_json
    overview = clients["counsellor"].get(f"/counsellor/preparations/{public_id}/interview")
    assert overview.status_code == 200 and today in overview.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"read_before": "yes"}, "Enter the date of the interview."),
        ({"read_before": "yes", "interview_on": "2999-01-01"}, "cannot be in the future"),
        ({"read_before": "yes", "interview_on": "2000-01-01"}, "before the preparation started"),
        ({"read_before": "yes", "interview_on": "31-31-2026"}, "Enter a real date"),
        ({"interview_on": "TODAY"}, "Choose whether you read the sheet"),
        ({"interview_on": "TODAY", "read_before": "yes", "missing": ["nothing", "papers"]}, "not both"),
        (
            {"interview_on": "TODAY", "read_before": "yes", "outcome-not-a-rule": "helped"},
            "recommendations on this sheet",
        ),
    ],
)
def test_bad_input_is_sent_back_with_everything_typed_kept(app, world, data, message):
    _people, clients, _public_id, share_id = world
    data = {k: (utcnow().date().isoformat() if v == "TODAY" else v) for k, v in data.items()}
    data["other_missing"] = "a quiet room"
    response, _page = _post(clients["officer"], share_id, **data)
    assert response.status_code == 400
    assert message in response.text
    assert "a quiet room" in response.text
    with app.app_context():
        assert db.session.scalar(select(OfficerFeedback.id)) is None


def test_free_text_passes_the_needs_only_check(app, world):
    _people, clients, _public_id, share_id = world
    today = utcnow().date().isoformat()
    text = "Op 12 maart in Rotterdam geslagen door Jan"
    response, _page = _post(
        clients["officer"], share_id, interview_on=today, read_before="yes", other_missing=text
    )
    assert response.status_code == 400 and "<mark>" in response.text
    with app.app_context():
        assert db.session.scalar(select(OfficerFeedback.id)) is None


def test_another_officer_and_ended_shares_are_refused(app, world):
    _people, clients, _public_id, share_id = world
    assert clients["officer2"].get(f"/officer/sheets/{share_id}/feedback").status_code == 404
    assert clients["officer"].get("/officer/sheets/nope/feedback").status_code == 404
    with app.app_context():
        db.session.execute(update(Share).values(revoked_at=utcnow()))
        db.session.commit()
    page = clients["officer"].get(f"/officer/sheets/{share_id}/feedback")
    assert page.status_code == 409 and "withdrawn or it expired" in page.text


def test_before_a_planned_interview_date_the_form_is_closed(app, world):
    _people, clients, public_id, share_id = world
    planned = (utcnow().date() + timedelta(days=3)).isoformat()
    url = f"/counsellor/preparations/{public_id}/interview"
    page = clients["counsellor"].get(url)
    assert (
        clients["counsellor"]
        .post(url, data={"csrf_token": csrf_token(page.text), "interview_on": planned})
        .status_code
        == 302
    )
    closed = clients["officer"].get(f"/officer/sheets/{share_id}/feedback")
    assert closed.status_code == 409 and "from the day of the interview on" in closed.text
    bad = clients["counsellor"].post(
        url, data={"csrf_token": csrf_token(page.text), "interview_on": "1999-01-01"}
    )
    assert bad.status_code == 400 and "before the preparation started" in bad.text


def test_the_edit_window_closes(app, world):
    _people, clients, _public_id, share_id = world
    today = utcnow().date().isoformat()
    assert _post(clients["officer"], share_id, interview_on=today, read_before="yes")[0].status_code == 302
    with app.app_context():
        db.session.execute(update(OfficerFeedback).values(created_at=utcnow() - timedelta(days=15)))
        db.session.commit()
    page = clients["officer"].get(f"/officer/sheets/{share_id}/feedback")
    assert page.status_code == 409 and "That time has passed" in page.text
