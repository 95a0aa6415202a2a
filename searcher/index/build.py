"""Indexing runs: a full rebuild into a new generation, or an incremental update in place."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ..article import Article
from ..corpus import check_corpus, iter_pages
from .appliers import Applier, BulkApplier, LiveApplier
from .appliers import fingerprint as fingerprint  # searcher.cluster reads it from here
from .columns import write_missing_columns
from .locks import DEFAULT_WAIT, WriteLock
from .manifest import write_manifest
from .pages import apply_pages, ensure_id, normalize_missing, report_progress, scan_pages
from .recordcache import RecordCache
from .report import IndexReport, ProgressFn
from .state import GenerationState
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


def default_normalizer() -> Any:
    """The project's normalizer module (normalize_page + NORMALIZER_VERSION, a hash of its source)."""
    from .. import normalize

    return normalize


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


def _build_generation(root: Path, fill: Callable[[Path], list[str]]) -> Path:
    """A new generation filled by `fill(generation)` (which returns its segment ids),
    published only when complete."""
    generation = new_generation(root)
    try:
        segments = fill(generation)
        write_missing_columns(generation)
        write_manifest(generation)
        write_meta(generation, bulk_segments=segments)
        publish(root, generation)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    prune(root)
    return generation


def _bulk_fill(
    feed: Callable[[BulkApplier], None],
    report: IndexReport,
    workers: int | None,
    progress: ProgressFn | None,
    segment_docs: int | None = None,
) -> Callable[[Path], list[str]]:
    """What fills a new generation through the bulk writer, with the documents `feed` gives it."""

    def fill(generation: Path) -> list[str]:
        state = GenerationState(generation / STATE_NAME)
        writer = BulkWriter(
            generation, workers=workers, progress=progress, segment_docs=segment_docs
        )
        applier = BulkApplier(writer, state, report)
        try:
            feed(applier)
            applier.commit()
        except BaseException:
            writer.cancel()
            raise
        state.commit()
        state.close()
        return writer.segment_ids

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
    segment_docs: int | None = None,
) -> IndexReport:
    """A fresh index of the whole corpus, swapped in only when complete.

    Records cached by the same normalizer are reused unless `renormalize`; a segment
    holds at most `segment_docs` articles (writers.SEGMENT_DOCS by default).
    """
    started = time.monotonic()
    normalizer = normalizer or default_normalizer()
    corpus, root = check_corpus(Path(corpus)), Path(index)
    report = IndexReport(index=str(root), rebuilt=True)
    check_writable_target(root)
    lock = WriteLock(root, wait=DEFAULT_WAIT if lock_wait is None else lock_wait)
    with lock:
        cache = _open_cache(root, normalizer)
        try:
            pages = list(iter_pages(corpus))
            todo, _ = scan_pages(pages, {}, report, progress)
            errors = normalize_missing(
                todo, cache, normalizer, workers, report, progress, renormalize
            )

            def feed(applier: BulkApplier) -> None:
                # A new generation knows no pages: no article loses its page.
                apply_pages(applier, todo, errors, cache, {}, [], progress, normalizer)

            report.generation = _build_generation(
                root, _bulk_fill(feed, report, workers, progress, segment_docs)
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
    lock = WriteLock(root, wait=DEFAULT_WAIT if lock_wait is None else lock_wait)
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
            todo, touched = scan_pages(pages, known, report, progress)
            live = {p.key for p in pages}
            removed_keys = [k for k in known if k not in live]
            if touched:
                state.put_pages(touched)
            if todo or removed_keys:
                errors = normalize_missing(todo, cache, normalizer, workers, report, progress)
                writer = UpdateWriter(ix, keep=meta.get("bulk_segments"))
                applier = LiveApplier(writer, state, report)
                applier.live_pages = live
                try:
                    moves = apply_pages(
                        applier, todo, errors, cache, known, removed_keys, progress, normalizer
                    )
                    applier.settle(moves)
                    applier.flush_rows()
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit()
                write_missing_columns(generation)
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
    segment_docs: int | None = None,
) -> IndexReport:
    """Index Article records directly (no corpus): into the live generation, or into a
    new one replacing it when `fresh` (or when there is no index yet), made of segments
    of at most `segment_docs` articles."""
    started = time.monotonic()
    root = Path(index)
    report = IndexReport(index=str(root))
    check_writable_target(root)
    lock = WriteLock(root, wait=DEFAULT_WAIT if lock_wait is None else lock_wait)

    def feed(applier: Applier) -> None:
        n = 0
        for article in articles:
            n += 1
            if not article.is_article:
                report.not_articles += 1
                continue
            applier.put(ensure_id(article, None, None), None)
            if n % 500 == 0:
                report_progress(progress, "index", n, total)
        report_progress(progress, "index", n, total)
        applier.flush_rows()

    with lock:
        live = current_generation(root) if root.is_dir() else None
        if fresh or live is None:
            report.rebuilt = True
            report.generation = _build_generation(
                root, _bulk_fill(feed, report, workers, progress, segment_docs)
            ).name
        else:
            opened = open_index(root)
            generation, meta, ix = opened.generation, opened.meta, opened.whoosh
            report.generation = generation.name
            verified = _verify_before_reuse(opened)
            state = GenerationState(generation / STATE_NAME)
            writer = UpdateWriter(ix, keep=meta.get("bulk_segments"))
            try:
                feed(LiveApplier(writer, state, report))
            except BaseException:
                writer.cancel()
                state.close()
                raise
            writer.commit()
            write_missing_columns(generation)
            write_manifest(generation, verified)
            state.commit()
            state.close()
            ix.close()
    report.elapsed = time.monotonic() - started
    return report


def normalizer_from(normalize_page, version: str) -> Any:
    """A normalizer object from a function and a version (for tests and tools)."""
    return SimpleNamespace(normalize_page=normalize_page, NORMALIZER_VERSION=version)
