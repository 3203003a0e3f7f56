"""Cluster benchmark: the chain in-process against 1, 2 and 4 Celery workers, on the same data.

    python bench/cluster.py [--items 3000] [--full-items 400] [--batch 64] [--workers 1,2,4]
                            [--chains collect,full] [--batches 200] [--json]

Needs the machine's RabbitMQ and PostgreSQL (``--broker``, default
``amqp://guest:guest@127.0.0.1:5672//``; ``--database``, default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``, used only to create and drop the bench's
own database ``lp_bench``, fresh for every run).

Data: a generated corpus of forum threads (a post and three replies each; English and Spanish
complaints, questions and thanks made of phrase parts, every text different; a pool of
authors that write several posts). Nothing is read from outside the repository.

For each chain (``collect``: normalize, language, dedup, store; ``full``: every stage as
configured) it measures:

``in-process``
    :class:`pipelines.chain.Chain` in this process, batch by batch (``--batch`` items, one
    commit each), on PostgreSQL: what one machine's crawl does with the chain;
``N workers``
    ``listenpost worker --concurrency N`` (one Celery worker, N prefork processes, each with one
    OpenMP thread), fed by the producer the crawlers use (:class:`pipelines.cluster.producer.
    Enqueuer`: JSON over RabbitMQ with publisher confirms), timed from the first publish to the
    last item stored (polled in the database). Each worker process first takes a warm-up batch
    (its sentence model loaded) that is not timed.

Broker overhead: ``--batches`` batches of ``--batch`` items through the same producer to a
worker process whose task decodes each entry (as the chain task does) and runs no stage:
enqueue (encode, publish, confirm), deliver, decode and acknowledge, per item and per message.

Projection for 10 million mentions a month from these figures (assumptions printed with it).

The machine is shared (2 cores, other engineers' processes): the load average is printed with
every figure. 4 workers on 2 cores measure contention, not scale-out.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COLLECT = [
    "pipelines.normalize.Normalize",
    "pipelines.language.Language",
    "pipelines.dedup.Dedup",
    "pipelines.store.Store",
]
BENCH_DB = "lp_bench"
NOOP_TASK = "listenpost.bench_noop"
MONTH_ITEMS = 10_000_000
PEAK_FACTOR = 4.0  # the busiest hour against the month's mean rate (assumed)
UTILISATION = 0.7  # the most a core is planned busy at the peak (assumed)

OPENINGS = {
    "en": [
        "My {thing} keeps {fault} since the {event}",
        "Why does the {thing} keep {fault} after the {event}?",
        "Thanks, the {thing} stopped {fault} once I {fix}",
        "Is anyone else's {thing} {fault} after the {event}?",
        "Third time this week the {thing} is {fault}; I want a refund",
    ],
    "es": [
        "Mi {thing} sigue {fault} desde la {event}",
        "¿Por qué el {thing} sigue {fault} después de la {event}?",
        "Gracias, el {thing} dejó de estar {fault} cuando {fix}",
        "¿A alguien más el {thing} le sigue {fault} tras la {event}?",
        "Tercera vez esta semana que el {thing} está {fault}; quiero la devolución",
    ],
}
PARTS = {
    "en": {
        "thing": ["router", "modem", "app", "mesh extender", "TV box", "invoice", "fibre line"],
        "fault": [
            "dropping the connection",
            "rebooting",
            "charging me twice",
            "freezing",
            "losing the wifi",
            "showing error 651",
            "blinking red",
        ],  # fmt: skip
        "event": ["firmware update", "move", "storm", "plan change", "new contract", "outage"],
        "fix": ["reset it", "changed the channel", "called support", "swapped the cable"],
    },
    "es": {
        "thing": ["router", "módem", "decodificador", "repetidor", "contrato", "servicio"],
        "fault": [
            "cortando la conexión",
            "reiniciándose",
            "cobrándome doble",
            "congelado",
            "perdiendo el wifi",
            "con la luz roja",
        ],  # fmt: skip
        "event": ["actualización", "mudanza", "tormenta", "subida de tarifa", "avería"],
        "fix": ["lo reinicié", "cambié el canal", "llamé a soporte", "cambié el cable"],
    },
}


def corpus(n: int, prefix: str, seed: int = 7) -> list[Any]:
    """``n`` mentions: threads of a post and three replies, texts all different."""
    from crawlers.items import Mention

    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    authors = [f"{prefix}user{k}" for k in range(max(4, n // 6))]
    start = datetime(2026, 10, 1, tzinfo=UTC)
    out: list[Mention] = []
    for k in range(n):
        thread = k // 4
        lang = "es" if thread % 3 == 0 else "en"
        parts = {key: rng.choice(values) for key, values in PARTS[lang].items()}
        text = rng.choice(OPENINGS[lang]).format(**parts)
        text += f" ({prefix} {k}: {rng.randrange(10**9):09d} {rng.choice(authors)})"
        root = k % 4 == 0
        out.append(
            Mention(
                platform="forum",
                source_id=f"{prefix}-{k}",
                kind="post" if root else "comment",
                thread_id=f"{prefix}-{thread * 4}",
                parent_id=None if root else f"{prefix}-{thread * 4}",
                url=f"https://forum.example.com/t/{prefix}/{thread}#{k}",
                author=rng.choice(authors),
                title=f"Thread {thread}: {parts['thing']}" if root else None,
                text=text,
                created_at=start + timedelta(minutes=k),
            )
        )
    return out


def cpu_seconds(match: Any) -> float:
    """CPU time (user + system) of the live processes ``match(pgid, cmdline)`` accepts."""
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:  # gone meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()  # from field 3 (state) on
        if match(int(fields[2]), cmd):
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def postgres_cpu() -> float:
    """The bench database's PostgreSQL backends."""
    return cpu_seconds(lambda _g, cmd: cmd.startswith(b"postgres:") and b" lp_bench " in cmd)


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


class BenchDatabase:
    """The bench's own PostgreSQL database, created empty for each run and dropped at the end."""

    def __init__(self, admin_url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.admin_url = make_url(admin_url)
        self.admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        self.url = self.admin_url.set(database=BENCH_DB).render_as_string(hide_password=False)

    def fresh(self) -> str:
        self.drop()
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{BENCH_DB}"'))
        return self.url

    def drop(self) -> None:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)'))

    def close(self) -> None:
        self.drop()
        self.admin.dispose()


def stored(db: Any) -> int:
    from sqlalchemy import func, select

    from pipelines.models import Mention as MentionRow

    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(MentionRow)) or 0)


def stages_of(chain: str) -> list[str] | None:
    return COLLECT if chain == "collect" else None


def run_in_process(settings: Any, chain: str, warm: list[Any], items: list[Any], batch: int,
                   ) -> dict[str, Any]:  # fmt: skip
    from pipelines.chain import Chain
    from pipelines.models.db import Database

    db = Database(settings)
    db.init()
    try:
        with Chain(settings, db, stages=stages_of(chain)) as ch:
            ch.process_batch(warm)  # models loaded, caches warm
            before = dict(ch.seconds)
            load0 = loadavg()
            cpu0, pg0 = time.process_time(), postgres_cpu()
            started = time.perf_counter()
            for k in range(0, len(items), batch):
                ch.process_batch(items[k : k + batch])
            wall = time.perf_counter() - started
            cpu, pg = time.process_time() - cpu0, postgres_cpu() - pg0
            ms = {
                name: round(1000 * (ch.seconds[name] - before[name]) / len(items), 3)
                for name in ch.seconds
            }
        count = stored(db) - len(warm)
    finally:
        db.dispose()
    return {
        "run": "in-process",
        "chain": chain,
        "items": len(items),
        "seconds": round(wall, 2),
        "items_per_s": round(len(items) / wall, 1),
        "stored": count,
        "cpu_ms_per_item": {"chain": per_item(cpu, items), "postgres": per_item(pg, items)},
        "ms_per_item_by_stage": dict(sorted(ms.items(), key=lambda kv: -kv[1])),
        "load": [load0, loadavg()],
    }


class Worker:
    """``listenpost worker`` in a child process (this file's ``--worker`` entry: the chain's
    stages chosen, or the no-op task registered, before the command starts)."""

    def __init__(self, config: Path, role: str, concurrency: int, queue: str, log: Path,
                 done_file: Path | None = None) -> None:  # fmt: skip
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "LISTENPOST_CONFIG": str(config),
            "HF_HUB_OFFLINE": "1",
            "OMP_NUM_THREADS": "1",
        }
        cmd = [sys.executable, __file__, "--worker", role, "--concurrency", str(concurrency),
               "--queue", queue, "--done-file", str(done_file or "")]  # fmt: skip
        self.log = log
        self._log = log.open("ab")
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and file
            cmd, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=60)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=30)
        self._log.close()


def worker_entry(role: str, concurrency: int, queue: str, done_file: str) -> None:
    """The child: ``listenpost worker`` with the bench's chain or no-op task."""
    import crawlers.settings as scrapy_settings

    if role == "collect":
        scrapy_settings.LISTENPOST_STAGES = COLLECT
    if role == "noop":
        from pipelines.cluster.app import app, decode

        @app.task(name=NOOP_TASK)
        def noop(entries: list[dict[str, Any]]) -> int:
            for entry in entries:
                decode(entry)
            with open(done_file, "a", encoding="utf-8") as fh:
                fh.write(f"{len(entries)}\n")
            return len(entries)

    from webapp.cli import main

    main.main(["worker", "--concurrency", str(concurrency), "--queues", queue],
              prog_name="listenpost", standalone_mode=True)  # fmt: skip


def wait_until(check: Any, timeout: float, what: str, worker: Worker) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if worker.proc.poll() is not None:
            raise SystemExit(f"the worker exited while waiting for {what}: see {worker.log}")
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.25)


def run_workers(ctx: dict[str, Any], chain: str, workers: int, warm: list[Any],
                items: list[Any], reference: int) -> dict[str, Any]:  # fmt: skip
    """Fresh database, ``workers`` worker processes warmed up, then the corpus enqueued and
    timed until the last item is stored."""
    from config import load_settings
    from pipelines.cluster.producer import Enqueuer
    from pipelines.models.db import Database
    from tests.cluster.support import write_config

    url = ctx["pg"].fresh()
    data = {"home": str(ctx["tmp"] / "home"), "database_url": url,
            "cluster": {"broker_url": ctx["broker"], "queue": ctx["queue"],
                        "batch_size": ctx["batch"]}}  # fmt: skip
    config = write_config(ctx["tmp"] / "cluster.toml", data)
    settings = load_settings(config)
    db = Database(settings)
    db.init()
    log = ctx["tmp"] / f"worker-{chain}-{workers}.log"
    worker = Worker(config, chain, workers, ctx["queue"], log)
    enqueuer = Enqueuer(settings)
    try:
        per = max(1, len(warm) // (2 * workers))
        for k in range(0, len(warm), per):  # at least one warm-up batch for every process
            enqueuer.process_batch(warm[k : k + per])
        warmed = ctx["warm_stored"][chain]
        wait_until(
            lambda: stored(db) >= warmed, 900, f"{workers} {chain} workers to warm up", worker
        )
        base = stored(db)
        load0 = loadavg()

        def workers_cpu() -> float:
            return cpu_seconds(lambda pgid, _cmd: pgid == worker.proc.pid)

        cpu0, pg0, pub0 = workers_cpu(), postgres_cpu(), time.process_time()
        started = time.perf_counter()
        enqueuer.process_batch(items)
        enqueued = time.perf_counter() - started
        publisher = time.process_time() - pub0
        wait_until(
            lambda: stored(db) >= base + reference, 1800, "the workers to store the corpus", worker
        )
        wall = time.perf_counter() - started
        cpu, pg = workers_cpu() - cpu0, postgres_cpu() - pg0
        count = stored(db) - base
    finally:
        enqueuer.close()
        worker.stop()
        db.dispose()
    return {
        "run": f"{workers} worker{'s' if workers > 1 else ''}",
        "chain": chain,
        "items": len(items),
        "seconds": round(wall, 2),
        "items_per_s": round(len(items) / wall, 1),
        "enqueue_seconds": round(enqueued, 2),
        "stored": count,
        "cpu_ms_per_item": {
            "workers": per_item(cpu, items),
            "postgres": per_item(pg, items),
            "publisher": per_item(publisher, items),
        },
        "load": [load0, loadavg()],
    }


def broker_overhead(ctx: dict[str, Any], batches: int) -> dict[str, Any]:
    """``batches`` batches of ``--batch`` items through the producer to one worker process
    whose task only decodes and acknowledges them."""
    from config import load_settings
    from pipelines.cluster.app import configure, encode
    from pipelines.models.db import Database
    from tests.cluster.support import write_config

    url = ctx["pg"].fresh()  # a worker opens the schema once at start
    queue = ctx["queue"] + ".noop"
    data = {"home": str(ctx["tmp"] / "home"), "database_url": url,
            "cluster": {"broker_url": ctx["broker"], "queue": queue}}  # fmt: skip
    config = write_config(ctx["tmp"] / "noop.toml", data)
    settings = load_settings(config)
    schema = Database(settings)
    schema.init()
    schema.dispose()
    app = configure(settings)
    ctx["queues"].append(queue)
    done = ctx["tmp"] / "noop.done"
    done.write_text("", encoding="utf-8")
    items = corpus(ctx["batch"], "noop")
    payload = [encode(i) for i in items]
    worker = Worker(config, "noop", 1, queue, ctx["tmp"] / "worker-noop.log", done)

    def finished() -> int:
        return len(done.read_text(encoding="utf-8").splitlines())

    try:
        app.send_task(NOOP_TASK, args=[payload], queue=queue)
        wait_until(lambda: finished() >= 1, 300, "the no-op worker to start", worker)
        load0 = loadavg()

        def rabbit() -> float:
            return cpu_seconds(lambda _g, cmd: cmd.split(b"\0")[0].endswith(b"beam.smp"))

        def worker_cpu() -> float:
            return cpu_seconds(lambda pgid, _cmd: pgid == worker.proc.pid)

        cpu0, mq0, pub0 = worker_cpu(), rabbit(), time.process_time()
        started = time.perf_counter()
        for _ in range(batches):
            app.send_task(NOOP_TASK, args=[[encode(i) for i in items]], queue=queue)
        enqueued = time.perf_counter() - started
        wait_until(lambda: finished() >= batches + 1, 600, "the no-op worker to finish", worker)
        wall = time.perf_counter() - started
        publisher = time.process_time() - pub0
        cpu, mq = worker_cpu() - cpu0, rabbit() - mq0
    finally:
        app.pool.force_close_all()
        worker.stop()
    n = batches * len(items)
    return {
        "batches": batches,
        "batch": len(items),
        "message_kb": round(len(json.dumps(payload)) / 1024, 1),
        "enqueue_ms_per_item": round(1000 * enqueued / n, 3),
        "enqueue_ms_per_message": round(1000 * enqueued / batches, 2),
        "end_to_end_ms_per_item": round(1000 * wall / n, 3),
        "end_to_end_ms_per_message": round(1000 * wall / batches, 2),
        "items_per_s": round(n / wall, 1),
        "cpu_ms_per_item": {
            "publisher": round(1000 * publisher / n, 4),
            "rabbitmq": round(1000 * mq / n, 4),
            "worker": round(1000 * cpu / n, 4),
        },
        "load": [load0, loadavg()],
    }


def per_item(seconds: float, items: list[Any]) -> float:
    return round(1000 * seconds / len(items), 3)


def projection(results: list[dict[str, Any]], broker: dict[str, Any] | None) -> dict[str, Any]:
    """Cores for 10 million mentions a month, and which limit comes after the workers'."""
    mean = MONTH_ITEMS / (30 * 86400)
    peak = mean * PEAK_FACTOR
    out: dict[str, Any] = {
        "assumptions": [
            f"{MONTH_ITEMS:,} mentions in 30 days: {mean:.2f} items/s on average",
            f"the busiest hour at {PEAK_FACTOR:g} times the mean: {peak:.1f} items/s",
            "every mention runs the full chain once (a re-crawled unchanged post costs less)",
            "cost per item = CPU time measured with 1 worker process (one OpenMP thread), its "
            "PostgreSQL backend and RabbitMQ (CPU time depends less than wall time on the other "
            "load of this shared machine, but still grows with it)",
            f"cores kept at most {UTILISATION:.0%} busy at the peak",
        ],
        "mean_items_per_s": round(mean, 2),
        "peak_items_per_s": round(peak, 1),
    }
    one = next((r for r in results if r["chain"] == "full" and r["run"] == "1 worker"), None)
    if one is None:
        return out
    cost = {
        "workers": one["cpu_ms_per_item"]["workers"],
        "postgres": one["cpu_ms_per_item"]["postgres"],
    }
    if broker is not None:
        cost["rabbitmq"] = broker["cpu_ms_per_item"]["rabbitmq"]
    out["cpu_ms_per_item"] = cost
    out["cores_at_peak"] = {
        name: round(peak * ms / 1000 / UTILISATION, 2) for name, ms in cost.items()
    }
    out["worker_cores_at_peak"] = max(1, math.ceil(peak * cost["workers"] / 1000 / UTILISATION))
    out["items_per_s_per_core"] = {name: round(1000 / ms, 1) for name, ms in cost.items() if ms}
    inproc = next((r for r in results if r["chain"] == "full" and r["run"] == "in-process"), None)
    if inproc is not None:
        ms = inproc["ms_per_item_by_stage"]
        out["model_share_of_chain_cpu"] = round(ms.get("Classify", 0.0) / sum(ms.values()), 2)
    shared = {k: v for k, v in cost.items() if k != "workers" and v}
    if shared:
        # workers scale out by adding hosts; one PostgreSQL primary and one broker do not
        nxt = max(shared, key=lambda k: shared[k])
        out["next_limit"] = (
            f"{nxt}: {1000 / shared[nxt]:.0f} items/s per core of it "
            f"({peak * shared[nxt] / 1000:.2f} cores at the peak)"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=3000, help="collect chain corpus")
    parser.add_argument("--full-items", type=int, default=400, help="full chain corpus")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--chains", default="collect,full")
    parser.add_argument("--batches", type=int, default=200, help="broker overhead batches")
    parser.add_argument("--broker", default="amqp://guest:guest@127.0.0.1:5672//")
    parser.add_argument("--database",
                        default="postgresql+psycopg://postgres@127.0.0.1:5432/test")  # fmt: skip
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--concurrency", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--queue", help=argparse.SUPPRESS)
    parser.add_argument("--done-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker_entry(args.worker, args.concurrency, args.queue, args.done_file)
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from config import load_settings
    from pipelines.cluster.app import configure
    from tests.cluster.support import delete_queues

    tmp = Path(tempfile.mkdtemp(prefix="lp-bench-cluster-"))
    ctx: dict[str, Any] = {
        "tmp": tmp, "broker": args.broker, "batch": args.batch, "pg": BenchDatabase(args.database),
        "queue": f"listenpost-bench-{uuid.uuid4().hex[:8]}", "warm_stored": {},
    }  # fmt: skip
    ctx["queues"] = [ctx["queue"], ctx["queue"] + ".jobs"]
    chains = args.chains.split(",")
    counts = [int(w) for w in args.workers.split(",")]
    results: list[dict[str, Any]] = []
    broker = None
    machine = f"{os.cpu_count()} cores, load {loadavg()} at start (shared machine)"
    try:
        for chain in chains:
            n = args.items if chain == "collect" else args.full_items
            warm = corpus(2 * max(counts) * 8, f"warm-{chain}", seed=3)
            items = corpus(n, f"bench-{chain}")
            url = ctx["pg"].fresh()
            settings = load_settings(home=str(tmp / "home"), database_url=url)
            one = run_in_process(settings, chain, warm, items, args.batch)
            ctx["warm_stored"][chain] = len(warm)
            results.append(one)
            _show(one, args.json)
            for w in counts:
                r = run_workers(ctx, chain, w, warm, items, n)
                results.append(r)
                _show(r, args.json)
        broker = broker_overhead(ctx, args.batches)
        _show({"run": "broker overhead", **broker}, args.json)
    finally:
        settings = load_settings(home=str(tmp / "home"))
        app = configure(settings.model_copy(update={"cluster": settings.cluster.model_copy(
            update={"broker_url": args.broker})}))  # fmt: skip
        delete_queues(app, ctx["queues"])
        app.pool.force_close_all()
        ctx["pg"].close()
    shutil.rmtree(tmp, ignore_errors=True)  # kept, with the workers' logs, when a run failed
    report = {"machine": machine, "batch": args.batch, "results": results, "broker": broker,
              "projection": projection(results, broker)}  # fmt: skip
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(json.dumps(report["projection"], indent=2))


def _show(row: dict[str, Any], quiet: bool) -> None:
    if not quiet:
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
