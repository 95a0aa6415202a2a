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

# word as written -> (stemmed term or "" when stopped, folded term or "" when stopped)
_text_cache: dict[str, tuple[str, str]] = {}
# word as written -> folded term (names: nothing is stopped)
_name_cache: dict[str, str] = {}


def _text_terms(word: str) -> tuple[str, str]:
    folded = fold_word(word.lower())
    if len(folded) < _MIN or folded in _STOPS:
        result = ("", "")
    else:
        result = (stem(folded), folded)
    if len(_text_cache) > _CACHE_LIMIT:
        _text_cache.clear()
    _text_cache[word] = result
    return result


def text_positions(
    text: str, vocabulary: set[str] | None = None, sequence: list[str] | None = None
) -> tuple[dict[str, list[int]], int]:
    """Stemmed terms with their positions, and the number of terms (the field length).

    Positions follow Whoosh's StopFilter(renumber=True): the first kept word keeps its
    index among all words, each later kept word is one more. When `vocabulary` is
    given, the folded unstemmed words are added to it; when `sequence` is given, the
    terms are appended to it in text order.
    """
    poses: dict[str, list[int]] = {}
    pos = -1
    first = True
    cache = _text_cache
    for i, word in enumerate(_FIND(text)):
        terms = cache.get(word)
        if terms is None:
            terms = _text_terms(word)
        term = terms[0]
        if not term:
            continue
        if first:
            pos, first = i, False
        else:
            pos += 1
        if vocabulary is not None:
            vocabulary.add(terms[1])
        if sequence is not None:
            sequence.append(term)
        found = poses.get(term)
        if found is None:
            poses[term] = [pos]
        else:
            found.append(pos)
    return poses, (0 if first else sum(len(p) for p in poses.values()))


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


def text_terms(text: str) -> list[str]:
    """The stemmed, folded, non-stop terms of a text in order."""
    sequence: list[str] = []
    text_positions(text, None, sequence)
    return sequence


def vocabulary_terms(text: str) -> set[str]:
    """The folded, unstemmed, non-stop words of a text (vocabulary_analyzer)."""
    words: set[str] = set()
    text_positions(text, words)
    return words
