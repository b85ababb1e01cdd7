"""Ciphertexts are bound to their table, column and row; older, less bound values still read and rotate."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from easyreport.db_base import Base
from easyreport.extensions import db
from easyreport.preparation import service
from easyreport.preparation.models import Observation, Preparation, StatementNote
from easyreport.roles import Role
from easyreport.security.crypto import DecryptionError
from easyreport.security.encrypted_types import current_keyring
from easyreport.security.rotation import encrypted_columns
from easyreport.timeutil import utcnow

# Long enough that it cannot turn up by chance inside a random base64 ciphertext (a two-letter code did).
CLIENT_CODE = "QZ7XK9W4"


def _preparation_with_texts(app, owner_id: int) -> int:
    with app.app_context():
        preparation = service.create(db.session, owner_id, CLIENT_CODE, "18-22", "nl", now=utcnow())
        service.record_observation(db.session, preparation, "stress", [], "observation text", now=utcnow())
        service.add_statement(db.session, preparation, owner_id, "the words", "today", "me", now=utcnow())
        db.session.commit()
        return preparation.id


def test_every_encrypted_column_of_the_app_is_bound_to_its_place(app):
    columns = encrypted_columns(Base.metadata)
    assert columns
    for column in columns:
        assert column.type.place == f"{column.table.name}.{column.name}"


def test_a_token_moved_to_another_column_does_not_decrypt(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    _preparation_with_texts(app, owner.id)
    with app.app_context():
        # A database-level attacker copies the observation's ciphertext into the statement's words.
        db.session.execute(text("UPDATE statement_notes SET words = (SELECT note FROM observations LIMIT 1)"))
        db.session.commit()
        db.session.expire_all()
        with pytest.raises(DecryptionError):
            db.session.scalars(select(StatementNote.words)).all()


def test_a_token_moved_to_another_table_does_not_decrypt(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    _preparation_with_texts(app, owner.id)
    with app.app_context():
        db.session.execute(
            text("UPDATE preparations SET client_code_sealed = (SELECT note FROM observations LIMIT 1)")
        )
        db.session.commit()
        with pytest.raises(DecryptionError):
            db.session.scalars(select(Preparation.client_code_sealed)).all()


def test_the_client_code_is_encrypted_at_rest(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    _preparation_with_texts(app, owner.id)
    with app.app_context():
        plain, sealed = db.session.execute(
            text("SELECT client_code, client_code_sealed FROM preparations")
        ).one()
        assert plain == ""
        assert sealed.startswith("v3.") and CLIENT_CODE not in sealed
        assert db.session.scalar(select(Preparation)).client_code == CLIENT_CODE


def test_old_values_stay_readable_and_rotate_into_bound_tokens(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    prep_id = _preparation_with_texts(app, owner.id)
    with app.app_context():
        ring = current_keyring()
        # What an older version stored: an unbound v1 token, and the client code in plain text.
        db.session.execute(
            text("UPDATE observations SET note = :token"), {"token": ring.encrypt("old observation")}
        )
        db.session.execute(
            text("UPDATE preparations SET client_code = 'OLD1', client_code_sealed = NULL WHERE id = :id"),
            {"id": prep_id},
        )
        db.session.commit()
        db.session.expire_all()
        assert db.session.scalar(select(Observation.note)) == "old observation"
        assert db.session.get(Preparation, prep_id).client_code == "OLD1"
    result = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    assert "1 client codes moved" in result.output
    with app.app_context():
        note = db.session.execute(text("SELECT note FROM observations")).scalar()
        assert note.startswith("v3.")
        plain, sealed = db.session.execute(
            text("SELECT client_code, client_code_sealed FROM preparations WHERE id = :id"), {"id": prep_id}
        ).one()
        assert plain == "" and sealed.startswith("v3.")
        db.session.expire_all()
        assert db.session.scalar(select(Observation.note)) == "old observation"
        assert db.session.get(Preparation, prep_id).client_code == "OLD1"
