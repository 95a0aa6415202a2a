"""The analyzers of analysis.py as plain functions, for bulk indexing.

Whoosh's analyzers build a Token object per word and pass it through a chain of
generators; at hundreds of words per article that dominates analysis time. These
functions produce the same terms and positions (tests compare them with the Whoosh
analyzers) from one regex pass and a per-word cache.
"""

from __future__ import annotations

import re

from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem

from ..textfold import fold_word
from .analysis import TOKEN_PATTERN

_FIND = re.compile(TOKEN_PATTERN, re.UNICODE).findall
_STOPS = frozenset(STOP_WORDS)
# Words longer than the stop filter's minimum size are kept (StopFilter minsize=2).
_MIN = 2
_CACHE_LIMIT = 500_000


class _FoldCache(dict):
    """Word as written -> folded term ("" when stopped), computed on first lookup."""

    def __missing__(self, word: str) -> str:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        folded = fold_word(word.lower())
        term = self[word] = "" if len(folded) < _MIN or folded in _STOPS else folded
        return term


class _StemCache(dict):
    """Word as written -> stemmed term ("" when stopped), computed on first lookup."""

    def __missing__(self, word: str) -> str:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        folded = _fold_cache[word]
        term = self[word] = stem(folded) if folded else ""
        return term


class _NameCache(dict):
    """Word as written -> folded term (names: nothing is stopped), computed on first lookup."""

    def __missing__(self, word: str) -> str:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        term = self[word] = fold_word(word.lower())
        return term


# Lookups through map() stay in C for words seen before, which is nearly all of them.
_fold_cache = _FoldCache()
_stem_cache = _StemCache()
_name_cache = _NameCache()


def text_terms(text: str) -> list[str]:
    """The stemmed, folded, non-stop terms of a text, in order."""
    return list(filter(None, map(_stem_cache.__getitem__, _FIND(text))))


def text_sequence(text: str, vocabulary: list[str] | None = None) -> tuple[list[str], int]:
    """The stemmed terms of a text in order, and the position of the first one.

    Positions follow Whoosh's StopFilter(renumber=True): the first kept word keeps its
    index among all words, each later kept word is one more. When `vocabulary` is
    given, the folded unstemmed words (but stop words) are appended to it.
    """
    words = _FIND(text)
    stems = list(map(_stem_cache.__getitem__, words))
    terms = list(filter(None, stems))
    if not terms:
        return terms, 0
    if vocabulary is not None:
        vocabulary.extend(filter(None, map(_fold_cache.__getitem__, words)))
    return terms, stems.index(terms[0])


def text_positions(text: str) -> tuple[dict[str, list[int]], int]:
    """Stemmed terms with their positions, and the number of terms (the field length)."""
    terms, first = text_sequence(text)
    poses: dict[str, list[int]] = {}
    for pos, term in enumerate(terms, first):
        poses.setdefault(term, []).append(pos)
    return poses, len(terms)


def name_positions(text: str) -> tuple[dict[str, list[int]], int]:
    """Folded, unstemmed terms with positions (name_analyzer), and the field length."""
    poses: dict[str, list[int]] = {}
    cache = _name_cache
    n = 0
    for n, term in enumerate(map(cache.__getitem__, _FIND(text)), 1):
        found = poses.get(term)
        if found is None:
            poses[term] = [n - 1]
        else:
            found.append(n - 1)
    return poses, n


def vocabulary_terms(text: str) -> set[str]:
    """The folded, unstemmed, non-stop words of a text (vocabulary_analyzer)."""
    words: list[str] = []
    text_sequence(text, words)
    return set(words)
