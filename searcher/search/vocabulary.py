"""The index's unstemmed vocabulary, loaded once per index generation (and kept in a small cache file)."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

VOCABULARY_FIELD = "words"
CACHE_PREFIX = "search-vocabulary-"


class Vocabulary:
    """Words bucketed by length for fast typo candidates; document frequencies looked up on demand."""

    def __init__(
        self, words: Iterable[str] | dict[str, int], frequency: Callable[[str], int] | None = None
    ):
        if isinstance(words, dict):
            counts = dict(words)
            self.words = set(counts)
            frequency = frequency or (lambda w: counts.get(w, 0))
        else:
            self.words = set(words)
        self._frequency = frequency or (lambda w: 1 if w in self.words else 0)
        self.longest = max(map(len, self.words), default=0)
        # The words by length, made on first use and shared with bound() views: a one-edit
        # typo is found by lookups alone, and "did you mean" in a one-shot command should
        # not sort the whole vocabulary.
        self._buckets: list[dict[int, list[str]]] = []

    @property
    def by_length(self) -> dict[int, list[str]]:
        """The words of each length, sorted."""
        if not self._buckets:
            buckets: dict[int, list[str]] = defaultdict(list)
            for word in sorted(self.words):
                buckets[len(word)].append(word)
            self._buckets.append(dict(buckets))
        return self._buckets[0]

    def bucketed(self) -> Vocabulary:
        """This vocabulary with its length buckets made (a fuzzy search makes them on loading
        it, so that its first typo of two edits costs what the others cost)."""
        _ = self.by_length
        return self

    def bound(self, frequency: Callable[[str], int]) -> Vocabulary:
        """The same words, with document frequencies from `frequency` (e.g. this thread's reader)."""
        view = object.__new__(Vocabulary)
        view.words, view._buckets, view._frequency = self.words, self._buckets, frequency
        view.longest = self.longest
        return view

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)

    def frequency(self, word: str) -> int:
        """Documents containing the word (0 when unknown)."""
        return self._frequency(word) if word in self.words else 0

    def words_near_length(self, length: int, spread: int) -> list[str]:
        """Words whose length is within `spread` of `length`."""
        out: list[str] = []
        for n in range(max(1, length - spread), length + spread + 1):
            out.extend(self.by_length.get(n, ()))
        return out


def read_words(reader, fieldname: str = VOCABULARY_FIELD) -> set[str]:
    """Every term of the vocabulary field, segment by segment."""
    words: set[str] = set()
    if fieldname not in reader.schema.names():
        return words
    for leaf, _offset in reader.leaf_readers():
        for term in leaf.lexicon(fieldname):
            words.add(term.decode("utf-8") if isinstance(term, bytes) else term)
    return words


def load_words(reader, folder: Path | None, key: str) -> set[str]:
    """The vocabulary, from `folder`'s cache file for `key` when present, else read and cached there.

    Reading Whoosh's term table takes about a second per 100k words, too slow for each
    command-line search; the cache file reads in milliseconds. A folder that cannot be
    written to just means no cache.
    """
    path = folder / f"{CACHE_PREFIX}{key}.txt" if folder is not None else None
    if path is not None:
        try:
            return set(path.read_text(encoding="utf-8").split("\n")) - {""}
        except (OSError, UnicodeDecodeError):
            pass  # missing or damaged: read the term table again and rewrite the cache
    words = read_words(reader)
    if folder is not None and path is not None:
        try:
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text("\n".join(sorted(words)), encoding="utf-8")
            os.replace(tmp, path)
            for old in folder.glob(f"{CACHE_PREFIX}*.txt"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
    return words
