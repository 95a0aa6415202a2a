"""The block table read with numpy equals the headers read one by one with pickle."""

from __future__ import annotations

import pickle
import random
import struct

import pytest

from searcher.index.whoosh.reads import block_headers, block_table

_MAGIC = b"\x00\x00\x00\x00"


def _extent(rng: random.Random, blocks: int, protocol: int, top_id: int) -> bytes:
    """A term's extent in the W3 layout: per block its length, pickled header and data."""
    out = [_MAGIC]
    last = 0
    for k in range(blocks):
        count = rng.randint(1, 128)
        last = min(top_id, last + rng.randint(count, 40_000))
        lengths = (None, None) if rng.random() < 0.2 else (rng.randint(0, 9), rng.randint(9, 255))
        header = (count, last, rng.uniform(0.5, 40.0), rng.choice((0, 1)), *lengths)
        blob = pickle.dumps(header, protocol) + bytes(rng.randint(0, 300))
        size = len(blob)
        out.append(struct.pack("!i", -size if k == blocks - 1 else size) + blob)
    return b"".join(out)


def _by_pickle(buf: bytes) -> list[tuple]:
    return [(h[0], h[1], h[2], h[3], h[4] or 0, start, end) for h, start, end in block_headers(buf)]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize(
    ("blocks", "protocol", "top_id"),
    [
        (1, 2, 10**6),  # few blocks: read by pickle
        (300, 2, 10**9),  # searcher's writer: read with numpy
        (300, 2, 2**40),  # ids past 31 bits: pickle writes them another way
        (300, 5, 10**6),  # Whoosh's own writer pickles headers with protocol 5
    ],
)
def test_block_table_equals_the_headers_read_one_by_one(seed, blocks, protocol, top_id):
    buf = _extent(random.Random(seed), blocks, protocol, top_id)
    table = block_table(buf)
    got = list(
        zip(
            table.postings.tolist(),
            table.last.tolist(),
            table.maxweight.tolist(),
            table.compression.tolist(),
            table.minlength.tolist(),
            table.start.tolist(),
            table.end.tolist(),
            strict=True,
        )
    )
    assert got == _by_pickle(buf)


def test_the_writers_headers_are_read_without_pickle(monkeypatch):
    from searcher.index.whoosh import reads

    buf = _extent(random.Random(7), 300, 2, 10**9)
    expected = _by_pickle(buf)

    def no_pickle(_buf):
        raise AssertionError("headers unpickled one by one")

    monkeypatch.setattr(reads, "block_headers", no_pickle)
    table = reads.block_table(buf)
    assert table.postings.tolist() == [row[0] for row in expected]
    assert table.start.tolist() == [row[5] for row in expected]
