"""Collectors: the API crawlers (crawlers.api), the Scrapy spiders (crawlers.spiders) and the
records they emit (crawlers.items)."""
