"""The frontier loop: pending URLs onto worker threads, one request per host at a time, each host
after its delay, until nothing is left, the page limit is reached or the crawl is stopped."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from .fetching import Fetched, Request
from .politeness import Politeness
from .state import CrawlState, FrontierItem


class Scheduler:
    """Runs the frontier: `prepare` and `settle` in the calling thread, `fetch` on the workers."""

    def __init__(
        self,
        state: CrawlState,
        politeness: Politeness,
        concurrency: int,
        stop: threading.Event,
    ):
        self.state = state
        self.politeness = politeness
        self.concurrency = concurrency
        self.stop = stop

    def run(
        self,
        prepare: Callable[[FrontierItem], Request | None],
        fetch: Callable[[Request], Fetched],
        settle: Callable[[Fetched], None],
        enough: Callable[[], bool],
    ) -> None:
        """Fetch pending URLs until none is left, `enough()` or a stop; what is running is settled first."""
        running: dict[Future[Fetched], str] = {}  # each fetch and its host
        pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="crawl")
        try:
            while True:
                if not self.stop.is_set() and not enough():
                    self._start(pool, running, prepare, fetch, enough)
                if not running:
                    if self.stop.is_set() or enough():
                        break
                    wake = self._next_wake(set())
                    if wake is None:
                        break
                    self.stop.wait(max(0.005, wake - time.monotonic()))
                    continue
                # Wake up for a host coming out of its delay only when a worker is free for it.
                wake = (
                    self._next_wake(set(running.values()))
                    if len(running) < self.concurrency
                    else None
                )
                timeout = None if wake is None else max(0.005, wake - time.monotonic())
                done, _ = wait(list(running), timeout=timeout, return_when=FIRST_COMPLETED)
                for future in done:
                    del running[future]
                    settle(future.result())
        except KeyboardInterrupt:
            # The workers notice the stop; what they finished is kept, the rest stays pending.
            self.stop.set()
            for future in list(running):
                del running[future]
                settle(future.result())
        finally:
            pool.shutdown(wait=True)

    def _start(
        self,
        pool: ThreadPoolExecutor,
        running: dict[Future[Fetched], str],
        prepare: Callable[[FrontierItem], Request | None],
        fetch: Callable[[Request], Fetched],
        enough: Callable[[], bool],
    ) -> None:
        """Start pending URLs on hosts that are neither busy nor in their delay."""
        busy = set(running.values())
        while len(running) < self.concurrency and not enough():
            now = time.monotonic()
            resting = {h for h in self.politeness.hosts() if self.politeness.next_time(h) > now}
            item = self.state.next_pending(busy | resting)
            if item is None:
                return
            request = prepare(item)
            if request is None:
                continue
            running[pool.submit(fetch, request)] = item.host
            busy.add(item.host)

    def _next_wake(self, busy: set[str]) -> float | None:
        """When the earliest idle host with pending URLs may be contacted; None when there is none."""
        hosts = self.state.pending_hosts() - busy
        if not hosts:
            return None
        return min(self.politeness.next_time(h) for h in hosts)
