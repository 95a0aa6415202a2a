"""robots.txt: which URLs a site lets us fetch, its Crawl-delay and its Sitemap lines."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from protego import Protego

from .fetch import Fetcher, FetchError
from .urls import host_of, normalize_url, origin_of

ROBOTS_MAX_SIZE = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB


@dataclass
class Robots:
    """The parsed robots.txt of one origin."""

    origin: str
    parser: Protego | None = None
    # Set when robots.txt could not be read for a reason that means "keep out" (5xx, network).
    unreachable: str | None = None
    sitemaps: list[str] = field(default_factory=list)

    def refusal(self, url: str, user_agent: str) -> str | None:
        """None when the URL may be fetched, else why not."""
        if self.unreachable:
            return f"robots.txt unreachable ({self.unreachable})"
        if self.parser is not None and not self.parser.can_fetch(url, user_agent):
            return "disallowed by robots.txt"
        return None

    def crawl_delay(self, user_agent: str) -> float | None:
        """The Crawl-delay for our user agent, if the site sets one."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        if delay is None:
            rate = self.parser.request_rate(user_agent)
            if rate is not None and rate.requests:
                delay = rate.seconds / rate.requests
        return float(delay) if delay is not None else None


def parse_robots(origin: str, text: str) -> Robots:
    """Parse a robots.txt body."""
    parser = Protego.parse(text)
    sitemaps = [u for u in (normalize_url(s) for s in parser.sitemaps) if u]
    return Robots(origin=origin, parser=parser, sitemaps=sitemaps)


class RobotsCache:
    """robots.txt per origin, fetched once per crawl; safe to share between threads."""

    def __init__(self, fetcher: Fetcher, user_agent: str):
        self.fetcher = fetcher
        self.user_agent = user_agent
        self._cache: dict[str, Robots] = {}
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}

    def get(self, url: str) -> Robots:
        """The robots.txt of the URL's origin, fetching it on first use."""
        origin = origin_of(url)
        with self._lock:
            lock = self._origin_locks.setdefault(origin, threading.Lock())
        with lock:
            robots = self._cache.get(origin)
            if robots is None:
                robots = self._load(origin)
                self._cache[origin] = robots
                delay = robots.crawl_delay(self.user_agent)
                if delay is not None:
                    politeness = self.fetcher.politeness
                    politeness.set_crawl_delay(host_of(url), delay)
                    # The robots.txt request itself counts: the next one waits the full delay.
                    politeness.postpone(host_of(url), politeness.delay_for(host_of(url)))
        return robots

    def refusal(self, url: str) -> str | None:
        """None when robots.txt lets us fetch the URL, else why not."""
        return self.get(url).refusal(url, self.user_agent)

    def _load(self, origin: str) -> Robots:
        url = origin + "/robots.txt"
        try:
            result = self.fetcher.fetch(
                url, accept=None, max_size=ROBOTS_MAX_SIZE, check_robots=False
            )
            if result.location:  # robots.txt moved to another host: follow once
                result.discard()
                result = self.fetcher.fetch(
                    result.location, accept=None, max_size=ROBOTS_MAX_SIZE, check_robots=False
                )
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                # No robots.txt (or not for us to read): everything is allowed.
                return Robots(origin=origin)
            if exc.outcome == "skipped":  # oversized: use what the RFC allows us to ignore
                return Robots(origin=origin)
            return Robots(origin=origin, unreachable=exc.reason)
        try:
            if result.path is None:
                return Robots(origin=origin)
            text = result.path.read_bytes().decode("utf-8", errors="replace")
        finally:
            result.discard()
        return parse_robots(origin, text)
