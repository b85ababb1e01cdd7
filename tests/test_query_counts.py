"""No N+1 queries: the number of SQL statements a page makes does not grow with the rows it lists."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from easyreport.extensions import db
from easyreport.roles import Role
from tests.briefing.factory import TYPICAL, make_preparation


@contextmanager
def counted(app) -> Iterator[list[str]]:
    """Collect every SQL statement the app's engine runs inside the block."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _statements(app, client, path: str) -> int:
    client.get(path)  # once before, so lazily made rows (units, settings) exist in both counts
    with counted(app) as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(statements)


def test_the_counsellor_home_makes_as_many_queries_for_six_preparations_as_for_one(app, client, logged_in):
    counsellor = logged_in(Role.COUNSELLOR)
    make_preparation(app, counsellor.id)
    one = _statements(app, client, "/counsellor/")
    for n in range(5):
        make_preparation(app, counsellor.id, answers=dict(list(TYPICAL.items())[: n * 5]))
    six = _statements(app, client, "/counsellor/")
    assert six == one
    assert one <= 8, f"{one} statements for the counsellor home"


def test_the_overview_makes_as_many_queries_for_all_answers_as_for_one(app, client, logged_in):
    counsellor = logged_in(Role.COUNSELLOR)
    few = make_preparation(app, counsellor.id, answers=dict(list(TYPICAL.items())[:1]), observations={})
    full = make_preparation(app, counsellor.id)
    assert (
        _statements(app, client, f"/counsellor/preparations/{full}")
        <= _statements(app, client, f"/counsellor/preparations/{few}") + 1
    )  # the full one has observations: one more table read, never one per row
