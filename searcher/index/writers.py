"""Where index documents go: a fresh generation, or the live one updated in place."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..article import Article
from .documents import article_fields
from .schema import build_schema

# Memory for Whoosh's posting pool before it spills to temporary files.
LIMIT_MB = 256
# Documents of one segment of a bulk build at most: a segment's build memory and its
# temporary files are bounded by this, not by the corpus.
SEGMENT_DOCS = 1_000_000


class UpdateWriter:
    """Changes to an existing Whoosh index: documents replaced or deleted by id.

    Segments written by BulkWriter (`keep`) are never merged by Whoosh: their `words`
    vocabulary has document frequencies but no postings, which a Whoosh merge (it
    copies postings) would lose. New documents go to small segments of their own.
    """

    def __init__(self, ix: Any, keep: list[str] | None = None):
        self._writer = ix.writer(limitmb=LIMIT_MB)
        self._keep = set(keep or ())

    def add(self, article: Article, cluster: str) -> None:
        """Add an article that is not in the index yet."""
        self._writer.add_document(**article_fields(article, cluster))

    def replace(self, article: Article, cluster: str) -> None:
        """Add an article, replacing the document with the same id."""
        self._writer.update_document(**article_fields(article, cluster))

    def delete(self, article_id: str) -> None:
        """Remove an article's document."""
        self._writer.delete_by_term("id", article_id)

    def commit(self) -> None:
        """Write the changes (atomically: Whoosh switches to a new table of contents)."""
        from whoosh.writing import MERGE_SMALL

        keep = self._keep

        def merge_small_except_bulk(writer: Any, segments: list) -> list:
            kept = [s for s in segments if s.segment_id() in keep]
            others = [s for s in segments if s.segment_id() not in keep]
            return kept + MERGE_SMALL(writer, others)

        self._writer.commit(mergetype=merge_small_except_bulk)

    def cancel(self) -> None:
        """Drop the changes."""
        self._writer.cancel()


def create_whoosh_index(folder: Path) -> Any:
    """An empty Whoosh index with searcher's schema in a folder."""
    from whoosh import index as whoosh_index

    return whoosh_index.create_in(str(folder), build_schema())


class FreshWriter(UpdateWriter):
    """A new index written by Whoosh's own writer: the reference BulkWriter is tested against."""

    def __init__(self, folder: Path):
        self.ix = create_whoosh_index(folder)
        super().__init__(self.ix)

    def replace(self, article: Article, cluster: str) -> None:
        self.add(article, cluster)


def _chunk_worker_init() -> None:
    global _worker_schema
    _worker_schema = build_schema()


_worker_schema = None


def _chunk_worker(args: tuple) -> tuple:
    from .chunks import write_chunk

    docbase, articles, folder = args
    return write_chunk(_worker_schema, docbase, articles, folder)


class BulkWriter:
    """All documents of a new generation, analysed in worker processes and written as
    segments of at most `segment_docs` documents each (see chunks.py). Clusters are
    assigned here, in document order.

    What the parent keeps does not grow with the corpus: the cluster table is a SQLite
    file, each chunk's cluster postings are a run file, and `on_assigned(signatures,
    clusters)` hands each chunk's values on as soon as they are known.
    """

    CHUNK = 5000

    def __init__(
        self,
        folder: Path,
        workers: int | None = None,
        chunk: int | None = None,
        progress: Any = None,
        segment_docs: int | None = None,
    ):
        from .clusters import ClusterFinder
        from .parallel import default_workers

        self.folder = Path(folder)
        self.schema = build_schema()
        self.workers = default_workers() if workers is None else max(1, workers)
        self.segment_docs = max(1, segment_docs or SEGMENT_DOCS)
        self.chunk_size = min(chunk or self.CHUNK, self.segment_docs)
        self.tmp = self.folder / "tmp-runs"
        self.tmp.mkdir(exist_ok=True)
        self.finder = ClusterFinder(self.temp_file("clusters.sqlite"))
        self.on_assigned: Callable[[list[bytes], list[str]], None] | None = None
        self.segments: list[Any] = []
        self.segment_ids: list[str] = []
        self.progress = progress
        self._pending: list[Article] = []
        # (result, segment number, ids) of the chunks handed to the workers, in order.
        self._inflight: deque[tuple[Any, int, list[str]]] = deque()
        self._pool: Any = None
        # The segment the next chunk goes to, and how many documents it has been given.
        self._next_segment = 0
        self._given = 0
        # The segment being written: its number, assembler and run files.
        self._segment = -1
        self._assembler: Any = None
        self._runs: list[tuple[str, ...]] = []
        self._cluster_runs: list[str] = []

    def temp_file(self, name: str) -> Path:
        """A path in the build's temporary folder (removed with it)."""
        return self.tmp / name

    def add(self, article: Article) -> None:
        """Queue an article."""
        self._pending.append(article)
        if (
            len(self._pending) >= self.chunk_size
            or self._given + len(self._pending) >= self.segment_docs
        ):
            self._submit()

    def _submit(self, final: bool = False) -> None:
        if not self._pending:
            return
        if self._given >= self.segment_docs:
            self._next_segment += 1
            self._given = 0
        task = (self._given, self._pending, str(self.tmp))
        ids = [article.id for article in self._pending]
        self._given += len(self._pending)
        self._pending = []
        # A build that fits in one chunk is not worth starting processes for.
        if self.workers == 1 or (final and self._pool is None):
            from .chunks import write_chunk

            self._collect(write_chunk(self.schema, *task), self._next_segment, ids)
            return
        if self._pool is None:
            import multiprocessing

            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self._pool = ctx.Pool(self.workers, initializer=_chunk_worker_init)
        self._inflight.append(
            (self._pool.apply_async(_chunk_worker, (task,)), self._next_segment, ids)
        )
        # Bounded: never more chunks in memory than the workers can take.
        while len(self._inflight) > self.workers:
            self._collect_next()

    def _collect_next(self) -> None:
        result, segment, ids = self._inflight.popleft()
        self._collect(result.get(), segment, ids)

    def _collect(self, result: tuple, segment: int, ids: list[str]) -> None:
        from .chunks import read_docs, write_cluster_run

        run_paths, docs_path, sigs = result
        if segment != self._segment:
            self._finish_segment()
            self._segment = segment
            self._assembler = self._new_assembler()
        clusters = [self.finder.assign(aid, sig) for aid, sig in zip(ids, sigs, strict=True)]
        if self.on_assigned is not None:
            self.on_assigned(sigs, clusters)
        docs = read_docs(docs_path)
        for (stored, _lengths, _columns), cluster in zip(docs, clusters, strict=True):
            stored["cluster"] = cluster
        self._runs.append(run_paths)
        self._cluster_runs.append(
            write_cluster_run(clusters, self._assembler.docnum, str(self.tmp))
        )
        self._assembler.add_documents(docs)

    def _new_assembler(self) -> Any:
        from .chunks import LEXICON_FIELD
        from .report import ProgressEvent
        from .whoosh.segment import SegmentAssembler

        progress = self.progress
        return SegmentAssembler(
            self.folder,
            self.schema,
            LEXICON_FIELD,
            progress=None
            if progress is None
            else lambda done, total: progress(ProgressEvent("write", done, total)),
        )

    def _finish_segment(self) -> None:
        """Merge the postings of the segment being written (its run files are removed)."""
        from .chunks import GROUPS, read_run

        if self._assembler is None:
            return
        groups = [[paths[group] for paths in self._runs] for group in range(GROUPS)]
        groups[0].extend(self._cluster_runs)
        segment = self._assembler.write(groups, read_run)
        if segment is not None:
            self.segments.append(segment)
        self._assembler, self._runs, self._cluster_runs = None, [], []

    def commit(self) -> None:
        """Finish analysis, write the last segment and the table of contents."""
        from .chunks import remove_temp
        from .whoosh.segment import write_toc

        try:
            self._submit(final=True)
            while self._inflight:
                self._collect_next()
            self._close_pool()
            self._finish_segment()
            write_toc(self.folder, self.schema, self.segments)
            self.segment_ids = [segment.segment_id() for segment in self.segments]
        finally:
            self._close_pool()
            self.finder.close()
            remove_temp(self.tmp)

    def cancel(self) -> None:
        """Drop everything written so far."""
        from .chunks import remove_temp

        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        if self._assembler is not None:
            self._assembler.close()
        self.finder.close()
        remove_temp(self.tmp)

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
