"""Normalization of corpus pages in worker processes, one per core."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator

from ..article import Article
from ..corpus import CorpusPage

NormalizeFn = Callable[[CorpusPage], Article]

# Below this many pages, starting processes costs more than it saves.
MIN_PAGES_FOR_WORKERS = 16


def default_workers() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


_normalize: NormalizeFn | None = None


def _init(fn: NormalizeFn) -> None:
    global _normalize
    _normalize = fn


def _run(page: CorpusPage) -> tuple[Article | None, str | None]:
    if _normalize is None:  # _init runs first in every worker
        raise RuntimeError("the normalizing worker was started without its function")
    try:
        return _normalize(page), None
    except Exception as exc:  # one broken page must not stop the run
        return None, f"{type(exc).__name__}: {exc}"


def normalize_pages(
    pages: Iterable[CorpusPage],
    normalize: NormalizeFn,
    workers: int | None = None,
    count: int | None = None,
) -> Iterator[tuple[CorpusPage, Article | None, str | None]]:
    """(page, article or None, error or None) for each page, in order."""
    pages = list(pages)
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1 or len(pages) < MIN_PAGES_FOR_WORKERS:
        _init(normalize)
        for page in pages:
            yield (page, *_run(page))
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(32, len(pages) // (workers * 8) or 1))
    with ctx.Pool(workers, initializer=_init, initargs=(normalize,)) as pool:
        for page, result in zip(pages, pool.imap(_run, pages, chunksize=chunk), strict=False):
            yield (page, *result)
