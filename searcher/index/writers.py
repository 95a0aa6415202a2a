"""Where index documents go: a fresh generation, or the live one updated in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..article import Article
from .documents import article_fields
from .schema import build_schema

# Memory for Whoosh's posting pool before it spills to temporary files.
LIMIT_MB = 256


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
    one segment (see chunks.py). Clusters are assigned here, in document order."""

    CHUNK = 5000

    def __init__(
        self,
        folder: Path,
        workers: int | None = None,
        chunk: int | None = None,
        progress: Any = None,
    ):
        from .chunks import LEXICON_FIELD
        from .clusters import ClusterFinder
        from .parallel import default_workers
        from .report import ProgressEvent
        from .whoosh.segment import SegmentAssembler

        self.folder = Path(folder)
        self.schema = build_schema()
        self.workers = default_workers() if workers is None else max(1, workers)
        self.chunk_size = chunk or self.CHUNK
        self.tmp = self.folder / "tmp-runs"
        self.tmp.mkdir(exist_ok=True)
        self.finder = ClusterFinder()
        self.ids: list[str] = []
        self.signatures: list[bytes] = []
        self.clusters: list[str] = []
        self.runs: list[tuple[str, ...]] = []
        # Documents are written as their chunks come back, while workers analyse the next ones.
        self.assembler = SegmentAssembler(
            self.folder,
            self.schema,
            LEXICON_FIELD,
            progress=None
            if progress is None
            else lambda done, total: progress(ProgressEvent("write", done, total)),
        )
        self._pending: list[Article] = []
        self._inflight: list = []
        self._pool: Any = None
        self._docbase = 0
        self.segment_id: str | None = None
        self.progress = progress

    def add(self, article: Article) -> int:
        """Queue an article; returns its document number."""
        self._pending.append(article)
        self.ids.append(article.id)
        if len(self._pending) >= self.chunk_size:
            self._submit()
        return len(self.ids) - 1

    def _submit(self, final: bool = False) -> None:
        if not self._pending:
            return
        task = (self._docbase, self._pending, str(self.tmp))
        self._docbase += len(self._pending)
        self._pending = []
        # A build that fits in one chunk is not worth starting processes for.
        if self.workers == 1 or (final and self._pool is None):
            from .chunks import write_chunk

            self._collect(write_chunk(self.schema, *task))
            return
        if self._pool is None:
            import multiprocessing

            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self._pool = ctx.Pool(self.workers, initializer=_chunk_worker_init)
        self._inflight.append(self._pool.apply_async(_chunk_worker, (task,)))
        # Bounded: never more chunks in memory than the workers can take.
        while len(self._inflight) > self.workers:
            self._collect(self._inflight.pop(0).get())

    def _collect(self, result: tuple) -> None:
        from .chunks import read_docs

        run_paths, docs_path, sigs = result
        self.runs.append(run_paths)
        base = len(self.signatures)
        for offset, sig in enumerate(sigs):
            self.signatures.append(sig)
            self.clusters.append(self.finder.assign(self.ids[base + offset], sig))
        docs = read_docs(docs_path)
        for (stored, _lengths, _columns), cluster in zip(docs, self.clusters[base:], strict=True):
            stored["cluster"] = cluster
        self.assembler.add_documents(docs)

    def commit(self) -> None:
        """Finish analysis and write the segment and table of contents."""
        from .chunks import group_runs, remove_temp

        try:
            self._submit(final=True)
            while self._inflight:
                self._collect(self._inflight.pop(0).get())
            self._close_pool()
            self.segment_id = self.assembler.write(group_runs(self.runs, self.clusters))
        finally:
            self._close_pool()
            remove_temp(self.tmp)

    def cancel(self) -> None:
        """Drop everything written so far."""
        from .chunks import remove_temp

        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self.assembler.close()
        remove_temp(self.tmp)

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
