"""The open index behind a Searcher: per-thread Whoosh searchers, generation checks, derived data.

Thread safety: each thread gets its own Whoosh searcher (Whoosh readers hold file
positions and must not be shared); derived data (vocabulary, facet columns, name lists)
is built once per index generation and shared under a lock.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from ..article import Article
from ..errors import QueryError
from .analyzers import FieldAnalyzers
from .cache import GenerationCache
from .columns import FacetColumn, day_column, facet_column, story_column
from .cursor import generation_key
from .docsets import Postings, PostingsCache
from .ranking import FieldLengths, RankingParams
from .stats import CollectionStats, LocalStats
from .vocabulary import Vocabulary

if TYPE_CHECKING:
    from .names import NameIndex

T = TypeVar("T")
# Seconds a generation found sound after a failed read is trusted before it is checked again.
VERIFIED_FOR = 60.0


class IndexSession:
    """One index opened for searching by many threads; follows rebuilds and updates of the index."""

    def __init__(
        self,
        path: Path,
        params: RankingParams,
        postings_cache: int,
        stats: CollectionStats | None = None,
    ):
        from ..index import open_index

        self.path = path
        self.params = params
        # The collection's statistics when they are not this index's own (a shard's: all shards').
        self.stats = stats
        self.postings_cache_size = postings_cache
        self._open_index = open_index
        self._index = open_index(self.path)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._all_searchers: list[Any] = []
        self._cache = GenerationCache()
        # Analysed words, shared by every search: a word's terms do not change between generations.
        self._analysis: dict[tuple[str, str], tuple[str, ...]] = {}
        self._closed = False
        self._pointer = self._current_pointer()
        self._verified: tuple[Any, Any] | None = None
        self._verified_at = 0.0

    def _current_pointer(self) -> tuple[int, int, int] | None:
        try:
            stamp = os.stat(self.path / "CURRENT")
            return (stamp.st_ino, stamp.st_mtime_ns, stamp.st_size)
        except OSError:
            return None

    def close(self) -> None:
        """Close every Whoosh searcher this session opened."""
        with self._lock:
            self._closed = True
            for s in self._all_searchers:
                try:
                    s.close()
                except Exception:  # noqa: BLE001 - closing is best effort
                    pass
            self._all_searchers.clear()
            try:
                self._index.close()
            except Exception:  # noqa: BLE001 - closing is best effort
                pass

    def reading(self) -> Reading:
        """This thread's view of the live generation."""
        return Reading(self, self.searcher())

    def searcher(self) -> Any:
        """This thread's Whoosh searcher, reopened when the index changed underneath."""
        if self._closed:
            raise QueryError("this searcher is closed")
        s = getattr(self._local, "searcher", None)
        # A searcher on a replaced generation stays up_to_date() with its own files, so the
        # index's CURRENT pointer is watched too: a stat() each time, a read when it changed.
        pointer = self._current_pointer()
        if pointer != self._pointer:
            self._pointer = pointer
            if not self._index.is_current():
                s = None
        if s is not None and getattr(self._local, "index", None) is self._index and s.up_to_date():
            return s
        with self._lock:
            if not self._index.is_current():
                # A rebuild swapped in a new generation: follow it.
                self._index = self._open_index(self.path)
            else:
                # The same generation changed (`searcher index`, or a commit by something else).
                self._index.check()
            index = self._index
            fresh = index.whoosh.searcher()
            if s is not None:
                try:
                    self._all_searchers.remove(s)
                    s.close()
                except Exception:  # noqa: BLE001 - an already closed searcher is fine
                    pass
            self._all_searchers.append(fresh)
        self._local.searcher = fresh
        self._local.index = index
        return fresh

    def check_files(self) -> None:
        """IndexCorrupt when the live generation's files differ from what searcher wrote (reads them all).

        A generation found sound is not read again for a minute: a query that trips a bug
        must not make every request hash the whole index.
        """
        from ..index.manifest import latest_toc

        index = self._index
        if (
            self._verified == (index.generation, latest_toc(index.generation))
            and time.monotonic() - self._verified_at < VERIFIED_FOR
        ):
            return
        index.verify()
        self._verified, self._verified_at = (
            (index.generation, latest_toc(index.generation)),
            time.monotonic(),
        )

    def _index_of(self, s: Any) -> Any:
        """The index `s` was opened on (another thread may have moved self._index on since)."""
        return self._local.index if getattr(self._local, "searcher", None) is s else self._index

    def generation(self, s: Any) -> tuple[str, int, int]:
        """What identifies the index state `s` reads: generation folder, Whoosh generation, size."""
        return (str(self._index_of(s).generation), s.reader().generation(), s.doc_count_all())

    def cached(self, s: Any, name: str, build: Callable[[], T]) -> T:
        """A value derived from the generation `s` reads, built once per generation."""
        value: T = self._cache.get(self.generation(s), name, build)
        return value

    def analysis_memo(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """The analysed words every search shares."""
        return self._analysis

    def words_folder(self, s: Any) -> Path:
        """The generation folder `s` reads (where the vocabulary's cache file lives)."""
        return Path(self._index_of(s).generation)


class Reading:
    """One thread's Whoosh searcher on one generation, and what is derived from that generation."""

    def __init__(self, session: IndexSession, searcher: Any):
        self.session = session
        self.searcher = searcher
        # What ranking, feedback, spelling and name filters read about the whole collection.
        self.stats: CollectionStats = session.stats or LocalStats(self)

    @property
    def path(self) -> Path:
        """The index folder (collections are kept beside the generations)."""
        return self.session.path

    @property
    def params(self) -> RankingParams:
        """The ranking parameters of the session."""
        return self.session.params

    @property
    def doc_count(self) -> int:
        """Documents in the generation, deleted ones included (document numbers run below it)."""
        count: int = self.searcher.doc_count_all()
        return count

    def cached(self, name: str, build: Callable[[], T]) -> T:
        """A value derived from this generation, built once per generation."""
        return self.session.cached(self.searcher, name, build)

    def generation_key(self) -> str:
        """The generation as one short string (cursors carry it)."""
        return generation_key(self.session.generation(self.searcher))

    def load(self, docnum: int, stored: dict[str, Any] | None = None) -> Article | None:
        """The stored article of a document number (None when it has no record)."""
        from ..index.records import decode_record

        stored = stored if stored is not None else self.searcher.stored_fields(docnum)
        record = stored.get("record")
        if record is None:
            return None
        article: Article = decode_record(record)
        return article

    def analyzers(self) -> FieldAnalyzers:
        """The schema's analyzers, with the session's shared memo."""
        return FieldAnalyzers(self.searcher.schema, self.session.analysis_memo())

    def vocabulary(self) -> Vocabulary:
        """The collection's unstemmed vocabulary with document frequencies."""
        return self.stats.vocabulary()

    def days(self) -> np.ndarray:
        """Each document's publication day as a date ordinal (columns.NO_DAY when undated)."""
        return self.cached("days", lambda: day_column(self.searcher.reader()))

    def stories(self) -> np.ndarray:
        """Each document's story key: copies of one story share it (0: none)."""
        return self.cached("stories", lambda: story_column(self.searcher.reader()))

    def facet_column(self, fieldname: str) -> FacetColumn:
        """Each document's values of a facet field."""
        return self.cached(
            f"column:{fieldname}", lambda: facet_column(self.searcher.reader(), fieldname)
        )

    def names(self, fieldname: str) -> NameIndex:
        """The collection's values of an exact field, for forgiving name lookups."""
        return self.stats.names(fieldname)

    def postings(self) -> Postings:
        """A memo of decoded postings for one search, backed by the session's cache of recent terms."""
        size = self.session.postings_cache_size
        cache = self.cached("postings", lambda: PostingsCache(size)) if size > 0 else None
        return Postings(self.searcher, cache)

    def lengths(self) -> FieldLengths:
        """The field lengths BM25F normalises by."""
        params, stats = self.params, self.stats
        return self.cached(
            "lengths", lambda: FieldLengths(self.searcher, tuple(params.weights), params, stats)
        )
