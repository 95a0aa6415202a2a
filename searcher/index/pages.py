"""The corpus pages of an indexing run: which changed, their records, their articles applied."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..article import Article, make_id
from ..corpus import CorpusPage
from ..errors import SearcherError
from .appliers import Applier
from .parallel import normalize_pages
from .recordcache import RecordCache, page_digest
from .report import IndexReport, PageFailure, ProgressEvent, ProgressFn
from .state import PageRow

# Normalized records are written to the cache in batches of this many.
CACHE_BATCH = 256
# Page rows are written to the state in batches of this many (not held for the whole run).
ROW_BATCH = 2048


def ensure_id(article: Article, page: CorpusPage | None, digest: str | None) -> Article:
    """The article with an id: its own, else one made from its URL or content."""
    if not article.id:
        article.id = make_id(
            article.url or (page.url if page else None), content=digest or article.body
        )
    return article


def report_progress(progress: ProgressFn | None, phase: str, done: int, total: int | None) -> None:
    """Tell the caller's progress function (if any) how far a phase is."""
    if progress is not None:
        progress(ProgressEvent(phase, done, total))


def scan_pages(
    pages: list[CorpusPage],
    known: dict[str, PageRow],
    report: IndexReport,
    progress: ProgressFn | None,
) -> tuple[list[tuple[CorpusPage, str]], list[PageRow]]:
    """Pages that need (re)indexing with their digests; unchanged pages counted as skipped."""
    todo: list[tuple[CorpusPage, str]] = []
    touched: list[PageRow] = []
    for n, page in enumerate(pages, 1):
        row = known.get(page.key)
        if row and row.size == page.size and row.mtime_ns == page.mtime_ns:
            report.skipped += 1
        else:
            try:
                digest = page_digest(page.read(), page.meta)
            except SearcherError as exc:
                report.failed.append(PageFailure(page.key, str(exc)))
                continue
            if row and row.digest == digest:
                report.skipped += 1
                touched.append(
                    PageRow(page.key, page.size, page.mtime_ns, digest, row.article_id, row.kind)
                )
            else:
                todo.append((page, digest))
        if n % 500 == 0:
            report_progress(progress, "scan", n, len(pages))
    return todo, touched


def normalize_missing(
    todo: list[tuple[CorpusPage, str]],
    cache: RecordCache,
    normalizer: Any,
    workers: int | None,
    report: IndexReport,
    progress: ProgressFn | None,
    renormalize: bool = False,
) -> dict[str, str]:
    """Normalize the pages whose records are not cached (all when `renormalize`); returns failures by page key."""
    cached = set() if renormalize else cache.cached(digest for _, digest in todo)
    missing = [page for page, digest in todo if digest not in cached]
    digests = {page.key: digest for page, digest in todo}
    errors: dict[str, str] = {}
    batch: list[tuple[str, Article]] = []
    done = 0
    for page, article, error in normalize_pages(missing, normalizer.normalize_page, workers):
        done += 1
        if error is not None or article is None:
            errors[page.key] = error or "normalizer returned nothing"
        else:
            batch.append((digests[page.key], article))
            report.normalized += 1
        if len(batch) >= CACHE_BATCH:
            cache.put_many(batch)
            batch = []
        if done % 20 == 0 or done == len(missing):
            report_progress(progress, "normalize", done, len(missing))
    cache.put_many(batch)
    return errors


def apply_pages(
    applier: Applier,
    todo: list[tuple[CorpusPage, str]],
    errors: dict[str, str],
    cache: RecordCache,
    known: dict[str, PageRow],
    removed_keys: Iterable[str],
    progress: ProgressFn | None,
    normalizer: Any,
) -> dict[str, str | None]:
    """Apply the articles of the pages to (re)index; returns what becomes of the articles
    whose page went or changed: the page that produces them now, or None (delete them)."""
    report, state = applier.report, applier.state
    orphans: set[str] = set()
    mapping: dict[str, str | None] = {k: r.article_id for k, r in known.items()}
    removed_keys = list(removed_keys)
    for key in removed_keys:
        gone = known[key].article_id
        if gone:
            orphans.add(gone)
        mapping.pop(key, None)
    state.delete_pages(removed_keys)
    rows: list[PageRow] = []
    # Only pages known before can orphan an article: a new generation needs no mapping.
    track = bool(known)
    for n, (page, digest) in enumerate(todo, 1):
        if page.key in errors:
            report.failed.append(PageFailure(page.key, errors[page.key]))
            continue
        article = cache.get(digest)
        if article is None:
            # A cached record that does not decode (a damaged cache) is made again, not trusted.
            try:
                article = normalizer.normalize_page(page)
            except Exception as exc:  # noqa: BLE001 - one page's failure is reported, not fatal
                report.failed.append(PageFailure(page.key, f"{type(exc).__name__}: {exc}"))
                continue
            cache.put_many([(digest, article)])
            report.normalized += 1
        old = known.get(page.key)
        if old and old.article_id:
            orphans.add(old.article_id)
        if not article.is_article:
            report.not_articles += 1
            aid = None
        else:
            aid = applier.put(ensure_id(article, page, digest), page.key)
            orphans.discard(aid)
        if track:
            mapping[page.key] = aid
        rows.append(PageRow(page.key, page.size, page.mtime_ns, digest, aid, article.kind))
        if len(rows) >= ROW_BATCH:
            state.put_pages(rows)
            rows = []
        if n % 200 == 0:
            report_progress(progress, "index", n, len(todo))
    report_progress(progress, "index", len(todo), len(todo))
    state.put_pages(rows)
    holders: dict[str, str] = {}
    for key, aid in sorted(mapping.items()):
        if aid in orphans:
            holders.setdefault(aid, key)
    return {aid: holders.get(aid) for aid in orphans}
