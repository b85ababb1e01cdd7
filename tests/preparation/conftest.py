"""Fixtures for preparation pages: a logged-in counsellor with a preparation, and client mode."""

from __future__ import annotations

import re

import pytest

from easyreport.extensions import db
from easyreport.preparation import service
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from tests.conftest import csrf_token


@pytest.fixture
def counsellor(client, logged_in):
    return logged_in(Role.COUNSELLOR)


@pytest.fixture
def make_preparation(app):
    """Return a factory for preparations owned by a given account."""

    def factory(owner, code: str = "A7", locale: str = "nl", pin: str | None = None) -> str:
        with app.app_context():
            preparation = service.create(db.session, owner.id, code, "18-22", locale, now=utcnow(), pin=pin)
            db.session.commit()
            return preparation.public_id

    return factory


@pytest.fixture
def in_client_mode(client, counsellor, make_preparation):
    """A preparation in client mode on the counsellor's session; returns its public id."""
    public_id = make_preparation(counsellor)
    page = client.get(f"/counsellor/preparations/{public_id}")
    response = client.post(
        f"/counsellor/preparations/{public_id}/client-mode", data={"csrf_token": csrf_token(page.text)}
    )
    assert response.location == "/client/"
    return public_id


def answer(client, question_id: str, *options: str, version: int | None = None):
    """Answer a question through the real form."""
    page = client.get(f"/client/questions/{question_id}")
    shown = re.search(r'name="shown_at" value="([^"]*)"', page.text)
    data: dict[str, object] = {
        "csrf_token": csrf_token(page.text),
        "option": list(options),
        "shown_at": shown.group(1) if shown else "",
    }
    if version is not None:
        data["version"] = version
    return client.post(f"/client/questions/{question_id}", data=data)
