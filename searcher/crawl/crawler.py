"""The crawl: seeds in, pages stored, politely, incrementally and resumably."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CrawlError
from .feeds import Feed, parse_feed
from .fetch import (
    DEFAULT_MAX_SIZE,
    DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
    DOCUMENT_TYPES,
    MAX_REDIRECTS,
    PAGE_TYPES,
    XML_TYPES,
    Fetcher,
    FetchError,
    FetchResult,
    Interrupted,
    charset_of,
    cleanup_temp,
    media_type,
    utc_now,
)
from .links import LinkFilter, PageLinks, parse_page_file
from .local import copy_file, iter_local_files
from .politeness import Politeness
from .refresh import replacement_refusal
from .report import FAILED, FETCHED, READ, SKIPPED, UNCHANGED, UPDATED, CrawlReport, CrawlResult
from .robots import RobotsCache
from .seeds import FILE, FOLDER, ROBOTS, URL, WARC, Seed, recognise_all
from .sitemaps import Sitemap, parse_sitemap, parse_text_sitemap
from .state import CrawlState, FrontierItem
from .store import Store, page_key, page_meta, same_bytes
from .urls import looks_like_non_page, site_of
from .warc import WarcWriter, read_warc
from .xmldoc import MAX_XML_BYTES, document_kind

HTML_TYPES = ("text/html", "application/xhtml+xml", "")

# Frontier kinds: a seed URL (page, feed or sitemap, told by its content), a page found
# by a link, feed or sitemap, a sitemap named by an index or robots.txt, a robots.txt seed.
SEED, PAGE, SITEMAP, ROBOTS_TXT = "seed", "page", "sitemap", "robots"


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


@dataclass
class _Conditions:
    """What is known of a URL before fetching it: validators and what it was last time."""

    etag: str | None = None
    last_modified: str | None = None
    kind: str | None = None  # "page", "feed" or "sitemap" when known
    key: str | None = None  # the stored page's key


@dataclass
class _Work:
    """What a worker brings back for one frontier item."""

    item: FrontierItem
    result: FetchResult | None = None
    error: FetchError | None = None
    interrupted: bool = False
    kind: str = PAGE  # what the response turned out to be: page, feed, sitemap, robots
    links: PageLinks | None = None
    sitemap: Sitemap | None = None
    feed: Feed | None = None
    sitemaps: list[str] = field(default_factory=list)


Progress = Callable[[CrawlReport, int], None]


def crawl(
    seeds: list[str] | tuple[str, ...],
    corpus: Path | str,
    options: CrawlOptions | None = None,
    *,
    progress: Progress | None = None,
    on_result: Callable[[CrawlResult], None] | None = None,
    keep_results: bool = True,
    stop: threading.Event | None = None,
    transport=None,
) -> CrawlReport:
    """Crawl the seeds into the corpus and report what happened to every URL and file.

    progress(report, pending) is called after each URL; on_result(result) with each result;
    keep_results=False keeps only the totals in the report (for very long crawls).
    """
    options = options or CrawlOptions()
    # Resuming needs no seeds of its own: the interrupted crawls' queues are the work.
    recognised = recognise_all(list(seeds)) if seeds or not options.resume else []
    if options.concurrency < 1:
        raise CrawlError("--concurrency must be at least 1")
    try:
        link_filter = LinkFilter.from_patterns(options.include, options.exclude, options.any_site)
    except Exception as exc:  # re.error
        raise CrawlError(f"bad --include/--exclude pattern: {exc}") from None
    crawler = Crawler(
        Path(corpus), options, link_filter, progress=progress, stop=stop, transport=transport
    )
    crawler.report.on_result = on_result
    crawler.report.keep_results = keep_results
    try:
        return crawler.run(recognised)
    finally:
        crawler.close()


def forget_queue(corpus: Path | str) -> int:
    """Drop the URLs interrupted crawls left queued in a corpus; how many there were."""
    store = Store(Path(corpus))
    state = CrawlState(store.state_dir, store.root)
    try:
        return state.forget_queues()
    finally:
        state.close()


class Crawler:
    """One crawl over one corpus."""

    def __init__(
        self,
        corpus: Path,
        options: CrawlOptions,
        link_filter: LinkFilter,
        *,
        progress: Progress | None = None,
        stop: threading.Event | None = None,
        transport=None,
    ):
        self.options = options
        self.filter = link_filter
        self.progress = progress
        self.stop = stop or threading.Event()
        self.store = Store(corpus)
        self.state = CrawlState(
            self.store.state_dir, self.store.root
        )  # locks the corpus for this crawl
        cleanup_temp(self.store.tmp_dir)
        try:
            self.warc = WarcWriter(options.warc) if options.warc else None
        except BaseException:
            self.state.close()
            raise
        # Waiting for a host's turn wakes up at once when the crawl is stopped.
        self.politeness = Politeness(options.delay, sleep=self.stop.wait)
        self.fetcher = Fetcher(
            self.store.tmp_dir,
            user_agent=options.user_agent,
            timeout=options.timeout,
            max_size=options.max_size,
            max_redirects=options.max_redirects,
            retries=options.retries,
            retry_base=options.retry_base,
            max_retry_wait=options.max_retry_wait,
            politeness=self.politeness,
            stop=self.stop,
            transport=transport,
        )
        self.robots = RobotsCache(self.fetcher, options.user_agent)
        self.fetcher.allowed = self.robots.refusal
        self.report = CrawlReport()

    def close(self) -> None:
        """Release the network pool, the WARC file and the state database."""
        self.fetcher.close()
        if self.warc is not None:
            self.warc.close()
        self.state.close()

    # Running
    def run(self, seeds: list[Seed]) -> CrawlReport:
        """Process local seeds, then fetch URL seeds and everything they lead to."""
        started = time.monotonic()
        try:
            key = json.dumps(sorted(seed.value for seed in seeds)) if seeds else None
            self.report.resumed, self.report.waiting = self.state.start_run(
                key, self.options.resume
            )
            for seed in seeds:
                if seed.kind in (FILE, FOLDER):
                    self._copy_local(seed)
                elif seed.kind == WARC:
                    self._read_warc(seed)
                elif seed.kind == ROBOTS:
                    self.state.requeue_seed(seed.value, ROBOTS_TXT, 0, seed.site)
                elif seed.kind == URL:
                    self.state.requeue_seed(seed.value, SEED, max(0, self.options.depth), seed.site)
            self.state.commit()
            self._fetch_frontier()
        except KeyboardInterrupt:
            self.stop.set()
            self.report.interrupted = True
        finally:
            # A stop asked for from outside (a signal handler, an embedding program) is an interruption too.
            self.report.interrupted = self.report.interrupted or self.stop.is_set()
            self.report.elapsed = time.monotonic() - started
            self.report.requests = self.fetcher.requests
            self.state.commit()
        return self.report

    def _limit_reached(self) -> bool:
        limit = self.options.max_pages
        return (
            limit is not None and self.report.counts[FETCHED] + self.report.counts[UPDATED] >= limit
        )

    def _fetch_frontier(self) -> None:
        running: dict[Future, FrontierItem] = {}
        pool = ThreadPoolExecutor(max_workers=self.options.concurrency, thread_name_prefix="crawl")
        try:
            while True:
                if not self.stop.is_set() and not self._limit_reached():
                    self._schedule(pool, running)
                if not running:
                    if self.stop.is_set() or self._limit_reached():
                        break
                    wake = self._next_wake()
                    if wake is None:
                        break
                    self.stop.wait(max(0.005, wake - time.monotonic()))
                    continue
                busy = {item.host for item in running.values()}
                wake = self._next_wake(busy) if len(running) < self.options.concurrency else None
                timeout = None if wake is None else max(0.005, wake - time.monotonic())
                done, _ = wait(list(running), timeout=timeout, return_when=FIRST_COMPLETED)
                for future in done:
                    self._collect(future, running.pop(future))
        except KeyboardInterrupt:
            # Let the workers notice the stop, keep what they finished, leave the rest pending.
            self.stop.set()
            self.report.interrupted = True
            for future in list(running):
                self._collect(future, running.pop(future))
        finally:
            pool.shutdown(wait=True)
            self.state.commit()

    def _collect(self, future: Future, item: FrontierItem) -> None:
        try:
            work = future.result()
        except Exception as exc:  # a bug must not lose the rest of the crawl
            work = _Work(item, error=FetchError(f"internal error: {type(exc).__name__}: {exc}"))
        self._finish(work)
        self.state.commit()
        if self.progress is not None:
            self.progress(self.report, self.state.pending_count())

    def _schedule(self, pool: ThreadPoolExecutor, running: dict[Future, FrontierItem]) -> None:
        """Start pending URLs on hosts that are neither busy nor in their delay."""
        busy = {item.host for item in running.values()}
        while len(running) < self.options.concurrency and not self._limit_reached():
            now = time.monotonic()
            resting = {h for h in self.politeness.hosts() if self.politeness.next_time(h) > now}
            item = self.state.next_pending(busy | resting)
            if item is None:
                return
            conditions = self._before(item)
            if conditions is None:
                continue
            running[pool.submit(self._work, item, conditions)] = item
            busy.add(item.host)

    def _next_wake(self, busy: set[str] | None = None) -> float | None:
        """When the earliest idle host with pending URLs may be contacted; None when there is none."""
        hosts = self.state.pending_hosts() - (busy or set())
        if not hosts:
            return None
        return min(self.politeness.next_time(h) for h in hosts)

    # Before a fetch (main thread)
    def _stored_key(self, url: str) -> str | None:
        key = self.state.key_for(url)
        if key and not self.store.exists(key):
            self.state.forget(url)  # deleted by hand: fetch it again
            return None
        return key

    def _before(self, item: FrontierItem) -> _Conditions | None:
        """Validators for a conditional request, or None when the item is settled without fetching."""
        if item.kind in (SEED, SITEMAP):
            document = self.state.document(item.url)
            if document is not None:
                kind, etag, last_modified = document
                return _Conditions(etag, last_modified, kind)
        if item.kind in (SEED, PAGE):
            refused = None if self.options.refresh else self.state.refused(item.url)
            if refused:
                self._record(
                    CrawlResult(
                        item.origin_url or item.url,
                        SKIPPED,
                        f"{refused} (last crawl; --refresh tries again)",
                    )
                )
                self.state.mark_done(item.id)
                return None
            key = self._stored_key(item.url)
            if key is not None:
                # A start page is re-read (conditionally) for new links; other pages only with --refresh.
                if self.options.refresh or (item.kind == SEED and item.depth > 0):
                    meta = self.store.meta(key)
                    return _Conditions(meta.get("etag"), meta.get("last_modified"), PAGE, key)
                if item.depth > 0:
                    self._follow_stored(item, key)
                self._record(
                    CrawlResult(item.origin_url or item.url, SKIPPED, "already in corpus", key=key)
                )
                self.state.mark_done(item.id)
                return None
        return _Conditions()

    # Fetching (worker threads)
    def _work(self, item: FrontierItem, conditions: _Conditions) -> _Work:
        work = _Work(item)
        try:
            if item.kind == ROBOTS_TXT:
                robots = self.robots.get(item.url)
                if robots.unreachable:
                    raise FetchError(f"robots.txt unreachable ({robots.unreachable})")
                work.kind = ROBOTS_TXT
                work.sitemaps = robots.sitemaps
                return work
            refusal = self.robots.refusal(item.url)
            if refusal:
                # An unreadable robots.txt is a failure worth retrying; a Disallow is a choice.
                unreachable = self.robots.get(item.url).unreachable
                raise FetchError(refusal, FAILED if unreachable else SKIPPED)
            accept = DOCUMENT_TYPES if item.kind in (SEED, SITEMAP) else PAGE_TYPES
            # One size limit for every response, the documented --max-size: seeds, sitemaps and pages alike.
            result = self.fetcher.fetch(
                item.url,
                accept=accept,
                etag=conditions.etag,
                last_modified=conditions.last_modified,
                max_size=self.options.max_size,
            )
            work.result = result
            if result.location or result.path is None:
                work.kind = conditions.kind or (SITEMAP if item.kind == SITEMAP else PAGE)
                return work
            self._read_body(work, item, result)
        except FetchError as exc:
            work.error = exc
        except Interrupted:
            work.interrupted = True
        return work

    def _read_body(self, work: _Work, item: FrontierItem, result: FetchResult) -> None:
        """Tell a feed or sitemap from a page by its content, and parse it."""
        kind = result.media_type
        if item.kind in (SEED, SITEMAP):
            with open(result.path, "rb") as handle:
                head = handle.read(512).lstrip()
            if kind in XML_TYPES or head.startswith(
                (b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"\x1f\x8b")
            ):
                if result.size > MAX_XML_BYTES:
                    raise FetchError("feed or sitemap too large", SKIPPED, status=result.status)
                data = result.path.read_bytes()
                doc = document_kind(data)
                if doc == "sitemap":
                    work.kind, work.sitemap = SITEMAP, parse_sitemap(data, result.final_url)
                    return
                if doc == "feed":
                    work.kind, work.feed = "feed", parse_feed(data, result.final_url)
                    return
            if item.kind == SITEMAP:
                sitemap = (
                    parse_text_sitemap(result.path.read_bytes(), result.final_url)
                    if kind == "text/plain"
                    else None
                )
                if sitemap is None:
                    raise FetchError("not a sitemap or feed", status=result.status)
                work.kind, work.sitemap = SITEMAP, sitemap
                return
            if kind not in PAGE_TYPES and kind:
                raise FetchError(
                    f"not a page, feed or sitemap: content type {kind}",
                    SKIPPED,
                    status=result.status,
                )
        work.kind = PAGE
        if kind in HTML_TYPES:
            work.links = parse_page_file(
                result.path, result.final_url, charset_of(result.content_type)
            )

    # After a fetch (main thread)
    def _record(self, result: CrawlResult) -> None:
        """Add a result to the report."""
        self.report.add(result)

    def _finish(self, work: _Work) -> None:
        item = work.item
        if work.interrupted:
            if work.result is not None:
                work.result.discard()
            return  # stays pending for the next run
        self.state.mark_done(item.id)
        requested = item.origin_url or item.url
        result = work.result
        if work.error is not None:
            if result is not None:
                result.discard()
            err = work.error
            if err.permanent:
                self.state.refuse(requested, err.reason, utc_now())
            self._record(
                CrawlResult(
                    requested, err.outcome, err.reason, status=err.status, final_url=err.final_url
                )
            )
            return
        try:
            if result is not None and result.path is not None and self.warc is not None:
                self.warc.write(result)
            if result is not None and result.location:
                self._redirected(item, result)
            elif work.kind == PAGE:
                self._finish_page(item, work)
            else:
                self._finish_document(item, work)
        finally:
            if result is not None:
                result.discard()

    def _redirected(self, item: FrontierItem, result: FetchResult) -> None:
        """A redirect to another host: schedule the target, with that host's own politeness."""
        requested = item.origin_url or item.url
        hops = item.hops + len(result.redirects)
        target = result.location
        if hops > self.options.max_redirects:
            self._record(
                CrawlResult(
                    requested,
                    FAILED,
                    f"too many redirects (more than {self.options.max_redirects})",
                )
            )
            return
        key = self._stored_key(target)
        if key is not None and not self.options.refresh and item.kind != SITEMAP:
            self.state.remember(key, requested)
            self._record(
                CrawlResult(
                    requested,
                    SKIPPED,
                    f"already in corpus (redirects to {target})",
                    key=key,
                    final_url=target,
                )
            )
            return
        if not self.state.enqueue(target, item.kind, item.depth, item.site, requested, hops):
            self._record(
                CrawlResult(
                    requested,
                    SKIPPED,
                    f"redirects to {target}, already crawled in this run",
                    final_url=target,
                )
            )

    def _finish_document(self, item: FrontierItem, work: _Work) -> None:
        """A robots.txt, sitemap or feed: queue the URLs it lists that are new."""
        result = work.result
        if result is not None:
            self.state.remember_document(
                item.url, work.kind, result.etag, result.last_modified, result.fetched_at
            )
            if result.not_modified:
                self._record(
                    CrawlResult(
                        item.url, READ, f"{work.kind} not modified since the last crawl", status=304
                    )
                )
                return
        if work.kind == ROBOTS_TXT:
            added = sum(self.state.enqueue(url, SITEMAP, 0, item.site) for url in work.sitemaps)
            self._record(
                CrawlResult(
                    item.url, READ, f"robots.txt: {len(work.sitemaps)} sitemaps, {added} new"
                )
            )
            return
        if work.sitemap is not None and work.sitemap.is_index:
            added = sum(
                self.state.enqueue(url, SITEMAP, 0, item.site) for url in work.sitemap.sitemaps
            )
            self._record(
                CrawlResult(
                    item.url,
                    READ,
                    f"sitemap index: {len(work.sitemap.sitemaps)} sitemaps, {added} new",
                    status=result.status,
                )
            )
            return
        if work.sitemap is not None:
            urls, label = [e.url for e in work.sitemap.entries], "sitemap"
        else:
            urls, label = [e.url for e in work.feed.entries], "feed"
        added = off_site = 0
        for url in urls:
            refusal = self.filter.refusal(url, item.site)
            if refusal:
                off_site += refusal.startswith("off site")
                continue
            if not self.options.refresh and (
                self._stored_key(url) is not None or self.state.refused(url)
            ):
                continue
            added += self.state.enqueue(url, PAGE, 0, item.site)
        reason = f"{label}: {len(urls)} URLs, {added} new"
        if off_site:
            reason += f", {off_site} on other sites left out (--any-site takes them)"
        self._record(CrawlResult(item.url, READ, reason, status=result.status))

    def _finish_page(self, item: FrontierItem, work: _Work) -> None:
        result = work.result
        requested = item.origin_url or item.url
        known = self._stored_key(requested) or self._stored_key(item.url)
        if result.not_modified:
            self._record(
                CrawlResult(requested, UNCHANGED, "not modified (304)", key=known, status=304)
            )
            if known and item.depth > 0:
                self._follow_stored(item, known)
            return
        stored = self._store_page(requested, result, work.links, known, item_url=item.url)
        self._record(stored)
        if (
            item.depth > 0
            and work.links is not None
            and not work.links.nofollow
            and stored.outcome != SKIPPED
        ):
            self._follow(item, work.links.links)

    def _store_page(
        self,
        requested: str,
        result: FetchResult,
        links: PageLinks | None,
        known: str | None,
        *,
        item_url: str | None = None,
        source: str = "http",
        source_path: str | None = None,
    ) -> CrawlResult:
        """Store a fetched page under its canonical URL, once; the result says what happened."""
        final = result.final_url
        canonical = links.canonical if links is not None else None
        # A canonical link on another site is recorded but does not move the page there.
        store_url = canonical if canonical and site_of(canonical) == site_of(final) else final
        outcome = FETCHED
        if known is None:
            duplicate = self._stored_key(store_url) or self._stored_key(final)
            if duplicate is not None:
                self.state.remember(duplicate, requested, item_url)
                return CrawlResult(
                    requested,
                    SKIPPED,
                    f"same page as {store_url}, already in corpus",
                    key=duplicate,
                    status=result.status,
                    final_url=final,
                )
            key = self.store.free_key(
                page_key(store_url, result.content_type), final, identity_field="final_url"
            )
        else:
            key = known
            if same_bytes(result.path, self.store.root / key):
                outcome = UNCHANGED
            else:
                outcome = UPDATED
        meta = page_meta(
            url=requested,
            final_url=final,
            fetched_at=result.fetched_at,
            status=result.status,
            content_type=result.content_type,
            etag=result.etag,
            last_modified=result.last_modified,
            canonical_url=canonical,
            redirects=result.redirects,
            size=result.size,
            source=source,
            source_path=source_path,
        )
        if outcome == UPDATED:
            kept = self.store.meta(key)
            refusal = replacement_refusal(self.store.root / key, kept, result.path, meta)
            if refusal:
                # The stored article stays; its sidecar says what was turned away, for the next reader.
                kept["refused_update"] = {
                    "fetched_at": result.fetched_at,
                    "status": result.status,
                    "size": result.size,
                    "reason": refusal,
                }
                self.store.write_meta(key, kept)
                self.state.remember(key, requested, item_url)
                return CrawlResult(
                    requested, SKIPPED, refusal, key=key, status=result.status, final_url=final
                )
        if outcome == UNCHANGED:
            self.store.write_meta(key, meta)  # keeps the new validators and fetch time
        else:
            self.store.save(key, result.path, meta)
            result.path = None
        self.state.remember(key, requested, item_url, final, store_url)
        self.state.unrefuse(requested)
        reason = "same content as stored" if outcome == UNCHANGED else None
        return CrawlResult(
            requested, outcome, reason, key=key, status=result.status, final_url=final
        )

    def _follow(self, item: FrontierItem, links: list[str]) -> None:
        """Queue a page's links that stay in scope."""
        depth = item.depth - 1
        for link in links:
            if looks_like_non_page(link) or self.filter.refusal(link, item.site):
                continue
            if not self.options.refresh and self.state.refused(link):
                continue
            if depth == 0 and not self.options.refresh and self._stored_key(link) is not None:
                continue
            self.state.enqueue(link, PAGE, depth, item.site)

    def _follow_stored(self, item: FrontierItem, key: str) -> None:
        """Follow the links of a page already in the corpus, reading it from disk."""
        meta = self.store.meta(key)
        if media_type(meta.get("content_type")) not in HTML_TYPES:
            return
        url = meta.get("final_url") or item.url
        try:
            links = parse_page_file(
                self.store.root / key, url, charset_of(meta.get("content_type"))
            )
        except OSError:  # removed or unreadable since it was stored: nothing to follow
            return
        if not links.nofollow:
            self._follow(item, links.links)

    # Local seeds (main thread)
    def _copy_local(self, seed: Seed) -> None:
        root = seed.path
        for source in iter_local_files(root):
            if self.stop.is_set():
                raise KeyboardInterrupt
            try:
                result = copy_file(self.store, source, root, self.options.max_size)
            except OSError as exc:
                result = CrawlResult(str(source), FAILED, f"cannot copy: {exc.strerror or exc}")
            self._record(result)
            if self.progress is not None:
                self.progress(self.report, 0)

    def _read_warc(self, seed: Seed) -> None:
        for record in read_warc(seed.path, self.store.tmp_dir, PAGE_TYPES, self.options.max_size):
            if record.damaged is not None:
                # A record lost to damage is a failure (exit code 1), not a choice; the rest of the file is read.
                where = f"byte {record.damaged} of {seed.value}"
                reason = f"{record.reason} ({where})" if record.url else record.reason
                self._record(CrawlResult(record.url or where, FAILED, reason))
                continue
            if record.result is None:
                self._record(CrawlResult(record.url or seed.value, SKIPPED, record.reason))
                continue
            result = record.result
            try:
                known = self._stored_key(result.url)
                if known is not None and not self.options.refresh:
                    self._record(CrawlResult(result.url, SKIPPED, "already in corpus", key=known))
                    continue
                links = None
                if result.media_type in HTML_TYPES:
                    links = parse_page_file(
                        result.path, result.url, charset_of(result.content_type)
                    )
                stored = self._store_page(
                    result.url, result, links, known, source="warc", source_path=seed.value
                )
                self._record(stored)
            finally:
                result.discard()
            self.state.commit()
            if self.progress is not None:
                self.progress(self.report, 0)
