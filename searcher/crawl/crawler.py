"""The crawl: seeds in, pages stored, politely, incrementally and resumably.

A URL's path: the frontier (state) → `Outcomes.before` (settled, or a Request) → `Fetching.fetch` on
a worker (a Fetched record) → `Outcomes.after` (stored, queued, recorded, marked done).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import httpx

from ..errors import CrawlError
from .fetch import PAGE_TYPES, Fetcher, cleanup_temp
from .fetching import Fetched, Fetching
from .links import LinkFilter
from .local import copy_file, iter_local_files
from .options import CrawlOptions
from .outcomes import Outcomes
from .pages import Pages
from .politeness import Politeness
from .report import FAILED, FETCHED, UPDATED, CrawlReport, CrawlResult
from .robots import RobotsCache
from .scheduling import Scheduler
from .seeds import FILE, FOLDER, ROBOTS, URL, WARC, Seed, recognise_all
from .state import ROBOTS_TXT, SEED, CrawlState
from .store import Store
from .warc import WarcWriter, read_warc

__all__ = ["CrawlOptions", "Crawler", "Progress", "crawl", "forget_queue"]

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
    transport: httpx.BaseTransport | None = None,
) -> CrawlReport:
    """Crawl the seeds into the corpus and report what happened to every URL and file.

    progress(report, pending) is called after each URL; on_result(result) with each result;
    keep_results=False keeps only the totals in the report (for very long crawls). Setting
    `stop` ends the crawl cleanly at any moment, as Ctrl-C does: what was stored is kept.
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
    report = CrawlReport(on_result=on_result, keep_results=keep_results)
    try:
        crawler = Crawler(
            Path(corpus),
            options,
            link_filter,
            report,
            progress=progress,
            stop=stop,
            transport=transport,
        )
    except KeyboardInterrupt:  # while opening the corpus: nothing was fetched, nothing is lost
        report.interrupted = True
        return report
    with crawler:
        return crawler.run(recognised)


def forget_queue(corpus: Path | str) -> int:
    """Drop the URLs interrupted crawls left queued in a corpus; how many there were."""
    store = Store(Path(corpus))
    state = CrawlState(store.state_dir, store.root)
    try:
        return state.forget_queues()
    finally:
        state.close()


class Crawler:
    """One crawl over one corpus: local seeds read, then the frontier fetched and settled."""

    def __init__(
        self,
        corpus: Path,
        options: CrawlOptions,
        link_filter: LinkFilter,
        report: CrawlReport,
        *,
        progress: Progress | None = None,
        stop: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
    ):
        self.options = options
        self.report = report
        self.progress = progress
        self.stop = stop or threading.Event()
        self.store = Store(corpus)
        # Closed in reverse order by close(), and at once if opening one of them fails.
        with ExitStack() as opened:
            self.state = CrawlState(self.store.state_dir, self.store.root)  # locks the corpus
            opened.callback(self.state.close)
            cleanup_temp(self.store.tmp_dir)
            self.warc = WarcWriter(options.warc) if options.warc else None
            if self.warc is not None:
                opened.callback(self.warc.close)
            # Waiting for a host's turn wakes up at once when the crawl is stopped.
            politeness = Politeness(options.delay, sleep=self.stop.wait)
            self.fetcher = Fetcher(
                self.store.tmp_dir,
                user_agent=options.user_agent,
                timeout=options.timeout,
                max_size=options.max_size,
                max_redirects=options.max_redirects,
                retries=options.retries,
                retry_base=options.retry_base,
                max_retry_wait=options.max_retry_wait,
                politeness=politeness,
                stop=self.stop,
                transport=transport,
            )
            opened.callback(self.fetcher.close)
            self._opened = opened.pop_all()
        robots = RobotsCache(self.fetcher, options.user_agent)
        self.fetcher.allowed = robots.refusal  # redirect hops are checked against robots.txt too
        self.fetching = Fetching(self.fetcher, robots, options.max_size)
        self.pages = Pages(self.store, self.state)
        self.outcomes = Outcomes(self.state, self.pages, link_filter, options, report, self.warc)
        self.scheduler = Scheduler(self.state, politeness, options.concurrency, self.stop)

    def __enter__(self) -> Crawler:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the network pool, the WARC file and the state database."""
        self._opened.close()

    def run(self, seeds: list[Seed]) -> CrawlReport:
        """Read local seeds, then fetch URL seeds and everything they lead to."""
        started = time.monotonic()
        try:
            self._queue(seeds)
            self.scheduler.run(
                self.outcomes.before, self.fetching.fetch, self._settle, self._limit_reached
            )
        except KeyboardInterrupt:
            self.stop.set()
        finally:
            # A stop asked for from outside (a signal handler, an embedding program) is an interruption too.
            self.report.interrupted = self.report.interrupted or self.stop.is_set()
            self.report.elapsed = time.monotonic() - started
            self.report.requests = self.fetcher.requests
            self.state.commit()
        return self.report

    def _queue(self, seeds: list[Seed]) -> None:
        """Set up the frontier: local seeds are read at once, URL seeds queued."""
        key = json.dumps(sorted(seed.value for seed in seeds)) if seeds else None
        self.report.resumed, self.report.waiting = self.state.start_run(key, self.options.resume)
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

    def _settle(self, fetched: Fetched) -> None:
        self.outcomes.after(fetched)
        self.state.commit()
        self._progress(self.state.pending_count())

    def _progress(self, pending: int) -> None:
        if self.progress is not None:
            self.progress(self.report, pending)

    def _limit_reached(self) -> bool:
        limit = self.options.max_pages
        counts = self.report.counts
        return limit is not None and counts[FETCHED] + counts[UPDATED] >= limit

    def _copy_local(self, seed: Seed) -> None:
        for source in iter_local_files(seed.path):
            if self.stop.is_set():
                return
            try:
                result = copy_file(self.store, source, seed.path, self.options.max_size)
            except OSError as exc:
                result = CrawlResult(str(source), FAILED, f"cannot copy: {exc.strerror or exc}")
            self.report.add(result)
            self._progress(0)

    def _read_warc(self, seed: Seed) -> None:
        records = read_warc(seed.path, self.store.tmp_dir, PAGE_TYPES, self.options.max_size)
        for record in records:
            self.outcomes.archived(record, seed.value)
            self.state.commit()
            self._progress(0)
            if self.stop.is_set():
                return
