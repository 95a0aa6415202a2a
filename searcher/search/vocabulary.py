"""The index's unstemmed vocabulary with document frequencies, loaded once per index generation."""

from __future__ import annotations

import threading
from collections import defaultdict

VOCABULARY_FIELD = "words"


class Vocabulary:
    """Words and how many documents hold each, bucketed by length for fast typo candidates."""

    def __init__(self, frequencies: dict[str, int]):
        self.df = frequencies
        buckets: dict[int, list[str]] = defaultdict(list)
        for word in frequencies:
            buckets[len(word)].append(word)
        self.by_length = dict(buckets)

    def __contains__(self, word: str) -> bool:
        return word in self.df

    def __len__(self) -> int:
        return len(self.df)

    def frequency(self, word: str) -> int:
        """Documents containing the word (0 when unknown)."""
        return self.df.get(word, 0)

    def words_near_length(self, length: int, spread: int) -> list[str]:
        """Words whose length is within `spread` of `length`."""
        out: list[str] = []
        for n in range(max(1, length - spread), length + spread + 1):
            out.extend(self.by_length.get(n, ()))
        return out

    @classmethod
    def from_reader(cls, reader, fieldname: str = VOCABULARY_FIELD) -> "Vocabulary":
        """Read the field's terms and document frequencies from an index reader."""
        frequencies: dict[str, int] = {}
        if fieldname not in reader.schema.names():
            return cls(frequencies)
        # Segment by segment: Whoosh's merged term iterator fails on multi-segment indexes.
        get = frequencies.get
        for leaf, _offset in reader.leaf_readers():
            for text, info in leaf.iter_field(fieldname):
                if isinstance(text, bytes):
                    text = text.decode("utf-8")
                frequencies[text] = get(text, 0) + info.doc_frequency()
        return cls(frequencies)


_CACHE: dict[tuple[str, int], Vocabulary] = {}
_LOCK = threading.Lock()


def vocabulary_for(index, reader) -> Vocabulary:
    """The cached vocabulary of this index generation (built on first use, shared by threads)."""
    key = (str(getattr(getattr(index, "storage", None), "folder", id(index))), reader.generation())
    with _LOCK:
        found = _CACHE.get(key)
        if found is None:
            # Only the newest generation of each index is worth keeping.
            for old in [k for k in _CACHE if k[0] == key[0]]:
                del _CACHE[old]
            found = _CACHE[key] = Vocabulary.from_reader(reader)
        return found
