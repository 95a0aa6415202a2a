"""Token positions stored as varint deltas: the posting value of searcher's text fields.

Whoosh's Positions format stores each posting's positions as a 4-byte count plus a
pickled list (about 12 bytes for one position); the same list as varint deltas takes
1 or 2 bytes. Positions are most of an index's postings, so this one change makes
the index much smaller and faster to write. Decoding is only needed for phrase and
proximity queries.
"""

from __future__ import annotations

from collections.abc import Sequence

from whoosh.formats import Positions

# Encoded values of position lists seen before (bulk indexing encodes millions).
POSITION_CACHE: dict = {}


def encode_positions(poslist: Sequence[int]) -> bytes:
    """Sorted positions as varint-encoded deltas (the first delta is from 0)."""
    out = bytearray()
    base = 0
    for pos in poslist:
        delta = pos - base
        base = pos
        while delta >= 0x80:
            out.append((delta & 0x7F) | 0x80)
            delta >>= 7
        out.append(delta)
    return bytes(out)


def encode_positions_cached(poslist: Sequence[int]) -> bytes:
    """encode_positions, memoized (most postings have one small position)."""
    key = poslist[0] if len(poslist) == 1 else tuple(poslist)
    value = POSITION_CACHE.get(key)
    if value is None:
        if len(POSITION_CACHE) > 200_000:
            POSITION_CACHE.clear()
        value = POSITION_CACHE[key] = encode_positions(poslist)
    return value


def decode_positions(value: bytes) -> list[int]:
    """The positions of encode_positions' bytes."""
    positions = []
    pos = shift = delta = 0
    for byte in value:
        delta |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
        else:
            pos += delta
            positions.append(pos)
            delta = shift = 0
    return positions


class VarintPositions(Positions):
    """Whoosh's Positions format with compact varint values."""

    def encode(self, poslist):
        return encode_positions(poslist)

    def decode_positions(self, valuestring):
        return decode_positions(valuestring)

    def decode_frequency(self, valuestring):
        return sum(1 for byte in valuestring if byte < 0x80)
