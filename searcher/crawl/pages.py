"""The corpus's pages as the crawl knows them: which URL is stored under which key, and storing a
fetched page once, under its canonical URL."""

from __future__ import annotations

from pathlib import Path

from .fetch import HTML_TYPES, FetchResult, charset_of, media_type
from .links import PageLinks, parse_page_file
from .refresh import replacement_refusal
from .report import FETCHED, SKIPPED, UNCHANGED, UPDATED, CrawlResult
from .state import CrawlState
from .store import Store, page_key, page_meta, same_bytes
from .urls import site_of


class Pages:
    """Stored pages, looked up by any URL they were reached by (requested, final, canonical)."""

    def __init__(self, store: Store, state: CrawlState):
        self.store = store
        self.state = state

    def key_for(self, url: str) -> str | None:
        """The key of the page stored for this URL; None when there is none (or it was deleted)."""
        key = self.state.key_for(url)
        if key and not self.store.exists(key):
            self.state.forget(url)  # deleted by hand: fetch it again
            return None
        return key

    def validators(self, key: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified a stored page came with, for a conditional request."""
        meta = self.store.meta(key)
        return meta.get("etag"), meta.get("last_modified")

    def links(self, key: str, url: str) -> PageLinks | None:
        """The links of a stored HTML page, read from disk; None for other pages or an unreadable file."""
        meta = self.store.meta(key)
        if media_type(meta.get("content_type")) not in HTML_TYPES:
            return None
        try:
            return parse_page_file(
                self.store.root / key,
                meta.get("final_url") or url,
                charset_of(meta.get("content_type")),
            )
        except OSError:  # removed or unreadable since it was stored: nothing to follow
            return None

    def store_page(
        self,
        requested: str,
        result: FetchResult,
        body: Path,
        links: PageLinks | None,
        known: str | None,
        *,
        item_url: str | None = None,
        source: str = "http",
        source_path: str | None = None,
    ) -> CrawlResult:
        """Store a fetched body under its canonical URL, once (`known`: the key it had); the result says what happened."""
        final = result.final_url
        canonical = links.canonical if links is not None else None
        # A canonical link on another site is recorded but does not move the page there.
        store_url = canonical if canonical and site_of(canonical) == site_of(final) else final
        outcome = FETCHED
        if known is None:
            duplicate = self.key_for(store_url) or self.key_for(final)
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
            outcome = UNCHANGED if same_bytes(body, self.store.root / key) else UPDATED
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
            refusal = replacement_refusal(self.store.root / key, kept, body, meta)
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
            self.store.save(key, body, meta)
            result.path = None  # moved into the corpus: nothing left to discard
        self.state.remember(key, requested, item_url, final, store_url)
        self.state.unrefuse(requested)
        reason = "same content as stored" if outcome == UNCHANGED else None
        return CrawlResult(
            requested, outcome, reason, key=key, status=result.status, final_url=final
        )
