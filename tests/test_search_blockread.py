"""Posting blocks read together with numpy give what unpickling each block gives."""

from __future__ import annotations

import pickle
import random
import zlib

import numpy as np
import pytest

from searcher.index.whoosh.blocklists import _read_blocks


def _block(rng: random.Random, kind: str, first: int) -> tuple[bytes, list[int], list[float]]:
    """One block's data as blocks.py writes it: (deltas, weights, values), pickled."""
    n = rng.randint(1, 128)
    step = 300 if kind == "wide" else 3
    ids = sorted(rng.sample(range(first, first + n * step), n))
    deltas = (ids[0], *[b - a for a, b in zip(ids, ids[1:], strict=False)])
    if kind == "ones":
        weights: object = None
        expected = [1.0] * n
    elif kind == "equal":
        weights = 2.5
        expected = [2.5] * n
    else:
        expected = [float(rng.randint(1, 9)) for _ in range(n)]
        weights = tuple(expected)
    values = tuple(bytes([rng.randint(0, 255)]) for _ in range(n))
    raw = pickle.dumps((deltas, weights, values), pickle.HIGHEST_PROTOCOL)
    return raw, list(deltas), expected


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    "kinds",
    [("tuple",), ("tuple", "ones", "equal"), ("tuple", "wide"), ("wide", "ones")],
)
def test_blocks_read_together_equal_each_block_unpickled(seed, kinds):
    rng = random.Random(seed)
    raws, counts, ids, weights = [], [], [], []
    first = 0
    for _ in range(rng.randint(1, 12)):
        raw, deltas, expected = _block(rng, rng.choice(kinds), first)
        raws.append(raw)
        counts.append(len(deltas))
        ids += deltas
        weights += expected
        first += 128 * 300
    got_ids, got_weights = _read_blocks(raws, counts)
    assert got_ids.tolist() == ids
    assert got_weights.tolist() == weights
    assert got_weights.dtype == np.float64


@pytest.mark.parametrize("seed", range(4))
def test_compressed_blocks_of_every_layout_decode_to_their_postings(seed):
    """Blocks are decompressed only as far as their weights; one read by pickle is finished."""
    from searcher.index.whoosh.blocklists import SegmentBlocks

    rng = random.Random(seed)
    buf, spans, lasts, counts, ids, weights = b"", [], [], [], [], []
    first = 0
    for _ in range(rng.randint(2, 10)):
        raw, deltas, expected = _block(rng, rng.choice(("tuple", "wide", "ones", "equal")), first)
        data = zlib.compress(raw) if rng.random() < 0.8 else raw
        spans.append((len(buf), len(buf) + len(data), 1 if data is not raw else 0))
        buf += data
        block_ids = np.cumsum(deltas).tolist()
        ids += block_ids
        weights += expected
        lasts.append(block_ids[-1])
        counts.append(len(deltas))
        first = block_ids[-1] + 1
    blocks = SegmentBlocks(
        np.array(lasts, dtype=np.int64),
        np.array(counts, dtype=np.int64),
        np.ones(len(lasts)),
        np.zeros(len(lasts), dtype=np.uint8),
        buf,
        spans,
    )
    got_ids, got_weights = blocks.all()
    assert got_ids.tolist() == ids
    assert got_weights.tolist() == weights
