"""What a worker thread does with one frontier URL: robots.txt, the conditional GET, and reading the
body as a page, a feed or a sitemap. It returns a record and touches neither the corpus nor the state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .feeds import parse_feed
from .fetch import (
    DOCUMENT_TYPES,
    HTML_TYPES,
    PAGE_TYPES,
    XML_TYPES,
    Fetcher,
    FetchError,
    FetchResult,
    Interrupted,
    charset_of,
)
from .links import PageLinks, parse_page_file
from .report import FAILED, SKIPPED
from .robots import RobotsCache
from .sitemaps import Sitemap, parse_sitemap, parse_text_sitemap
from .state import FEED, PAGE, ROBOTS_TXT, SEED, SITEMAP, FrontierItem
from .xmldoc import MAX_XML_BYTES

_XML_STARTS = (b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"\x1f\x8b")


@dataclass(frozen=True)
class Request:
    """A frontier URL to fetch, with what an earlier crawl learnt of it (for a conditional GET)."""

    item: FrontierItem
    etag: str | None = None
    last_modified: str | None = None
    kind: str | None = None  # page, feed or sitemap, when an earlier crawl read it


@dataclass
class Listing:
    """The URLs a robots.txt, sitemap or feed lists, and what they are (sitemaps or pages)."""

    label: str  # "robots.txt", "sitemap index", "sitemap" or "feed", as the report says it
    urls: list[str] = field(default_factory=list)
    of_sitemaps: bool = False


@dataclass
class Page:
    """A page fetched (its body in result.path), or confirmed unchanged by a 304 (no body)."""

    request: Request
    result: FetchResult
    links: PageLinks | None = None  # an HTML page's links and canonical URL


@dataclass
class Listed:
    """A robots.txt, sitemap or feed read; listing is None when it was not modified (304)."""

    request: Request
    kind: str  # robots, sitemap or feed
    result: FetchResult | None  # None for robots.txt, read through the robots cache
    listing: Listing | None


@dataclass
class Redirected:
    """A redirect to another host, left to the crawl to schedule with that host's politeness."""

    request: Request
    result: FetchResult
    target: str


@dataclass
class Failed:
    """A URL not fetched, and why."""

    request: Request
    error: FetchError


@dataclass
class Stopped:
    """The crawl stopped during the fetch: the URL stays pending for the next run."""

    request: Request


Fetched = Page | Listed | Redirected | Failed | Stopped


class Fetching:
    """Fetches requests on worker threads; safe to share between them."""

    def __init__(self, fetcher: Fetcher, robots: RobotsCache, max_size: int):
        self.fetcher = fetcher
        self.robots = robots
        self.max_size = max_size

    def fetch(self, request: Request) -> Fetched:
        """Fetch one request and read what came back; never raises for a URL's own trouble."""
        try:
            if request.item.kind == ROBOTS_TXT:
                return self._robots(request)
            return self._get(request)
        except FetchError as exc:
            return Failed(request, exc)
        except Interrupted:
            return Stopped(request)
        except Exception as exc:  # a bug must not lose the rest of the crawl
            return Failed(request, FetchError(f"internal error: {type(exc).__name__}: {exc}"))

    def _robots(self, request: Request) -> Listed:
        robots = self.robots.get(request.item.url)
        if robots.unreachable:
            raise FetchError(f"robots.txt unreachable ({robots.unreachable})")
        return Listed(request, ROBOTS_TXT, None, Listing("robots.txt", robots.sitemaps, True))

    def _get(self, request: Request) -> Fetched:
        item = request.item
        refusal = self.robots.refusal(item.url)
        if refusal:
            # An unreadable robots.txt is a failure worth retrying; a Disallow is a choice.
            unreachable = self.robots.get(item.url).unreachable
            raise FetchError(refusal, FAILED if unreachable else SKIPPED)
        # One size limit for every response, the documented --max-size: seeds, sitemaps and pages alike.
        result = self.fetcher.fetch(
            item.url,
            accept=DOCUMENT_TYPES if item.kind in (SEED, SITEMAP) else PAGE_TYPES,
            etag=request.etag,
            last_modified=request.last_modified,
            max_size=self.max_size,
        )
        if result.location:
            return Redirected(request, result, result.location)
        if result.path is None:  # 304: it is what it was last time
            kind = request.kind or (SITEMAP if item.kind == SITEMAP else PAGE)
            return Page(request, result) if kind == PAGE else Listed(request, kind, result, None)
        try:
            return self._read(request, result, result.path)
        except BaseException:
            result.discard()
            raise

    def _read(self, request: Request, result: FetchResult, body: Path) -> Page | Listed:
        """Tell a feed or sitemap from a page by its content, and parse it."""
        item = request.item
        kind = result.media_type
        if item.kind in (SEED, SITEMAP):
            with open(body, "rb") as handle:
                head = handle.read(512).lstrip()
            if kind in XML_TYPES or head.startswith(_XML_STARTS):
                if result.size > MAX_XML_BYTES:
                    raise FetchError("feed or sitemap too large", SKIPPED, status=result.status)
                data = body.read_bytes()
                sitemap = parse_sitemap(data, result.final_url)
                if sitemap is not None:
                    return Listed(request, SITEMAP, result, _sitemap_listing(sitemap))
                feed = parse_feed(data, result.final_url)
                if feed is not None:
                    return Listed(
                        request, FEED, result, Listing(FEED, [e.url for e in feed.entries])
                    )
            if item.kind == SITEMAP:
                sitemap = (
                    parse_text_sitemap(body.read_bytes(), result.final_url)
                    if kind == "text/plain"
                    else None
                )
                if sitemap is None:
                    raise FetchError("not a sitemap or feed", status=result.status)
                return Listed(request, SITEMAP, result, _sitemap_listing(sitemap))
            if kind not in PAGE_TYPES and kind:
                raise FetchError(
                    f"not a page, feed or sitemap: content type {kind}",
                    SKIPPED,
                    status=result.status,
                )
        links = None
        if kind in HTML_TYPES:
            links = parse_page_file(body, result.final_url, charset_of(result.content_type))
        return Page(request, result, links)


def _sitemap_listing(sitemap: Sitemap) -> Listing:
    if sitemap.is_index:
        return Listing("sitemap index", sitemap.sitemaps, True)
    return Listing("sitemap", [e.url for e in sitemap.entries])
