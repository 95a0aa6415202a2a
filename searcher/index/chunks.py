"""Bulk indexing's worker side: a chunk of articles analysed into sorted runs of postings.

Whoosh's writer spends most of its time per posting: a Token object per word, a tuple
per posting through its external-sort pool, and a Python call per posting into the
block writer. For a fresh generation nothing needs that generality, so:

1. worker processes analyse chunks of articles (same terms and positions as the
   schema's analyzers: tokenbuffer.py gathers a chunk's text as word ids and turns
   them into postings with numpy), encode the stored records, compute the near-duplicate
   signatures, and write each chunk's postings as *runs*: terms in sorted order, each
   with its posting arrays, one run per group of terms (a hash of the term);
2. the parent writes each chunk's documents (stored fields, lengths, columns) as soon
   as the chunk is back and its clusters are assigned, while workers go on;
3. when a segment is full (writers.SEGMENT_DOCS documents) and at the end, its runs
   are merged term by term (arrays are concatenated, not postings appended) into
   Whoosh's W3 segment files (whoosh/segment.py, whoosh/blocks.py), each group by its
   own process, and removed.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
import zlib
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..article import Article
from ..fields import FIELDS
from .clusters import signatures_of_hashes
from .documents import INDEXER_VALUES
from .fastanalysis import name_positions
from .gcpause import no_gc
from .postingformat import POSITION_CACHE as _position_cache
from .postingformat import encode_positions_cached
from .tokenbuffer import AnalysedText, TextBuffer
from .whoosh.blocks import read_batches

# Run files are written and read in batches of at most this many terms and about this
# many postings: a segment's merge holds one batch (and a 64 KiB read buffer, see
# read_batches) of each of its runs, and its number of runs grows with its documents.
RUN_BATCH = 2000
RUN_BATCH_POSTINGS = 8192
# Terms are split into this many groups by a hash of the term: the parent merges group
# 0 while forked processes merge the others; each chunk has one run file per group.
GROUPS = 3
# The vocabulary field: every word with its document frequency, but no postings
# (see schema.vocabulary_field), so a term costs one row of the terms table.
LEXICON_FIELD = next(f.name for f in FIELDS if f.kind == "vocabulary")
# Near-duplicates are found on the body's terms (clusters.signature of article.body).
SIGNED_FIELD = "body"


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
        # The rows an article gives a value, in table order (the stored fields' order);
        # the vocabulary is gathered from the text fields' words instead.
        self.rows = [
            (f.name, f.kind, f.value or INDEXER_VALUES[f.name], f.stored, schema[f.name])
            for f in FIELDS
            if f.kind != "vocabulary" and (f.value is not None or f.name in INDEXER_VALUES)
        ]
        # field -> term -> [(docnum, weight, value)]
        self.post: dict[str, dict] = {}
        # The text fields' words, analysed together once the chunk is complete.
        self.text_fields = [f.name for f in FIELDS if f.kind == "text"]
        self.text = TextBuffer(self.text_fields)
        self.analysed: AnalysedText | None = None
        # Outlets, languages, dates and tags repeat: their terms are computed once.
        self._plain_cache: dict[tuple, list] = {}

    def _field(self, name: str) -> dict:
        post = self.post.get(name)
        if post is None:
            post = self.post[name] = {}
        return post

    def analyse(self, docnum: int, article: Article) -> tuple[dict, dict, dict]:
        """Add one article's postings; returns (stored, field lengths, columns).

        The text fields' lengths are added by finish(), once the chunk is analysed.
        """
        lengths: dict[str, int] = {}
        columns: dict[str, Any] = {}
        stored: dict[str, Any] = {}
        text = self.text
        text_fields = self.text_fields
        for name, kind, value_of, keep, field in self.rows:
            value = value_of(article)
            if value is None:
                continue
            if keep:
                stored[name] = value
            if kind == "text":
                text.add(docnum, text_fields.index(name), value)
            elif kind == "name":
                poses, length = name_positions(value)
                if length:
                    lengths[name] = length
                    _add_positional(self._field(name), poses, docnum)
            elif kind != "stored":
                self._add_plain(docnum, name, kind, field, value)
                if field.column_type is not None:
                    columns[name] = field.to_column_value(value)
        return stored, lengths, columns

    def finish(self, docbase: int, docs: list[tuple[dict, dict, dict]]) -> list[bytes]:
        """Analyse the chunk's text: its documents' text lengths go first in their lengths
        (the fields' order); returns each document's near-duplicate signature."""
        analysed = self.analysed = self.text.analyse()
        text_lengths: list[dict[str, int]] = [{} for _ in docs]
        fields = self.text_fields
        for docnum, field, length in analysed.lengths:
            text_lengths[docnum - docbase][fields[field]] = length
        for n, (_, lengths, _) in enumerate(docs):
            if lengths:
                text_lengths[n].update(lengths)
            docs[n] = (docs[n][0], text_lengths[n], docs[n][2])
        body = np.zeros(len(docs), dtype=np.int64)
        signed = fields.index(SIGNED_FIELD)
        for docnum, field, length in analysed.lengths:
            if field == signed:
                body[docnum - docbase] = length
        return signatures_of_hashes(analysed.term_hashes(SIGNED_FIELD), body)

    def _add_plain(self, docnum: int, name: str, kind: str, field: Any, value: Any) -> None:
        """Add the postings of a field of whole values (ids, exact names, dates)."""
        if kind == "id":
            # An ID field indexes its whole value as one term (IDTokenizer, Existence).
            items: Any = ((value.encode("utf-8"), 1, field.format.field_boost, b""),)
        else:
            key = (name, value)
            items = self._plain_cache.get(key)
            if items is None:
                if len(self._plain_cache) > 100_000:
                    self._plain_cache.clear()
                items = self._plain_cache[key] = list(field.index(value))
        post = self._field(name)
        for tbytes, _freq, weight, vbytes in items:
            entry = post.get(tbytes)
            if entry is None:
                post[tbytes] = [(docnum, weight, vbytes)]
            else:
                entry.append((docnum, weight, vbytes))

    def sorted_postings(self) -> Iterator[tuple[int, tuple]]:
        """(group, ((field, term bytes), docnums, weights or None, values or None)), in index order."""
        analysed = self.analysed
        text = set() if analysed is None else analysed.field_names()
        if analysed is not None and len(analysed.vocab_words):
            text.add(LEXICON_FIELD)
        for field in sorted(set(self.post) | text):
            if analysed is not None and field == LEXICON_FIELD:
                for term, df in analysed.document_frequencies():
                    yield group_of(term), ((field, term), df, None, None)
                continue
            if analysed is not None and field in text:
                for term, ids, weights, encoded in analysed.postings(field):
                    yield group_of(term), ((field, term), ids, weights, encoded)
                continue
            post = self.post.pop(field)
            items = [((t.encode("utf-8") if isinstance(t, str) else t), v) for t, v in post.items()]
            items.sort(key=lambda item: item[0])
            for term, postings in items:
                docs, freqs, values = zip(*postings, strict=False)
                yield group_of(term), ((field, term), array("I", docs), array("f", freqs), values)
        self.analysed = None


def group_of(term: bytes) -> int:
    """The merge group of a term: the same in every process and run."""
    return zlib.crc32(term) % GROUPS


def write_chunk(
    schema: Any, docbase: int, articles: list[Article], folder: str
) -> tuple[tuple[str, ...], str, list[bytes]]:
    """Analyse a chunk of articles numbered from `docbase`; write its run and documents files."""
    with no_gc():
        return _write_chunk(schema, docbase, articles, folder)


def _write_chunk(
    schema: Any, docbase: int, articles: list[Article], folder: str
) -> tuple[tuple[str, ...], str, list[bytes]]:
    analyzer = ChunkAnalyzer(schema)
    docs = [analyzer.analyse(docbase + offset, article) for offset, article in enumerate(articles)]
    sigs = analyzer.finish(docbase, docs)
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
    postings = [0] * GROUPS
    try:
        for group, record in analyzer.sorted_postings():
            batch = batches[group]
            batch.append(record)
            # The vocabulary's records hold a document frequency (an int), not postings.
            postings[group] += 1 if isinstance(record[1], int) else len(record[1])
            if len(batch) >= RUN_BATCH or postings[group] >= RUN_BATCH_POSTINGS:
                # A fresh pickler per batch: one pickler's memo would keep every object alive.
                pickle.dump(batch, handles[group], protocol=pickle.HIGHEST_PROTOCOL)
                batches[group] = []
                postings[group] = 0
        for group, handle in enumerate(handles):
            pickle.dump(batches[group], handle, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        for handle in handles:
            handle.close()
    fd, docs_path = tempfile.mkstemp(prefix=f"docs-{docbase:09d}-", suffix=".docs", dir=folder)
    with os.fdopen(fd, "wb") as handle:
        pickle.dump(docs, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return tuple(runs), docs_path, sigs


def read_run(path: str) -> Iterator[tuple]:
    """The postings of a run file, term by term in its order (a batch in memory at a time)."""
    return read_batches(path)


def read_docs(path: str) -> list[tuple[dict, dict, dict]]:
    """A chunk's documents as write_chunk left them (the file is removed)."""
    with no_gc(), open(path, "rb") as handle:
        docs = pickle.load(handle)
    os.remove(path)
    return docs


def write_cluster_run(clusters: list[str], docbase: int, folder: str) -> str:
    """A chunk's postings of the cluster field as a run file of their own (the parent
    assigns clusters); its documents are numbered from `docbase`."""
    cluster_post: dict[bytes, array] = {}
    for n, cluster in enumerate(clusters, docbase):
        key = cluster.encode("utf-8")
        ids = cluster_post.get(key)
        if ids is None:
            ids = cluster_post[key] = array("I")
        ids.append(n)
    fd, path = tempfile.mkstemp(prefix=f"cluster-{docbase:09d}-", suffix=".postings", dir=folder)
    with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
        records = [
            (("cluster", term), ids, None, None) for term, ids in sorted(cluster_post.items())
        ]
        for start in range(0, len(records), RUN_BATCH):
            pickle.dump(records[start : start + RUN_BATCH], handle, pickle.HIGHEST_PROTOCOL)
    return path


def remove_temp(folder: Path) -> None:
    """Remove a temporary runs folder."""
    shutil.rmtree(folder, ignore_errors=True)
