"""Scrapy spiders: discourse (JSON API), generic (HTML forums from per-site selectors) and
helpcenter (sitemap.xml help articles). ``scrapy crawl NAME`` or ``listenpost crawl forums``."""
