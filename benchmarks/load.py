"""Load benchmark (issue 14): many client sessions, counsellors and officers at once, under gunicorn.

Run from the repository root:  PYTHONPATH=. .venv/bin/python benchmarks/load.py [--duration 60] [--postgres]

It fills a fresh database through the real services (counsellor and officer accounts, one empty preparation
per client session, a finished sheet per counsellor shared with every officer), starts the app under gunicorn
(``benchmarks/_served.py``) and then, for ``--duration`` seconds, runs one thread per simulated person:

- client sessions (``--clients``, logins spread over the first ~10 s): a counsellor logs in, opens the
  preparation, starts client mode, and the client answers the questions one by one, thinking 3-8 s per answer;
- counsellors (``--counsellors``) browsing their home page, preparation overviews and sheets, 2-5 s apart;
- officers (``--officers``) reading their home page and the sheets shared with them, 2-5 s apart;
- one probe requesting the bare route every ~0.2 s, the baseline measured under the same load.

It is a benchmark, not a test: it prints per step type the count, errors, p50, p95 and max, the goal line
(p95 of client steps <= 500 ms), and then checks that every answer the server acknowledged (a redirect after
the POST) is in the database with the options sent. Exits 1 on any error or lost answer.

``--postgres`` runs it against a throwaway PostgreSQL server (scripts/with-postgres.sh, needs root);
BENCH_DATABASE_URL picks any other empty database.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from benchmarks._served import BARE_PATH, PASSWORD, ROOT, Browserless, environment, gunicorn, instance

LOGIN, QUESTION, ANSWER, COUNSELLOR, OFFICER, BARE = (
    "login",
    "client question GET",
    "answer POST",
    "counsellor page",
    "officer page",
    "bare route (baseline)",
)
STEPS = (LOGIN, QUESTION, ANSWER, COUNSELLOR, OFFICER)
CLIENT_STEPS = (QUESTION, ANSWER)
GOAL_MS = 500.0
RAMP_SECONDS = 10.0
THINK = (3.0, 8.0)  # seconds a client takes per question
BROWSE = (2.0, 5.0)  # seconds between a counsellor's or officer's pages
BARE_EVERY = 0.2


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which ``share`` (0..1) of the values lie, interpolated between the nearest two."""
    if not values:
        return math.nan
    ordered = sorted(values)
    at = share * (len(ordered) - 1)
    low = math.floor(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


@dataclass
class Seeded:
    counsellors: list[str]
    officers: list[str]
    # Per client session: the counsellor who hands over the device, and the preparation's public id.
    clients: list[tuple[str, str]]
    # Per counsellor: the preparations they can open (the shared sheet first).
    own: dict[str, list[str]]
    browsing: int  # how many of the counsellors browse (one account exists even with --counsellors 0)


def seed(env: dict[str, str], clients: int, counsellors: int, officers: int) -> Seeded:
    """Fill the database through the app's own services, as the test factories do."""
    with instance(env) as app:
        from easyreport.accounts import service as accounts
        from easyreport.extensions import db
        from easyreport.preparation import service as preparations
        from easyreport.roles import Role
        from easyreport.sharing import service as sharing
        from easyreport.timeutil import utcnow
        from tests.briefing.factory import get_preparation, ready_sheet

        # Client sessions need a counsellor to hand over the device even when none browses.
        staff = [f"counsellor{i + 1}" for i in range(max(counsellors, 1))]
        police = [f"officer{i + 1}" for i in range(officers)]
        with app.app_context():
            db.create_all()
            ids = {}
            for name in staff:
                ids[name] = accounts.create_account(
                    db.session, name, Role.COUNSELLOR, PASSWORD, min_length=1
                ).id
            officer_ids = [
                accounts.create_account(db.session, name, Role.OFFICER, PASSWORD, min_length=1).id
                for name in police
            ]
            db.session.commit()
        own = {name: [ready_sheet(app, ids[name])] for name in staff}
        handed: list[tuple[str, str]] = []
        with app.app_context():
            if officer_ids:
                sharing.ensure_default_units(db.session)
                for name in staff:
                    preparation = get_preparation(own[name][0])
                    sharing.share(db.session, preparation, officer_ids, 14, by=ids[name], now=utcnow())
            for i in range(clients):
                name = staff[i % len(staff)]
                created = preparations.create(db.session, ids[name], f"L{i}", "18-22", "nl", now=utcnow())
                db.session.flush()
                handed.append((name, created.public_id))
                own[name].append(created.public_id)
            db.session.commit()
            db.engine.dispose()
        return Seeded(staff, police, handed, own, counsellors)


@dataclass
class Recorder:
    """Every timed request by step type, from all threads."""

    samples: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in (*STEPS, BARE)})
    errors: dict[str, int] = field(default_factory=lambda: {s: 0 for s in (*STEPS, BARE)})
    notes: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)  # threads that died of an exception (counted as errors)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, step: str, note: str) -> None:
        with self.lock:
            self.errors[step] += 1
            if len(self.notes) < 20:
                self.notes.append(f"{step}: {note}")

    def timed(
        self,
        step: str,
        who: Browserless,
        method: str,
        path: str,
        expect: int,
        form: dict[str, object] | None = None,
    ) -> str | None:
        """Make one request and record its time; an unexpected status (any 5xx included) is an error: None."""
        began = time.perf_counter()
        try:
            status, text = who.request(method, path, form)
        except OSError as failure:
            self.error(step, f"{method} {path}: {failure!r}")
            return None
        elapsed = time.perf_counter() - began
        with self.lock:
            self.samples[step].append(elapsed)
        if status != expect:
            self.error(step, f"{method} {path} answered {status}, expected {expect}")
            return None
        return text


@dataclass
class Run:
    port: int
    recorder: Recorder
    stop: threading.Event
    ends_at: float
    # Per preparation: the answers the server acknowledged, question id -> options sent.
    acknowledged: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def pause(self, seconds: float) -> bool:
        """Wait as a person would; False once the run is over (no step is started after the end)."""
        if time.monotonic() + seconds >= self.ends_at:
            return False
        return not self.stop.wait(seconds)


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html)
    return match.group(1) if match else ""


def log_in(run: Run, username: str) -> Browserless | None:
    """Log in through the real form, CSRF token included; both requests count as login steps."""
    who = Browserless(run.port)
    page = run.recorder.timed(LOGIN, who, "GET", "/login", 200)
    if page is None:
        return None
    form: dict[str, object] = {
        "username": username,
        "password": PASSWORD,
        "csrf_token": hidden(page, "csrf_token"),
    }
    if run.recorder.timed(LOGIN, who, "POST", "/login", 302, form) is None:
        return None
    return who


def client_session(run: Run, counsellor: str, preparation: str, delay: float) -> None:
    """A counsellor hands the device over, then the client answers one question after another."""
    record = run.recorder
    if not run.pause(delay):
        return
    device = log_in(run, counsellor)
    if device is None:
        return
    overview_path = f"/counsellor/preparations/{preparation}"
    overview = record.timed(COUNSELLOR, device, "GET", overview_path, 200)
    if overview is None:
        return
    token: dict[str, object] = {"csrf_token": hidden(overview, "csrf_token")}
    if record.timed(COUNSELLOR, device, "POST", f"{overview_path}/client-mode", 302, token) is None:
        return
    if record.timed(QUESTION, device, "GET", "/client/", 200) is None:  # the welcome screen
        return
    from easyreport.content.questionnaire import QUESTIONNAIRE

    path = f"/client/questions/{QUESTIONNAIRE.questions[0].id}"
    answered = run.acknowledged.setdefault(preparation, {})
    while path.startswith("/client/questions/"):
        page = record.timed(QUESTION, device, "GET", path, 200)
        if page is None:
            return
        options = re.findall(r'name="option" value="([^"]+)"', page)
        if not options:
            record.error(QUESTION, f"no options on {path}")
            return
        if not run.pause(random.uniform(*THINK)):
            return
        chosen = random.choice(options)
        form: dict[str, object] = {
            "csrf_token": hidden(page, "csrf_token"),
            "version": hidden(page, "version"),
            "shown_at": hidden(page, "shown_at"),
            "option": chosen,
        }
        if record.timed(ANSWER, device, "POST", path, 302, form) is None:
            return
        # A redirect is the server's word that the answer is saved; the check after the run holds it to that.
        answered[path.rsplit("/", 1)[1]] = (chosen,)
        path = device.location.removeprefix(f"http://127.0.0.1:{run.port}")


def browser(
    run: Run, step: str, username: str, pages: Callable[[Browserless], list[str]], delay: float
) -> None:
    """A counsellor or officer opening their pages in turn, with a pause between pages."""
    if not run.pause(delay):
        return
    who = log_in(run, username)
    if who is None:
        return
    paths = pages(who)
    index = 0
    while paths and run.pause(random.uniform(*BROWSE)):
        run.recorder.timed(step, who, "GET", paths[index % len(paths)], 200)
        index += 1


def officer_pages(run: Run) -> Callable[[Browserless], list[str]]:
    def pages(who: Browserless) -> list[str]:
        home = run.recorder.timed(OFFICER, who, "GET", "/officer/", 200) or ""
        sheets = sorted(set(re.findall(r"/officer/sheets/[\w-]+(?=\")", home)))
        if not sheets:
            run.recorder.error(OFFICER, "the officer sees no shared sheet")
        # Home page and each sheet in turn, as an officer going back to the list between sheets.
        return [p for sheet in sheets for p in ("/officer/", sheet)] or ["/officer/"]

    return pages


def counsellor_pages(own: list[str]) -> Callable[[Browserless], list[str]]:
    def pages(_who: Browserless) -> list[str]:
        shared, *preparations = own
        return ["/counsellor/", f"/counsellor/preparations/{shared}", f"/briefing/{shared}/sheet"] + [
            f"/counsellor/preparations/{p}" for p in preparations[:3]
        ]

    return pages


def bare_probe(run: Run) -> None:
    who = Browserless(run.port)
    while run.pause(random.uniform(0.5, 1.5) * BARE_EVERY):
        run.recorder.timed(BARE, who, "GET", BARE_PATH, 200)


def simulate(port: int, seeded: Seeded, duration: float) -> Run:
    run = Run(port, Recorder(), threading.Event(), time.monotonic() + duration)
    ramp = min(RAMP_SECONDS, duration / 2)
    jobs: list[Callable[[], None]] = []
    for i, (counsellor, preparation) in enumerate(seeded.clients):
        delay = ramp * i / max(len(seeded.clients), 1)
        jobs.append(partial(client_session, run, counsellor, preparation, delay))
    for i, name in enumerate(seeded.counsellors[: seeded.browsing]):
        jobs.append(partial(browser, run, COUNSELLOR, name, counsellor_pages(seeded.own[name]), i * 0.3))
    for i, name in enumerate(seeded.officers):
        jobs.append(partial(browser, run, OFFICER, name, officer_pages(run), i * 0.3 + 0.1))
    jobs.append(partial(bare_probe, run))

    def guarded(job: Callable[[], None]) -> None:
        try:
            job()
        except Exception:  # a crashed person is an error in the figures, not a crashed run
            with run.recorder.lock:
                run.recorder.crashes.append(traceback.format_exc(limit=3))

    threads = [threading.Thread(target=guarded, args=(job,), daemon=True) for job in jobs]
    for thread in threads:
        thread.start()
    time.sleep(max(run.ends_at - time.monotonic(), 0))
    run.stop.set()
    for thread in threads:
        thread.join(timeout=150)  # a request under way may still finish (the HTTP timeout is 120 s)
    return run


def lost_answers(env: dict[str, str], acknowledged: dict[str, dict[str, tuple[str, ...]]]) -> list[str]:
    """Read every acknowledged answer back from the database; say which are missing or different."""
    with instance(env) as app:
        from easyreport.extensions import db
        from easyreport.preparation import service as preparations
        from tests.briefing.factory import get_preparation

        lost = []
        with app.app_context():
            for public_id, answers in acknowledged.items():
                stored = preparations.answers(db.session, get_preparation(public_id))
                for question_id, options in answers.items():
                    if tuple(stored.get(question_id, ())) != options:
                        lost.append(
                            f"{public_id} {question_id}: sent {options}, stored {stored.get(question_id)}"
                        )
            db.engine.dispose()
        return lost


def row(name: str, samples: list[float], errors: int) -> str:
    ms = [s * 1000 for s in samples]
    p50, p95 = percentile(ms, 0.50), percentile(ms, 0.95)
    top = max(ms) if ms else math.nan
    return f"{name:<24} {len(ms):>7} {errors:>6} {p50:>9.1f} {p95:>9.1f} {top:>9.1f}"


def report(run: Run, args: argparse.Namespace, database: str, lost: list[str]) -> bool:
    record = run.recorder
    print(
        f"gunicorn {args.workers} workers, {database}, {args.duration:g} s: {args.clients} client sessions "
        f"(logins over the first {min(RAMP_SECONDS, args.duration / 2):g} s, think {THINK[0]:g}-{THINK[1]:g} s), "
        f"{args.counsellors} counsellors, {args.officers} officers (home page and shared sheets), "
        f"browsing {BROWSE[0]:g}-{BROWSE[1]:g} s apart"
    )
    print(f"{'step':<24} {'count':>7} {'errors':>6} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for step in STEPS:
        print(row(step, record.samples[step], record.errors[step]))
    client = [s for step in CLIENT_STEPS for s in record.samples[step]]
    print(row("client steps", client, sum(record.errors[s] for s in CLIENT_STEPS)))
    every = [s for step in STEPS for s in record.samples[step]]
    errors = sum(record.errors[s] for s in STEPS) + len(record.crashes)
    print(row("total", every, errors))
    print(row(BARE, record.samples[BARE], record.errors[BARE]))
    p95 = percentile([s * 1000 for s in client], 0.95)
    print(
        f"goal: p95 of client steps <= {GOAL_MS:g} ms: {p95:.1f} ms, {'met' if p95 <= GOAL_MS else 'NOT met'}"
    )
    answers = sum(len(a) for a in run.acknowledged.values())
    print(
        f"answers acknowledged: {answers}, read back from the database: {answers - len(lost)}, lost: {len(lost)}"
    )
    for note in record.notes:
        print(f"  error: {note}")
    for crash in record.crashes[:5]:
        print(f"  crashed thread: {crash}")
    for note in lost[:20]:
        print(f"  lost: {note}")
    return errors == 0 and record.errors[BARE] == 0 and not lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of simulated use")
    parser.add_argument("--clients", type=int, default=50, help="client sessions (device in client mode)")
    parser.add_argument("--counsellors", type=int, default=5, help="counsellors browsing their pages")
    parser.add_argument("--officers", type=int, default=5, help="officers reading shared sheets")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--threads", type=int, default=1, help="gunicorn threads per worker (gthread when > 1)"
    )
    parser.add_argument("--postgres", action="store_true", help="on a throwaway PostgreSQL (needs root)")
    args = parser.parse_args()

    if args.postgres:
        url = os.environ.get("EASYREPORT_TEST_DATABASE_URL")
        if not url:  # start the server the way the test suite does, then run again inside it
            script = str(ROOT / "scripts" / "with-postgres.sh")
            os.execvp("bash", ["bash", script, sys.executable, *sys.argv])
        os.environ["BENCH_DATABASE_URL"] = url
    home = Path(tempfile.mkdtemp(prefix="easyreport-load-"))
    env = environment(home)
    database = env["DATABASE_URL"].split(":", 1)[0]
    seeded = seed(env, args.clients, args.counsellors, args.officers)
    with gunicorn(env, home, args.workers, args.threads) as port:
        run = simulate(port, seeded, args.duration)
    lost = lost_answers(env, run.acknowledged)
    return 0 if report(run, args, database, lost) else 1


if __name__ == "__main__":
    raise SystemExit(main())
