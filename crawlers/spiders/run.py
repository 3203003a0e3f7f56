"""Run the forum spiders from Python: ``run_spiders(settings)`` (what ``listenpost crawl forums``
calls) and ``python -m crawlers.spiders.run`` (the same run in a fresh process).

Twisted's reactor runs once per process. The first call in a process runs the spiders in it; a
later call (``listenpost watch``, a test session) or ``isolate=True`` runs them in a child
process, ``python -m crawlers.spiders.run``, which reads the settings as JSON on stdin and prints
the summary as JSON on its last stdout line.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import subprocess
import sys
from typing import Any

from config import Settings
from crawlers.exceptions import CrawlError

logger = logging.getLogger(__name__)

SPIDERS = {
    "discourse": "discourse",
    "generic": "generic",
    "sitemap": "helpcenter",
    "stackexchange": "stackexchange",
}
"""Site kind -> the spider that crawls it."""

SUMMARY_KEYS = ("fetched", "new", "updated", "duplicates", "dropped", "errors", "pages")

_reactor_used = False


def scrapy_settings(settings: Settings, overrides: dict[str, Any] | None = None) -> Any:
    """The project's crawlers/settings.py plus the listenpost settings and the user agent."""
    from scrapy.settings import Settings as ScrapySettings

    s = ScrapySettings()
    s.setmodule("crawlers.settings", priority="project")
    s.set("LISTENPOST_SETTINGS", settings, priority="cmdline")
    s.set("USER_AGENT", settings.forums.user_agent, priority="cmdline")
    for key, value in (overrides or {}).items():
        s.set(key, value, priority="cmdline")
    return s


def spider_names(settings: Settings, names: list[str] | None = None) -> list[str]:
    if names:
        unknown = sorted(set(names) - set(SPIDERS.values()))
        if unknown:
            raise ValueError(f"unknown spiders: {', '.join(unknown)}")
        return list(names)
    kinds = {site.kind for site in settings.forums.sites}
    return [spider for kind, spider in SPIDERS.items() if kind in kinds]


def run_spiders(
    settings: Settings,
    names: list[str] | None = None,
    *,
    site: str | None = None,
    overrides: dict[str, Any] | None = None,
    isolate: bool = False,
) -> dict[str, Any]:
    """Crawl with the named spiders (default: one per configured site kind), one after the
    other, through the project's ITEM_PIPELINES. Returns the summed summary (fetched, new,
    updated, duplicates, dropped, errors, pages); each spider also wrote a crawl_run row.
    Raises :class:`~crawlers.exceptions.CrawlError` when a spider could not run at all (an
    unknown ``site``, bad selectors, the cluster's Redis unreachable); failed requests only
    count as errors."""
    names = spider_names(settings, names)
    if not names:
        return dict.fromkeys(SUMMARY_KEYS, 0)
    if settings.cluster.shared_redis:
        from crawlers.shared import check_redis

        check_redis(settings)
    if isolate or _reactor_used:
        return _run_in_child(settings, names, site, overrides)
    return _run_here(settings, names, site, overrides)


def _run_here(
    settings: Settings, names: list[str], site: str | None, overrides: dict[str, Any] | None
) -> dict[str, Any]:
    global _reactor_used
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.reactor import install_reactor, is_reactor_installed

    _reactor_used = True
    scrapy_conf = scrapy_settings(settings, overrides)
    if not is_reactor_installed():
        install_reactor(scrapy_conf["TWISTED_REACTOR"])
    scrapy_conf.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")  # our entry point logs
    process = CrawlerProcess(scrapy_conf)
    # Scrapy's logging config sets its own loggers to DEBUG: records below the level asked for
    # are not even built
    logging.getLogger("scrapy").setLevel(scrapy_conf.get("LOG_LEVEL") or logging.INFO)
    crawlers = []
    kwargs = {"site": site} if site else {}

    from twisted.internet import defer, reactor

    failures: list[str] = []

    @defer.inlineCallbacks
    def one_by_one():  # type: ignore[no-untyped-def]
        try:
            for name in names:
                crawler = process.create_crawler(name)
                crawlers.append(crawler)
                try:
                    yield process.crawl(crawler, **kwargs)
                except Exception as exc:  # noqa: BLE001 - reported after the reactor stops
                    failures.append(f"{name}: {type(exc).__name__}: {exc}")
        finally:
            reactor.stop()  # type: ignore[attr-defined]

    reactor.callWhenRunning(one_by_one)  # type: ignore[attr-defined]
    # Scrapy stops the crawl gracefully on SIGINT/SIGTERM with handlers that need the reactor;
    # they stay installed after it stops, where a signal would do nothing: put ours back, and
    # let a crawl stopped by a signal stop the caller too (`listenpost demo`, `crawl forums`)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        process.start(stop_after_crawl=False)
    finally:
        for sig, handler in handlers.items():
            if handler is not None:
                signal.signal(sig, handler)
    if any(_stats(c).get("finish_reason") == "shutdown" for c in crawlers):
        raise KeyboardInterrupt
    if failures:
        raise CrawlError("; ".join(failures))
    total = dict.fromkeys(SUMMARY_KEYS, 0)
    for crawler in crawlers:
        stats = _stats(crawler)
        for key in SUMMARY_KEYS:
            total[key] += int(stats.get(f"listenpost/{key}", 0))
    return total


def _stats(crawler: Any) -> dict[str, Any]:
    """A crawler's stats; empty for one that never started (Scrapy raises on the attribute)."""
    try:
        return crawler.stats.get_stats() if crawler.stats else {}
    except RuntimeError:
        return {}


def _run_in_child(
    settings: Settings, names: list[str], site: str | None, overrides: dict[str, Any] | None
) -> dict[str, Any]:
    payload = json.dumps(
        {
            "settings": settings.model_dump(mode="json"),
            "names": names,
            "site": site,
            "overrides": overrides or {},
        }
    )
    proc = subprocess.run(  # noqa: S603 - our own module, no shell
        [sys.executable, "-m", "crawlers.spiders.run", "--stdin"],
        input=payload,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    if proc.returncode != 0 or not lines:
        errors = [line for line in proc.stderr.splitlines() if "CrawlError" in line]
        logger.debug("spider process stderr:\n%s", "\n".join(proc.stderr.splitlines()[-30:]))
        raise CrawlError(errors[-1] if errors else f"spider process failed ({proc.returncode})")
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawlers.spiders.run")
    parser.add_argument("names", nargs="*", help="spiders to run (default: every configured kind)")
    parser.add_argument("--site", help="only this configured site")
    parser.add_argument(
        "--stdin", action="store_true", help="read settings, names and overrides as JSON"
    )
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=args.log_level,
        stream=sys.stderr,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    for handler in logging.getLogger().handlers:
        handler.setLevel(args.log_level)  # Scrapy sets its own loggers to DEBUG
    if args.stdin:
        data = json.load(sys.stdin)
        settings = Settings(**data["settings"])
        names, site, overrides = data["names"], data.get("site"), data.get("overrides") or {}
    else:
        from config import load_settings

        settings, names, site, overrides = load_settings(), args.names or None, args.site, {}
    overrides.setdefault("LOG_LEVEL", args.log_level)
    try:
        result = run_spiders(settings, names, site=site, overrides=overrides)
    except (CrawlError, ValueError) as exc:
        print(f"CrawlError: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
