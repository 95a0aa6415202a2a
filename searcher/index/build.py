"""Indexing runs: a full rebuild into a new generation, or an incremental update in place."""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ..article import Article, make_id
from ..corpus import CorpusPage, check_corpus, iter_pages
from ..errors import SearcherError
from .clusters import ClusterFinder, signature
from .locks import WriteLock
from .manifest import write_manifest
from .parallel import normalize_pages
from .recordcache import RecordCache, page_digest
from .report import IndexReport, PageFailure, ProgressEvent, ProgressFn
from .state import ArticleRow, GenerationState, PageRow
from .store import (
    RECORDS_NAME,
    STATE_NAME,
    check_writable_target,
    current_generation,
    new_generation,
    open_index,
    prune,
    publish,
    write_meta,
)
from .writers import BulkWriter, UpdateWriter

# Normalized records are written to the cache in batches of this many.
CACHE_BATCH = 256


def default_normalizer() -> Any:
    """The project's normalizer module (normalize_page + NORMALIZER_VERSION, a hash of its source)."""
    from .. import normalize

    return normalize


def fingerprint(article: Article) -> str:
    """A hash of an article's title and body text: equal for the same text under another URL."""
    text = (article.title or "").strip() + "\n" + " ".join((article.body or "").split())
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class _Applier:
    """Applies articles to the live generation and its state: ids, duplicates, clusters."""

    def __init__(self, writer: UpdateWriter, state: GenerationState, report: IndexReport):
        self.writer = writer
        self.state = state
        self.report = report
        self.articles: dict[str, ArticleRow] = {r.id: r for r in state.articles()}
        self.by_fingerprint = {(r.outlet, r.fingerprint): r.id for r in self.articles.values()}
        self.finder = ClusterFinder()
        self._finder_loaded = False
        self.live_pages: set[str] = set()
        self.new_rows: list[ArticleRow] = []

    def _ensure_finder(self) -> None:
        if not self._finder_loaded:
            self.finder.load((r.id, r.signature, r.cluster) for r in self.articles.values())
            self._finder_loaded = True

    def put(self, article: Article, owner: str | None) -> str:
        """Index an article (or note it as a duplicate); returns the id it is indexed under."""
        aid = article.id
        existing = self.articles.get(aid)
        if (
            existing
            and owner is not None
            and existing.owner not in (owner, None)
            and existing.owner in self.live_pages
        ):
            self.report.duplicates += 1
            return aid
        fp = fingerprint(article)
        twin = self.by_fingerprint.get((article.outlet, fp))
        if twin and twin != aid and twin in self.articles:
            self.report.duplicates += 1
            return twin
        self._ensure_finder()
        sig = signature(article.body)
        cluster = self.finder.assign(aid, sig)
        if cluster != aid:
            self.report.clustered += 1
        # Replace even when new: after a crash the index may be ahead of the state.
        self.writer.replace(article, cluster)
        if existing:
            self.report.updated += 1
            self.by_fingerprint.pop((existing.outlet, existing.fingerprint), None)
        else:
            self.report.added += 1
        row = ArticleRow(aid, owner, fp, article.outlet, sig, cluster)
        self.articles[aid] = row
        self.by_fingerprint[(article.outlet, fp)] = aid
        self.new_rows.append(row)
        if len(self.new_rows) >= 2048:
            self.flush_rows()
        return aid

    def remove(self, article_id: str) -> None:
        """Delete an article's document."""
        row = self.articles.pop(article_id, None)
        if row is None:
            return
        self.writer.delete(article_id)
        self.finder.remove(article_id)
        self.by_fingerprint.pop((row.outlet, row.fingerprint), None)
        self.state.delete_articles([article_id])
        self.report.removed += 1

    def transfer(self, article_id: str, owner: str) -> None:
        """Give an article to another page that produced it too."""
        row = self.articles.get(article_id)
        if row is not None:
            row.owner = owner
            self.new_rows.append(row)

    def flush_rows(self) -> None:
        """Write pending article rows."""
        self.state.put_articles(self.new_rows)
        self.new_rows = []


class _BulkApplier:
    """Applies the articles of a new generation: ids and duplicates here, while analysis,
    signatures and clusters happen in the BulkWriter."""

    def __init__(self, writer: BulkWriter, state: GenerationState, report: IndexReport):
        self.writer = writer
        self.state = state
        self.report = report
        self.ids: set[str] = set()
        self.by_fingerprint: dict[tuple, str] = {}
        self.rows: list[tuple[str, str | None, str, str | None]] = []

    def put(self, article: Article, owner: str | None) -> str:
        """Queue an article for the new index (or note it as a duplicate); returns its id."""
        aid = article.id
        if aid in self.ids:
            self.report.duplicates += 1
            return aid
        fp = fingerprint(article)
        twin = self.by_fingerprint.get((article.outlet, fp))
        if twin is not None:
            self.report.duplicates += 1
            return twin
        self.writer.add(article)
        self.ids.add(aid)
        self.by_fingerprint[(article.outlet, fp)] = aid
        self.rows.append((aid, owner, fp, article.outlet))
        self.report.added += 1
        return aid

    def flush_rows(self) -> None:
        """Nothing to do before the writer has assigned clusters."""

    def commit(self) -> None:
        """Write the index, then the article rows with their signatures and clusters."""
        self.writer.commit()
        sigs, clusters = self.writer.signatures, self.writer.clusters
        self.state.put_articles(
            ArticleRow(aid, owner, fp, outlet, sigs[n], clusters[n])
            for n, (aid, owner, fp, outlet) in enumerate(self.rows)
        )
        self.report.clustered = sum(1 for n, row in enumerate(self.rows) if clusters[n] != row[0])


def _ensure_id(article: Article, page: CorpusPage | None, digest: str | None) -> Article:
    if not article.id:
        article.id = make_id(
            article.url or (page.url if page else None), content=digest or article.body
        )
    return article


def _progress(progress: ProgressFn | None, phase: str, done: int, total: int | None) -> None:
    if progress is not None:
        progress(ProgressEvent(phase, done, total))


def _scan(
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
            _progress(progress, "scan", n, len(pages))
    return todo, touched


def _normalize_missing(
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
            _progress(progress, "normalize", done, len(missing))
    cache.put_many(batch)
    return errors


def _apply_pages(
    applier: _Applier,
    todo: list[tuple[CorpusPage, str]],
    errors: dict[str, str],
    cache: RecordCache,
    known: dict[str, PageRow],
    removed_keys: Iterable[str],
    progress: ProgressFn | None,
    normalizer: Any,
) -> None:
    report, state = applier.report, applier.state
    orphans: set[str] = set()
    mapping: dict[str, str | None] = {k: r.article_id for k, r in known.items()}
    removed_keys = list(removed_keys)
    for key in removed_keys:
        if known[key].article_id:
            orphans.add(known[key].article_id)
        mapping.pop(key, None)
    state.delete_pages(removed_keys)
    rows: list[PageRow] = []
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
            aid = applier.put(_ensure_id(article, page, digest), page.key)
            orphans.discard(aid)
        mapping[page.key] = aid
        rows.append(PageRow(page.key, page.size, page.mtime_ns, digest, aid, article.kind))
        if n % 200 == 0:
            _progress(progress, "index", n, len(todo))
    _progress(progress, "index", len(todo), len(todo))
    state.put_pages(rows)
    if orphans:
        holders: dict[str, str] = {}
        for key, aid in sorted(mapping.items()):
            if aid in orphans:
                holders.setdefault(aid, key)
        for aid in sorted(orphans):
            if aid in holders:
                applier.transfer(aid, holders[aid])
            else:
                applier.remove(aid)
    applier.flush_rows()


def _verify_before_reuse(opened: Any) -> Any:
    """The live generation's checksums, checked before anything is added to it (closing it when damaged)."""
    try:
        return opened.verify()
    except BaseException:
        opened.close()
        raise


def _open_cache(root: Path, normalizer: Any) -> RecordCache:
    root.mkdir(parents=True, exist_ok=True)
    return RecordCache(root / RECORDS_NAME, str(normalizer.NORMALIZER_VERSION))


def _build_generation(root: Path, fill: Callable[[Path], str | None]) -> Path:
    """A new generation filled by `fill(generation)`, published only when complete."""
    generation = new_generation(root)
    try:
        segment = fill(generation)
        write_manifest(generation)
        write_meta(generation, bulk_segments=[segment] if segment else [])
        publish(root, generation)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    prune(root)
    return generation


def _bulk_fill(
    feed: Callable[[_BulkApplier], None],
    report: IndexReport,
    workers: int | None,
    progress: ProgressFn | None,
) -> Callable[[Path], str | None]:
    """What fills a new generation through the bulk writer, with the documents `feed` gives it."""

    def fill(generation: Path) -> str | None:
        state = GenerationState(generation / STATE_NAME)
        writer = BulkWriter(generation, workers=workers, progress=progress)
        applier = _BulkApplier(writer, state, report)
        try:
            feed(applier)
            applier.commit()
        except BaseException:
            writer.cancel()
            raise
        state.commit()
        state.close()
        return writer.segment_id

    return fill


def rebuild(
    corpus: str | Path,
    index: str | Path,
    *,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    normalizer: Any = None,
    lock_wait: float | None = None,
    renormalize: bool = False,
) -> IndexReport:
    """A fresh index of the whole corpus, swapped in only when complete.

    Records cached by the same normalizer are reused unless `renormalize`.
    """
    started = time.monotonic()
    normalizer = normalizer or default_normalizer()
    corpus, root = check_corpus(Path(corpus)), Path(index)
    report = IndexReport(index=str(root), rebuilt=True)
    check_writable_target(root)
    lock = WriteLock(root, **({"wait": lock_wait} if lock_wait is not None else {}))
    with lock:
        cache = _open_cache(root, normalizer)
        try:
            pages = list(iter_pages(corpus))
            todo, _ = _scan(pages, {}, report, progress)
            errors = _normalize_missing(
                todo, cache, normalizer, workers, report, progress, renormalize
            )

            def feed(applier: _BulkApplier) -> None:
                _apply_pages(applier, todo, errors, cache, {}, [], progress, normalizer)

            report.generation = _build_generation(
                root, _bulk_fill(feed, report, workers, progress)
            ).name
            # Records of older normalizer versions can never be used again.
            cache.drop_other_versions()
        finally:
            cache.close()
    report.elapsed = time.monotonic() - started
    return report


def update(
    corpus: str | Path,
    index: str | Path,
    *,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    normalizer: Any = None,
    lock_wait: float | None = None,
) -> IndexReport:
    """Bring the index up to date with the corpus: add new pages, re-index changed ones,
    remove deleted ones, skip unchanged ones. Builds the index when there is none."""
    root = Path(index)
    if current_generation(root) is None if root.is_dir() else True:
        return rebuild(
            corpus,
            index,
            workers=workers,
            progress=progress,
            normalizer=normalizer,
            lock_wait=lock_wait,
        )
    started = time.monotonic()
    normalizer = normalizer or default_normalizer()
    corpus = check_corpus(Path(corpus))
    report = IndexReport(index=str(root))
    lock = WriteLock(root, **({"wait": lock_wait} if lock_wait is not None else {}))
    with lock:
        # Opened (not only found) before anything is skipped: damage is reported, not hidden.
        opened = open_index(root)
        generation, meta, ix = opened.generation, opened.meta, opened.whoosh
        report.generation = generation.name
        verified = _verify_before_reuse(opened)
        cache = _open_cache(root, normalizer)
        state = GenerationState(generation / STATE_NAME)
        try:
            known = state.pages()
            pages = list(iter_pages(corpus))
            todo, touched = _scan(pages, known, report, progress)
            live = {p.key for p in pages}
            removed_keys = [k for k in known if k not in live]
            if touched:
                state.put_pages(touched)
            if todo or removed_keys:
                errors = _normalize_missing(todo, cache, normalizer, workers, report, progress)
                writer = UpdateWriter(ix, keep=meta.get("bulk_segments"))
                applier = _Applier(writer, state, report)
                applier.live_pages = live
                try:
                    _apply_pages(
                        applier, todo, errors, cache, known, removed_keys, progress, normalizer
                    )
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit()
                write_manifest(generation, verified)
            state.commit()
        finally:
            ix.close()
            state.close()
            cache.close()
    report.elapsed = time.monotonic() - started
    return report


def index_articles(
    articles: Iterable[Article],
    index: str | Path,
    *,
    fresh: bool = False,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    lock_wait: float | None = None,
    total: int | None = None,
) -> IndexReport:
    """Index Article records directly (no corpus): into the live generation, or into a
    new one replacing it when `fresh` (or when there is no index yet)."""
    started = time.monotonic()
    root = Path(index)
    report = IndexReport(index=str(root))
    check_writable_target(root)
    lock = WriteLock(root, **({"wait": lock_wait} if lock_wait is not None else {}))

    def feed(applier: Any) -> None:
        n = 0
        for article in articles:
            n += 1
            if not article.is_article:
                report.not_articles += 1
                continue
            applier.put(_ensure_id(article, None, None), None)
            if n % 500 == 0:
                _progress(progress, "index", n, total)
        _progress(progress, "index", n, total)
        applier.flush_rows()

    with lock:
        live = current_generation(root) if root.is_dir() else None
        if fresh or live is None:
            report.rebuilt = True
            report.generation = _build_generation(
                root, _bulk_fill(feed, report, workers, progress)
            ).name
        else:
            opened = open_index(root)
            generation, meta, ix = opened.generation, opened.meta, opened.whoosh
            report.generation = generation.name
            verified = _verify_before_reuse(opened)
            state = GenerationState(generation / STATE_NAME)
            writer = UpdateWriter(ix, keep=meta.get("bulk_segments"))
            try:
                feed(_Applier(writer, state, report))
            except BaseException:
                writer.cancel()
                state.close()
                raise
            writer.commit()
            write_manifest(generation, verified)
            state.commit()
            state.close()
            ix.close()
    report.elapsed = time.monotonic() - started
    return report


def normalizer_from(normalize_page, version: str) -> Any:
    """A normalizer object from a function and a version (for tests and tools)."""
    return SimpleNamespace(normalize_page=normalize_page, NORMALIZER_VERSION=version)
