"""Scrapy settings for listenpost's spiders (`scrapy crawl NAME` reads them through scrapy.cfg).

Deviations from Scrapy's defaults are commented. The listenpost settings object is added by the
runner as LISTENPOST_SETTINGS; under plain `scrapy crawl` it is loaded from the environment.
"""

BOT_NAME = "listenpost"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# The user agent comes from [forums] user_agent; this is only the fallback.
USER_AGENT = "listenpost/0.1"
ROBOTSTXT_OBEY = True
# Polite per-domain limits; AutoThrottle adapts the delay to the server's latency.
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 8
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
# Retry the transient failures a forum throws at crawlers, including 429.
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
DOWNLOAD_TIMEOUT = 30
TELNETCONSOLE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"

# 429 (and 503 with Retry-After): wait what Retry-After says, or LISTENPOST_BACKOFF * 2**n
# seconds without one, then retry (ahead of RetryMiddleware at 550, which would retry at once).
DOWNLOADER_MIDDLEWARES = {"crawlers.middlewares.RetryAfterMiddleware": 560}
# Scrapy's downloader, with CONCURRENT_REQUESTS_PER_DOMAIN held without a download delay too
# (and so keep-alive connections reused): crawlers.middlewares.SlotLimitDownloader.
DOWNLOADER = "crawlers.middlewares.SlotLimitDownloader"
LISTENPOST_BACKOFF = 1.0
LISTENPOST_MAX_RETRY_AFTER = 120.0  # a longer Retry-After fails the request; the next run resumes
# Items are logged by type and source id only: post text and author names stay out of logs.
LOG_FORMATTER = "crawlers.logformatter.ItemSafeLogFormatter"
# Per-site positions in crawl_state and a crawl_run row per spider run (pipelines.crawlstate).
EXTENSIONS = {
    "pipelines.crawlstate.CrawlStateExtension": 500,
    "crawlers.extensions.CrawlHeap": 510,
}
LISTENPOST_STATE_SAVE_INTERVAL = 5.0  # seconds between snapshots of the positions during a crawl

# The one pipeline chain, in order: the only place the order is written. pipelines.chain.Chain
# runs these classes item by item for the API crawlers and importers; Scrapy runs them in batches
# in a worker process through the one item pipeline below (pipelines.scrapy_chain explains why).
LISTENPOST_STAGES = [
    "pipelines.normalize.Normalize",
    "pipelines.language.Language",
    "pipelines.dedup.Dedup",
    "pipelines.classify.Classify",
    "pipelines.status.Status",
    "pipelines.triage.Triage",
    "pipelines.identity.Identity",
    "pipelines.tickets.Tickets",
    "pipelines.store.Store",
]
ITEM_PIPELINES = {"pipelines.scrapy_chain.ChainPipeline": 100}
LISTENPOST_BATCH_SIZE = 256  # most items one batch (one commit) takes; it holds what waited
# Items of one response in the pipeline at once (the rest join the next batch). Scrapy starts this
# many worker tasks for every response, however few items it yields (default 100): each costs
# ~16 us of reactor CPU (bench/crawl.py: 32 -> 8 took 0.38 ms off a thread page's 3.1 ms). 20 is
# a Discourse chunk and a forum engine's usual page (phpBB 15, vBulletin/XenForo 20 posts).
CONCURRENT_ITEMS = 20
# What is alive when the crawl starts is frozen out of the garbage collector's scans, and its first
# threshold is at least this during the crawl: crawlers.extensions.CrawlHeap (0: leave the
# collector alone). bench/crawl.py: freezing alone took GC from ~1.2 to ~0.8 ms per page; 20_000
# took it to ~0.4 ms but held ~100 MB more (parsed pages wait for the collector longer).
LISTENPOST_GC_THRESHOLD = 700
# Responses (by size, at least 1 KB each) waiting for the pipeline before the engine stops
# downloading: enough to keep batches full, a bounded backlog to finish when a crawl stops.
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 1_000_000
# Tags every item the spider yields, so positions are saved only once the items before them
# are stored (pipelines.crawlstate).
SPIDER_MIDDLEWARES = {"pipelines.crawlstate.ItemLedgerMiddleware": 10}

# Pipeline stages that need sentence vectors get them from this factory, named by dotted path
# like the stages themselves, so pipelines never import indexer (imports flow one way).
LISTENPOST_EMBEDDER = "indexer.embedder.load_embedder"
