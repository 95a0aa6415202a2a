"""Per-host pacing: one request at a time per host, with a delay between requests."""

from __future__ import annotations

import threading
import time

# A robots.txt Crawl-delay above this is capped, so one site cannot stall a crawl for hours.
MAX_CRAWL_DELAY = 60.0


class Politeness:
    """Tracks when each host may next be contacted; safe to share between threads."""

    def __init__(self, delay: float = 1.0, clock=time.monotonic, sleep=time.sleep):
        self.delay = max(0.0, delay)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        """Use a host's robots.txt Crawl-delay when it is longer than the default delay."""
        if seconds is None:
            return
        with self._lock:
            self._host_delay[host] = min(max(0.0, float(seconds)), MAX_CRAWL_DELAY)

    def delay_for(self, host: str) -> float:
        """The pause between two requests to this host."""
        return max(self.delay, self._host_delay.get(host, 0.0))

    def hosts(self) -> list[str]:
        """Hosts contacted so far."""
        with self._lock:
            return list(self._next)

    def next_time(self, host: str) -> float:
        """The clock time from which the host may be contacted again."""
        return self._next.get(host, 0.0)

    def postpone(self, host: str, seconds: float) -> None:
        """Keep away from a host for a while (a Retry-After, say)."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), self._clock() + seconds)

    def host_lock(self, host: str) -> threading.Lock:
        """The lock held while talking to a host."""
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def request(self, host: str) -> _Slot:
        """A context manager around one request: waits for the host's turn, then books the next."""
        return _Slot(self, host)


class _Slot:
    def __init__(self, owner: Politeness, host: str):
        self.owner = owner
        self.host = host
        self.lock = owner.host_lock(host)

    def __enter__(self) -> None:
        self.lock.acquire()
        wait = self.owner.next_time(self.host) - self.owner._clock()
        if wait > 0:
            self.owner._sleep(wait)

    def __exit__(self, *exc: object) -> None:
        owner = self.owner
        with owner._lock:
            # The delay runs from the end of a request, so slow servers get more room.
            booked = owner._clock() + owner.delay_for(self.host)
            owner._next[self.host] = max(owner._next.get(self.host, 0.0), booked)
        self.lock.release()
