"""Crawl benchmark: the real spider through the real item pipelines into a temporary SQLite.

    python bench/crawl.py [--threads 5000] [--posts 3] [--spider generic|discourse]

Starts the loopback forum (webapp.demo.fake_forum) in its own process with a generated world of
``--threads`` threads, measures the raw server throughput with a plain concurrent fetcher
(keep-alive connections, ``--fetchers`` threads, every thread page once), then crawls the whole
forum with the real spider and the project's ITEM_PIPELINES (normalize, dedup, ..., store), and
prints pages/s, items/s and the crawler's peak memory. If the crawler's pages/s is well below
the server's, the crawler (mostly the per-item pipeline work) is the limit.

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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OVERRIDES = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "LOG_LEVEL": "WARNING",
    "LISTENPOST_STATE_SAVE_INTERVAL": 10.0,
}


def serve(port_file: str, threads: int, posts: int, per_page: int) -> None:
    """The child process: the fake forum until stdin closes."""
    from webapp.demo.fake_forum import FakeDiscourse, forum_world

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=5000)
    parser.add_argument("--posts", type=int, default=3, help="posts per thread")
    parser.add_argument("--per-page", type=int, default=50, help="threads per listing page")
    parser.add_argument("--spider", choices=["generic", "discourse"], default="generic")
    parser.add_argument("--fetchers", type=int, default=16, help="raw fetcher connections")
    parser.add_argument(
        "--skip-stage",
        action="append",
        default=[],
        metavar="DOTTED.PATH",
        help="diagnosis only: leave this ITEM_PIPELINES stage out (repeatable)",
    )
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.threads, args.posts, args.per_page)
        return

    from config import load_settings
    from crawlers.spiders.run import run_spiders
    from pipelines.models.db import Database
    from webapp.demo.fake_forum import GENERIC_SELECTORS

    server, url = start_server(args.threads, args.posts, args.per_page)
    try:
        if args.spider == "generic":
            paths = [f"/forum/thread/{n}" for n in range(1, args.threads + 1)]
        else:
            paths = [f"/t/router-problem-{n}/{n}.json" for n in range(1, args.threads + 1)]
        raw_fetch(url, paths[:200], args.fetchers)  # warm up
        raw_pages, raw_secs = raw_fetch(url, paths, args.fetchers)

        home = Path(tempfile.mkdtemp(prefix="lp-bench-")) / "home"
        site = {"name": "bench", "kind": args.spider, "url": f"{url}/forum/"}
        if args.spider == "generic":
            site["selectors"] = GENERIC_SELECTORS
        else:
            site["url"] = url
        settings = load_settings(home=str(home), forums={"sites": [site]})
        Database(settings).init()
        overrides = dict(OVERRIDES)
        if args.skip_stage:
            from crawlers import settings as scrapy_settings

            chain = dict(scrapy_settings.ITEM_PIPELINES)
            for stage in args.skip_stage:
                chain.pop(stage)
            overrides["ITEM_PIPELINES"] = chain
        started = time.perf_counter()
        cpu_before = time.process_time()
        stats = run_spiders(settings, [args.spider], overrides=overrides)
        secs = time.perf_counter() - started
        cpu = time.process_time() - cpu_before
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        server.stdin.close()  # type: ignore[union-attr]
        server.wait(timeout=30)

    result = {
        "spider": args.spider,
        "threads": args.threads,
        "posts_per_thread": args.posts,
        "server_raw_pages_per_s": round(raw_pages / raw_secs, 1),
        "crawl_seconds": round(secs, 2),
        "crawl_cpu_seconds": round(cpu, 2),
        "crawl_pages": stats["pages"],
        "crawl_pages_per_s": round(stats["pages"] / secs, 1),
        "items_new": stats["new"],
        "items_per_s": round(stats["new"] / secs, 1),
        "errors": stats["errors"],
        "crawler_peak_rss_mb": round(peak_mb, 1),
        "skipped_stages": args.skip_stage,
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
