"""The analyses of analysis.py as plain functions, for bulk indexing.

Whoosh's analyzers build a Token object per word and pass it through a chain of
generators; at hundreds of words per article that dominates analysis time. These
functions apply the same definitions (tests compare them with the Whoosh analyzers)
from one regex pass and a per-word cache. The bulk build analyses names with them and
text a chunk at a time (tokenbuffer.py, tested against text_positions and
vocabulary_terms here); near-duplicate signatures of single articles use text_terms.
"""

from __future__ import annotations

import re

from ..textfold import fold_word
from .analysis import MIN_WORD, NAME, STEM, STOPS, TEXT, TOKEN_PATTERN, VOCABULARY, Analysis

# The words of a text, as the analyzers' RegexTokenizer finds them.
FIND_WORDS = re.compile(TOKEN_PATTERN, re.UNICODE).findall
_CACHE_LIMIT = 500_000


def analyse_word(analysis: Analysis, word: str) -> str:
    """The term a word becomes under an analysis ("" when it is stopped)."""
    term = fold_word(word.lower())
    if analysis.stop and (len(term) < MIN_WORD or term in STOPS):
        return ""
    return STEM(term) if analysis.stem else term


class _Terms(dict):
    """Word as written -> its term under one analysis, computed on first lookup."""

    def __init__(self, analysis: Analysis):
        super().__init__()
        self.analysis = analysis

    def __missing__(self, word: str) -> str:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        term = self[word] = analyse_word(self.analysis, word)
        return term


# Lookups through map() stay in C for words seen before, which is nearly all of them.
_stem_cache = _Terms(TEXT)
_fold_cache = _Terms(VOCABULARY)
_name_cache = _Terms(NAME)


def text_terms(text: str) -> list[str]:
    """The stemmed, folded, non-stop terms of a text, in order."""
    return list(filter(None, map(_stem_cache.__getitem__, FIND_WORDS(text))))


def text_sequence(text: str, vocabulary: list[str] | None = None) -> tuple[list[str], int]:
    """The stemmed terms of a text in order, and the position of the first one.

    Positions follow Whoosh's StopFilter(renumber=True): the first kept word keeps its
    index among all words, each later kept word is one more. When `vocabulary` is
    given, the folded unstemmed words (but stop words) are appended to it.
    """
    words = FIND_WORDS(text)
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
    for n, term in enumerate(map(cache.__getitem__, FIND_WORDS(text)), 1):
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
