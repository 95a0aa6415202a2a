"""Indexes of several segments: no 32-bit ceiling, and the same answers as one segment."""

from __future__ import annotations

import base64
import io
import json
import shutil

import pytest
from whoosh import index as whoosh_index
from whoosh.columns import VarBytesColumn
from whoosh.filedb.structfile import StructFile
from whoosh.qparser import QueryParser

from searcher import open_searcher
from searcher.index import rebuild
from searcher.index.store import current_generation, read_meta
from searcher.index.whoosh.segment import widen_column

GAP = 2**32 + 5


class _Gap:
    """A value of 4 GiB that is never in memory: the file skips it (a sparse hole)."""

    def __len__(self) -> int:
        return GAP


class _SparseFile(io.FileIO):
    def write(self, data) -> int:  # type: ignore[override]  # a gap is a seek, not bytes
        if isinstance(data, _Gap):
            self.seek(len(data), io.SEEK_CUR)
            return len(data)
        return super().write(data)


def _write_column(path, widen: bool, cutoff: int) -> int:
    column = VarBytesColumn(allow_offsets=True, write_offsets_cutoff=cutoff)
    dbfile = StructFile(_SparseFile(str(path), "w+"))
    writer = column.writer(dbfile)
    if widen:
        widen_column(writer)
    writer.add(0, b"before the gap")
    writer.add(1, _Gap())
    writer.add(2, b"after the gap")
    writer.finish(3)
    length = dbfile.tell()
    dbfile.close()
    return length


@pytest.mark.parametrize("cutoff", [0, 2**15], ids=["offsets-stored", "offsets-derived"])
def test_a_stored_column_past_4_gib_of_offsets_reads_back(tmp_path, cutoff):
    path = tmp_path / "column"
    length = _write_column(path, widen=True, cutoff=cutoff)
    stat = path.stat()
    assert stat.st_size > 2**32 and stat.st_blocks * 512 < 2**20  # sparse: nothing written
    reader = VarBytesColumn().reader(StructFile(open(path, "rb")), 0, length, 3)
    assert reader[0] == b"before the gap"
    assert reader[2] == b"after the gap"


def test_whoosh_alone_stops_at_4_gib_of_offsets(tmp_path):
    # What the widening fixes: Whoosh's own arrays refuse the offset past 2**32.
    with pytest.raises(OverflowError):
        _write_column(tmp_path / "column", widen=False, cutoff=0)


@pytest.fixture(scope="module")
def two_indexes(tmp_path_factory, bundled_corpus):
    """The bundled corpus indexed in one segment and in segments of 7 articles."""
    base = tmp_path_factory.mktemp("segments")
    one, many = base / "one", base / "many"
    rebuild(bundled_corpus, one, workers=1)
    many.mkdir()
    shutil.copy(one / "records.sqlite", many / "records.sqlite")
    # In one process: each chunk's clusters are assigned while its articles are added.
    rebuild(bundled_corpus, many, workers=1, segment_docs=7)
    return one, many


def test_segments_are_whoosh_segments(two_indexes):
    one, many = two_indexes
    segments = read_meta(current_generation(many))["bulk_segments"]
    assert len(segments) == 10  # 67 articles
    answers = []
    for root in (one, many):
        ix = whoosh_index.open_dir(str(current_generation(root)))
        with ix.searcher() as s:
            query = QueryParser("body", ix.schema).parse("strike port")
            answers.append(sorted(hit["id"] for hit in s.search(query, limit=None)))
        assert len(ix.reader().leaf_readers()) == (1 if root == one else 10)
    assert answers[0] == answers[1] and answers[0]


QUERIES = [
    {"query": "port strike", "facets": ["outlet", "author", "month"], "limit": 3},
    {"query": "flood", "sort": "newest", "limit": 4},
    {"query": "dockwrokers", "fuzzy": True, "limit": 2},
    {"query": "dockwrokers"},
    {"query": "council budget", "any": True, "facets": ["tag", "year"], "page": 2, "limit": 3},
    {"query": "election", "since": "2024-01", "facets": ["lang"]},
    {"query": "water", "feedback": True, "limit": 5},
]


def _without_generation(answer: dict) -> dict:
    """A search answer with its cursor's index generation left out (each index has its own)."""
    if answer.get("next"):
        token = answer["next"]
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        answer = {**answer, "next": data[:1] + data[2:]}
    return answer


def _answers(root) -> list:
    out = []
    with open_searcher(root) as searcher:
        for options in QUERIES:
            results = searcher.search(**options)
            out.append(_without_generation(results.to_dict()))
            if results.next:
                after = searcher.search(**options, after=results.next)
                out.append(_without_generation(after.to_dict()))
        out.append(searcher.quotes("wall").to_dict())
        out.append(searcher.timeline("strike").to_dict())
        out.append(searcher.terms("flood").to_dict())
        stats = searcher.stats().to_dict()
        out.append(
            {k: v for k, v in stats.items() if k not in ("generation", "size_bytes", "index")}
        )
    return out


def test_a_multi_segment_index_answers_as_one_segment_does(two_indexes):
    # Ranking, facets, snippets, did-you-mean, fuzzy expansion, cursors, quotes and the
    # analyses read across segments: the answers are the same, score for score.
    one, many = two_indexes
    expected, got = _answers(one), _answers(many)
    assert len(expected) == len(got)
    for want, have in zip(expected, got, strict=True):
        assert have == want
