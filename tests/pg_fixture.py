"""A throwaway PostgreSQL server for tests, started once per test session and removed afterwards.

Use it from a conftest.py:  ``from tests.pg_fixture import postgres_server, postgres_url  # noqa: F401``

- ``postgres_server`` (session scope): initdb + pg_ctl in a fresh /tmp directory, reachable only through a
  unix socket in that directory (no TCP port, so parallel runs never clash), trust auth, fsync off. As root
  it runs the server as the ``postgres`` system user (initdb refuses root).
- ``postgres_url`` (function scope): a fresh, empty database on that server as a SQLAlchemy URL
  (``postgresql+psycopg://...``), dropped after the test.

Set ``EASYREPORT_TEST_POSTGRES_URL`` to a server URL (a CI service container, say) to use that server instead;
the user needs CREATEDB. Set ``EASYREPORT_PG_BIN`` to the directory holding initdb and pg_ctl if they are not
found on their own. Without either, the fixture FAILS (it never skips): these tests must run.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import URL

SUPERUSER = "easyreport"
SERVER_USER_WHEN_ROOT = "postgres"


@dataclass(frozen=True)
class PostgresServer:
    """A running server and how long it took to start."""

    url: URL
    startup_seconds: float
    log_file: Path | None

    def url_for(self, database: str) -> URL:
        """Return the URL of one database on this server."""
        return self.url.set(database=database)


def _find_bin_dir() -> Path | None:
    candidates: list[Path] = []
    if os.environ.get("EASYREPORT_PG_BIN"):
        candidates.append(Path(os.environ["EASYREPORT_PG_BIN"]))
    if pg_config := shutil.which("pg_config"):
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        if found.returncode == 0:
            candidates.append(Path(found.stdout.strip()))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    if initdb := shutil.which("initdb"):
        candidates.append(Path(initdb).resolve().parent)
    for candidate in candidates:
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    return None


def _run(command: list[str], *, as_user: str | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    if as_user is not None:
        command = ["runuser", "-u", as_user, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False, timeout=120)


def _start_local_server() -> Iterator[PostgresServer]:
    bin_dir = _find_bin_dir()
    if bin_dir is None:
        pytest.fail(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found, so the PostgreSQL tests cannot run. "
            "Install them (Debian: apt-get install postgresql), point EASYREPORT_PG_BIN at their directory, "
            "or set EASYREPORT_TEST_POSTGRES_URL to a running server.",
            pytrace=False,
        )
    as_user: str | None = None
    if os.geteuid() == 0:
        try:
            server_user = pwd.getpwnam(SERVER_USER_WHEN_ROOT)
        except KeyError:
            pytest.fail(
                f"running as root, the test server must run as the {SERVER_USER_WHEN_ROOT!r} user, "
                "which does not exist",
                pytrace=False,
            )
        as_user = SERVER_USER_WHEN_ROOT
    base = Path(tempfile.mkdtemp(prefix="easyreport-pg-"))
    data = base / "data"
    log_file = base / "server.log"
    if as_user is not None:
        os.chown(base, server_user.pw_uid, server_user.pw_gid)
    started = time.perf_counter()
    running = False
    try:
        init = _run(
            [
                str(bin_dir / "initdb"),
                "--pgdata",
                str(data),
                "--username",
                SUPERUSER,
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
            as_user=as_user,
            cwd=base,
        )
        if init.returncode != 0:
            pytest.fail(f"initdb failed:\n{init.stdout}\n{init.stderr}", pytrace=False)
        with (data / "postgresql.conf").open("a") as conf:
            # Unix socket only, in our own directory; durability is pointless for a throwaway cluster.
            conf.write(
                f"\nlisten_addresses = ''\nunix_socket_directories = '{base}'\nmax_connections = 50\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
        start = _run(
            [str(bin_dir / "pg_ctl"), "--pgdata", str(data), "--log", str(log_file), "--wait", "start"],
            as_user=as_user,
            cwd=base,
        )
        if start.returncode != 0:
            log = log_file.read_text(errors="replace") if log_file.exists() else ""
            pytest.fail(f"pg_ctl start failed:\n{start.stdout}\n{start.stderr}\n{log}", pytrace=False)
        running = True
        url = URL.create(
            "postgresql+psycopg", username=SUPERUSER, database="postgres", query={"host": str(base)}
        )
        yield PostgresServer(url, time.perf_counter() - started, log_file)
    finally:
        if running:
            _run(
                [str(bin_dir / "pg_ctl"), "--pgdata", str(data), "--mode", "fast", "--wait", "stop"],
                as_user=as_user,
                cwd=base,
            )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start a throwaway PostgreSQL server for the test session (or use EASYREPORT_TEST_POSTGRES_URL)."""
    external = os.environ.get("EASYREPORT_TEST_POSTGRES_URL")
    if external:
        url = make_url(external)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        yield PostgresServer(url, 0.0, None)
        return
    yield from _start_local_server()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """Create an empty database for one test and return its SQLAlchemy URL; drop it afterwards."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server.url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield postgres_server.url_for(name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
