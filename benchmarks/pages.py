"""Throughput and latency of each page type against a bare route, under gunicorn, in the same run.

Run from the repository root:  PYTHONPATH=. .venv/bin/python benchmarks/pages.py [--workers 2] [--seconds 4]

It starts the app under gunicorn (``benchmarks/_served.py`` adds a bare route returning a short string; the
app itself has none), fills a fresh SQLite database through the real services (a counsellor with a complete
preparation, consent and sheet settings, the sheet shared with an officer), logs in over HTTP, and then for
each page type measures the page and the bare route in turn: ``--clients`` threads, each with its own login
and keep-alive connection, requesting as fast as answers come for ``--seconds``. Three repeats (``--repeats``);
printed per page: throughput as a share of the bare route's and p50/p95 latency against the bare route's,
each as min / median / max over the repeats. The ratios are the figures to quote: the machine is shared.

Goals (issue 14): client question screen >= 0.5 of bare with p95 <= 2x; counsellor pages >= 0.3; sheet
pages >= 0.25.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks._served import BARE_PATH, PASSWORD, Browserless, environment, gunicorn, instance


@dataclass
class Seeded:
    preparation: str
    client_preparation: str
    question: str
    share: str = ""


def _seed(env: dict[str, str]) -> Seeded:
    """Fill the database through the real services, in this process, with the server's settings."""
    with instance(env) as app:
        from easyreport.accounts import service as accounts
        from easyreport.content.questionnaire import QUESTIONNAIRE
        from easyreport.extensions import db
        from easyreport.roles import Role
        from tests.briefing.factory import TYPICAL, make_preparation, ready_sheet

        with app.app_context():
            db.create_all()
            for role in (Role.COUNSELLOR, Role.OFFICER, Role.ADMIN):
                accounts.create_account(db.session, role.value, role, PASSWORD, min_length=1)
            db.session.commit()
            owner_id = next(u.id for u in accounts.list_accounts(db.session) if u.username == "counsellor")
        preparation = ready_sheet(app, owner_id)
        half = dict(list(TYPICAL.items())[: len(TYPICAL) // 2])
        client_preparation = make_preparation(app, owner_id, answers=half)
        question = QUESTIONNAIRE.questions[len(TYPICAL) // 2].id
        with app.app_context():
            db.engine.dispose()
        return Seeded(preparation, client_preparation, question)


@dataclass
class Sessions:
    """Per client thread: a counsellor, a device in client mode, an officer."""

    staff: Browserless
    device: Browserless
    officer: Browserless


def _sessions(port: int, seeded: Seeded) -> Sessions:
    staff = Browserless(port)
    staff.log_in("counsellor")
    device = Browserless(port)
    device.log_in("counsellor")
    overview = f"/counsellor/preparations/{seeded.client_preparation}"
    if device.post(f"{overview}/client-mode", {}, overview) != 302:
        raise RuntimeError("client mode did not start")
    officer = Browserless(port)
    officer.log_in("officer")
    return Sessions(staff, device, officer)


def _share(port: int, seeded: Seeded) -> str:
    staff = Browserless(port)
    staff.log_in("counsellor")
    share_page = f"/counsellor/preparations/{seeded.preparation}/share"
    html = staff.get(share_page)
    officer_ids = re.findall(r'name="officers"[^>]*value="(\d+)"', html)
    if not officer_ids:
        raise RuntimeError("the share page offers no officer")
    status = staff.post(share_page, {"officers": officer_ids[:1], "days": "14"}, share_page)
    if status != 302:
        raise RuntimeError(f"sharing answered {status}")
    officer = Browserless(port)
    officer.log_in("officer")
    ids = re.findall(r"/officer/sheets/([\w-]+)", officer.get("/officer/"))
    if not ids:
        raise RuntimeError("the officer sees no shared sheet")
    return ids[0]


@dataclass
class Figures:
    throughput: float
    p50: float
    p95: float
    errors: int = 0


@dataclass
class Page:
    name: str
    who: Callable[[Sessions], Browserless]
    path: str
    results: list[tuple[Figures, Figures]] = field(default_factory=list)


def _measure(
    sessions: list[Sessions], who: Callable[[Sessions], Browserless], path: str, seconds: float
) -> Figures:
    latencies: list[list[float]] = [[] for _ in sessions]
    errors = [0] * len(sessions)
    start = threading.Barrier(len(sessions) + 1)
    stop_at = [0.0]

    def run(index: int) -> None:
        client = who(sessions[index])
        start.wait()
        while time.perf_counter() < stop_at[0]:
            began = time.perf_counter()
            status, _ = client.request("GET", path)
            latencies[index].append(time.perf_counter() - began)
            if status != 200:
                errors[index] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(sessions))]
    for thread in threads:
        thread.start()
    stop_at[0] = time.perf_counter() + seconds
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    every = sorted(x for per in latencies for x in per)
    q = statistics.quantiles(every, n=100)
    return Figures(len(every) / elapsed, q[49] * 1000, q[94] * 1000, sum(errors))


def _spread(values: list[float], digits: int = 2) -> str:
    return f"{min(values):.{digits}f} / {statistics.median(values):.{digits}f} / {max(values):.{digits}f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--seconds", type=float, default=4.0, help="length of one measurement")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated page names to measure")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="easyreport-bench-"))
    env = environment(home)
    seeded = _seed(env)
    with gunicorn(env, home, args.workers, args.threads) as port:
        seeded.share = _share(port, seeded)
        sessions = [_sessions(port, seeded) for _ in range(args.clients)]
        pages = [
            Page("client question screen", lambda s: s.device, f"/client/questions/{seeded.question}"),
            Page("counsellor home", lambda s: s.staff, "/counsellor/"),
            Page("preparation overview", lambda s: s.staff, f"/counsellor/preparations/{seeded.preparation}"),
            Page("sheet (HTML)", lambda s: s.staff, f"/briefing/{seeded.preparation}/sheet"),
            Page("officer's sheet", lambda s: s.officer, f"/officer/sheets/{seeded.share}"),
        ]
        if args.only:
            wanted = {name.strip() for name in args.only.split(",")}
            pages = [page for page in pages if page.name in wanted]
        for page in pages:  # warm up: templates compiled, caches filled, in every worker
            for _ in range(4 * args.workers):
                page.who(sessions[0]).get(page.path)
                sessions[0].staff.get(BARE_PATH)
        for _ in range(args.repeats):
            for page in pages:
                bare = _measure(sessions, lambda s: s.staff, BARE_PATH, args.seconds)
                measured = _measure(sessions, page.who, page.path, args.seconds)
                page.results.append((measured, bare))

    print(
        f"gunicorn {args.workers} workers x {args.threads} threads, {args.clients} clients, "
        f"{args.seconds:g} s per measurement, {args.repeats} repeats; min / median / max over the repeats"
    )
    header = f"{'page':<24} {'req/s page':>20} {'req/s bare':>22} {'ratio':>18} {'p50 ms page':>20} {'p50 ms bare':>18} {'p95 ms page':>20} {'p95 ms bare':>18} {'errors':>6}"
    print(header)
    for page in pages:
        got = [m for m, _ in page.results]
        bare = [b for _, b in page.results]
        print(
            f"{page.name:<24} {_spread([m.throughput for m in got], 1):>20} {_spread([b.throughput for b in bare], 1):>22} "
            f"{_spread([m.throughput / b.throughput for m, b in page.results]):>18} "
            f"{_spread([m.p50 for m in got], 1):>20} {_spread([b.p50 for b in bare], 1):>18} "
            f"{_spread([m.p95 for m in got], 1):>20} {_spread([b.p95 for b in bare], 1):>18} "
            f"{sum(m.errors for m in got):>6}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
