"""Bulk build memory: a segment's terms table is streamed, not gathered (issue 14)."""

from __future__ import annotations

import io
import os
import pickle
import random
import tracemalloc
from array import array

import pytest
from whoosh import index as whoosh_index
from whoosh.filedb.filetables import OrderedHashReader, OrderedHashWriter
from whoosh.filedb.structfile import StructFile
from whoosh.query import Term

from searcher.index.chunks import LEXICON_FIELD, read_run
from searcher.index.schema import build_schema
from searcher.index.whoosh.hashes import CompactHashWriter, md5_low32
from searcher.index.whoosh.segment import SegmentAssembler, write_toc


class _Kept(io.BytesIO):
    def close(self) -> None:  # the bytes are read after the writer closes its file
        pass


def _hash_file(writer_of, keys: list[bytes]) -> bytes:
    buffer = _Kept()
    writer = writer_of(OrderedHashWriter(StructFile(buffer)))
    for n, key in enumerate(keys):
        writer.add(key, b"value %d" % n)
    writer.close()
    return buffer.getvalue()


def test_the_compact_hash_writer_writes_whooshs_file_byte_for_byte():
    rng = random.Random(7)
    keys = sorted(
        {bytes(rng.randrange(256) for _ in range(rng.randrange(1, 12))) for _ in range(5000)}
    )
    compact = _hash_file(CompactHashWriter.adopt, keys)
    assert compact == _hash_file(lambda writer: writer, keys)
    reader = OrderedHashReader(StructFile(io.BytesIO(compact)), len(compact))
    assert reader[keys[1234]] == b"value 1234"
    assert md5_low32(b"harbour") == reader.hashfn(b"harbour")


def test_only_a_fresh_writer_is_taken_over():
    writer = OrderedHashWriter(StructFile(_Kept()))
    writer.add(b"a", b"1")
    with pytest.raises(ValueError):
        CompactHashWriter.adopt(writer)


def _runs(folder, n: int) -> list[str]:
    """A run file of n documents' id terms (one posting each), in term order."""
    path = os.path.join(folder, "ids.postings")
    records = [
        (("id", b"article-%07d" % i), array("I", [i]), array("f", [1.0]), [b""]) for i in range(n)
    ]
    with open(path, "wb") as handle:
        for start in range(0, n, 2000):
            pickle.dump(records[start : start + 2000], handle, pickle.HIGHEST_PROTOCOL)
    return [path]


@pytest.mark.slow
def test_writing_a_segments_terms_table_does_not_hold_its_rows(tmp_path):
    # 40k terms: their rows gathered in lists (and Whoosh's hash tuples) took about
    # 400 bytes a term, 16 MB; streamed, what stays is 24 bytes a term in arrays.
    n = 40_000
    schema = build_schema()
    assembler = SegmentAssembler(tmp_path, schema, LEXICON_FIELD)
    assembler.add_documents([({"id": f"article-{i:07d}"}, {}, {}) for i in range(n)])
    runs = _runs(tmp_path, n)
    tracemalloc.start()
    try:
        segment = assembler.write([runs], read_run)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6 * 2**20, f"{peak / 2**20:.1f} MB"
    write_toc(tmp_path, schema, [segment])
    with whoosh_index.open_dir(str(tmp_path)).searcher() as s:
        assert s.doc_count() == n
        assert [hit["id"] for hit in s.search(Term("id", "article-0012345"))] == ["article-0012345"]
