"""What each URL comes to, decided in the main thread: settled before fetching (refused by an earlier
crawl, already stored) or after it (a page stored and its links followed, what a feed or sitemap lists
queued, a redirect scheduled, a failure recorded); each ends as one CrawlResult in the report.
"""

from __future__ import annotations

from .fetch import HTML_TYPES, FetchError, FetchResult, charset_of, utc_now
from .fetching import Failed, Fetched, Listed, Page, Redirected, Request, Stopped
from .links import LinkFilter, parse_page_file
from .options import CrawlOptions
from .pages import Pages
from .report import FAILED, READ, SKIPPED, UNCHANGED, CrawlReport, CrawlResult
from .state import PAGE, SEED, SITEMAP, CrawlState, FrontierItem
from .urls import looks_like_non_page
from .warc import WarcRecord, WarcWriter


class Outcomes:
    """Settles frontier URLs and archive records into the corpus, the frontier and the report."""

    def __init__(
        self,
        state: CrawlState,
        pages: Pages,
        link_filter: LinkFilter,
        options: CrawlOptions,
        report: CrawlReport,
        warc: WarcWriter | None,
    ):
        self.state = state
        self.pages = pages
        self.filter = link_filter
        self.refresh = options.refresh
        self.max_redirects = options.max_redirects
        self.report = report
        self.warc = warc

    # Before a fetch
    def before(self, item: FrontierItem) -> Request | None:
        """What to ask for (with validators from the last crawl), or None when the URL is settled without fetching."""
        if item.kind in (SEED, SITEMAP):
            document = self.state.document(item.url)
            if document is not None:
                kind, etag, last_modified = document
                return Request(item, etag, last_modified, kind)
        if item.kind in (SEED, PAGE):
            refused = None if self.refresh else self.state.refused(item.url)
            if refused:
                self._settle(
                    item,
                    CrawlResult(
                        item.requested, SKIPPED, f"{refused} (last crawl; --refresh tries again)"
                    ),
                )
                return None
            key = self.pages.key_for(item.url)
            if key is not None:
                # A start page is re-read (conditionally) for new links; other pages only with --refresh.
                if self.refresh or (item.kind == SEED and item.depth > 0):
                    return Request(item, *self.pages.validators(key), PAGE)
                if item.depth > 0:
                    self._follow_stored(item, key)
                self._settle(
                    item, CrawlResult(item.requested, SKIPPED, "already in corpus", key=key)
                )
                return None
        return Request(item)

    def _settle(self, item: FrontierItem, result: CrawlResult) -> None:
        self.report.add(result)
        self.state.mark_done(item.id)

    # After a fetch
    def after(self, fetched: Fetched) -> None:
        """Record what a fetch came to; the URL is marked done last, so an interruption before redoes it."""
        if isinstance(fetched, Stopped):
            return  # stays pending for the next run
        item = fetched.request.item
        if isinstance(fetched, Failed):
            self._failed(item, fetched.error)
        else:
            try:
                if fetched.result is not None and fetched.result.path is not None:
                    if self.warc is not None:
                        self.warc.write(fetched.result)
                if isinstance(fetched, Redirected):
                    self._redirected(item, fetched.result, fetched.target)
                elif isinstance(fetched, Page):
                    self._page(item, fetched)
                else:
                    self._listed(item, fetched)
            finally:
                if fetched.result is not None:
                    fetched.result.discard()
        self.state.mark_done(item.id)

    def _failed(self, item: FrontierItem, error: FetchError) -> None:
        if error.permanent:
            self.state.refuse(item.requested, error.reason, utc_now())
        self.report.add(
            CrawlResult(
                item.requested,
                error.outcome,
                error.reason,
                status=error.status,
                final_url=error.final_url,
            )
        )

    def _redirected(self, item: FrontierItem, result: FetchResult, target: str) -> None:
        """A redirect to another host: schedule the target, with that host's own politeness."""
        requested = item.requested
        hops = item.hops + len(result.redirects)
        if hops > self.max_redirects:
            self.report.add(
                CrawlResult(
                    requested, FAILED, f"too many redirects (more than {self.max_redirects})"
                )
            )
            return
        key = self.pages.key_for(target)
        if key is not None and not self.refresh and item.kind != SITEMAP:
            self.state.remember(key, requested)
            self.report.add(
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
            self.report.add(
                CrawlResult(
                    requested,
                    SKIPPED,
                    f"redirects to {target}, already crawled in this run",
                    final_url=target,
                )
            )

    def _listed(self, item: FrontierItem, listed: Listed) -> None:
        """A robots.txt, sitemap or feed: queue the URLs it lists that are new."""
        result = listed.result
        status = None
        if result is not None:
            status = result.status
            self.state.remember_document(
                item.url, listed.kind, result.etag, result.last_modified, result.fetched_at
            )
        listing = listed.listing
        if listing is None:
            self.report.add(
                CrawlResult(
                    item.url, READ, f"{listed.kind} not modified since the last crawl", status=304
                )
            )
            return
        urls = listing.urls
        if listing.of_sitemaps:
            added = sum(self.state.enqueue(url, SITEMAP, 0, item.site) for url in urls)
            reason = f"{listing.label}: {len(urls)} sitemaps, {added} new"
            self.report.add(CrawlResult(item.url, READ, reason, status=status))
            return
        added = off_site = 0
        for url in urls:
            refusal = self.filter.refusal(url, item.site)
            if refusal:
                off_site += refusal.startswith("off site")
                continue
            if not self.refresh and (
                self.pages.key_for(url) is not None or self.state.refused(url)
            ):
                continue
            added += self.state.enqueue(url, PAGE, 0, item.site)
        reason = f"{listing.label}: {len(urls)} URLs, {added} new"
        if off_site:
            reason += f", {off_site} on other sites left out (--any-site takes them)"
        self.report.add(CrawlResult(item.url, READ, reason, status=status))

    def _page(self, item: FrontierItem, page: Page) -> None:
        """A page: stored (or confirmed unchanged), then its links followed while depth is left."""
        result = page.result
        requested = item.requested
        known = self.pages.key_for(requested) or self.pages.key_for(item.url)
        if result.path is None:  # 304 Not Modified
            self.report.add(
                CrawlResult(requested, UNCHANGED, "not modified (304)", key=known, status=304)
            )
            if known and item.depth > 0:
                self._follow_stored(item, known)
            return
        stored = self.pages.store_page(
            requested, result, result.path, page.links, known, item_url=item.url
        )
        self.report.add(stored)
        links = page.links
        if (
            item.depth > 0
            and links is not None
            and not links.nofollow
            and stored.outcome != SKIPPED
        ):
            self._follow(item, links.links)

    def _follow(self, item: FrontierItem, links: list[str]) -> None:
        """Queue a page's links that stay in scope."""
        depth = item.depth - 1
        for link in links:
            if looks_like_non_page(link) or self.filter.refusal(link, item.site):
                continue
            if not self.refresh and self.state.refused(link):
                continue
            if depth == 0 and not self.refresh and self.pages.key_for(link) is not None:
                continue
            self.state.enqueue(link, PAGE, depth, item.site)

    def _follow_stored(self, item: FrontierItem, key: str) -> None:
        """Follow the links of a page already in the corpus, reading it from disk."""
        links = self.pages.links(key, item.url)
        if links is not None and not links.nofollow:
            self._follow(item, links.links)

    # Archives
    def archived(self, record: WarcRecord, archive: str) -> None:
        """Store a page read from a WARC archive, or record why not."""
        result = record.result
        if record.damaged is not None:
            # A record lost to damage is a failure (exit code 1), not a choice; the rest of the file is read.
            where = f"byte {record.damaged} of {archive}"
            reason = f"{record.reason} ({where})" if record.url else record.reason
            self.report.add(CrawlResult(record.url or where, FAILED, reason))
            return
        if result is None or result.path is None:
            self.report.add(CrawlResult(record.url or archive, SKIPPED, record.reason))
            return
        try:
            known = self.pages.key_for(result.url)
            if known is not None and not self.refresh:
                self.report.add(CrawlResult(result.url, SKIPPED, "already in corpus", key=known))
                return
            links = None
            if result.media_type in HTML_TYPES:
                links = parse_page_file(result.path, result.url, charset_of(result.content_type))
            stored = self.pages.store_page(
                result.url,
                result,
                result.path,
                links,
                known,
                source="warc",
                source_path=archive,
            )
            self.report.add(stored)
        finally:
            result.discard()
