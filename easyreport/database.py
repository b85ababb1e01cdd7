"""The SQLAlchemy engine and the per-request session, bound to the app in create_app."""

from __future__ import annotations

from typing import Any

from flask import Flask, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from easyreport.db_base import Base


class Database:
    """Own the engine and hand out one ORM session per application context."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.session_factory: sessionmaker[Session] | None = None

    def init_app(self, app: Flask, url: str) -> None:
        """Create the engine for the configured URL and close the session after each request."""
        self.engine = make_engine(url)
        self.session_factory = sessionmaker(self.engine, expire_on_commit=False)
        app.teardown_appcontext(self._close)

    @property
    def session(self) -> Session:
        """Return this application context's session, opening it on first use."""
        if "db_session" not in g:
            if self.session_factory is None:
                raise RuntimeError("Database.init_app was not called.")
            g.db_session = self.session_factory()
        session: Session = g.db_session
        return session

    def new_session(self) -> Session:
        """Open a session outside the request's own (for work that must commit on its own)."""
        if self.session_factory is None:
            raise RuntimeError("Database.init_app was not called.")
        return self.session_factory()

    def create_all(self) -> None:
        """Create missing tables (the schema is small and new; migrations come with the first change to keep)."""
        assert self.engine is not None
        Base.metadata.create_all(self.engine)

    @staticmethod
    def _close(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets foreign keys and secure_delete, so purged data is overwritten on disk."""
    kwargs: dict[str, Any] = {}
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
