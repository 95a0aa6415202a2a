"""The open searcher behind the server: opened on first use, shared by every request thread."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import IndexCorrupt, IndexLocked, IndexNotFound, IndexOutdated, SearcherError

# Errors that mean "the index cannot be used right now" (503), not "your request is wrong" (400).
UNAVAILABLE = (IndexNotFound, IndexCorrupt, IndexOutdated, IndexLocked)
# Stats walk the whole index: a busy home page should not recompute them on every visit.
STATS_MAX_AGE = 30.0


class IndexUnavailable(SearcherError):
    """The index is missing, locked, outdated or unreadable: the server cannot answer searches."""


def _open_default(path: Path) -> Any:
    from ..search import open_searcher

    return open_searcher(path)


class SearcherHolder:
    """Holds one open searcher for many threads; until an index exists, each request tries again.

    The searcher itself follows rebuilds and updates of the index (it reopens the live generation).
    """

    def __init__(self, index_path: str | os.PathLike, opener: Callable[[Path], Any] | None = None):
        self.index_path = Path(index_path)
        self._opener = opener or _open_default
        self._lock = threading.Lock()
        self._searcher: Any = None
        self._stats: tuple[float, dict[str, Any]] | None = None

    def get(self) -> Any:
        """The searcher; IndexUnavailable when there is no usable index."""
        searcher = self._searcher
        if searcher is not None:
            return searcher
        with self._lock:
            if self._searcher is None:
                try:
                    self._searcher = self._opener(self.index_path)
                except UNAVAILABLE as exc:
                    raise IndexUnavailable(str(exc)) from None
            return self._searcher

    def article_count(self) -> int:
        """How many articles the collection holds, from the backend's stats (cached as they are)."""
        return int(self.stats()["articles"])

    def stats(self, max_age: float = STATS_MAX_AGE) -> dict[str, Any]:
        """The index's stats as JSON, recomputed at most every `max_age` seconds; no server paths."""
        searcher = self.get()
        cached = self._stats
        if cached is not None and time.monotonic() - cached[0] < max_age:
            return cached[1]
        try:
            data = searcher.stats().to_dict()
        except UNAVAILABLE as exc:
            raise IndexUnavailable(str(exc)) from None
        data.pop("index", None)
        if "partial" not in data:  # a partial answer is asked again: the shard may be back
            self._stats = (time.monotonic(), data)
        return data

    def close(self) -> None:
        """Close the open searcher, if any."""
        with self._lock:
            if self._searcher is not None:
                close = getattr(self._searcher, "close", None)
                if callable(close):
                    close()
            self._searcher = None
