"""The terms table's hash writer with compact per-term entries (the same file as Whoosh's).

Whoosh's OrderedHashWriter remembers each key's (hash, position) as a tuple in one of
256 lists until it writes the hash tables at the end: about 130 bytes a term, and a
segment has a term or more per article (ids, urls, clusters). Here they are 8-byte
integers in arrays (16 bytes a term), and the key's MD5 hash is read from the digest's
bytes instead of its hexadecimal text. The file written is byte for byte the same.
"""

from __future__ import annotations

import hashlib
from array import array
from typing import Any

import numpy as np
from whoosh.filedb.filetables import OrderedHashWriter

# Whoosh's hash table slot: (hash value "!I", key position "!q").
_SLOT = np.dtype([("hash", ">u4"), ("position", ">i8")])
# The hash type OrderedHashWriter uses (0: the low 32 bits of the key's MD5).
_MD5 = 0


def md5_low32(key: bytes) -> int:
    """Whoosh's md5_hash of a key (the digest's last four bytes, big-endian)."""
    return int.from_bytes(hashlib.md5(key, usedforsecurity=False).digest()[12:], "big")


class CompactHashWriter(OrderedHashWriter):
    """An OrderedHashWriter whose bucket entries are kept in arrays; see the module docstring."""

    lastkey: bytes

    @classmethod
    def adopt(cls, writer: OrderedHashWriter) -> CompactHashWriter:
        """Take over a fresh OrderedHashWriter (its header is written already, no key added)."""
        if writer.hashtype != _MD5 or any(writer.buckets) or len(writer.index):
            raise ValueError("only a fresh MD5 ordered hash writer can be taken over")
        compact = cls.__new__(cls)
        compact.__dict__.update(writer.__dict__)
        compact.buckets = [array("q") for _ in range(256)]
        return compact

    def add(self, key: bytes, value: bytes) -> None:
        """Add a key (greater than the last one) and its value."""
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        dbfile = self.dbfile
        pos = dbfile.tell()
        self.index.append(pos)
        dbfile.write(len(key).to_bytes(4, "big", signed=True))
        dbfile.write(len(value).to_bytes(4, "big", signed=True))
        dbfile.write(key)
        dbfile.write(value)
        h = md5_low32(key)
        bucket = self.buckets[h & 255]
        bucket.append(h)
        bucket.append(pos)
        self.lastkey = key

    def _write_hashes(self) -> None:
        # The same open addressing as HashWriter._write_hashes, in the same order.
        dbfile = self.dbfile
        for entries in self.buckets:
            pos = dbfile.tell()
            numslots = len(entries)  # two slots per key: the array holds two values per key
            self.directory.append((pos, numslots))
            slots = array("q")
            taken = bytearray(numslots)
            for hashval in entries[0::2]:
                slot = (hashval >> 8) % numslots
                while taken[slot]:
                    slot = (slot + 1) % numslots
                taken[slot] = 1
                slots.append(slot)
            table = np.zeros(numslots, dtype=_SLOT)
            pairs = np.frombuffer(entries, dtype=np.int64).reshape(-1, 2)
            at = np.frombuffer(slots, dtype=np.int64)
            table["hash"][at] = pairs[:, 0]
            table["position"][at] = pairs[:, 1]
            dbfile.write(table.tobytes())


def compact_terms_table(fieldwriter: Any) -> None:
    """Give a fresh W3 field writer a CompactHashWriter for its terms table."""
    fieldwriter._tindex = CompactHashWriter.adopt(fieldwriter._tindex)
