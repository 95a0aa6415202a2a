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

# word as written -> stemmed term ("" when stopped); word as written -> folded term ("" when stopped)
_stem_cache: dict[str, str] = {}
_fold_cache: dict[str, str] = {}
# word as written -> folded term (names: nothing is stopped)
_name_cache: dict[str, str] = {}


def _learn(words: list[str]) -> None:
    """Put the stemmed and folded forms of new words in the caches."""
    if len(_stem_cache) > _CACHE_LIMIT:
        _stem_cache.clear()
        _fold_cache.clear()
    for word in set(words).difference(_stem_cache):
        folded = fold_word(word.lower())
        if len(folded) < _MIN or folded in _STOPS:
            _stem_cache[word] = _fold_cache[word] = ""
        else:
            _stem_cache[word] = stem(folded)
            _fold_cache[word] = folded


def text_terms(text: str) -> list[str]:
    """The stemmed, folded, non-stop terms of a text, in order."""
    words = _FIND(text)
    _learn(words)
    return [t for t in map(_stem_cache.__getitem__, words) if t]


def text_positions(
    text: str, vocabulary: set[str] | None = None, sequence: list[str] | None = None
) -> tuple[dict[str, list[int]], int]:
    """Stemmed terms with their positions, and the number of terms (the field length).

    Positions follow Whoosh's StopFilter(renumber=True): the first kept word keeps its
    index among all words, each later kept word is one more. When `vocabulary` is
    given, the folded unstemmed words are added to it; when `sequence` is given, the
    terms are appended to it in text order.
    """
    words = _FIND(text)
    _learn(words)
    stems = list(map(_stem_cache.__getitem__, words))
    terms = [t for t in stems if t]
    if not terms:
        return {}, 0
    if vocabulary is not None:
        vocabulary.update(map(_fold_cache.__getitem__, words))
        vocabulary.discard("")
    if sequence is not None:
        sequence.extend(terms)
    first = stems.index(terms[0])
    poses: dict[str, list[int]] = {}
    get = poses.get
    for pos, term in enumerate(terms, first):
        found = get(term)
        if found is None:
            poses[term] = [pos]
        else:
            found.append(pos)
    return poses, len(terms)


def name_positions(text: str) -> tuple[dict[str, list[int]], int]:
    """Folded, unstemmed terms with positions (name_analyzer), and the field length."""
    poses: dict[str, list[int]] = {}
    cache = _name_cache
    n = 0
    for n, word in enumerate(_FIND(text), 1):
        term = cache.get(word)
        if term is None:
            term = cache[word] = fold_word(word.lower())
        found = poses.get(term)
        if found is None:
            poses[term] = [n - 1]
        else:
            found.append(n - 1)
    return poses, n


def vocabulary_terms(text: str) -> set[str]:
    """The folded, unstemmed, non-stop words of a text (vocabulary_analyzer)."""
    words: set[str] = set()
    text_positions(text, words)
    return words
