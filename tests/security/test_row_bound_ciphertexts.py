"""Every ciphertext is bound to its row: a token moved to another row of the same column does not decrypt.

Before this binding, tokens were bound to table and column only, so a database-level attacker could swap two
clients' answers or notes inside one column and the app read them as genuine.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text, update
from sqlalchemy.orm import aliased

from easyreport.extensions import db
from easyreport.feedback.models import ClientFeedback
from easyreport.preparation import service
from easyreport.preparation.models import Observation, Preparation
from easyreport.roles import Role
from easyreport.security.crypto import DecryptionError, DecryptionFailure
from easyreport.security.encrypted_types import current_keyring
from easyreport.timeutil import utcnow


def _preparations(app, owner_id: int, notes: list[str]) -> list[int]:
    """One preparation per note, each with one observation holding that note; return the preparation ids."""
    ids = []
    with app.app_context():
        for index, note in enumerate(notes):
            preparation = service.create(db.session, owner_id, f"RB{index:04d}", "18-22", "nl", now=utcnow())
            service.record_observation(db.session, preparation, "stress", [], note, now=utcnow())
            ids.append(preparation.id)
        db.session.commit()
    return ids


def _raw(column: str, table: str) -> list[tuple[int, str]]:
    return [tuple(row) for row in db.session.execute(text(f"SELECT id, {column} FROM {table} ORDER BY id"))]


def test_stored_tokens_are_row_bound_and_read_back_by_every_kind_of_query(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    prep_ids = _preparations(app, owner.id, ["first note", "second note"])
    with app.app_context():
        assert all(token.startswith("v3.") for _, token in _raw("note", "observations"))
        db.session.expire_all()
        # Instances, single columns, joins and aliases all name the row they read from.
        assert sorted(o.note for o in db.session.scalars(select(Observation))) == [
            "first note",
            "second note",
        ]
        assert sorted(db.session.scalars(select(Observation.note))) == ["first note", "second note"]
        joined = db.session.execute(
            select(Preparation.client_code_sealed, Observation.note).join(Observation)
        ).all()
        assert sorted(joined) == [("RB0000", "first note"), ("RB0001", "second note")]
        other = aliased(Observation)
        assert sorted(db.session.scalars(select(other.note))) == ["first note", "second note"]
        assert [db.session.get(Preparation, i).client_code for i in prep_ids] == ["RB0000", "RB0001"]


def test_a_changed_value_is_bound_to_its_row_again(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    _preparations(app, owner.id, ["before", "other"])
    with app.app_context():
        observation = db.session.scalars(select(Observation).order_by(Observation.id)).first()
        before = dict(_raw("note", "observations"))[observation.id]
        observation.note = "after"
        db.session.commit()
        after = dict(_raw("note", "observations"))[observation.id]
        assert after != before and after.startswith("v3.")
        db.session.expire_all()
        assert sorted(db.session.scalars(select(Observation.note))) == ["after", "other"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(min_value=2, max_value=6), seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_a_token_moved_to_another_row_of_the_same_column_never_decrypts(app, make_user, size, seed):
    owner = make_user(Role.COUNSELLOR)
    notes = [f"note {seed} {index}" for index in range(size)]
    _preparations(app, owner.id, notes)
    with app.app_context():
        rows = _raw("note", "observations")[-size:]
        ids = [row_id for row_id, _ in rows]
        tokens = [token for _, token in rows]
        shuffled = tokens[:]
        random.Random(seed).shuffle(shuffled)
        if shuffled == tokens:
            shuffled = tokens[1:] + tokens[:1]  # at least one token must move
        for row_id, token in zip(ids, shuffled, strict=True):
            db.session.execute(
                text("UPDATE observations SET note = :t WHERE id = :id"), {"t": token, "id": row_id}
            )
        db.session.commit()
        for row_id, token, original in zip(ids, shuffled, tokens, strict=True):
            db.session.expire_all()
            if token == original:
                assert db.session.get(Observation, row_id).note == notes[ids.index(row_id)]
            else:
                with pytest.raises(DecryptionError):
                    db.session.get(Observation, row_id)
        db.session.rollback()
        db.session.execute(text("DELETE FROM observations"))
        db.session.execute(text("DELETE FROM preparations"))
        db.session.commit()


def test_a_row_bound_client_feedback_keyed_by_its_preparation_cannot_move_to_another(app, make_user):
    # Its primary key is the preparation's id, set by the app, not by the database: bound all the same.
    owner = make_user(Role.COUNSELLOR)
    first, second = _preparations(app, owner.id, ["a", "b"])
    with app.app_context():
        db.session.add(ClientFeedback(preparation_id=first, answers={"listened": "yes"}))
        db.session.add(ClientFeedback(preparation_id=second, answers={}))
        db.session.commit()
        db.session.expire_all()
        assert db.session.get(ClientFeedback, first).answers == {"listened": "yes"}
        db.session.execute(
            text(
                "UPDATE client_feedback SET answers = "
                "(SELECT answers FROM client_feedback WHERE preparation_id = :first) WHERE preparation_id = :second"
            ),
            {"first": first, "second": second},
        )
        db.session.commit()
        db.session.expire_all()
        with pytest.raises(DecryptionError):
            db.session.get(ClientFeedback, second)


def test_a_write_that_bypasses_the_orm_is_never_readable_unbound(app, make_user):
    # A Core UPDATE has no row to bind to: what it stores stays sealed for a placeholder row and fails closed.
    owner = make_user(Role.COUNSELLOR)
    _preparations(app, owner.id, ["kept"])
    with app.app_context():
        db.session.execute(
            update(Observation)
            .values(note="written around the ORM")
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        db.session.expire_all()
        with pytest.raises(DecryptionError) as failure:
            db.session.scalars(select(Observation.note)).all()
        assert failure.value.reason is DecryptionFailure.AUTHENTICATION_FAILED


def test_a_read_that_cannot_name_the_row_fails_closed(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    _preparations(app, owner.id, ["hidden"])
    with app.app_context():
        inner = select(Observation.note).subquery()  # no primary key in the subquery: no row key to check
        with pytest.raises(DecryptionError) as failure:
            db.session.execute(select(inner.c.note)).all()
        assert failure.value.reason is DecryptionFailure.ROW_MISSING


def test_column_bound_tokens_of_the_previous_version_read_and_rotate_to_row_bound(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    _preparations(app, owner.id, ["older note"])
    with app.app_context():
        row_id, _ = _raw("note", "observations")[0]
        old = current_keyring().seal(b"older note", "observations.note")  # what the previous version wrote
        db.session.execute(text("UPDATE observations SET note = :t WHERE id = :id"), {"t": old, "id": row_id})
        db.session.commit()
        db.session.expire_all()
        assert db.session.get(Observation, row_id).note == "older note"
    result = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        token = dict(_raw("note", "observations"))[row_id]
        assert token.startswith("v3.") and token != old
        db.session.expire_all()
        assert db.session.get(Observation, row_id).note == "older note"
