"""Crawl benchmark: the real spider through the real pipeline chain into a temporary SQLite.

    python bench/crawl.py [--threads 5000] [--posts 3] [--spider generic|discourse]
                          [--chain both|collect|full]

Starts the loopback forum (demo.fake_forum) in its own process with a generated world of
``--threads`` threads and measures it alone with a plain concurrent fetcher (keep-alive
connections, ``--fetchers`` threads, every thread page once), then Scrapy alone as the peer
(``bare_scrapy``: the same pages and per-domain limits, a callback that does nothing, none of
listenpost's code: the fastest a Scrapy crawl can go on this machine). Then crawls the whole forum
with the real spider, each crawl in a fresh process and a fresh database:

``collect``
    the stages a crawl needs to collect: normalize, language, dedup, store;
``full``
    every stage as configured (``LISTENPOST_STAGES``: classify with its sentence model, status,
    triage, identity, tickets as well).

For each crawl it prints pages/s, items/s, the peak memory of the crawler and of its chain
worker process (pipelines.scrapy_chain.ChainProcess: the stages run there), the seconds each
stage took per item, the CPU each process used during the crawl (in cores: 1.0 is one core busy
the whole time) and the CPU both spent per page, and says which side was the limit: the server
when the crawl reached at least 80% of the server-alone rate, else Scrapy itself when it reached
at least 80% of Scrapy alone, else the pipeline stages when their worker used more CPU than the
crawling process (naming the slowest stage), else the crawler.

Against 127.0.0.1 the politeness settings are switched off for the run (DOWNLOAD_DELAY=0,
AutoThrottle off, 16 requests per domain); everything else is crawlers/settings.py.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from queue import Empty, Queue
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OVERRIDES = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "LOG_LEVEL": "WARNING",
    "LISTENPOST_STATE_SAVE_INTERVAL": 5.0,
}
COLLECT = [
    "pipelines.normalize.Normalize",
    "pipelines.language.Language",
    "pipelines.dedup.Dedup",
    "pipelines.store.Store",
]


def serve(port_file: str, threads: int, posts: int, per_page: int) -> None:
    """The child process: the fake forum until stdin closes."""
    from demo.fake_forum import FakeDiscourse, forum_world

    fake = FakeDiscourse(forum_world(threads, posts), per_page=per_page, thread_page_size=posts)
    fake.start()
    Path(port_file).write_text(fake.url, encoding="utf-8")
    sys.stdin.read()
    fake.stop()


def start_server(threads: int, posts: int, per_page: int) -> tuple[subprocess.Popen[str], str]:
    port_file = tempfile.mktemp(prefix="lp-bench-url-")  # noqa: S306 - a name for the child
    cmd = [
        sys.executable, __file__, "--serve", port_file, "--threads", str(threads),
        "--posts", str(posts), "--per-page", str(per_page),
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, text=True, cwd=ROOT)  # noqa: S603
    for _ in range(600):
        if os.path.exists(port_file) and Path(port_file).read_text(encoding="utf-8"):
            url = Path(port_file).read_text(encoding="utf-8")
            os.unlink(port_file)
            return proc, url
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("the fake forum did not start")


def raw_fetch(url: str, paths: list[str], workers: int) -> tuple[int, float]:
    """Fetch every path once with ``workers`` keep-alive connections; (pages, seconds)."""
    host, port = url.removeprefix("http://").split(":")
    todo: Queue[str] = Queue()
    for p in paths:
        todo.put(p)
    done = [0] * workers

    def work(n: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        while True:
            try:
                path = todo.get_nowait()
            except Empty:
                break
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            done[n] += resp.status == 200
        conn.close()

    started = time.perf_counter()
    pool = [threading.Thread(target=work, args=(n,)) for n in range(workers)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return sum(done), time.perf_counter() - started


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bare_scrapy(job: dict[str, Any]) -> None:
    """The peer: Scrapy alone (same engine, downloader and per-domain limits, Scrapy's default
    middlewares, robots.txt obeyed) fetching the same pages with a callback that does nothing:
    no parsing, no items, none of listenpost's middlewares, extension or pipeline. What the
    framework itself costs per page on this machine, and so the fastest any Scrapy spider here
    can go."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class Bare(scrapy.Spider):
        name = "bare"

        async def start(self):  # type: ignore[no-untyped-def]
            for path in job["paths"]:
                yield scrapy.Request(job["url"] + path, callback=self.parse)

        def parse(self, response):  # type: ignore[no-untyped-def]
            return None

    overrides = {k: v for k, v in OVERRIDES.items() if not k.startswith("LISTENPOST_")}
    process = CrawlerProcess({**overrides, "ROBOTSTXT_OBEY": True, "LOG_ENABLED": False})
    crawler = process.create_crawler(Bare)
    started, cpu = time.perf_counter(), time.process_time()
    process.crawl(crawler)
    process.start()
    secs, cpu = time.perf_counter() - started, time.process_time() - cpu
    pages = int(crawler.stats.get_value("response_received_count", 0))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": pages, "secs": secs, "cpu": cpu, "peak_mb": peak}))


def crawl_child() -> None:
    """The child process of one crawl: reads its job as JSON on stdin, prints the result."""
    job = json.load(sys.stdin)
    if job.get("bare"):
        bare_scrapy(job)
        return
    from config import load_settings
    from crawlers.spiders.run import run_spiders
    from pipelines.models.db import Database
    from pipelines.scrapy_chain import ChainPipeline

    settings = load_settings(home=job["home"], forums={"sites": [job["site"]]})
    Database(settings).init()
    overrides = dict(OVERRIDES)
    if job["stages"]:
        overrides["LISTENPOST_STAGES"] = job["stages"]
    started, cpu = time.perf_counter(), time.process_time()
    stats = run_spiders(settings, [job["spider"]], overrides=overrides)
    secs, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # the chain's worker process (pipelines.scrapy_chain.ChainProcess) has ended by now
    worker = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({**stats, "secs": secs, "cpu": cpu, "peak_mb": peak,
                      "worker_cpu": worker.ru_utime + worker.ru_stime,
                      "worker_peak_mb": worker.ru_maxrss / 1024,
                      "seconds": ChainPipeline.last_seconds}))  # fmt: skip


def child(job: dict[str, Any]) -> dict[str, Any]:
    proc = subprocess.run(  # noqa: S603 - this script
        [sys.executable, __file__, "--crawl-child"],
        input=json.dumps(job), capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"the crawl failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def run_bare(url: str, paths: list[str]) -> dict[str, Any]:
    r = child({"bare": True, "url": url, "paths": paths})
    return {
        "pages": r["pages"],
        "pages_per_s": round(r["pages"] / r["secs"], 1),
        "cpu_ms_per_page": round(1000 * r["cpu"] / max(r["pages"], 1), 2),
        "crawler_cpu_cores": round(r["cpu"] / r["secs"], 2),
        "peak_rss_mb": round(r["peak_mb"], 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def run_crawl(server_pid: int, job: dict[str, Any]) -> dict[str, Any]:
    server_cpu = cpu_seconds(server_pid)
    r = child(job)
    server_cpu = cpu_seconds(server_pid) - server_cpu
    items = max(r["fetched"], 1)
    seconds = dict(r["seconds"])
    batches = int(seconds.pop("batches", 0))
    return {
        "stages": [s.rsplit(".", 1)[1] for s in job["stages"]] if job["stages"] else "all",
        "crawl_seconds": round(r["secs"], 2),
        "pages": r["pages"],
        "pages_per_s": round(r["pages"] / r["secs"], 1),
        "items_new": r["new"],
        "items_per_s": round(r["new"] / r["secs"], 1),
        "errors": r["errors"],
        "peak_rss_mb": round(r["peak_mb"], 1),
        "chain_worker_peak_rss_mb": round(r["worker_peak_mb"], 1),
        "batches": batches,
        "items_per_batch": round(r["fetched"] / max(batches, 1), 1),
        "ms_per_item_by_stage": {k: round(1000 * v / items, 2) for k, v in seconds.items()},
        "crawler_cpu_cores": round(r["cpu"] / r["secs"], 2),
        "chain_worker_cpu_cores": round(r["worker_cpu"] / r["secs"], 2),
        "cpu_ms_per_page": round(1000 * (r["cpu"] + r["worker_cpu"]) / max(r["pages"], 1), 2),
        # the server's CPU over the child's whole life (its start-up too): an upper bound
        "server_cpu_cores": round(server_cpu / r["secs"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=5000)
    parser.add_argument("--posts", type=int, default=3, help="posts per thread")
    parser.add_argument("--per-page", type=int, default=50, help="threads per listing page")
    parser.add_argument("--spider", choices=["generic", "discourse"], default="generic")
    parser.add_argument("--chain", choices=["both", "collect", "full"], default="both")
    parser.add_argument("--fetchers", type=int, default=16, help="raw fetcher connections")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--crawl-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.threads, args.posts, args.per_page)
        return
    if args.crawl_child:
        crawl_child()
        return

    from demo.fake_forum import GENERIC_SELECTORS

    server, url = start_server(args.threads, args.posts, args.per_page)
    runs = {}
    try:
        if args.spider == "generic":
            paths = [f"/forum/thread/{n}" for n in range(1, args.threads + 1)]
            site = {"name": "bench", "kind": "generic", "url": f"{url}/forum/",
                    "selectors": GENERIC_SELECTORS}  # fmt: skip
        else:
            paths = [f"/t/router-problem-{n}/{n}.json" for n in range(1, args.threads + 1)]
            site = {"name": "bench", "kind": "discourse", "url": url}
        raw_fetch(url, paths[:200], args.fetchers)  # warm up
        raw_pages, raw_secs = raw_fetch(url, paths, args.fetchers)
        server_rate = raw_pages / raw_secs
        # every page the spider fetches: the thread pages and the listing pages
        listings = ["/forum/"] + [
            f"/forum/page/{n}" for n in range(2, -(-args.threads // args.per_page) + 1)
        ]
        bare = run_bare(url, paths + (listings if args.spider == "generic" else []))
        chains = ["collect", "full"] if args.chain == "both" else [args.chain]
        for chain in chains:
            home = Path(tempfile.mkdtemp(prefix="lp-bench-")) / "home"
            job = {"home": str(home), "site": site, "spider": args.spider,
                   "stages": COLLECT if chain == "collect" else None}  # fmt: skip
            run = runs[chain] = run_crawl(server.pid, job)
            run["load_average_1min"] = round(os.getloadavg()[0], 2)
            run["share_of_bare_scrapy"] = round(run["pages_per_s"] / bare["pages_per_s"], 2)
            if run["pages_per_s"] >= 0.8 * server_rate:
                limit = "server"
            elif run["pages_per_s"] >= 0.8 * bare["pages_per_s"]:
                limit = "scrapy"  # listenpost's own code costs less than Scrapy's share
            elif run["chain_worker_cpu_cores"] > run["crawler_cpu_cores"]:
                stage, ms = max(run["ms_per_item_by_stage"].items(), key=lambda kv: kv[1])
                limit = f"stages (slowest: {stage} {ms} ms/item)"
            else:
                limit = "crawler"
            run["limit"] = (
                f"{limit}: {run['pages_per_s']} pages/s; Scrapy alone {bare['pages_per_s']}, "
                f"the server alone {server_rate:.0f}; crawler process "
                f"{run['crawler_cpu_cores']} cores, its chain worker "
                f"{run['chain_worker_cpu_cores']} cores, server {run['server_cpu_cores']} cores, "
                f"{os.cpu_count()} cores, load {run['load_average_1min']}"
            )
    finally:
        server.stdin.close()  # type: ignore[union-attr]
        server.wait(timeout=30)

    result = {
        "spider": args.spider,
        "threads": args.threads,
        "posts_per_thread": args.posts,
        "server_alone_pages_per_s": round(server_rate, 1),
        "bare_scrapy": bare,
        "cpus": os.cpu_count(),
        **runs,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
