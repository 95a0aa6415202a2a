"""Bulk writing of a new index: one Whoosh segment, built without Whoosh's writer.

Whoosh's writer spends most of its time per posting: a Token object per word, a
tuple per posting through its external-sort pool, and a Python call per posting into
the block writer. For a fresh generation nothing needs that generality, so:

1. worker processes analyse chunks of articles (fastanalysis.py: same terms and
   positions as the schema's analyzers; tokenbuffer.py groups a chunk's tokens into
   postings with numpy), encode the stored records, compute the near-duplicate
   signatures, and write each chunk's postings as *runs*: terms in sorted order, each
   with its posting arrays, one run per group of terms (a hash of the term);
2. the parent writes each chunk's documents (stored fields, lengths, columns) as soon
   as the chunk is back and its clusters are assigned, while workers go on;
3. the runs are merged term by term (arrays are concatenated, not postings appended)
   into Whoosh's W3 segment files: the same block format, terms table and
   per-document columns Whoosh writes, so any Whoosh reader (and later incremental
   Whoosh writers and merges) use the segment as usual. Each group is merged by its
   own process (forked) into its own postings file; the parent then joins the files
   and writes the terms table.

Differences from Whoosh's writer that readers do not notice: the `words` vocabulary
gets document frequencies only (no postings); terms found in a single document are
stored inline in the terms table (a W3 feature Whoosh's default writer leaves off);
blocks under SMALL_BLOCK bytes are not zlib-compressed (the block says so); and
pickles use the current protocol, which stores bytes as bytes.
"""

from __future__ import annotations

import gc
import heapq
import os
import pickle
import shutil
import struct
import tempfile
import zlib
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from ..article import Article
from .clusters import signatures_of
from .documents import exact_values, published_day, speakers_of
from .fastanalysis import name_positions, text_sequence
from .postingformat import POSITION_CACHE as _position_cache
from .postingformat import encode_positions_cached
from .records import encode_record
from .tokenbuffer import TokenBuffer

BLOCK_LIMIT = 128
COMPRESSION = 3
# Blocks up to this many bytes are stored uncompressed (readers look at the block's flag).
SMALL_BLOCK = 96
# Terms with at most this many postings are stored inside the terms table.
INLINE_LIMIT = 1
INDEXNAME = "MAIN"
# Run files are written and read in batches of this many terms.
RUN_BATCH = 2000
# Terms are split into this many groups by a hash of the term: the parent merges group
# 0 while forked processes merge the others; each chunk has one run file per group.
GROUPS = 3
# The vocabulary field: every word with its document frequency, but no postings
# (see schema.vocabulary_field), so a term costs one row of the terms table.
LEXICON_FIELD = "words"

# Fields whose terms come from Whoosh's own field.index() (few terms each).
PLAIN_FIELDS = (
    "id",
    "url",
    "author_exact",
    "speaker_exact",
    "outlet_exact",
    "source_exact",
    "tag_exact",
    "lang",
    "year",
    "month",
    "published",
)

UNIQUE_ID_FIELDS = ("id", "url")

_dumps = pickle.dumps
# Readers unpickle any protocol; protocol 2 (what Whoosh writes) stores bytes as latin-1 text.
_PROTOCOL = pickle.HIGHEST_PROTOCOL


def _add_positional(post: dict, poses: dict[str, list[int]], docnum: int) -> None:
    """Add a document's positional postings (term -> positions) to a field's postings."""
    get = post.get
    cache = _position_cache
    for term, plist in poses.items():
        n = len(plist)
        key = plist[0] if n == 1 else tuple(plist)
        value = cache.get(key)
        if value is None:
            value = encode_positions_cached(plist)
        entry = get(term)
        if entry is None:
            post[term] = [(docnum, n, value)]
        else:
            entry.append((docnum, n, value))


class ChunkAnalyzer:
    """Turns articles into postings and per-document values (runs in worker processes)."""

    def __init__(self, schema: Any):
        self.schema = schema
        self.plain = [(name, schema[name]) for name in PLAIN_FIELDS if name in schema]
        # field -> term -> [(docnum, weight, value)]
        self.post: dict[str, dict] = {}
        # The text fields' positional postings, gathered token by token.
        self.buffers: dict[str, TokenBuffer] = {}
        # Each document's body terms in order, for its near-duplicate signature.
        self.body_sequences: list[list[str]] = []
        # Outlets, languages, dates and tags repeat: their terms are computed once.
        self._plain_cache: dict[tuple, list] = {}

    def _field(self, name: str) -> dict:
        post = self.post.get(name)
        if post is None:
            post = self.post[name] = {}
        return post

    def _buffer(self, name: str) -> TokenBuffer:
        buffer = self.buffers.get(name)
        if buffer is None:
            buffer = self.buffers[name] = TokenBuffer()
        return buffer

    def analyse(self, docnum: int, article: Article) -> tuple[dict, dict, dict]:
        """Add one article's postings; returns (stored, field lengths, columns)."""
        lengths: dict[str, int] = {}
        vocabulary: list[str] = []
        body_terms: list[str] = []
        quote_text = "\n".join(q.text for q in article.quotes if q.text)
        speakers = speakers_of(article)
        for name, text in (("title", article.title), ("body", article.body), ("quote", quote_text)):
            if not text:
                continue
            terms, first = text_sequence(text, vocabulary)
            if terms:
                lengths[name] = len(terms)
                self._buffer(name).add(docnum, terms, first)
                if name == "body":
                    body_terms = terms
        names = (
            ("author", "\n".join(article.authors)),
            ("speaker", "\n".join(speakers)),
            ("outlet", article.outlet or ""),
            ("source", article.source or ""),
            ("tag", "\n".join(article.tags)),
        )
        for name, text in names:
            if not text:
                continue
            poses, length = name_positions(text)
            if length:
                lengths[name] = length
                _add_positional(self._field(name), poses, docnum)
        if vocabulary:
            self._buffer(LEXICON_FIELD).add(docnum, vocabulary, 0)
        published = published_day(article.published)
        values = {
            "id": article.id,
            "url": article.url or None,
            "author_exact": exact_values(article.authors),
            "speaker_exact": exact_values(speakers),
            "outlet_exact": exact_values([article.outlet]),
            "source_exact": exact_values([article.source]),
            "tag_exact": exact_values(article.tags),
            "lang": (article.lang or "").lower() or None,
            "year": f"{published.year:04d}" if published else None,
            "month": f"{published.year:04d}-{published.month:02d}" if published else None,
            "published": published,
        }
        columns = {}
        for name, field in self.plain:
            value = values.get(name)
            if value is None:
                continue
            post = self._field(name)
            if name in UNIQUE_ID_FIELDS:
                # An ID field indexes its whole value as one term (IDTokenizer, Existence).
                items = ((value.encode("utf-8"), 1, field.format.field_boost, b""),)
            else:
                key = (name, value)
                items = self._plain_cache.get(key)
                if items is None:
                    if len(self._plain_cache) > 100_000:
                        self._plain_cache.clear()
                    items = self._plain_cache[key] = list(field.index(value))
            for tbytes, _freq, weight, vbytes in items:
                entry = post.get(tbytes)
                if entry is None:
                    post[tbytes] = [(docnum, weight, vbytes)]
                else:
                    entry.append((docnum, weight, vbytes))
            if field.column_type is not None:
                columns[name] = field.to_column_value(value)
        stored = {"id": article.id, "record": encode_record(article)}
        if article.url:
            stored["url"] = article.url
        self.body_sequences.append(body_terms)
        return stored, lengths, columns

    def sorted_postings(self) -> Iterator[tuple[int, tuple]]:
        """(group, ((field, term bytes), docnums, weights or None, values or None)), in index order."""
        for field in sorted(set(self.post) | set(self.buffers)):
            buffer = self.buffers.pop(field, None)
            if field == LEXICON_FIELD:
                for term, df in buffer.document_frequencies():
                    yield group_of(term), ((field, term), df, None, None)
                continue
            if buffer is not None:
                for term, ids, weights, values in buffer.postings():
                    yield group_of(term), ((field, term), ids, weights, values)
                continue
            post = self.post.pop(field)
            items = [((t.encode("utf-8") if isinstance(t, str) else t), v) for t, v in post.items()]
            items.sort(key=lambda item: item[0])
            for term, postings in items:
                ids, weights, values = zip(*postings, strict=False)
                yield group_of(term), ((field, term), array("I", ids), array("f", weights), values)


def group_of(term: bytes) -> int:
    """The merge group of a term: the same in every process and run."""
    return zlib.crc32(term) % GROUPS


def write_chunk(
    schema: Any, docbase: int, articles: list[Article], folder: str
) -> tuple[tuple[str, ...], str, list[bytes]]:
    """Analyse a chunk of articles numbered from `docbase`; write its run and documents files."""
    with _no_gc():
        return _write_chunk(schema, docbase, articles, folder)


@contextmanager
def _no_gc() -> Iterator[None]:
    # Postings are millions of small acyclic objects: the cycle collector would scan
    # them again and again while they pile up, for nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write_chunk(
    schema: Any, docbase: int, articles: list[Article], folder: str
) -> tuple[tuple[str, ...], str, list[bytes]]:
    analyzer = ChunkAnalyzer(schema)
    docs = [analyzer.analyse(docbase + offset, article) for offset, article in enumerate(articles)]
    sigs = signatures_of(analyzer.body_sequences)
    runs = []
    handles = []
    batches: list[list] = []
    for group in range(GROUPS):
        fd, run_path = tempfile.mkstemp(
            prefix=f"run-{docbase:09d}-{group}-", suffix=".postings", dir=folder
        )
        runs.append(run_path)
        handles.append(os.fdopen(fd, "wb", buffering=1 << 20))
        batches.append([])
    try:
        for group, record in analyzer.sorted_postings():
            batch = batches[group]
            batch.append(record)
            if len(batch) >= RUN_BATCH:
                # A fresh pickler per batch: one pickler's memo would keep every object alive.
                pickle.dump(batch, handles[group], protocol=pickle.HIGHEST_PROTOCOL)
                batches[group] = []
        for group, handle in enumerate(handles):
            pickle.dump(batches[group], handle, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        for handle in handles:
            handle.close()
    fd, docs_path = tempfile.mkstemp(prefix=f"docs-{docbase:09d}-", suffix=".docs", dir=folder)
    with os.fdopen(fd, "wb") as handle:
        pickle.dump(docs, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return tuple(runs), docs_path, sigs


def _read_run(path: str) -> Iterator[tuple]:
    with open(path, "rb", buffering=1 << 20) as handle:
        while True:
            try:
                # pickle.load per batch: an Unpickler's memo would hold the whole run.
                batch = pickle.load(handle)
            except EOFError:
                return
            yield from batch


class SegmentAssembler:
    """Writes the W3 segment files of a new index: each chunk's documents as soon as its
    clusters are known, then the merged postings of all chunks and the table of contents."""

    def __init__(self, folder: Path, schema: Any, progress: Any = None):
        from whoosh.codec import default_codec
        from whoosh.filedb.filestore import FileStorage

        self.folder = Path(folder)
        self.schema = schema
        self.storage = FileStorage(str(self.folder))
        self.codec = default_codec()
        self.segment = self.codec.new_segment(self.storage, INDEXNAME)
        self.progress = progress
        self.docnum = 0
        self.field_lengths: dict[str, array] = {}
        self._perdoc = None

    def _report(self, done: int, total: int) -> None:
        if self.progress is not None:
            from .report import ProgressEvent

            self.progress(ProgressEvent("write", done, total))

    def add_documents(self, docs_path: str, clusters: list[str]) -> None:
        """Write the stored fields, lengths and columns of a chunk's documents (the next in docnum order)."""
        with _no_gc():
            self._add_documents(docs_path, clusters)

    def _add_documents(self, docs_path: str, clusters: list[str]) -> None:
        if self._perdoc is None:
            self._perdoc = self.codec.per_document_writer(self.storage, self.segment)
        perdoc = self._perdoc
        schema = self.schema
        stored_column = perdoc._get_column("_stored")._child
        # The column deflates each document again, but the record in it is compressed
        # already: level 0 (stored blocks, still a zlib stream for readers) skips that work.
        stored_column._level = 0
        field_lengths = self.field_lengths
        with open(docs_path, "rb") as handle:
            docs = pickle.load(handle)
        for (stored, lengths, columns), cluster in zip(docs, clusters, strict=False):
            docnum = self.docnum
            perdoc.start_doc(docnum)
            stored["cluster"] = cluster
            # Whoosh pickles stored fields with protocol 2, which stores bytes (our
            # compressed record) as latin-1 text, half again as big: pickle them here.
            stored_column.add(docnum, pickle.dumps(stored, pickle.HIGHEST_PROTOCOL))
            for name, length in lengths.items():
                perdoc.add_field(name, schema[name], None, length)
                column = field_lengths.get(name)
                if column is None:
                    column = field_lengths[name] = array("I")
                if len(column) < docnum:
                    column.frombytes(bytes(4 * (docnum - len(column))))
                column.append(length)
            for name, value in columns.items():
                perdoc.add_column_value(name, schema[name].column_type, value)
            perdoc.finish_doc()
            self.docnum += 1
        os.remove(docs_path)

    def close(self) -> None:
        """Close the documents' files (after a failure: the folder is then thrown away)."""
        if self._perdoc is not None:
            self._perdoc.close()
            self._perdoc = None
            # Whoosh's per-document writer leaves its (empty) temporary folder behind.
            shutil.rmtree(self.folder / f"{INDEXNAME}.tmp", ignore_errors=True)

    def write(self, runs: list[tuple[str, ...]], clusters: list[str]) -> str | None:
        """Merge the postings of the chunks' runs (in docnum order); returns the segment id."""
        with _no_gc():
            return self._write(runs, clusters)

    def _write(self, runs: list[tuple[str, ...]], clusters: list[str]) -> str | None:
        from whoosh.index import TOC

        schema = self.schema
        docnum = self.docnum
        self.close()
        # The cluster field's postings come from the parent, which assigns clusters.
        cluster_post: dict[bytes, list[int]] = {}
        for n, cluster in enumerate(clusters):
            cluster_post.setdefault(cluster.encode("utf-8"), []).append(n)
        cluster_run = [
            (("cluster", term), array("I", ids), None, None)
            for term, ids in sorted(cluster_post.items())
        ]

        tmp = self.folder / "tmp-postings"
        tmp.mkdir(exist_ok=True)
        # Groups 1.. are written by forked processes, group 0 here, at the same time.
        children = []
        for group in range(1, GROUPS):
            args = (
                [_read_run(paths[group]) for paths in runs],
                schema,
                self.field_lengths,
                tmp / f"group{group}",
            )
            child = _start_group(*args)
            if child is None:
                _write_group(*args)
            else:
                children.append(child)
        self._report(0, 2)
        _write_group(
            [_read_run(paths[0]) for paths in runs] + [iter(cluster_run)],
            schema,
            self.field_lengths,
            tmp / "group0",
        )
        for child in children:
            child.join()
            if child.exitcode != 0:
                raise RuntimeError(f"a process writing postings failed ({child.exitcode})")
        self._report(1, 2)

        fieldwriter = self.codec.field_writer(self.storage, self.segment)
        postfile = fieldwriter._postfile
        rows_by_field: dict[str, list] = {}
        for group in range(GROUPS):
            base = postfile.tell()
            with open(tmp / f"group{group}.pst", "rb") as handle:
                shutil.copyfileobj(handle, postfile.file, 1 << 20)
            postfile.file.flush()
            with open(tmp / f"group{group}.rows", "rb") as handle:
                for field, rows in pickle.load(handle):
                    rows_by_field.setdefault(field, []).extend(_rebased(rows, base))
        tindex = fieldwriter._tindex
        for field in sorted(rows_by_field):
            rows = rows_by_field.pop(field)
            # One sorted run per group: the sort merges them (terms are distinct).
            rows.sort()
            fieldwriter.start_field(field, schema[field])
            prefix = fieldwriter._fieldid.to_bytes(2, "big")
            for term, info in rows:
                tindex.add(prefix + term, info)
            fieldwriter.finish_field()
        fieldwriter.close()
        self._report(2, 2)
        shutil.rmtree(tmp, ignore_errors=True)
        for paths in runs:
            for run_path in paths:
                os.remove(run_path)

        self.segment.set_doc_count(docnum)
        segments = [self.segment] if docnum else []
        TOC(schema, segments, 1).write(self.storage, INDEXNAME)
        return self.segment.segment_id() if docnum else None


def _rebased(rows: list[tuple[bytes, bytes]], base: int) -> Iterator[tuple[bytes, bytes]]:
    """Terms table rows with their postings offsets moved by `base` (inlined rows as they are)."""
    for term, info in rows:
        if info[0] == 0 and base:  # not inlined: move the postings offset
            info = (
                info[:_OFFSET_AT]
                + (
                    int.from_bytes(info[_OFFSET_AT : _OFFSET_AT + 8], "big", signed=True) + base
                ).to_bytes(8, "big", signed=True)
                + info[_OFFSET_AT + 8 :]
            )
        yield term, info


# Where a terms-table row keeps its postings offset: after the W3TermInfo struct.
_OFFSET_AT = 23


def _start_group(runs: list, schema: Any, field_lengths: dict, path: Path) -> Any:
    """Write a group of postings in a forked process (None where processes cannot fork)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    process = multiprocessing.get_context("fork").Process(
        target=_write_group, args=(runs, schema, field_lengths, path), daemon=True
    )
    process.start()
    return process


def _write_group(runs: list, schema: Any, field_lengths: dict, path: Path) -> None:
    """Merge runs into `<path>.pst` (postings from offset 0) and `<path>.rows` (terms table rows)."""
    from whoosh.filedb.structfile import StructFile

    with _no_gc():
        postfile = StructFile(open(f"{path}.pst", "wb", buffering=1 << 20))
        writer = _TermWriter(postfile, schema, field_lengths)
        pending: list[tuple] = []
        pending_key = None
        for item in heapq.merge(*runs, key=lambda item: item[0]):
            if item[0] != pending_key:
                if pending:
                    writer.write_term(pending_key, pending)
                pending = []
                pending_key = item[0]
            pending.append(item)
        if pending:
            writer.write_term(pending_key, pending)
        postfile.close()
        with open(f"{path}.rows", "wb") as handle:
            pickle.dump(list(writer.rows.items()), handle, protocol=pickle.HIGHEST_PROTOCOL)


class _TermWriter:
    """Writes merged posting lists in Whoosh's W3 block format, and collects their terms
    table rows (field -> [(term, terminfo bytes)]) with offsets into its postings file."""

    def __init__(self, postfile: Any, schema: Any, field_lengths: dict[str, array]):
        from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
        from whoosh.util.numeric import length_to_byte

        self.postfile = postfile
        self.rows: dict[str, list] = {}
        self.current: list = []
        self.schema = schema
        self.field_lengths = field_lengths
        self.magic = WHOOSH3_HEADER_MAGIC
        self.length_to_byte = length_to_byte
        self.field = None
        self.fixed = None
        self.lengths = None
        self.lengths_np = None

    def _start_field(self, name: str) -> None:
        fieldobj = self.schema[name]
        self.field = name
        self.current = self.rows[name] = []
        self.fixed = fieldobj.format.fixed_value_size()
        self.lengths = self.field_lengths.get(name)
        self.lengths_np = (
            None if self.lengths is None else np.frombuffer(self.lengths, dtype=np.uint32)
        )

    def write_term(self, key: tuple[str, bytes], parts: list[tuple]) -> None:
        """Write one term's postings, gathered from the runs that have it (in docnum order)."""
        field, term = key
        if field != self.field:
            self._start_field(field)
        if field == LEXICON_FIELD:
            # Readers combining several segments' stats need ids; no postings point anywhere.
            df = sum(part[1] for part in parts)
            self.current.append(
                (term, _terminfo(True, float(df), df, 0, 0, 1.0, 0, 0, _EMPTY_INLINE))
            )
            return
        if len(parts) == 1:
            _, ids, weights, values = parts[0]
        else:
            ids = array("I")
            for part in parts:
                ids.extend(part[1])
            if parts[0][2] is None:
                weights = values = None
            else:
                weights, values = array("f"), []
                for part in parts:
                    weights.extend(part[2])
                    values.extend(part[3])
        n = len(ids)
        if weights is None:
            total, maxweight = float(n), 1.0
        else:
            total, maxweight = float(sum(weights)), max(weights)
        if n <= INLINE_LIMIT:
            flen = self.lengths
            length = flen[ids[0]] if flen is not None else None
            inlined = _dumps(
                (
                    tuple(ids),
                    tuple(weights) if weights is not None else (1.0,) * n,
                    tuple(values) if values is not None else (b"",) * n,
                ),
                2,
            )
            to_byte = self.length_to_byte
            self.current.append(
                (
                    term,
                    _terminfo(
                        True,
                        total,
                        n,
                        0 if length is None else to_byte(length),
                        to_byte(length or 0),
                        maxweight,
                        ids[0],
                        ids[-1],
                        inlined,
                    ),
                )
            )
            return
        minlength, maxlength, start, size = self._write_blocks(ids, weights, values)
        self.current.append(
            (
                term,
                _terminfo(
                    False,
                    total,
                    n,
                    minlength,
                    maxlength,
                    maxweight,
                    ids[0],
                    ids[-1],
                    _OFFSET.pack(start) + _LENGTH.pack(size),
                ),
            )
        )

    def _write_blocks(
        self, ids: array, weights: array | None, values: list | None
    ) -> tuple[int, int, int, int]:
        """Write a posting list as blocks; returns (min length byte, max length byte, offset, size)."""
        n = len(ids)
        postfile = self.postfile
        to_byte = self.length_to_byte
        start = postfile.tell()
        postfile.write(self.magic)
        fixed = self.fixed
        cuts = range(0, n, BLOCK_LIMIT)
        # Per-block statistics of long lists in a few numpy passes; short ones in Python.
        if n >= NUMPY_POSTINGS:
            ids_np = np.frombuffer(ids, dtype=np.uint32)
            deltas_all = ids_np.astype(np.int64)
            deltas_all[1:] -= ids_np[:-1]
            deltas_all[cuts] = ids_np[cuts]
            deltas_all = deltas_all.tolist()
            if self.lengths_np is not None:
                doc_lengths = self.lengths_np[ids_np]
                block_min = np.minimum.reduceat(doc_lengths, cuts).tolist()
                block_max = np.maximum.reduceat(doc_lengths, cuts).tolist()
        else:
            deltas_all = None
            if self.lengths is not None:
                flen = self.lengths
                doc_lengths = [flen[i] for i in ids]
        min_byte, max_byte = 255, 0
        for k, b in enumerate(cuts):
            e = b + BLOCK_LIMIT
            bids = ids[b:e]
            if deltas_all is not None:
                deltas = tuple(deltas_all[b:e])
            else:
                deltas = [bids[0]]
                deltas.extend([y - x for x, y in zip(bids, bids[1:], strict=False)])
                deltas = tuple(deltas)
            if weights is None:
                mw, maxw = None, 1.0
            else:
                bw = weights[b:e]
                first = bw[0]
                maxw = max(bw)
                if maxw == 1.0 and min(bw) == 1.0:
                    mw = None
                elif maxw == first and min(bw) == first:
                    mw = first
                else:
                    mw = tuple(bw)
            if fixed is None or fixed < 0:
                mv = tuple(values[b:e])
            elif fixed == 0:
                mv = None
            else:
                mv = b"".join(values[b:e])
            data = _dumps((deltas, mw, mv), _PROTOCOL)
            # Small blocks (most of them: rare terms) gain nothing from zlib but cost its time.
            comp = COMPRESSION if len(data) > SMALL_BLOCK else 0
            if comp:
                data = zlib.compress(data, comp)
            if self.lengths is None:
                minl = maxl = 0
            elif deltas_all is not None:
                minl, maxl = to_byte(block_min[k]), to_byte(block_max[k])
            else:
                bl = doc_lengths[b:e]
                minl, maxl = to_byte(min(bl)), to_byte(max(bl))
            if self.lengths is not None:
                min_byte = min(min_byte, minl)
                max_byte = max(max_byte, maxl)
            blockinfo = _dumps((len(bids), bids[-1], maxw, comp, minl, maxl), 2)
            size = len(blockinfo) + len(data)
            postfile.write_int(-size if e >= n else size)
            postfile.write(blockinfo)
            postfile.write(data)
        if self.lengths is None:
            min_byte = 0
        return min_byte, max_byte, start, postfile.tell() - start


# W3TermInfo's fixed part: flags, total weight, doc frequency, min and max length
# bytes, max weight, first and last id; then inlined postings or offset and size.
_TERMINFO = struct.Struct("!BfIBBfII")
_OFFSET = struct.Struct("!q")
_LENGTH = struct.Struct("!i")
_EMPTY_INLINE = pickle.dumps(((), (), ()), 2)
# Posting lists at least this long get their block statistics from numpy.
NUMPY_POSTINGS = 256


def _terminfo(
    inlined: bool,
    weight: float,
    df: int,
    minlength: int,
    maxlength: int,
    maxweight: float,
    minid: int,
    maxid: int,
    tail: bytes,
) -> bytes:
    """A terms table row's value, as W3TermInfo.to_bytes writes it."""
    return _TERMINFO.pack(inlined, weight, df, minlength, maxlength, maxweight, minid, maxid) + tail


def remove_temp(folder: Path) -> None:
    """Remove a temporary runs folder."""
    shutil.rmtree(folder, ignore_errors=True)
