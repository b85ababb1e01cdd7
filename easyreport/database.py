"""The SQLAlchemy engine and the per-request session, bound to the app in create_app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from easyreport.db_base import Base


@dataclass(frozen=True)
class _Bound:
    engine: Engine
    session_factory: sessionmaker[Session]


class Database:
    """Hand out one ORM session per application context, from the current app's own engine.

    The engine lives on the app (not on this object), so several apps in one process, such as a
    test's app and a live server's, never share a database by accident.
    """

    def init_app(self, app: Flask, url: str) -> None:
        """Create the engine for the configured URL and close the session after each request."""
        engine = make_engine(url)
        app.extensions["easyreport.db"] = _Bound(engine, sessionmaker(engine, expire_on_commit=False))
        app.teardown_appcontext(self._close)

    @staticmethod
    def _bound() -> _Bound:
        bound: _Bound = current_app.extensions["easyreport.db"]
        return bound

    @property
    def engine(self) -> Engine:
        """The current app's engine."""
        return self._bound().engine

    @property
    def session(self) -> Session:
        """Return this application context's session, opening it on first use."""
        if "db_session" not in g:
            g.db_session = self._bound().session_factory()
        session: Session = g.db_session
        return session

    def new_session(self) -> Session:
        """Open a session outside the request's own (for work that must commit on its own)."""
        return self._bound().session_factory()

    def create_all(self) -> None:
        """Create missing tables from the models (tests); a real database is made by migrations (flask db upgrade)."""
        import easyreport.models  # noqa: F401 - registers every table on Base.metadata

        Base.metadata.create_all(self.engine)

    @staticmethod
    def _close(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets foreign keys and secure_delete, so purged data is overwritten on disk."""
    # Error messages and logs show the SQL but never its values: they can be session data, CSRF tokens or
    # ciphertexts, and logs are kept longer and read by more people than the database.
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.close()

    return engine
