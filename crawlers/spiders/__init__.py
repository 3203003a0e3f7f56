"""Scrapy spiders: `scrapy crawl NAME` or `listenpost crawl forums`."""
