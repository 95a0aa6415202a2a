"""How to crawl: scope, politeness and limits, as one record."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .fetch import DEFAULT_MAX_SIZE, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, MAX_REDIRECTS


@dataclass
class CrawlOptions:
    """How to crawl: scope, politeness, limits."""

    depth: int = 0
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    any_site: bool = False
    delay: float = 1.0
    concurrency: int = 4
    timeout: float = DEFAULT_TIMEOUT
    max_size: int = DEFAULT_MAX_SIZE
    user_agent: str = DEFAULT_USER_AGENT
    refresh: bool = False
    resume: bool = False  # also take up what interrupted crawls of other seeds left queued
    warc: Path | None = None
    max_pages: int | None = None
    max_redirects: int = MAX_REDIRECTS
    retries: int = 3
    retry_base: float = 1.0  # first backoff on 429/503 without Retry-After; doubles each time
    max_retry_wait: float = 120.0
