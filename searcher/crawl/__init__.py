"""The crawler: bring pages in from URLs, sitemaps, feeds, folders and WARC files."""

from __future__ import annotations

from .crawler import crawl, forget_queue
from .options import CrawlOptions
from .report import CrawlReport, CrawlResult

__all__ = ["CrawlOptions", "CrawlReport", "CrawlResult", "crawl", "forget_queue"]
