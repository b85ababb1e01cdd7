"""Server-side sessions: the cookie carries a random id; data and expiry live in the database.

Keeping sessions on the server is what lets logout, deactivation and a password reset really end
them: a copied cookie is worthless once its row is gone.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, Request, Response, request
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import delete
from werkzeug.datastructures import CallbackDict

from easyreport.accounts.models import StoredSession
from easyreport.auth import CLIENT_IDLE_LOCKED_KEY, CLIENT_MODE_KEY
from easyreport.database import Database
from easyreport.security_headers import CACHEABLE_ENDPOINTS
from easyreport.timeutil import as_utc, utcnow

# How often an unchanged session's last_seen is written: a write per request is not needed for a 30-minute idle limit.
_TOUCH_EVERY = timedelta(seconds=60)


def _hash(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


class ServerSession(CallbackDict[str, Any], SessionMixin):
    """Session data plus the bookkeeping needed to store it."""

    def __init__(
        self, data: dict[str, Any] | None = None, sid: str | None = None, *, ended: bool = False
    ) -> None:
        def on_update(_self: CallbackDict[str, Any]) -> None:
            self.modified = True

        super().__init__(data or {}, on_update)
        self.sid = sid
        self.modified = False
        self.ended = ended  # the browser sent a session that had expired or was ended
        self.old_sid: str | None = None
        self.created_at: datetime | None = None
        self.last_seen: datetime | None = None

    def regenerate(self) -> None:
        """Give the session a new id (at login), so an id known before login is useless after it."""
        if self.sid is not None:
            self.old_sid = self.sid
        self.sid = None
        self.modified = True

    def end(self) -> None:
        """Forget everything and drop the stored row (logout)."""
        self.clear()
        self.regenerate()


# Paths served without a session (no lookup, no cookie): /healthz must answer while the database is down.
SESSIONLESS_PATHS = frozenset({"/healthz"})


class DatabaseSessionInterface(SessionInterface):
    """Store sessions in the sessions table, with idle and absolute limits."""

    def __init__(
        self, db: Database, idle: timedelta, max_age: timedelta, client_idle: timedelta = timedelta(hours=2)
    ) -> None:
        self.db = db
        self.idle = idle
        self.max_age = max_age
        self.client_idle = client_idle

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        sid = request.cookies.get(self.get_cookie_name(app))
        if not sid or len(sid) > 128 or request.path in SESSIONLESS_PATHS:
            return ServerSession()
        with self.db.new_session() as s:
            row = s.get(StoredSession, _hash(sid))
            if row is None:
                return ServerSession(ended=True)
            now = utcnow()
            created, last_seen = as_utc(row.created_at), as_utc(row.last_seen)
            try:
                data = json.loads(row.data)
            except ValueError:
                data = {}
            # Client mode puts no time pressure on the client (long breaks are fine): it is locked to the
            # client screens and leaving needs the counsellor's password. A device left untouched for
            # client_idle still shows the locked screen; the answers are saved already.
            in_client_mode = CLIENT_MODE_KEY in data
            idle_expired = now - last_seen > self.idle and not in_client_mode
            idle_locked = in_client_mode and now - last_seen > self.client_idle
            if idle_expired or (row.user_id is not None and now - created > self.max_age):
                s.delete(row)
                s.commit()
                return ServerSession(ended=True)
        session = ServerSession(data, sid)
        session.created_at, session.last_seen = created, last_seen
        if idle_locked and not session.get(CLIENT_IDLE_LOCKED_KEY):
            session[CLIENT_IDLE_LOCKED_KEY] = True  # marks the session modified, so the flag is stored
        return session

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSession)
        if request.endpoint in CACHEABLE_ENDPOINTS or request.path in SESSIONLESS_PATHS:
            # Static files and audio are cached, shared caches included: they must never carry a cookie,
            # and Vary: Cookie would make the browser fetch them again whenever the cookie changes.
            return
        name = self.get_cookie_name(app)
        domain = self.get_cookie_domain(app)
        path = self.get_cookie_path(app)
        with self.db.new_session() as s:
            if session.old_sid is not None:
                s.execute(delete(StoredSession).where(StoredSession.id_hash == _hash(session.old_sid)))
            if not session:
                if session.sid is not None:
                    s.execute(delete(StoredSession).where(StoredSession.id_hash == _hash(session.sid)))
                s.commit()
                if session.sid is not None or session.old_sid is not None or session.ended:
                    response.delete_cookie(name, domain=domain, path=path)
                return
            now = utcnow()
            user_id = session.get("user_id")
            if session.sid is None:
                session.sid = secrets.token_urlsafe(32)
                s.add(
                    StoredSession(
                        id_hash=_hash(session.sid),
                        user_id=user_id,
                        data=json.dumps(dict(session)),
                        created_at=now,
                        last_seen=now,
                    )
                )
            elif session.modified or session.last_seen is None or now - session.last_seen > _TOUCH_EVERY:
                row = s.get(StoredSession, _hash(session.sid))
                if row is None:  # ended by another request meanwhile (logout elsewhere, deactivation)
                    s.commit()
                    response.delete_cookie(name, domain=domain, path=path)
                    return
                row.data = json.dumps(dict(session))
                row.user_id = user_id
                row.last_seen = now
            s.commit()
        response.set_cookie(
            name,
            session.sid,
            httponly=self.get_cookie_httponly(app),
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
            domain=domain,
            path=path,
        )
        response.vary.add("Cookie")


def purge_expired_sessions(db: Database, idle: timedelta, now: datetime) -> int:
    """Delete sessions idle for longer than the limit; returns how many went."""
    with db.new_session() as s:
        result = s.execute(delete(StoredSession).where(StoredSession.last_seen < now - idle))
        s.commit()
        return int(getattr(result, "rowcount", 0) or 0)
