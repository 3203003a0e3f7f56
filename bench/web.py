"""Queue and ticket page latency under concurrent agents, on SQLite and PostgreSQL.

Builds a database with 100,000 mentions and 20,000 open tickets (3 posts each from customers
with Reddit and YouTube personas, the newest needing a reply in 16,000 of them, plus 40,000 posts
outside tickets) and 300 knowledge
documents, builds the knowledge index and stores the suggested answers of every open ticket's
newest customer post with the function `listenpost index` and `listenpost watch` run
(webapp.suggestions.store_pending). Ticket posts say one of 400 texts (with its title in an
opening post), so storing the suggestions takes one embedding per distinct text, not 20,000;
the web requests do not depend on it.

Serves the app in child processes with `listenpost serve`'s server (waitress; --server werkzeug
for the development server), logs in 20 clients and lets each fetch queue pages (filters and
paging) and ticket pages (thread, customer posts, identity card, suggested answers) and prints
p50 and p95 per page and backend, in milliseconds from sending the request to having read the
whole response:

- queue, ticket: one page request each. Pages only read: a ticket page shows the stored
  suggestions inline (with `--no-index`, the note that they are being prepared), checked on
  every ticket page.

    python bench/web.py [--requests 1000] [--clients 20] [--workers 1 2] [--think 0 1]
                        [--server waitress werkzeug] [--pg URL] [--sqlite-only | --pg-only]

"back-to-back": every client sends its next request as soon as the last one is answered (the
server saturated); "think T": each client pauses a random 0-2T seconds before its first request
and between requests, like an agent reading a page (without the first pause all 20 clients'
first requests, queue pages, arrive in the same millisecond: 10% of the queue samples, which
then decide the p95).

PostgreSQL: --pg, else LISTENPOST_BENCH_DATABASE_URL, else LISTENPOST_TEST_DATABASE_URL (a
fresh database is created beside the one named there and dropped afterwards).
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

N_MENTIONS = 100_000
N_TICKETS = 20_000
PER_TICKET = 3
N_DOCS = 300
N_TEXTS = 400
PASSWORD = "bench-password"  # noqa: S105 - a throwaway database

WORDS = ("router wifi bill charged twice refund roaming signal outage app login sim apn "
         "factura cobertura portabilidad baja nubebox slow data contract fee").split()  # fmt: skip


def build(url: str, home: Path | None = None, index: bool = False) -> None:
    """Fill an empty database at ``url`` (schema by the migrations); ``index``: also build the
    knowledge index under ``home``, so ticket pages get the indexer's suggestions."""
    from sqlalchemy import insert

    from config import load_settings
    from pipelines.models.db import Database
    from pipelines.models.records import (
        Customer,
        KnowledgeDoc,
        Mention,
        Persona,
        PersonaLink,
        Ticket,
    )
    from webapp.accounts import create_user

    home = home or Path(tempfile.mkdtemp(prefix="lp-bench-home-"))
    db = Database(load_settings(home=str(home), database_url=url))
    db.init()
    rng = random.Random(7)  # noqa: S311 - reproducible data
    now = datetime.now(UTC)

    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    # ticket posts say one of N_TEXTS things (an opening post with that text's title): storing
    # the suggestions takes one embedding per distinct text, minutes rather than hours on 2 cores
    titles = [text(8) for _ in range(N_TEXTS)]
    bodies = [text(40) for _ in range(N_TEXTS)]

    t0 = time.perf_counter()
    with db.engine.begin() as conn:
        conn.execute(insert(Customer), [{"id": i, "name": f"customer {i}", "created_at": now}
                                        for i in range(1, N_TICKETS + 1)])  # fmt: skip
        personas = []
        for i in range(1, N_TICKETS + 1):
            personas.append({"id": 2 * i - 1, "platform": "reddit", "handle": f"user_{i}",
                             "customer_id": i, "created_at": now, "pinned": False})  # fmt: skip
            personas.append({"id": 2 * i, "platform": "youtube", "handle": f"User {i}",
                             "customer_id": i, "created_at": now, "pinned": False})  # fmt: skip
        conn.execute(insert(Persona), personas)
        conn.execute(insert(PersonaLink), [
            {"persona_a_id": 2 * i - 1, "persona_b_id": 2 * i, "evidence": "same_handle",
             "confidence": 0.8, "status": "auto", "created_at": now}
            for i in range(1, N_TICKETS + 1)])  # fmt: skip
        conn.execute(insert(Ticket), [
            {"id": i, "customer_id": i, "status": rng.choice(("open", "open", "active", "pending")),
             "priority": rng.random(), "team": rng.choice(("billing", "network", "devices")),
             "topic": rng.choice(("billing", "network", "devices")),
             "assignee": rng.choice((None, None, "agent1", "agent2")),
             "reassigned": rng.random() < 0.02,
             "sla_due_at": now + timedelta(minutes=rng.randint(-600, 600)),
             "created_at": now - timedelta(hours=rng.randint(1, 200)), "updated_at": now}
            for i in range(1, N_TICKETS + 1)])  # fmt: skip
        rows = []
        mid = 0
        for i in range(1, N_TICKETS + 1):
            for k in range(PER_TICKET):
                mid += 1
                j = rng.randrange(N_TEXTS)
                yt = k == 2
                rows.append({
                    "id": mid, "platform": "youtube" if yt else "reddit",
                    "source_id": f"yt{mid}" if yt else f"t{'3' if k == 0 else '1'}_{mid}",
                    "kind": "comment" if k else "post",
                    "thread_id": f"v{i}" if yt else f"t3_{mid - k}",
                    "parent_id": None if k == 0 else f"t3_{mid - k}",
                    "url": f"https://www.reddit.com/r/x/comments/{mid}/",
                    "persona_id": 2 * i if yt else 2 * i - 1, "author": f"user_{i}",
                    "title": titles[j] if k == 0 else None, "text": bodies[j],
                    "lang": rng.choice(("en", "es")),
                    "created_at": now - timedelta(minutes=rng.randint(1, 60 * 24 * 30)),
                    "collected_at": now, "content_hash": uuid.uuid4().hex, "ticket_id": i,
                    "is_complaint": True, "sentiment": "negative", "topic": "billing",
                    # the newest post of 4 tickets in 5 still needs a reply (the queue lists them)
                    "role": "complaint", "needs_reply": k == 2 and i % 5 != 0,
                    "by_brand": False, "content_type": "mention",
                    "score": 1, "replies": 0, "views": 0})  # fmt: skip
        while mid < N_MENTIONS:
            mid += 1
            rows.append({
                "id": mid, "platform": rng.choice(("reddit", "youtube", "forum")),
                "source_id": f"x{mid}", "kind": "post", "thread_id": f"x{mid}",
                "author": f"someone_{mid % 5000}", "title": None, "text": text(30),
                "lang": "en", "created_at": now - timedelta(minutes=rng.randint(1, 60 * 24 * 30)),
                "collected_at": now, "content_hash": uuid.uuid4().hex,
                "sentiment": rng.choice(("negative", "neutral", "positive")),
                "by_brand": rng.random() < 0.05, "content_type": "mention",
                "score": 1, "replies": 0, "views": 0})  # fmt: skip
        for start in range(0, len(rows), 10_000):
            conn.execute(insert(Mention), rows[start : start + 10_000])
        conn.execute(insert(KnowledgeDoc), [
            {"source": "kb" if d % 3 else "third_party", "source_id": f"d{d}", "title": text(6),
             "body": text(120), "url": f"https://help.example/{d}", "lang": "en",
             "content_hash": uuid.uuid4().hex, "trust": 1.0, "score": d % 20, "fetched_at": now,
             "platform": None if d % 3 else "reddit"}
            for d in range(N_DOCS)])  # fmt: skip
    with db.session() as s:
        for name in ("agent1", "agent2"):
            create_user(s, name, "agent", PASSWORD, method="pbkdf2:sha256")
    # planner statistics (and on PostgreSQL the visibility map for index-only scans), as
    # autovacuum keeps them on a live database; outside a transaction, so they are kept
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE" if url.startswith("postgresql") else "ANALYZE")
    print(f"  stored in {time.perf_counter() - t0:.0f} s", flush=True)
    if index:
        from indexer.build import update_indexes
        from webapp.suggestions import store_pending

        t0 = time.perf_counter()
        update_indexes(db.settings, db, collections=("knowledge",))
        print(f"  knowledge index built in {time.perf_counter() - t0:.0f} s", flush=True)
        t0 = time.perf_counter()
        counts = store_pending(db.settings, db)  # what `listenpost index` runs
        print(f"  suggestions stored in {time.perf_counter() - t0:.0f} s: {counts}", flush=True)
    db.dispose()


# One server process on a listening socket it inherits (so several processes share one port):
# waitress as `listenpost serve` runs it (webapp.cli_serve.run_server), or werkzeug's threaded
# development server for comparison (--server werkzeug).
SERVER = """
import sys, socket, logging
from config import load_settings
from webapp import create_app
from webapp.cli_serve import run_server
logging.disable(logging.WARNING)  # waitress warns of every queued request when saturated
settings = load_settings(home=sys.argv[1], database_url=sys.argv[2], web={"secret_key": "bench"})
app = create_app(settings=settings)
print("ready", flush=True)
if sys.argv[5] == "werkzeug":
    from werkzeug.serving import make_server
    fd = int(sys.argv[4])
    make_server("127.0.0.1", int(sys.argv[3]), app, threaded=True, fd=fd).serve_forever()
else:
    run_server(app, sockets=[socket.socket(fileno=int(sys.argv[4]))])
"""


def run_clients(
    base: str, n_clients: int, n_requests: int, think: float = 0.0, index: bool = True
) -> dict[str, list[float]]:
    import re

    import requests

    times: dict[str, list[float]] = {"queue": [], "ticket": []}
    shown = 'class="use-suggestion"' if index else 'class="muted pending"'
    lock = threading.Lock()
    per_client = n_requests // n_clients
    barrier = threading.Barrier(n_clients)

    def client(idx: int) -> None:
        rng = random.Random(idx)  # noqa: S311
        http = requests.Session()
        page = http.get(base + "/login").text
        found = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert found is not None
        token = found.group(1)
        form = {"username": f"agent{idx % 2 + 1}", "password": PASSWORD, "csrf_token": token}
        r = http.post(base + "/login", data=form, allow_redirects=False)
        assert r.status_code == 302, r.status_code
        barrier.wait()
        if think:  # agents do not all click at the same moment: start as out of step as later
            time.sleep(rng.uniform(0, 2 * think))
        for j in range(per_client):
            if j % 2:
                kind = "ticket"
                path = f"/tickets/{rng.randint(1, N_TICKETS)}"
            else:
                kind = "queue"
                path = rng.choice(["/", "/?page=2", "/?page=40", "/?channel=youtube",
                                   "/?lang=es&team=billing", "/?mine=1", "/?status=pending",
                                   "/?assignee=-"])  # fmt: skip
            t = time.perf_counter()
            resp = http.get(base + path)
            dt = (time.perf_counter() - t) * 1000
            assert resp.status_code == 200, (path, resp.status_code)
            with lock:
                times[kind].append(dt)
            if kind == "ticket":
                assert shown in resp.text, path  # stored suggestions, or the pending note
            if think:
                time.sleep(rng.uniform(0, 2 * think))
        http.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(n_clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def pct(values: list[float], p: float) -> float:
    from webapp.kpis import percentile

    return percentile(values, p) or 0.0


def measure(name: str, url: str, args: argparse.Namespace) -> None:
    print(f"{name}: building {N_MENTIONS:,} mentions, {N_TICKETS:,} tickets", flush=True)
    home = tempfile.mkdtemp(prefix="lp-bench-serve-")
    build(url, Path(home), index=not args.no_index)
    for server, workers in itertools.product(args.server, args.workers):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        port = sock.getsockname()[1]
        procs = [
            subprocess.Popen(  # noqa: S603 - our own interpreter and script
                [
                    sys.executable,
                    "-c",
                    SERVER,
                    home,
                    url,
                    str(port),
                    str(sock.fileno()),
                    server,
                ],
                stdout=subprocess.PIPE,
                cwd=ROOT,
                pass_fds=(sock.fileno(),),
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )  # fmt: skip
            for _ in range(workers)
        ]
        try:
            for proc in procs:
                assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
            base = f"http://127.0.0.1:{port}"
            run_clients(base, args.clients, args.clients * 4, index=not args.no_index)  # warm up
            for think in args.think:
                t0 = time.perf_counter()
                times = run_clients(
                    base, args.clients, args.requests, think, index=not args.no_index
                )
                wall = time.perf_counter() - t0
                mode = f"think {think:g} s" if think else "back-to-back"
                load = os.getloadavg()[0]
                print(f"  {server}, {workers} server process(es), {args.clients} clients, "
                      f"{mode}: "
                      f"{args.requests / wall:.0f} requests/s (load average {load:.1f})",
                      flush=True)  # fmt: skip
                for kind, values in times.items():
                    if not values:
                        print(f"    {kind:<11} n=    0")
                        continue
                    p50 = statistics.median(values)
                    print(f"    {kind:<11} n={len(values):>5}  p50 {p50:6.1f} ms  "
                          f"p95 {pct(values, 95):6.1f} ms", flush=True)  # fmt: skip
        finally:
            for proc in procs:
                proc.terminate()
                proc.wait(10)
            sock.close()


def pg_database(admin_url: str) -> tuple[str, object]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = make_url(admin_url)
    name = f"lp_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()

    return admin.set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=1000, help="timed requests per backend")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--pg", default=os.environ.get("LISTENPOST_BENCH_DATABASE_URL")
                    or os.environ.get("LISTENPOST_TEST_DATABASE_URL"))  # fmt: skip
    ap.add_argument("--sqlite-only", action="store_true")
    ap.add_argument("--pg-only", action="store_true")
    ap.add_argument("--no-index", action="store_true",
                    help="no knowledge index: suggestions pending")  # fmt: skip
    ap.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1, 2],
        help="server processes sharing the port (each threaded)",
    )
    ap.add_argument(
        "--server",
        choices=("waitress", "werkzeug"),
        nargs="+",
        default=["waitress"],
        help="waitress: what `listenpost serve` runs; werkzeug: the development server",
    )
    ap.add_argument("--think", type=float, nargs="+", default=[0.0, 1.0],
                    help="mean pause between a client's requests, seconds (0: none)")  # fmt: skip
    args = ap.parse_args()
    print(f"machine: {platform.machine()} {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, {platform.platform()}")  # fmt: skip
    tmp = Path(tempfile.mkdtemp(prefix="lp-bench-"))
    if not args.pg_only:
        measure("SQLite", f"sqlite:///{tmp / 'bench.db'}", args)
    if args.pg and not args.sqlite_only:
        url, drop = pg_database(args.pg)
        try:
            measure("PostgreSQL", url, args)
        finally:
            drop()  # type: ignore[operator]
    elif not args.sqlite_only:
        print("PostgreSQL: skipped (no --pg or LISTENPOST_BENCH_DATABASE_URL)")


if __name__ == "__main__":
    main()
