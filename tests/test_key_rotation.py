"""Rotating the data key: every encrypted value moves to the new key and still reads back."""

from __future__ import annotations

from sqlalchemy import select, text

from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import service
from easyreport.preparation.models import Answer, Observation, StatementNote
from easyreport.roles import Role
from easyreport.security.crypto import generate_key
from easyreport.timeutil import utcnow
from tests.conftest import TEST_DATA_KEY, make_test_app


def test_rotate_re_encrypts_everything_and_reads_back(tmp_path, make_user, app):
    owner = make_user(Role.COUNSELLOR)
    question = QUESTIONNAIRE.questions[0]
    with app.app_context():
        preparation = service.create(db.session, owner.id, "R1", "18-22", "nl", now=utcnow())
        service.record_answer(
            db.session,
            preparation,
            QUESTIONNAIRE,
            question.id,
            ["dont_know"],
            entered_by="client",
            now=utcnow(),
        )
        service.record_observation(db.session, preparation, "stress", [], "note text", now=utcnow())
        service.add_statement(db.session, preparation, owner.id, "the words", "today", "me", now=utcnow())
        db.session.commit()
        url = str(db.engine.url)

    rotated = make_test_app(
        tmp_path / "rotated",
        fresh=False,
        DATABASE_URL=url,
        ENCRYPTION_KEYS=f"test:{TEST_DATA_KEY},new:{generate_key()}",
        ENCRYPTION_ACTIVE_KEY="new",
    )
    result = rotated.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    assert "now use key 'new'" in result.output
    with rotated.app_context():
        for table, column in (
            ("answers", "option_ids"),
            ("observations", "note"),
            ("statement_notes", "words"),
        ):
            tokens = db.session.execute(text(f"SELECT {column} FROM {table}")).scalars().all()
            assert tokens and all(token.startswith("v3.new.") for token in tokens), table
        assert db.session.scalar(select(Answer.option_ids)) == ["dont_know"]
        assert db.session.scalar(select(Observation.note)) == "note text"
        assert db.session.scalar(select(StatementNote.words)) == "the words"
